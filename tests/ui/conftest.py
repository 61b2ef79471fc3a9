"""GUI test fixtures. Modal dialogs would hang the run forever (FACTS.md), so every way
of opening one raises instead; tests that expect a question patch ui.prompts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from contactcentre.domain.clock import FixedClock
from contactcentre.store.engine import Store
from contactcentre.ui import printing
from contactcentre.ui.context import Context
from contactcentre.ui.main_window import MainWindow
from tests.factories import add_family

S = TypeVar("S")


def shown_screen(window: MainWindow, kind: type[S]) -> S:
    """Bring the window's screen of this kind forward (loading it, as a click on its tab
    does: Today is the first tab, the others load when first shown) and return it."""
    screen = window.tabs.show_screen(kind)
    assert screen is not None, f"this window has no {kind.__name__}"
    return screen


class UnexpectedModal(AssertionError):
    pass


def _refuse(*_args: object, **_kwargs: object) -> None:
    raise UnexpectedModal("a modal dialog was opened; patch contactcentre.ui.prompts instead")


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QDialog, "exec", _refuse)
    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, _refuse)
    for name in ("getSaveFileName", "getOpenFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, _refuse)
    for name in ("getText", "getItem"):
        monkeypatch.setattr(QInputDialog, name, _refuse)
    monkeypatch.setattr(printing, "open_in_viewer", _refuse)  # no PDF viewer pops up


@pytest.fixture(autouse=True)
def save_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where "Save as PDF…" suggests a name: this test's own folder, not ~/Documents or
    the folder an earlier test saved to."""
    folder = tmp_path / "saved"
    folder.mkdir()
    monkeypatch.setattr(printing, "_last_folder", [folder])
    return folder


@pytest.fixture
def ctx(store: Store, clock: FixedClock) -> Iterator[Context]:
    yield Context(store=store, clock=clock)


@pytest.fixture
def db_path(data_dir: Path) -> Path:
    return data_dir / "centre.db"


@pytest.fixture
def window(qtbot: QtBot, store: Store, clock: FixedClock) -> Iterator[MainWindow]:
    """The main window, shown and unlocked on the test store, which holds family F-0001."""
    add_family(store, "F-0001")
    win = MainWindow(store.path, clock)
    qtbot.addWidget(win)
    win.open_workspace(store)
    win.show()
    yield win
    win.lock()
