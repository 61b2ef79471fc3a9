"""The session calendar: pattern days, bank holidays, closures, extra and cancelled sessions."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.bookings import cancelling, session_calendar
from contactcentre.store.engine import Store
from contactcentre.store.models import BookingStatus, CancelledBy
from tests.factories import ready_family

TODAY = date(2027, 3, 1)


def statuses(store: Store, first: date, last: date) -> dict[date, str]:
    with store.session() as s:
        return {i.day: i.status for i in session_calendar.sessions_between(s, first, last)}


def test_a_month_shows_the_pattern_days_open_with_capacity(store: Store) -> None:
    with store.session() as s:
        march = session_calendar.sessions_between(s, date(2027, 3, 1), date(2027, 3, 31))
    assert [(i.day, i.start, i.end, i.capacity, i.status) for i in march] == [
        (date(2027, 3, 13), time(10), time(12), 4, "open"),
        (date(2027, 3, 27), time(10), time(12), 4, "open"),
    ]


def test_a_pattern_day_on_a_bank_holiday_is_closed_unless_reopened(store: Store) -> None:
    # Saturday 25 Dec 2027 is the 4th Saturday and Christmas Day.
    christmas = date(2027, 12, 25)
    assert statuses(store, christmas, christmas) == {christmas: "closed"}
    with store.session() as s:
        session_calendar.set_closure(s, christmas, closed=False)
    assert statuses(store, christmas, christmas) == {christmas: "open"}


def test_a_day_can_be_closed_for_the_hall_and_opened_again(store: Store) -> None:
    day = date(2027, 3, 27)
    with store.session() as s:
        session_calendar.set_closure(s, day, closed=True, reason="Hall booked for a wedding")
        info = session_calendar.session_info(s, day)
    assert (info.status, info.note) == ("closed", "Hall booked for a wedding")
    with store.session() as s:
        session_calendar.set_closure(s, day, closed=False)
    assert statuses(store, day, day) == {day: "open"}


def test_an_extra_session_appears_and_a_cancelled_session_turns_bookings_into_centre_cancellations(
    store: Store,
) -> None:
    extra = date(2027, 3, 20)
    family_id = ready_family(store)
    with store.session() as s:
        session_calendar.add_extra_session(s, extra, time(13), time(15), 2)
        bookings.book(s, family_id, extra, today=TODAY)
    assert statuses(store, extra, extra) == {extra: "open"}
    with store.session() as s:
        affected = session_calendar.cancel_session(s, extra, "Heating broken")
        assert [(b.status, b.cancelled_by) for b in affected] == [
            (BookingStatus.cancelled, CancelledBy.centre)
        ]
        info = session_calendar.session_info(s, extra)
    assert (info.status, info.note, info.booked) == ("cancelled", "Heating broken", 0)


def test_closing_a_day_with_bookings_is_refused(store: Store) -> None:
    family_id = ready_family(store)
    day = date(2027, 3, 13)
    with store.session() as s:
        bookings.book(s, family_id, day, today=TODAY)
    with (
        store.session() as s,
        pytest.raises(session_calendar.CalendarError, match="cancel the session instead"),
    ):
        session_calendar.set_closure(s, day, closed=True, reason="Hall booked")


def test_short_notice_cancellations_are_marked(store: Store) -> None:
    family_id = ready_family(store)
    day = date(2027, 3, 13)
    with store.session() as s:
        bookings.book(s, family_id, day, today=TODAY)
        booking = cancelling.cancel_booking(
            s,
            family_id,
            day,
            by=CancelledBy.resident,
            reason="Child unwell",
            told_at=datetime(2027, 3, 13, 8, 0, tzinfo=UTC),
        )
    assert booking.short_notice and booking.cancelled_by == CancelledBy.resident
