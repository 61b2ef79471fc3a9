"""The family editor's Observations tab (supervised families): the records by session,
New record…, the record actions (ui/supervised/record_actions.py), Produce report…, and
the coordinator's Escorted visit…, Case details… and Add recipient…."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from contactcentre.domain import permissions
from contactcentre.domain.supervised import occasions, records
from contactcentre.store.models.enums import ContactType
from contactcentre.ui import prompts
from contactcentre.ui.context import Context
from contactcentre.ui.fields import button
from contactcentre.ui.supervised.case_dialogs import CaseActions
from contactcentre.ui.supervised.record_actions import RecordActions
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
        self.actions = RecordActions(self, ctx, self.chosen_id, self.refresh)
        self.case = CaseActions(self, ctx, lambda: self.family_id, self.refresh)
        self.new_button = button("New record…", "newRecord")
        self.report_button = button("Produce report…", "produceReport")
        self.report_dialog: ReportDialog | None = None
        row = self.actions.buttons()
        row.insertWidget(0, self.new_button)
        row.addStretch(1)
        case_row = QHBoxLayout()
        for made in (self.report_button, *self.case.buttons()):
            case_row.addWidget(made)
        case_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(case_row)
        layout.addWidget(self.actions.why)
        layout.addWidget(self.actions.message)
        layout.addWidget(self.table, 1)
        self.new_button.clicked.connect(self.new_record)
        self.report_button.clicked.connect(self.produce_report)
        self.table.itemSelectionChanged.connect(self.actions.update)
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
        self.case.update()
        self.actions.update()

    def chosen(self) -> records.RecordView | None:
        row = self.table.currentRow()
        return self.views[row] if 0 <= row < len(self.views) else None

    def chosen_id(self) -> int | None:
        view = self.chosen()
        return view.record.id if view else None

    def new_record(self) -> None:
        with self.ctx.store.session() as s:
            options = {o.label: o for o in occasions.unrecorded(s, self.family_id)}
        if not options:
            self.actions.message.show_error("Every booking of this family already has a record.")
            return
        picked = prompts.choose(self, "New record", "Which session?", options)
        if picked is None:
            return
        self.actions.start(picked.booking_id, picked.escorted_visit_id)

    def produce_report(self) -> None:
        self.report_dialog = dialog = ReportDialog(self.ctx, self.family_id, self)
        dialog.saved.connect(self.refresh)
        dialog.open()
