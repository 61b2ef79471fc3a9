"""Copying personal data: the clipboard forgets it after 30 seconds.

Only if the clipboard still holds that copy: whatever the coordinator copied since is
left alone.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

CLEAR_AFTER_MS = 30_000


def copy_personal(text: str) -> None:
    clipboard = QApplication.clipboard()
    clipboard.setText(text)

    def forget() -> None:
        if clipboard.text() == text:
            clipboard.clear()

    QTimer.singleShot(CLEAR_AFTER_MS, clipboard, forget)
