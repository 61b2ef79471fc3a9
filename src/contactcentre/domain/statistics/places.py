"""The figures about sessions and places: sessions held, places available, booked and
attended, capacity use, cancellations and contact hours (the words are defined at the top
of figures.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import sqlalchemy as sa
from sqlalchemy import and_, case, func, type_coerce
from sqlmodel import Session, col, select

from contactcentre.domain import schedule
from contactcentre.domain.statistics.figures import attended_booking_ids, in_period, standing
from contactcentre.domain.statistics.periods import Period
from contactcentre.store.models import (
    AttendanceEvent,
    Booking,
    BookingStatus,
    CancelledBy,
    ContactSession,
    EventKind,
    SessionStatus,
)
from contactcentre.store.types import UTCDateTime


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
        col(ContactSession.status) == SessionStatus.scheduled,
        in_period(col(ContactSession.day), period),
    )
    sessions = select(func.count(), func.coalesce(func.sum(ContactSession.capacity), 0)).where(held)
    count, capacity = s.exec(sessions).one()
    attended = col(Booking.id).in_(attended_booking_ids())
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
        .where(
            col(Booking.status) == BookingStatus.cancelled,
            in_period(col(ContactSession.day), period),
        )
        .where(col(Booking.cancelled_by).is_not(None))
        .group_by(col(Booking.cancelled_by))
    )
    counts = {CancelledBy(str(who)): n for who, n in s.exec(query)}
    return {who: counts.get(who, 0) for who in CancelledBy}


def sessions_cancelled(s: Session, period: Period) -> int:
    """Whole sessions in the period the centre cancelled."""
    query = select(func.count()).where(
        col(ContactSession.status) == SessionStatus.cancelled,
        in_period(col(ContactSession.day), period),
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
            standing(),
            col(Booking.status) == BookingStatus.booked,
            col(ContactSession.status) == SessionStatus.scheduled,
            in_period(col(ContactSession.day), period),
            col(Booking.id).in_(attended_booking_ids()),
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
