"""The family editor's Bookings tab: the family's sessions, booked and cancelled, with
"Book a session…" (any upcoming session with room) and "Cancel booking…".

Like the Agreement tab, each action is saved at once in its own transaction; the editor's
Save button does not touch bookings.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain.bookings import lines as booking_lines
from contactcentre.domain.bookings import session_calendar
from contactcentre.domain.bookings.lines import BookingLine
from contactcentre.domain.register.family_lists import family_heading
from contactcentre.ui import prompts
from contactcentre.ui.bookings.dialogs import (
    CancelBookingDialog,
    session_label,
)
from contactcentre.ui.bookings.reversals import UndoableBookings, UndoBar
from contactcentre.ui.context import Context
from contactcentre.ui.fields import ErrorLabel
from contactcentre.ui.tables import row_table

COLUMNS = ["Date", "Visitor arrives", "Drop-off", "Collection", "Visitor leaves", "Status"]
LOOK_AHEAD = timedelta(days=120)


class BookingsTab(QWidget):
    def __init__(self, ctx: Context, family_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.family_id = ctx, family_id
        self.setObjectName("bookingsTab")
        self.review = QLabel()
        self.review.setObjectName("noShowReview")
        self.review.setStyleSheet("color: #a4262c; font-weight: bold;")
        self.book_button = QPushButton("Book a session…")
        self.book_button.setObjectName("bookSession")
        self.cancel_button = QPushButton("Cancel booking…")
        self.cancel_button.setObjectName("familyCancelBooking")
        self.message = ErrorLabel()
        self.undo = UndoBar()
        self.actions = UndoableBookings(self, ctx, self.undo, self.message.show_error, self.refresh)
        self.table = row_table(COLUMNS, "familyBookings", "This family's bookings")
        self.table.setWordWrap(False)  # the whole status is in each cell's tooltip
        self.dialog: CancelBookingDialog | None = None
        buttons = QHBoxLayout()
        buttons.addWidget(self.book_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.review)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.undo)
        layout.addWidget(self.table, 1)
        self.book_button.clicked.connect(self.book_session)
        self.cancel_button.clicked.connect(self.cancel_booking)
        self.lines: list[BookingLine] = []
        self.refresh()

    @property
    def ref(self) -> str:
        with self.ctx.store.session() as s:
            heading = family_heading(s, self.family_id)
        return heading.ref if heading else ""

    def refresh(self) -> None:
        with self.ctx.store.session() as s:
            self.lines = booking_lines.family_bookings(s, self.family_id)
        flagged = any(line.no_show_review for line in self.lines)
        self.review.setText(
            "⚠ Two no-shows in a row: review this family; its place may be reallocated."
            if flagged
            else ""
        )
        self.review.setVisible(flagged)
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            plan = line.plan
            times = (
                [""] * 4
                if plan is None
                else [
                    f"{t:%H:%M}"
                    for t in (
                        plan.nonresident_arrive,
                        plan.child_dropoff,
                        plan.child_pickup,
                        plan.nonresident_leave,
                    )
                ]
            )
            for column, value in enumerate([f"{line.day:%a %d %b %Y}", *times, line.status]):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, column, item)

    def book_session(self) -> None:
        """Offer the upcoming sessions with room, and book the one chosen."""
        today = self.ctx.clock.today()
        with self.ctx.store.session() as s:
            booked_days = {line.day for line in self.lines if not line.cancelled}
            options = {
                session_label(info): info.day
                for info in session_calendar.sessions_between(s, today, today + LOOK_AHEAD)
                if info.bookable and info.day not in booked_days
            }
        if not options:
            self.message.show_error("No upcoming session has room in the next four months.")
            return
        day = prompts.choose(self, "Book a session", "Upcoming sessions with room:", options)
        if day is None:
            return

        self.message.show_error("")
        self.actions.book(self.family_id, self.ref, day)

    def cancel_booking(self) -> None:
        row = self.table.currentRow()
        line = self.lines[row] if 0 <= row < len(self.lines) else None
        if line is None or line.cancelled or line.day < self.ctx.clock.today():
            self.message.show_error("Choose an upcoming booked session first.")
            return
        day, ref = line.day, line.family_ref
        self.dialog = dialog = CancelBookingDialog(self.ctx, self.family_id, ref, day, self)
        dialog.saved.connect(self.refresh)
        dialog.saved.connect(lambda: self.actions.cancelled(self.family_id, ref, day, dialog.moved))
        dialog.open()
