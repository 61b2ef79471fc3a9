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


@pytest.mark.parametrize(
    ("role", "allowed"),
    [(TeamRole.coordinator, True), (TeamRole.supervisor, False), (TeamRole.volunteer, False)],
)
def test_only_a_coordinator_may_manage_the_teams_logins(
    store: Store, role: TeamRole, allowed: bool
) -> None:
    store.act_as("Someone", utcnow, role)
    with store.session() as s:
        assert permissions.may(s, "manage_accounts") is allowed
        if not allowed:
            with pytest.raises(permissions.Refused, match="Only a coordinator can manage"):
                permissions.require(s, "manage_accounts")
