"""The one transition table of a workflow (ticket, complaint, standard, decree): which moves exist and who
may make each.

A `Transition` is a move from one status to another, optionally named (`action`, the button a page shows:
several moves may share a name, e.g. "ask for details" from two statuses) and guarded by `allowed`, the rule
that says who may make it (called with the actor and the record, and whatever the workflow passes). A move
that keeps the status (a note, a recall, a re-assignment) is a transition to the same status.

Services call `check` / `check_action` before they write; pages call `available_actions` to decide which
buttons to show, so the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tanggap.core.errors import InvalidTransition

Rule = Callable[..., bool]


def anyone(*args, **kwargs) -> bool:
    """The rule of a move any caller of the service may make (the service itself guards the caller)."""
    return True


@dataclass(frozen=True)
class Transition:
    """One allowed move, its name, and the rule that says who may make it."""

    source: str
    target: str
    allowed: Rule = field(default=anyone)
    action: str = ""


class StateMachine:
    """The one transition table of a workflow: from-state → allowed to-states, named actions, who may."""

    def __init__(self, transitions: Iterable[Transition]):
        # Several named actions may share a (from, to) pair (a note and a re-dispatch both keep a status).
        self._table: dict[tuple[str, str], list[Transition]] = {}
        self._by_action: dict[tuple[str, str], Transition] = {}
        for t in transitions:
            self._table.setdefault((t.source, t.target), []).append(t)
            if t.action:
                if (t.action, t.source) in self._by_action:
                    raise ValueError(f"Two moves named {t.action!r} leave {t.source!r}.")
                self._by_action[(t.action, t.source)] = t

    # --- the table -------------------------------------------------------------------------------

    def targets(self, source: str) -> list[str]:
        """The states reachable from `source`."""
        return [t for (s, t) in self._table if s == source]

    def pairs(self) -> list[tuple[str, str]]:
        """Every allowed (from, to) pair, for tests that walk the table."""
        return list(self._table)

    def transitions(self) -> list[Transition]:
        return [t for moves in self._table.values() for t in moves]

    def actions(self) -> list[str]:
        """Every named action, in the order the table first names it."""
        return list(dict.fromkeys(action for action, _source in self._by_action))

    def transition_for(self, action: str, source: str) -> Transition | None:
        """The move `action` makes from `source` (None when it cannot be made from there)."""
        return self._by_action.get((action, source))

    # --- asking ----------------------------------------------------------------------------------

    def allows(self, source: str, target: str, *args, **kwargs) -> bool:
        """Some move from `source` to `target` exists and its rule allows it."""
        return any(t.allowed(*args, **kwargs) for t in self._table.get((source, target), ()))

    def allows_action(self, action: str, source: str, *args, **kwargs) -> bool:
        transition = self._by_action.get((action, source))
        return transition is not None and bool(transition.allowed(*args, **kwargs))

    def available_actions(self, source: str, *args, **kwargs) -> list[str]:
        """The named actions that may be taken from `source` by whoever the rule arguments describe."""
        return [
            action
            for (action, from_state), transition in self._by_action.items()
            if from_state == source and transition.allowed(*args, **kwargs)
        ]

    # --- enforcing -------------------------------------------------------------------------------

    def check(self, source: str, target: str, *args, **kwargs) -> Transition:
        """Raise InvalidTransition unless the move is in the table and a rule of it allows it."""
        moves = self._table.get((source, target))
        if not moves:
            raise InvalidTransition(
                _("Perubahan status dari %(a)s ke %(b)s tidak diizinkan.")
                % {"a": source, "b": target}
            )
        for transition in moves:
            if transition.allowed(*args, **kwargs):
                return transition
        raise InvalidTransition(
            _("Anda tidak berwenang mengubah status dari %(a)s ke %(b)s.")
            % {"a": source, "b": target},
            code="transition_not_allowed",
        )

    def check_action(self, action: str, source: str, *args, **kwargs) -> Transition:
        """Raise InvalidTransition unless `action` can be taken from `source` and its rule allows it."""
        transition = self._by_action.get((action, source))
        if transition is None:
            raise InvalidTransition(
                _("Tindakan ini tidak dapat dilakukan pada status %(a)s.") % {"a": source}
            )
        if not transition.allowed(*args, **kwargs):
            raise InvalidTransition(
                _("Anda tidak berwenang melakukan tindakan ini pada status %(a)s.") % {"a": source},
                code="transition_not_allowed",
            )
        return transition
