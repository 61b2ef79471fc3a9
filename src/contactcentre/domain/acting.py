"""Who is acting, and when: read from the unit of work, never from the OS or a typed name.

Each `store.session()` carries the acting person and a clock (`Store.act_as` sets them for
every unit of work at unlock; `session(actor=...)` for one). The audit trail and every
`*_by` field read them here, so a test sets both in one place. Accounts come later: until
then the faces act as the operating-system account, as the trail always named it.
"""

from __future__ import annotations

import getpass
from datetime import datetime

from sqlmodel import Session

from contactcentre.store.models.enums import TeamRole
from contactcentre.store.types import utcnow


def os_account() -> str:
    """The operating-system account using the laptop (the actor until there are logins)."""
    try:
        return getpass.getuser()
    except OSError:
        return "unknown"


def actor(s: Session) -> str:
    """Who is doing this unit of work."""
    return str(s.info.get("actor") or os_account())


def role(s: Session) -> TeamRole:
    """The acting person's role (domain/permissions.py checks it). A unit of work that
    names none is the centre's coordinator's, as every command was before logins."""
    return TeamRole(s.info.get("role") or TeamRole.coordinator)


def now(s: Session) -> datetime:
    """This unit of work's moment, aware, in UTC, from the clock it carries."""
    clock = s.info.get("now", utcnow)
    moment: datetime = clock()
    return moment
