"""Environment readers fail loudly on bad values."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from tanggap.core.env import env_bool, env_int, env_list, env_str


def test_env_bool_accepts_common_spellings(monkeypatch):
    monkeypatch.setenv("X_FLAG", "yes")
    assert env_bool("X_FLAG") is True
    monkeypatch.setenv("X_FLAG", "0")
    assert env_bool("X_FLAG", True) is False


def test_env_bool_rejects_nonsense(monkeypatch):
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("X_FLAG")


def test_env_int_rejects_text(monkeypatch):
    monkeypatch.setenv("X_NUM", "lima")
    with pytest.raises(ImproperlyConfigured):
        env_int("X_NUM", 1)


def test_required_env_str_without_default_raises(monkeypatch):
    monkeypatch.delenv("X_MISSING", raising=False)
    with pytest.raises(ImproperlyConfigured):
        env_str("X_MISSING")


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("X_LIST", "a.go.id, b.go.id,,")
    assert env_list("X_LIST") == ["a.go.id", "b.go.id"]
