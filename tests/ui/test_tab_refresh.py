"""Switching tabs shows what is in the store now, not what it was at unlock."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlmodel import select

from contactcentre.domain.agreements import signing
from contactcentre.store.models import Person
from contactcentre.ui.agreements.text_screen import AgreementScreen
from contactcentre.ui.bookings.calendar_screen import CalendarScreen
from contactcentre.ui.main_window import MainWindow
from contactcentre.ui.register.register_screen import STATUS_COLUMN, RegisterScreen
from contactcentre.ui.screens import screens_for
from contactcentre.ui.today.today_screen import TodayScreen
from tests.factories import add_family

T = TypeVar("T")


def screen_of(window: MainWindow, kind: type[T]) -> T:
    """The window's screen of `kind`, built (as Today's lines do) but not shown."""
    screen = window.tabs.screen(kind)
    assert screen is not None
    return screen


def status_shown(register: RegisterScreen) -> str:
    return str(register.model.index(0, STATUS_COLUMN).data())


def test_a_new_agreement_version_shows_re_sign_needed_on_the_register_tab(
    qtbot: QtBot, window: MainWindow
) -> None:
    register = screen_of(window, RegisterScreen)
    assert window.store is not None
    with window.store.session() as s:
        mark = s.exec(select(Person).where(Person.first_name == "Mark")).one()
        assert mark.id is not None
        signing.sign_on_paper(s, mark.id, date(2027, 3, 6), "Ann Coordinator")
    assert "Re-sign needed" not in status_shown(register)

    agreement = screen_of(window, AgreementScreen)
    window.tabs.bring(agreement)
    agreement.editor.moveCursor(agreement.editor.textCursor().MoveOperation.End)
    qtbot.keyClick(agreement.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(agreement.editor, "Please bring the child's favourite toy.")
    qtbot.mouseClick(agreement.save_button, Qt.MouseButton.LeftButton)
    assert "Saved as version 2" in agreement.message.text()

    window.tabs.bring(register)
    assert "Re-sign needed" in status_shown(register)


def test_switching_tabs_without_a_change_does_not_reload(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    register = screen_of(window, RegisterScreen)
    agreement = screen_of(window, AgreementScreen)
    for spec in screens_for(window.role)[1:]:  # each screen once, after unlock
        window.tabs.show_titled(spec.title)
    window.tabs.bring(register)
    reloaded: list[str] = []
    for screen, name in [(register, "register"), (agreement, "agreement")]:
        monkeypatch.setattr(screen, "refresh", lambda name=name: reloaded.append(name))
    for _ in range(3):  # the 20,000-family register is not read again for nothing
        window.tabs.bring(agreement)
        window.tabs.bring(register)
    assert reloaded == []

    assert window.store is not None
    add_family(window.store, "F-0002")  # a change, e.g. from the family editor
    window.tabs.bring(agreement)
    window.tabs.bring(register)
    assert reloaded == ["agreement", "register"]  # each as it is shown, once


def test_unsaved_typing_survives_a_tab_switch_and_a_change_elsewhere(
    qtbot: QtBot, window: MainWindow
) -> None:
    agreement = screen_of(window, AgreementScreen)
    window.tabs.bring(agreement)
    agreement.editor.moveCursor(agreement.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(agreement.editor, " Not saved yet.")
    window.tabs.bring(screen_of(window, RegisterScreen))
    assert window.store is not None
    add_family(window.store, "F-0002")
    window.tabs.bring(agreement)
    assert agreement.editor.toPlainText().endswith(" Not saved yet.")
    assert agreement.save_button.isEnabled()


def test_unlocking_loads_only_today_and_each_tab_loads_when_first_shown(
    window: MainWindow,
) -> None:
    assert [type(s) for s in window.screens] == [TodayScreen]  # nothing else is built
    today = screen_of(window, TodayScreen)
    register = screen_of(window, RegisterScreen)
    calendar = screen_of(window, CalendarScreen)
    assert window.tabs.current_screen() is today and today.summary is not None
    assert register.model.rowCount() == 0  # nothing read for a tab nobody has opened
    assert calendar.family.count() == 0

    window.tabs.bring(register)
    assert register.model.rowCount() == 1
    window.tabs.bring(calendar)
    assert [calendar.family.itemText(i) for i in range(calendar.family.count())] == [
        "F-0001 — Lily"
    ]
