"""A small helper for explicit workflow state machines (ticket, complaint, standard, decree)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tanggap.core.errors import InvalidTransition

Rule = Callable[..., bool]


@dataclass(frozen=True)
class Transition:
    """One allowed move, and the rule that says who may make it."""

    source: str
    target: str
    allowed: Rule = field(default=lambda *a, **k: True)


class StateMachine:
    """The one transition table of a workflow: from-state → allowed to-states and who may move."""

    def __init__(self, transitions: Iterable[Transition]):
        self._table: dict[tuple[str, str], Transition] = {}
        for t in transitions:
            self._table[(t.source, t.target)] = t

    def targets(self, source: str) -> list[str]:
        """The states reachable from `source`."""
        return [t for (s, t) in self._table if s == source]

    def pairs(self) -> list[tuple[str, str]]:
        """Every allowed (from, to) pair, for tests that walk the table."""
        return list(self._table)

    def check(self, source: str, target: str, *args, **kwargs) -> None:
        """Raise InvalidTransition unless the move is in the table and its rule allows it."""
        transition = self._table.get((source, target))
        if transition is None:
            raise InvalidTransition(
                _("Perubahan status dari %(a)s ke %(b)s tidak diizinkan.")
                % {"a": source, "b": target}
            )
        if not transition.allowed(*args, **kwargs):
            raise InvalidTransition(
                _("Anda tidak berwenang mengubah status dari %(a)s ke %(b)s.")
                % {"a": source, "b": target},
                code="transition_not_allowed",
            )
