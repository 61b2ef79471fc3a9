"""The calendar as a coordinator uses it: booking (with an override), cancelling with who
and when, series, extra sessions, closing and re-opening days; and booking from the
family screen with the family's own handover offsets."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from pytestqt.qtbot import QtBot
from sqlmodel import select

from contactcentre.domain.bookings import attendance, session_calendar
from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.bookings import lines as booking_lines
from contactcentre.store.models import Booking, BookingStatus, CancelledBy, EventKind, Family
from contactcentre.ui import prompts
from contactcentre.ui.bookings.calendar_screen import CalendarScreen
from contactcentre.ui.bookings.dialogs import (
    CancelBookingDialog,
    ExtraSessionDialog,
    SeriesDialog,
)
from contactcentre.ui.context import Context
from contactcentre.ui.fields import FormDialog
from contactcentre.ui.register.family_editor import FamilyEditor
from tests.factories import add_family, make_ready, ready_family

DAY = date(2027, 3, 27)  # the 4th Saturday of March 2027; the clock says 13 Mar 09:30


def open_calendar(qtbot: QtBot, ctx: Context, day: date = DAY) -> CalendarScreen:
    screen = CalendarScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    screen.month.setSelectedDate(QDate(day.year, day.month, day.day))
    return screen


def rows(screen: CalendarScreen) -> list[list[str]]:
    table = screen.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def book(qtbot: QtBot, screen: CalendarScreen, ref: str) -> None:
    screen.family.setCurrentIndex(screen.family.findText(ref, Qt.MatchFlag.MatchStartsWith))
    qtbot.mouseClick(screen.book_button, Qt.MouseButton.LeftButton)


def click_ok(qtbot: QtBot, dialog: FormDialog | None) -> None:
    assert dialog is not None and dialog.isVisible()
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)


def stored_bookings(ctx: Context, family_id: int) -> list[Booking]:
    with ctx.store.session() as s:
        return list(s.exec(select(Booking).where(Booking.family_id == family_id)))


def test_booking_two_ready_families_shows_their_staggered_times_in_table_and_timeline(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    ready_family(ctx.store, "F-0001")
    ready_family(ctx.store, "F-0002")
    monkeypatch.setattr(prompts, "confirm", lambda *_a, **_k: True)  # F-0001's times move
    screen = open_calendar(qtbot, ctx)
    assert "Open, 0 of 4 booked" in screen.heading.text()
    book(qtbot, screen, "F-0001")
    book(qtbot, screen, "F-0002")

    assert rows(screen) == [
        ["F-0001", "Lily", "09:45", "10:00", "11:55", "12:10", "Booked"],
        ["F-0002", "Lily", "09:50", "10:05", "12:00", "12:15", "Booked"],
    ]
    assert "Open, 2 of 4 booked" in screen.heading.text()
    assert screen.month.sessions[DAY].booked == 2
    assert [row.label for row in screen.timeline.rows] == ["F-0001 Lily", "F-0002 Lily"]
    assert screen.timeline.clashes == []
    assert screen.message.isHidden()


def test_a_refusal_is_shown_in_place(qtbot: QtBot, ctx: Context) -> None:
    ready_family(ctx.store, "F-0001")
    screen = open_calendar(qtbot, ctx)
    qtbot.mouseClick(screen.book_button, Qt.MouseButton.LeftButton)
    assert screen.message.text() == "Choose a family from the list first."
    book(qtbot, screen, "F-0001")
    book(qtbot, screen, "F-0001")
    assert screen.message.text() == "F-0001 is already booked on Sat 27 Mar 2027."
    assert len(rows(screen)) == 1


def test_a_family_not_ready_is_booked_only_with_a_recorded_reason(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    family_id = add_family(ctx.store, "F-0001")
    asked: list[str] = []
    answers = iter([None, "Court order: contact to start this month"])

    def ask_text(_parent: object, _title: str, label: str, _text: str = "") -> str | None:
        asked.append(label)
        return next(answers)

    monkeypatch.setattr(prompts, "ask_text", ask_text)
    screen = open_calendar(qtbot, ctx)
    book(qtbot, screen, "F-0001")  # the coordinator thinks better of it
    assert rows(screen) == []
    book(qtbot, screen, "F-0001")

    assert "F-0001 is not ready for contact" in asked[0]
    assert "Mark Jones has not signed the agreement" in asked[0]
    [row] = rows(screen)
    assert row[:6] == ["F-0001", "Lily", "09:45", "10:00", "12:00", "12:15"]
    assert "Booked before ready: Court order: contact to start this month" in row[6]
    [booking] = stored_bookings(ctx, family_id)
    assert booking.override_reason == "Court order: contact to start this month"


def test_cancel_a_booking_for_the_resident_parent_at_short_notice(
    qtbot: QtBot, ctx: Context
) -> None:
    family_id = ready_family(ctx.store, "F-0001")
    screen = open_calendar(qtbot, ctx)
    book(qtbot, screen, "F-0001")
    screen.table.selectRow(0)
    qtbot.mouseClick(screen.cancel_booking_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert isinstance(dialog, CancelBookingDialog)
    assert "Enough notice" in dialog.notice.text()  # told on 13 Mar for the 27th

    dialog.who.setCurrentIndex(dialog.who.findText("Resident parent"))
    dialog.told_day.set_value(date(2027, 3, 26))
    dialog.told_time.setTime(QTime(18, 30))
    assert dialog.notice.text() == "⚠ Short notice: under 24 hours before the session."
    qtbot.keyClicks(dialog.reason, "Child unwell")
    click_ok(qtbot, dialog)

    assert rows(screen) == [
        [
            "F-0001",
            "Lily",
            "",
            "",
            "",
            "",
            "Cancelled by the resident parent at short notice: Child unwell",
        ]
    ]
    assert screen.timeline.rows == []
    assert "0 of 4 booked" in screen.heading.text()
    [booking] = stored_bookings(ctx, family_id)
    assert booking.status == BookingStatus.cancelled
    assert booking.cancelled_by == CancelledBy.resident
    assert booking.short_notice
    assert booking.centre_told_at == datetime(2027, 3, 26, 18, 30, tzinfo=ctx.clock.tz)


def test_add_an_extra_session_on_a_weekday(qtbot: QtBot, ctx: Context) -> None:
    wednesday = date(2027, 3, 17)
    screen = open_calendar(qtbot, ctx, wednesday)
    assert "no session" in screen.heading.text()
    assert not screen.book_button.isEnabled()
    qtbot.mouseClick(screen.extra_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert isinstance(dialog, ExtraSessionDialog)
    assert dialog.chosen_day() == wednesday
    dialog.start.setTime(QTime(16, 0))
    dialog.end.setTime(QTime(15, 0))
    click_ok(qtbot, dialog)
    assert dialog.message.text() == "A session must end after it starts."

    dialog.end.setTime(QTime(18, 0))
    dialog.capacity.setValue(2)
    click_ok(qtbot, dialog)

    assert not dialog.isVisible()
    assert screen.month.sessions[wednesday].kind == "extra"
    assert "16:00–18:00  Open, 0 of 2 booked" in screen.heading.text()
    assert screen.book_button.isEnabled() and not screen.extra_button.isEnabled()


def test_book_a_series_all_or_nothing(qtbot: QtBot, ctx: Context) -> None:
    family_id = ready_family(ctx.store, "F-0001")
    with ctx.store.session() as s:
        session_calendar.cancel_session(s, date(2027, 4, 24), "Hall roof repairs")
    screen = open_calendar(qtbot, ctx)
    screen.family.setCurrentIndex(screen.family.findText("F-0001", Qt.MatchFlag.MatchStartsWith))
    qtbot.mouseClick(screen.series_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert isinstance(dialog, SeriesDialog)
    dialog.count.setValue(3)
    click_ok(qtbot, dialog)
    assert dialog.message.text() == (
        "Nothing was booked. 24/04/2027: The session on Sat 24 Apr 2027 has been cancelled."
    )
    assert stored_bookings(ctx, family_id) == []

    dialog.count.setValue(2)
    click_ok(qtbot, dialog)
    assert not dialog.isVisible()
    with ctx.store.session() as s:
        days = [line.day for line in booking_lines.family_bookings(s, family_id)]
    assert days == [date(2027, 4, 10), date(2027, 3, 27)]
    assert [r[0] for r in rows(screen)] == ["F-0001"]


def test_close_a_day_for_the_hall_and_open_it_again(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(["Hall booked for a wedding", ""])
    monkeypatch.setattr(prompts, "ask_text", lambda *_a, **_k: next(answers))
    screen = open_calendar(qtbot, ctx)
    assert screen.close_day_button.text() == "Close this day…"
    qtbot.mouseClick(screen.close_day_button, Qt.MouseButton.LeftButton)
    assert screen.month.sessions[DAY].status == "closed"
    assert "Closed, 0 of 4 booked — Hall booked for a wedding" in screen.heading.text()
    assert not screen.book_button.isEnabled()
    assert screen.close_day_button.text() == "Re-open this day"

    qtbot.mouseClick(screen.close_day_button, Qt.MouseButton.LeftButton)
    assert screen.month.sessions[DAY].status == "open"
    assert screen.book_button.isEnabled()


def test_re_open_a_bank_holiday(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    christmas = date(2027, 12, 25)  # the 4th Saturday of December
    monkeypatch.setattr(prompts, "ask_text", lambda *_a, **_k: "Christmas party session")
    screen = open_calendar(qtbot, ctx, christmas)
    assert "Closed" in screen.heading.text() and "Christmas Day" in screen.heading.text()
    qtbot.mouseClick(screen.close_day_button, Qt.MouseButton.LeftButton)
    assert screen.month.sessions[christmas].status == "open"
    assert "Open, 0 of 4 booked" in screen.heading.text()


def test_two_no_shows_in_a_row_flag_the_family_in_the_session_and_family_screens(
    qtbot: QtBot, ctx: Context
) -> None:
    family_id = add_family(ctx.store, "F-0001")
    make_ready(ctx.store, family_id, on=date(2027, 1, 20))
    with ctx.store.session() as s:
        for day in (date(2027, 2, 13), date(2027, 2, 27)):
            bookings.book(s, family_id, day, today=date(2027, 2, 1))
            booking = bookings.find_booking(s, family_id, day)
            assert booking.id is not None
            at = datetime.combine(day, time(10, 20), tzinfo=ctx.clock.tz)
            attendance.record_event(s, booking.id, EventKind.no_show, at)
    screen = open_calendar(qtbot, ctx)
    book(qtbot, screen, "F-0001")
    assert rows(screen)[0][6] == "Booked · ⚠ 2 no-shows in a row: place may be reallocated"

    editor = FamilyEditor(ctx, family_id)
    qtbot.addWidget(editor)
    tab = editor.bookings_tab
    assert tab is not None and not tab.review.isHidden()
    assert "place may be reallocated" in tab.review.text()
    table = tab.table
    assert [(table.item(r, 0).text(), table.item(r, 5).text()) for r in range(3)] == [
        ("Sat 27 Mar 2027", "Booked"),
        ("Sat 27 Feb 2027", "No-show"),
        ("Sat 13 Feb 2027", "No-show"),
    ]


def test_book_from_the_family_screen_then_give_the_family_its_own_offsets(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    family_id = ready_family(ctx.store, "F-0001")
    offered: list[str] = []

    def choose(_parent: object, _title: str, _label: str, options: dict[str, date]) -> date:
        offered.extend(options)
        return options[offered[1]]

    monkeypatch.setattr(prompts, "choose", choose)
    editor = FamilyEditor(ctx, family_id)
    qtbot.addWidget(editor)
    tab = editor.bookings_tab
    assert tab is not None
    editor.tabs.setCurrentWidget(tab)
    qtbot.mouseClick(tab.book_button, Qt.MouseButton.LeftButton)
    assert offered[:3] == [
        "Sat 13 Mar 2027  10:00–12:00  (0 of 4 booked)",
        "Sat 27 Mar 2027  10:00–12:00  (0 of 4 booked)",
        "Sat 10 Apr 2027  10:00–12:00  (0 of 4 booked)",
    ]
    table = tab.table
    assert [table.item(0, c).text() for c in range(6)] == [
        "Sat 27 Mar 2027",
        "09:45",
        "10:00",
        "12:00",
        "12:15",
        "Booked",
    ]

    assert editor.early.text() == "Centre's setting (15 min)"
    editor.early.setValue(30)
    editor.late.setValue(10)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    with ctx.store.session() as s:
        family = s.get(Family, family_id)
        assert family is not None
        assert (family.nonresident_early_minutes, family.nonresident_late_minutes) == (30, 10)
    screen = open_calendar(qtbot, ctx)
    assert rows(screen)[0][:6] == ["F-0001", "Lily", "09:30", "10:00", "12:00", "12:10"]
