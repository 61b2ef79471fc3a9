"""Session-day mode: the welcome-desk board with a card per booked family.

Large type and one button per next step, so a volunteer records what just happened
with a single click; the time can be adjusted before saving. The board refreshes every
15 seconds from the injected clock.
"""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain import attendance, session_day
from contactcentre.domain.calendar import sessions_between
from contactcentre.domain.errors import DomainError
from contactcentre.store.models import EventKind
from contactcentre.ui import prompts
from contactcentre.ui.board_card import FamilyCard
from contactcentre.ui.context import Context
from contactcentre.ui.event_history import EventHistoryDialog
from contactcentre.ui.fields import OptionalDateEdit


class SessionDayScreen(QWidget):
    title = "Session day"
    REFRESH_MS = 15_000

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("sessionDayScreen")
        self.day_edit = OptionalDateEdit()
        self.day_edit.setObjectName("boardDay")
        self.day_edit.setAccessibleName("Session date")
        self.clock_label = QLabel()
        self.clock_label.setObjectName("boardClock")
        self.volunteer = QLineEdit()
        self.volunteer.setObjectName("recordingAs")
        self.volunteer.setAccessibleName("Recording as")
        self.volunteer.setPlaceholderText("Your name")
        self.door = QLineEdit()
        self.door.setObjectName("doorCheck")
        self.door.setAccessibleName("Who is at the door")
        self.door.setPlaceholderText("Who's at the door? Type the name they give")
        self.door_result = QLabel()
        self.door_result.setObjectName("doorResult")
        self.door_result.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("boardSummary")

        top = QHBoxLayout()
        top.addWidget(QLabel("Session"))
        top.addWidget(self.day_edit)
        top.addWidget(self.clock_label, 1)
        top.addWidget(QLabel("Recording as"))
        top.addWidget(self.volunteer)
        door_row = QHBoxLayout()
        door_row.addWidget(self.door, 1)
        door_row.addWidget(self.door_result, 2)
        self.cards_box = QVBoxLayout()
        self.cards_box.addStretch(1)
        holder = QWidget()
        holder.setLayout(self.cards_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(door_row)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)

        self.cards: dict[int, FamilyCard] = {}
        self.rows: list[session_day.BoardRow] = []
        self.timer = QTimer(self)
        self.timer.setInterval(self.REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.day_edit.dateChanged.connect(lambda _d: self.refresh())
        self.door.textChanged.connect(self._door_check)

    # --- loading ----------------------------------------------------------------
    def default_day(self) -> date:
        """Today's session, else the next one, else today."""
        today = self.ctx.clock.today()
        with self.ctx.store.session() as s:
            upcoming = [
                i
                for i in sessions_between(s, today, today.replace(year=today.year + 1))
                if i.status in {"open", "full"}
            ]
        return upcoming[0].day if upcoming else today

    def refresh(self) -> None:
        if self.day_edit.value() is None:
            self.day_edit.blockSignals(True)
            self.day_edit.set_value(self.default_day())
            self.day_edit.blockSignals(False)
        day = self.day_edit.value()
        assert day is not None
        now = self.ctx.clock.now()
        with self.ctx.store.session() as s:
            self.rows = session_day.board_rows(s, day, now)
        local = now.astimezone(self.ctx.clock.tz)
        self.clock_label.setText(f"{day:%a %d %b %Y}   now {local:%H:%M}")
        self._show_cards(now)
        alerts = sum(len(r.state.alerts) for r in self.rows)
        self.summary.setText(
            f"{len(self.rows)} families booked"
            + (f" — {alerts} alert(s) need attention" if alerts else "")
            if self.rows
            else "No families are booked for this session."
        )
        self._door_check()
        if not self.timer.isActive():
            self.timer.start()

    def _show_cards(self, now: datetime) -> None:
        wanted = {row.booking_id for row in self.rows}
        for booking_id in list(self.cards):
            if booking_id not in wanted:
                self.cards.pop(booking_id).deleteLater()
        for index, row in enumerate(self.rows):
            card = self.cards.get(row.booking_id)
            if card is None:
                card = FamilyCard(row)
                card.record.connect(self.record)
                card.no_show.connect(self.record_no_show)
                card.history.connect(self.show_history)
                card.dismiss.connect(self.dismiss)
                self.cards[row.booking_id] = card
                self.cards_box.insertWidget(index, card)
            card.update_state(row, now)

    def clear(self) -> None:
        self.timer.stop()
        for card in self.cards.values():
            card.deleteLater()
        self.cards.clear()
        self.rows = []
        self.door.clear()
        self.volunteer.clear()

    # --- actions ----------------------------------------------------------------
    def _moment(self, at: time) -> datetime:
        day = self.day_edit.value()
        assert day is not None
        return datetime.combine(day, at, tzinfo=self.ctx.clock.tz)

    def record(self, booking_id: int, kind: EventKind, at: time, person_id: int | None) -> None:
        try:
            with self.ctx.store.session() as s:
                attendance.record_event(
                    s,
                    booking_id,
                    kind,
                    self._moment(at),
                    recorded_by=self.volunteer.text(),
                    person_id=person_id,
                )
        except DomainError as error:
            prompts.error(self, "Not recorded", str(error))
        self.refresh()

    def record_no_show(self, booking_id: int) -> None:
        reason = prompts.ask_text(self, "Did not come", "Reason, if known (e.g. 'child unwell'):")
        if reason is None:
            return
        now = self.ctx.clock.now().astimezone(self.ctx.clock.tz)
        with self.ctx.store.session() as s:
            attendance.record_event(
                s,
                booking_id,
                EventKind.no_show,
                self._moment(time(now.hour, now.minute)),
                recorded_by=self.volunteer.text(),
                reason=reason,
            )
        self.refresh()

    def dismiss(self, booking_id: int, key: str) -> None:
        with self.ctx.store.session() as s:
            session_day.acknowledge(s, booking_id, key, by=self.volunteer.text())
        self.refresh()

    def show_history(self, booking_id: int) -> EventHistoryDialog:
        dialog = EventHistoryDialog(self.ctx, booking_id, self.volunteer.text(), self)
        dialog.changed.connect(self.refresh)
        dialog.open()
        return dialog

    def _door_check(self) -> None:
        typed = self.door.text()
        if not typed.strip():
            self.door_result.setText("")
            return
        found = session_day.door_check(self.rows, typed)
        if found:
            self.door_result.setText(
                "; ".join(f"{p.name} — {p.role_label}, {p.family_ref}" for p in found)
            )
            self.door_result.setProperty("alarm", False)
        else:
            self.door_result.setText(
                "⚠ Not named for any family booked today. "
                "Do not let them in: fetch the coordinator."
            )
            self.door_result.setProperty("alarm", True)
        self.door_result.style().polish(self.door_result)
