"""Who may do what: the one table of role rules, checked in the domain.

A guarded domain function starts with `require(s, "action")`. The table says which roles
may do each action and how to say so to someone who may not ("Only a coordinator can
export the register"). Hiding a button is a courtesy; this is the check. Every action
named here has a row in tests/domain/test_permissions.py's role table, and a guarded
function without a rule fails that test.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from contactcentre.domain import acting
from contactcentre.domain.errors import DomainError
from contactcentre.store.models.enums import TeamRole

COORDINATOR = frozenset({TeamRole.coordinator})
SUPERVISORS = frozenset({TeamRole.coordinator, TeamRole.supervisor})
EVERYONE = frozenset(TeamRole)


@dataclass(frozen=True)
class Rule:
    doing: str  # completes "Only a coordinator can …"
    roles: frozenset[TeamRole]


RULES: dict[str, Rule] = {
    "export_register": Rule("export the register", COORDINATOR),
    "manage_accounts": Rule("manage the team's logins", COORDINATOR),
}


class Refused(DomainError):
    """The acting person's role may not do this; the message names who may."""

    def __init__(self, action: str, role: TeamRole) -> None:
        self.action, self.role = action, role
        super().__init__(f"Only {who_may(action)} can {RULES[action].doing}.")


def who_may(action: str) -> str:
    """ "a coordinator", "a coordinator or a supervisor": the roles allowed, in words."""
    roles = [role for role in TeamRole if role in RULES[action].roles]
    return " or ".join(f"a {role.value}" for role in roles)


def may(s: Session, action: str) -> bool:
    """Whether this unit of work's actor may do `action` (for a face deciding what to offer)."""
    return acting.role(s) in RULES[action].roles


def require(s: Session, action: str) -> None:
    """Refuse (Refused) unless this unit of work's actor may do `action`."""
    role = acting.role(s)
    if role not in RULES[action].roles:
        raise Refused(action, role)
