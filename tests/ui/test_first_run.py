"""A coordinator sets the centre up, locks it, and unlocks it again."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from contactcentre.store.engine import Store
from contactcentre.ui.main_window import MainWindow
from tests.conftest import PASSPHRASE


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_first_run_asks_for_the_centre_and_a_passphrase_then_opens_the_register(
    qtbot: QtBot, db_path: Path
) -> None:
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    setup = window.setup
    assert window.stack.currentWidget() is setup
    assert (
        "cannot" in setup.findChild(type(setup.hint), "warning").text()
        or "nobody can recover" in setup.findChild(type(setup.hint), "warning").text()
    )

    qtbot.keyClicks(setup.name, "Riverside Contact Centre")
    qtbot.keyClicks(setup.phone, "0113 496 0000")
    qtbot.keyClicks(setup.passphrase, "short")
    qtbot.keyClicks(setup.repeat, "short")
    qtbot.mouseClick(setup.create, Qt.MouseButton.LeftButton)
    assert not db_path.exists(), "a refused passphrase must not create the database"
    assert "at least 8" in setup.errors["passphrase"].text()

    setup.passphrase.clear()
    setup.repeat.clear()
    qtbot.keyClicks(setup.passphrase, "four words make a phrase")
    assert setup.strength.value() >= 3
    qtbot.keyClicks(setup.repeat, "four words make a phrase")
    qtbot.mouseClick(setup.create, Qt.MouseButton.LeftButton)

    assert db_path.exists()
    assert window.is_unlocked
    assert window.stack.currentWidget() is window.tabs
    assert "Riverside Contact Centre" in window.windowTitle()
    assert setup.passphrase.text() == "" and setup.repeat.text() == ""
    window.lock()


def test_a_wrong_passphrase_says_so_changes_nothing_and_the_right_one_opens(
    qtbot: QtBot, store: Store, db_path: Path
) -> None:
    store.close()
    before = sha256(db_path)
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    unlock = window.unlock
    assert window.stack.currentWidget() is unlock

    qtbot.keyClicks(unlock.passphrase, "not the passphrase")
    qtbot.keyClick(unlock.passphrase, Qt.Key.Key_Return)
    assert not window.is_unlocked
    assert "does not open" in unlock.error.text()
    assert unlock.passphrase.text() == ""
    assert sha256(db_path) == before

    qtbot.keyClicks(unlock.passphrase, PASSPHRASE)
    qtbot.keyClick(unlock.passphrase, Qt.Key.Key_Return)
    assert window.is_unlocked
    assert "Test Contact Centre" in window.windowTitle()
    window.lock()


def test_locking_clears_the_register_and_drops_the_key(
    qtbot: QtBot, store: Store, db_path: Path
) -> None:
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    window.open_workspace(store)
    assert window.screens
    window.lock_action.trigger()
    assert not window.is_unlocked
    assert window.screens == []
    assert window.stack.currentWidget() is window.unlock
    assert not store.is_open
