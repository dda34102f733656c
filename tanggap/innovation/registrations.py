"""What Inovasi daerah adds to shared pages (work areas on the staff dashboard). Each area registers
its own entries in `register()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tanggap.core.registry import WorkArea, work_areas


def _is_official(user) -> bool:
    from tanggap.innovation.permissions import official_of

    return official_of(user) is not None


def _reviews_ideas(user) -> bool:
    from tanggap.innovation.selectors.ideas import may_review_ideas

    return may_review_ideas(user)


def _register_assessment() -> None:
    """The assessment queue and the index for the office and the region's readers."""
    from django.utils.translation import gettext_lazy as _

    from tanggap.core.registry import WorkArea, work_areas
    from tanggap.innovation.selectors.assessment import may_open_index

    work_areas.register(
        WorkArea(
            key="innovation.assessments",
            title=_("Penilaian inovasi"),
            description=_("Lima kriteria inovasi dan validasi bukti dukung"),
            url_name="innovation:assessments",
            allow=may_open_index,
            order=63,
        )
    )
    work_areas.register(
        WorkArea(
            key="innovation.index",
            title=_("Indeks inovasi daerah"),
            description=_("Indeks, predikat, bukti yang kurang, dan simulasi perbaikan"),
            url_name="innovation:index",
            allow=may_open_index,
            order=64,
        )
    )


def register() -> None:
    # --- ideas ---
    work_areas.register(
        WorkArea(
            key="innovation.ideas",
            title=_("Ide inovasi"),
            description=_("Usulkan ide perubahan, dukung dan bahas ide rekan"),
            url_name="innovation:ideas",
            allow=_is_official,
            order=60,
        )
    )
    work_areas.register(
        WorkArea(
            key="innovation.idea_review",
            title=_("Telaah ide"),
            description=_("Ide yang menunggu keputusan tim inovasi daerah"),
            url_name="innovation:idea_review",
            allow=_reviews_ideas,
            order=61,
        )
    )
    _register_jury()
    _register_registry()
    _register_assessment()
    _register_rounds_and_library()


def _runs_or_enters_rounds(user) -> bool:
    """The innovation office (organises) and unit heads/admins (enter proposals)."""
    from tanggap.accounts.permissions import is_sysadmin, unit_ids_with
    from tanggap.innovation.permissions import OWNER_ROLES, office_region_ids

    return (
        is_sysadmin(user) or bool(office_region_ids(user)) or bool(unit_ids_with(user, OWNER_ROLES))
    )


def _home_innovation(request) -> dict:
    return {}


def _register_rounds_and_library() -> None:
    """Competitions for offices and units, the P2B library for all staff, public links on the home page."""
    from tanggap.accounts.permissions import is_staff_member
    from tanggap.core.registry import Section, home_sections

    work_areas.register(
        WorkArea(
            key="innovation.rounds",
            title=_("Lomba inovasi"),
            description=_("Kategori, rubrik, proposal, juri, dan hasil lomba inovasi"),
            url_name="innovation:rounds",
            allow=_runs_or_enters_rounds,
            order=66,
        )
    )
    work_areas.register(
        WorkArea(
            key="innovation.library",
            title=_("Pustaka P2B"),
            description=_("Praktik baik antarunit dan permintaan replikasi"),
            url_name="innovation:library",
            allow=is_staff_member,
            order=67,
        )
    )
    home_sections.register(
        Section(
            key="innovation.public",
            template="innovation/_home.html",
            context=_home_innovation,
            order=60,
        )
    )


def _register_jury() -> None:
    from tanggap.innovation.selectors.jury import is_juror_of_open_round

    work_areas.register(
        WorkArea(
            key="innovation.jury",
            title=_("Penjurian"),
            description=_("Proposal lomba inovasi yang ditugaskan kepada Anda untuk dinilai"),
            url_name="innovation:my_reviews",
            allow=is_juror_of_open_round,
            order=65,
        )
    )


def _register_registry() -> None:
    """The registry for the region's staff (owners register and maintain their units' innovations)."""
    from tanggap.core.registry import WorkArea, work_areas
    from tanggap.innovation.selectors.registry import may_open_registry

    work_areas.register(
        WorkArea(
            key="innovation.registry",
            title=_("Registri inovasi"),
            description=_("Inovasi daerah, tahapan, bukti dukung, dan replikasinya"),
            url_name="innovation:registry",
            allow=may_open_registry,
            order=62,
        )
    )
