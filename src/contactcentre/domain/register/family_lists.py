"""Lists of families: the register (every family, with what its list shows and a search
key), the lighter pick-lists other screens choose a family from, and the small lookups
the screens show (a family's heading, a person's name)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby
from operator import attrgetter, itemgetter
from typing import Literal

from sqlalchemy import ColumnElement, func
from sqlalchemy import select as sa_select
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col, select

from contactcentre.domain import permissions, validate
from contactcentre.domain.vocabulary import OPEN_STATUSES, person_name
from contactcentre.store.models import ContactType, Family, FamilyStatus, Person, Role

REVIEW_SOON = timedelta(days=14)  # a review this close is due; on or after the day, overdue


def review_state(
    review_date: date | None, status: FamilyStatus, today: date
) -> Literal["overdue", "due"] | None:
    """Whether an open family's arrangement is overdue for review, due within a fortnight,
    or neither (closed families are never reviewed)."""
    if review_date is None or status not in OPEN_STATUSES:
        return None
    if review_date <= today:
        return "overdue"
    return "due" if review_date - today <= REVIEW_SOON else None


@dataclass(frozen=True, slots=True)
class RegisterRow:
    id: int
    ref: str
    children: str
    contact_type: ContactType
    status: FamilyStatus
    referral_date: date
    review_date: date | None
    # folded names and reference, the referrer's name and the case/court references:
    # what search-as-you-type matches
    haystack: str

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


def register_rows(s: Session) -> list[RegisterRow]:
    """Every family with what the register list shows, in two queries (fast at 20,000).

    Both come in family order and are walked side by side, so each family's people are
    folded into its search key as it is reached: nothing holds every person's name at
    once (at 20,000 families that was 80,000 strings, and the memory they left behind).
    Plain SQLAlchemy Core on the session's own connection (same transaction): rows as
    tuples, without the ORM's per-row work, and more columns than sqlmodel's typed select()
    takes."""
    permissions.require(s, "see_register")
    connection = s.connection()
    people = sa_select(
        col(Person.family_id), col(Person.role), col(Person.first_name), col(Person.last_name)
    ).order_by(col(Person.family_id), col(Person.date_of_birth), col(Person.id))
    by_family = groupby(connection.execute(people), key=itemgetter(0))
    families = sa_select(
        col(Family.id),
        col(Family.ref),
        col(Family.contact_type),
        col(Family.status),
        col(Family.referral_date),
        col(Family.review_date),
        col(Family.referrer_name),
        col(Family.referrer_reference),
        col(Family.court_order_description),
    ).order_by(col(Family.id))
    rows = []
    person_family, members = next(by_family, (None, iter(())))
    for (
        family_id,
        ref,
        contact_type,
        status,
        referral_date,
        review_date,
        *case,
    ) in connection.execute(families):
        assert family_id is not None
        while person_family is not None and person_family < family_id:  # a merge of the two
            person_family, members = next(by_family, (None, iter(())))
        names: list[str] = []
        children: list[str] = []
        if person_family == family_id:
            for _, role, first, last in members:
                names += (first, last)
                if role == Role.child:
                    children.append(first)
        rows.append(
            RegisterRow(
                id=family_id,
                ref=ref,
                children=", ".join(children),
                contact_type=contact_type,
                status=status,
                referral_date=referral_date,
                review_date=review_date,
                haystack=" ".join(map(validate.folded, [ref, *names, *case])),
            )
        )
    rows.sort(key=attrgetter("ref"))  # as SQLite orders text: by code point
    return rows


@dataclass(frozen=True, slots=True)
class FamilyChoice:
    """A family as a pick-list shows it: reference and children's first names."""

    id: int
    ref: str
    children: str

    @property
    def label(self) -> str:
        return f"{self.ref} — {self.children or 'no children named'}"


def family_choices(
    s: Session,
    *,
    statuses: Collection[FamilyStatus] = tuple(FamilyStatus),
    contact_types: Collection[ContactType] = tuple(ContactType),
    ids: Collection[int] | None = None,
    limit: int | None = None,
) -> list[FamilyChoice]:
    """Families for a pick-list, by reference; far lighter than `register_rows`. `ids`:
    only these families (as a list of a few shows them); `limit`: only the first so many."""
    families = select(Family.id, Family.ref).where(
        col(Family.status).in_(statuses), col(Family.contact_type).in_(contact_types)
    )
    if ids is not None:
        families = families.where(_among(col(Family.id), ids))
    found = [
        (family_id, ref)
        for family_id, ref in s.exec(families.order_by(col(Family.ref)).limit(limit))
        if family_id is not None
    ]
    kids = select(Person.family_id, Person.first_name).where(col(Person.role) == Role.child)
    if ids is not None or limit is not None:
        kids = kids.where(col(Person.family_id).in_([family_id for family_id, _ in found]))
    children: dict[int, list[str]] = defaultdict(list)
    kids = kids.order_by(col(Person.family_id), col(Person.date_of_birth), col(Person.id))
    for family_id, first in s.exec(kids):
        children[family_id].append(first)
    return [
        FamilyChoice(family_id, ref, ", ".join(children[family_id])) for family_id, ref in found
    ]


def _among(column: Mapped[int | None], ids: Collection[int]) -> ColumnElement[bool]:
    """`column IN ids`, the ids bound as one JSON array. Today asks for the first few of
    thousands of families: as an IN list of as many parameters, each different count of
    ids compiled a statement of its own, 8 MB of them at 20,000 families."""
    listed = func.json_each(json.dumps(list(ids))).table_valued("value")
    return column.in_(sa_select(listed.c.value))


@dataclass(frozen=True)
class FamilyHeading:
    """What a family's own screens show at the top: its reference and status."""

    ref: str
    status: FamilyStatus


def family_heading(s: Session, family_id: int) -> FamilyHeading | None:
    family = s.get(Family, family_id)
    return FamilyHeading(family.ref, FamilyStatus(family.status)) if family else None


def full_name(s: Session, person_id: int) -> str:
    """A person's first and last name, or "" when there is no such person."""
    person = s.get(Person, person_id)
    return person_name(person) if person else ""
