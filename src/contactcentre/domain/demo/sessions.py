"""Sessions, bookings and attendance for the demo centre, so every screen has something
to show: a few months of past sessions (attended, cancelled, missed) and the next ones
booked, with today's session if today is a session day."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from contactcentre.domain.agreements.readiness import record_pre_visit
from contactcentre.domain.agreements.signing import sign_on_screen
from contactcentre.domain.bookings import attendance, cancelling, session_calendar
from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.vocabulary import ADULT_ROLES
from contactcentre.store.models import (
    CancelledBy,
    ContactType,
    EventKind,
    EventSource,
    Family,
    FamilyStatus,
    Person,
)

SIGNATURE = [[(0.05, 0.6), (0.2, 0.3), (0.35, 0.7), (0.5, 0.35), (0.7, 0.65), (0.95, 0.4)]]
LONDON = ZoneInfo("Europe/London")


def make_ready(s: Session, family: Family) -> None:
    visit = family.referral_date + timedelta(days=7)
    for person in s.exec(select(Person).where(col(Person.family_id) == family.id)):
        if person.role in ADULT_ROLES and person.id is not None:
            record_pre_visit(s, person.id, visit)
            sign_on_screen(s, person.id, SIGNATURE, visit)


def record_day(
    s: Session,
    rng: random.Random,
    booking_id: int,
    day: date,
    plan: bookings.PlannedTimes,
    *,
    cancels: bool = True,
) -> None:
    """What happened at a booked session: mostly attended (times drifting a few minutes
    from the plan), now and then a no-show or (with `cancels`) a cancellation."""
    roll = rng.random() if cancels else 0.5
    if roll < 0.1:
        at = datetime.combine(day, plan.plan.child_dropoff, tzinfo=LONDON)
        attendance.record_event(
            s,
            booking_id,
            EventKind.no_show,
            at,
            recorded_by="Demo volunteer",
            reason="No reason given",
        )
        return
    if roll < 0.2:
        family_id = plan.plan.family_id
        by = rng.choice([CancelledBy.resident, CancelledBy.non_resident])
        told = datetime.combine(day - timedelta(days=rng.choice([0, 3])), time(8), tzinfo=LONDON)
        cancelling.cancel_booking(s, family_id, day, by=by, reason="Child unwell", told_at=told)
        return
    p = plan.plan
    for kind, planned in [
        (EventKind.nonresident_arrived, p.nonresident_arrive),
        (EventKind.child_dropped_off, p.child_dropoff),
        (EventKind.child_collected, p.child_pickup),
        (EventKind.nonresident_left, p.nonresident_leave),
    ]:
        drift = timedelta(minutes=rng.randint(-3, 4))
        at = datetime.combine(day, planned, tzinfo=LONDON) + drift
        attendance.record_event(
            s,
            booking_id,
            kind,
            at,
            recorded_by="Demo volunteer",
            source=rng.choice([EventSource.live, EventSource.paper]),
        )


def active_families(s: Session, contact_type: ContactType, limit: int) -> list[Family]:
    """The first `limit` active families of a contact type, by reference."""
    query = select(Family).where(
        col(Family.status) == FamilyStatus.active, col(Family.contact_type) == contact_type
    )
    return list(s.exec(query.order_by(col(Family.ref)).limit(limit)))


def open_days(s: Session, first: date, last: date) -> list[date]:
    """The session days in [first, last] that still have a place."""
    return [i.day for i in session_calendar.sessions_between(s, first, last) if i.status == "open"]


def fill_sessions(s: Session, today: date, *, families: int = 12, seed: int = 11) -> None:
    rng = random.Random(seed)
    chosen = active_families(s, ContactType.supported, families)
    for family in chosen:
        make_ready(s, family)
    past = open_days(s, today - timedelta(days=120), today - timedelta(days=1))
    upcoming = open_days(s, today, today + timedelta(days=60))[:2]
    for day in past + upcoming:
        for family in rng.sample(chosen, k=min(len(chosen), 4)):
            assert family.id is not None
            try:
                planned = bookings.book(s, family.id, day, today=day)
            except bookings.BookingRefused:
                continue
            booking = bookings.find_booking(s, family.id, day)
            if day < today and booking.id is not None:
                record_day(s, rng, booking.id, day, planned)
