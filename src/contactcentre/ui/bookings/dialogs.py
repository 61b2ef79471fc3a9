"""Booking questions shared by the calendar and the family screen: booking with the
coordinator's override, cancelling a booking, booking a series and adding an extra session.

The dialogs open with `open()` (window-modal, never a blocking `exec()`), so a test fills
them in and clicks OK like a person would.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.bookings import cancelling, session_calendar
from contactcentre.domain.bookings.moves import MovedTime, moves_in_words, moves_sentence
from contactcentre.domain.centre import get_centre
from contactcentre.domain.errors import DomainError
from contactcentre.domain.vocabulary import counted
from contactcentre.store.models.enums import CancelledBy
from contactcentre.ui import prompts
from contactcentre.ui.context import Context
from contactcentre.ui.fields import DateField, FormDialog


@dataclass(frozen=True)
class BookingTerms:
    """What the coordinator has agreed to so far while booking (see `book_with_override`)."""

    override_reason: str = ""
    agreed_moves: tuple[MovedTime, ...] = ()
    move_confirmed: bool = False


def moves_question(error: bookings.TimesWouldMove | bookings.ConfirmedTimesInTheWay) -> str:
    """The moves one line a family, and what the coordinator is asked to agree to."""
    lines = "\n".join(f"• {line}" for line in moves_in_words(error.moves, error.names))
    if isinstance(error, bookings.ConfirmedTimesInTheWay):
        return (
            f"{error}\n\n{lines}\n\nThose families were told their times: moving them means "
            "telling them again (they will no longer show as confirmed)."
        )
    heading = str(error).partition(": ")[0]
    return f"{heading}:\n{lines}\n\nBook and move these times? (Cancel books nothing.)"


def book_with_override(
    parent: QWidget, attempt: Callable[[BookingTerms], object], refused: Callable[[str], None]
) -> bool:
    """Run a booking (`attempt(terms)`). A family not ready for contact may be booked
    anyway once the coordinator says why; times other families were given move only once
    the coordinator has seen the moves and agreed (confirmed times only when told they
    were confirmed); any other refusal goes to `refused`. Cancel at any question books
    nothing."""
    terms = BookingTerms()
    while True:
        try:
            attempt(terms)
            return True
        except bookings.NotReady as error:
            if terms.override_reason:
                refused(str(error))
                return False
            reason = prompts.ask_text(
                parent,
                "Book anyway?",
                f"{one_per_line(str(error))}\n\nTo book anyway, say why (this is recorded):",
            )
            if not reason:
                return False
            terms = replace(terms, override_reason=reason)
        except bookings.ConfirmedTimesInTheWay as error:
            question = moves_question(error)
            if not prompts.confirm(
                parent, "Move confirmed times?", question, yes="Move confirmed times"
            ):
                return False
            terms = replace(terms, agreed_moves=tuple(error.moves), move_confirmed=True)
        except bookings.TimesWouldMove as error:
            question = moves_question(error)
            if not prompts.confirm(parent, "Other families' times move", question, yes="Book"):
                return False
            terms = replace(terms, agreed_moves=tuple(error.moves))
        except DomainError as error:
            refused(str(error))
            return False


def booking_of(ctx: Context, family_id: int, day: date) -> Callable[[BookingTerms], None]:
    """The attempt `book_with_override` makes to book one family on one day."""

    def attempt(terms: BookingTerms) -> None:
        with ctx.store.session() as s:
            bookings.book(
                s,
                family_id,
                day,
                today=ctx.clock.today(),
                override_reason=terms.override_reason,
                agreed_moves=terms.agreed_moves,
                move_confirmed=terms.move_confirmed,
            )

    return attempt


def one_per_line(refusal: str) -> str:
    """ "F-0001 is not ready for contact: a; b" as a heading and one reason a line."""
    heading, colon, reasons = refusal.partition(": ")
    if not colon:
        return refusal
    return heading + ":\n" + "\n".join(f"• {reason}" for reason in reasons.split("; "))


def session_label(info: session_calendar.SessionInfo) -> str:
    return (
        f"{info.day:%a %d %b %Y}  {info.start:%H:%M}–{info.end:%H:%M}  "
        f"({info.booked} of {info.capacity} booked)"
    )


class CancelBookingDialog(FormDialog):
    """Who cancelled, when the centre was told, and why; says when that is short notice."""

    WHO = {
        "Resident parent": CancelledBy.resident,
        "Visiting (non-resident) parent": CancelledBy.non_resident,
        "The centre": CancelledBy.centre,
    }

    def __init__(
        self, ctx: Context, family_id: int, family_ref: str, day: date, parent: QWidget
    ) -> None:
        super().__init__(f"Cancel {family_ref} on {day:%a %d %b %Y}", "cancelBookingDialog", parent)
        self.ctx, self.family_id, self.day = ctx, family_id, day
        self.moved = ""  # once cancelled: the other families' times that moved, in words
        with ctx.store.session() as s:
            self.rule = cancelling.notice_rule(s, day)
        self.who = QComboBox()
        for label, who in self.WHO.items():
            self.who.addItem(label, who)
        now = ctx.clock.local_now()
        self.told_day = DateField(today=now.date())
        self.told_day.set_value(now.date())
        self.told_time = QTimeEdit(QTime(now.hour, now.minute))
        self.told_time.setDisplayFormat("HH:mm")
        self.told_time.setObjectName("centreToldTime")
        self.told_time.setAccessibleName("Centre told at (time)")
        told = QWidget()
        told_row = QHBoxLayout(told)
        told_row.setContentsMargins(0, 0, 0, 0)
        told_row.addWidget(self.told_day, 1)
        told_row.addWidget(self.told_time)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("e.g. child unwell")
        self.notice = QLabel()
        self.notice.setObjectName("shortNotice")
        self.add("Who cancelled", self.who, "cancelledBy")
        self.add("Centre told on", self.told_day, "centreToldAt")
        self.form.addRow("at", told)
        self.add("Reason given", self.reason, "cancelReason")
        self.form.addRow(self.notice)
        self.finish_layout()
        self.ok.setText("Cancel the booking")  # what OK does, beside "Keep the booking"
        keep = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        keep.setText("Keep the booking")
        self.told_day.dateChanged.connect(self._show_notice)
        self.told_time.timeChanged.connect(self._show_notice)
        self._show_notice()

    def told_at(self, *, checked: bool = False) -> datetime:
        day = self.told_day.checked_value() if checked else self.told_day.value()
        at: time = self.told_time.time().toPython()
        return datetime.combine(day or self.ctx.clock.today(), at, tzinfo=self.ctx.clock.tz)

    def _show_notice(self) -> None:
        hours = self.rule.hours
        if self.rule.short(self.told_at()):
            self.notice.setText(
                f"⚠ Short notice: under {counted(hours, 'hour')} before the session."
            )
        else:
            self.notice.setText(
                f"Enough notice ({counted(hours, 'hour')} or more before the session)."
            )

    def submit(self) -> bool:
        with self.ctx.store.session() as s:
            _, moved = bookings.times_moved_by(
                s,
                self.day,
                lambda: cancelling.cancel_booking(
                    s,
                    self.family_id,
                    self.day,
                    by=CancelledBy(self.who.currentData()),
                    reason=self.reason.text(),
                    told_at=self.told_at(checked=True),
                ),
            )
            self.moved = moves_sentence(s, moved)  # told on the status line after
        return True


class SeriesDialog(FormDialog):
    """Book a family into every session from a date, for a number of sessions."""

    def __init__(self, ctx: Context, family_id: int, first: date, parent: QWidget) -> None:
        super().__init__("Book a series", "seriesDialog", parent)
        self.ctx, self.family_id = ctx, family_id
        self.first = DateField(today=ctx.clock.today())
        self.first.set_value(first)
        self.count = QSpinBox()
        self.count.setRange(1, 26)
        self.count.setValue(6)
        self.count.setSuffix(" sessions")
        self.add("From", self.first, "seriesFirst")
        self.add("How many", self.count, "seriesCount")
        self.form.addRow(QLabel("Every session is booked, or none is."))
        self.finish_layout()

    def submit(self) -> bool:
        first = self.first.checked_value()
        if first is None:
            raise DomainError("Say from which date to book.")
        today = self.ctx.clock.today()

        def attempt(terms: BookingTerms) -> None:
            with self.ctx.store.session() as s:
                bookings.book_series(
                    s,
                    self.family_id,
                    first,
                    self.count.value(),
                    today=today,
                    override_reason=terms.override_reason,
                    agreed_moves=terms.agreed_moves,
                    move_confirmed=terms.move_confirmed,
                )

        return book_with_override(self, attempt, self.show_message)


class ExtraSessionDialog(FormDialog):
    """A one-off session on a day the pattern does not give."""

    def __init__(self, ctx: Context, day: date, parent: QWidget) -> None:
        super().__init__("Add an extra session", "extraSessionDialog", parent)
        self.ctx = ctx
        with ctx.store.session() as s:
            centre = get_centre(s)
            start, end, capacity = centre.opening_start, centre.opening_end, centre.capacity
        self.day = DateField(today=ctx.clock.today())
        self.day.set_value(day)
        self.start = QTimeEdit(QTime(start.hour, start.minute))
        self.end = QTimeEdit(QTime(end.hour, end.minute))
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        self.capacity = QSpinBox()
        self.capacity.setRange(1, 20)
        self.capacity.setValue(capacity)
        self.capacity.setSuffix(" families")
        self.add("Date", self.day, "extraDay")
        self.add("Starts", self.start, "extraStart")
        self.add("Ends", self.end, "extraEnd")
        self.add("Room for", self.capacity, "extraCapacity")
        self.finish_layout()

    def chosen_day(self) -> date:
        day = self.day.checked_value()
        if day is None:
            raise DomainError("Say on which date the session is.")
        return day

    def submit(self) -> bool:
        start: time = self.start.time().toPython()
        end: time = self.end.time().toPython()
        with self.ctx.store.session() as s:
            session_calendar.add_extra_session(
                s, self.chosen_day(), start, end, self.capacity.value()
            )
        return True
