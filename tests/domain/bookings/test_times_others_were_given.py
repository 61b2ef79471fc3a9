"""Booking a family never moves times other families were given without saying so:
unconfirmed moves are told (and, in the GUI, agreed first); confirmed times stay put unless
the coordinator says they may move. Mistakes are easy to take back: undoing a booking gives
the others their times back, and a centre-cancelled session can be reinstated."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlmodel import select

from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.bookings import cancelling, plans, session_calendar
from contactcentre.domain.bookings.moves import family_names, moves_in_words
from contactcentre.domain.centre import get_centre
from contactcentre.store.engine import Store
from contactcentre.store.models import Booking, BookingStatus, CancelledBy
from tests.factories import ready_family

TODAY = date(2027, 3, 1)
DAY = date(2027, 3, 13)
TOLD = datetime(2027, 3, 1, 9, 0, tzinfo=datetime.now().astimezone().tzinfo)


def times(store: Store) -> dict[int, tuple[time | None, time | None, bool]]:
    with store.session() as s:
        rows = s.exec(select(Booking).where(Booking.status == BookingStatus.booked)).all()
        return {b.family_id: (b.child_dropoff, b.child_pickup, b.plan_confirmed) for b in rows}


def test_a_booking_that_moves_others_times_is_refused_until_those_moves_are_agreed(
    store: Store,
) -> None:
    first, second = ready_family(store, "F-0001"), ready_family(store, "F-0002")
    with store.session() as s:
        bookings.book(s, first, DAY, today=TODAY)
    with pytest.raises(bookings.TimesWouldMove) as refused, store.session() as s:
        bookings.book(s, second, DAY, today=TODAY, agreed_moves=[])
    assert moves_in_words(refused.value.moves, {"F-0001": "F-0001 Jones"}) == [
        "F-0001 Jones: collection 12:00 → 11:55, visitor leaves 12:15 → 12:10"
    ]
    assert set(times(store)) == {first}  # nothing was booked, F-0001 keeps 12:00
    assert times(store)[first][1] == time(12, 0)

    with store.session() as s:
        bookings.book(s, second, DAY, today=TODAY, agreed_moves=refused.value.moves)
        assert family_names(s, ["F-0001"]) == {"F-0001": "F-0001 Jones"}
    assert times(store)[first][1] == time(11, 55)


def test_confirmed_times_stay_put_and_a_new_family_is_planned_around_them(store: Store) -> None:
    first, second = ready_family(store, "F-0001"), ready_family(store, "F-0002")
    with store.session() as s:
        bookings.book(s, first, DAY, today=TODAY)
        plans.confirm_plan(s, DAY)
    with store.session() as s:
        bookings.book(s, second, DAY, today=TODAY, agreed_moves=[])  # nothing moves
    assert times(store)[first] == (time(10, 0), time(12, 0), True)
    assert times(store)[second][:2] == (time(10, 5), time(11, 55))


def crowded_by_confirmed_times(store: Store) -> tuple[int, int, int]:
    """Handovers 20 minutes apart: two confirmed families leave no room for a third."""
    ids = tuple(ready_family(store, f"F-000{n}") for n in (1, 2, 3))
    with store.session() as s:
        get_centre(s).handover_gap_minutes = 20
    with store.session() as s:
        bookings.book(s, ids[0], DAY, today=TODAY)
        bookings.book(s, ids[1], DAY, today=TODAY)
        plans.confirm_plan(s, DAY)
    return ids  # type: ignore[return-value]


def test_a_family_that_fits_only_by_moving_confirmed_times_needs_the_coordinators_say_so(
    store: Store,
) -> None:
    first, second, third = crowded_by_confirmed_times(store)
    before = times(store)
    with pytest.raises(bookings.ConfirmedTimesInTheWay) as refused, store.session() as s:
        bookings.book(s, third, DAY, today=TODAY)
    assert str(refused.value) == (
        "F-0003 fits on Sat 13 Mar 2027 only by moving the confirmed times of F-0001, F-0002."
    )
    assert times(store) == before  # nothing moved, nothing booked

    with store.session() as s:
        bookings.book(
            s, third, DAY, today=TODAY, move_confirmed=True, agreed_moves=refused.value.moves
        )
    after = times(store)
    assert after[first] == (time(10, 0), time(11, 20), False)  # moved: no longer confirmed
    assert after[second] == (time(10, 20), time(11, 40), False)
    assert after[third][:2] == (time(10, 40), time(12, 0))


def test_undoing_a_booking_gives_the_other_families_their_times_back(store: Store) -> None:
    first, second = ready_family(store, "F-0001"), ready_family(store, "F-0002")
    with store.session() as s:
        bookings.book(s, first, DAY, today=TODAY)
    before = times(store)
    with store.session() as s:
        bookings.book(s, second, DAY, today=TODAY)
    with store.session() as s:
        undone = cancelling.undo_booking(s, second, DAY, told_at=TOLD)
        assert (undone.cancelled_by, undone.short_notice) == (CancelledBy.centre, False)
        assert undone.cancel_reason == "Booked by mistake (undone)"
    assert times(store) == before


def test_a_booking_cancelled_by_mistake_comes_back_with_its_confirmed_times(
    store: Store,
) -> None:
    first, second = ready_family(store, "F-0001"), ready_family(store, "F-0002")
    with store.session() as s:
        bookings.book(s, first, DAY, today=TODAY)
        bookings.book(s, second, DAY, today=TODAY)
        plans.confirm_plan(s, DAY)
    before = times(store)
    with store.session() as s:
        cancelling.cancel_booking(s, second, DAY, by=CancelledBy.resident, told_at=TOLD)
    with store.session() as s:
        bookings.book(s, second, DAY, today=TODAY, agreed_moves=[])
    assert times(store) == before  # same times, still confirmed


def test_a_centre_cancelled_session_can_be_reinstated_and_names_who_was_cancelled_with_it(
    store: Store,
) -> None:
    first, second = ready_family(store, "F-0001"), ready_family(store, "F-0002")
    with store.session() as s:
        bookings.book(s, first, DAY, today=TODAY)
        bookings.book(s, second, DAY, today=TODAY)
    with store.session() as s:  # the resident parent cancelled before the hall flooded
        cancelling.cancel_booking(s, second, DAY, by=CancelledBy.resident, told_at=TOLD)
    with store.session() as s:
        session_calendar.cancel_session(s, DAY, "Hall flooded")
    with store.session() as s:
        assert session_calendar.session_info(s, DAY).status == "cancelled"
        with_it = session_calendar.reinstate_session(s, DAY)
    assert with_it == {first: "F-0001"}
    with store.session() as s:
        assert session_calendar.session_info(s, DAY).status == "open"
        bookings.book(s, first, DAY, today=TODAY)
        with pytest.raises(session_calendar.CalendarError, match="is not cancelled"):
            session_calendar.reinstate_session(s, DAY)
    assert times(store)[first][:2] == (time(10, 0), time(12, 0))


def test_a_series_asks_once_for_the_moves_on_every_day(store: Store) -> None:
    first, second = ready_family(store, "F-0001"), ready_family(store, "F-0002")
    days = [DAY, date(2027, 3, 27)]
    with store.session() as s:
        for day in days:
            bookings.book(s, first, day, today=TODAY)
    with pytest.raises(bookings.TimesWouldMove) as refused, store.session() as s:
        bookings.book_series(s, second, DAY, 2, today=TODAY, agreed_moves=[])
    assert moves_in_words(refused.value.moves, refused.value.names) == [
        "Sat 13 Mar: F-0001 Jones: collection 12:00 → 11:55, visitor leaves 12:15 → 12:10",
        "Sat 27 Mar: F-0001 Jones: collection 12:00 → 11:55, visitor leaves 12:15 → 12:10",
    ]
    assert set(times(store)) == {first}
    with store.session() as s:
        booked = bookings.book_series(
            s, second, DAY, 2, today=TODAY, agreed_moves=refused.value.moves
        )
    assert [p.day for p in booked] == days
