"""The one table of role rules: who may do what, and what a refused person is told."""

from __future__ import annotations

import pytest

from contactcentre.domain import permissions
from contactcentre.store.engine import Store
from contactcentre.store.models import TeamRole
from contactcentre.store.types import utcnow


def test_a_volunteer_is_told_who_may_export_the_register(store: Store) -> None:
    store.act_as("Sam Volunteer", utcnow, TeamRole.volunteer)
    with store.session() as s, pytest.raises(permissions.Refused) as refused:
        permissions.require(s, "export_register")
    assert str(refused.value) == "Only a coordinator can export the register."


def test_a_coordinator_may_export_the_register(store: Store) -> None:
    store.act_as("Pat Coordinator", utcnow, TeamRole.coordinator)
    with store.session() as s:
        permissions.require(s, "export_register")
        assert permissions.may(s, "export_register")


C, S, V = TeamRole.coordinator, TeamRole.supervisor, TeamRole.volunteer
# The role table: every action in RULES, and who may do it.
ROLE_TABLE = {
    "export_register": {C},
    "log_items": {C, S, V},  # a volunteer at the door takes an item in
    "see_items": {C, S},
    "check_items": {C, S},
    "pass_on_items": {C, S},
    "decide_items": {C},
    "arrange_items": {C},
    "print_label": {C},
    "reveal_address": {C},
}


def test_every_rule_has_a_row_in_the_role_table() -> None:
    assert set(ROLE_TABLE) == set(permissions.RULES)


@pytest.mark.parametrize("action", sorted(ROLE_TABLE))
@pytest.mark.parametrize("role", list(TeamRole))
def test_each_role_may_do_only_what_the_table_says(
    store: Store, action: str, role: TeamRole
) -> None:
    store.act_as(f"Someone {role.value}", utcnow, role)
    with store.session() as s:
        assert permissions.may(s, action) == (role in ROLE_TABLE[action])
        if role not in ROLE_TABLE[action]:
            with pytest.raises(permissions.Refused) as refused:
                permissions.require(s, action)
            assert str(refused.value).startswith("Only a coordinator")
