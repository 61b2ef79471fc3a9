"""Incidents (coordinators): the list (reference, when, family, category, signed off,
disclosed: never the text in the list), and from the selected one: complete it, sign it
off, add an addendum once locked, disclose it, exclude someone; and the complaints log."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain.errors import DomainError
from contactcentre.domain.register.family_lists import family_choices
from contactcentre.domain.safeguarding import complaints, incidents, screening
from contactcentre.store.models.enums import ComplaintStage
from contactcentre.ui import prompts
from contactcentre.ui.context import Context, KeepsNoDraft
from contactcentre.ui.fields import FormDialog
from contactcentre.ui.safeguarding.dialogs import (
    ComplaintDialog,
    DiscloseDialog,
    ExcludeDialog,
    IncidentDialog,
    ResolveComplaintDialog,
)
from contactcentre.ui.tables import row_table

COLUMNS = ["Ref", "When", "Family", "Category", "Signed off", "Disclosed"]
COMPLAINT_COLUMNS = [
    "Ref", "Received", "Acknowledge by", "Respond by", "Stage", "Status", "Outcome",
]  # fmt: skip


def button(text: str, name: str) -> QPushButton:
    made = QPushButton(text)
    made.setObjectName(name)
    made.setAccessibleName(text.rstrip("…"))
    return made


class IncidentsScreen(KeepsNoDraft, QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("incidentsScreen")
        self.lines: list[incidents.IncidentLine] = []
        self.dialog: FormDialog | None = None
        self.table = row_table(COLUMNS, "incidentTable", "Incidents and concerns")
        self.table.itemSelectionChanged.connect(self._enable)
        self.record_button = button("Record incident…", "recordIncident")
        self.complete_button = button("Complete…", "completeIncident")
        self.sign_button = button("Sign off", "signOffIncident")
        self.addendum_button = button("Add addendum…", "addAddendum")
        self.disclose_button = button("Disclose…", "discloseIncident")
        self.exclude_button = button("Exclude…", "excludeFromIncident")
        self.status = QLabel()
        self.status.setObjectName("incidentStatus")
        self.status.setWordWrap(True)
        self.record_button.clicked.connect(self.record)
        self.complete_button.clicked.connect(self.complete)
        self.sign_button.clicked.connect(self.sign_off)
        self.addendum_button.clicked.connect(self.add_addendum)
        self.disclose_button.clicked.connect(self.disclose)
        self.exclude_button.clicked.connect(self.exclude)
        actions = QHBoxLayout()
        for made in (
            self.record_button,
            self.complete_button,
            self.sign_button,
            self.addendum_button,
            self.disclose_button,
            self.exclude_button,
        ):
            actions.addWidget(made)
        actions.addStretch()
        self.complaints = row_table(COMPLAINT_COLUMNS, "complaintTable", "Complaints")
        self.complaint_button = button("Log complaint…", "logComplaint")
        self.complaint_button.clicked.connect(self.log_complaint)
        self.acknowledged_button = button("Acknowledged today", "complaintAcknowledged")
        self.resolve_button = button("Resolve with outcome…", "complaintResolve")
        self.stage_button = button("Next stage", "complaintNextStage")
        self.stage_button.setToolTip(
            "Informal → stage 1 (in writing) → stage 2 (impartial trustee) → referred to NACCC"
        )
        self.stage_button.clicked.connect(self._next_stage)
        self.acknowledged_button.clicked.connect(lambda: self._complaint_date("acknowledged_on"))
        self.resolve_button.clicked.connect(self.resolve_complaint)
        lower = QHBoxLayout()
        for made in (
            self.complaint_button,
            self.stage_button,
            self.acknowledged_button,
            self.resolve_button,
        ):
            lower.addWidget(made)
        lower.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Incidents and concerns</b>"))
        layout.addLayout(actions)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.status)
        layout.addWidget(QLabel("<b>Complaints</b> (kept apart from the families' records)"))
        layout.addLayout(lower)
        layout.addWidget(self.complaints, 2)
        self.complaint_lines: list[complaints.ComplaintLine] = []
        self._enable()

    # --- loading -------------------------------------------------------------------
    def refresh(self) -> None:
        with self.ctx.store.session() as s:
            self.lines = incidents.incident_lines(s)
            self.complaint_lines = complaints.complaints(s)
        tz = self.ctx.clock.tz
        self.table.setRowCount(len(self.lines))
        for r, line in enumerate(self.lines):
            cells = (
                line.reference,
                f"{line.occurred_at.astimezone(tz):%a %d %b %Y %H:%M}",
                line.family_ref or "–",
                line.category_words,
                "Yes" if line.signed_off else "Open",
                "Yes" if line.disclosed else "No",
            )
            for c, cell in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(cell))
        self.complaints.setRowCount(len(self.complaint_lines))
        for r, c_line in enumerate(self.complaint_lines):
            cells = (
                c_line.ref,
                f"{c_line.received:%d/%m/%Y}",
                f"{c_line.acknowledge_by:%d/%m/%Y}",
                f"{c_line.respond_by:%d/%m/%Y}",
                complaints.STAGE_WORDS[c_line.stage],
                f"{c_line.status} {c_line.responded_on:%d/%m/%Y}"
                if c_line.responded_on
                else c_line.status,
                " ".join(c_line.outcome.split()),
            )
            for c, cell in enumerate(cells):
                item = QTableWidgetItem(cell)
                item.setToolTip(c_line.outcome if c == len(cells) - 1 else "")
                self.complaints.setItem(r, c, item)
        self._enable()

    def clear(self) -> None:
        self.lines, self.complaint_lines = [], []
        self.table.setRowCount(0)
        self.complaints.setRowCount(0)
        self.status.clear()

    def selected(self) -> incidents.IncidentLine | None:
        row = self.table.currentRow()
        return self.lines[row] if 0 <= row < len(self.lines) else None

    def _enable(self) -> None:
        line = self.selected()
        self.complete_button.setEnabled(line is not None and not line.signed_off)
        self.sign_button.setEnabled(line is not None and not line.signed_off)
        self.addendum_button.setEnabled(line is not None and line.signed_off)
        self.disclose_button.setEnabled(
            line is not None and line.signed_off and bool(line.family_ref)
        )
        self.exclude_button.setEnabled(line is not None and bool(line.family_ref))

    # --- actions -------------------------------------------------------------------
    def _families(self) -> list[tuple[int, str]]:
        with self.ctx.store.session() as s:
            return [(f.id, f.label) for f in family_choices(s)]

    def _open(self, dialog: FormDialog) -> FormDialog:
        self.dialog = dialog
        dialog.saved.connect(self.refresh)
        dialog.open()
        return dialog

    def record(self) -> FormDialog:
        return self._open(IncidentDialog(self.ctx, self._families(), self, decides=True))

    def complete(self) -> FormDialog | None:
        line = self.selected()
        if line is None:
            return None
        return self._open(
            IncidentDialog(self.ctx, self._families(), self, decides=True, incident_id=line.id)
        )

    def sign_off(self) -> None:
        line = self.selected()
        if line is None or not prompts.confirm(
            self,
            "Sign off",
            f"Sign off {line.reference}? After this it cannot be changed, only added to.",
            yes="Sign off",
        ):
            return
        try:
            with self.ctx.store.session() as s:
                incidents.sign_off(s, line.id)
        except DomainError as error:
            prompts.error(self, "Sign off", str(error))
            return
        self.status.setText(f"{line.reference} signed off: it is locked now.")
        self.refresh()

    def add_addendum(self) -> None:
        line = self.selected()
        text = prompts.ask_text(self, "Addendum", f"Add to {line.reference}:") if line else None
        if line is None or text is None:
            return
        try:
            with self.ctx.store.session() as s:
                incidents.add_addendum(s, line.id, text)
        except DomainError as error:
            prompts.error(self, "Addendum", str(error))
            return
        self.status.setText(f"Addendum added to {line.reference}.")

    def disclose(self) -> FormDialog | None:
        line = self.selected()
        return None if line is None else self._open(DiscloseDialog(self.ctx, line.id, self))

    def exclude(self) -> FormDialog | None:
        line = self.selected()
        if line is None:
            return None
        with self.ctx.store.session() as s:
            family_id = next(f.id for f in family_choices(s) if f.ref == line.family_ref)
            people = [(a.person_id, a.name) for a in screening.adults_of(s, family_id)]
        return self._open(ExcludeDialog(self.ctx, family_id, people, self, incident_id=line.id))

    def log_complaint(self) -> FormDialog:
        return self._open(ComplaintDialog(self.ctx, self))

    def _complaint_date(self, which: str) -> None:
        self._move_complaint(**{which: self.ctx.clock.local_now().date()})

    def resolve_complaint(self) -> FormDialog | None:
        row = self.complaints.currentRow()
        if not 0 <= row < len(self.complaint_lines):
            prompts.error(self, "Complaint", "Choose the complaint to resolve first.")
            return None
        return self._open(ResolveComplaintDialog(self.ctx, self.complaint_lines[row], self))

    def _next_stage(self) -> None:
        row = self.complaints.currentRow()
        if 0 <= row < len(self.complaint_lines):
            stages = list(ComplaintStage)
            at = stages.index(self.complaint_lines[row].stage)
            self._move_complaint(stage=stages[min(at + 1, len(stages) - 1)])

    def _move_complaint(self, **change: Any) -> None:
        row = self.complaints.currentRow()
        if not 0 <= row < len(self.complaint_lines):
            return
        try:
            with self.ctx.store.session() as s:
                complaints.update_complaint(s, self.complaint_lines[row].ref, **change)
        except DomainError as error:
            prompts.error(self, "Complaint", str(error))
            return
        self.refresh()
        self.complaints.selectRow(row)
