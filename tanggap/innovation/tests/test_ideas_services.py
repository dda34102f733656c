"""Idea services: the transition table both ways, the office's decisions, supports, comments, bad input."""

from __future__ import annotations

import pytest

from tanggap.core.errors import DomainError, InvalidTransition, PermissionDenied
from tanggap.innovation.models import Idea, IdeaEvent, IdeaSupport, Innovation, InnovationEvent
from tanggap.innovation.services import ideas as s
from tanggap.innovation.tests.factories import IdeaFactory
from tanggap.innovation.workflow import IDEA_MACHINE
from tanggap.org.tests.factories import OfficialFactory, UnitFactory

pytestmark = pytest.mark.django_db
D = Idea.Status
TEXTS = {
    "title": "Antrean daring puskesmas",
    "problem": "Warga menunggu lama di puskesmas.",
    "proposal": "Nomor antrean diambil lewat ponsel.",
    "beneficiaries": "Pasien puskesmas.",
}
CHOICES = {"form": "pelayanan_publik", "kind": "digital", "initiator": "asn", "affair": "kesehatan"}


def _create(user, unit, **extra):
    return s.idea_create(actor=user, **{**TEXTS, "unit": unit, **extra})


def test_an_official_writes_a_draft_with_a_code_and_search_text(official_a, unit_a):
    idea = _create(official_a.user, unit_a)
    assert idea.status == D.DRAFT
    assert idea.author == official_a
    assert idea.code.startswith("IDE-")
    assert "antre" in idea.search_text
    assert list(idea.events.values_list("action", flat=True)) == ["create"]


def test_an_idea_submitted_at_once_records_both_steps(official_a, unit_a, official_b):
    idea = _create(official_a.user, unit_a, submit=True, coauthors=[official_b])
    assert idea.status == D.SUBMITTED and idea.submitted_at is not None
    assert list(idea.events.values_list("action", "to_status")) == [
        ("create", D.DRAFT),
        ("submit", D.SUBMITTED),
    ]
    assert list(idea.coauthors.all()) == [official_b]


@pytest.mark.parametrize(
    "extra, field",
    [
        ({"title": "  "}, "title"),
        ({"problem": ""}, "problem"),
        ({"beneficiaries": ""}, "beneficiaries"),
        ({"title": "x" * 201}, "title"),
    ],
)
def test_empty_or_long_texts_are_refused_and_nothing_is_written(official_a, unit_a, extra, field):
    with pytest.raises(DomainError) as exc:
        _create(official_a.user, unit_a, **extra)
    assert exc.value.field == field
    assert not Idea.objects.exists() and not IdeaEvent.objects.exists()


def test_a_unit_of_another_region_is_refused(official_a, other_region):
    with pytest.raises(DomainError) as exc:
        _create(official_a.user, UnitFactory(region=other_region))
    assert exc.value.field == "unit"
    assert not Idea.objects.exists()


def test_a_coauthor_from_another_region_or_the_author_is_refused(official_a, unit_a, other_region):
    stranger = OfficialFactory(unit=UnitFactory(region=other_region))
    for coauthor in (stranger, official_a):
        with pytest.raises(DomainError) as exc:
            _create(official_a.user, unit_a, coauthors=[coauthor])
        assert exc.value.field == "coauthors"
    assert not Idea.objects.exists()


def test_a_citizen_cannot_write_an_idea(citizen, unit_a):
    with pytest.raises(PermissionDenied):
        _create(citizen, unit_a)


def test_the_author_cannot_decide_their_own_idea(official_a):
    idea = IdeaFactory(author=official_a)
    with pytest.raises(InvalidTransition):
        s.idea_accept(actor=official_a.user, idea=idea, **CHOICES)
    with pytest.raises(InvalidTransition):
        s.idea_decline(actor=official_a.user, idea=idea, note="tidak")
    idea.refresh_from_db()
    assert idea.status == D.SUBMITTED and not Innovation.objects.exists()


def test_the_office_cannot_submit_someone_elses_draft(office, official_a):
    idea = IdeaFactory(author=official_a, status=D.DRAFT, submitted_at=None)
    with pytest.raises(InvalidTransition):
        s.idea_submit(actor=office, idea=idea)
    idea.refresh_from_db()
    assert idea.status == D.DRAFT and not idea.events.exists()


def test_a_declined_idea_cannot_be_accepted(office, official_a):
    idea = IdeaFactory(author=official_a)
    s.idea_decline(actor=office, idea=idea, note="Sudah ada program serupa.")
    with pytest.raises(InvalidTransition):
        s.idea_accept(actor=office, idea=idea, **CHOICES)
    assert not Innovation.objects.exists()


@pytest.mark.parametrize("service", [s.idea_decline, s.idea_ask_revision])
def test_declining_or_asking_revision_needs_a_reason(office, official_a, service):
    idea = IdeaFactory(author=official_a)
    with pytest.raises(DomainError) as exc:
        service(actor=office, idea=idea, note="  ")
    assert exc.value.field == "note"
    idea.refresh_from_db()
    assert idea.status == D.SUBMITTED and not idea.events.exists()


def test_the_whole_table_allows_exactly_its_moves(office, official_a, official_b):
    idea = IdeaFactory(author=official_a)
    for status in D.values:
        author_moves = set(IDEA_MACHINE.available_actions(status, official_a.user, idea))
        office_moves = set(IDEA_MACHINE.available_actions(status, office, idea))
        colleague_moves = set(IDEA_MACHINE.available_actions(status, official_b.user, idea))
        assert not colleague_moves
        assert not author_moves & {"accept", "decline", "ask_revision"}
        assert not office_moves & {"submit", "withdraw"}
        if status == D.SUBMITTED:
            assert office_moves == {"accept", "decline", "ask_revision"}
            assert author_moves == {"withdraw"}
        if status in (D.DRAFT, D.REVISION):
            assert author_moves == {"submit", "withdraw"}
        if status in Idea.FINAL:
            assert not author_moves and not office_moves


def test_revision_then_resubmission_is_recorded(office, official_a, unit_a):
    idea = IdeaFactory(author=official_a)
    s.idea_ask_revision(actor=office, idea=idea, note="Perjelas sasaran.")
    revised = s.idea_update(
        actor=official_a.user, idea=idea, **{**TEXTS, "unit": unit_a}, submit=True
    )
    assert revised.status == D.SUBMITTED and revised.title == TEXTS["title"]
    assert list(revised.events.values_list("action", flat=True)) == [
        "ask_revision",
        "edit",
        "submit",
    ]


def test_a_submitted_idea_cannot_be_edited(official_a, unit_a):
    idea = IdeaFactory(author=official_a)
    with pytest.raises(DomainError):
        s.idea_update(actor=official_a.user, idea=idea, **{**TEXTS, "unit": unit_a})
    idea.refresh_from_db()
    assert idea.title != TEXTS["title"]


def test_accepting_creates_exactly_one_innovation_at_inisiatif(office, official_a, official_b):
    idea = IdeaFactory(author=official_a)
    idea.coauthors.add(official_b)
    innovation = s.idea_accept(actor=office, idea=idea, note="Silakan uji coba.", **CHOICES)
    idea.refresh_from_db()
    assert idea.status == D.ACCEPTED and idea.decision_note == "Silakan uji coba."
    assert Innovation.objects.count() == 1
    assert innovation.idea == idea and innovation.stage == Innovation.Stage.INISIATIF
    assert innovation.name == idea.title and innovation.approach == idea.proposal
    assert innovation.benefits == idea.beneficiaries and innovation.unit_id == idea.unit_id
    assert innovation.code.startswith("INO-") and innovation.affair == "kesehatan"
    assert set(innovation.owners.all()) == {official_a, official_b}
    event = InnovationEvent.objects.get(innovation=innovation)
    assert event.action == "register" and idea.code in event.note
    with pytest.raises(InvalidTransition):
        s.idea_accept(actor=office, idea=idea, **CHOICES)
    assert Innovation.objects.count() == 1


def test_accept_with_an_unknown_choice_changes_nothing(office, official_a):
    idea = IdeaFactory(author=official_a)
    with pytest.raises(DomainError) as exc:
        s.idea_accept(actor=office, idea=idea, **{**CHOICES, "affair": "bukan"})
    assert exc.value.field == "affair"
    idea.refresh_from_db()
    assert idea.status == D.SUBMITTED and not Innovation.objects.exists()


def test_a_colleague_supports_once_and_the_count_follows(official_a, official_b):
    idea = IdeaFactory(author=official_a)
    s.idea_support(actor=official_b.user, idea=idea)
    with pytest.raises(DomainError):
        s.idea_support(actor=official_b.user, idea=idea)
    idea.refresh_from_db()
    assert idea.support_count == 1 and IdeaSupport.objects.count() == 1
    s.idea_unsupport(actor=official_b.user, idea=idea)
    idea.refresh_from_db()
    assert idea.support_count == 0 and not IdeaSupport.objects.exists()


def test_the_author_cannot_support_their_own_idea(official_a):
    idea = IdeaFactory(author=official_a)
    with pytest.raises(DomainError):
        s.idea_support(actor=official_a.user, idea=idea)
    idea.refresh_from_db()
    assert idea.support_count == 0


def test_an_official_of_another_region_or_an_office_without_official_cannot_support(
    official_a, office, other_region
):
    idea = IdeaFactory(author=official_a)
    stranger = OfficialFactory(unit=UnitFactory(region=other_region))
    from tanggap.accounts.tests.factories import UserFactory

    stranger.user = UserFactory(username="asing")
    stranger.save()
    for user in (stranger.user, office):
        with pytest.raises(PermissionDenied):
            s.idea_support(actor=user, idea=idea)
    assert not IdeaSupport.objects.exists()


def test_comments_need_text_and_count(official_a, official_b, citizen):
    idea = IdeaFactory(author=official_a)
    with pytest.raises(DomainError):
        s.idea_comment(actor=official_b.user, idea=idea, body=" ")
    with pytest.raises(PermissionDenied):
        s.idea_comment(actor=citizen, idea=idea, body="Bagus")
    s.idea_comment(actor=official_b.user, idea=idea, body="Setuju, perlu segera.")
    idea.refresh_from_db()
    assert idea.comment_count == 1 and idea.comments.get().author_label == "Asn B"
