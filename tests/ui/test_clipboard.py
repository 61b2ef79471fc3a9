"""Personal data copied from any of the app's windows leaves the clipboard."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from contactcentre.ui import clipboard
from contactcentre.ui.main_window import MainWindow


@pytest.fixture
def name_box(qtbot: QtBot) -> QLineEdit:
    box = QLineEdit("Zoë Łukasiewicz")
    qtbot.addWidget(box)
    box.show()
    box.activateWindow()
    qtbot.waitActive(box)
    return box


def test_a_name_copied_with_ctrl_c_leaves_the_clipboard_after_the_delay(
    qtbot: QtBot, name_box: QLineEdit, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clipboard, "CLEAR_AFTER_MS", 100)
    _guard = clipboard.ClipboardGuard(name_box)  # kept referenced while it watches
    name_box.selectAll()
    name_box.copy()
    board = QApplication.clipboard()
    assert board.text() == "Zoë Łukasiewicz"
    qtbot.waitUntil(lambda: board.text() == "", timeout=2000)


def test_locking_clears_a_copied_name_at_once(qtbot: QtBot, name_box: QLineEdit) -> None:
    guard = clipboard.ClipboardGuard(name_box)  # the real 30 s delay: only the lock clears
    name_box.selectAll()
    name_box.copy()
    guard.forget_now()
    assert QApplication.clipboard().text() == ""


def test_the_main_window_clears_a_copied_name_when_it_locks(
    window: MainWindow, name_box: QLineEdit
) -> None:
    name_box.activateWindow()
    name_box.selectAll()
    name_box.copy()
    assert QApplication.clipboard().text() == "Zoë Łukasiewicz"
    window.lock()
    assert QApplication.clipboard().text() == ""
