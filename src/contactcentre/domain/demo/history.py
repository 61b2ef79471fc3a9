"""Years of past sessions for the demo centre (`demo --years N`), so a newcomer (and the
P8 benchmark) can see what a centre that has run for a decade holds: about 5,000
bookings a year, each attended one with its five or seven times recorded.

The rows go in with bulk inserts (a few statements, one transaction): booking them one by
one through the domain would take an hour for ten years. The centre opens five days a
week (Wednesday to Sunday) for 20 families. One active supported family comes
about twenty times a year, so a letter has a long history to tell. The history is one
entry in the audit trail ("demo.history"), not one per event.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert
from sqlmodel import Session, col, select

from contactcentre.domain import audit, schedule
from contactcentre.domain.bookings import session_calendar
from contactcentre.domain.centre import get_centre, update_centre
from contactcentre.store.models import (
    AttendanceEvent,
    Booking,
    BookingStatus,
    CancelledBy,
    ContactSession,
    ContactType,
    EventKind,
    EventSource,
    Family,
    FamilyStatus,
    Person,
    Role,
)

OPENING_RULE = "FREQ=WEEKLY;BYDAY=WE,TH,FR,SA,SU"
CAPACITY = 20  # the most the settings allow
BOOKINGS_A_YEAR = 5_000
REGULAR_VISITS_A_YEAR = 20
# The recorded moments of an attended booking, minutes after the session starts.
ATTENDED = [
    (EventKind.nonresident_arrived, -15),
    (EventKind.resident_arrived, -5),
    (EventKind.child_dropped_off, 0),
    (EventKind.child_collected, 105),
    (EventKind.nonresident_left, 120),
]
WITH_RELATIVE = [(EventKind.relative_arrived, -15), (EventKind.relative_left, 120)]
SEED = 23


@dataclass(frozen=True)
class History:
    sessions: int
    bookings: int
    events: int
    regular_family_id: int


def open_for_history(s: Session) -> None:
    """A busier centre than the default twice a month: years of history need room."""
    update_centre(s, opening_rule=OPENING_RULE, capacity=CAPACITY)


def regular_family(s: Session) -> Family:
    """The first active supported family by reference: the one that comes most often."""
    family = s.exec(
        select(Family)
        .where(
            col(Family.status) == FamilyStatus.active,
            col(Family.contact_type) == ContactType.supported,
        )
        .order_by(col(Family.ref))
    ).first()
    assert family is not None, "the demo always has active supported families"
    return family


def _next_id(s: Session, column: Any) -> int:
    found: int = s.exec(select(func.coalesce(func.max(column), 0))).one()
    return found + 1


def _session_ids(s: Session, days: list[date], start: time, end: time) -> dict[date, int]:
    """Each day's session id, storing the days that have no row yet."""
    stored = {row.day: row.id or 0 for row in s.exec(select(ContactSession))}
    next_id = _next_id(s, ContactSession.id)
    rows = []
    for day in days:
        if day not in stored:
            stored[day] = next_id
            rows.append(
                {"id": next_id, "day": day, "start": start, "end": end, "capacity": CAPACITY}
            )
            next_id += 1
    if rows:
        s.execute(insert(ContactSession), rows)
    return stored


def fill_history(s: Session, today: date, years: int, *, seed: int = SEED) -> History:
    """About `years` × 5,000 bookings in the sessions before today (filling up the days
    the demo already booked a few families into), with their attendance."""
    rng = random.Random(seed)
    centre = get_centre(s)
    tz = ZoneInfo(centre.timezone)
    first, last = today - timedelta(days=365 * years), today - timedelta(days=1)
    closed = session_calendar.closed_days(s, first, last)
    days = [d for d in schedule.occurrences(centre.opening_rule, first, last) if d not in closed]
    session_ids = _session_ids(s, days, centre.opening_start, centre.opening_end)
    ever_booked = [FamilyStatus.active, FamilyStatus.closed, FamilyStatus.excluded]
    pool = [
        family_id or 0
        for family_id in s.exec(select(Family.id).where(col(Family.status).in_(ever_booked)))
    ]
    regular = regular_family(s)
    regular_id = regular.id
    assert regular_id is not None
    with_relative = set(s.exec(select(Person.family_id).where(col(Person.role) == Role.relative)))
    taken: dict[int, set[int]] = {}
    for session_id, family_id in s.exec(select(Booking.session_id, Booking.family_id)):
        taken.setdefault(session_id, set()).add(family_id)
    per_session = min(CAPACITY, round(BOOKINGS_A_YEAR * years / max(1, len(days))))
    regular_chance = REGULAR_VISITS_A_YEAR * years / max(1, len(days))
    bookings: list[dict[str, object]] = []
    events: list[dict[str, object]] = []
    booking_id = _next_id(s, Booking.id)
    for day in days:
        session_id = session_ids[day]
        booked = taken.get(session_id, set())
        wanted = max(0, per_session - len(booked))
        chosen = [f for f in rng.sample(pool, k=wanted + 1) if f not in booked][:wanted]
        if regular_id not in booked and rng.random() < regular_chance:
            chosen = [regular_id, *[f for f in chosen if f != regular_id]][:wanted]
        starts = datetime.combine(day, centre.opening_start, tz)
        for slot, family_id in enumerate(chosen):
            row, kinds = _booking(rng, booking_id, session_id, family_id, starts, slot)
            bookings.append(row)
            if family_id in with_relative and kinds is ATTENDED:
                kinds = [*ATTENDED, *WITH_RELATIVE]
            for kind, minutes in kinds:
                at = starts + timedelta(minutes=minutes + 5 * (slot % 4) + rng.randint(-3, 4))
                events.append(
                    {
                        "booking_id": booking_id,
                        "kind": kind,
                        "occurred_at": at.astimezone(UTC),
                        "recorded_at": at.astimezone(UTC),
                        "recorded_by": "Demo volunteer",
                        "source": EventSource.paper if slot % 3 else EventSource.live,
                        "reason": "No reason given" if kind == EventKind.no_show else "",
                    }
                )
            booking_id += 1
    for chunk in range(0, len(bookings), 10_000):
        s.execute(insert(Booking), bookings[chunk : chunk + 10_000])
    for chunk in range(0, len(events), 20_000):
        s.execute(insert(AttendanceEvent), events[chunk : chunk + 20_000])
    audit.record(
        s, "demo.history", detail=f"{years} years: {len(bookings)} bookings, {len(events)} events"
    )
    return History(len(days), len(bookings), len(events), regular_id)


def _booking(
    rng: random.Random,
    booking_id: int,
    session_id: int,
    family_id: int,
    starts: datetime,
    slot: int,
) -> tuple[dict[str, object], list[tuple[EventKind, int]]]:
    """A booking row (planned times staggered by slot) and the events it had."""
    local = starts.replace(tzinfo=None)

    def at(minutes: int) -> time:
        return (local + timedelta(minutes=minutes + 5 * (slot % 4))).time()

    row: dict[str, object] = {
        "id": booking_id,
        "session_id": session_id,
        "family_id": family_id,
        "booked_at": (starts - timedelta(days=rng.randrange(3, 30))).astimezone(UTC),
        "nonresident_arrive": at(-15),
        "child_dropoff": at(0),
        "child_pickup": at(105),
        "nonresident_leave": at(120),
        "plan_confirmed": True,
        "status": BookingStatus.booked,
        "cancelled_by": None,
        "cancelled_at": None,
        "centre_told_at": None,
        "cancel_reason": "",
        "short_notice": False,
    }
    roll = rng.random()
    if roll < 0.05:
        told = starts - timedelta(days=rng.choice([0, 3]), hours=2)
        row |= {
            "status": BookingStatus.cancelled,
            "cancelled_by": rng.choice([CancelledBy.resident, CancelledBy.non_resident]),
            "cancelled_at": told.astimezone(UTC),
            "centre_told_at": told.astimezone(UTC),
            "cancel_reason": "Child unwell",
            "short_notice": told > starts - timedelta(days=1),
        }
        return row, []
    if roll < 0.10:
        return row, [(EventKind.no_show, 0)]
    return row, ATTENDED
