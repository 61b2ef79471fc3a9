"""The rota: the next sessions down the left, and for the chosen one who is on duty, who
leads, any declared conflict with a booked family, and the briefing and debrief notes.

A Saturday's way of working: pick the session, pick a person, "Put on duty" (Alt+P);
someone whose DBS check does not cover the day is put on only with a reason, asked for
there and recorded.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain import permissions
from contactcentre.domain.bookings.session_calendar import sessions_between
from contactcentre.domain.errors import DomainError
from contactcentre.domain.team import rota
from contactcentre.ui import prompts
from contactcentre.ui.context import Context, KeepsNoDraft
from contactcentre.ui.fields import ErrorLabel, notes_box
from contactcentre.ui.team.register_screen import ROLE_NAMES, tree

AHEAD = timedelta(days=120)  # how far ahead sessions are listed
SHOWN = 8


class RotaScreen(KeepsNoDraft, QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("rotaScreen")
        self.day: date | None = None
        self.sessions = tree("rotaSessions", ["Session", "On duty"])
        self.sessions.setColumnWidth(0, 190)
        self.sessions.currentItemChanged.connect(lambda item, _old: self._chosen(item))
        self.heading = QLabel()
        self.heading.setObjectName("rotaHeading")
        self.warnings = QLabel()
        self.warnings.setObjectName("rotaWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #b00020")
        self.on_duty = tree("rotaOnDuty", ["Name", "Role", "Leads", "DBS override"])
        self.on_duty.setColumnWidth(0, 170)
        self.person = QComboBox()
        self.person.setObjectName("rotaPerson")
        self.person.setAccessibleName("Person to put on duty")
        self.person.setMinimumWidth(200)
        self.leads = QCheckBox("Leads the session")
        self.leads.setObjectName("rotaLeads")
        self.leads.setAccessibleName("Leads the session")
        self.put_on = QPushButton("&Put on duty")
        self.put_on.setObjectName("rotaPutOn")
        self.put_on.setAccessibleName("Put the chosen person on duty")
        self.put_on.clicked.connect(self.put_on_duty)
        self.make_lead = QPushButton("Make &lead")
        self.make_lead.setObjectName("rotaMakeLead")
        self.make_lead.setAccessibleName("Make the chosen person the session's lead")
        self.make_lead.clicked.connect(self.make_chosen_lead)
        self.take_off = QPushButton("&Take off")
        self.take_off.setObjectName("rotaTakeOff")
        self.take_off.setAccessibleName("Take the chosen person off the rota")
        self.take_off.clicked.connect(self.take_chosen_off)
        self.message = ErrorLabel()

        self.briefing: QPlainTextEdit = notes_box(80)
        self.briefing.setObjectName("rotaBriefing")
        self.briefing.setAccessibleName("Briefing before the session")
        self.debrief: QPlainTextEdit = notes_box(80)
        self.debrief.setObjectName("rotaDebrief")
        self.debrief.setAccessibleName("Debrief after the session")
        self.save_notes = QPushButton("Save briefing and debrief")
        self.save_notes.setObjectName("rotaSaveNotes")
        self.save_notes.setAccessibleName("Save the briefing and debrief")
        self.save_notes.clicked.connect(self.save_session_notes)
        self.notes_state = QLabel()
        self.notes_state.setObjectName("rotaNotesState")
        notes = QGroupBox("Briefing and debrief (internal: never on a letter or sheet)")
        notes_layout = QVBoxLayout(notes)
        notes_layout.addWidget(QLabel("Briefing before the session"))
        notes_layout.addWidget(self.briefing)
        notes_layout.addWidget(QLabel("Debrief after the session"))
        notes_layout.addWidget(self.debrief)
        notes_row = QHBoxLayout()
        notes_row.addWidget(self.notes_state, 1)
        notes_row.addWidget(self.save_notes)
        notes_layout.addLayout(notes_row)
        self.notes = notes

        add_row = QHBoxLayout()
        add_row.addWidget(self.person, 1)
        add_row.addWidget(self.leads)
        add_row.addWidget(self.put_on)
        entry_row = QHBoxLayout()
        entry_row.addStretch(1)
        entry_row.addWidget(self.make_lead)
        entry_row.addWidget(self.take_off)
        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(self.warnings)
        right.addWidget(self.on_duty, 1)
        right.addLayout(entry_row)
        right.addLayout(add_row)
        right.addWidget(self.message)
        right.addWidget(notes)
        columns = QHBoxLayout(self)
        columns.addWidget(self.sessions, 2)
        columns.addLayout(right, 3)

    # --- loading -------------------------------------------------------------------
    def refresh(self) -> None:
        today = self.ctx.clock.today()
        with self.ctx.store.session() as s:
            upcoming = [
                info
                for info in sessions_between(s, today, today + AHEAD)
                if info.status in {"open", "full"}
            ][:SHOWN]
            summaries = {info.day: rota.team_on_duty(s, info.day) for info in upcoming}
        keep = self.day or (upcoming[0].day if upcoming else None)
        self.sessions.blockSignals(True)
        self.sessions.clear()
        for info in upcoming:
            team = summaries[info.day]
            count = len(team.others) + bool(team.lead)
            words = f"{count} on duty" + (f", {team.lead} leads" if team.lead else "")
            item = QTreeWidgetItem(
                self.sessions,
                [f"{info.day:%a %d %b %Y} {info.start:%H:%M}", words if count else "Nobody yet"],
            )
            item.setData(0, Qt.ItemDataRole.UserRole, info.day.isoformat())
            if info.day == keep:
                self.sessions.setCurrentItem(item)
        self.sessions.blockSignals(False)
        if keep is not None and keep in summaries:
            self.show_day(keep)
        else:
            self.day = None
            self.heading.setText("No sessions in the next four months.")

    def clear(self) -> None:
        self.day = None
        for widget in (self.sessions, self.on_duty, self.person, self.briefing, self.debrief):
            widget.clear()
        self.heading.clear()
        self.warnings.clear()

    def _chosen(self, item: QTreeWidgetItem | None) -> None:
        if item is not None:
            self.show_day(date.fromisoformat(item.data(0, Qt.ItemDataRole.UserRole)))

    def show_day(self, day: date) -> None:
        self.day = day
        self.message.show_error("")
        with self.ctx.store.session() as s:
            found = rota.rota_for(s, day)
            free = rota.available(s, day)
            allowed = permissions.may(s, "record_session_notes")
            notes = rota.session_notes(s, day) if allowed else None
        self.heading.setText(f"<b>{day:%a %d %b %Y}</b>")
        self.warnings.setText("\n".join(found.warnings))
        self.on_duty.clear()
        for person in found.people:
            item = QTreeWidgetItem(
                self.on_duty,
                [
                    person.name,
                    ROLE_NAMES[person.role],
                    "Leads" if person.leads else "",
                    person.overridden,
                ],
            )
            item.setData(0, Qt.ItemDataRole.UserRole, person.member_id)
        self.person.clear()
        for member in free:
            label = f"{member.name} ({ROLE_NAMES[member.role].lower()})"
            self.person.addItem(label, member.member_id)
        self.notes.setVisible(notes is not None)
        if notes is not None:
            self.briefing.setPlainText(notes.briefing)
            self.debrief.setPlainText(notes.debrief)
            self.notes_state.setText(
                f"Last saved by {notes.updated_by}" if notes.updated_by else ""
            )

    # --- actions -------------------------------------------------------------------
    def _chosen_member(self) -> int | None:
        item = self.on_duty.currentItem()
        if item is None:
            self.message.show_error("Choose someone on the rota first.")
            return None
        return int(item.data(0, Qt.ItemDataRole.UserRole))

    def _put_on(self, member_id: int, leads: bool) -> None:
        """Put on duty; when their DBS check does not cover the day, ask why (Cancel: not
        put on) and record the reason."""
        assert self.day is not None
        reason = ""
        while True:
            try:
                with self.ctx.store.session() as s:
                    rota.put_on_duty(s, self.day, member_id, leads=leads, override_reason=reason)
                break
            except rota.OverrideNeeded as error:
                if reason:
                    self.message.show_error(str(error))
                    return
                asked = prompts.ask_text(
                    self, "DBS check", f"{error}\n\nWhy may they be on duty? (recorded)"
                )
                if not asked:
                    return
                reason = asked
            except DomainError as error:
                self.message.show_error(str(error))
                return
        self.leads.setChecked(False)
        self.refresh()

    def put_on_duty(self) -> None:
        member_id = self.person.currentData()
        if self.day is None or member_id is None:
            self.message.show_error("Choose a session and a person first.")
            return
        self._put_on(int(member_id), self.leads.isChecked())

    def make_chosen_lead(self) -> None:
        member_id = self._chosen_member()
        if member_id is not None:
            self._put_on(member_id, True)

    def take_chosen_off(self) -> None:
        member_id = self._chosen_member()
        if member_id is None or self.day is None:
            return
        try:
            with self.ctx.store.session() as s:
                rota.take_off_duty(s, self.day, member_id)
        except DomainError as error:
            self.message.show_error(str(error))
            return
        self.refresh()

    def save_session_notes(self) -> None:
        if self.day is None:
            return
        try:
            with self.ctx.store.session() as s:
                rota.save_session_notes(
                    s, self.day, self.briefing.toPlainText(), self.debrief.toPlainText()
                )
        except DomainError as error:
            self.message.show_error(str(error))
            return
        self.show_day(self.day)
