"""Settings, backup reminder, restore, passphrase change, damage warning and the audit
trail screen, driven as a coordinator would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from contactcentre.domain.clock import FixedClock
from contactcentre.domain.records import backups
from contactcentre.store.engine import Store
from contactcentre.store.errors import NotADatabase
from contactcentre.ui import prompts
from contactcentre.ui.admin.audit_screen import AuditScreen
from contactcentre.ui.main_window import MainWindow
from contactcentre.ui.register.register_screen import RegisterScreen
from tests.conftest import PASSPHRASE
from tests.factories import add_family
from tests.ui.conftest import shown_screen


def families_shown(window: MainWindow) -> int:
    return shown_screen(window, RegisterScreen).model.rowCount()


def test_settings_change_the_idle_lock_minutes(window: MainWindow, qtbot: QtBot) -> None:
    dialog = window.open_settings()
    assert dialog.idle_minutes.value() == 5 and dialog.reminder_days.value() == 14
    dialog.idle_minutes.setValue(12)
    qtbot.mouseClick(
        dialog.findChild(type(dialog.backup_now), "saveSettings"), Qt.MouseButton.LeftButton
    )
    assert window.idle.minutes == 12
    assert window.open_settings().idle_minutes.value() == 12


def test_the_reminder_offers_a_backup_which_then_silences_it(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    assert window.banner.isVisibleTo(window)
    assert "never been backed up" in window.banner.label.text()
    target = tmp_path / "usb" / "centre.ccbackup"
    target.parent.mkdir()
    monkeypatch.setattr(prompts, "save_file", lambda *a: target)
    monkeypatch.setattr(prompts, "ask_secret", lambda *a: "")  # the centre's passphrase

    qtbot.mouseClick(window.banner.action, Qt.MouseButton.LeftButton)

    assert target.exists()
    assert backups.backup.inspect_backup(target, PASSPHRASE).counts["family"] == 1
    assert not window.banner.isVisibleTo(window)
    dialog = window.findChild(type(window.open_settings()), "settingsDialog")
    assert dialog is not None
    assert "families: 1" in dialog.message.text()
    assert dialog.last_backup.text() == "Sat 13 Mar 2027 09:30"


def test_restore_shows_the_backup_then_brings_back_its_records(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    assert window.store is not None
    made = backups.make_backup(window.store, tmp_path / "b.ccbackup", "usb stick phrase", clock)
    add_family(window.store, "F-0002")
    shown_screen(window, RegisterScreen).refresh()
    assert families_shown(window) == 2
    asked: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(prompts, "open_file", lambda *a: made.path)
    monkeypatch.setattr(prompts, "ask_secret", lambda *a: "usb stick phrase")
    monkeypatch.setattr(prompts, "confirm", lambda _p, _t, q, **k: asked.append(q) or True)
    monkeypatch.setattr(prompts, "info", lambda _p, _t, m: told.append(m))

    window.open_settings().ask_restore()

    assert "Sat 13 Mar 2027 09:30" in asked[0] and "families: 1" in asked[0]
    assert window.is_unlocked and families_shown(window) == 1
    kept = [p.name for p in window.db_path.parent.glob("*before-restore*[0-9]")]  # not .anchor
    assert kept and kept[0] in told[0]


def test_change_passphrase_needs_the_current_one_then_the_new_one_opens(
    window: MainWindow, qtbot: QtBot
) -> None:
    dialog = window.open_settings().open_change_passphrase()
    qtbot.keyClicks(dialog.current, "not the passphrase")
    qtbot.keyClicks(dialog.new, "a new long phrase")
    qtbot.keyClicks(dialog.repeat, "a new long phrase")
    qtbot.mouseClick(dialog.change, Qt.MouseButton.LeftButton)
    assert "not right" in dialog.error.text()

    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.keyClicks(dialog.new, "a new long phrase")
    qtbot.keyClicks(dialog.repeat, "a new long phrase")
    qtbot.mouseClick(dialog.change, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert families_shown(window) == 1  # still working, under the new key
    window.lock()
    Store.open(window.db_path, "a new long phrase").close()


def test_damage_found_on_unlock_is_said_plainly_and_offers_restore(
    qtbot: QtBot, store: Store, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Damage that even a read-only opening cannot get past (test_damaged_read_only.py has
    # the usual case, where the records open read-only).
    for ref in ("F-0001", "F-0002"):
        add_family(store, ref)
    store.close()
    data = bytearray(store.path.read_bytes())
    data[-2000] ^= 0x01
    store.path.write_bytes(bytes(data))
    window = MainWindow(store.path, clock)
    qtbot.addWidget(window)
    opened = Store.open(store.path, PASSPHRASE)

    def refuse_read_only(path: Path, passphrase: str, *, read_only: bool = False) -> Store:
        raise NotADatabase(path)

    monkeypatch.setattr(Store, "open", refuse_read_only)
    window.open_workspace(opened)
    assert window.banner.property("alarm") is True
    assert "damaged" in window.banner.label.text()
    assert window.banner.action.text() == "Restore from backup…"
    assert window.tabs.count() == 0  # no half-readable records on screen
    window.lock()


def test_audit_screen_filters_by_family_and_date_and_checks_the_chain(
    ctx,
    qtbot: QtBot,  # type: ignore[no-untyped-def]
) -> None:
    first = add_family(ctx.store, "F-0001")
    add_family(ctx.store, "F-0002")
    screen = AuditScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    everything = screen.model.rowCount()
    assert everything >= 8  # centre + two families of three people each

    screen.family.setCurrentIndex(screen.family.findText("F-0001"))
    shown = [screen.model.index(r, 4).data() for r in range(screen.model.rowCount())]
    assert shown and set(shown) == {"F-0001"}
    assert screen.model.rowCount() == 4  # the family and its three people
    with ctx.store.session() as s:
        from contactcentre.domain import audit

        assert all(e.family_id == first for e in audit.entries(s, family_id=first))

    screen.family.setCurrentIndex(0)
    today = date.today()
    screen.end.set_value(date(today.year - 1, 1, 1))  # nothing happened before last year
    assert screen.model.rowCount() == 0
    screen.end.set_value(None)
    assert screen.model.rowCount() == everything

    qtbot.mouseClick(screen.verify_button, Qt.MouseButton.LeftButton)
    assert "whole" in screen.chain.text()
    screen.clear()
    assert screen.model.rowCount() == 0 and screen.family.count() == 0
