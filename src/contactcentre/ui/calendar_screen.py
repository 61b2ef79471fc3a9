"""The session calendar: a month view of session days and the chosen session with its
bookings and handover timeline. Book, cancel, close or add sessions from here."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain import bookings, calendar, handovers
from contactcentre.domain.calendar import SessionInfo
from contactcentre.domain.errors import DomainError
from contactcentre.domain.register import register_rows
from contactcentre.domain.session_day import board_rows
from contactcentre.store.models import CancelledBy, FamilyStatus
from contactcentre.ui import prompts
from contactcentre.ui.context import Context
from contactcentre.ui.timeline import Timeline, TimelineRow

DAY_COLOURS = {"open": "#c8e6c9", "full": "#ffe0b2", "closed": "#e0e0e0", "cancelled": "#ffcdd2"}
STATUS_WORDS = {"open": "Open", "full": "Full", "closed": "Closed", "cancelled": "Cancelled"}
BOOKING_COLUMNS = [
    "Family",
    "Children",
    "Visitor arrives",
    "Drop-off",
    "Collection",
    "Visitor leaves",
]


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class CalendarScreen(QWidget):
    title = "Calendar"

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("calendarScreen")
        self.month = QCalendarWidget()
        self.month.setObjectName("monthCalendar")
        self.month.setGridVisible(True)
        self.month.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.heading = QLabel()
        self.heading.setObjectName("sessionHeading")
        self.family = QComboBox()
        self.family.setObjectName("bookFamily")
        self.family.setEditable(True)
        self.family.setAccessibleName("Family to book")
        self.family.lineEdit().setPlaceholderText("Type a reference or name…")
        self.book_button = QPushButton("Book")
        self.book_button.setObjectName("bookButton")
        self.cancel_booking_button = QPushButton("Cancel booking…")
        self.cancel_booking_button.setObjectName("cancelBooking")
        self.cancel_session_button = QPushButton("Cancel session…")
        self.cancel_session_button.setObjectName("cancelSession")
        self.close_day_button = QPushButton()
        self.close_day_button.setObjectName("closeDay")
        self.confirm_button = QPushButton("Confirm times")
        self.confirm_button.setObjectName("confirmTimes")
        self.confirm_button.setToolTip("Keep these times when more families are booked")
        self.table = QTableWidget(0, len(BOOKING_COLUMNS))
        self.table.setObjectName("sessionBookings")
        self.table.setHorizontalHeaderLabels(BOOKING_COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.timeline = Timeline()

        book_row = QHBoxLayout()
        book_row.addWidget(self.family, 1)
        book_row.addWidget(self.book_button)
        actions = QHBoxLayout()
        for button in (
            self.cancel_booking_button,
            self.confirm_button,
            self.cancel_session_button,
            self.close_day_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.heading)
        right_layout.addLayout(book_row)
        right_layout.addWidget(self.table, 1)
        right_layout.addWidget(
            QLabel(
                "Timeline: blue = visiting parent in the building, yellow = the child's "
                "contact, lines = handovers"
            )
        )
        right_layout.addWidget(self.timeline)
        right_layout.addLayout(actions)
        split = QSplitter()
        split.addWidget(self.month)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        QVBoxLayout(self).addWidget(split)

        self.sessions: dict[date, SessionInfo] = {}
        self.month.currentPageChanged.connect(lambda *_: self._load_month())
        self.month.selectionChanged.connect(self.show_day)
        self.book_button.clicked.connect(self.book_selected)
        self.cancel_booking_button.clicked.connect(self.cancel_selected_booking)
        self.cancel_session_button.clicked.connect(self.cancel_session)
        self.close_day_button.clicked.connect(self.toggle_closure)
        self.confirm_button.clicked.connect(self.confirm_times)

    # --- loading ------------------------------------------------------------------
    @property
    def day(self) -> date:
        return self.month.selectedDate().toPython()  # type: ignore[no-any-return]

    def refresh(self) -> None:
        with self.ctx.store.session() as s:
            rows = [
                r
                for r in register_rows(s)
                if r.status in {FamilyStatus.referred, FamilyStatus.active}
            ]
        self.family.clear()
        for row in rows:
            self.family.addItem(f"{row.ref} — {row.children or 'no children named'}", row.id)
        self.family.setCurrentIndex(-1)
        self._load_month()
        self.show_day()

    def clear(self) -> None:
        self.family.clear()
        self.table.setRowCount(0)
        self.timeline.set_plan([], [])
        self.sessions = {}

    def _load_month(self) -> None:
        first = date(self.month.yearShown(), self.month.monthShown(), 1) - timedelta(days=7)
        last = first + timedelta(days=50)
        with self.ctx.store.session() as s:
            found = calendar.sessions_between(s, first, last)
        self.month.setDateTextFormat(QDate(), QTextCharFormat())
        self.sessions = {i.day: i for i in found}
        for info in found:
            fmt = QTextCharFormat()
            fmt.setBackground(QBrush(QColor(DAY_COLOURS[info.status])))
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setFontStrikeOut(info.status in {"closed", "cancelled"})
            fmt.setToolTip(
                f"{STATUS_WORDS[info.status]} {info.booked}/{info.capacity} {info.note}".strip()
            )
            self.month.setDateTextFormat(qdate(info.day), fmt)

    def show_day(self) -> None:
        info = self.sessions.get(self.day)
        self.table.setRowCount(0)
        has_session = info is not None and info.status != "closed"
        for widget in (
            self.book_button,
            self.family,
            self.cancel_session_button,
            self.confirm_button,
            self.cancel_booking_button,
        ):
            widget.setEnabled(has_session and info is not None and info.status != "cancelled")
        if info is None:
            self.heading.setText(f"{self.day:%a %d %b %Y}: no session")
            self.close_day_button.setText("Close this day…")
            self.close_day_button.setEnabled(False)
            self.timeline.set_plan([], [])
            return
        note = f" — {info.note}" if info.note else ""
        self.heading.setText(
            f"<b>{info.day:%a %d %b %Y}</b>  {info.start:%H:%M}–{info.end:%H:%M}  "
            f"{STATUS_WORDS[info.status]}, {info.booked} of {info.capacity} booked{note}"
        )
        self.close_day_button.setEnabled(True)
        self.close_day_button.setText(
            "Re-open this day" if info.status == "closed" else "Close this day…"
        )
        with self.ctx.store.session() as s:
            rows = board_rows(s, info.day, self.ctx.clock.now())
        plans, must_not_meet, lines = [], {}, []
        for row in rows:
            p = row.plan
            plan = handovers.HandoverPlan(
                row.family_id,
                p.nonresident_arrive,
                p.child_dropoff,
                p.child_pickup,
                p.nonresident_leave,
            )
            plans.append(plan)
            must_not_meet[row.family_id] = p.must_not_meet
            lines.append(TimelineRow(f"{row.family_ref} {row.children}", plan))
            r = self.table.rowCount()
            self.table.insertRow(r)
            cells = [
                row.family_ref,
                row.children,
                *(
                    f"{t:%H:%M}"
                    for t in (
                        p.nonresident_arrive,
                        p.child_dropoff,
                        p.child_pickup,
                        p.nonresident_leave,
                    )
                ),
            ]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(256, row.family_id)
                self.table.setItem(r, column, item)
        window = handovers.SessionWindow(info.start, info.end)
        self.timeline.set_plan(lines, handovers.find_clashes(window, plans, must_not_meet))

    # --- actions ------------------------------------------------------------------
    def _after_change(self) -> None:
        self._load_month()
        self.show_day()

    def book_selected(self) -> None:
        family_id = self.family.currentData()
        if family_id is None:
            prompts.error(self, "Book a family", "Choose a family from the list first.")
            return
        today = self.ctx.clock.today()
        try:
            with self.ctx.store.session() as s:
                bookings.book(s, family_id, self.day, today=today)
        except bookings.BookingRefused as error:
            if "not ready for contact" not in str(error):
                prompts.error(self, "Not booked", str(error))
                return
            reason = prompts.ask_text(
                self, "Book anyway?", f"{error}\n\nTo book anyway, say why (this is recorded):"
            )
            if not reason:
                return
            try:
                with self.ctx.store.session() as s:
                    bookings.book(s, family_id, self.day, today=today, override_reason=reason)
            except DomainError as again:
                prompts.error(self, "Not booked", str(again))
                return
        self._after_change()

    def selected_family(self) -> int | None:
        item = self.table.item(self.table.currentRow(), 0)
        return item.data(256) if item else None

    def cancel_selected_booking(self) -> None:
        family_id = self.selected_family()
        if family_id is None:
            prompts.error(self, "Cancel a booking", "Choose the family's row first.")
            return
        who = prompts.choose(
            self,
            "Who cancelled?",
            "Who cancelled this booking?",
            {
                "Resident parent": CancelledBy.resident,
                "Visiting (non-resident) parent": CancelledBy.non_resident,
                "The centre": CancelledBy.centre,
            },
        )
        if who is None:
            return
        reason = prompts.ask_text(self, "Reason", "Reason given (optional):") or ""
        try:
            with self.ctx.store.session() as s:
                bookings.cancel_booking(
                    s, family_id, self.day, by=who, reason=reason, told_at=self.ctx.clock.now()
                )
        except DomainError as error:
            prompts.error(self, "Not cancelled", str(error))
        self._after_change()

    def cancel_session(self) -> None:
        reason = prompts.ask_text(
            self,
            "Cancel session",
            "Why is the session cancelled? Booked families will need re-booking.",
        )
        if not reason:
            return
        with self.ctx.store.session() as s:
            calendar.cancel_session(s, self.day, reason)
        self._after_change()

    def toggle_closure(self) -> None:
        info = self.sessions.get(self.day)
        closing = info is None or info.status != "closed"
        reason = ""
        if closing:
            reason = (
                prompts.ask_text(
                    self, "Close this day", "Why is the centre closed (e.g. hall booked)?"
                )
                or ""
            )
            if not reason:
                return
        try:
            with self.ctx.store.session() as s:
                calendar.set_closure(s, self.day, closing, reason)
        except DomainError as error:
            prompts.error(self, "Not changed", str(error))
        self._after_change()

    def confirm_times(self) -> None:
        with self.ctx.store.session() as s:
            bookings.confirm_plan(s, self.day)
        self._after_change()
