"""The calendar commands' contract: sessions, book, cancel."""

from __future__ import annotations

import json
from datetime import date

from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.bookings import plans
from contactcentre.domain.centre import get_centre
from contactcentre.store.engine import Store
from tests.cli.conftest import Run
from tests.factories import add_family, ready_family


def test_sessions_lists_open_days_and_json_includes_closed_ones(cli: Run, store: Store) -> None:
    store.close()
    code, out, _ = cli("sessions", "--from", "2027-12-01", "--to", "2027-12-31")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == ["2027-12-11"]
    code, out, _ = cli("sessions", "--from", "2027-12-01", "--to", "2027-12-31", "--json")
    days = json.loads(out)
    assert [(d["date"], d["status"]) for d in days] == [
        ("2027-12-11", "open"),
        ("2027-12-25", "closed"),
    ]
    assert {"date", "start", "end", "capacity", "booked", "status"} <= set(days[0])
    assert (days[0]["start"], days[0]["end"], days[0]["capacity"], days[0]["booked"]) == (
        "10:00",
        "12:00",
        4,
        0,
    )


def test_book_prints_the_planned_times_and_cancel_frees_the_place(
    cli: Run, store: Store, monkeypatch
) -> None:
    ready_family(store, "F-0001")
    add_family(store, "F-0002")
    store.close()
    code, out, err = cli("book", "F-0001", "2099-03-15", "--json")
    assert code == 1 and "no session" in err.lower()
    code, out, _ = cli("book", "F-0001", "2027-03-13", "--json")
    assert code == 0, out
    assert json.loads(out) == {
        "family": "F-0001",
        "date": "2027-03-13",
        "non_resident_arrive": "09:45",
        "child_dropoff": "10:00",
        "child_pickup": "12:00",
        "non_resident_leave": "12:15",
    }
    code, _, err = cli("book", "F-0002", "2027-03-13")
    assert code == 1 and "not ready for contact" in err and len(err.strip().splitlines()) == 1
    code, out, _ = cli("book", "F-0002", "2027-03-13", "--override", "Court order says this week")
    assert code == 0 and "10:05" in out
    code, out, _ = cli("sessions", "--from", "2027-03-13", "--to", "2027-03-13", "--json")
    assert json.loads(out)[0]["booked"] == 2
    code, out, _ = cli("cancel", "F-0001", "2027-03-13", "--by", "resident", "--reason", "Unwell")
    assert code == 0 and "Cancelled F-0001" in out
    code, out, _ = cli("sessions", "--from", "2027-03-13", "--to", "2027-03-13", "--json")
    assert json.loads(out)[0]["booked"] == 1


def test_book_json_says_on_stderr_whose_times_moved_and_keeps_stdout_pure_json(
    cli: Run, store: Store
) -> None:
    ready_family(store, "F-0001")
    ready_family(store, "F-0002")
    store.close()
    code, _, err = cli("book", "F-0001", "2027-03-13", "--json")
    assert code == 0 and err == ""
    code, out, err = cli("book", "F-0002", "2027-03-13", "--json")
    assert code == 0
    assert json.loads(out)["child_dropoff"] == "10:05"  # stdout is the JSON and only that
    assert err.splitlines() == [
        "Times moved for F-0001: child_pickup 12:00 → 11:55",
        "Times moved for F-0001: non_resident_leave 12:15 → 12:10",
    ]
    code, out, _ = cli("session", "2027-03-13", "--json")
    first = json.loads(out)["families"][0]
    assert (first["family"], first["child_pickup"]) == ("F-0001", "11:55")
    code, _, err = cli("cancel", "F-0002", "2027-03-13", "--by", "centre")
    assert code == 0  # cancelling tells whose times moved back, the same way
    assert err.splitlines() == [
        "Times moved for F-0001: child_pickup 11:55 → 12:00",
        "Times moved for F-0001: non_resident_leave 12:10 → 12:15",
    ]


def test_book_refuses_to_move_confirmed_times_unless_told_to(cli: Run, store: Store) -> None:
    ids = [ready_family(store, ref) for ref in ("F-0001", "F-0002", "F-0003")]
    with store.session() as s:
        get_centre(s).handover_gap_minutes = 20  # two families fill the morning's handovers
    with store.session() as s:
        for family_id in ids[:2]:
            bookings.book(s, family_id, date(2027, 3, 13), today=date(2027, 3, 1))
        plans.confirm_plan(s, date(2027, 3, 13))
    store.close()
    code, out, err = cli("book", "F-0003", "2027-03-13")
    assert (code, out) == (1, "")
    assert err.strip() == (
        "contactcentre book: F-0003 fits on Sat 13 Mar 2027 only by moving the confirmed "
        "times of F-0001, F-0002. "
        "Nothing was booked; --move-confirmed moves them."
    )
    code, out, err = cli("book", "F-0003", "2027-03-13", "--move-confirmed", "--json")
    assert code == 0 and json.loads(out)["child_dropoff"] == "10:40"
    assert (
        "Times moved for F-0001: child_pickup 11:40 → 11:20 (was confirmed: tell the family)"
        in (err.splitlines())
    )
