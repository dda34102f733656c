"""The assessment of a registered innovation (DOMAIN.md §4; PP 38/2017 art. 3, Permendagri 104/2018).

Pure rules, no database:
- the five criteria an innovation must meet to qualify ("memenuhi kategori inovasi");
- the verdict on one piece of evidence (*bukti dukung*) and the score it carries: evidence that is
  missing, invalid or not yet validated scores zero (DOMAIN.md §4: "missing evidence scores zero");
- the result of an assessment from the verifier's answers per criterion;
- the rule check of an evidence file against the year's file rules (data, not literals).

The file check here is the *rule* part only (name, sniffed type, size against the year's rules). The content
checks shared with complaint attachments (type read from the first bytes, images re-encoded without
metadata, PDFs cleaned in a child process) are `tanggap.core.uploads.check_one`, which evidence uploads
run first.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tanggap.core.errors import DomainError

__all__ = [
    "COMPLAINT_ATTACHMENT_RULES",
    "AssessmentStatus",
    "CheckedEvidenceFile",
    "Criterion",
    "EvidenceStatus",
    "EvidenceVerdict",
    "FileRules",
    "Result",
    "assessment_result",
    "check_evidence_file",
    "evidence_score",
]


class Criterion(models.TextChoices):
    """The five criteria of a regional innovation (PP 38/2017 art. 3)."""

    PEMBAHARUAN = "pembaharuan", gettext_lazy("Mengandung pembaharuan seluruh atau sebagian unsur")
    BERMANFAAT = "bermanfaat", gettext_lazy("Memberi manfaat bagi daerah dan/atau masyarakat")
    TIDAK_MEMBEBANI = (
        "tidak_membebani",
        gettext_lazy("Tidak membebani atau membatasi masyarakat yang tidak sesuai peraturan"),
    )
    KEWENANGAN_DAERAH = (
        "kewenangan_daerah",
        gettext_lazy("Merupakan urusan pemerintahan yang menjadi kewenangan daerah"),
    )
    DAPAT_DIREPLIKASI = "dapat_direplikasi", gettext_lazy("Dapat direplikasi")


class AssessmentStatus(models.TextChoices):
    """The outcome of an assessment against the five criteria."""

    MEMENUHI = "memenuhi", gettext_lazy("Memenuhi kategori inovasi")
    TIDAK_MEMENUHI = "tidak_memenuhi", gettext_lazy("Tidak memenuhi kategori inovasi")
    BELUM_LENGKAP = "belum_lengkap", gettext_lazy("Penilaian belum lengkap")


class EvidenceStatus(models.TextChoices):
    """The verifier's verdict on one piece of evidence."""

    VALID = "valid", gettext_lazy("Valid")
    INVALID = "tidak_valid", gettext_lazy("Tidak valid")
    PENDING = "menunggu", gettext_lazy("Menunggu validasi")


@dataclass(frozen=True)
class EvidenceVerdict:
    """A verdict on one piece of evidence; an invalid verdict always carries its reason."""

    status: EvidenceStatus
    reason: str = ""

    def __post_init__(self) -> None:
        try:
            status = EvidenceStatus(self.status)
        except ValueError:
            raise DomainError(
                _("Status bukti dukung tidak dikenal: %(status)s.") % {"status": self.status},
                field="status",
            ) from None
        reason = (self.reason or "").strip()
        if status == EvidenceStatus.INVALID and not reason:
            raise DomainError(
                _("Tuliskan alasan mengapa bukti dukung tidak valid."), field="reason"
            )
        object.__setattr__(self, "status", status)
        object.__setattr__(self, "reason", reason)

    @classmethod
    def valid(cls) -> EvidenceVerdict:
        return cls(EvidenceStatus.VALID)

    @classmethod
    def invalid(cls, reason: str) -> EvidenceVerdict:
        return cls(EvidenceStatus.INVALID, reason)

    @classmethod
    def pending(cls) -> EvidenceVerdict:
        return cls(EvidenceStatus.PENDING)


Number = int | float | Decimal


def evidence_score(level_score: Number, verdict: EvidenceVerdict | None) -> Number:
    """The score an indicator's chosen level earns given its evidence: the level's score when the
    evidence is valid; zero when it is missing (None), invalid, or still waiting for validation (it
    counts once validated). The zero has the level score's type (0, 0.0 or Decimal 0)."""
    if isinstance(level_score, bool) or not isinstance(level_score, int | float | Decimal):
        raise DomainError(_("Skor indikator harus berupa angka."), field="score")
    finite = (
        level_score.is_finite() if isinstance(level_score, Decimal) else math.isfinite(level_score)
    )
    if not finite or level_score < 0:
        raise DomainError(
            _("Skor indikator harus berupa angka terhingga, nol atau lebih."), field="score"
        )
    if verdict is not None and not isinstance(verdict, EvidenceVerdict):
        raise DomainError(_("Putusan bukti dukung tidak dikenal."), field="status")
    if verdict is not None and verdict.status == EvidenceStatus.VALID:
        return level_score
    return level_score * 0


@dataclass(frozen=True)
class Result:
    """The outcome of an assessment and the criteria behind it (in the criteria's order)."""

    status: AssessmentStatus
    unmet: tuple[Criterion, ...] = ()
    undecided: tuple[Criterion, ...] = ()

    @property
    def qualifies(self) -> bool:
        return self.status == AssessmentStatus.MEMENUHI


def assessment_result(criteria: Mapping[Criterion | str, bool | None]) -> Result:
    """The result of an assessment from the verifier's answer per criterion (True met, False not met,
    None or absent: not decided yet).

    - "memenuhi" only when all five are met;
    - "tidak_memenuhi" as soon as any criterion is explicitly not met (listed in `unmet`), even while
      others are undecided: one unmet criterion settles the outcome; the undecided ones are still listed;
    - otherwise "belum_lengkap" while any criterion is undecided (listed in `undecided`).
    An unknown criterion or an answer other than True/False/None is refused.
    """
    if not isinstance(criteria, Mapping):
        raise DomainError(_("Jawaban penilaian kriteria tidak dapat dibaca."), field="criteria")
    answers: dict[Criterion, bool | None] = {}
    for key, value in criteria.items():
        try:
            criterion = Criterion(key)
        except ValueError:
            raise DomainError(
                _("Kriteria inovasi tidak dikenal: %(key)s.") % {"key": key}, field="criteria"
            ) from None
        if value is not None and not isinstance(value, bool):
            raise DomainError(
                _("Jawaban untuk kriteria %(label)s harus terpenuhi, tidak terpenuhi, atau kosong.")
                % {"label": criterion.label},
                field="criteria",
            )
        answers[criterion] = value
    unmet = tuple(c for c in Criterion if answers.get(c) is False)
    undecided = tuple(c for c in Criterion if answers.get(c) is None)
    if unmet:
        status = AssessmentStatus.TIDAK_MEMENUHI
    elif undecided:
        status = AssessmentStatus.BELUM_LENGKAP
    else:
        status = AssessmentStatus.MEMENUHI
    return Result(status=status, unmet=unmet, undecided=undecided)


@dataclass(frozen=True)
class FileRules:
    """Which evidence files are accepted: content types with the name extensions each may carry, and
    the largest size in bytes. Rules are data (per year's scheme), never literals in the checks."""

    types: Mapping[str, frozenset[str]]
    max_bytes: int
    description: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.max_bytes, bool) or not isinstance(self.max_bytes, int):
            raise DomainError(_("Batas ukuran berkas harus bilangan bulat."), field="max_bytes")
        if self.max_bytes <= 0 or not self.types:
            raise DomainError(_("Aturan berkas bukti dukung tidak lengkap."), field="rules")
        types = {
            ct.strip().lower(): frozenset(e.strip().lower().lstrip(".") for e in exts)
            for ct, exts in self.types.items()
        }
        object.__setattr__(self, "types", types)


# The same types and default limit as complaint attachments (tanggap.core.uploads.ALLOWED and
# COMPLAINT_ATTACHMENT_MAX_BYTES): photos (JPEG, PNG, WebP) and PDF, at most 5 MB.
COMPLAINT_ATTACHMENT_RULES = FileRules(
    types={
        "image/jpeg": frozenset({"jpg", "jpeg", "jpe", "jfif"}),
        "image/png": frozenset({"png"}),
        "image/webp": frozenset({"webp"}),
        "application/pdf": frozenset({"pdf"}),
    },
    max_bytes=5 * 1024 * 1024,
    description="Foto (JPEG, PNG, WebP) atau PDF",
)


@dataclass(frozen=True)
class CheckedEvidenceFile:
    """An evidence file whose name, type and size passed the rules."""

    name: str
    content_type: str
    extension: str
    size: int


def _megabytes(size: int) -> str:
    mb = size / (1024 * 1024)
    return f"{mb:.0f} MB" if mb >= 1 else f"{size // 1024} KB"


def check_evidence_file(
    name: str, content_type: str, size: int, rules: FileRules = COMPLAINT_ATTACHMENT_RULES
) -> CheckedEvidenceFile:
    """Check an evidence file's name, type and size against the rules before anything is stored.

    `content_type` should be the type read from the file's first bytes (as complaint attachments do),
    not the browser's claim; a name whose extension does not belong to that type is refused as a
    disguised file. The name is reduced to its last path component."""
    if not isinstance(rules, FileRules):
        raise DomainError(_("Aturan berkas bukti dukung tidak dikenal."), field="rules")
    base = str(name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not base.strip("."):
        raise DomainError(_("Berkas bukti dukung tidak bernama."), field="file")
    stem, dot, ext = base.rpartition(".")
    ext = ext.lower()
    if not dot or not stem:
        raise DomainError(
            _("Nama berkas %(name)s tidak memiliki ekstensi.") % {"name": base}, field="file"
        )
    ctype = str(content_type or "").split(";", 1)[0].strip().lower()
    allowed_exts = set().union(*rules.types.values())
    if ctype not in rules.types or ext not in allowed_exts:
        raise DomainError(
            _("Jenis berkas %(name)s tidak diterima. Jenis yang diterima: %(kinds)s.")
            % {"name": base, "kinds": ", ".join(sorted(allowed_exts))},
            field="file",
        )
    if ext not in rules.types[ctype]:
        raise DomainError(
            _("Isi berkas %(name)s tidak sesuai dengan nama/ekstensinya.") % {"name": base},
            field="file",
        )
    if isinstance(size, bool) or not isinstance(size, int) or size < 0:
        raise DomainError(_("Ukuran berkas %(name)s tidak valid.") % {"name": base}, field="file")
    if size == 0:
        raise DomainError(_("Berkas %(name)s kosong.") % {"name": base}, field="file")
    if size > rules.max_bytes:
        raise DomainError(
            _("Berkas %(name)s terlalu besar (paling besar %(max)s).")
            % {"name": base, "max": _megabytes(rules.max_bytes)},
            field="file",
        )
    return CheckedEvidenceFile(name=base, content_type=ctype, extension=ext, size=size)
