"""`contactcentre session YYYY-MM-DD [--json]`: a session as planned and as it happened."""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

from contactcentre.domain.bookings import attendance, plans
from contactcentre.domain.bookings import booking as bookings
from contactcentre.store.engine import Store
from contactcentre.store.models import EventKind, EventSource
from tests.cli.conftest import Run
from tests.factories import add_booking, add_family, ready_family

DAY = date(2027, 3, 13)
LONDON = ZoneInfo("Europe/London")


def at(hour: int, minute: int) -> datetime:
    return datetime(2027, 3, 13, hour, minute, tzinfo=LONDON)


def test_session_shows_each_familys_plan_confirmation_and_events_with_their_source(
    cli: Run, store: Store
) -> None:
    first, second = ready_family(store, "F-0001"), ready_family(store, "F-0002")
    with store.session() as s:
        bookings.book(s, first, DAY, today=date(2027, 3, 1))
        booking_id = bookings.find_booking(s, first, DAY).id or 0
        plans.confirm_plan(s, DAY)
        bookings.book(s, second, DAY, today=date(2027, 3, 1))  # booked after: not confirmed
        attendance.record_event(s, booking_id, EventKind.nonresident_arrived, at(9, 47))
        wrong = attendance.record_event(
            s, booking_id, EventKind.child_dropped_off, at(10, 20), source=EventSource.paper
        )
        attendance.correct_event(
            s,
            wrong.id or 0,
            why="Misread the sheet",
            recorded_by="Coordinator",
            occurred_at=at(10, 2),
            source=EventSource.paper,
        )
        attendance.record_event(
            s, booking_id, EventKind.child_collected, at(11, 58), source=EventSource.import_
        )
    store.close()

    code, out, err = cli("session", "2027-03-13", "--json")
    assert code == 0, err
    session = json.loads(out)
    assert (session["date"], session["start"], session["end"], session["booked"]) == (
        "2027-03-13",
        "10:00",
        "12:00",
        2,
    )
    one, two = session["families"]
    assert {k: v for k, v in one.items() if k != "events"} == {
        "family": "F-0001",
        "date": "2027-03-13",
        "non_resident_arrive": "09:45",
        "child_dropoff": "10:00",
        "child_pickup": "12:00",
        "non_resident_leave": "12:15",
        "status": "attended",
        "times_confirmed": True,
    }
    assert one["events"] == [
        {"kind": "nonresident_arrived", "time": "09:47", "source": "board", "superseded": False},
        {"kind": "child_dropped_off", "time": "10:02", "source": "paper", "superseded": False},
        {"kind": "child_dropped_off", "time": "10:20", "source": "paper", "superseded": True},
        {"kind": "child_collected", "time": "11:58", "source": "import", "superseded": False},
    ]
    assert (two["family"], two["status"], two["times_confirmed"], two["events"]) == (
        "F-0002",
        "booked",
        False,
        [],
    )
    assert two["child_dropoff"] == "10:05"  # five minutes after the first family's handover

    code, out, _ = cli("session", "2027-03-13")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Sat 13 Mar 2027 10:00-12:00 open, 2/4 families booked"
    assert lines[2].split() == ["F-0001", "attended", "09:45", "10:00", "12:00", "12:15", "yes"]
    assert "    10:20 Child dropped off (paper, superseded)" in lines


def test_a_date_without_a_session_is_one_line_and_a_failure(cli: Run, store: Store) -> None:
    store.close()
    for day, words in (("2027-03-14", "no session"), ("2027-12-25", "the centre is closed")):
        code, out, err = cli("session", day, "--json")
        assert code != 0 and out == ""
        assert words in err and len(err.strip().splitlines()) == 1


def test_a_booking_without_a_plan_shows_no_times_rather_than_made_up_ones(
    cli: Run, store: Store
) -> None:
    family_id = add_family(store, "F-0001")
    with store.session() as s:  # as an attendance import leaves a past booking: no plan
        booking_id = add_booking(s, family_id, DAY)
        attendance.record_event(
            s, booking_id, EventKind.no_show, at(10, 0), source=EventSource.import_
        )
    store.close()
    code, out, _ = cli("session", "2027-03-13", "--json")
    assert code == 0
    (family,) = json.loads(out)["families"]
    assert [family[k] for k in bookings.PLAN_KEYS] == [None, None, None, None]
    assert (family["status"], family["events"][0]["source"]) == ("no_show", "import")
    code, out, _ = cli("session", "2027-03-13")
    assert code == 0
    assert out.splitlines()[2].split() == ["F-0001", "no_show", "-", "-", "-", "-", "no"]
