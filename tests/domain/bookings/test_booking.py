"""Booking families into sessions: the refusals a coordinator needs, and the plan."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlmodel import select

from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.bookings import session_calendar
from contactcentre.domain.register.families import end_family
from contactcentre.store.engine import Store
from contactcentre.store.models import Booking, FamilyStatus
from tests.factories import add_family, ready_family

TODAY = date(2027, 3, 1)
DAY = date(2027, 3, 13)


def test_booking_a_ready_family_plans_its_staggered_times(store: Store) -> None:
    family_id = ready_family(store)
    with store.session() as s:
        planned = bookings.book(s, family_id, DAY, today=TODAY)
    assert planned.as_json() == {
        "family": "F-0001",
        "date": "2027-03-13",
        "non_resident_arrive": "09:45",
        "child_dropoff": "10:00",
        "child_pickup": "12:00",
        "non_resident_leave": "12:15",
    }


def test_a_second_family_gets_times_five_minutes_apart_from_the_first(store: Store) -> None:
    first, second = ready_family(store, "F-0001"), ready_family(store, "F-0002")
    with store.session() as s:
        bookings.book(s, first, DAY, today=TODAY)
        planned = bookings.book(s, second, DAY, today=TODAY)
        rows = s.exec(select(Booking).order_by(Booking.id)).all()
    assert [(b.child_dropoff, b.child_pickup) for b in rows] == [
        (time(10, 0), time(11, 55)),
        (time(10, 5), time(12, 0)),
    ]
    assert planned.plan.child_dropoff == time(10, 5)


@pytest.mark.parametrize(
    ("setup", "day", "reason"),
    [
        ("not-ready", DAY, "not ready for contact"),
        ("ready", date(2027, 2, 27), "in the past"),
        ("ready", date(2027, 3, 14), "no session"),
        ("ready", date(2027, 12, 25), "closed"),
        ("excluded", DAY, "excluded"),
    ],
)
def test_bookings_are_refused_with_a_reason(
    store: Store, setup: str, day: date, reason: str
) -> None:
    family_id = add_family(store) if setup == "not-ready" else ready_family(store)
    if setup == "excluded":
        with store.session() as s:
            end_family(
                s,
                family_id,
                FamilyStatus.excluded,
                reason="Threatened a volunteer",
                on=TODAY,
                decided_by="Coordinator",
                today=TODAY,
            )
    with (
        store.session() as s,
        pytest.raises((bookings.BookingRefused, session_calendar.NotFound), match=reason),
    ):
        bookings.book(s, family_id, day, today=TODAY)
    with store.session() as s:
        assert s.exec(select(Booking)).all() == []


def test_an_override_books_a_family_not_yet_ready_and_records_why(store: Store) -> None:
    family_id = add_family(store)
    with store.session() as s:
        bookings.book(
            s, family_id, DAY, today=TODAY, override_reason="Court ordered contact this week"
        )
        booking = s.exec(select(Booking)).one()
    assert booking.override_reason == "Court ordered contact this week"


def test_a_full_session_and_a_double_booking_are_refused(store: Store) -> None:
    ids = [ready_family(store, f"F-{i:04d}") for i in range(1, 6)]
    with store.session() as s:
        for family_id in ids[:4]:
            bookings.book(s, family_id, DAY, today=TODAY)
    with store.session() as s, pytest.raises(bookings.BookingRefused, match="already booked"):
        bookings.book(s, ids[0], DAY, today=TODAY)
    with store.session() as s, pytest.raises(bookings.BookingRefused, match="full"):
        bookings.book(s, ids[4], DAY, today=TODAY, override_reason="anyway")


def test_a_series_books_every_session_or_none(store: Store) -> None:
    family_id = ready_family(store)
    with store.session() as s:
        planned = bookings.book_series(s, family_id, DAY, 3, today=TODAY)
    assert [p.day for p in planned] == [date(2027, 3, 13), date(2027, 3, 27), date(2027, 4, 10)]
