"""Locking: after idle minutes by the wall clock, with nothing left open or on screen, and
unsaved edits kept in memory (never on disk) until the coordinator unlocks again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from contactcentre.domain import audit
from contactcentre.domain.clock import FixedClock
from contactcentre.store.engine import Store
from contactcentre.store.models import Person
from contactcentre.ui import clipboard
from contactcentre.ui.main_window import MainWindow
from contactcentre.ui.register.register_screen import RegisterScreen
from tests.conftest import PASSPHRASE
from tests.ui.conftest import shown_screen


def open_handles(path: Path) -> list[str]:
    """This process's open files that are the database or its -wal/-shm."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(path)):
            found.append(target)
    return found


def unlock(window: MainWindow, passphrase: str = PASSPHRASE) -> None:
    window.unlock.passphrase.setText(passphrase)
    window.unlock.submit()


def saved_first_names(path: Path) -> list[str]:
    other = Store.open(path, PASSPHRASE)
    try:
        with other.session() as s:
            return [p.first_name for p in s.exec(select(Person).order_by(col(Person.id)))]
    finally:
        other.close()


def register(window: MainWindow) -> RegisterScreen:
    return shown_screen(window, RegisterScreen)


def test_idle_minutes_by_the_clock_lock_and_leave_nothing_open_or_shown(
    window: MainWindow, clock: FixedClock, store: Store
) -> None:
    assert open_handles(store.path), "unlocked: the database is open"
    assert window.idle.timer.isActive() and window.idle.minutes == 5  # the centre's setting
    assert register(window).model.rowCount() == 1

    clock.advance(minutes=4)
    QTest.mouseMove(window, QPoint(50, 50))  # someone is using it
    clock.advance(minutes=4)
    window.idle.check()
    assert window.is_unlocked, "4 minutes after the last input is not yet idle"

    clock.advance(minutes=1, seconds=1)  # e.g. the laptop slept: the timer never ticked
    window.idle.check()

    assert not window.is_unlocked
    assert not store.is_open
    assert open_handles(store.path) == []  # the engine is disposed and the key dropped
    assert window.stack.currentWidget() is window.unlock
    assert window.tabs.count() == 0 and window.screens == []
    shown = {
        t.objectName(): t.model().rowCount()
        for t in window.findChildren(QTableView)
        if t.model() is not None
        and t.model().rowCount()
        and not t.objectName().startswith("qt_")  # a date picker's grid of days
    }
    assert shown == {}
    assert not window.toolbar.isVisible()
    assert not window.idle.timer.isActive()

    unlock(window)
    assert window.is_unlocked
    with window.store.session() as s:  # type: ignore[union-attr]
        assert [e.action for e in audit.entries(s)[:2]] == ["unlock", "lock"]


def test_ctrl_l_locks_at_once(window: MainWindow, qtbot: QtBot) -> None:
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not window.is_unlocked


def test_unsaved_family_edits_survive_a_lock_in_memory_only(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    editor = register(window).open_family(1)
    editor.tabs.setCurrentIndex(2)
    editor.people_tab.people_list.setCurrentRow(0)
    first_name = editor.people_tab.person.widgets["first_name"]
    first_name.clear()  # type: ignore[union-attr]
    qtbot.keyClicks(first_name, "UNSAVED-EDIT")

    window.lock()
    assert not editor.isVisible()
    assert saved_first_names(store.path) == ["Sarah", "Mark", "Lily"]  # the lock saved nothing

    unlock(window)
    reopened = register(window).editor
    assert reopened is not None and reopened.isVisible()
    reopened.people_tab.people_list.setCurrentRow(0)
    assert reopened.people_tab.person.get("first_name") == "UNSAVED-EDIT"
    assert reopened.save()  # and it can now be saved as normal


def test_a_copied_phone_number_leaves_the_clipboard_after_the_delay(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clipboard, "CLEAR_AFTER_MS", 100)
    board = QApplication.clipboard()
    editor = register(window).open_family(1)
    editor.people_tab.people_list.setCurrentRow(0)
    qtbot.mouseClick(
        editor.findChild(type(editor.save_button), "copyPhone"), Qt.MouseButton.LeftButton
    )
    assert board.text() == "0113 496 0001"
    qtbot.waitUntil(lambda: board.text() == "", timeout=2000)


def test_the_clipboard_is_left_alone_if_something_else_was_copied_since(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clipboard, "CLEAR_AFTER_MS", 50)
    board = QApplication.clipboard()
    clipboard.copy_personal("0113 496 0001")
    board.setText("the coordinator's own note")
    qtbot.wait(200)
    assert board.text() == "the coordinator's own note"
