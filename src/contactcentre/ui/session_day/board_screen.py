"""Session-day mode: the welcome-desk board with a card per booked family.

Large type and one button per next step, so a volunteer records what just happened
with a single click; the time can be adjusted before saving. Named relatives who come
to contact get their own arrived/left line on the family's card, and the door check
offers to record a relative's arrival. The board refreshes every 15 seconds from the
injected clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
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
from contactcentre.domain.centre import get_centre
from contactcentre.domain.errors import DomainError
from contactcentre.domain.session_day import live_entry, welcome_desk
from contactcentre.domain.team.rota import team_on_duty
from contactcentre.domain.vocabulary import counted
from contactcentre.store.models.enums import EventKind, Role
from contactcentre.ui import prompts
from contactcentre.ui.context import Context
from contactcentre.ui.fields import DateField
from contactcentre.ui.idle_lock import LiveSession, live_session
from contactcentre.ui.safeguarding.dialogs import IncidentDialog
from contactcentre.ui.session_day import sheets
from contactcentre.ui.session_day.board_card import FamilyCard, relative_progress
from contactcentre.ui.session_day.event_history import EventHistoryDialog, coordinator_line


@dataclass(frozen=True)
class BoardDraft:
    """What the board keeps across a lock: the session shown (who records is whoever
    unlocks next)."""

    day: date | None


class SessionDayScreen(QWidget):
    REFRESH_MS = 15_000

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("sessionDayScreen")
        self.day_edit = DateField()
        self.day_edit.setObjectName("boardDay")
        self.day_edit.setAccessibleName("Session date")
        self.clock_label = QLabel()
        self.clock_label.setObjectName("boardClock")
        self.volunteer = QLineEdit()  # the person who unlocked: the next one locks first
        self.volunteer.setObjectName("recordingAs")
        self.volunteer.setAccessibleName("Recording as")
        self.volunteer.setReadOnly(True)
        self.door = QLineEdit()
        self.door.setObjectName("doorCheck")
        self.door.setAccessibleName("Who is at the door")
        self.door.setPlaceholderText("Who's at the door? Type the name they give")
        self.door_result = QLabel()
        self.door_result.setObjectName("doorResult")
        self.door_result.setWordWrap(True)
        self.door_actions = QHBoxLayout()
        self.door_buttons: list[QPushButton] = []
        self.summary = QLabel()
        self.summary.setObjectName("boardSummary")
        self.on_duty = QLabel()
        self.on_duty.setObjectName("boardOnDuty")
        self.on_duty.setAccessibleName("The team on duty")
        self.on_duty.setWordWrap(True)
        self.print_sheet, self.print_blank, self.save_pdf = sheets.sheet_buttons(
            self.print_sheet_now, self.save_sheet
        )
        self.record_incident = QPushButton("Record incident…")
        self.record_incident.setObjectName("recordIncident")
        self.record_incident.setAccessibleName("Record an incident or concern")
        self.record_incident.setToolTip("Write down what you saw; a coordinator signs it off")
        self.record_incident.clicked.connect(self.open_incident)
        self.incident: IncidentDialog | None = None
        self.sheet_status = QLabel()
        self.sheet_status.setObjectName("sheetStatus")

        top = QHBoxLayout()
        top.addWidget(QLabel("Session"))
        top.addWidget(self.day_edit)
        top.addWidget(self.clock_label, 1)
        top.addWidget(QLabel("Recording as"))
        top.addWidget(self.volunteer)
        door_row = QHBoxLayout()
        door_row.addWidget(self.door, 1)
        door_row.addWidget(self.door_result, 2)
        door_row.addLayout(self.door_actions)
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary, 1)
        summary_row.addWidget(self.sheet_status)
        summary_row.addWidget(self.record_incident)
        summary_row.addWidget(self.print_sheet)
        summary_row.addWidget(self.print_blank)
        summary_row.addWidget(self.save_pdf)
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
        layout.addLayout(summary_row)
        layout.addWidget(self.on_duty)
        layout.addWidget(scroll, 1)

        self.cards: dict[int, FamilyCard] = {}
        self.rows: list[welcome_desk.BoardRow] = []
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
            self.rows = welcome_desk.board_rows(s, day, now)
            self.on_duty.setText(team_on_duty(s, day).board_words)
            self.volunteer.setText(acting.actor(s))
        local = now.astimezone(self.ctx.clock.tz)
        self.clock_label.setText(f"{day:%a %d %b %Y}   now {local:%H:%M}")
        self._show_cards(now)
        alerts = sum(len(r.state.alerts) for r in self.rows)
        self.summary.setText(
            f"{counted(len(self.rows), 'family', 'families')} booked"
            + (f" — {counted(alerts, 'alert needs', 'alerts need')} attention" if alerts else "")
            if self.rows
            else "No families are booked for this session."
        )
        self._door_check()
        if self.isVisible() and not self.timer.isActive():
            self.timer.start()

    # The live timers tick only while the board is on screen: a hidden board (another tab,
    # the lock screen, a closed window) must not keep reading the store.
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.rows:
            self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)

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
        self.on_duty.clear()

    # --- across a lock ----------------------------------------------------------
    def take_draft(self) -> BoardDraft | None:
        return BoardDraft(self.day_edit.value())

    def restore_draft(self, draft: object) -> None:
        assert isinstance(draft, BoardDraft)
        self.day_edit.blockSignals(True)  # loaded when shown, as ever
        self.day_edit.set_value(draft.day)
        self.day_edit.blockSignals(False)

    def has_unsaved_edits(self) -> bool:
        return False

    def live_session(self) -> LiveSession | None:
        """Today's session as the lock screen may tell of it (read now, shown or not)."""
        now = self.ctx.clock.now()
        with self.ctx.store.session() as s:
            rows = welcome_desk.board_rows(s, self.ctx.clock.today(), now)
            overdue = get_centre(s).overdue_after_minutes
        return live_session(rows, now, overdue)

    # --- actions ----------------------------------------------------------------
    def _moment(self, at: time) -> datetime:
        day = self.day_edit.value()
        assert day is not None
        return datetime.combine(day, at, tzinfo=self.ctx.clock.tz)

    def record(
        self,
        booking_id: int,
        kind: EventKind,
        at: time,
        person_id: int | None,
        *,
        reason: str = "",
        withdraw_why: str = "",
    ) -> None:
        """Record one event from the board; a refusal is shown on the family's card (except
        ArrivalsRecorded, which the caller turns into a question)."""
        message = ""
        try:
            with self.ctx.store.session() as s:
                live_entry.record_live(
                    s,
                    booking_id,
                    kind,
                    self._moment(at),
                    now=self.ctx.clock.now(),
                    recorded_by=self.volunteer.text(),
                    person_id=person_id,
                    reason=reason,
                    withdraw_why=withdraw_why,
                )
        except live_entry.ArrivalsRecorded:
            raise
        except DomainError as error:
            message = coordinator_line(error)
        self.refresh()
        card = self.cards.get(booking_id)
        if card is not None:
            card.show_error(message)

    def record_no_show(self, booking_id: int) -> None:
        reason = prompts.ask_text(self, "Did not come", "Reason, if known (e.g. 'child unwell'):")
        if reason is None:
            return
        at = self._now_time()
        try:
            self.record(booking_id, EventKind.no_show, at, None, reason=reason)
            return
        except live_entry.ArrivalsRecorded as recorded:
            question = f"{recorded} Withdraw what was recorded and record that they did not come?"
        if not prompts.confirm(self, "Did not come", question, yes="Withdraw and record"):
            return
        why = prompts.ask_text(self, "Did not come", "Why are the recorded arrivals withdrawn?")
        if why is None:
            return
        self.record(booking_id, EventKind.no_show, at, None, reason=reason, withdraw_why=why)

    def dismiss(self, booking_id: int, key: str) -> None:
        with self.ctx.store.session() as s:
            welcome_desk.acknowledge(s, booking_id, key, by=self.volunteer.text())
        self.refresh()

    def show_history(self, booking_id: int) -> EventHistoryDialog:
        dialog = EventHistoryDialog(self.ctx, booking_id, self.volunteer.text(), self)
        dialog.changed.connect(self.refresh)
        dialog.open()
        return dialog

    def print_sheet_now(self, *, blank: bool) -> None:
        """The print dialog with a preview of the sign-in sheet (this session's, or blank)."""
        told = sheets.print_sheet(
            self, self.ctx, self.day_edit.value(), bool(self.rows), blank=blank
        )
        if told:
            self.sheet_status.setText(told)

    def save_sheet(self, *, blank: bool) -> None:
        """Ask where to save the sign-in sheet (this session's, or blank) and write the PDF."""
        told = sheets.save_sheet(
            self, self.ctx, self.day_edit.value(), bool(self.rows), blank=blank
        )
        if told:
            self.sheet_status.setText(told)

    def open_incident(self) -> IncidentDialog:
        """Anyone on duty writes down what they saw, for one of the day's families."""
        families = [(r.family_id, f"{r.family_ref} — {r.children}") for r in self.rows]
        self.incident = IncidentDialog(self.ctx, families, self)
        self.incident.saved.connect(
            lambda: self.sheet_status.setText("Incident recorded: the coordinator will sign it off")
        )
        self.incident.open()
        return self.incident

    def _now_time(self) -> time:
        now = self.ctx.clock.now().astimezone(self.ctx.clock.tz)
        return time(now.hour, now.minute)

    def _door_text(self, person: welcome_desk.NamedPerson) -> str:
        text = f"{person.name} — {person.role_label}, {person.family_ref}"
        family = next((r for r in self.rows if r.booking_id == person.booking_id), None)
        if family is not None and family.door.lines:
            text += "".join(f"\n⚠ {line}" for line in family.door.lines)
        warning = welcome_desk.door_warning(self.rows, person)
        if warning:
            return f"{text}\n⚠ {warning}"
        if person.role != Role.relative:
            return text
        row = next((r for r in self.rows if r.booking_id == person.booking_id), None)
        relative = row.relative(person.person_id) if row else None
        if relative is None:
            return f"{text} (not down to come to contact: ask the coordinator)"
        return (
            f"{relative.title} — {person.role_label}, {person.family_ref} "
            f"({relative.plan_line}): {relative_progress(relative)}"
        )

    def _door_offers(self, found: list[welcome_desk.NamedPerson]) -> None:
        """A one-click 'arrived' for each named relative at the door not yet recorded, and
        for a resident parent who has to wait in the waiting room."""
        for button in self.door_buttons:
            button.setParent(None)
            button.deleteLater()
        self.door_buttons = []
        for person in found:
            kind = welcome_desk.arrival_to_record(self.rows, person)
            if kind is None:
                continue
            button = QPushButton(f"✔ {person.name} arrived")
            button.setObjectName("doorArrival")
            button.setAccessibleName(f"Record {person.name} arrived now for {person.family_ref}")
            button.setToolTip(f"Record that {person.name} ({person.family_ref}) arrived now")
            button.setMinimumHeight(40)
            button.clicked.connect(
                lambda _=False, p=person, k=kind: self.record(
                    p.booking_id, k, self._now_time(), p.person_id
                )
            )
            self.door_actions.addWidget(button)
            self.door_buttons.append(button)

    def _door_check(self) -> None:
        typed = self.door.text()
        found = welcome_desk.door_check(self.rows, typed) if typed.strip() else []
        self._door_offers(found)
        if not typed.strip():
            self.door_result.setText("")
            return
        if found:
            self.door_result.setText("\n".join(self._door_text(p) for p in found))
            self.door_result.setProperty(
                "alarm", any(welcome_desk.door_warning(self.rows, p) for p in found)
            )
        else:
            self.door_result.setText(
                "⚠ Not named for any family booked today. "
                "Do not let them in: fetch the coordinator."
            )
            self.door_result.setProperty("alarm", True)
        self.door_result.style().polish(self.door_result)
