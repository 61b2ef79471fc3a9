"""Paper entry: after a session, type what the sign-in sheet says.

One line per booked family, in the order of the day (arrived, dropped off, collected,
left), with quick time fields: `1012` becomes 10:12 as you leave the field. Each named
relative who comes to contact gets a line of their own under the family (arrived, left).
Times already recorded on the board are shown and locked (each family's band of the grid
is a `paper_row.PaperRow`). Saving checks every line first and writes all of them at once,
with source `paper`.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain import acting
from contactcentre.domain.bookings.session_calendar import sessions_between
from contactcentre.domain.errors import DomainError, ValidationError
from contactcentre.domain.session_day import welcome_desk
from contactcentre.domain.session_day.paper_entry import record_paper
from contactcentre.domain.vocabulary import counted
from contactcentre.ui import prompts
from contactcentre.ui.context import Context, KeepsNoDraft
from contactcentre.ui.session_day.paper_row import PaperRow

HEADINGS = [
    "Family",
    "Visiting parent\narrived",
    "Child\ndropped off",
    "Child\ncollected",
    "Visiting parent\nleft",
    "If absent",
]


class PaperEntryScreen(KeepsNoDraft, QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("paperEntryScreen")
        heading = QLabel("Type in a sign-in sheet")
        heading.setObjectName("screenTitle")
        self.session_box = QComboBox()
        self.session_box.setObjectName("paperSession")
        self.session_box.setAccessibleName("Session")
        self.session_box.setMinimumWidth(260)
        self.volunteer = QLineEdit()
        self.volunteer.setObjectName("paperRecordedBy")
        self.volunteer.setAccessibleName("Typed in by")
        self.volunteer.setReadOnly(True)  # whoever unlocked types the sheet in
        help_text = QLabel(
            "Type each time as it is on the sheet: 1012, 10:12 or 10.12. Leave a box empty "
            "if nothing was written. Times already recorded on the board are locked."
        )
        help_text.setWordWrap(True)
        self.save_button = QPushButton("Save the sheet")
        self.save_button.setObjectName("savePaper")
        self.save_button.setToolTip("Save every time typed (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self.status = QLabel()
        self.status.setObjectName("paperStatus")

        top = QHBoxLayout()
        top.addWidget(QLabel("Session"))
        top.addWidget(self.session_box)
        top.addSpacing(24)
        top.addWidget(QLabel("Typed in by"))
        top.addWidget(self.volunteer)
        top.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(help_text)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(bottom)

        self.rows: dict[str, PaperRow] = {}
        self.session_box.currentIndexChanged.connect(lambda _i: self.load_rows())

    def refresh(self) -> None:
        """List the sessions with bookings up to today, the latest first."""
        today = self.ctx.clock.today()
        with self.ctx.store.session() as s:
            sessions = [
                i
                for i in sessions_between(s, today - timedelta(days=366), today)
                if i.booked and i.status != "cancelled"
            ]
            self.volunteer.setText(acting.actor(s))
        chosen = self.session_box.currentData()
        self.session_box.blockSignals(True)
        self.session_box.clear()
        for info in reversed(sessions):
            families = counted(info.booked, "family", "families")
            self.session_box.addItem(f"{info.day:%a %d %b %Y}  ({families})", info.day)
        index = self.session_box.findData(chosen)
        self.session_box.setCurrentIndex(max(index, 0))
        self.session_box.blockSignals(False)
        self.load_rows()

    def load_rows(self) -> None:
        """A fresh grid of fields for the chosen session (the old one is dropped)."""
        holder = QWidget()
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(6)
        box = QVBoxLayout(holder)
        box.addLayout(grid)
        box.addStretch(1)
        self.scroll.setWidget(holder)
        self.rows = {}
        day = self.session_box.currentData()
        rows = []
        if day is not None:
            with self.ctx.store.session() as s:
                rows = welcome_desk.board_rows(s, day, self.ctx.clock.now())
        self.save_button.setEnabled(bool(rows))
        if not rows:
            self.status.setText(
                "No past sessions have bookings yet."
                if day is None
                else "No families are booked for this session."
            )
            return
        for column, text in enumerate(HEADINGS):
            head = QLabel(text)
            head.setObjectName("paperHead")
            grid.addWidget(head, 0, column)
        at = 1
        for index, row in enumerate(rows):
            if index:  # a rule between families, so a relative's line reads as theirs
                rule = QFrame()
                rule.setFrameShape(QFrame.Shape.HLine)
                rule.setFrameShadow(QFrame.Shadow.Sunken)
                rule.setObjectName("paperRule")
                grid.addWidget(rule, at, 0, 1, len(HEADINGS))
                at += 1
            paper_row = PaperRow(row, grid, at)
            self.rows[row.family_ref] = paper_row
            at += paper_row.rows_used
        self.status.clear()

    def save(self) -> None:
        for row in self.rows.values():
            for field in row.all_fields():
                field.tidy()
        lines = [line for row in self.rows.values() if (line := row.line()) is not None]
        if not lines:
            self.status.setText("Nothing typed yet.")
            return
        try:
            with self.ctx.store.session() as s:
                count = record_paper(s, lines, recorded_by=self.volunteer.text())
        except ValidationError as error:
            for row in self.rows.values():
                row.show_errors(error.errors)
            self.status.setText("Nothing was saved: fix the boxes marked in red.")
            return
        except DomainError as error:
            prompts.error(self, "Not saved", str(error))
            return
        day = self.session_box.currentData()
        self.load_rows()
        self.status.setText(
            f"Saved {counted(count, 'entry', 'entries')} from the {day:%d/%m/%Y} sheet."
        )

    def has_unsaved_edits(self) -> bool:
        """Times or absences typed but not saved (a refresh would drop the grid)."""
        return any(row.line() is not None for row in self.rows.values())

    def clear(self) -> None:
        self.scroll.setWidget(QWidget())
        self.rows = {}
        self.session_box.clear()
        self.volunteer.clear()
        self.status.clear()
