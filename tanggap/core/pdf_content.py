"""Active content in an uploaded PDF, found and removed with a real parser (pikepdf, on qpdf).

A viewer runs what the parsed objects say, not what the bytes spell: names may be escaped
(`/S/#4AavaScript` is `/S/JavaScript`) and objects may sit compressed inside object streams, so the
check walks every object qpdf resolves, direct and indirect, wherever it was stored. It removes:

- JavaScript: `/JS` entries, the document's `/JavaScript` name tree, JavaScript actions;
- actions that leave the document or run something: launch, submit-form, import-data, go-to another
  file (`/GoToR`, `/GoToE`), rich-media execute, renditions, movies and sounds, links to anything but
  http(s) and mailto (a `file:` or network-share link can start a program or leak a Windows password),
  wherever an action may hang (`/OpenAction`, `/A`, `/AA` triggers, `/Next` chains);
- embedded files (`/EF` of a file specification, the `/EmbeddedFiles` name tree, portfolios) and the
  annotations that carry files, rich media, 3D, screens, movies and sounds;
- XFA forms (`/AcroForm /XFA`, `/NeedsRendering`).

What is left is written again by qpdf (without encryption), read back and checked once more: the stored
file is exactly what was inspected. This module imports nothing of Django or Tanggap because it runs as
a script in a child process (`pdf_check.py` starts it under memory and CPU limits), so a file that makes
the parser loop or crash costs that child, never the web worker.

Protocol: the PDF on stdin; on stdout one JSON line (`{"status": "ok", "removed": [...]}`, or status
`encrypted`, `malformed` or `active`), then, when the status is ok, the cleaned PDF.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from typing import Any

import pikepdf

# Action types that run code, leave the document, or play or open embedded content.
ACTIVE_ACTIONS = {
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/SubmitForm": "submit_form",
    "/ImportData": "import_data",
    "/GoToR": "remote_goto",
    "/GoToE": "remote_goto",
    "/RichMediaExecute": "rich_media",
    "/Rendition": "media",
    "/Movie": "media",
    "/Sound": "media",
}
# Annotations that exist to carry a file, rich media or a player (3D artwork may carry scripts too).
ACTIVE_ANNOTATIONS = {
    "/FileAttachment": "embedded_file",
    "/RichMedia": "rich_media",
    "/3D": "rich_media",
    "/Screen": "media",
    "/Movie": "media",
    "/Sound": "media",
}
# Keys whose value is always removed, wherever they appear.
ACTIVE_KEYS = {
    "/JS": "javascript",
    "/EF": "embedded_file",
    "/RichMediaContent": "rich_media",
    "/XFA": "xfa",
    "/NeedsRendering": "xfa",
    "/Collection": "embedded_file",
}
# Entries of a /Names dictionary that hold scripts or files.
ACTIVE_NAME_TREES = {
    "/JavaScript": "javascript",
    "/EmbeddedFiles": "embedded_file",
    "/AlternatePresentations": "media",
}
ACTION_KEYS = ("/OpenAction", "/A")
SAFE_URI_SCHEMES = ("http://", "https://", "mailto:")
MEMORY_LIMIT = 768 * 1024 * 1024  # address space of the child: far above what a 5 MB PDF needs
CPU_SECONDS = 10
CONTAINERS = (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)
# A dictionary with none of these keys has nothing to remove (an embedded file is a stream with /Type).
WATCHED_KEYS = {
    *ACTION_KEYS,
    *ACTIVE_KEYS,
    "/AA",
    "/Next",
    "/Names",
    "/Annots",
    "/S",
    "/Type",
}


def _dictionaries(pdf) -> Iterator[tuple[Any, set[str]]]:
    """Every dictionary and stream of the document with its keys: each indirect object (qpdf resolves
    those stored in object streams too) and, inside them, every direct one. Children are read after
    the caller has cleaned the parent, so nothing removed is walked."""
    stack = [pdf.trailer, *pdf.objects]
    while stack:
        obj = stack.pop()
        if isinstance(obj, pikepdf.Array):
            stack.extend(
                item for item in obj if isinstance(item, CONTAINERS) and not item.is_indirect
            )
            continue
        is_stream = isinstance(obj, pikepdf.Stream)
        if not is_stream and not isinstance(obj, pikepdf.Dictionary):
            continue
        yield obj, obj.keys()
        entries = (obj.stream_dict if is_stream else obj).as_dict()
        stack.extend(
            child
            for child in entries.values()
            if isinstance(child, CONTAINERS) and not child.is_indirect
        )


def _action_kind(action) -> str | None:
    """What an action (or the first active one of an array of actions) does, when it is active."""
    if isinstance(action, pikepdf.Array):  # a /Next chain: actions, never arrays of arrays
        return next((kind for item in action if (kind := _action_kind_one(item))), None)
    return _action_kind_one(action)


def _action_kind_one(action) -> str | None:
    if not isinstance(action, pikepdf.Dictionary):
        return None
    kind = ACTIVE_ACTIONS.get(_name(action, "/S"))
    if kind is None and "/JS" in action:
        kind = "javascript"
    if kind is None and _name(action, "/S") == "/URI":
        # file: and network-share links open local programs or leak Windows credentials.
        uri = str(action.get("/URI", "")).strip().lower()
        kind = None if uri.startswith(SAFE_URI_SCHEMES) else "unsafe_link"
    return kind


def _name(obj, key: str) -> str:
    """A name entry of a dictionary or stream as text ("" for anything else, or for no dictionary)."""
    if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
        return ""
    value = obj.get(key)
    return str(value) if isinstance(value, pikepdf.Name) else ""


def _clean_one(obj, keys: set[str], found: set[str], active_actions: list, clean: bool) -> None:
    """Remove the active entries of one dictionary (or only note them when clean is False)."""
    if keys.isdisjoint(WATCHED_KEYS):
        return  # almost every dictionary: one look at its keys

    def drop(key: str, label: str) -> None:
        found.add(label)
        if clean:
            del obj[key]

    for key in ACTION_KEYS:
        if key in keys and (kind := _action_kind(obj.get(key))):
            found.add("open_action" if key == "/OpenAction" else kind)
            drop(key, kind)
    triggers = obj.get("/AA") if "/AA" in keys else None
    if isinstance(triggers, pikepdf.Dictionary):
        for trigger in list(triggers.keys()):
            if kind := _action_kind(triggers.get(trigger)):
                found.update((kind, "additional_actions"))
                if clean:
                    del triggers[trigger]
        if clean and not list(triggers.keys()):
            del obj["/AA"]
    chained = obj.get("/Next") if "/Next" in keys else None
    if chained is not None and (kind := _action_kind(chained)):
        found.add(kind)
        if clean and isinstance(chained, pikepdf.Array):
            obj["/Next"] = pikepdf.Array([a for a in chained if not _action_kind(a)])
        elif clean:
            del obj["/Next"]
    for key in keys & ACTIVE_KEYS.keys():
        drop(key, ACTIVE_KEYS[key])
    # /Names is a dictionary only in the catalogue (in a name tree's nodes it is an array).
    trees = obj.get("/Names") if "/Names" in keys else None
    if isinstance(trees, pikepdf.Dictionary):
        for key, label in ACTIVE_NAME_TREES.items():
            if key in trees:
                found.add(label)
                if clean:
                    del trees[key]
    annots = obj.get("/Annots") if "/Annots" in keys else None
    if isinstance(annots, pikepdf.Array):
        kinds = [ACTIVE_ANNOTATIONS.get(_name(a, "/Subtype")) for a in annots]
        if any(kinds):
            found.update(k for k in kinds if k)
            if clean:
                obj["/Annots"] = pikepdf.Array(
                    [a for a, k in zip(annots, kinds, strict=True) if not k]
                )
    if ("/S" in keys or "/JS" in keys) and (kind := _action_kind(obj)) is not None:
        found.add(kind)
        active_actions.append(obj)
    if (
        "/Type" in keys
        and isinstance(obj, pikepdf.Stream)
        and _name(obj, "/Type") == "/EmbeddedFile"
    ):
        found.add("embedded_file")
        if clean:
            obj.write(b"")
            del obj["/Type"]


def pdf_active_parts(pdf, *, clean: bool) -> set[str]:
    """The kinds of active content in an open PDF; with clean=True they are removed as well."""
    found: set[str] = set()
    active_actions: list = []
    for obj, keys in _dictionaries(pdf):
        _clean_one(obj, keys, found, active_actions, clean)
    if clean:
        # An active action that something still points to (an unusual key) is emptied in place,
        # after every parent was looked at, so no parent took an emptied action for a harmless one.
        for action in active_actions:
            for key in list(action.keys()):
                del action[key]
    return found


def pdf_clean(data: bytes) -> tuple[str, list[str], bytes]:
    """Parse, clean, write again and re-check one PDF: (status, what was removed, cleaned bytes)."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        return "encrypted", [], b""
    except Exception:  # any parser failure is a file we cannot vouch for
        return "malformed", [], b""
    try:
        with pdf:
            if not isinstance(pdf.Root, pikepdf.Dictionary) or len(pdf.pages) == 0:
                return "malformed", [], b""
            removed = pdf_active_parts(pdf, clean=True)
            out = io.BytesIO()
            pdf.save(out, encryption=False, deterministic_id=True)
        cleaned = out.getvalue()
        with pikepdf.open(io.BytesIO(cleaned)) as check:
            if pdf_active_parts(check, clean=False) or len(check.pages) == 0:
                return "active", sorted(removed), b""
    except Exception:
        return "malformed", [], b""
    return "ok", sorted(removed), cleaned


def _limit_self() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    # SIGXCPU at the soft limit, SIGKILL a second later if it is ignored.
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # it writes no file
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main() -> int:
    _limit_self()
    status, removed, cleaned = pdf_clean(sys.stdin.buffer.read())
    sys.stdout.buffer.write(json.dumps({"status": status, "removed": removed}).encode() + b"\n")
    sys.stdout.buffer.write(cleaned)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
