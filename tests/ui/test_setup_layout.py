"""The first-run screen shows every line of its text at the window's default size."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from contactcentre import paths
from contactcentre.ui.main_window import MainWindow
from contactcentre.ui.theme import FONT_FAMILY


@pytest.mark.parametrize("size", [(1100, 720), (800, 600)])
def test_the_lost_passphrase_warning_is_shown_whole(
    qtbot: QtBot, db_path: Path, size: tuple[int, int]
) -> None:
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    # The app's font and stylesheet (padding and border on the warning), on this window only.
    window.setFont(QFont(FONT_FAMILY, 11))
    window.setStyleSheet(paths.resource("style.qss").read_text(encoding="utf-8"))
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    warning = window.setup.findChild(QLabel, "warning")
    assert warning is not None and warning.isVisible()
    # A wrapped label shorter than the height its text needs at its width cuts the last line.
    assert warning.height() >= warning.heightForWidth(warning.width())
    for label in window.setup.findChildren(QLabel):
        if label.isVisible() and label.wordWrap():
            assert label.height() >= label.heightForWidth(label.width()), label.text()
