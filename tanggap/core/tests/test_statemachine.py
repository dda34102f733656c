"""The transition-table helper refuses moves that are not in the table or not allowed."""

import pytest

from tanggap.core.errors import InvalidTransition
from tanggap.core.statemachine import StateMachine, Transition

machine = StateMachine(
    [
        Transition("draft", "enacted", allowed=lambda user: user == "head"),
        Transition("enacted", "superseded"),
    ]
)


def test_allowed_move_passes():
    machine.check("draft", "enacted", "head")
    machine.check("enacted", "superseded")


def test_move_outside_the_table_is_refused():
    with pytest.raises(InvalidTransition):
        machine.check("superseded", "draft")


def test_move_refused_by_its_rule():
    with pytest.raises(InvalidTransition) as info:
        machine.check("draft", "enacted", "clerk")
    assert info.value.code == "transition_not_allowed"


def test_targets_and_pairs_describe_the_table():
    assert machine.targets("draft") == ["enacted"]
    assert set(machine.pairs()) == {("draft", "enacted"), ("enacted", "superseded")}
