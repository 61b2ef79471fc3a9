"""One booked family's band of the paper-entry grid: quick time fields for the family's
line (`1012` becomes 10:12 as you leave the field), a line per named relative, and the
line's errors. Times already recorded on the board are shown and locked."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain.bookings.attendance import EVENT_LABELS
from contactcentre.domain.session_day import welcome_desk
from contactcentre.domain.session_day.board import RELATIVE_SEQUENCE, SEQUENCE
from contactcentre.domain.session_day.paper_entry import (
    HANDED_OVER_BY,
    PaperLine,
    field_key,
    relative_key,
)
from contactcentre.domain.session_day.relative_progress import RelativeState
from contactcentre.domain.validate import quick_time
from contactcentre.domain.vocabulary import ROLE_LABELS
from contactcentre.store.models.enums import EventKind, Role

VISITING = ROLE_LABELS[Role.non_resident_parent]
# A relative's arrival and departure go under the visiting parent's, like on the sheet.
RELATIVE_COLUMNS = {EventKind.relative_arrived: 1, EventKind.relative_left: len(SEQUENCE)}
RELATIVE_WORDS = {EventKind.relative_arrived: "arrived", EventKind.relative_left: "left"}


def _mark(widget: QWidget, bad: bool, message: str = "") -> None:
    widget.setProperty("error", bad)
    widget.setToolTip(message)
    widget.style().polish(widget)


class TimeField(QLineEdit):
    """A time typed fast; shown as HH:MM once it makes sense, red while it does not."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickTime")
        self.setAccessibleName(name)
        self.setPlaceholderText("time")
        self.setMaxLength(5)
        self.setFixedWidth(96)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.editingFinished.connect(self.tidy)

    def tidy(self) -> None:
        typed = self.text().strip()
        if not typed or not self.isEnabled():
            _mark(self, False)
            return
        try:
            self.setText(f"{quick_time(typed):%H:%M}")
        except ValueError as error:
            _mark(self, True, str(error))
        else:
            _mark(self, False)


def time_cell(
    name: str, done: time | None, *, locked: bool, hint: str
) -> tuple[TimeField, QVBoxLayout]:
    """A time box with a hint under it; a locked box shows what was already recorded."""
    field = TimeField(name)
    if locked:
        field.setText(f"{done:%H:%M}" if done else "")
        field.setEnabled(False)
        field.setToolTip("Already recorded: correct it from the board's History")
    label = QLabel("already recorded" if done else hint)
    label.setObjectName("planHint")
    cell = QVBoxLayout()
    cell.setSpacing(2)
    cell.addWidget(field)
    cell.addWidget(label)
    return field, cell


class PaperRow:
    """The fields for one booking, laid out on one band of the grid: the family's line,
    a line per named relative, then the line's errors (`rows_used` grid rows in all)."""

    def __init__(self, row: welcome_desk.BoardRow, grid: QGridLayout, at: int) -> None:
        self.booking_id = row.booking_id
        state = row.state
        family = QLabel(f"<b>{row.family_ref}</b><br>{row.children or 'no children named'}")
        family.setObjectName("paperFamily")
        grid.addWidget(family, at, 0, Qt.AlignmentFlag.AlignTop)
        self.times: dict[EventKind, TimeField] = {}
        self.by: dict[EventKind, QComboBox] = {}
        for column, kind in enumerate(SEQUENCE, start=1):
            done = state.done.get(kind)
            field, cell = time_cell(
                f"{row.family_ref} {EVENT_LABELS[kind]}",
                done,
                locked=done is not None or state.no_show,
                hint=f"plan {row.plan.planned(kind):%H:%M}",
            )
            if kind in HANDED_OVER_BY:
                by = QComboBox()
                by.setObjectName("handedOverBy")
                by.setAccessibleName(f"{row.family_ref} {EVENT_LABELS[kind]} by")
                by.setSizeAdjustPolicy(
                    QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
                )
                by.setMinimumContentsLength(14)
                for person in row.people:
                    if person.role_label != VISITING:
                        by.addItem(f"by {person.name}", person.person_id)
                by.setEnabled(field.isEnabled())
                cell.addWidget(by)
                self.by[kind] = by
            cell.addStretch(1)
            grid.addLayout(cell, at, column)
            self.times[kind] = field
        self.no_show = QCheckBox("Did not come")
        self.no_show.setObjectName("paperNoShow")
        self.no_show.setAccessibleName(f"{row.family_ref} did not come")
        self.no_show.setChecked(state.no_show)
        self.no_show.setEnabled(not state.no_show and not state.done)
        self.reason = QLineEdit()
        self.reason.setObjectName("noShowReason")
        self.reason.setAccessibleName(f"{row.family_ref} reason for not coming")
        self.reason.setPlaceholderText("Reason, if known")
        self.reason.setMaxLength(1000)
        self.reason.setMinimumWidth(170)
        self.reason.setEnabled(False)
        self.no_show.toggled.connect(self._absent)
        cell = QVBoxLayout()
        cell.addWidget(self.no_show)
        cell.addWidget(self.reason)
        cell.addStretch(1)
        grid.addLayout(cell, at, len(SEQUENCE) + 1)
        self.relatives: dict[int, dict[EventKind, TimeField]] = {}
        self.relative_names: dict[int, str] = {}
        for offset, relative in enumerate(row.relatives, start=1):
            self._relative_line(row, relative, grid, at + offset)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.rows_used = len(row.relatives) + 2
        grid.addWidget(self.error, at + self.rows_used - 1, 1, 1, len(SEQUENCE) + 1)

    def _relative_line(
        self, row: welcome_desk.BoardRow, relative: RelativeState, grid: QGridLayout, at: int
    ) -> None:
        who = QLabel(f"{relative.name}<br><small>{relative.relationship or 'relative'}</small>")
        who.setObjectName("paperRelative")
        who.setTextFormat(Qt.TextFormat.RichText)
        grid.addWidget(who, at, 0, Qt.AlignmentFlag.AlignTop)
        fields: dict[EventKind, TimeField] = {}
        for kind in RELATIVE_SEQUENCE:
            word = RELATIVE_WORDS[kind]
            done = relative.done.get(kind)
            field, cell = time_cell(
                f"{row.family_ref} {relative.name} {word}",
                done,
                locked=done is not None or row.state.no_show,
                hint=f"{relative.name} {word}",
            )
            grid.addLayout(cell, at, RELATIVE_COLUMNS[kind])
            fields[kind] = field
        self.relatives[relative.person_id] = fields
        self.relative_names[relative.person_id] = relative.name

    def all_fields(self) -> list[TimeField]:
        return [*self.times.values(), *(f for fs in self.relatives.values() for f in fs.values())]

    def _absent(self, absent: bool) -> None:
        self.reason.setEnabled(absent)
        for kind, field in self.times.items():
            field.setEnabled(not absent)
            if kind in self.by:
                self.by[kind].setEnabled(not absent)
        for fields in self.relatives.values():
            for field in fields.values():
                field.setEnabled(not absent)

    def line(self) -> PaperLine | None:
        """What was typed for this family, or None if nothing was."""

        def typed(fields: dict[EventKind, TimeField]) -> dict[EventKind, str]:
            return {k: f.text() for k, f in fields.items() if f.isEnabled() and f.text().strip()}

        times = typed(self.times)
        relatives = {pid: got for pid, fields in self.relatives.items() if (got := typed(fields))}
        absent = self.no_show.isEnabled() and self.no_show.isChecked()
        if not times and not relatives and not absent:
            return None
        return PaperLine(
            booking_id=self.booking_id,
            times=times,
            by={k: combo.currentData() for k, combo in self.by.items()},
            relatives=relatives,
            no_show=absent,
            reason=self.reason.text() if absent else "",
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        messages = []
        for kind, field in self.times.items():
            message = errors.get(field_key(self.booking_id, kind.value), "")
            _mark(field, bool(message), message)
            if message:
                messages.append(f"{EVENT_LABELS[kind]}: {message}")
        for person_id, fields in self.relatives.items():
            for kind, field in fields.items():
                message = errors.get(relative_key(self.booking_id, person_id, kind), "")
                _mark(field, bool(message), message)
                if message:
                    name = self.relative_names[person_id]
                    messages.append(f"{name} {RELATIVE_WORDS[kind]}: {message}")
        for name in (EventKind.no_show.value, "reason"):
            message = errors.get(field_key(self.booking_id, name), "")
            if message:
                messages.append(message)
        self.error.setText("\n".join(messages))
        self.error.setVisible(bool(messages))
