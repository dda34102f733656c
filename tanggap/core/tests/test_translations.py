"""Every user-facing string has an English translation, compiled for Django to use."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PO_FILES = sorted(ROOT.glob("*/locale/en/LC_MESSAGES/django.po"))


def _entries(text: str):
    """(msgid, msgstrs, flags) for each entry of a .po file (enough of the format for this check)."""
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if line.strip()]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        key, parts = None, {}
        for line in lines:
            if line.startswith("#"):
                continue
            if line.startswith("msg"):
                key, _, rest = line.partition(" ")
                parts[key] = rest.strip()[1:-1]
            elif key and line.startswith('"'):
                parts[key] += line.strip()[1:-1]
        if parts.get("msgid"):
            strs = [v for k, v in parts.items() if k.startswith("msgstr")]
            yield parts["msgid"], strs, flags


def test_there_are_english_catalogues():
    apps = {p.parts[-5] for p in PO_FILES}
    assert {"core", "accounts", "org", "catalog"} <= apps


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.parts[-5])
def test_every_message_is_translated_and_compiled(po):
    untranslated = [
        msgid
        for msgid, strs, flags in _entries(po.read_text())
        if not all(strs) or "fuzzy" in flags
    ]
    assert untranslated == []
    mo = po.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_size > 0
