"""The board refuses events that cannot have happened, and a "Did not come" after an
arrival only with the arrivals withdrawn, every step kept in the append-only log."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from contactcentre.domain.bookings import attendance
from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.session_day.live_entry import (
    ArrivalsRecorded,
    NotOnTheBoard,
    correct_live,
    record_live,
)
from contactcentre.store.engine import Store
from contactcentre.store.models import EventKind
from tests.factories import ready_family

DAY = date(2027, 3, 13)
LATER = date(2027, 3, 27)


def local(day: date, hh: int, mm: int) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture
def booking_ids(store: Store) -> dict[date, int]:
    family_id = ready_family(store, "F-0001")
    found = {}
    with store.session() as s:
        for day in (DAY, LATER):
            bookings.book(s, family_id, day, today=date(2027, 3, 1))
            found[day] = bookings.find_booking(s, family_id, day).id or 0
    return found


def test_the_board_refuses_a_session_that_is_not_today_and_a_time_still_to_come(
    store: Store, booking_ids: dict[date, int]
) -> None:
    now = local(DAY, 9, 50)
    with pytest.raises(NotOnTheBoard) as refused, store.session() as s:
        record_live(s, booking_ids[LATER], EventKind.nonresident_arrived, now, now=now)
    assert str(refused.value) == (
        "Sat 27 Mar 2027 has not come yet: the board records today's session only."
    )
    with pytest.raises(NotOnTheBoard) as refused, store.session() as s:
        record_live(s, booking_ids[DAY], EventKind.nonresident_arrived, local(DAY, 9, 55), now=now)
    assert str(refused.value) == "09:55 has not come yet (it is 09:50 now): check the time."
    with store.session() as s:
        assert attendance.history(s, booking_ids[DAY]) == []
        assert attendance.history(s, booking_ids[LATER]) == []
    a_fortnight_on = local(LATER, 10, 0)
    with pytest.raises(NotOnTheBoard) as refused, store.session() as s:
        record_live(s, booking_ids[DAY], EventKind.nonresident_arrived, now, now=a_fortnight_on)
    assert str(refused.value) == (
        "Sat 13 Mar 2027 has passed: the board records today's session only; type what the "
        "sign-in sheet says on the Paper entry tab."
    )
    with store.session() as s:  # the same minute as now is fine
        arrived = record_live(s, booking_ids[DAY], EventKind.nonresident_arrived, now, now=now)
    with pytest.raises(NotOnTheBoard, match="10:15 has not come yet"), store.session() as s:
        correct_live(
            s,
            arrived.id or 0,
            now=now,
            why="typo",
            recorded_by="Ann",
            occurred_at=local(DAY, 10, 15),
        )
    with store.session() as s:
        assert len(attendance.history(s, booking_ids[DAY])) == 1


def test_did_not_come_after_an_arrival_needs_the_arrival_withdrawn_with_a_reason(
    store: Store, booking_ids: dict[date, int]
) -> None:
    booking_id = booking_ids[DAY]
    with store.session() as s:
        record_live(
            s, booking_id, EventKind.nonresident_arrived, local(DAY, 9, 45), now=local(DAY, 9, 45)
        )
    now = local(DAY, 10, 20)
    with pytest.raises(ArrivalsRecorded) as refused, store.session() as s:
        record_live(s, booking_id, EventKind.no_show, now, now=now, reason="child unwell")
    assert str(refused.value) == (
        "Already recorded today: visiting parent arrived at 09:45. "
        "'Did not come' would withdraw it."
    )
    with pytest.raises(ArrivalsRecorded), store.session() as s:  # a blank reason is no reason
        record_live(s, booking_id, EventKind.no_show, now, now=now, withdraw_why="   ")

    with store.session() as s:
        record_live(
            s,
            booking_id,
            EventKind.no_show,
            now,
            now=now,
            recorded_by="Ann",
            reason="child unwell",
            withdraw_why="Wrong family ticked: it was F-0002's father",
        )
    with store.session() as s:
        log = attendance.history(s, booking_id)
        standing = attendance.current_events(s, booking_id)
    # Nothing was rewritten: the arrival, its withdrawal and the no-show are all there.
    assert [(e.kind, e.reason, e.recorded_by) for e in log] == [
        (EventKind.nonresident_arrived, "", log[0].recorded_by),
        (EventKind.voided, "Wrong family ticked: it was F-0002's father", "Ann"),
        (EventKind.no_show, "child unwell", "Ann"),
    ]
    assert log[1].supersedes_id == log[0].id
    assert [e.kind for e in standing] == [EventKind.no_show]
    with pytest.raises(NotOnTheBoard, match="recorded as not come today"), store.session() as s:
        record_live(s, booking_id, EventKind.nonresident_arrived, now, now=now)
    with pytest.raises(NotOnTheBoard, match="recorded as not come today"), store.session() as s:
        record_live(s, booking_id, EventKind.no_show, now, now=now)
