"""The Supervised screen, for supervisors and coordinators: every supervised family's
bookings and escorted visits, past and upcoming (filtered by family and period), each
with its observation record's state (none, draft, submitted, approved, released). From
here a supervisor writes and submits the record of a session they supervised, approves
someone else's (never their own: the reason is shown in place), returns one for changes
and adds an addendum to an approved one; a coordinator also produces the report and
arranges escorted visits, the case number and the recipients.

It shows only what a supervisor may see of a supervised case: the family's reference,
its case number, the children's first names with their ages, when and where, and who
wrote and approved the record. No addresses, phone numbers or notes."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain import permissions
from contactcentre.domain.supervised import overview
from contactcentre.ui.context import Context, KeepsNoDraft
from contactcentre.ui.fields import DateField, button
from contactcentre.ui.supervised.case_dialogs import CaseActions
from contactcentre.ui.supervised.record_actions import RecordActions
from contactcentre.ui.supervised.report_dialog import ReportDialog
from contactcentre.ui.tables import row_table

COLUMNS = [
    "Date",
    "Time",
    "Family",
    "Case number",
    "Children",
    "Where",
    "Record",
    "Written by",
    "Approved by",
    "Addenda",
]
ALL = "All supervised families"


class SupervisedScreen(KeepsNoDraft, QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("supervisedScreen")
        self.lines: list[overview.Line] = []
        self.family = QComboBox()
        self.family.setObjectName("supervisedFamilyFilter")
        self.family.setAccessibleName("Show one supervised family")
        self.family.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.family.setMinimumContentsLength(len(ALL))
        today = ctx.clock.today()
        self.first, self.last = DateField(today=today), DateField(today=today)
        for field, name, label in (
            (self.first, "supervisedFrom", "From"),
            (self.last, "supervisedTo", "To"),
        ):
            field.setObjectName(name)
            field.setAccessibleName(f"Show sessions {label.lower()} this date")
        self.table = row_table(COLUMNS, "supervisedSessions", "Supervised sessions")
        self.actions = RecordActions(self, ctx, self.chosen_record, self.refresh)
        self.case = CaseActions(self, ctx, self.chosen_family, self.refresh)
        self.write_button = button("Write record…", "writeRecord")
        self.report_button = button("Produce report…", "produceReport")
        self.report_dialog: ReportDialog | None = None

        filters = QHBoxLayout()
        for label, widget in (("Family:", self.family), ("From", self.first), ("To", self.last)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addStretch(1)
        for made in self.case.buttons():  # the coordinator's, for the chosen line's family
            filters.addWidget(made)
        row = self.actions.buttons(with_open=False)
        row.insertWidget(0, self.write_button)
        row.addWidget(self.report_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(row)
        layout.addWidget(self.actions.why)
        layout.addWidget(self.actions.message)
        layout.addWidget(self.table, 1)

        self.family.currentIndexChanged.connect(lambda _i: self.load())
        self.first.dateChanged.connect(lambda _d: self.load())
        self.last.dateChanged.connect(lambda _d: self.load())
        self.table.itemSelectionChanged.connect(self._chosen)
        self.table.activated.connect(lambda _index: self.write_or_open())
        self.write_button.clicked.connect(self.write_or_open)
        self.report_button.clicked.connect(self.produce_report)

    def refresh(self) -> None:
        chosen = self.family.currentData()
        with self.ctx.store.session() as s:
            families = overview.supervised_families(s)
        self.family.blockSignals(True)
        self.family.clear()
        self.family.addItem(ALL, None)
        for family_id, ref in families:
            self.family.addItem(ref, family_id)
        self.family.setCurrentIndex(max(self.family.findData(chosen), 0))
        self.family.blockSignals(False)
        self.load()

    def clear(self) -> None:
        self.lines = []
        self.table.setRowCount(0)
        self.family.clear()

    def load(self) -> None:
        record_id = self.chosen_record()
        with self.ctx.store.session() as s:
            self.lines = overview.lines(
                s,
                family_id=self.family.currentData(),
                first=self.first.value(),
                last=self.last.value(),
            )
            self.may_report = permissions.may(s, "produce_reports")
        self.report_button.setVisible(self.may_report)
        self.table.setRowCount(len(self.lines))
        for index, line in enumerate(self.lines):
            where = line.occasion
            values = [
                f"{where.day:%a %d %b %Y}",
                f"{where.start:%H:%M}–{where.end:%H:%M}",
                line.family_ref,
                line.case_number,
                line.children,
                where.venue + (" (escorted)" if where.escorted else ""),
                line.state,
                line.author,
                line.approved_by,
                str(line.addenda) if line.record_id else "",
            ]
            for column, value in enumerate(values):
                self.table.setItem(index, column, QTableWidgetItem(value))
            if record_id is not None and line.record_id == record_id:
                self.table.selectRow(index)
        self._chosen()

    def chosen(self) -> overview.Line | None:
        row = self.table.currentRow()
        return self.lines[row] if 0 <= row < len(self.lines) else None

    def chosen_record(self) -> int | None:
        line = self.chosen()
        return line.record_id if line else None

    def chosen_family(self) -> int | None:
        line = self.chosen()
        return line.family_id if line else self.family.currentData()

    def _chosen(self) -> None:
        line = self.chosen()
        self.write_button.setEnabled(line is not None)
        self.write_button.setText("Write record…" if line and line.record_id is None else "Open…")
        self.report_button.setEnabled(self.chosen_family() is not None)
        self.actions.update()
        self.case.update()

    def write_or_open(self) -> None:
        line = self.chosen()
        if line is None:
            return
        if line.record_id is None:
            self.actions.start(line.booking_id, line.escorted_visit_id)
        else:
            self.actions.open(line.record_id)

    def produce_report(self) -> None:
        family_id = self.chosen_family()
        if family_id is None:
            return
        self.report_dialog = dialog = ReportDialog(self.ctx, family_id, self)
        dialog.saved.connect(self.refresh)
        dialog.open()
