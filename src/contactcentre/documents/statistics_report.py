"""The funders' report (A4): the centre's letterhead, the period, the fixed paragraph,
the figures table in the NACCC return's order and the charts, as vector graphics.

It prints exactly the fields of `StatisticsReport`: counts under their headings, the
charts' labels, and the centre's own details and wording.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from contactcentre.documents import charts, pdf
from contactcentre.documents.data import StatisticsReport, StatisticsRow


def _table(rows: tuple[StatisticsRow, ...], width: float) -> Table:
    st = pdf.styles()
    data: list[list[object]] = [["Figure", "Value"]]
    style: list[tuple[object, ...]] = [*pdf.grid_style(), ("ALIGN", (1, 0), (1, -1), "RIGHT")]
    for row in rows:
        if row.heading:
            style.append(("BACKGROUND", (0, len(data)), (-1, len(data)), pdf.SHADE))
            style.append(("SPAN", (0, len(data)), (-1, len(data))))
            data.append([pdf.para(row.label, st.cell_bold), ""])
        else:
            data.append([pdf.para(row.label, st.cell), row.value or ""])
    table = Table(data, colWidths=[width * 0.75, width * 0.25], repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def render_statistics_report(report: StatisticsReport) -> bytes:
    st = pdf.styles()
    width = pdf.frame_width()
    story: list[Flowable] = [
        *pdf.letterhead(report.letterhead, width=width),
        pdf.para("Statistics report", st.title),
        pdf.para(
            f"{report.period_label}: {report.period_from:%d/%m/%Y} to "
            f"{report.period_to:%d/%m/%Y}. Produced on {report.produced_on:%d/%m/%Y}."
        ),
        Spacer(1, 3 * mm),
        *(pdf.para(" ".join(part.split())) for part in report.statement.split("\n\n")),
        pdf.para("The figures", st.heading),
        _table(report.rows, width),
    ]
    for index, chart in enumerate(report.charts):
        heading = [pdf.para("Charts", st.heading)] if index == 0 else []
        story.append(KeepTogether([*heading, charts.drawing(chart, width), Spacer(1, 5 * mm)]))
    return pdf.build(
        story,
        title=f"Statistics {report.period_from:%d/%m/%Y}–{report.period_to:%d/%m/%Y}",
        footer=f"{report.letterhead.name} – statistics for {report.period_label}",
    )
