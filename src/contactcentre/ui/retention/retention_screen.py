"""The Retention screen (coordinators): what is due for destruction, with Approve
destruction…; what is held and why; the destruction log; and the subject-access register
with its export. Nothing is destroyed until the coordinator approves the list shown."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain.errors import ValidationError
from contactcentre.domain.register.family_lists import family_choices
from contactcentre.domain.retention import destroy, requests
from contactcentre.domain.retention.due import Due, due_for_destruction
from contactcentre.errors import UserError
from contactcentre.store.vacuum import vacuum
from contactcentre.ui import prompts
from contactcentre.ui.context import Context, KeepsNoDraft
from contactcentre.ui.retention.access_dialog import SubjectAccessDialog
from contactcentre.ui.tables import row_table


def fill(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))


def _titled(title: str, widget: QWidget) -> QVBoxLayout:
    box = QVBoxLayout()
    heading = QLabel(f"<b>{title}</b>")
    box.addWidget(heading)
    box.addWidget(widget, 1)
    return box


class RetentionScreen(KeepsNoDraft, QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.due: Due | None = None
        self.refs: list[str] = []
        self.setObjectName("retentionScreen")
        self.due_table = row_table(
            ["What", "Reference", "Last contact / resolved", "Due"],
            "retentionDue",
            "Due for destruction",
        )
        self.held_table = row_table(["Family", "Why held", "Would be due"], "retentionHeld", "Held")
        self.log_table = row_table(
            ["When", "What", "Records", "Rule", "Approved by"], "destructionLog", "Destruction log"
        )
        self.requests_table = row_table(
            ["Family", "About", "Asked by", "Received", "Due", "Status"],
            "accessRequests",
            "Subject access",
        )
        self.rules = QLabel()
        self.rules.setObjectName("retentionRules")
        self.rules.setWordWrap(True)
        self.approve_button = QPushButton("Approve destruction…")
        self.approve_button.setObjectName("approveDestruction")
        self.export_button = QPushButton("Subject-access export…")
        self.export_button.setObjectName("subjectAccessExport")
        self.request_button = QPushButton("Log a request…")
        self.request_button.setObjectName("logAccessRequest")
        self.extend_button = QPushButton("Extend…")
        self.extend_button.setObjectName("extendAccessRequest")
        self.extend_button.setAccessibleName("Extend the selected request's deadline")
        self.asked: list[requests.Request] = []
        buttons = QHBoxLayout()
        buttons.addWidget(self.rules, 1)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.request_button)
        buttons.addWidget(self.extend_button)
        buttons.addWidget(self.export_button)
        grid = QGridLayout()
        grid.addLayout(_titled("Due for destruction", self.due_table), 0, 0)
        grid.addLayout(_titled("Held back", self.held_table), 0, 1)
        grid.addLayout(_titled("Destruction log", self.log_table), 1, 0)
        grid.addLayout(_titled("Subject-access requests", self.requests_table), 1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(grid, 1)
        self.approve_button.clicked.connect(self.approve)
        self.export_button.clicked.connect(self.subject_access)
        self.request_button.clicked.connect(self.log_request)
        self.extend_button.clicked.connect(self.extend)

    def refresh(self) -> None:
        today = self.ctx.clock.today()
        tz = self.ctx.clock.tz
        with self.ctx.store.session() as s:
            self.due = due = due_for_destruction(s, today)
            log = destroy.destruction_log(s)
            self.asked = asked = requests.requests(s)
            self.refs = [c.ref for c in family_choices(s)]
        fill(
            self.due_table,
            [("Family records", f.ref, f"{f.last_contact:%d/%m/%Y}", f"{f.due_on:%d/%m/%Y}")
             for f in due.families]
            + [("Volunteer file", "", f"left {m.left_on:%d/%m/%Y}", f"{m.due_on:%d/%m/%Y}")
               for m in due.members]
            + [("Complaint", c.ref, f"resolved {c.resolved_on:%d/%m/%Y}", f"{c.due_on:%d/%m/%Y}")
               for c in due.complaints],
        )  # fmt: skip
        fill(
            self.held_table,
            [
                (h.ref, h.reason, f"{h.due_on:%d/%m/%Y}" if h.due_on else "not yet")
                for h in due.held
            ],
        )
        fill(
            self.log_table,
            [(f"{e.at.astimezone(tz):%d/%m/%Y %H:%M}", e.category, str(e.records), e.rule,
              e.approved_by) for e in log],
        )  # fmt: skip
        fill(
            self.requests_table,
            [(r.family_ref, r.subject, r.requested_by, f"{r.received_on:%d/%m/%Y}",
              f"{r.due_on:%d/%m/%Y}",
              "overdue" if r.overdue(today) else r.status.value) for r in asked],
        )  # fmt: skip
        self.rules.setText(
            "; ".join(f"{c}: {rule}" for c, _n, rule in due.categories())
            + ". Change the rules on the Centre screen."
        )
        self.approve_button.setEnabled(due.anything())

    def clear(self) -> None:
        for table in (self.due_table, self.held_table, self.log_table, self.requests_table):
            table.setRowCount(0)
        self.due = None

    def approve(self) -> None:
        due = self.due
        if due is None or not due.anything():
            return
        lines = [f"{c}: {n} ({rule})" for c, n, rule in due.categories() if n]
        question = (
            "Destroy these records for good? They cannot be brought back.\n\n"
            + "\n".join(lines)
            + "\n\nHeld families are not touched."
        )
        if not prompts.confirm(self, "Approve destruction", question, yes="Destroy"):
            return
        try:
            with self.ctx.store.session() as s:
                done = destroy.destroy_due(s, self.ctx.clock.today(), expected=due)
            vacuum(self.ctx.store)
        except UserError as error:
            prompts.error(self, "Approve destruction", str(error))
            self.refresh()
            return
        words = "\n".join(f"{d.category}: {d.records} destroyed" for d in done)
        prompts.info(self, "Approve destruction", words or "Nothing was due.")
        self.refresh()

    def log_request(self) -> None:
        """A request received today: for which family, about whom."""
        title = "Subject-access request"
        ref = prompts.choose(self, title, "Which family?", {r: r for r in self.refs})
        if ref is None:
            return
        subject = prompts.ask_text(self, title, "About whom (First Last)?")
        if subject is None:
            return
        asker = prompts.ask_text(self, title, "Who asked? (leave empty: the person themself)")
        if asker is None:
            return
        today = self.ctx.clock.today()
        self._run(title, lambda s: requests.log_request(s, ref, subject, today, requested_by=asker))

    def extend(self) -> None:
        row = self.requests_table.currentRow()
        if not 0 <= row < len(self.asked):
            prompts.info(self, "Extend the deadline", "Select a request first.")
            return
        title = "Extend the deadline"
        months = prompts.choose(self, title, "By how long?", {"One month": 1, "Two months": 2})
        reason = None if months is None else prompts.ask_text(self, title, "Why (recorded)?")
        if months is None or reason is None:
            return
        chosen = self.asked[row].id
        self._run(title, lambda s: requests.extend(s, chosen, months, reason))

    def _run(self, title: str, change: Callable[..., object]) -> None:
        try:
            with self.ctx.store.session() as s:
                change(s)
        except ValidationError as error:
            prompts.error(self, title, "; ".join(error.errors.values()))
        except UserError as error:
            prompts.error(self, title, str(error))
        self.refresh()

    def subject_access(self) -> None:
        dialog = SubjectAccessDialog(self.ctx, self)
        dialog.exec()
        self.refresh()
