"""Damage found on unlock: the records open read-only under a red banner, nothing can be
changed or written, and the banner's restore brings back a working centre."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from contactcentre.domain.clock import FixedClock
from contactcentre.domain.records import backups
from contactcentre.store.engine import Store
from contactcentre.ui import crash, prompts
from contactcentre.ui.main_window import MainWindow
from contactcentre.ui.register.register_screen import RegisterScreen
from tests.conftest import PASSPHRASE
from tests.damage import damage_spare_index, sha256
from tests.factories import add_family
from tests.ui.conftest import shown_screen

READ_ONLY = "The database is damaged, so it is open read-only: nothing can be changed"


@pytest.fixture
def backup_file(tmp_path: Path) -> Path:
    return tmp_path / "usb" / "centre.ccbackup"


@pytest.fixture
def damaged(
    qtbot: QtBot, store: Store, clock: FixedClock, backup_file: Path
) -> Iterator[MainWindow]:
    """A centre used as usual (two families, a backup), then damaged on disk while locked;
    the window shows the unlock screen."""
    for ref in ("F-0001", "F-0002"):
        add_family(store, ref)
    window = MainWindow(store.path, clock)
    qtbot.addWidget(window)
    window.open_workspace(store)
    backup_file.parent.mkdir()
    backups.make_backup(store, backup_file, "usb stick phrase", clock)
    window.lock()  # closes the store
    damage_spare_index(store.path, PASSPHRASE)
    yield window
    window.lock()


def unlock(window: MainWindow) -> None:
    window.unlock.passphrase.setText(PASSPHRASE)
    window.unlock.submit()


def register(window: MainWindow) -> RegisterScreen:
    return shown_screen(window, RegisterScreen)


def refs_shown(window: MainWindow) -> list[str]:
    return [row.ref for row in register(window).model.shown_rows()]


def test_damage_found_on_unlock_opens_the_records_read_only_under_a_lasting_red_banner(
    damaged: MainWindow,
) -> None:
    window = damaged
    before = sha256(window.db_path)

    unlock(window)

    assert window.is_unlocked and window.store is not None and window.store.read_only
    assert window.stack.currentWidget() is window.tabs and window.tabs.count() > 0
    assert refs_shown(window) == ["F-0001", "F-0002"]
    assert window.banner.isVisibleTo(window) and window.banner.property("alarm") is True
    text = window.banner.label.text()
    assert "damaged" in text and "read-only" in text
    assert window.banner.action.text() == "Restore from backup…"
    assert not window.banner.later.isVisibleTo(window)  # it stays until restored
    assert "read-only" in window.windowTitle()
    window.lock()
    assert sha256(window.db_path) == before  # not one byte written, not even "unlock"/"lock"
    wal = window.db_path.with_name(window.db_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # nor waiting in the journal


@pytest.mark.qt_no_exception_capture
def test_saving_a_family_says_plainly_it_is_read_only_and_changes_nothing(
    damaged: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = damaged
    errors: list[str] = []
    crashes: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda _p, _title, message: errors.append(message))
    monkeypatch.setattr(crash.CrashDialog, "exec", lambda d: crashes.append("crash"))
    monkeypatch.setattr(sys, "excepthook", crash.excepthook)  # the app's own hook
    before = sha256(window.db_path)
    unlock(window)
    family_id = register(window).model.shown_rows()[0].id
    editor = register(window).open_family(family_id)
    editor.case.set("notes", "A note that must not be saved")

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert crashes == []
    assert len(errors) == 1 and errors[0].startswith(READ_ONLY)
    assert editor.isVisible()  # the edits stay on screen, not silently dropped
    assert refs_shown(window) == ["F-0001", "F-0002"]
    window.lock()
    assert sha256(window.db_path) == before


def test_restore_from_the_banner_closes_the_damaged_file_and_opens_the_backup(
    damaged: MainWindow, backup_file: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    window = damaged
    unlock(window)
    damaged_store = window.store
    assert damaged_store is not None and damaged_store.read_only
    told: list[str] = []
    monkeypatch.setattr(prompts, "open_file", lambda *a: backup_file)
    monkeypatch.setattr(prompts, "ask_secret", lambda *a: "usb stick phrase")
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
    monkeypatch.setattr(prompts, "info", lambda _p, _t, message: told.append(message))

    qtbot.mouseClick(window.banner.action, Qt.MouseButton.LeftButton)

    assert not damaged_store.is_open
    assert window.store is not None and not window.store.read_only
    assert refs_shown(window) == ["F-0001", "F-0002"]
    assert window.banner.property("alarm") is not True or not window.banner.isVisibleTo(window)
    assert "read-only" not in window.windowTitle()
    assert told and "restored" in told[0]
    add_family(window.store, "F-0003")  # writable again
