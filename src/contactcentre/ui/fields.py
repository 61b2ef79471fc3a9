"""Small form helpers: a field with its error message underneath, the date field, a set of
named fields read and written by key, and a small OK/Cancel form dialog."""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
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


class InvalidDate(DomainError):
    """Text in a date field that is not a date; the message says what to type."""


DATE_HINT = "type day/month/year, e.g. 28/11/2026"
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DATE_PARTS = re.compile(r"\s*(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d+)\s*")


def parse_uk_date(text: str) -> date | None:
    """`28/11/2026` or `1/2/2027` (also with . or -) as that date; "" as None. Anything
    else is refused with a message: a date is never guessed or moved to a nearby one."""
    if not text.strip():
        return None
    shown = text.strip()[:20]
    match = _DATE_PARTS.fullmatch(text)
    if match is None:
        raise InvalidDate(f"{shown} is not a date: {DATE_HINT}.")
    day, month, year = (int(part) for part in match.groups())
    if len(match.group(3)) != 4:
        raise InvalidDate(f"{shown}: type the year in full, e.g. 28/11/2026.")
    if not 1900 <= year <= 2200:
        raise InvalidDate(f"{shown}: check the year.")
    if not 1 <= month <= 12:
        raise InvalidDate(f"{shown} is not a date: there is no month {month}; {DATE_HINT}.")
    try:
        return date(year, month, day)
    except ValueError:
        last = calendar.monthrange(year, month)[1]
        name = MONTHS[month - 1]  # not strftime: Qt sets the C locale from the system's
        raise InvalidDate(f"{shown} is not a date: {name} {year} has {last} days.") from None


# Where the pop-up calendar opens when the field is empty: years before today.
YEARS_BACK = {"day": 0, "adult_birth": 30, "child_birth": 5}


class DateField(QWidget):
    """The one date field of the app: typed as dd/mm/yyyy, may be empty, with a pop-up
    calendar (button, Alt+Down or F4) that opens on the date shown or, when empty, near
    a sensible date for its `purpose` ("day": today; "adult_birth": 30 years back;
    "child_birth": 5 years back).

    Text that is not a date is never changed: it stays as typed and a message says why.
    `value()` is the last date typed in full (what a screen filtering by date shows);
    `checked_value()` is what a form saves: it refuses text that is not a date.
    """

    dateChanged = Signal(object)  # date | None, only when the text is a date or empty

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        purpose: str = "day",
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.purpose, self.today = purpose, today
        self._value: date | None = None
        self.edit = QLineEdit()
        self.edit.setObjectName("dateText")
        self.edit.setPlaceholderText("dd/mm/yyyy")
        self.edit.setMaxLength(20)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 24)
        self.button = QToolButton()
        self.button.setObjectName("dateButton")
        self.button.setText("▾")
        self.button.setToolTip("Choose on a calendar (Alt+Down)")
        self.button.setAccessibleName("Choose on a calendar")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes field to field
        self.error = ErrorLabel()
        self.setFocusProxy(self.edit)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.popup: QCalendarWidget | None = None
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._finished)
        self.button.clicked.connect(self.open_calendar)
        self.edit.installEventFilter(self)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)
        self.button.setAccessibleName(f"Choose {name} on a calendar")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Alt+Down or F4 in the text opens the calendar, as in any date box."""
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = event.key() == Qt.Key.Key_Down and (
                event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)

    # --- value ----------------------------------------------------------------
    def value(self) -> date | None:
        return self._value

    def checked_value(self) -> date | None:
        try:
            return parse_uk_date(self.edit.text())
        except InvalidDate as error:
            self.error.show_error(str(error))
            name = self.accessibleName()
            raise InvalidDate(f"{name}: {error}" if name else str(error)) from None

    def set_value(self, value: date | None) -> None:
        self.edit.setText(f"{value:%d/%m/%Y}" if value else "")
        self.error.show_error("")
        self._commit(value)

    def text(self) -> str:
        return self.edit.text()

    def _commit(self, value: date | None) -> None:
        if value != self._value:
            self._value = value
            self.dateChanged.emit(value)

    def _typed(self, text: str) -> None:
        try:
            value = parse_uk_date(text)
        except InvalidDate:
            return  # half typed, or wrong: said when the typing is finished
        self.error.show_error("")
        self._commit(value)

    def _finished(self) -> None:
        try:
            self.set_value(parse_uk_date(self.edit.text()))
        except InvalidDate as error:
            self.error.show_error(str(error))

    # --- calendar -------------------------------------------------------------
    def start_page(self) -> date:
        """The month the calendar opens on: the date shown, else one fit for the field."""
        if self._value is not None:
            return self._value
        today = self.today or date.today()
        back = YEARS_BACK.get(self.purpose, 0)
        return today.replace(year=today.year - back, day=min(today.day, 28))

    def open_calendar(self) -> QCalendarWidget:
        if self.popup is None:  # one per field, made when first wanted
            self.popup = QCalendarWidget(self)
            self.popup.setWindowFlags(Qt.WindowType.Popup)
            self.popup.setObjectName("datePopup")
            self.popup.setGridVisible(True)
            self.popup.clicked.connect(self._chosen)
            self.popup.activated.connect(self._chosen)
        popup = self.popup
        start = self.start_page()
        popup.setSelectedDate(QDate(start.year, start.month, start.day))
        popup.setCurrentPage(start.year, start.month)
        popup.adjustSize()
        place = self.mapToGlobal(QPoint(0, self.edit.height()))
        screen = (self.screen() or QApplication.primaryScreen()).availableGeometry()
        x = max(screen.left(), min(place.x(), screen.right() - popup.width()))
        y = place.y()
        if y + popup.height() > screen.bottom():  # no room below: open above the field
            y = self.mapToGlobal(QPoint(0, 0)).y() - popup.height()
        popup.move(x, max(screen.top(), y))
        popup.show()
        popup.setFocus()
        return popup

    def _chosen(self, day: QDate) -> None:
        if self.popup is not None and self.popup.isVisible():
            self.popup.hide()
            self.set_value(day.toPython())
            self.edit.setFocus()


FieldWidget = QLineEdit | QPlainTextEdit | QComboBox | QCheckBox | DateField


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

    def get(self, key: str, *, draft: bool = False) -> Any:
        """The value typed; a date that is not one is refused (InvalidDate) unless this
        is only a `draft` kept while locked, which keeps the last whole date instead."""
        w = self.widgets[key]
        if isinstance(w, QLineEdit):
            return w.text()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        return w.value() if draft else w.checked_value()

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


def button(text: str, name: str) -> QPushButton:
    """A push button with its objectName, and its label (less any "…") as accessible name."""
    made = QPushButton(text)
    made.setObjectName(name)
    made.setAccessibleName(text.rstrip("…"))
    return made


def line() -> QLineEdit:
    return QLineEdit()


def notes_box(height: int = 90) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)  # Tab moves on to the next field, as everywhere else
    box.setFixedHeight(height)
    return box


TITLE_BAR = 40  # what a window manager adds above a window, roughly


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Open at `width`×`height`, or smaller on a small screen (a 1280×720 laptop), so the
    whole window and its buttons are on the screen, title bar included."""
    screen = (window.screen() or QApplication.primaryScreen()).availableGeometry()
    window.resize(min(width, screen.width()), min(height, screen.height() - TITLE_BAR))


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
