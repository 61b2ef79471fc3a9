"""Paper entry's rules: what the sheet says is added, never over what is already recorded."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from contactcentre.domain import attendance, bookings
from contactcentre.domain.clock import FixedClock
from contactcentre.domain.errors import ValidationError
from contactcentre.domain.paper_entry import PaperLine, record_paper
from contactcentre.store.engine import Store
from contactcentre.store.models import EventKind
from tests.factories import ready_family

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
