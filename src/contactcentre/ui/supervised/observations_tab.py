"""The family editor's Observations tab (supervised families): the records by session,
and New record…, Open…, Submit, Approve (disabled, with the reason, for the author),
Add addendum… and Produce report…. Each action is its own unit of work."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain import permissions
from contactcentre.domain.errors import DomainError
from contactcentre.domain.supervised import occasions, records
from contactcentre.store.models.enums import ContactType
from contactcentre.ui import prompts
from contactcentre.ui.context import Context
from contactcentre.ui.fields import ErrorLabel, button
from contactcentre.ui.supervised.record_dialog import RecordDialog
from contactcentre.ui.supervised.report_dialog import ReportDialog
from contactcentre.ui.tables import row_table

COLUMNS = ["Date", "Where", "State", "Written by", "Approved by", "Addenda"]


class ObservationsTab(QWidget):
    def __init__(self, ctx: Context, family_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.family_id = ctx, family_id
        self.setObjectName("observationsTab")
        self.views: list[records.RecordView] = []
        self.table: QTableWidget = row_table(COLUMNS, "observationRecords", "Observation records")
        self.new_button = button("New record…", "newRecord")
        self.open_button = button("Open…", "openRecord")
        self.submit_button = button("Submit", "submitRecord")
        self.approve_button = button("Approve", "approveRecord")
        self.addendum_button = button("Add addendum…", "addAddendum")
        self.report_button = button("Produce report…", "produceReport")
        self.why = QLabel()
        self.why.setObjectName("approveReason")
        self.why.setWordWrap(True)
        self.message = ErrorLabel()
        self.dialog: RecordDialog | ReportDialog | None = None
        row = QHBoxLayout()
        for made in (
            self.new_button,
            self.open_button,
            self.submit_button,
            self.approve_button,
            self.addendum_button,
            self.report_button,
        ):
            row.addWidget(made)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.why)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.new_button.clicked.connect(self.new_record)
        self.open_button.clicked.connect(self.open_record)
        self.submit_button.clicked.connect(lambda: self._act(records.submit))
        self.approve_button.clicked.connect(lambda: self._act(records.approve))
        self.addendum_button.clicked.connect(self.add_addendum)
        self.report_button.clicked.connect(self.produce_report)
        self.table.itemSelectionChanged.connect(self._chosen)
        self.refresh()

    @staticmethod
    def shown_to(ctx: Context, contact_type: ContactType) -> bool:
        with ctx.store.session() as s:
            may = permissions.may(s, "write_observations")
        return may and contact_type == ContactType.supervised

    def refresh(self) -> None:
        with self.ctx.store.session() as s:
            self.views = records.records_of(s, self.family_id)
            may_report = permissions.may(s, "produce_reports")
        self.table.setRowCount(len(self.views))
        for index, view in enumerate(self.views):
            r, where = view.record, view.occasion
            values = [
                f"{where.day:%a %d %b %Y}",
                where.venue + (" (escorted)" if where.escorted else ""),
                r.state.value,
                r.author,
                r.approved_by,
                str(len(view.addenda)),
            ]
            for column, value in enumerate(values):
                self.table.setItem(index, column, QTableWidgetItem(value))
        self.report_button.setEnabled(may_report)
        self._chosen()

    def chosen(self) -> records.RecordView | None:
        row = self.table.currentRow()
        return self.views[row] if 0 <= row < len(self.views) else None

    def _chosen(self) -> None:
        view = self.chosen()
        for made in (self.open_button, self.submit_button, self.addendum_button):
            made.setEnabled(view is not None)
        if view is None:
            self.approve_button.setEnabled(False)
            self.why.setText("")
            return
        with self.ctx.store.session() as s:
            refusal = records.approval_refusal(s, view.record)
        self.approve_button.setEnabled(not refusal)
        self.approve_button.setToolTip(refusal)
        self.why.setText(refusal if view.record.state.value == "submitted" else "")

    def _act(self, action: object) -> None:
        view = self.chosen()
        if view is None:
            return
        try:
            with self.ctx.store.session() as s:
                action(s, view.record.id or 0)  # type: ignore[operator]
        except DomainError as error:
            self.message.show_error(str(error))
            return
        self.message.show_error("")
        self.refresh()

    def new_record(self) -> None:
        with self.ctx.store.session() as s:
            options = {o.label: o for o in occasions.unrecorded(s, self.family_id)}
        if not options:
            self.message.show_error("Every booking of this family already has a record.")
            return
        picked = prompts.choose(self, "New record", "Which session?", options)
        if picked is None:
            return
        try:
            with self.ctx.store.session() as s:
                record = records.start_record(
                    s, booking_id=picked.booking_id, escorted_visit_id=picked.escorted_visit_id
                )
                record_id = record.id or 0
        except DomainError as error:
            self.message.show_error(str(error))
            return
        self.refresh()
        self._open(record_id)

    def open_record(self) -> None:
        view = self.chosen()
        if view is not None:
            self._open(view.record.id or 0)

    def _open(self, record_id: int) -> None:
        self.dialog = dialog = RecordDialog(self.ctx, record_id, self)
        dialog.accepted.connect(self.refresh)
        dialog.open()

    def add_addendum(self) -> None:
        view = self.chosen()
        if view is None:
            return
        words = prompts.ask_text(self, "Add addendum", "What is to be added to this record?")
        if words is None:
            return
        try:
            with self.ctx.store.session() as s:
                records.add_addendum(s, view.record.id or 0, words)
        except DomainError as error:
            self.message.show_error(str(error))
            return
        self.refresh()

    def produce_report(self) -> None:
        self.dialog = dialog = ReportDialog(self.ctx, self.family_id, self)
        dialog.saved.connect(self.refresh)
        dialog.open()
