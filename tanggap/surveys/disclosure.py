"""Disclosure control of the IKM reports: no figure a reader could trace to one respondent.

A report narrowed to one month, service and location may hold a single questionnaire, and then its IKM,
its profile and its comments are that citizen's answers, readable by the officer who served them. So a
report shows a figure (IKM, NRR, count, percentage, comment, answer row) only when it comes from at least
k responses, k = `settings.SURVEY_MIN_GROUP_SIZE` (5 unless configured):

- a group of fewer than k responses shows no figure at all ("< 5"), and an empty group looks the same,
  so a report does not tell whether one particular person answered;
- a breakdown whose total is shown (the profile tables; the services or locations a report can be
  narrowed to) hides one more cell when the hidden ones could be worked out from the total and the shown
  cells (complementary suppression);
- answer rows keep only as much of the respondent's profile as at least k rows share.

The selectors apply these rules when they build a report (tanggap.surveys.selectors), so the pages, the
PDF and the XLSX receive only figures that may be shown. This module is the rules, free of the database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SMALL = "small"  # fewer than k responses
COMPLEMENT = "complement"  # hidden so that a small cell cannot be computed from the total
DIFFERENCE = "difference"  # a wider report minus this one would leave fewer than k responses
DEFAULT_MIN_GROUP_SIZE = 5

Cell = tuple[int | None, int | None]  # (service id, location id) of a group of responses


def min_group_size() -> int:
    """k: the fewest responses any shown figure may come from."""
    return int(getattr(settings, "SURVEY_MIN_GROUP_SIZE", DEFAULT_MIN_GROUP_SIZE))


def too_small(count: int, k: int) -> bool:
    """A group of `count` responses is too small to show any figure of."""
    return count < k


def marker(reason: str, k: int) -> str | Promise:
    """What a table shows instead of a hidden figure: "< 5" for a small group, else "disembunyikan"."""
    if reason == SMALL:
        return f"< {k}"
    return gettext_lazy("disembunyikan")


def explanation(reason: str, k: int) -> str:
    """Why a report shows no figure (`reason` SMALL or DIFFERENCE), or, for a shown report (""), the
    rule its figures follow."""
    if reason == DIFFERENCE:
        return _(
            "Hasil disembunyikan: laporan dengan saringan yang lebih luas berbeda kurang dari "
            "%(k)s responden dari laporan ini, sehingga jawaban mereka dapat dihitung dengan "
            "pengurangan."
        ) % {"k": k}
    if reason:
        return _(
            "Hasil disembunyikan: kurang dari %(k)s responden, sehingga jawaban dapat dikenali "
            "sebagai jawaban orang tertentu."
        ) % {"k": k}
    return _(
        "Angka dari kurang dari %(k)s responden disembunyikan, juga satu angka lain bila angka itu "
        "dapat dihitung dari jumlahnya; komentar hanya dari bulan dengan sedikitnya %(k)s "
        "responden, tanpa tanggal; daftar jawaban hanya memuat data profil yang sama pada "
        "sedikitnya %(k)s responden."
    ) % {"k": k}


def hidden_cells(counts: Sequence[int], k: int) -> dict[int, str]:
    """The cells of a shown table of counts (whose total is shown) to hide, by index, with the reason.

    Every cell under k is hidden, an empty one too, so that a hidden cell does not tell "nobody" from
    "a few". Then, when the hidden cells could still be worked out from the total, the smallest shown
    cell is hidden as well: a single hidden cell is exactly the total minus the shown ones, and hidden
    cells that hold more than all but one of them could (each holds at most k − 1) would each be known
    to hold somebody."""
    hidden = {index: SMALL for index, count in enumerate(counts) if too_small(count, k)}
    held = sum(counts[index] for index in hidden)
    if hidden and (len(hidden) == 1 or held > (len(hidden) - 1) * (k - 1)):
        _hide_smallest_shown(counts, hidden)
    return hidden


def hidden_groups(counts: Sequence[int], k: int) -> dict[int, str]:
    """The groups of a breakdown whose figures (answers, not only counts) can be subtracted from the
    whole's, to hide, by index, with the reason: groups of 1 to k − 1 responses, and, while the hidden
    groups together hold fewer than k (the whole minus the shown groups would be those few answers),
    the smallest shown group as well. Empty groups give nothing away and stay shown."""
    hidden = {index: SMALL for index, count in enumerate(counts) if 0 < count < k}
    while 0 < sum(counts[index] for index in hidden) < k:
        if not _hide_smallest_shown(counts, hidden):
            break
    return hidden


def _hide_smallest_shown(counts: Sequence[int], hidden: dict[int, str]) -> bool:
    shown = [(count, index) for index, count in enumerate(counts) if index not in hidden and count]
    if shown:
        hidden[min(shown)[1]] = COMPLEMENT
    return bool(shown)


def _sorted_keys(counts: Mapping) -> list:
    """The same order in every report, so that one breakdown always hides the same cells."""
    return sorted(counts, key=lambda key: (key is not None, key or 0))


def group_hidden(
    cells: Mapping[Cell, int], *, service: int | None, location: int | None, k: int
) -> str:
    """Why the group narrowed to `service` and `location` (None: any) must not be shown, or "".

    `cells` counts the responses of the whole unit (of the same period and flag option) per service and
    location. A report narrowed to one service is one cell of the unit's breakdown by service (within
    the chosen location, if any), and the wider report's figures minus its own are the other services'
    answers; so it is hidden whenever that breakdown hides it. The same holds for locations."""

    def size(want_service, want_location) -> int:
        return sum(
            count
            for (cell_service, cell_location), count in cells.items()
            if (want_service is None or cell_service == want_service)
            and (want_location is None or cell_location == want_location)
        )

    if too_small(size(service, location), k):
        return SMALL
    for axis, chosen, fixed in ((0, service, location), (1, location, service)):
        if chosen is None:
            continue
        breakdown: Counter = Counter()
        for cell, count in cells.items():
            if fixed is None or cell[1 - axis] == fixed:
                breakdown[cell[axis]] += count
        keys = _sorted_keys(breakdown)
        hidden = hidden_groups([breakdown[key] for key in keys], k)
        if keys.index(chosen) in hidden:
            return DIFFERENCE
    return ""


def kept_columns(rows: Sequence[Sequence[Hashable]], k: int) -> int:
    """How many leading profile columns the answer rows may keep: the most for which every combination
    of their values is shared by at least k rows (the columns go from the least to the most telling).
    The caller shows rows only for groups of at least k, so keeping none is always safe."""
    width = min((len(row) for row in rows), default=0)
    for keep in range(width, 0, -1):
        if min(Counter(tuple(row[:keep]) for row in rows).values()) >= k:
            return keep
    return 0
