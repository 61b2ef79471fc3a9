"""What is due for destruction on a day, and what is held back and why.

A closed (or excluded) family is due once its rule's years have passed since its last
contact with the centre: the latest of the day it was closed, the day of its latest
booked session and the day an item for it was last received. A volunteer is due once the
rule's years have passed since they left. A complaint is due once the complaints rule's
years have passed since it was resolved (its response sent; the statistics count it
resolved that day too); one not yet answered never is. Complaints are kept apart from the
families' files (no family link), so a family's legal hold cannot reach them. Due "on the
day": the anniversary itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from sqlalchemy import func
from sqlmodel import Session, col, select

from contactcentre.domain import permissions
from contactcentre.domain.retention import holds
from contactcentre.domain.retention.rules import Rule, rule_words, rules
from contactcentre.domain.safeguarding.complaints import reference
from contactcentre.store.models import (
    Booking,
    Complaint,
    ContactSession,
    Family,
    FamilyStatus,
    Incident,
    IndirectItem,
    TeamMember,
)

ENDED = (FamilyStatus.closed, FamilyStatus.excluded)


@dataclass(frozen=True)
class DueFamily:
    family_id: int
    ref: str
    last_contact: date
    due_on: date


@dataclass(frozen=True)
class DueMember:
    member_id: int
    left_on: date
    due_on: date


@dataclass(frozen=True)
class DueComplaint:
    complaint_id: int
    ref: str  # C-0001: the log's reference, never who complained
    resolved_on: date
    due_on: date


@dataclass(frozen=True)
class Held:
    family_id: int
    ref: str
    reason: str
    due_on: date | None  # when it would have been destroyed; None: not due yet (or open)


@dataclass(frozen=True)
class Due:
    today: date
    families: list[DueFamily]
    members: list[DueMember]
    held: list[Held]
    family_rule: Rule
    member_rule: Rule
    complaints: list[DueComplaint]
    complaint_rule: Rule

    def categories(self) -> list[tuple[str, int, str]]:
        """(category, how many, the rule in words), as `retention` lists them."""
        return [
            ("family records", len(self.families), rule_words(self.family_rule)),
            ("volunteer files", len(self.members), rule_words(self.member_rule)),
            ("complaints", len(self.complaints), rule_words(self.complaint_rule)),
        ]

    def anything(self) -> bool:
        return bool(self.families or self.members or self.complaints)

    def same_as(self, other: Due) -> bool:
        """The same records are due (what the coordinator reviewed is what would go)."""
        return (self.families, self.members, self.complaints) == (
            other.families,
            other.members,
            other.complaints,
        )


def last_contacts(s: Session) -> dict[int, date]:
    """Each closed family's last contact with the centre (see the module's words)."""
    last: dict[int, date] = {}

    def later(pairs: object) -> None:
        for family_id, day in pairs:  # type: ignore[attr-defined]
            if day is not None and (family_id not in last or day > last[family_id]):
                last[family_id] = day

    ended = select(Family.id).where(col(Family.status).in_(ENDED))
    later(
        s.exec(select(col(Family.id), col(Family.closed_on)).where(col(Family.status).in_(ENDED)))
    )
    later(
        s.exec(
            select(Booking.family_id, func.max(ContactSession.day))
            .join(ContactSession, col(ContactSession.id) == Booking.session_id)
            .where(col(Booking.family_id).in_(ended))
            .group_by(col(Booking.family_id))
        )
    )
    later(
        s.exec(
            select(IndirectItem.family_id, func.max(IndirectItem.received_on))
            .where(col(IndirectItem.family_id).in_(ended))
            .group_by(col(IndirectItem.family_id))
        )
    )
    return last


def _incident_dues(s: Session, years: int) -> dict[int, date]:
    """A closed family with an incident or safeguarding concern is kept until the
    incidents rule has run from its closing (6 years by default), however long ago its
    last contact: family id -> that day."""
    query = (
        select(col(Family.id), col(Family.closed_on))
        .where(col(Family.id).in_(select(col(Incident.family_id))))
        .where(col(Family.closed_on).is_not(None))
    )
    kept: dict[int, date] = {}
    for family_id, closed in s.exec(query):
        if family_id is not None and closed is not None:
            kept[family_id] = closed + relativedelta(years=years)
    return kept


def due_for_destruction(s: Session, today: date) -> Due:
    """Everything due on `today`, and the families held back (never destroyed)."""
    permissions.require(s, "see_retention")
    found = rules(s)
    family_rule, member_rule = found["family"], found["volunteer"]
    kept_for_incidents = _incident_dues(s, found["incidents"].years)
    held_why = holds.reasons_held(s)
    refs = dict(s.exec(select(Family.id, Family.ref)).all())
    families, held = [], []
    lasts = last_contacts(s)

    def due_of(family_id: int, last: date) -> date:
        due_on: date = last + relativedelta(years=family_rule.years)
        return max(due_on, kept_for_incidents.get(family_id, due_on))

    for family_id, last in sorted(lasts.items(), key=lambda p: refs[p[0]]):
        due_on = due_of(family_id, last)
        if due_on <= today and family_id not in held_why:
            families.append(DueFamily(family_id, refs[family_id], last, due_on))
    for family_id in sorted(held_why, key=lambda f: refs[f]):  # every hold, due or not
        held_due = due_of(family_id, lasts[family_id]) if family_id in lasts else None
        shown = held_due if held_due is not None and held_due <= today else None
        held.append(Held(family_id, refs[family_id], held_why[family_id], shown))
    members = []
    gone = select(TeamMember).where(col(TeamMember.left_on).is_not(None))
    for member in s.exec(gone.order_by(col(TeamMember.id))):
        assert member.id is not None and member.left_on is not None
        due_on = member.left_on + relativedelta(years=member_rule.years)
        if due_on <= today:
            members.append(DueMember(member.id, member.left_on, due_on))
    rule = found["complaints"]
    return Due(
        today, families, members, held, family_rule, member_rule, _complaints(s, rule, today), rule
    )


def _complaints(s: Session, rule: Rule, today: date) -> list[DueComplaint]:
    answered = select(Complaint).where(col(Complaint.responded_on).is_not(None))
    found = []
    for row in s.exec(answered.order_by(col(Complaint.id))):
        assert row.id is not None and row.responded_on is not None
        due_on = row.responded_on + relativedelta(years=rule.years)
        if due_on <= today:
            found.append(DueComplaint(row.id, reference(row.id), row.responded_on, due_on))
    return found
