"""The static-file storage of production and of `make run`: hashed names, brotli/gzip copies (WhiteNoise)."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class HashedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's storage, with hashed URLs under DEBUG too.

    Django's manifest storage gives the unhashed name when DEBUG is on, so `make run` sent
    /static/css/site.css, which WhiteNoise cannot mark immutable and the browser revalidated on every page
    (a round trip each on a 3G line). The hashed URL is what production sends.
    """

    def url(self, name, force=False):
        return super().url(name, force=True)
