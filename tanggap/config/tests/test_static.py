"""Static files: one stylesheet for the public pages (the bundle), and `make run` serving what production
serves (hashed, compressed, immutable)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from tanggap.config import settings as production_settings
from tanggap.config.staticbundle import BundleFinder

ROOT = Path(__file__).resolve().parents[3]
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


def test_site_stylesheet_joins_its_parts_in_order():
    bundle = Path(finders.find("css/site.css")).read_text(encoding="utf-8")
    offsets = []
    for part in production_settings.STATIC_BUNDLES["css/site.css"]:
        content = Path(finders.find(part)).read_text(encoding="utf-8")
        assert content in bundle, part
        offsets.append(bundle.index(content))
    assert offsets == sorted(offsets)


def test_bundle_follows_an_edited_part(tmp_path, settings):
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.css").write_text(".a { color: red; }")
    (source / "b.css").write_text(".b { color: blue; }")
    settings.STATICFILES_DIRS = [source]
    settings.STATIC_BUNDLE_DIR = tmp_path / "out"
    settings.STATIC_BUNDLES = {"all.css": ["a.css", "b.css"]}
    finder = BundleFinder()
    assert [name for name, _storage in finder.list(None)] == ["all.css"]
    assert Path(finder.find("all.css")).read_text().endswith(".b { color: blue; }")
    (source / "b.css").write_text(".b { color: green; }")
    assert Path(finder.find("all.css")).read_text().endswith(".b { color: green; }")
    assert finder.find("a.css") is None  # the parts stay with their own finders
    assert finder.find("all.css", find_all=True) == [str(tmp_path / "out" / "all.css")]


def test_bundle_naming_a_missing_part_fails_the_system_check(tmp_path, settings):
    settings.STATIC_BUNDLE_DIR = tmp_path
    settings.STATIC_BUNDLES = {"all.css": ["css/tanggap.css", "nowhere/missing.css"]}
    errors = BundleFinder().check()
    assert [e.id for e in errors] == ["tanggap.E010"]
    assert "nowhere/missing.css" in errors[0].msg


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/antrean/", "/pengaduan/", "/layanan/"])
def test_public_pages_link_one_stylesheet(client, url):
    """The first page of a section used to wait a second round trip for the section's stylesheet."""
    response = client.get(url)
    assert response.status_code == 200
    assert STYLESHEET.findall(response.content.decode()) == ["/static/css/site.css"]


def _settings_in(environ: dict[str, str], expression: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"TANGGAP_TESTING", "DJANGO_DEBUG"}}
    env.update(environ, PYTHONPATH=str(ROOT))
    code = f"import tanggap.config.settings as s; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_debug_serves_static_files_as_production_does(tmp_path):
    """`make run` (DJANGO_DEBUG=1): hashed, compressed files, no finders, no reloading."""
    expression = (
        "s.STORAGES['staticfiles']['BACKEND'], s.WHITENOISE_USE_FINDERS, s.WHITENOISE_AUTOREFRESH"
    )
    production = _settings_in(
        {"DJANGO_SECRET_KEY": "x" * 50, "TANGGAP_VAR_DIR": str(tmp_path)}, expression
    )
    debug = _settings_in({"DJANGO_DEBUG": "1", "TANGGAP_VAR_DIR": str(tmp_path)}, expression)
    assert debug == production
    assert production == "tanggap.config.staticstorage.HashedStaticFilesStorage False False"
    from_source = _settings_in(
        {
            "DJANGO_DEBUG": "1",
            "TANGGAP_STATIC_FROM_SOURCE": "1",
            "TANGGAP_VAR_DIR": str(tmp_path),
        },
        expression,
    )
    assert from_source == "django.contrib.staticfiles.storage.StaticFilesStorage True True"


def test_static_urls_are_hashed_under_debug_too(tmp_path, settings):
    """Django's manifest storage gives unhashed names when DEBUG is on: not cacheable for a year."""
    import json

    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.templatetags.static import static

    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"paths": {"css/site.css": "css/site.0123abcd.css"}, "version": "1.1"})
    )
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "tanggap.config.staticstorage.HashedStaticFilesStorage"},
    }
    settings.DEBUG = True
    assert staticfiles_storage.url("css/site.css") == "/static/css/site.0123abcd.css"
    assert static("css/site.css") == "/static/css/site.0123abcd.css"
