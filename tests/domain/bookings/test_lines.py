"""What a family's booking list says happened, as the attendance log stands."""

from __future__ import annotations

from datetime import UTC, date, datetime

from contactcentre.domain.bookings import attendance
from contactcentre.domain.bookings.lines import family_bookings, needs_review_for_no_shows
from contactcentre.store.engine import Store
from contactcentre.store.models import EventKind
from tests.factories import add_booking, add_family

DAYS = [date(2027, 2, 13), date(2027, 2, 27), date(2027, 3, 13)]


def test_bookings_say_attended_or_no_show_and_a_withdrawn_no_show_no_longer_counts(
    store: Store,
) -> None:
    family_id = add_family(store)
    with store.session() as s:
        first, second, third = (add_booking(s, family_id, day) for day in DAYS)
        attendance.record_event(
            s, first, EventKind.nonresident_arrived, datetime(2027, 2, 13, 9, 45, tzinfo=UTC)
        )
        attendance.record_event(
            s,
            second,
            EventKind.no_show,
            datetime(2027, 2, 27, 10, 20, tzinfo=UTC),
            reason="Car broke down",
        )
        mistaken = attendance.record_event(
            s, third, EventKind.no_show, datetime(2027, 3, 13, 10, 20, tzinfo=UTC)
        )
    with store.session() as s:
        assert [line.status for line in family_bookings(s, family_id)] == [
            "No-show",
            "No-show: Car broke down",
            "Attended",
        ]
        assert needs_review_for_no_shows(s, family_id)

        assert mistaken.id is not None
        attendance.correct_event(
            s,
            mistaken.id,
            why="Typed on the wrong family",
            recorded_by="Ann",
            kind=EventKind.voided,
        )
    with store.session() as s:
        assert [line.status for line in family_bookings(s, family_id)] == [
            "Booked",
            "No-show: Car broke down",
            "Attended",
        ]
        assert not needs_review_for_no_shows(s, family_id)
