"""Statistics: the centre's figures for a period (a quarter, a financial year, or any
from–to), as the NACCC return lists them, beside the three charts; and the funders'
report (PDF) and the NACCC return (CSV) to save.

Counts only: nothing on this screen names a family. Seeing it needs a coordinator or a
supervisor, saving the report or the return a coordinator (domain/permissions.py).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from contactcentre import outputs
from contactcentre.documents.statistics_report import render_statistics_report
from contactcentre.domain import acting, audit, permissions
from contactcentre.domain.errors import DomainError
from contactcentre.domain.statistics.charts import statistics_charts
from contactcentre.domain.statistics.periods import Period, presets
from contactcentre.domain.statistics.report import funders_report, table_rows
from contactcentre.domain.statistics.summary import as_json, naccc_csv, statistics_for
from contactcentre.ui import printing, prompts
from contactcentre.ui.context import Context, KeepsNoDraft
from contactcentre.ui.fields import DateField
from contactcentre.ui.statistics.chart_view import ChartView

CUSTOM = "From – to"


class StatisticsScreen(KeepsNoDraft, QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("statisticsScreen")
        self.figures: dict[str, Any] | None = None  # as `stats --json` gives them
        self.period: Period | None = None

        self.preset = QComboBox()
        self.preset.setObjectName("statisticsPeriod")
        self.preset.setAccessibleName("Period: a quarter, a financial year, or from – to")
        self.first = DateField(today=ctx.clock.today())
        self.first.setObjectName("statisticsFrom")
        self.first.setAccessibleName("From")
        self.last = DateField(today=ctx.clock.today())
        self.last.setObjectName("statisticsTo")
        self.last.setAccessibleName("To")
        self.show_button = QPushButton("&Show")
        self.show_button.setObjectName("statisticsShow")
        self.show_button.setAccessibleName("Show the figures for the dates typed")
        self.save_report = QPushButton("Save funders' &report…")
        self.save_report.setObjectName("statisticsSaveReport")
        self.save_report.setAccessibleName("Save the funders' report as a PDF")
        self.save_return = QPushButton("Save NACCC return (&CSV)…")
        self.save_return.setObjectName("statisticsSaveReturn")
        self.save_return.setAccessibleName("Save the NACCC return as a CSV file")
        self.copy_button = QPushButton("Co&py figures")
        self.copy_button.setObjectName("statisticsCopy")
        self.copy_button.setAccessibleName(
            "Copy the selected figures (or all of them) to paste into the NACCC return"
        )
        self.heading = QLabel()
        self.heading.setObjectName("statisticsHeading")
        self.heading.setWordWrap(True)

        self.table = QTableWidget(0, 2)
        self.table.setObjectName("statisticsTable")
        self.table.setAccessibleName("The figures, in the order of the NACCC return")
        self.table.setHorizontalHeaderLabels(["Figure", "Value"])
        self.table.verticalHeader().setVisible(False)
        rows = self.table.verticalHeader()
        rows.setDefaultSectionSize(rows.fontMetrics().height() + 8)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.charts = [
            ChartView(name) for name in ("referralsChart", "capacityChart", "outcomesChart")
        ]
        chart_panel = QWidget()
        chart_layout = QVBoxLayout(chart_panel)
        for view in self.charts:
            chart_layout.addWidget(view)
        chart_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("statisticsCharts")
        scroll.setWidgetResizable(True)
        scroll.setWidget(chart_panel)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("statisticsSplit")
        split.addWidget(self.table)
        split.addWidget(scroll)
        split.setSizes([460, 780])

        controls = QHBoxLayout()
        controls.addWidget(QLabel("Period:"))
        controls.addWidget(self.preset)
        controls.addWidget(QLabel("From"))
        controls.addWidget(self.first)
        controls.addWidget(QLabel("to"))
        controls.addWidget(self.last)
        controls.addWidget(self.show_button)
        controls.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.copy_button)
        actions.addWidget(self.save_report)
        actions.addWidget(self.save_return)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.heading)
        layout.addWidget(split, 1)
        layout.addLayout(actions)

        self.preset.activated.connect(self._preset_chosen)
        self.show_button.clicked.connect(self._show_typed)
        self.copy_button.clicked.connect(self.copy_figures)
        QShortcut(QKeySequence.StandardKey.Copy, self.table, self.copy_figures)
        self.save_report.clicked.connect(self.save_funders_report)
        self.save_return.clicked.connect(self.save_naccc_return)
        self._fill_presets()

    def _fill_presets(self) -> None:
        self.preset.clear()
        for label, period in presets(self.ctx.clock.today()):
            self.preset.addItem(label, period)
        self.preset.addItem(CUSTOM, None)
        self._preset_chosen(0)

    # --- the period ------------------------------------------------------------------
    def _preset_chosen(self, index: int) -> None:
        period = self.preset.itemData(index)
        if isinstance(period, Period):
            self.first.set_value(period.start)
            self.last.set_value(period.end)
            self.period = period
            if self.figures is not None:  # shown before: show the new period at once
                self.refresh()

    def _show_typed(self) -> None:
        try:
            first, last = self.first.checked_value(), self.last.checked_value()
            if first is None or last is None:
                raise DomainError("Type the first and the last day of the period.")
            self.period = Period(first, last)
        except DomainError as error:
            prompts.error(self, "Statistics", str(error))
            return
        same = [i for i in range(self.preset.count()) if self.preset.itemData(i) == self.period]
        self.preset.setCurrentIndex(same[0] if same else self.preset.count() - 1)
        self.refresh()

    def show_period(self, first: date, last: date) -> None:
        """Show the figures for `first`–`last` (as typed into the fields, then Show)."""
        self.first.set_value(first)
        self.last.set_value(last)
        self._show_typed()

    # --- Screen ----------------------------------------------------------------------
    def refresh(self) -> None:
        period = self.period
        assert period is not None
        today = self.ctx.clock.today()
        with self.ctx.store.session() as s:
            if not permissions.may(s, "see_statistics"):
                self.clear()
                self.heading.setText(str(permissions.Refused("see_statistics", acting.role(s))))
                return
            stats = statistics_for(s, period)
            self.figures, rows = as_json(stats), table_rows(stats)
            charts = statistics_charts(s, period, today)
            may_export = permissions.may(s, "export_statistics")
        self.save_report.setEnabled(may_export)
        self.save_return.setEnabled(may_export)
        ahead = period.end > today
        self.heading.setText(
            f"<b>Figures for {period.label}</b> ({period.start:%d/%m/%Y} to {period.end:%d/%m/%Y})"
            + (
                " — the period runs past today: sessions still to come count as held, with "
                "their places booked."
                if ahead
                else ""
            )
        )
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            label = QTableWidgetItem(row.label)
            value = QTableWidgetItem(row.value or "")
            value.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if row.heading:
                bold = QFont(label.font())
                bold.setBold(True)
                label.setFont(bold)
            self.table.setItem(index, 0, label)
            self.table.setItem(index, 1, value)
        for view, chart in zip(self.charts, charts, strict=True):
            view.set_chart(chart)

    def clear(self) -> None:
        self.figures = None
        self.heading.clear()
        self.table.setRowCount(0)
        for view in self.charts:
            view.set_chart(None)

    def shown_values(self) -> dict[str, str]:
        """Figure → value as the table shows them (tests compare them with the CLI)."""
        return {
            self.table.item(r, 0).text(): self.table.item(r, 1).text()
            for r in range(self.table.rowCount())
            if self.table.item(r, 1).text()
        }

    def copy_figures(self) -> str:
        """The selected rows (all, if none is selected) as "figure<Tab>value" lines, on the
        clipboard: counts only, so they stay there (no personal data to forget)."""
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        rows = rows or list(range(self.table.rowCount()))
        text = "\n".join(
            "\t".join(self.table.item(r, c).text() for c in range(2)).rstrip("\t") for r in rows
        )
        QApplication.clipboard().setText(text)
        return text

    # --- saving ----------------------------------------------------------------------
    def _file_label(self) -> str:
        assert self.period is not None
        return f"statistics {self.period.start:%Y-%m-%d} to {self.period.end:%Y-%m-%d}"

    def save_funders_report(self) -> None:
        period = self.period
        assert period is not None
        try:
            with self.ctx.store.session() as s:
                pdf = render_statistics_report(
                    funders_report(s, period, today=self.ctx.clock.today())
                )
            path = printing.save_pdf(
                self,
                "Save the funders' report",
                f"{self._file_label()}.pdf",
                pdf,
                database=self.ctx.store.path,
            )
            if path is not None:
                with self.ctx.store.session() as s:
                    audit.document_produced(s, "statistics_report", pdf)
        except DomainError as error:
            prompts.error(self, "Funders' report", str(error))

    def save_naccc_return(self) -> None:
        period = self.period
        assert period is not None
        suggested = printing.free_name(
            printing.default_folder(), f"NACCC return {self._file_label()}.csv"
        )
        path = prompts.save_file(self, "Save the NACCC return", str(suggested), "CSV (*.csv)")
        if path is None:
            return
        try:
            with self.ctx.store.session() as s:
                data = naccc_csv(s, period)
                self._write(path, data)
                audit.document_produced(s, "naccc_return", data)
        except DomainError as error:
            prompts.error(self, "NACCC return", str(error))

    def _write(self, path: Path, data: bytes) -> None:
        try:
            outputs.write_file(path, data, database=self.ctx.store.path)
        except OSError as error:
            raise DomainError(f"The return could not be saved: {error.strerror}") from error
