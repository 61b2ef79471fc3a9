"""Every figure the centre reports, defined once: each function's docstring says exactly
what it counts, and how it reads what the register records today.

All of them are set-based SQL (a handful of grouped queries per figure, never one query
per family or booking), so a year's figures cost the same few queries on ten years of
data; the indexes on booking.session_id, booking.family_id, attendance_event.booking_id
and contact_session.day carry them.

Words used below:
- a booking is *attended* when, as the attendance log stands after corrections (events
  nothing supersedes, withdrawals left out), it has the visiting parent's arrival or the
  child's drop-off: the same rule as the attendance letters (bookings.attendance.outcome);
- a session is *held* when it is stored (booked, added or imported at some time: an
  opening-pattern day nobody ever booked is not stored, and the centre did not open for
  it) and not cancelled;
- a family *was seen* in a period when it has an attended booking on a session in it.

The figures about sessions and places are in places.py.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from contactcentre.domain.statistics.periods import Period
from contactcentre.store.models import (
    AttendanceEvent,
    Booking,
    BookingStatus,
    CaseOutcome,
    ContactSession,
    ContactType,
    EventKind,
    Family,
    FamilyStatus,
    Person,
    ReferralSource,
    Role,
    StatusChange,
)

ARRIVALS = (EventKind.nonresident_arrived, EventKind.child_dropped_off)
ENDED = (FamilyStatus.closed, FamilyStatus.excluded)


def standing() -> Any:
    """The attendance event in the query is not superseded by a later one. (NOT IN, which
    SQLite evaluates once, reading only the corrections from supersedes_id's index.)"""
    later = aliased(AttendanceEvent)
    superseded = select(later.supersedes_id).where(col(later.supersedes_id).is_not(None))
    return col(AttendanceEvent.id).not_in(superseded)


def attended_booking_ids() -> Any:
    return select(AttendanceEvent.booking_id).where(
        col(AttendanceEvent.kind).in_(ARRIVALS), standing()
    )


def in_period(column: Any, period: Period) -> Any:
    return and_(column >= period.start, column <= period.end)


def _attended() -> Any:
    """Attended bookings: (booking id, family id, session day)."""
    return (
        select(col(Booking.id), col(Booking.family_id), col(ContactSession.day))
        .join(ContactSession, col(Booking.session_id) == col(ContactSession.id))
        .where(col(Booking.status) == BookingStatus.booked)
        .where(col(Booking.id).in_(attended_booking_ids()))
    )


def _first_attendance() -> Any:
    """Each family's first attended session ever: (family id, first day)."""
    attended = _attended().subquery()
    return select(attended.c.family_id, func.min(attended.c.day).label("first")).group_by(
        attended.c.family_id
    )


# --- referrals --------------------------------------------------------------------------


def referrals_by_source(s: Session, period: Period) -> dict[ReferralSource, int]:
    """Referrals received: families whose referral date falls in the period, by the
    referral's source (every source listed, 0 when none came from it)."""
    query = (
        select(Family.referral_source, func.count())
        .where(in_period(col(Family.referral_date), period))
        .group_by(col(Family.referral_source))
    )
    counts = {ReferralSource(source): n for source, n in s.exec(query)}
    return {source: counts.get(source, 0) for source in ReferralSource}


def _first_decisions() -> Any:
    """Each family's first change of status out of "referred": (family id, to, on)."""
    first = (
        select(func.min(StatusChange.id))
        .where(col(StatusChange.from_status) == FamilyStatus.referred)
        .group_by(col(StatusChange.family_id))
    )
    return select(
        col(StatusChange.family_id), col(StatusChange.to_status), col(StatusChange.effective_on)
    ).where(col(StatusChange.id).in_(first))


def referrals_accepted(s: Session, period: Period) -> int:
    """Referrals accepted in the period: families whose first change of status out of
    "referred" is to "active", dated in the period; and families entered on the register
    already past "referred" (no such change recorded, imported or typed in as active,
    closed or excluded), counted as accepted on their referral date."""
    decided = _first_decisions().subquery()
    moved = (
        select(func.count())
        .select_from(decided)
        .where(
            decided.c.to_status == FamilyStatus.active, in_period(decided.c.effective_on, period)
        )
    )
    never_referred = select(func.count()).where(
        col(Family.status) != FamilyStatus.referred,
        in_period(col(Family.referral_date), period),
        col(Family.id).not_in(
            select(StatusChange.family_id).where(
                col(StatusChange.from_status) == FamilyStatus.referred
            )
        ),
    )
    return int(s.exec(moved).one()) + int(s.exec(never_referred).one())


def referrals_rejected(s: Session, period: Period) -> int:
    """Referrals not accepted: families closed or excluded straight from "referred" (never
    made active), dated in the period. The register does not yet say whether the centre
    turned the referral down or the family withdrew it before acceptance (the closing
    reason is free text, which is never counted): both are counted here."""
    decided = _first_decisions().subquery()
    query = (
        select(func.count())
        .select_from(decided)
        .where(decided.c.to_status.in_(ENDED), in_period(decided.c.effective_on, period))
    )
    return int(s.exec(query).one())


def withdrawn_before_starting(s: Session, period: Period) -> int:
    """Families that were accepted and then closed (not excluded) in the period without
    ever having attended a session before the closing date (each family once)."""
    first = _first_attendance().subquery()
    query = (
        select(func.count(func.distinct(StatusChange.family_id)))
        .outerjoin(first, first.c.family_id == col(StatusChange.family_id))
        .where(
            col(StatusChange.from_status) == FamilyStatus.active,
            col(StatusChange.to_status) == FamilyStatus.closed,
            in_period(col(StatusChange.effective_on), period),
            or_(first.c.first.is_(None), first.c.first > col(StatusChange.effective_on)),
        )
    )
    return int(s.exec(query).one())


def no_shows(s: Session, period: Period) -> int:
    """Families offered a place who never came: a booking (not cancelled) on a session in
    the period for which "did not come" is recorded, and no attended session at all up to
    the period's end. A booking with nothing recorded is not counted (nobody knows yet)."""
    first = _first_attendance().subquery()
    did_not_come = select(AttendanceEvent.booking_id).where(
        col(AttendanceEvent.kind) == EventKind.no_show, standing()
    )
    query = (
        select(func.count(func.distinct(Booking.family_id)))
        .join(ContactSession, col(Booking.session_id) == col(ContactSession.id))
        .outerjoin(first, first.c.family_id == col(Booking.family_id))
        .where(
            col(Booking.status) == BookingStatus.booked,
            in_period(col(ContactSession.day), period),
            col(Booking.id).in_(did_not_come),
            col(Booking.id).not_in(attended_booking_ids()),
            or_(first.c.first.is_(None), first.c.first > period.end),
        )
    )
    return int(s.exec(query).one())


# --- families and children ----------------------------------------------------------------


@dataclass(frozen=True)
class Seen:
    """Families and children seen in a period, new and continuing, by contact type."""

    families: int
    children: int
    families_new: int
    children_new: int
    families_by_contact_type: dict[ContactType, int]
    children_by_contact_type: dict[ContactType, int]

    @property
    def families_continuing(self) -> int:
        return self.families - self.families_new

    @property
    def children_continuing(self) -> int:
        return self.children - self.children_new


def seen(s: Session, period: Period) -> Seen:
    """Families seen: each family with at least one attended session in the period,
    counted once however often it came. New: its first attended session ever is in the
    period; continuing: it had come before. Children seen: the children named in those
    families (the log records a family's attendance, not each child's, so every child on
    the family's record counts, once). By contact type: the family's contact type now."""
    attended = _attended().where(in_period(col(ContactSession.day), period)).subquery()
    first = _first_attendance().subquery()
    families = (
        select(attended.c.family_id, first.c.first, Family.contact_type)
        .join(first, first.c.family_id == attended.c.family_id)
        .join(Family, col(Family.id) == attended.c.family_id)
        .distinct()
        .subquery()
    )
    children = (
        select(families.c.contact_type, families.c.first >= period.start, func.count())
        .join(Person, col(Person.family_id) == families.c.family_id)
        .where(col(Person.role) == Role.child)
        .group_by(families.c.contact_type, families.c.first >= period.start)
    )
    by_family = select(
        families.c.contact_type, families.c.first >= period.start, func.count()
    ).group_by(families.c.contact_type, families.c.first >= period.start)
    family_counts = _by_type_and_newness(s.exec(by_family))
    child_counts = _by_type_and_newness(s.exec(children))
    return Seen(
        families=sum(family_counts[0].values()),
        children=sum(child_counts[0].values()),
        families_new=family_counts[1],
        children_new=child_counts[1],
        families_by_contact_type={t: family_counts[0][t] for t in ContactType},
        children_by_contact_type={t: child_counts[0][t] for t in ContactType},
    )


def _by_type_and_newness(rows: Any) -> tuple[Counter[ContactType], int]:
    by_type: Counter[ContactType] = Counter()
    new = 0
    for contact_type, is_new, n in rows:
        by_type[ContactType(contact_type)] += n
        new += n if is_new else 0
    return by_type, new


# --- closures and the team ---------------------------------------------------------------------


def average_days_at_centre(s: Session, period: Period) -> tuple[int, float | None]:
    """Families closed or excluded in the period (closing date in it) that had attended
    at least once, and the average number of days from their first attended session to
    the closing date, to one decimal (None when there are none). Families that never came
    are left out: they are counted as withdrawn or no-shows instead."""
    first = _first_attendance().subquery()
    query = (
        select(
            func.count(), func.avg(func.julianday(Family.closed_on) - func.julianday(first.c.first))
        )
        .join(first, first.c.family_id == col(Family.id))
        .where(col(Family.status).in_(ENDED), in_period(col(Family.closed_on), period))
    )
    count, average = s.exec(query).one()
    return int(count), (round(float(average), 1) if average is not None else None)


def outcomes(s: Session, period: Period) -> tuple[dict[CaseOutcome, int], int]:
    """Families closed or excluded in the period (closing date in it), by the outcome
    recorded when they were closed; and, apart, how many of them have none (closed before
    the register recorded outcomes: "not recorded", never guessed from the reason)."""
    query = (
        select(Family.outcome, func.count())
        .where(col(Family.status).in_(ENDED), in_period(col(Family.closed_on), period))
        .group_by(col(Family.outcome))
    )
    counts = dict(s.exec(query).all())
    unknown = int(counts.pop(None, 0))
    return {o: int(counts.get(o, 0)) for o in CaseOutcome}, unknown
