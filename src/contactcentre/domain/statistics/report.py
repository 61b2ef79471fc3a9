"""The funders' report as plain data: the centre's letterhead, the period, the figures
table in the return's order, the charts and the centre's fixed paragraph
(forms/funders_report.md). Counts only: nothing here reads a name, a reference or any
free text from the register."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from contactcentre.documents.data import StatisticsReport, StatisticsRow
from contactcentre.domain import forms, permissions
from contactcentre.domain.centre import letterhead
from contactcentre.domain.statistics.charts import statistics_charts
from contactcentre.domain.statistics.periods import Period
from contactcentre.domain.statistics.summary import Statistics, naccc_rows, statistics_for

STATEMENT_FORM = "funders_report.md"


def table_rows(stats: Statistics) -> tuple[StatisticsRow, ...]:
    """The figures under their section headings, as the screen and the report show them."""
    rows: list[StatisticsRow] = []
    current = ""
    for section, label, _key, value in naccc_rows(stats):
        if section != current:
            rows.append(StatisticsRow(section, None, heading=True))
            current = section
        rows.append(StatisticsRow(label, value))
    return tuple(rows)


def funders_report(s: Session, period: Period, *, today: date) -> StatisticsReport:
    """The report for `period`, dated `today` (the caller logs the PDF it renders with
    audit.document_produced, as for every document)."""
    permissions.require(s, "export_statistics")
    head = letterhead(s)
    stats = statistics_for(s, period)
    return StatisticsReport(
        letterhead=head,
        period_label=period.label,
        period_from=period.start,
        period_to=period.end,
        produced_on=today,
        rows=table_rows(stats),
        charts=statistics_charts(s, period, today),
        statement=forms.fill(forms.load(STATEMENT_FORM).body, centre_name=head.name),
    )
