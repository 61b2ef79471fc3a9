"""One window at a time: a second copy of the app on the same records says the centre is
open elsewhere and opens nothing until the first locks; the in-use lock holds nothing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlmodel import func, select

from contactcentre.domain.clock import FixedClock
from contactcentre.domain.records import backups
from contactcentre.store import engine, in_use
from contactcentre.store.engine import Store
from contactcentre.store.errors import StoreReplaced
from contactcentre.store.in_use import InUseLock
from contactcentre.store.models import AuditEntry
from contactcentre.ui import prompts
from contactcentre.ui.main_window import MainWindow
from contactcentre.ui.unlock import OPEN_ELSEWHERE
from tests.canary import in_bytes, plant_markers
from tests.conftest import PASSPHRASE
from tests.factories import add_family
from tests.store.holding import writer_holding_lock


def second_window(qtbot: QtBot, db_path: Path, clock: FixedClock) -> MainWindow:
    other = MainWindow(db_path, clock)
    qtbot.addWidget(other)
    other.show()
    return other


def click_unlock(window: MainWindow, qtbot: QtBot, passphrase: str = PASSPHRASE) -> None:
    qtbot.keyClicks(window.unlock.passphrase, passphrase)
    qtbot.mouseClick(window.unlock.unlock, Qt.MouseButton.LeftButton)


def audit_entries(store: Store) -> int:
    with store.session() as s:
        return s.exec(select(func.count()).select_from(AuditEntry)).one()


def test_a_second_window_says_the_centre_is_open_and_unlocks_once_the_first_locks(
    window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    assert window.store is not None
    entries = audit_entries(window.store)
    other = second_window(qtbot, window.db_path, clock)
    assert other.stack.currentWidget() is other.unlock
    assert other.unlock.error.text() == OPEN_ELSEWHERE  # said before anyone types

    click_unlock(other, qtbot)  # the right passphrase, still refused: nothing opened
    assert not other.is_unlocked and other.stack.currentWidget() is other.unlock
    assert other.unlock.error.text() == OPEN_ELSEWHERE
    assert other.unlock.passphrase.text() == ""
    assert window.is_unlocked and audit_entries(window.store) == entries  # nothing written

    window.lock()
    click_unlock(other, qtbot)  # the retry works
    assert other.is_unlocked and other.unlock.error.text() == ""
    assert other.stack.currentWidget() is other.tabs

    # ... and now it is the first window that has to wait.
    assert window.unlock.error.text() == ""
    click_unlock(window, qtbot)
    assert not window.is_unlocked and window.unlock.error.text() == OPEN_ELSEWHERE
    other.close()  # closing locks and lets go too
    click_unlock(window, qtbot)
    assert window.is_unlocked


def test_the_lock_is_held_only_while_unlocked(window: MainWindow) -> None:
    outsider = InUseLock(window.db_path)
    assert window.in_use.held and outsider.held_elsewhere()
    window.lock()
    assert not window.in_use.held and not outsider.held_elsewhere()
    with in_use.held(window.db_path):  # what the CLI's restore and rekey do
        pass


def test_the_first_run_setup_of_a_second_copy_says_so_too(
    qtbot: QtBot, db_path: Path, clock: FixedClock
) -> None:
    first = MainWindow(db_path, clock)
    qtbot.addWidget(first)
    other = second_window(qtbot, db_path, clock)  # both started before a centre existed
    for window, name in ((first, "First"), (other, "Second")):
        setup = window.setup
        qtbot.keyClicks(setup.name, f"{name} Contact Centre")
        qtbot.keyClicks(setup.passphrase, "four words make a phrase")
        qtbot.keyClicks(setup.repeat, "four words make a phrase")
        qtbot.mouseClick(setup.create, Qt.MouseButton.LeftButton)
    assert first.is_unlocked and not other.is_unlocked
    assert other.setup.errors["passphrase"].text() == OPEN_ELSEWHERE
    first.lock()


def test_restore_and_passphrase_change_inside_the_app_keep_the_lock_throughout(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    clock: FixedClock,
) -> None:
    assert window.store is not None
    made = backups.make_backup(window.store, tmp_path / "b.ccbackup", PASSPHRASE, clock)
    outsider = InUseLock(window.db_path)
    held_during: list[bool] = []
    real_restore = backups.restore_backup

    def watched_restore(*args: object) -> object:
        held_during.append(outsider.held_elsewhere())
        return real_restore(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(backups, "restore_backup", watched_restore)
    monkeypatch.setattr(prompts, "info", lambda *a: None)
    window.restore_from(made.path, PASSPHRASE)
    assert held_during == [True]  # no other copy, no CLI could open it mid-restore
    assert window.is_unlocked and outsider.held_elsewhere()

    dialog = window.open_settings().open_change_passphrase()
    dialog.current.setText(PASSPHRASE)
    dialog.new.setText("a new long phrase")
    dialog.repeat.setText("a new long phrase")
    dialog.change.click()
    assert not dialog.isVisible() and window.is_unlocked and outsider.held_elsewhere()


def test_a_failed_restore_leaves_the_window_locked_and_the_lock_let_go(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda _p, _t, m: told.append(m))
    not_a_backup = tmp_path / "holiday-photo.jpg"
    not_a_backup.write_bytes(b"\xff\xd8" + b"\x00" * 8190)
    window.restore_from(not_a_backup, PASSPHRASE)
    assert told and "Nothing was restored" in told[0]
    assert not window.is_unlocked and not window.in_use.held
    assert not InUseLock(window.db_path).held_elsewhere()


def test_the_lock_file_carries_nothing_from_the_centres_records(
    qtbot: QtBot, store: Store, clock: FixedClock
) -> None:
    add_family(store, "F-0001")
    planted = plant_markers(store, keep=set())
    assert planted
    store.close()
    window = MainWindow(store.path, clock)
    qtbot.addWidget(window)
    window.show()
    click_unlock(window, qtbot)
    assert window.is_unlocked
    lock_file = in_use.lock_path(store.path)
    held = lock_file.read_bytes()
    window.lock()
    for data in (held, lock_file.read_bytes()):
        assert data == b""  # not even a pid
        assert not [m for m in planted if in_bytes(data, m)]
        assert not in_bytes(data, PASSPHRASE)


BUSY = "another Contact Centre command is writing; try again in a moment"


def test_unlocking_beside_a_long_cli_import_says_busy_and_opens_nothing(
    qtbot: QtBot, store: Store, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.close()
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)
    window = second_window(qtbot, store.path, clock)
    with writer_holding_lock(store.path, PASSPHRASE):
        click_unlock(window, qtbot)
        assert not window.is_unlocked and window.stack.currentWidget() is window.unlock
        assert BUSY in window.unlock.error.text()
        assert "damaged" not in window.unlock.error.text()
        assert not window.in_use.held and not InUseLock(store.path).held_elsewhere()
    click_unlock(window, qtbot)  # once the import is done
    assert window.is_unlocked
    window.lock()


def test_a_window_whose_database_is_replaced_refuses_to_save_and_locks_itself(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    assert window.store is not None
    copy = tmp_path / "other.db"
    shutil.copyfile(window.db_path, copy)  # another centre.db put in its place meanwhile
    os.replace(copy, window.db_path)
    with pytest.raises(StoreReplaced, match=r"replaced .* while it was open here"):
        add_family(window.store, "F-0002")  # saved into the old file? no: refused
    window.replaced_watch.setInterval(50)  # not the 2 s between looks
    qtbot.waitUntil(lambda: not window.is_unlocked, timeout=5_000)
    assert window.stack.currentWidget() is window.unlock
    assert "lock and unlock again" in window.unlock.error.text()
    assert not window.in_use.held
    click_unlock(window, qtbot)  # unlocking again opens the file now in place
    assert window.is_unlocked and window.store is not None
    add_family(window.store, "F-0002")
