"""A named relative goes with the parent she comes with (issue: a Saturday morning that
cannot go wrong, item 2): his or her planned times on the board and the sign-in sheet, the
door holding her as it holds that parent, and no times at all while nobody has said which
parent she comes with."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select

from contactcentre.documents.signin_sheet import render_signin_sheet
from contactcentre.domain.bookings import attendance
from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.register.family_forms import PersonForm
from contactcentre.domain.session_day import signin_sheet, welcome_desk
from contactcentre.domain.session_day.welcome_desk import BoardRow
from contactcentre.store.engine import Store
from contactcentre.store.models import ComesWith, EventKind, Person, Role
from tests.factories import family_form, ready_family
from tests.pdf_text import pdf_text

DAY = date(2027, 3, 13)
LONDON = ZoneInfo("Europe/London")
NOT_SET = "comes with: not set — ask the coordinator"


@pytest.fixture
def family(store: Store) -> int:
    """F-0001 booked 10:00–12:00, parents kept apart (Mark 09:45–12:15, Sarah's handovers
    10:00 and 12:00), with Mark's mother, Sarah's mother and an uncle nobody has linked."""
    relatives = [
        PersonForm(
            Role.relative, "Nora", "Jones", relationship="paternal grandmother",
            phone="0113 496 0003", comes_with=ComesWith.non_resident_parent,
        ),
        PersonForm(
            Role.relative, "Ann", "Hill", relationship="maternal grandmother",
            phone="0113 496 0004", comes_with=ComesWith.resident_parent,
        ),
        PersonForm(Role.relative, "Ted", "Jones", relationship="uncle", phone="0113 496 0005"),
    ]  # fmt: skip
    family_id = ready_family(store, "F-0001", people=[*family_form().people, *relatives])
    with store.session() as s:
        bookings.book(s, family_id, DAY, today=date(2027, 3, 1))
    return family_id


def local(hh: int, mm: int) -> datetime:
    return datetime(2027, 3, 13, hh, mm, tzinfo=LONDON)


def board(store: Store, hh: int, mm: int) -> BoardRow:
    with store.session() as s:
        (row,) = welcome_desk.board_rows(s, DAY, local(hh, mm))
    return row


def record(store: Store, family_id: int, kind: EventKind, hh: int, mm: int, who: str = "") -> None:
    with store.session() as s:
        person_id = None
        if who:
            query = select(Person.id).where(col(Person.first_name) == who)
            person_id = s.exec(query).one()
        booking = bookings.find_booking(s, family_id, DAY)
        attendance.record_event(s, booking.id or 0, kind, local(hh, mm), person_id=person_id)


def lines(row: BoardRow) -> dict[str, str]:
    return {r.name: r.plan_line for r in row.relatives}


def test_each_grandmother_is_expected_with_her_own_side_and_the_unlinked_uncle_at_no_time(
    store: Store, family: int
) -> None:
    row = board(store, 9, 30)
    assert lines(row) == {
        "Nora Jones": "comes with Mark, 09:45–12:15",  # the visiting parent's times
        "Ann Hill": "comes with Sarah, 10:00–12:00",  # the resident parent's handovers
        "Ted Jones": NOT_SET,
    }
    ted = next(r for r in row.relatives if r.name == "Ted Jones")
    assert ted.expected is None
    assert [a.message for a in row.state.alerts] == [
        "It is not set which parent Ted comes with: ask the coordinator before letting Ted through."
    ]


def test_a_relative_moves_with_her_parent_when_the_board_re_plans(
    store: Store, family: int
) -> None:
    record(store, family, EventKind.nonresident_arrived, 10, 10)  # Mark is 25 minutes late
    row = board(store, 10, 12)
    # Sarah hands Lily over 15 minutes after Mark is in the room, and Ann comes with her.
    assert lines(row)["Ann Hill"] == "comes with Sarah, 10:25–12:00"
    record(store, family, EventKind.child_dropped_off, 10, 25)
    row = board(store, 12, 5)  # the collection is late: Mark (and his mother) wait
    assert lines(row)["Nora Jones"] == "comes with Mark, 10:10–12:20"


def test_the_door_holds_the_resident_parents_mother_and_lets_the_visitors_through(
    store: Store, family: int
) -> None:
    row = board(store, 9, 40)
    people = {p.first_name: p for p in row.people}
    assert welcome_desk.door_warning([row], people["Ann"]) == (
        "Wait: Mark is not in the contact room yet — keep Ann in the waiting room"
    )
    assert welcome_desk.door_warning([row], people["Nora"]) == ""  # she goes in with Mark
    assert welcome_desk.door_warning([row], people["Ted"]) == (
        "Ask the coordinator: it is not set which parent Ted comes with — keep Ted at the desk"
    )

    record(store, family, EventKind.relative_arrived, 9, 41, who="Ann")
    row = board(store, 9, 42)
    held = [a for a in row.state.alerts if a.key.startswith("relative-before-visitor")]
    assert [(a.message, a.dismissable) for a in held] == [
        (
            "Ann (with Sarah) arrived before Mark was in the contact room: keep Ann in the "
            "waiting room until Mark is in the contact room.",
            False,
        )
    ]
    record(store, family, EventKind.nonresident_arrived, 9, 45)
    row = board(store, 9, 46)
    assert not [a for a in row.state.alerts if a.key.startswith("relative-before-visitor")]
    people = {p.first_name: p for p in row.people}
    assert welcome_desk.door_warning([row], people["Ann"]) == ""


def test_the_sign_in_sheet_gives_each_relative_her_parents_times_and_the_unlinked_none(
    store: Store, family: int
) -> None:
    with store.session() as s:
        text = pdf_text(render_signin_sheet(signin_sheet.signin_sheet(s, DAY)))
    assert "Mark Jones Non-resident parent 09:45 12:15" in text
    assert "Nora Jones Named relative, comes with Mark 09:45 12:15" in text
    assert "Sarah Jones Resident parent/carer 10:00 12:00" in text
    assert "Ann Hill Named relative, comes with Sarah 10:00 12:00" in text
    assert f"Ted Jones Named relative, {NOT_SET} — —" in text
