"""A booking's attendance history, with corrections (never edits)."""

from __future__ import annotations

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain.bookings import attendance
from contactcentre.domain.errors import DomainError, ValidationError
from contactcentre.domain.session_day import live_entry
from contactcentre.store.models.enums import EventKind
from contactcentre.ui import prompts
from contactcentre.ui.context import Context
from contactcentre.ui.fields import ErrorLabel

COLUMNS = ["Time", "Event", "Source", "Recorded by", "Status", "Why"]


class EventHistoryDialog(QDialog):
    changed = Signal()

    def __init__(
        self, ctx: Context, booking_id: int, volunteer: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.booking_id, self.volunteer = ctx, booking_id, volunteer
        self.setObjectName("eventHistory")
        self.setWindowTitle("Attendance history")
        self.resize(760, 380)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("historyTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.new_time = QTimeEdit()
        self.new_time.setObjectName("correctedTime")
        self.new_time.setDisplayFormat("HH:mm")
        self.why = QLineEdit()
        self.why.setObjectName("correctionReason")
        self.why.setPlaceholderText("Why is this being corrected?")
        change = QPushButton("Change time")
        change.setObjectName("changeTime")
        withdraw = QPushButton("Withdraw")
        withdraw.setObjectName("withdrawEvent")
        self.error = ErrorLabel()
        row = QHBoxLayout()
        for widget in (self.new_time, self.why, change, withdraw):
            row.addWidget(widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        change.clicked.connect(lambda: self.correct(EventKind.voided, change_time=True))
        withdraw.clicked.connect(lambda: self.correct(EventKind.voided, change_time=False))
        self.table.currentCellChanged.connect(self._selected)
        self.load()

    def load(self) -> None:
        with self.ctx.store.session() as s:
            self.events = attendance.history(s, self.booking_id)
            names = attendance.names_of(s, self.events)
        standing = {e.id for e in attendance.current(self.events)}
        self.table.setRowCount(len(self.events))
        tz = self.ctx.clock.tz
        for row, e in enumerate(self.events):
            status = (
                "current"
                if e.id in standing
                else ("withdrawn" if e.kind == EventKind.voided else "superseded")
            )
            cells = [
                f"{e.occurred_at.astimezone(tz):%H:%M}",
                " · ".join(
                    filter(None, [attendance.EVENT_LABELS[e.kind], names.get(e.person_id or 0)])
                ),
                e.source.value,
                e.recorded_by,
                status,
                e.reason,
            ]
            for column, value in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(value))

    def _selected(self, row: int, *_: int) -> None:
        if 0 <= row < len(self.events):
            local = self.events[row].occurred_at.astimezone(self.ctx.clock.tz)
            self.new_time.setTime(QTime(local.hour, local.minute))

    def _withdrawing_confirmed(self, row: int) -> bool:
        what = " at ".join(self.table.item(row, c).text() for c in (1, 0))
        question = (
            f"Withdraw “{what}”? It stays in the history as withdrawn, with your reason, "
            "and no longer counts as attendance."
        )
        return prompts.confirm(self, "Withdraw", question, yes="Withdraw")

    def correct(self, _kind: EventKind, *, change_time: bool) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.events):
            self.error.show_error("Choose the line to correct first.")
            return
        event = self.events[row]
        assert event.id is not None
        if not change_time and not self._withdrawing_confirmed(row):
            return
        local = event.occurred_at.astimezone(self.ctx.clock.tz)
        new_at = local.replace(
            hour=self.new_time.time().hour(), minute=self.new_time.time().minute()
        )
        try:
            with self.ctx.store.session() as s:
                live_entry.correct_live(
                    s,
                    event.id,
                    now=self.ctx.clock.now(),
                    why=self.why.text(),
                    recorded_by=self.volunteer,
                    occurred_at=new_at if change_time else None,
                    kind=None if change_time else EventKind.voided,
                )
        except DomainError as error:
            self.error.show_error(coordinator_line(error))
            return
        self.error.show_error("")
        self.why.clear()
        self.load()
        self.changed.emit()


def coordinator_line(error: DomainError) -> str:
    """The line a coordinator reads (a field error without its field key)."""
    if isinstance(error, ValidationError):
        return " ".join(error.errors.values())
    return str(error)
