"""A restore the power cut off half-way: the app finishes it instead of offering to set up
a new centre, and says so above the records once they are unlocked."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from contactcentre.store import swap
from contactcentre.store.engine import Store
from contactcentre.ui.main_window import MainWindow
from tests.conftest import PASSPHRASE
from tests.factories import add_family


def test_the_app_finishes_a_restore_cut_off_mid_swap_and_tells_the_coordinator(
    qtbot: QtBot, store: Store, db_path: Path
) -> None:
    add_family(store, "F-0001")
    store.close()
    # The state a crash leaves between the two renames: the journal, the old database set
    # aside, the restored copy not yet in place, and no centre.db at all.
    incoming = db_path.with_name("centre.db.restoring")
    kept = db_path.with_name("centre.db.before-restore-20270313-103000")
    os.link(db_path, incoming)
    swap._write_journal(swap.Swap(db_path, incoming, kept))
    os.replace(db_path, kept)

    window = MainWindow(db_path)
    qtbot.addWidget(window)
    assert window.stack.currentWidget() is window.unlock  # not first-run setup
    qtbot.keyClicks(window.unlock.passphrase, PASSPHRASE)
    qtbot.mouseClick(window.unlock.unlock, Qt.MouseButton.LeftButton)

    assert window.is_unlocked
    text = window.banner.label.text()
    assert "restore from a backup was interrupted" in text and kept.name in text
    assert kept.exists() and not incoming.exists()
    window.lock()
