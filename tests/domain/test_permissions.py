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


# The volunteer register's rules (issue 17): each action, and the roles that may do it.
TEAM_RULES = [
    ("manage_volunteer_register", {TeamRole.coordinator}),
    ("edit_rota", {TeamRole.coordinator}),
    ("record_session_notes", {TeamRole.coordinator, TeamRole.supervisor}),
]


@pytest.mark.parametrize(("action", "allowed"), TEAM_RULES)
@pytest.mark.parametrize("role", list(TeamRole))
def test_the_team_rules_let_exactly_their_roles_through(
    store: Store, action: str, allowed: set[TeamRole], role: TeamRole
) -> None:
    store.act_as("Someone", utcnow, role)
    with store.session() as s:
        assert permissions.may(s, action) == (role in allowed)
        if role not in allowed:
            with pytest.raises(permissions.Refused, match=r"^Only a coordinator"):
                permissions.require(s, action)
