"""A supported family's spring of contact, for letter tests: seven sessions with every
outcome a letter can state (attended, cancelled by each party, did not attend)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from contactcentre.domain.bookings import attendance, cancelling, session_calendar
from contactcentre.domain.bookings import booking as bookings
from contactcentre.store.engine import Store
from contactcentre.store.models import CancelledBy, EventKind

LONDON = ZoneInfo("Europe/London")
BOOKED_ON = date(2027, 3, 1)
# The 2nd and 4th Saturdays of March to May 2027.
DAYS = [date(2027, 3, 13), date(2027, 3, 27), date(2027, 4, 10)]
DAYS += [date(2027, 4, 24), date(2027, 5, 8), date(2027, 5, 22), date(2027, 6, 12)]
ATTENDED = {  # day -> (arrived, dropped off, collected, left), local times
    date(2027, 3, 13): ("09:47", "10:02", "11:58", "12:16"),
    date(2027, 4, 10): ("09:44", "10:00", "12:01", "12:14"),
    date(2027, 5, 22): ("09:51", "10:04", "11:56", "12:13"),
}
EVENT_ORDER = (
    EventKind.nonresident_arrived,
    EventKind.child_dropped_off,
    EventKind.child_collected,
    EventKind.nonresident_left,
)
OUTCOMES = {
    date(2027, 3, 13): "Attended",
    date(2027, 3, 27): "Cancelled by the resident parent",
    date(2027, 4, 10): "Attended",
    date(2027, 4, 24): "Cancelled by the non-resident parent",
    date(2027, 5, 8): "Cancelled by the centre",
    date(2027, 5, 22): "Attended",
    date(2027, 6, 12): "Did not attend",
}


def local(day: date, hhmm: str) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def book_spring(store: Store, family_id: int) -> None:
    """Book the seven days, cancel two by the parents and one session by the centre,
    record the three attended days and a no-show on the last."""
    with store.session() as s:
        for day in DAYS:
            bookings.book(s, family_id, day, today=BOOKED_ON)
        cancelling.cancel_booking(
            s,
            family_id,
            date(2027, 3, 27),
            by=CancelledBy.resident,
            reason="",
            told_at=local(date(2027, 3, 25), "08:00"),
        )
        cancelling.cancel_booking(
            s,
            family_id,
            date(2027, 4, 24),
            by=CancelledBy.non_resident,
            told_at=local(date(2027, 4, 24), "07:30"),
        )
        session_calendar.cancel_session(s, date(2027, 5, 8), "Hall flooded")
        for day, times in ATTENDED.items():
            booking = bookings.find_booking(s, family_id, day)
            assert booking.id is not None
            for kind, hhmm in zip(EVENT_ORDER, times, strict=True):
                attendance.record_event(s, booking.id, kind, local(day, hhmm))
        booking = bookings.find_booking(s, family_id, DAYS[-1])
        assert booking.id is not None
        attendance.record_event(s, booking.id, EventKind.no_show, local(DAYS[-1], "10:30"))
