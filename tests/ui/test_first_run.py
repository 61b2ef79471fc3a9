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
    assert unlock.error.text() == "The name or passphrase is wrong."
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


def test_setup_refuses_two_different_passphrases_and_keeps_the_details_typed(
    qtbot: QtBot, db_path: Path
) -> None:
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    setup = window.setup
    qtbot.keyClicks(setup.name, "Riverside Contact Centre")
    qtbot.keyClicks(setup.phone, "0113 496 0000")
    qtbot.keyClicks(setup.charity, "1100001")
    qtbot.keyClicks(setup.passphrase, "four words make a phrase")
    qtbot.keyClicks(setup.repeat, "four words make a phrase!")
    qtbot.mouseClick(setup.create, Qt.MouseButton.LeftButton)
    assert "not the same" in setup.errors["passphrase"].text()
    assert not db_path.exists()
    assert setup.name.text() == "Riverside Contact Centre"

    setup.phone.clear()
    qtbot.keyClicks(setup.phone, "0113 496")
    setup.repeat.clear()
    qtbot.keyClicks(setup.repeat, "four words make a phrase")
    qtbot.mouseClick(setup.create, Qt.MouseButton.LeftButton)
    assert "not a valid UK phone number" in setup.errors["phone"].text()
    assert not db_path.exists()


def test_what_setup_saves_opens_again_with_the_same_passphrase(qtbot: QtBot, db_path: Path) -> None:
    from sqlmodel import select

    from contactcentre.store.models import Centre

    window = MainWindow(db_path)
    qtbot.addWidget(window)
    setup = window.setup
    qtbot.keyClicks(setup.name, "Riverside Contact Centre")
    qtbot.keyClicks(setup.phone, "0113 496 0000")
    qtbot.keyClicks(setup.charity, "1100001")
    qtbot.keyClicks(setup.passphrase, "four words make a phrase")
    qtbot.keyClicks(setup.repeat, "four words make a phrase")
    qtbot.keyClick(setup.repeat, Qt.Key.Key_Return)
    assert window.is_unlocked
    window.lock()
    assert not db_path.read_bytes().startswith(b"SQLite format 3")

    store = Store.open(db_path, "four words make a phrase")
    try:
        with store.session() as s:
            centre = s.exec(select(Centre)).one()
            assert (centre.name, centre.phone, centre.charity_number) == (
                "Riverside Contact Centre",
                "+441134960000",
                "1100001",
            )
    finally:
        store.close()


def test_unlocking_a_damaged_file_says_it_is_damaged_not_that_the_passphrase_is_wrong(
    qtbot: QtBot, store: Store, db_path: Path
) -> None:
    store.close()
    db_path.write_bytes(db_path.read_bytes()[: 2 * 4096])
    before = sha256(db_path)
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    unlock = window.unlock
    qtbot.keyClicks(unlock.passphrase, PASSPHRASE)
    qtbot.keyClick(unlock.passphrase, Qt.Key.Key_Return)
    assert not window.is_unlocked
    assert "damaged" in unlock.error.text()
    assert "passphrase" not in unlock.error.text().lower()
    assert sha256(db_path) == before


def test_unlocking_with_nothing_typed_asks_for_the_passphrase(
    qtbot: QtBot, store: Store, db_path: Path
) -> None:
    store.close()
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    qtbot.mouseClick(window.unlock.unlock, Qt.MouseButton.LeftButton)
    assert not window.is_unlocked
    assert "Type the passphrase first" in window.unlock.error.text()


def test_setup_asks_for_the_coordinator_who_signs_letters_and_tab_leaves_the_address(
    qtbot: QtBot, db_path: Path
) -> None:
    from contactcentre.domain.centre import get_centre

    window = MainWindow(db_path)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    setup = window.setup
    qtbot.keyClicks(setup.name, "Riverside Contact Centre")
    setup.address.setFocus()
    qtbot.keyClicks(setup.address, "1 Church Lane")
    qtbot.keyClick(setup.address, Qt.Key.Key_Tab)
    assert setup.address.toPlainText() == "1 Church Lane"  # no tab typed into the address
    assert setup.phone.hasFocus()
    qtbot.keyClicks(setup.coordinator, "Ruth Okafor")
    qtbot.keyClicks(setup.passphrase, "four words make a phrase")
    qtbot.keyClicks(setup.repeat, "four words make a phrase")
    qtbot.mouseClick(setup.create, Qt.MouseButton.LeftButton)
    assert window.is_unlocked
    store = window.ctx.store if window.ctx else None
    assert store is not None
    with store.session() as s:
        assert get_centre(s).coordinator_name == "Ruth Okafor"
    window.lock()
