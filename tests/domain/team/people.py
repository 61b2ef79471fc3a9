"""Putting people on the team's register in tests, as the coordinator would."""

from __future__ import annotations

from datetime import date

from contactcentre.domain.team.register import MemberDetails, add_member
from contactcentre.store.engine import Store
from contactcentre.store.models import TeamRole


def add_person(
    store: Store,
    name: str,
    role: TeamRole = TeamRole.volunteer,
    *,
    dbs_issued_on: date | None = date(2025, 6, 1),
    joined_on: date | None = None,
    **kw: object,
) -> int:
    with store.session() as s:
        member = add_member(
            s,
            MemberDetails(
                name=name, role=role, dbs_issued_on=dbs_issued_on, joined_on=joined_on, **kw
            ),  # type: ignore[arg-type]
        )
        assert member.id is not None
        return member.id
