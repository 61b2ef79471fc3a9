"""Paper entry's rules: what the sheet says is added, never over what is already recorded."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from contactcentre.domain.bookings import attendance
from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.clock import FixedClock
from contactcentre.domain.errors import ValidationError
from contactcentre.domain.register.family_forms import PersonForm
from contactcentre.domain.session_day.paper_entry import PaperLine, record_paper
from contactcentre.store.engine import Store
from contactcentre.store.models import EventKind, EventSource, Person, Role
from tests.factories import family_form, ready_family

DAY = date(2027, 3, 13)


@pytest.fixture
def booking_id(store: Store) -> int:
    family_id = ready_family(store, "F-0001")
    with store.session() as s:
        bookings.book(s, family_id, DAY, today=date(2027, 3, 1))
        return bookings.find_booking(s, family_id, DAY).id or 0


def test_a_time_already_recorded_live_is_not_recorded_twice(
    store: Store, booking_id: int, clock: FixedClock
) -> None:
    with store.session() as s:
        attendance.record_event(
            s,
            booking_id,
            EventKind.nonresident_arrived,
            datetime(2027, 3, 13, 9, 44, tzinfo=clock.tz),
        )
    line = PaperLine(
        booking_id,
        times={EventKind.nonresident_arrived: "0950", EventKind.nonresident_left: "1215"},
    )
    with store.session() as s, pytest.raises(ValidationError) as refused:
        record_paper(s, [line], recorded_by="Bea")
    assert refused.value.errors == {
        f"{booking_id}.nonresident_arrived": "already recorded: correct it from the board's "
        "History instead"
    }
    with store.session() as s:
        assert len(attendance.history(s, booking_id)) == 1  # the left time was not saved alone


def test_a_family_with_times_cannot_also_be_a_no_show(store: Store, booking_id: int) -> None:
    line = PaperLine(booking_id, times={EventKind.nonresident_arrived: "0950"}, no_show=True)
    with store.session() as s, pytest.raises(ValidationError, match="did come"):
        record_paper(s, [line], recorded_by="Bea")
    with store.session() as s:
        assert record_paper(s, [PaperLine(booking_id, no_show=True)], recorded_by="Bea") == 1
    with store.session() as s, pytest.raises(ValidationError, match="already recorded"):
        record_paper(s, [PaperLine(booking_id, no_show=True)], recorded_by="Bea")


def test_a_relatives_times_are_checked_like_the_others_and_never_over_a_recorded_one(
    store: Store, clock: FixedClock
) -> None:
    nora = PersonForm(
        Role.relative, "Nora", "Jones", relationship="grandmother", phone="0113 496 0003"
    )
    family_id = ready_family(store, "F-0002", people=[*family_form().people, nora])
    with store.session() as s:
        bookings.book(s, family_id, DAY, today=date(2027, 3, 1))
        booking = bookings.find_booking(s, family_id, DAY).id or 0
        people = {p.first_name: p.id or 0 for p in s.exec(select(Person))}
    nora_id, mark_id = people["Nora"], people["Mark"]
    arrived, left = EventKind.relative_arrived, EventKind.relative_left

    def refused(line: PaperLine) -> dict[str, str]:
        with store.session() as s, pytest.raises(ValidationError) as error:
            record_paper(s, [line], recorded_by="Bea")
        return error.value.errors

    assert refused(PaperLine(booking, relatives={nora_id: {arrived: "1130", left: "1015"}})) == {
        f"{booking}.relative_left.{nora_id}": "10:15 is not after 11:30"
    }
    assert refused(PaperLine(booking, relatives={mark_id: {arrived: "1000"}})) == {
        f"{booking}.relative_arrived.{mark_id}": "not a named relative of this family"
    }
    assert refused(PaperLine(booking, relatives={nora_id: {arrived: "1000"}}, no_show=True)) == {
        f"{booking}.no_show": "a family with times recorded did come: untick 'Did not come'"
    }
    with store.session() as s:
        assert (
            record_paper(
                s, [PaperLine(booking, relatives={nora_id: {arrived: "1000"}})], recorded_by="Bea"
            )
            == 1
        )
    assert refused(PaperLine(booking, relatives={nora_id: {arrived: "1005", left: "1140"}})) == {
        f"{booking}.relative_arrived.{nora_id}": "already recorded: correct it from the "
        "board's History instead"
    }
    with store.session() as s:
        (event,) = attendance.history(s, booking)
    assert (event.kind, event.person_id, event.source) == (arrived, nora_id, EventSource.paper)
