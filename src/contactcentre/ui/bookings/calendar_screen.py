"""The session calendar: a month view of session days and the chosen session with its
bookings and handover timeline. Book, cancel, close, re-open or add sessions from here:
those buttons are built only for someone who may (a volunteer's calendar shows the days)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain import permissions
from contactcentre.domain.bookings import handovers, session_calendar
from contactcentre.domain.bookings import lines as booking_lines
from contactcentre.domain.bookings import plans as session_plans
from contactcentre.domain.bookings.lines import BookingLine
from contactcentre.domain.errors import DomainError
from contactcentre.domain.register.family_lists import family_choices
from contactcentre.domain.vocabulary import OPEN_STATUSES
from contactcentre.ui import prompts
from contactcentre.ui.bookings.dialogs import (
    CancelBookingDialog,
    ExtraSessionDialog,
    SeriesDialog,
)
from contactcentre.ui.bookings.month_view import STATUS_WORDS, MonthView, legend
from contactcentre.ui.bookings.reversals import (
    UndoableBookings,
    UndoBar,
    cancel_session_confirmed,
    reinstate,
)
from contactcentre.ui.bookings.timeline import Timeline, TimelineRow
from contactcentre.ui.context import Context, KeepsNoDraft
from contactcentre.ui.fields import ErrorLabel, FormDialog
from contactcentre.ui.tables import row_table

BOOKING_COLUMNS = [
    "Family",
    "Children",
    "Visitor\narrives",
    "Drop-off",
    "Collection",
    "Visitor\nleaves",
    "Status",
]
NO_SHOW_FLAG = "⚠ 2 no-shows in a row: place may be reallocated"
FAMILY_ROLE = Qt.ItemDataRole.UserRole


def status_text(line: BookingLine) -> str:
    words = [line.status]
    if line.override_reason:
        words.append(f"Booked before ready: {line.override_reason}")
    if line.no_show_review:
        words.append(NO_SHOW_FLAG)
    return " · ".join(words)


def button(text: str, name: str, tip: str = "") -> QPushButton:
    widget = QPushButton(text)
    widget.setObjectName(name)
    if tip:
        widget.setToolTip(tip)
    return widget


class CalendarScreen(KeepsNoDraft, QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("calendarScreen")
        self.month = MonthView()
        self.heading = QLabel()
        self.heading.setObjectName("sessionHeading")
        self.family = QComboBox()
        self.family.setObjectName("bookFamily")
        self.family.setEditable(True)
        self.family.setAccessibleName("Family to book")
        self.family.lineEdit().setPlaceholderText("Type a reference or name…")
        self.book_button = button("Book", "bookButton")
        self.series_button = button(
            "Book series…", "bookSeries", "Book every session from this day, all or none"
        )
        self.message = ErrorLabel()
        self.message.setObjectName("calendarMessage")
        self.cancel_booking_button = button("Cancel booking…", "cancelBooking")
        self.cancel_session_button = button("Cancel session…", "cancelSession")
        self.reinstate_button = button(
            "Reinstate session…", "reinstateSession", "Undo the centre's cancellation"
        )
        self.undo = UndoBar()
        self.actions = UndoableBookings(
            self, ctx, self.undo, self.message.show_error, self._after_change
        )
        self.close_day_button = button("Close this day…", "closeDay")
        self.extra_button = button(
            "Add extra session…", "addExtraSession", "A one-off session outside the pattern"
        )
        self.confirm_button = button(
            "Confirm times", "confirmTimes", "Keep these times when more families are booked"
        )
        self.table = row_table(BOOKING_COLUMNS, "sessionBookings", "Bookings for this session")
        self.timeline = Timeline()
        self.dialog: FormDialog | None = None
        with ctx.store.session() as s:  # reads no record: the role the unit of work carries
            self.books = permissions.may(s, "book")
            manages = permissions.may(s, "manage_sessions")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.month, 1)
        left_layout.addWidget(legend())
        day_actions = QHBoxLayout()
        for widget in (self.extra_button, self.close_day_button) if manages else ():
            day_actions.addWidget(widget)
        day_actions.addStretch(1)
        left_layout.addLayout(day_actions)
        book_row = QHBoxLayout()
        if self.books:
            book_row.addWidget(self.family, 1)
            book_row.addWidget(self.book_button)
            book_row.addWidget(self.series_button)
        actions = QHBoxLayout()
        for widget, allowed in (
            (self.cancel_booking_button, self.books),
            (self.confirm_button, self.books),
            (self.cancel_session_button, manages),
            (self.reinstate_button, manages),
        ):
            if allowed:
                actions.addWidget(widget)
        actions.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.heading)
        right_layout.addLayout(book_row)
        right_layout.addWidget(self.message)
        if self.books:
            right_layout.addWidget(self.undo)
        right_layout.addWidget(self.table, 1)
        key = QLabel(
            "Timeline: blue = visiting parent in the building, yellow = the child's "
            "contact, lines = handovers, red = a clash"
        )
        key.setWordWrap(True)
        right_layout.addWidget(key)
        right_layout.addWidget(self.timeline)
        right_layout.addLayout(actions)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([340, 760])
        QVBoxLayout(self).addWidget(split)

        self.month.currentPageChanged.connect(lambda *_: self._load_month())
        self.month.selectionChanged.connect(self.show_day)
        self.book_button.clicked.connect(self.book_selected)
        self.series_button.clicked.connect(self.book_series)
        self.cancel_booking_button.clicked.connect(self.cancel_selected_booking)
        self.cancel_session_button.clicked.connect(self.cancel_session)
        self.reinstate_button.clicked.connect(self.reinstate_session)
        self.close_day_button.clicked.connect(self.toggle_closure)
        self.extra_button.clicked.connect(self.add_extra_session)
        self.confirm_button.clicked.connect(self.confirm_times)

    # --- loading ------------------------------------------------------------------
    @property
    def day(self) -> date:
        return self.month.selectedDate().toPython()  # type: ignore[no-any-return]

    def refresh(self) -> None:
        with self.ctx.store.session() as s:
            choices = family_choices(s, statuses=OPEN_STATUSES) if self.books else []
        self.family.clear()
        for choice in choices:
            self.family.addItem(choice.label, choice.id)
        self.family.setCurrentIndex(-1)
        self._load_month()
        self.show_day()

    def clear(self) -> None:
        self.family.clear()
        self.table.setRowCount(0)
        self.timeline.set_plan([], [])
        self.month.sessions = {}

    def _load_month(self) -> None:
        first = date(self.month.yearShown(), self.month.monthShown(), 1) - timedelta(days=7)
        with self.ctx.store.session() as s:
            found = session_calendar.sessions_between(s, first, first + timedelta(days=50))
        self.month.sessions = {i.day: i for i in found}
        self.month.updateCells()

    def show_day(self) -> None:
        self.message.show_error("")
        self.month.updateCells()
        info = self.month.sessions.get(self.day)
        bookable = info is not None and info.status in {"open", "full"}
        for widget in (
            self.book_button,
            self.series_button,
            self.family,
            self.cancel_session_button,
            self.confirm_button,
            self.cancel_booking_button,
        ):
            widget.setEnabled(bookable)
        self.extra_button.setEnabled(info is None)
        self.reinstate_button.setEnabled(info is not None and info.status == "cancelled")
        self.close_day_button.setEnabled(info is not None and info.status != "cancelled")
        self.close_day_button.setText(
            "Re-open this day" if info and info.status == "closed" else "Close this day…"
        )
        if info is None:
            self.heading.setText(f"<b>{self.day:%a %d %b %Y}</b>: no session")
            self.table.setRowCount(0)
            self.timeline.set_plan([], [])
            return
        note = f" — {info.note}" if info.note else ""
        self.heading.setText(
            f"<b>{info.day:%a %d %b %Y}</b>  {info.start:%H:%M}–{info.end:%H:%M}  "
            f"{STATUS_WORDS[info.status]}, {info.booked} of {info.capacity} booked{note}"
        )
        with self.ctx.store.session() as s:
            lines = booking_lines.session_bookings(s, info.day)
        self._fill_table(lines)
        active = [(line, line.plan) for line in lines if line.plan is not None]
        must_not_meet = {line.family_id: line.must_not_meet for line, _ in active}
        window = handovers.SessionWindow(info.start, info.end)
        plans = [plan for _, plan in active]
        self.timeline.set_plan(
            [TimelineRow(f"{line.family_ref} {line.children}", plan) for line, plan in active],
            handovers.find_clashes(window, plans, must_not_meet),
        )

    def _fill_table(self, lines: list[BookingLine]) -> None:
        self.table.setRowCount(0)
        for line in lines:
            times = (
                ["", "", "", ""]
                if line.plan is None
                else [
                    f"{t:%H:%M}"
                    for t in (
                        line.plan.nonresident_arrive,
                        line.plan.child_dropoff,
                        line.plan.child_pickup,
                        line.plan.nonresident_leave,
                    )
                ]
            )
            r = self.table.rowCount()
            self.table.insertRow(r)
            for column, value in enumerate(
                [line.family_ref, line.children, *times, status_text(line)]
            ):
                item = QTableWidgetItem(value)
                item.setData(FAMILY_ROLE, line.family_id)
                item.setToolTip(value)
                if line.cancelled:
                    item.setForeground(QBrush(QColor("#6b7280")))
                elif line.no_show_review and column == len(BOOKING_COLUMNS) - 1:
                    item.setForeground(QBrush(QColor("#a4262c")))
                self.table.setItem(r, column, item)
        self.table.resizeRowsToContents()

    # --- actions ------------------------------------------------------------------
    def _after_change(self) -> None:
        self._load_month()
        self.show_day()

    def _open(self, dialog: FormDialog) -> FormDialog:
        self.dialog = dialog
        dialog.saved.connect(self._after_change)
        dialog.open()
        return dialog

    def _chosen_family(self) -> int | None:
        family_id: int | None = self.family.currentData()
        if family_id is None:
            self.message.show_error("Choose a family from the list first.")
        return family_id

    def book_selected(self) -> None:
        family_id = self._chosen_family()
        if family_id is not None:
            self.actions.book(family_id, self.family.currentText().split()[0], self.day)

    def book_series(self) -> None:
        family_id = self._chosen_family()
        if family_id is not None:
            self._open(SeriesDialog(self.ctx, family_id, self.day, self))

    def selected_booking(self) -> BookingLine | None:
        item = self.table.item(self.table.currentRow(), 0)
        if item is None:
            return None
        with self.ctx.store.session() as s:
            lines = booking_lines.session_bookings(s, self.day)
        return next((line for line in lines if line.family_id == item.data(FAMILY_ROLE)), None)

    def cancel_selected_booking(self) -> None:
        line = self.selected_booking()
        if line is None or line.cancelled:
            self.message.show_error("Choose the row of a booked family first.")
            return
        day, family_id, ref = self.day, line.family_id, line.family_ref
        dialog = CancelBookingDialog(self.ctx, family_id, ref, day, self)
        self._open(dialog)
        dialog.saved.connect(lambda: self.actions.cancelled(family_id, ref, day, dialog.moved))

    def add_extra_session(self) -> None:
        self._open(ExtraSessionDialog(self.ctx, self.day, self))

    def cancel_session(self) -> None:
        day = self.day
        if (reason := cancel_session_confirmed(self, self.ctx, day)) is None:
            return
        try:
            with self.ctx.store.session() as s:
                session_calendar.cancel_session(s, day, reason)
        except DomainError as error:
            self.message.show_error(str(error))
            return
        self._after_change()
        self.undo.say(
            f"The session on {day:%a %d %b %Y} is cancelled: Reinstate session… undoes it."
        )

    def reinstate_session(self) -> None:
        info = self.month.sessions.get(self.day)
        try:
            done = reinstate(self, self.ctx, self.day, info.note if info else "")
        except DomainError as error:
            self.message.show_error(str(error))
            return
        if done is not None:
            self._after_change()
            self.undo.say(done)

    def toggle_closure(self) -> None:
        info = self.month.sessions.get(self.day)
        closing = info is None or info.status != "closed"
        question = (
            "Why is the centre closed (e.g. hall booked)?"
            if closing
            else "Why is the centre open after all (optional)?"
        )
        reason = prompts.ask_text(
            self, "Close this day" if closing else "Re-open this day", question
        )
        if reason is None or (closing and not reason):
            return
        try:
            with self.ctx.store.session() as s:
                session_calendar.set_closure(s, self.day, closing, reason)
        except DomainError as error:
            self.message.show_error(str(error))
            return
        self._after_change()

    def confirm_times(self) -> None:
        with self.ctx.store.session() as s:
            session_plans.confirm_plan(s, self.day)
        self._after_change()
