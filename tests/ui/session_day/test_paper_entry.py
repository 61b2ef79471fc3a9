"""Paper entry: a volunteer types a session's sign-in sheet into the log afterwards."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from contactcentre.domain.bookings import attendance
from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.clock import FixedClock
from contactcentre.domain.register.family_forms import PersonForm
from contactcentre.store.models import EventKind, EventSource, Role
from contactcentre.ui.context import Context
from contactcentre.ui.session_day.paper_entry import PaperEntryScreen
from contactcentre.ui.session_day.paper_row import TimeField
from tests.conftest import COORDINATOR
from tests.factories import family_form, ready_family

DAY = date(2027, 3, 13)
ARRIVED, DROPPED, COLLECTED, LEFT = (
    EventKind.nonresident_arrived,
    EventKind.child_dropped_off,
    EventKind.child_collected,
    EventKind.nonresident_left,
)
REL_ARRIVED, REL_LEFT = EventKind.relative_arrived, EventKind.relative_left


@pytest.fixture
def screen(qtbot: QtBot, ctx: Context, clock: FixedClock) -> PaperEntryScreen:
    for ref in ("F-0001", "F-0002", "F-0003"):
        family_id = ready_family(ctx.store, ref)
        with ctx.store.session() as s:
            bookings.book(s, family_id, DAY, today=date(2027, 3, 1))
    clock.set(datetime(2027, 3, 13, 14, 0))  # after the session
    screen = PaperEntryScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    return screen


def type_time(qtbot: QtBot, screen: PaperEntryScreen, ref: str, kind: EventKind, typed: str) -> str:
    """Type into a time box and leave it (Return); what the box then shows."""
    field = screen.rows[ref].times[kind]
    qtbot.keyClicks(field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    return field.text()


def history(ctx: Context, screen: PaperEntryScreen, ref: str) -> list[tuple[EventKind, str]]:
    with ctx.store.session() as s:
        events = attendance.history(s, screen.rows[ref].booking_id)
    assert {e.source for e in events} <= {EventSource.paper}
    return [(e.kind, f"{e.occurred_at.astimezone(ctx.clock.tz):%H:%M}") for e in events]


def test_times_typed_from_the_sheet_are_saved_as_paper_events(
    qtbot: QtBot, screen: PaperEntryScreen, ctx: Context
) -> None:
    assert screen.session_box.currentText() == "Sat 13 Mar 2027  (3 families)"
    assert screen.volunteer.isReadOnly() and screen.volunteer.text() == COORDINATOR  # typed in by
    assert type_time(qtbot, screen, "F-0001", ARRIVED, "947") == "09:47"
    assert type_time(qtbot, screen, "F-0001", DROPPED, "10.02") == "10:02"
    assert type_time(qtbot, screen, "F-0001", COLLECTED, "1158") == "11:58"
    assert type_time(qtbot, screen, "F-0001", LEFT, "12:14") == "12:14"
    type_time(qtbot, screen, "F-0002", ARRIVED, "0952")
    screen.rows["F-0003"].no_show.setChecked(True)
    qtbot.keyClicks(screen.rows["F-0003"].reason, "Child unwell")
    assert not screen.rows["F-0003"].times[ARRIVED].isEnabled()

    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)

    assert screen.status.text() == "Saved 6 entries from the 13/03/2027 sheet."
    assert history(ctx, screen, "F-0001") == [
        (ARRIVED, "09:47"),
        (DROPPED, "10:02"),
        (COLLECTED, "11:58"),
        (LEFT, "12:14"),
    ]
    assert history(ctx, screen, "F-0002") == [(ARRIVED, "09:52")]
    assert history(ctx, screen, "F-0003") == [(EventKind.no_show, "10:00")]
    with ctx.store.session() as s:
        events = attendance.history(s, screen.rows["F-0001"].booking_id)
        missed = attendance.outcome(attendance.history(s, screen.rows["F-0003"].booking_id))
    assert {e.recorded_by for e in events} == {COORDINATOR}
    assert all(e.person_id for e in events if e.kind in {DROPPED, COLLECTED})  # who handed over
    assert missed.no_show and missed.reason == "Child unwell"
    # What is saved is shown and locked; the rest can still be typed in later.
    saved = screen.rows["F-0002"].times
    assert (saved[ARRIVED].text(), saved[ARRIVED].isEnabled()) == ("09:52", False)
    assert saved[LEFT].isEnabled()


def test_a_time_that_cannot_be_saves_nothing_and_is_shown_in_red(
    qtbot: QtBot, screen: PaperEntryScreen, ctx: Context
) -> None:
    type_time(qtbot, screen, "F-0001", ARRIVED, "0945")
    assert type_time(qtbot, screen, "F-0001", LEFT, "2561") == "2561"
    type_time(qtbot, screen, "F-0002", DROPPED, "11:00")
    type_time(qtbot, screen, "F-0002", COLLECTED, "10:00")

    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)

    assert "Nothing was saved" in screen.status.text()
    first, second = screen.rows["F-0001"], screen.rows["F-0002"]
    assert first.times[LEFT].property("error") is True
    assert first.times[ARRIVED].property("error") is False
    assert "Visiting parent left: '2561' is not a time of day" in first.error.text()
    assert "Child collected: 10:00 is not after 11:00" in second.error.text()
    assert not first.error.isHidden()
    assert history(ctx, screen, "F-0001") == [] and history(ctx, screen, "F-0002") == []


def test_times_recorded_live_on_the_board_are_shown_and_locked(
    qtbot: QtBot, ctx: Context, clock: FixedClock
) -> None:
    family_id = ready_family(ctx.store, "F-0001")
    with ctx.store.session() as s:
        bookings.book(s, family_id, DAY, today=date(2027, 3, 1))
        booking = bookings.find_booking(s, family_id, DAY)
        attendance.record_event(
            s, booking.id or 0, ARRIVED, datetime(2027, 3, 13, 9, 44, tzinfo=clock.tz)
        )
    clock.set(datetime(2027, 3, 13, 14, 0))
    screen = PaperEntryScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    row = screen.rows["F-0001"]
    assert (row.times[ARRIVED].text(), row.times[ARRIVED].isEnabled()) == ("09:44", False)
    assert row.times[DROPPED].isEnabled() and not row.no_show.isEnabled()


@pytest.fixture
def with_grandmother(qtbot: QtBot, ctx: Context, clock: FixedClock) -> PaperEntryScreen:
    """F-0001 booked, with Nora (the grandmother) named to come to contact."""
    nora = PersonForm(
        Role.relative, "Nora", "Jones", relationship="grandmother", phone="0113 496 0003"
    )
    family_id = ready_family(ctx.store, "F-0001", people=[*family_form().people, nora])
    with ctx.store.session() as s:
        bookings.book(s, family_id, DAY, today=date(2027, 3, 1))
    clock.set(datetime(2027, 3, 13, 14, 0))
    screen = PaperEntryScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    return screen


def nora_fields(screen: PaperEntryScreen) -> tuple[int, dict[EventKind, TimeField]]:
    row = screen.rows["F-0001"]
    (person_id,) = (pid for pid, name in row.relative_names.items() if name == "Nora Jones")
    return person_id, row.relatives[person_id]


def type_into(qtbot: QtBot, field: TimeField, typed: str) -> str:
    qtbot.keyClicks(field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    return field.text()


def test_a_grandmothers_times_from_the_sheet_are_saved_as_paper_events(
    qtbot: QtBot, with_grandmother: PaperEntryScreen, ctx: Context
) -> None:
    screen = with_grandmother
    assert screen.volunteer.isReadOnly() and screen.volunteer.text() == COORDINATOR  # typed in by
    nora_id, nora = nora_fields(screen)
    assert type_into(qtbot, nora[REL_ARRIVED], "1002") == "10:02"
    assert type_into(qtbot, nora[REL_LEFT], "11.40") == "11:40"
    type_time(qtbot, screen, "F-0001", ARRIVED, "0947")

    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)

    assert screen.status.text() == "Saved 3 entries from the 13/03/2027 sheet."
    with ctx.store.session() as s:
        events = attendance.history(s, screen.rows["F-0001"].booking_id)
    assert [
        (e.kind, f"{e.occurred_at.astimezone(ctx.clock.tz):%H:%M}", e.person_id, e.source)
        for e in events
        if e.kind in {REL_ARRIVED, REL_LEFT}
    ] == [
        (REL_ARRIVED, "10:02", nora_id, EventSource.paper),
        (REL_LEFT, "11:40", nora_id, EventSource.paper),
    ]
    assert {e.recorded_by for e in events} == {COORDINATOR}
    _, nora = nora_fields(screen)  # the grid is rebuilt: her saved times are locked
    assert [(f.text(), f.isEnabled()) for f in nora.values()] == [
        ("10:02", False),
        ("11:40", False),
    ]


def test_a_grandmothers_time_that_cannot_be_saves_nothing_and_is_shown_in_red(
    qtbot: QtBot, with_grandmother: PaperEntryScreen, ctx: Context
) -> None:
    screen = with_grandmother
    _, nora = nora_fields(screen)
    type_into(qtbot, nora[REL_ARRIVED], "1002")
    assert type_into(qtbot, nora[REL_LEFT], "2561") == "2561"
    type_time(qtbot, screen, "F-0001", ARRIVED, "0947")

    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)

    assert "Nothing was saved" in screen.status.text()
    row = screen.rows["F-0001"]
    assert nora[REL_LEFT].property("error") is True
    assert nora[REL_ARRIVED].property("error") is False
    assert "Nora Jones left: '2561' is not a time of day" in row.error.text()
    assert not row.error.isHidden()
    assert history(ctx, screen, "F-0001") == []
