"""The transition table: moves, named actions and who may make them, asked by pages and enforced by services."""

import pytest

from tanggap.core.errors import InvalidTransition
from tanggap.core.statemachine import StateMachine, Transition


def is_boss(actor, record):
    return actor == "boss"


MACHINE = StateMachine(
    [
        Transition("new", "open", action="open"),
        Transition("open", "open", is_boss, action="note"),
        Transition("new", "closed", is_boss, action="close"),
        Transition("open", "closed", is_boss, action="close"),
    ]
)


def test_a_move_outside_the_table_is_refused():
    with pytest.raises(InvalidTransition) as refused:
        MACHINE.check("closed", "open", "boss", None)
    assert refused.value.code != "transition_not_allowed"


def test_a_move_in_the_table_is_refused_to_who_may_not_make_it():
    with pytest.raises(InvalidTransition) as refused:
        MACHINE.check("new", "closed", "clerk", None)
    assert refused.value.code == "transition_not_allowed"
    assert MACHINE.check("new", "closed", "boss", None).action == "close"


def test_pages_see_the_same_actions_the_services_allow():
    for source in ("new", "open", "closed"):
        for actor in ("boss", "clerk"):
            shown = set(MACHINE.available_actions(source, actor, None))
            for action in MACHINE.actions():
                allowed = action in shown
                assert MACHINE.allows_action(action, source, actor, None) is allowed
                if allowed:
                    MACHINE.check_action(action, source, actor, None)
                else:
                    with pytest.raises(InvalidTransition):
                        MACHINE.check_action(action, source, actor, None)
    assert set(MACHINE.available_actions("open", "clerk", None)) == set()
    assert set(MACHINE.available_actions("open", "boss", None)) == {"note", "close"}


def test_one_action_may_leave_one_status_only_once():
    with pytest.raises(ValueError):
        StateMachine([Transition("a", "b", action="go"), Transition("a", "c", action="go")])


def test_two_actions_sharing_a_pair_are_both_kept_and_either_allows_the_move():
    machine = StateMachine(
        [
            Transition("open", "open", is_boss, action="redispatch"),
            Transition("open", "open", action="note"),
        ]
    )
    assert {t.action for t in machine.transitions()} == {"redispatch", "note"}
    assert machine.pairs() == [("open", "open")]
    assert machine.allows("open", "open", "clerk", None)  # the note's rule lets anyone
    assert machine.check("open", "open", "clerk", None).action == "note"
    assert machine.check("open", "open", "boss", None).action == "redispatch"
    assert not machine.allows_action("redispatch", "open", "clerk", None)
