"""Taking a booking action back: the status line that offers "Undo" right after booking
or cancelling, and reinstating a session the centre cancelled (offering to rebook the
families cancelled with it). Every question goes through ui/prompts.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.bookings import cancelling, session_calendar
from contactcentre.domain.bookings.moves import family_names, moves_sentence
from contactcentre.domain.errors import DomainError
from contactcentre.ui import prompts
from contactcentre.ui.bookings.dialogs import book_with_override, booking_of
from contactcentre.ui.context import Context


class UndoBar(QWidget):
    """ "Booked F-0003 on Sat 27 Mar 2027.  [Undo]": what was just done, and its reversal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.text = QLabel()
        self.text.setObjectName("undoText")
        self.text.setWordWrap(True)
        self.button = QPushButton("Undo")
        self.button.setObjectName("undoButton")
        self.button.setAccessibleName("Undo")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self._undo: Callable[[], None] | None = None
        self.button.clicked.connect(self._run)
        self.say("")

    def offer(self, text: str, undo: Callable[[], None]) -> None:
        self.say(text)
        self._undo = undo
        self.button.setAccessibleDescription(text)  # what a screen reader says it undoes
        self.button.setVisible(True)

    def say(self, text: str) -> None:
        """Tell what happened, with nothing to undo."""
        self.text.setText(text)
        self._undo = None
        self.button.setVisible(False)
        self.setVisible(bool(text))

    def _run(self) -> None:
        undo, self._undo = self._undo, None
        if undo is not None:
            undo()


class UndoableBookings:
    """Booking and cancelling with the reversal offered on `bar` straight after: Undo
    takes a booking back (`cancelling.undo_booking`), or books a cancelled one again with
    its old times when nothing else moved. `after` shows the change; `refused` a refusal."""

    def __init__(
        self,
        parent: QWidget,
        ctx: Context,
        bar: UndoBar,
        refused: Callable[[str], None],
        after: Callable[[], None],
    ) -> None:
        self.parent, self.ctx, self.bar, self.refused, self.after = parent, ctx, bar, refused, after

    def book(self, family_id: int, ref: str, day: date) -> bool:
        """Book (asking as `book_with_override` does); the bar then offers Undo."""
        self.bar.say("")
        if not book_with_override(self.parent, booking_of(self.ctx, family_id, day), self.refused):
            return False
        self.after()
        self.bar.offer(
            f"Booked {ref} on {day:%a %d %b %Y}.", lambda: self.undo(family_id, ref, day)
        )
        return True

    def undo(self, family_id: int, ref: str, day: date) -> None:
        now = self.ctx.clock.now()
        try:
            with self.ctx.store.session() as s:
                _, moved = bookings.times_moved_by(
                    s, day, lambda: cancelling.undo_booking(s, family_id, day, told_at=now)
                )
                words = moves_sentence(s, moved)
        except DomainError as error:
            self.refused(str(error))
            return
        self.after()
        self.bar.say(f"Booking of {ref} on {day:%a %d %b %Y} undone.{words}")

    def cancelled(self, family_id: int, ref: str, day: date, words: str = "") -> None:
        """After a cancellation (`words`: the times it moved): the bar offers to book again."""
        self.bar.offer(
            f"Cancelled {ref} on {day:%a %d %b %Y}.{words}",
            lambda: self._rebook(family_id, ref, day),
        )

    def _rebook(self, family_id: int, ref: str, day: date) -> None:
        if self.book(family_id, ref, day):
            self.bar.say(f"{ref} is booked again on {day:%a %d %b %Y}.")


def cancel_session_confirmed(parent: QWidget, ctx: Context, day: date) -> str | None:
    """Ask why, then whether to go ahead, naming the families who lose their booking;
    the reason, or None if the coordinator thought better of it."""
    reason = prompts.ask_text(
        parent,
        "Cancel session",
        "Why is the session cancelled? Booked families will need re-booking.",
    )
    if not reason:
        return None
    with ctx.store.session() as s:
        booked = [ref for _, ref in bookings.booked_on(s, day)]
        names = family_names(s, booked)
    who = (
        "Nobody is booked."
        if not booked
        else "These bookings become cancelled by the centre (tell the families):\n"
        + "\n".join(f"• {names[ref]}" for ref in booked)
    )
    question = f"Cancel the session on {day:%a %d %b %Y}?\n{who}\n\nIt can be reinstated later."
    return (
        reason
        if prompts.confirm(parent, "Cancel session", question, yes="Cancel session")
        else None
    )


def reinstate(parent: QWidget, ctx: Context, day: date, note: str) -> str | None:
    """Reinstate a cancelled session after asking, then offer to rebook the families whose
    bookings went with it. What happened in words, or None if nothing was done."""
    question = (
        f"Reinstate the session on {day:%a %d %b %Y}? It was cancelled: {note}\n"
        "It becomes open for booking again."
    )
    if not prompts.confirm(parent, "Reinstate session", question, yes="Reinstate"):
        return None
    with ctx.store.session() as s:
        with_it = session_calendar.reinstate_session(s, day)
        names = family_names(s, set(with_it.values()))
    done = f"The session on {day:%a %d %b %Y} is reinstated."
    if not with_it:
        return done
    listed = "\n".join(f"• {names[ref]}" for ref in with_it.values())
    question = (
        f"{len(with_it)} bookings were cancelled with the session:\n{listed}\n\n"
        "Rebook them? (Their families may have been told the session was off.)"
    )
    if not prompts.confirm(parent, "Rebook families", question, yes="Rebook them"):
        return f"{done} Nobody was rebooked."
    rebooked, refused = [], []
    for family_id, ref in with_it.items():
        try:
            with ctx.store.session() as s:
                bookings.book(s, family_id, day, today=ctx.clock.today())
            rebooked.append(ref)
        except DomainError as error:
            refused.append(str(error))
    return " ".join(
        [done, f"Rebooked {', '.join(rebooked)}." if rebooked else "", *refused]
    ).strip()
