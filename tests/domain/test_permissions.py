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


# The role table: (action, who may, who may not). Every action in RULES has a row.
ROLE_TABLE = [
    ("export_register", {TeamRole.coordinator}, {TeamRole.supervisor, TeamRole.volunteer}),
    # Counts only, but the team issue keeps reports from volunteers.
    ("see_statistics", {TeamRole.coordinator, TeamRole.supervisor}, {TeamRole.volunteer}),
    ("export_statistics", {TeamRole.coordinator}, {TeamRole.supervisor, TeamRole.volunteer}),
]


def test_every_rule_has_a_row_in_the_role_table() -> None:
    assert {action for action, _may, _not in ROLE_TABLE} == set(permissions.RULES)


@pytest.mark.parametrize(("action", "allowed", "refused"), ROLE_TABLE)
def test_each_role_may_do_what_the_table_says(
    store: Store, action: str, allowed: set[TeamRole], refused: set[TeamRole]
) -> None:
    assert allowed | refused == set(TeamRole)
    for role in TeamRole:
        store.act_as(f"Someone {role.value}", utcnow, role)
        with store.session() as s:
            assert permissions.may(s, action) == (role in allowed), (action, role)
            if role in refused:
                with pytest.raises(permissions.Refused, match=r"^Only a coordinator"):
                    permissions.require(s, action)


def test_a_volunteer_is_told_who_may_see_the_statistics(store: Store) -> None:
    store.act_as("Sam Volunteer", utcnow, TeamRole.volunteer)
    with store.session() as s, pytest.raises(permissions.Refused) as refused:
        permissions.require(s, "see_statistics")
    assert str(refused.value) == (
        "Only a coordinator or a supervisor can see the centre's statistics."
    )
