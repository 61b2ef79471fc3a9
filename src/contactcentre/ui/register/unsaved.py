"""A form that asks before its typing is lost: Escape, Cancel and the window's close
button keep unsaved changes unless the coordinator says to discard them. A close that
does not come from a person (the lock, which keeps the typing as a draft first) is quiet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QDialog

from contactcentre.ui import prompts


class AsksBeforeDiscarding(QDialog):
    """Subclasses say what was typed (`typed`, comparable), call `mark_unchanged` once the
    form is filled in, and connect their Cancel button to `cancel`."""

    QUESTION = "This form has changes that are not saved. Close it and lose them?"
    _as_opened: object = None

    def typed(self) -> object:
        raise NotImplementedError

    def mark_unchanged(self) -> None:
        self._as_opened = self.typed()

    def has_changes(self) -> bool:
        return bool(self.typed() != self._as_opened)

    def may_discard(self) -> bool:
        """True when nothing would be lost, or the coordinator says to discard it."""
        return not self.has_changes() or prompts.confirm(
            self, "Unsaved changes", self.QUESTION, yes="Discard changes"
        )

    def cancel(self) -> None:
        if self.may_discard():
            self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.cancel()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if event.spontaneous() and not self.may_discard():  # the window's close button
            event.ignore()
            return
        super().closeEvent(event)
