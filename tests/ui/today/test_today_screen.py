"""The Today tab, as the coordinator sees it on unlocking: the next session and each
kind of need in words, each line a click (or Enter) away from the family or the day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from contactcentre.domain.clock import FixedClock
from contactcentre.domain.safeguarding import screening
from contactcentre.domain.today import summary
from contactcentre.store.engine import Store
from contactcentre.store.models import FamilyStatus
from contactcentre.ui.bookings.calendar_screen import CalendarScreen
from contactcentre.ui.context import Context
from contactcentre.ui.main_window import MainWindow
from contactcentre.ui.register.register_screen import RegisterScreen
from contactcentre.ui.today.today_screen import TodayScreen
from tests.domain.today.centre import DAY, Centre, build
from tests.factories import add_family


def unlocked(qtbot: QtBot, store: Store, clock: FixedClock) -> tuple[MainWindow, Centre]:
    centre = build(store)
    window = MainWindow(store.path, clock)
    qtbot.addWidget(window)
    window.show()
    window.open_workspace(store)
    return window, centre


def today_of(window: MainWindow) -> TodayScreen:
    screen = window.tabs.current_screen()
    assert isinstance(screen, TodayScreen)
    return screen


def line(screen: TodayScreen, words: str) -> QTreeWidgetItem:
    return next(i for i in screen.items() if words in i.text(0) + " " + i.text(1))


def click(qtbot: QtBot, screen: TodayScreen, item: QTreeWidgetItem) -> None:
    screen.list.scrollToItem(item)
    where = screen.list.visualItemRect(item).center()
    qtbot.mouseClick(screen.list.viewport(), Qt.MouseButton.LeftButton, pos=where)


def test_the_first_tab_after_unlocking_is_today_and_shows_each_need_in_words(
    qtbot: QtBot, store: Store, clock: FixedClock
) -> None:
    window, _ = unlocked(qtbot, store, clock)
    assert window.tabs.tabText(0) == "Today" and window.tabs.currentIndex() == 0
    today = today_of(window)
    shown = today.shown_text()
    for words in [
        "Today, Sat 13 Mar 2027",
        "Next session: Sat 13 Mar 2027",
        "10:00–12:00: 2 of 4 families booked, 2 places left, 1 not ready",
        "F-0002 — Lily\nNot ready: ",
        "Sarah Jones has not signed the agreement (version 2)",
        "F-0001 — Lily\nReady",
        "Review overdue: Mon 01 Mar 2027",
        "Pre-visit to arrange for Sarah Jones and Mark Jones",
        "Mark Jones and Sarah Jones must sign the agreement again (version 2 is in force)",
        "Referred Sun 10 Jan 2027 (62 days ago): pre-visits to arrange",
        "2 no-shows in a row: the place may be reallocated",
        "Never backed up — a backup is due",
        "This centre's records have never been backed up.",
    ]:
        assert words in shown.replace("    ", ""), words
    window.lock()
    assert today.summary is None and today.list.topLevelItemCount() == 0  # nothing kept


def test_a_click_on_a_family_line_opens_that_family_in_the_register(
    qtbot: QtBot, store: Store, clock: FixedClock
) -> None:
    window, centre = unlocked(qtbot, store, clock)
    today = today_of(window)

    click(qtbot, today, line(today, "2 no-shows in a row"))

    register = window.tabs.current_screen()
    assert isinstance(register, RegisterScreen)
    assert register.model.rowCount() == 5  # loaded on the way, as a click on its tab does
    assert register.editor is not None and register.editor.isVisible()
    assert register.editor.family_id == centre.no_shows
    register.editor.close()
    window.lock()


def test_enter_on_the_next_session_opens_that_day_in_the_calendar(
    qtbot: QtBot, store: Store, clock: FixedClock
) -> None:
    clock.advance(days=-5)  # Mon 08 Mar: the next session is Sat 13 Mar's
    window, _ = unlocked(qtbot, store, clock)
    today = today_of(window)
    heading = line(today, "Next session: Sat 13 Mar 2027")
    assert "2 of 4 families booked" in heading.text(1)
    today.list.setFocus()
    today.list.setCurrentItem(heading)

    qtbot.keyClick(today.list, Qt.Key.Key_Return)

    calendar = window.tabs.current_screen()
    assert isinstance(calendar, CalendarScreen)
    assert calendar.month.selectedDate() == QDate(DAY)
    assert "Sat 13 Mar 2027" in calendar.heading.text()
    assert "2 of 4 booked" in calendar.heading.text()
    window.lock()


def test_today_reloads_when_shown_after_a_change_elsewhere(
    qtbot: QtBot, store: Store, clock: FixedClock
) -> None:
    from contactcentre.domain.agreements.readiness import record_pre_visit
    from contactcentre.domain.register.families import load_family_form

    window, centre = unlocked(qtbot, store, clock)
    today = today_of(window)
    assert "Pre-visit to arrange for Sarah Jones and Mark Jones" in today.shown_text()
    window.tabs.setCurrentIndex(1)
    with store.session() as s:
        for person in load_family_form(s, centre.referred).people[:2]:
            assert person.id is not None
            record_pre_visit(s, person.id, date(2027, 3, 6))
    window.tabs.bring(today)
    assert "Pre-visit to arrange" not in today.shown_text()
    assert "pre-visits done, the agreement to sign" in today.shown_text()
    window.lock()


def test_a_risk_statement_due_for_review_is_on_the_coordinators_today(
    qtbot: QtBot, ctx: Context
) -> None:
    today = ctx.clock.local_now().date()
    family_id = add_family(ctx.store, "F-0001", status=FamilyStatus.active)
    with ctx.store.session() as s:
        risk = screening.RiskLine("Verbal aggression at handover")
        screening.save_risks(s, family_id, [risk], date(2027, 1, 4), today + timedelta(days=14))
    screen = TodayScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    shown = screen.shown_text()
    assert "Risk statements to review" in shown
    assert "Risk statement review due: Sat 27 Mar 2027" in shown


def test_a_long_section_shows_its_first_lines_and_says_how_many_more(
    qtbot: QtBot, store: Store, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A centre with thousands of reviews due gets a Today screen that opens at once: each
    section shows its first lines (100), then how many more; the heading has the count."""
    monkeypatch.setattr(summary, "MOST_LINES", 1)
    window, _ = unlocked(qtbot, store, clock)
    today = today_of(window)
    section = next(i for i in today.items() if i.text(0).startswith("Next session"))
    assert "2 of 4 families booked" in section.text(1)  # two families: one shown
    shown = [section.child(i).text(0).strip() for i in range(section.childCount())]
    assert len(shown) == 2 and shown[0].startswith("F-000") and shown[1] == "… and 1 more"
    window.lock()
