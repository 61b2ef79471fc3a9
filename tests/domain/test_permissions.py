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


# Every rule, and who may: the role table (a new rule without a row here fails).
ROLE_TABLE = {
    "export_register": {TeamRole.coordinator},
    "see_charges": {TeamRole.coordinator},
    "manage_charges": {TeamRole.coordinator},
    "record_payment": {TeamRole.coordinator},
}


def test_every_rule_has_a_row_in_the_role_table() -> None:
    assert set(permissions.RULES) == set(ROLE_TABLE)


@pytest.mark.parametrize("action", sorted(ROLE_TABLE))
@pytest.mark.parametrize("role", list(TeamRole))
def test_the_role_table(store: Store, action: str, role: TeamRole) -> None:
    store.act_as("Someone", utcnow, role)
    with store.session() as s:
        assert permissions.may(s, action) == (role in ROLE_TABLE[action])
