"""Static bundles: files made by joining other static files, so that a page needs one request where it
would need several (settings.STATIC_BUNDLES).

The public site has one stylesheet, css/site.css: the base styles and the styles of the queue, complaint
and survey pages. A citizen who saw one page has the stylesheet of every page in the browser's cache; with
one stylesheet per section, the first page of /antrean/ or /pengaduan/ waited a second round trip (2 s on
a rural 3G line) for its section's file. Each part stays its own file in its app, edited there.

`BundleFinder` is a staticfiles finder: collectstatic (hashed, compressed, as production serves it) and
WhiteNoise in tests (finders) see the bundle like any other static file. It writes the bundle into
STATIC_BUNDLE_DIR whenever it is asked for it and a part changed.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage
from django.utils._os import safe_join


def _part_path(part: str) -> Path:
    # Only the other finders know the part: a bundle never contains a bundle.
    for finder in finders.get_finders():
        if isinstance(finder, BundleFinder):
            continue
        found = finder.find(part)
        if found:
            return Path(found)
    raise FileNotFoundError(f"static bundle part {part!r} not found by any finder")


def build(name: str) -> Path:
    """Write bundle `name` (when its content changed) and return its path."""
    parts = settings.STATIC_BUNDLES[name]
    chunks = [f"/* {part} */\n{_part_path(part).read_text(encoding='utf-8')}" for part in parts]
    content = "\n".join(chunks).encode("utf-8")
    target = Path(safe_join(str(settings.STATIC_BUNDLE_DIR), name))
    if target.exists() and target.read_bytes() == content:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed: a server reading the bundle never sees half of it.
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".bundle-")
    with os.fdopen(fd, "wb") as out:
        out.write(content)
    os.replace(temporary, target)
    return target


class BundleFinder(BaseFinder):
    """Finds the bundles of settings.STATIC_BUNDLES, built from their parts when asked."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=settings.STATIC_BUNDLE_DIR)

    def check(self, **kwargs):
        errors = []
        for name, parts in settings.STATIC_BUNDLES.items():
            for part in parts:
                try:
                    _part_path(part)
                except FileNotFoundError:
                    errors.append(
                        Error(
                            f"Static bundle {name} names {part}, which no finder finds.",
                            id="tanggap.E010",
                        )
                    )
        return errors

    def find(self, path, find_all=False, **kwargs):
        if path not in settings.STATIC_BUNDLES:
            return [] if find_all else None
        found = str(build(path))
        return [found] if find_all else found

    def list(self, ignore_patterns):
        for name in settings.STATIC_BUNDLES:
            build(name)
            yield name, self.storage
