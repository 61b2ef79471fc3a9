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
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import sqlalchemy as sa
from sqlalchemy import and_, case, exists, func, or_, type_coerce
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from contactcentre.domain import schedule
from contactcentre.domain.statistics.periods import Period
from contactcentre.store.models import (
    AttendanceEvent,
    Booking,
    BookingStatus,
    CancelledBy,
    ContactSession,
    ContactType,
    EventKind,
    Family,
    FamilyStatus,
    Person,
    ReferralSource,
    Role,
    SessionStatus,
    StatusChange,
    TeamMember,
    TeamRole,
)
from contactcentre.store.types import UTCDateTime

ARRIVALS = (EventKind.nonresident_arrived, EventKind.child_dropped_off)
ENDED = (FamilyStatus.closed, FamilyStatus.excluded)


def _standing() -> Any:
    """The attendance event in the query is not superseded by a later one."""
    later = aliased(AttendanceEvent)
    return ~exists().where(col(later.supersedes_id) == col(AttendanceEvent.id))


def _attended_booking_ids() -> Any:
    return select(AttendanceEvent.booking_id).where(
        col(AttendanceEvent.kind).in_(ARRIVALS), _standing()
    )


def _in(column: Any, period: Period) -> Any:
    return and_(column >= period.start, column <= period.end)


def _attended() -> Any:
    """Attended bookings: (booking id, family id, session day)."""
    return (
        select(col(Booking.id), col(Booking.family_id), col(ContactSession.day))
        .join(ContactSession, col(Booking.session_id) == col(ContactSession.id))
        .where(col(Booking.status) == BookingStatus.booked)
        .where(col(Booking.id).in_(_attended_booking_ids()))
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
        .where(_in(col(Family.referral_date), period))
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
        .where(decided.c.to_status == FamilyStatus.active, _in(decided.c.effective_on, period))
    )
    never_referred = select(func.count()).where(
        col(Family.status) != FamilyStatus.referred,
        _in(col(Family.referral_date), period),
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
        .where(decided.c.to_status.in_(ENDED), _in(decided.c.effective_on, period))
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
            _in(col(StatusChange.effective_on), period),
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
        col(AttendanceEvent.kind) == EventKind.no_show, _standing()
    )
    query = (
        select(func.count(func.distinct(Booking.family_id)))
        .join(ContactSession, col(Booking.session_id) == col(ContactSession.id))
        .outerjoin(first, first.c.family_id == col(Booking.family_id))
        .where(
            col(Booking.status) == BookingStatus.booked,
            _in(col(ContactSession.day), period),
            col(Booking.id).in_(did_not_come),
            col(Booking.id).not_in(_attended_booking_ids()),
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
    attended = _attended().where(_in(col(ContactSession.day), period)).subquery()
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


# --- sessions and places --------------------------------------------------------------------


@dataclass(frozen=True)
class Places:
    sessions_held: int
    places_available: int
    places_booked: int
    places_attended: int


def places(s: Session, period: Period) -> Places:
    """Sessions held in the period (stored, not cancelled; see above); places available:
    the sum of those sessions' capacities (capacity × sessions when every session has the
    same); places booked: bookings on them not cancelled; places attended: those bookings
    attended."""
    held = and_(
        col(ContactSession.status) == SessionStatus.scheduled, _in(col(ContactSession.day), period)
    )
    sessions = select(func.count(), func.coalesce(func.sum(ContactSession.capacity), 0)).where(held)
    count, capacity = s.exec(sessions).one()
    attended = col(Booking.id).in_(_attended_booking_ids())
    bookings = (
        select(func.count(), func.coalesce(func.sum(case((attended, 1), else_=0)), 0))
        .join(ContactSession, col(Booking.session_id) == col(ContactSession.id))
        .where(held, col(Booking.status) == BookingStatus.booked)
    )
    booked, came = s.exec(bookings).one()
    return Places(int(count), int(capacity), int(booked), int(came))


def capacity_use_percent(places: Places) -> float | None:
    """Places attended as a percentage of places available, to one decimal; None when
    no places were available (no session was held)."""
    if not places.places_available:
        return None
    return round(100 * places.places_attended / places.places_available, 1)


def cancellations_by(s: Session, period: Period) -> dict[CancelledBy, int]:
    """Cancelled bookings on sessions in the period, by who cancelled: the resident
    parent, the visiting (non-resident) parent, or the centre (a whole session the centre
    cancelled counts once for each family booked into it). A cancellation recorded with
    nobody named (none is made that way today) is not counted."""
    query = (
        select(Booking.cancelled_by, func.count())
        .join(ContactSession, col(Booking.session_id) == col(ContactSession.id))
        .where(col(Booking.status) == BookingStatus.cancelled, _in(col(ContactSession.day), period))
        .where(col(Booking.cancelled_by).is_not(None))
        .group_by(col(Booking.cancelled_by))
    )
    counts = {CancelledBy(str(who)): n for who, n in s.exec(query)}
    return {who: counts.get(who, 0) for who in CancelledBy}


def sessions_cancelled(s: Session, period: Period) -> int:
    """Whole sessions in the period the centre cancelled."""
    query = select(func.count()).where(
        col(ContactSession.status) == SessionStatus.cancelled, _in(col(ContactSession.day), period)
    )
    return int(s.exec(query).one())


@dataclass(frozen=True)
class ContactHours:
    hours: float  # to one decimal
    estimated: int  # attended bookings where a recorded time was missing


def contact_hours(s: Session, period: Period, timezone: str) -> ContactHours:
    """Contact hours delivered: over the attended bookings on sessions held in the period,
    the time from the child's drop-off to the child's collection (the first drop-off and
    the last collection as the log stands). Where the log lacks one of them (an imported
    register holds only the visiting parent's times) the visiting parent's arrival or
    leaving stands in; where that is missing too, the booking's planned handover time,
    else the session's start or end. Bookings needing the plan or the session's hours are
    counted in `estimated`. A span that comes out negative (a mistyped time) counts 0."""

    def moment(kind: EventKind, pick: Any) -> Any:
        when = case((col(AttendanceEvent.kind) == kind, col(AttendanceEvent.occurred_at)))
        return type_coerce(pick(when), UTCDateTime())

    per_booking = (  # nine columns: past sqlmodel's typed select(), so SQLAlchemy's own
        sa.select(
            col(ContactSession.day),
            col(ContactSession.start),
            col(ContactSession.end),
            col(Booking.child_dropoff),
            col(Booking.child_pickup),
            moment(EventKind.child_dropped_off, func.min),
            moment(EventKind.child_collected, func.max),
            moment(EventKind.nonresident_arrived, func.min),
            moment(EventKind.nonresident_left, func.max),
        )
        .join(Booking, col(Booking.id) == col(AttendanceEvent.booking_id))
        .join(ContactSession, col(Booking.session_id) == col(ContactSession.id))
        .where(
            _standing(),
            col(Booking.status) == BookingStatus.booked,
            col(ContactSession.status) == SessionStatus.scheduled,
            _in(col(ContactSession.day), period),
            col(Booking.id).in_(_attended_booking_ids()),
        )
        .group_by(col(Booking.id))
    )
    seconds, estimated = 0.0, 0
    rows = s.connection().execute(per_booking)
    for day, start, end, plan_in, plan_out, dropped, collected, arrived, left in rows:
        began = dropped or arrived
        ended = collected or left
        if began is None or ended is None:
            estimated += 1
        began = began or _local(day, plan_in or start, timezone)
        ended = ended or _local(day, plan_out or end, timezone)
        seconds += max(0.0, (ended - began).total_seconds())
    return ContactHours(round(seconds / 3600, 1), estimated)


def _local(day: date, at: time, timezone: str) -> datetime:
    return schedule.local_to_utc(day, at, timezone)


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
        .where(col(Family.status).in_(ENDED), _in(col(Family.closed_on), period))
    )
    count, average = s.exec(query).one()
    return int(count), (round(float(average), 1) if average is not None else None)


def team_headcount(s: Session, period: Period) -> dict[TeamRole, int]:
    """The team active at some time in the period, by role: joined on or before its end
    (no joining date: counted as always on the team) and not left before its start."""
    query = (
        select(TeamMember.role, func.count())
        .where(or_(col(TeamMember.joined_on).is_(None), col(TeamMember.joined_on) <= period.end))
        .where(or_(col(TeamMember.left_on).is_(None), col(TeamMember.left_on) >= period.start))
        .group_by(col(TeamMember.role))
    )
    counts = {TeamRole(role): n for role, n in s.exec(query)}
    return {role: counts.get(role, 0) for role in TeamRole}
