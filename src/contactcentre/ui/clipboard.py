"""Copying personal data: the clipboard forgets it after 30 seconds, and when the app locks.

Only if the clipboard still holds that copy: whatever the coordinator copied since is
left alone.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

CLEAR_AFTER_MS = 30_000


def _forget(text: str) -> None:
    clipboard = QApplication.clipboard()
    if clipboard.text() == text:
        clipboard.clear()


def forget_later(text: str) -> None:
    """Clear the clipboard in CLEAR_AFTER_MS if it still holds `text` then."""
    QTimer.singleShot(CLEAR_AFTER_MS, QApplication.clipboard(), lambda: _forget(text))


def copy_personal(text: str) -> None:
    QApplication.clipboard().setText(text)
    forget_later(text)


class ClipboardGuard(QObject):
    """Whatever is copied from this app's windows (a name selected and Ctrl+C, say) leaves
    the clipboard after CLEAR_AFTER_MS, or at once when the app locks."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._last: str | None = None
        QApplication.clipboard().dataChanged.connect(self._changed)

    def _changed(self) -> None:
        text = QApplication.clipboard().text()
        if text and QApplication.activeWindow() is not None:  # not copied in another program
            self._last = text
            forget_later(text)

    def forget_now(self) -> None:
        if self._last is not None:
            _forget(self._last)
            self._last = None
