"""What a coordinator sees when a booking would move times other families were given, and
how a booking, a cancellation or a cancelled session is taken back."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.bookings import plans, session_calendar
from contactcentre.domain.centre import get_centre
from contactcentre.ui import prompts
from contactcentre.ui.context import Context
from tests.factories import ready_family
from tests.ui.bookings.test_calendar_screen import DAY, book, click_ok, open_calendar, rows

Asked = list[tuple[str, str]]


def answering(monkeypatch: pytest.MonkeyPatch, *answers: bool) -> Asked:
    """Patch prompts.confirm to give `answers` in turn; returns the (title, question) asked."""
    asked: Asked = []
    replies = iter(answers)

    def confirm(_parent: object, title: str, question: str, *, yes: str = "Yes") -> bool:
        asked.append((title, question))
        return next(replies)

    monkeypatch.setattr(prompts, "confirm", confirm)
    return asked


def booked_first(ctx: Context) -> None:
    first = ready_family(ctx.store, "F-0001")
    ready_family(ctx.store, "F-0002")
    with ctx.store.session() as s:
        bookings.book(s, first, DAY, today=ctx.clock.today())


def test_booking_that_moves_another_familys_times_says_which_and_cancel_books_nothing(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    booked_first(ctx)
    asked = answering(monkeypatch, False, True)
    screen = open_calendar(qtbot, ctx)
    book(qtbot, screen, "F-0002")  # Cancel at the question
    assert asked[0][0] == "Other families' times move"
    assert "• F-0001 Jones: collection 12:00 → 11:55, visitor leaves 12:15 → 12:10" in asked[0][1]
    assert [r[:5] for r in rows(screen)] == [["F-0001", "Lily", "09:45", "10:00", "12:00"]]

    book(qtbot, screen, "F-0002")  # Book
    assert [r[4] for r in rows(screen)] == ["11:55", "12:00"]
    assert screen.undo.text.text() == "Booked F-0002 on Sat 27 Mar 2027."


def test_confirmed_times_move_only_when_the_coordinator_is_told_they_were_confirmed(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [ready_family(ctx.store, ref) for ref in ("F-0001", "F-0002", "F-0003")]
    with ctx.store.session() as s:
        get_centre(s).handover_gap_minutes = 20
    with ctx.store.session() as s:
        for family_id in ids[:2]:
            bookings.book(s, family_id, DAY, today=ctx.clock.today())
        plans.confirm_plan(s, DAY)
    asked = answering(monkeypatch, False, True)
    screen = open_calendar(qtbot, ctx)
    before = rows(screen)
    book(qtbot, screen, "F-0003")
    title, question = asked[0]
    assert title == "Move confirmed times?"
    assert "only by moving the confirmed times of F-0001, F-0002" in question
    assert "• F-0001 Jones (confirmed): collection 11:40 → 11:20" in question
    assert "telling them again" in question
    assert rows(screen) == before

    book(qtbot, screen, "F-0003")
    assert [(r[0], r[3], r[4]) for r in rows(screen)] == [
        ("F-0001", "10:00", "11:20"),
        ("F-0002", "10:20", "11:40"),
        ("F-0003", "10:40", "12:00"),
    ]
    with ctx.store.session() as s:
        assert bookings.confirmed_refs(s, DAY) == set()


def test_undo_right_after_booking_gives_the_others_their_times_back(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    booked_first(ctx)
    answering(monkeypatch, True)
    screen = open_calendar(qtbot, ctx)
    book(qtbot, screen, "F-0002")
    assert not screen.undo.button.isHidden()
    qtbot.mouseClick(screen.undo.button, Qt.MouseButton.LeftButton)

    assert [(r[0], r[4], r[6]) for r in rows(screen)] == [
        ("F-0001", "12:00", "Booked"),
        ("F-0002", "", "Cancelled by the centre: Booked by mistake (undone)"),
    ]
    assert screen.undo.text.text() == (
        "Booking of F-0002 on Sat 27 Mar 2027 undone. Times moved: "
        "F-0001 Jones: collection 11:55 → 12:00, visitor leaves 12:10 → 12:15."
    )
    assert screen.undo.button.isHidden()


def test_a_cancellation_made_by_mistake_is_undone_with_the_old_times(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    booked_first(ctx)
    screen = open_calendar(qtbot, ctx)
    screen.table.selectRow(0)
    qtbot.mouseClick(screen.cancel_booking_button, Qt.MouseButton.LeftButton)
    click_ok(qtbot, screen.dialog)
    assert screen.undo.text.text() == "Cancelled F-0001 on Sat 27 Mar 2027."
    qtbot.mouseClick(screen.undo.button, Qt.MouseButton.LeftButton)
    assert [r[2:7] for r in rows(screen)] == [["09:45", "10:00", "12:00", "12:15", "Booked"]]
    assert screen.undo.text.text() == "F-0001 is booked again on Sat 27 Mar 2027."


def test_cancelling_a_session_asks_naming_the_families_and_it_can_be_reinstated(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    booked_first(ctx)
    monkeypatch.setattr(prompts, "ask_text", lambda *_a, **_k: "Hall flooded")
    asked = answering(monkeypatch, False, True, True, True)
    screen = open_calendar(qtbot, ctx)
    assert not screen.reinstate_button.isEnabled()
    qtbot.mouseClick(screen.cancel_session_button, Qt.MouseButton.LeftButton)
    assert "• F-0001 Jones" in asked[0][1]
    assert screen.month.sessions[DAY].status == "open"  # thought better of it

    qtbot.mouseClick(screen.cancel_session_button, Qt.MouseButton.LeftButton)
    assert screen.month.sessions[DAY].status == "cancelled"
    assert screen.reinstate_button.isEnabled()

    qtbot.mouseClick(screen.reinstate_button, Qt.MouseButton.LeftButton)
    assert asked[2] == (
        "Reinstate session",
        "Reinstate the session on Sat 27 Mar 2027? It was cancelled: Hall flooded\n"
        "It becomes open for booking again.",
    )
    assert "• F-0001 Jones" in asked[3][1] and "Rebook them?" in asked[3][1]
    assert screen.month.sessions[DAY].status == "open"
    assert [(r[0], r[4], r[6]) for r in rows(screen)] == [("F-0001", "12:00", "Booked")]
    assert screen.undo.text.text() == (
        "The session on Sat 27 Mar 2027 is reinstated. Rebooked F-0001."
    )
    with ctx.store.session() as s:
        assert session_calendar.session_info(s, date(2027, 3, 27)).booked == 1


def test_the_family_screen_offers_undo_after_booking_and_after_cancelling(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    from contactcentre.ui.register.family_editor import FamilyEditor

    family_id = ready_family(ctx.store, "F-0001")
    monkeypatch.setattr(prompts, "choose", lambda _p, _t, _l, options: options[list(options)[1]])
    editor = FamilyEditor(ctx, family_id)
    qtbot.addWidget(editor)
    tab = editor.bookings_tab
    assert tab is not None
    qtbot.mouseClick(tab.book_button, Qt.MouseButton.LeftButton)
    assert tab.undo.text.text() == "Booked F-0001 on Sat 27 Mar 2027."
    qtbot.mouseClick(tab.undo.button, Qt.MouseButton.LeftButton)
    assert tab.table.item(0, 5).text() == "Cancelled by the centre: Booked by mistake (undone)"

    qtbot.mouseClick(tab.book_button, Qt.MouseButton.LeftButton)  # the same day again
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    click_ok(qtbot, tab.dialog)
    assert tab.undo.text.text() == "Cancelled F-0001 on Sat 27 Mar 2027."
    qtbot.mouseClick(tab.undo.button, Qt.MouseButton.LeftButton)
    assert [tab.table.item(0, c).text() for c in (0, 3, 5)] == [
        "Sat 27 Mar 2027",
        "12:00",
        "Booked",
    ]
