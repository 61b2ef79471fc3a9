"""A full disk while saving in the GUI: the coordinator is told the disk is full, in
plain words, rather than shown a report of a bug."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from contactcentre.domain.clock import FixedClock
from contactcentre.store.engine import Store
from contactcentre.ui import crash, prompts
from contactcentre.ui.context import Context
from contactcentre.ui.register.family_editor import FamilyEditor
from tests.factories import add_family
from tests.proof.disk import limit_pages


@pytest.mark.qt_no_exception_capture
def test_a_full_disk_while_saving_a_family_says_so_instead_of_reporting_a_bug(
    qtbot: QtBot, store: Store, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    family_id = add_family(store)
    errors: list[tuple[str, str]] = []
    crashes: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda _p, title, msg: errors.append((title, msg)))
    monkeypatch.setattr(crash.CrashDialog, "exec", lambda d: crashes.append(d.text.toPlainText()))
    monkeypatch.setattr(sys, "excepthook", crash.excepthook)
    editor = FamilyEditor(Context(store=store, clock=clock), family_id)
    qtbot.addWidget(editor)
    editor.show()
    limit_pages(store.engine, extra_pages=0)  # from now on, not one more page fits
    editor.case.set("notes", "A long note that needs new pages. " * 280)

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert crashes == []
    assert len(errors) == 1 and "disk is full" in errors[0][1]
