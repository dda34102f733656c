"""Explicit routing: the region's rules (category × kecamatan → unit), then the category's default unit.

Order, most specific first: a rule naming both the category and the kecamatan; a rule naming only the
category; a rule naming only the kecamatan; the category's default unit; a catch-all rule (neither).
Ties go to the rule's `order`, then the oldest rule. Rules pointing at an inactive unit are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from tanggap.complaints.models import Complaint, ComplaintCategory, RoutingRule
from tanggap.org.models import Unit

Rule = tuple[int | None, int | None, int]  # (category_id, area_id, unit_id)


@dataclass(frozen=True)
class RuleTable:
    """A region's rules and category defaults, loaded once (two queries) and asked many times."""

    specific: tuple[Rule, ...]  # rules naming a category and/or a kecamatan, most specific first
    defaults: dict[int, int]  # category_id → default unit id
    catch_all: tuple[Rule, ...]  # rules naming neither

    @classmethod
    def for_region(cls, region_id: int) -> RuleTable:
        rows = list(
            RoutingRule.objects.filter(region_id=region_id, unit__is_active=True)
            .order_by("order", "id")
            .values_list("category_id", "area_id", "unit_id")
        )
        rank = {(True, True): 0, (True, False): 1, (False, True): 2}
        specific = sorted(  # stable: `order`, then age, decide within a rank
            (r for r in rows if r[0] is not None or r[1] is not None),
            key=lambda r: rank[(r[0] is not None, r[1] is not None)],
        )
        defaults = dict(
            ComplaintCategory.objects.filter(
                region_id=region_id, default_unit__isnull=False, default_unit__is_active=True
            ).values_list("id", "default_unit_id")
        )
        catch_all = tuple(r for r in rows if r[0] is None and r[1] is None)
        return cls(specific=tuple(specific), defaults=defaults, catch_all=catch_all)

    def unit_id_for(self, category_id: int | None, kecamatan_id: int | None) -> int | None:
        """The unit the rules send a report of this category and kecamatan to, if any."""
        for rule_category, rule_area, unit_id in self.specific:
            if rule_category not in (None, category_id) or rule_area not in (None, kecamatan_id):
                continue
            return unit_id
        if category_id in self.defaults:
            return self.defaults[category_id]
        return self.catch_all[0][2] if self.catch_all else None


def rule_unit(complaint: Complaint) -> Unit | None:
    """The unit the region's rules route this report to, or None when no rule applies."""
    table = RuleTable.for_region(complaint.region_id)
    unit_id = table.unit_id_for(complaint.category_id, complaint.kecamatan_id)
    return Unit.objects.filter(pk=unit_id).first() if unit_id else None
