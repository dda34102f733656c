"""The five criteria, evidence verdicts and their scores, and the evidence file rules (DOMAIN.md §4)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tanggap.core.errors import DomainError
from tanggap.innovation.criteria import (
    COMPLAINT_ATTACHMENT_RULES,
    AssessmentStatus,
    Criterion,
    EvidenceStatus,
    EvidenceVerdict,
    FileRules,
    assessment_result,
    check_evidence_file,
    evidence_score,
)

ALL_MET = dict.fromkeys(Criterion, True)


def test_there_are_exactly_five_criteria_with_their_codes_and_indonesian_labels():
    assert [c.value for c in Criterion] == [
        "pembaharuan",
        "bermanfaat",
        "tidak_membebani",
        "kewenangan_daerah",
        "dapat_direplikasi",
    ]
    assert Criterion.DAPAT_DIREPLIKASI.label == "Dapat direplikasi"
    assert "pembaharuan" in str(Criterion.PEMBAHARUAN.label)


# --- evidence verdicts and scores ---------------------------------------------------------------


def test_valid_evidence_earns_the_level_score():
    assert evidence_score(3, EvidenceVerdict.valid()) == 3
    assert evidence_score(Decimal("2.5"), EvidenceVerdict.valid()) == Decimal("2.5")


def test_invalid_evidence_scores_zero_and_keeps_its_reason():
    verdict = EvidenceVerdict.invalid("  Foto tidak menunjukkan kegiatan  ")
    assert verdict.status == EvidenceStatus.INVALID
    assert verdict.reason == "Foto tidak menunjukkan kegiatan"
    assert evidence_score(3, verdict) == 0


def test_pending_evidence_counts_zero_until_validated():
    assert evidence_score(Decimal("4"), EvidenceVerdict.pending()) == Decimal("0")
    assert evidence_score(4.0, EvidenceVerdict.pending()) == 0.0


def test_missing_evidence_scores_zero():
    assert evidence_score(5, None) == 0


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_an_invalid_verdict_without_a_reason_is_refused(reason):
    with pytest.raises(DomainError, match="alasan"):
        EvidenceVerdict(EvidenceStatus.INVALID, reason)


def test_an_unknown_verdict_status_is_refused():
    with pytest.raises(DomainError, match="tidak dikenal"):
        EvidenceVerdict("maybe")


def test_a_verdict_may_be_given_by_its_stored_code():
    assert EvidenceVerdict("valid").status is EvidenceStatus.VALID
    assert EvidenceVerdict("menunggu").status is EvidenceStatus.PENDING


@pytest.mark.parametrize("bad", [-1, float("nan"), float("inf"), Decimal("NaN"), True, "3"])
def test_a_level_score_that_is_not_a_finite_non_negative_number_is_refused(bad):
    with pytest.raises(DomainError):
        evidence_score(bad, EvidenceVerdict.valid())


def test_a_verdict_of_the_wrong_kind_is_refused():
    with pytest.raises(DomainError):
        evidence_score(3, "valid")


# --- assessment result --------------------------------------------------------------------------


def test_an_innovation_meeting_all_five_criteria_qualifies():
    result = assessment_result(ALL_MET)
    assert result.status == AssessmentStatus.MEMENUHI
    assert result.qualifies
    assert result.unmet == () and result.undecided == ()


@pytest.mark.parametrize("criterion", list(Criterion))
def test_each_criterion_not_met_alone_makes_the_innovation_not_qualify(criterion):
    result = assessment_result({**ALL_MET, criterion: False})
    assert result.status == AssessmentStatus.TIDAK_MEMENUHI
    assert result.unmet == (criterion,)
    assert not result.qualifies


@pytest.mark.parametrize("criterion", list(Criterion))
def test_each_criterion_undecided_leaves_the_assessment_incomplete(criterion):
    result = assessment_result({**ALL_MET, criterion: None})
    assert result.status == AssessmentStatus.BELUM_LENGKAP
    assert result.undecided == (criterion,)


def test_a_criterion_left_out_counts_as_undecided():
    answers = {c: True for c in Criterion if c != Criterion.BERMANFAAT}
    result = assessment_result(answers)
    assert result.status == AssessmentStatus.BELUM_LENGKAP
    assert result.undecided == (Criterion.BERMANFAAT,)
    assert assessment_result({}).undecided == tuple(Criterion)


def test_one_unmet_criterion_settles_the_outcome_even_while_others_are_undecided():
    result = assessment_result(
        {
            Criterion.PEMBAHARUAN: True,
            Criterion.KEWENANGAN_DAERAH: False,
            Criterion.TIDAK_MEMBEBANI: False,
            Criterion.BERMANFAAT: None,
        }
    )
    assert result.status == AssessmentStatus.TIDAK_MEMENUHI
    # listed in the criteria's order, not the answers'
    assert result.unmet == (Criterion.TIDAK_MEMBEBANI, Criterion.KEWENANGAN_DAERAH)
    assert result.undecided == (Criterion.BERMANFAAT, Criterion.DAPAT_DIREPLIKASI)


def test_criteria_may_be_given_by_their_codes():
    assert assessment_result({c.value: True for c in Criterion}).qualifies


def test_an_unknown_criterion_is_refused_in_indonesian():
    with pytest.raises(DomainError, match="Kriteria inovasi tidak dikenal: murah"):
        assessment_result({**ALL_MET, "murah": True})


@pytest.mark.parametrize("bad", [1, 0, "ya", "True"])
def test_an_answer_other_than_true_false_or_none_is_refused(bad):
    with pytest.raises(DomainError, match="Jawaban untuk kriteria"):
        assessment_result({**ALL_MET, Criterion.BERMANFAAT: bad})


def test_answers_that_are_not_a_mapping_are_refused():
    with pytest.raises(DomainError):
        assessment_result([("pembaharuan", True)])


# --- evidence file rules ------------------------------------------------------------------------

MB = 1024 * 1024


@pytest.mark.parametrize(
    ("name", "ctype", "ext"),
    [
        ("foto kegiatan.JPG", "image/jpeg", "jpg"),
        ("bukti.jpeg", "image/jpeg", "jpeg"),
        ("tangkapan.png", "image/png", "png"),
        ("foto.webp", "image/webp", "webp"),
        ("SK Bupati.pdf", "application/pdf; charset=binary", "pdf"),
    ],
)
def test_the_complaint_attachment_types_are_accepted(name, ctype, ext):
    checked = check_evidence_file(name, ctype, 1000, COMPLAINT_ATTACHMENT_RULES)
    assert checked.extension == ext
    assert checked.content_type == ctype.split(";")[0]
    assert checked.size == 1000


def test_the_name_is_reduced_to_its_last_path_component():
    checked = check_evidence_file("C:\\Users\\x\\..\\bukti.pdf", "application/pdf", 10)
    assert checked.name == "bukti.pdf"
    assert check_evidence_file("../../etc/laporan.pdf", "application/pdf", 10).name == "laporan.pdf"


@pytest.mark.parametrize(
    ("name", "ctype"),
    [
        ("skrip.exe", "application/octet-stream"),
        ("laporan.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("gambar.gif", "image/gif"),
        ("foto.jpg", "text/html"),  # a known name over unknown content
    ],
)
def test_a_forbidden_type_is_refused(name, ctype):
    with pytest.raises(DomainError, match="tidak diterima"):
        check_evidence_file(name, ctype, 100)


def test_a_disguised_file_is_refused():
    with pytest.raises(DomainError, match="tidak sesuai dengan nama"):
        check_evidence_file("foto.jpg", "application/pdf", 100)


@pytest.mark.parametrize("name", ["", "   ", "...", "tanpa-ekstensi", ".pdf", "folder/"])
def test_a_file_without_a_usable_name_is_refused(name):
    with pytest.raises(DomainError):
        check_evidence_file(name, "application/pdf", 100)


def test_size_limits_at_the_edges():
    assert check_evidence_file("a.pdf", "application/pdf", 5 * MB).size == 5 * MB
    with pytest.raises(DomainError, match=r"terlalu besar \(paling besar 5 MB\)"):
        check_evidence_file("a.pdf", "application/pdf", 5 * MB + 1)
    with pytest.raises(DomainError, match="kosong"):
        check_evidence_file("a.pdf", "application/pdf", 0)
    for bad in (-1, 1.5, True, None):
        with pytest.raises(DomainError):
            check_evidence_file("a.pdf", "application/pdf", bad)


def test_rules_are_data_a_scheme_may_accept_other_types_and_sizes():
    rules = FileRules(
        types={"Application/Vnd.MS-Excel": {".XLS"}, "image/png": {"png"}}, max_bytes=200 * 1024
    )
    assert check_evidence_file("rekap.xls", "application/vnd.ms-excel", 1, rules).extension == "xls"
    with pytest.raises(DomainError, match="tidak diterima"):
        check_evidence_file("bukti.pdf", "application/pdf", 1, rules)
    with pytest.raises(DomainError, match="paling besar 200 KB"):
        check_evidence_file("a.png", "image/png", 200 * 1024 + 1, rules)


@pytest.mark.parametrize(
    "kwargs", [{"types": {}, "max_bytes": 10}, {"types": {"a/b": {"x"}}, "max_bytes": 0}]
)
def test_incomplete_rules_are_refused(kwargs):
    with pytest.raises(DomainError):
        FileRules(**kwargs)
