"""Small form helpers: a field with its error message underneath, UK date entry, a set of
named fields read and written by key, and a small OK/Cancel form dialog."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain.errors import DomainError
from contactcentre.domain.validate import display_phone


class ErrorLabel(QLabel):
    """Red text under a field; hidden when there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.hide()

    def show_error(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))


def with_error(field: QWidget, error: ErrorLabel) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(error)
    # Never taller than it needs: spare height in a form goes below its last row, so a
    # field stays level with its label.
    box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    return box


class OptionalDateEdit(QDateEdit):
    """A dd/MM/yyyy date field that can also be empty (shown as blank)."""

    EMPTY = QDate(1900, 1, 1)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        self.setMinimumDate(self.EMPTY)
        self.setSpecialValueText(" ")
        self.set_value(None)

    def value(self) -> date | None:
        current = self.date()
        return None if current == self.EMPTY else current.toPython()  # type: ignore[no-any-return]

    def set_value(self, value: date | None) -> None:
        self.setDate(QDate(value.year, value.month, value.day) if value else self.EMPTY)


FieldWidget = QLineEdit | QPlainTextEdit | QComboBox | QCheckBox | OptionalDateEdit


def enum_combo(labels: dict[Any, str], name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for member, label in labels.items():
        combo.addItem(label, member)
    return combo


class FieldSet:
    """Named widgets in a form layout, each with an error label; reads and writes values."""

    def __init__(self, layout: QFormLayout, prefix: str) -> None:
        self.layout, self.prefix = layout, prefix
        self.widgets: dict[str, FieldWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}

    def add(self, key: str, label: str, widget: FieldWidget) -> FieldWidget:
        if not widget.objectName():
            widget.setObjectName(f"{self.prefix}{key.title().replace('_', '')}")
        widget.setAccessibleName(label)
        self.widgets[key], self.errors[key] = widget, ErrorLabel()
        self.layout.addRow(label, with_error(widget, self.errors[key]))
        return widget

    def get(self, key: str) -> Any:
        w = self.widgets[key]
        if isinstance(w, QLineEdit):
            return w.text()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        return w.value()

    def set(self, key: str, value: Any) -> None:
        w = self.widgets[key]
        if isinstance(w, QLineEdit):
            w.setText(display_phone(value) if key.endswith("phone") and value else str(value or ""))
            w.setCursorPosition(0)  # a long value shows its beginning, not its end
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(str(value or ""))
        elif isinstance(w, QComboBox):
            w.setCurrentIndex(max(0, w.findData(value)))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        else:
            w.set_value(value)

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.show_error(errors.get(key, ""))


def line() -> QLineEdit:
    return QLineEdit()


def notes_box(height: int = 90) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setFixedHeight(height)
    return box


class FormDialog(QDialog):
    """A small form with OK/Cancel; `submit()` runs when OK is clicked."""

    saved = Signal()

    def __init__(self, title: str, name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName(name)
        self.setMinimumWidth(460)
        self.outer = QVBoxLayout(self)
        self.form = QFormLayout()
        self.outer.addLayout(self.form)
        self.message = ErrorLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName(f"{name}Ok")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.outer.addWidget(self.message)
        self.outer.addWidget(self.buttons)

    def add(self, label: str, widget: QWidget, name: str) -> None:
        widget.setObjectName(name)
        widget.setAccessibleName(label)
        self.form.addRow(label, widget)

    def submit(self) -> bool:
        """Do what the dialog is for; False (or a DomainError) keeps it open."""
        raise NotImplementedError

    def show_message(self, message: str) -> None:
        self.message.show_error(message)
        self.resize(self.width(), max(self.height(), self.heightForWidth(self.width())))

    def _accept(self) -> None:
        try:
            finished = self.submit()
        except DomainError as error:
            self.show_message(str(error))
            return
        if finished:
            self.saved.emit()
            self.accept()
