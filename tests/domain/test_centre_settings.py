"""Changing the centre's settings: every value checked at once, nothing half-saved, and
sessions families are booked into survive a new opening pattern."""

from __future__ import annotations

from datetime import date, time

import pytest

from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.bookings import plans as session_plans
from contactcentre.domain.bookings import session_calendar
from contactcentre.domain.centre import get_centre, update_centre
from contactcentre.domain.errors import ValidationError
from contactcentre.store.engine import Store
from tests.factories import ready_family

TODAY = date(2027, 3, 1)


def test_bad_settings_are_all_reported_and_none_is_stored(store: Store) -> None:
    with store.session() as s, pytest.raises(ValidationError) as caught:
        update_centre(
            s,
            opening_rule="FREQ=HOURLY",
            opening_start=time(12),
            opening_end=time(10),
            capacity=0,
            email="nobody",
            name="Renamed Centre",
        )
    assert caught.value.errors == {
        "opening_rule": "Opening pattern must repeat daily, weekly, monthly or yearly",
        "capacity": "Families per session must be from 1 to 20",
        "email": "Email 'nobody' is not an email address",
        "opening_end": "Closing time must be after the opening time.",
    }
    with store.session() as s:
        centre = get_centre(s)
        assert (centre.name, centre.capacity, centre.opening_start) == (
            "Test Contact Centre",
            4,
            time(10),
        )


def test_good_settings_are_cleaned_and_stored(store: Store) -> None:
    with store.session() as s:
        update_centre(
            s,
            opening_rule="rrule:freq=weekly;byday=we",
            opening_start="1600",
            opening_end="18:00",
            phone="0113 496 0999",
            accreditation_line="Accredited by NACCC",
        )
    with store.session() as s:
        centre = get_centre(s)
        assert centre.opening_rule == "FREQ=WEEKLY;BYDAY=WE"
        assert centre.opening_start == time(16)
        assert centre.phone == "+441134960999"
        assert centre.accreditation_line == "Accredited by NACCC"


def test_a_new_pattern_keeps_booked_sessions_and_drops_unused_ones(store: Store) -> None:
    family_id = ready_family(store)
    with store.session() as s:
        bookings.book(s, family_id, date(2027, 3, 13), today=TODAY)
        session_plans.confirm_plan(s, date(2027, 3, 27))  # stores an empty session
        update_centre(s, opening_rule="FREQ=MONTHLY;BYDAY=+1SA", capacity=5, opening_end="1130")
        notes = session_calendar.follow_centre_settings(s, TODAY)
    assert notes == [
        "Sat 13 Mar 2027 keeps 10:00–12:00: its families have their times.",
        "Sat 13 Mar 2027 is not in the new pattern but keeps its 1 booking.",
    ]
    with store.session() as s:
        march = {
            i.day: (i.end, i.capacity, i.booked)
            for i in session_calendar.sessions_between(s, date(2027, 3, 1), date(2027, 3, 31))
        }
    assert march == {
        date(2027, 3, 6): (time(11, 30), 5, 0),
        date(2027, 3, 13): (time(12), 5, 1),
    }
