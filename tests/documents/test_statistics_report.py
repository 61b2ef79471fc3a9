"""The funders' report: counts under headings, vector charts, embedded fonts only."""

from __future__ import annotations

import io
from datetime import date

import pypdf
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Rect

from contactcentre.documents import charts
from contactcentre.documents.data import (
    Chart,
    ChartSeries,
    Letterhead,
    StatisticsReport,
    StatisticsRow,
)
from contactcentre.documents.statistics_report import render_statistics_report
from tests.pdf_text import pdf_text

REFERRALS = Chart(
    "Referrals by source, per quarter",
    "bars",
    ("Apr–Jun 2027", "Jul–Sep 2027"),
    (ChartSeries("Cafcass", (3.0, 1.0)), ChartSeries("Self-referral", (0.0, 2.0))),
)
CAPACITY = Chart(
    "Capacity use per month (%)",
    "line",
    ("Apr 27", "May 27", "Jun 27"),
    (ChartSeries("Capacity use", (30.0, None, 62.5)),),
    unit="%",
)
OUTCOMES = Chart("Outcomes at closure", "bars", (), (), note="Outcomes: not recorded yet.")


def report() -> StatisticsReport:
    return StatisticsReport(
        letterhead=Letterhead("St Aidan's Child Contact Centre", "Church Hall\nLeeds"),
        period_label="Apr–Jun 2027",
        period_from=date(2027, 4, 1),
        period_to=date(2027, 6, 30),
        produced_on=date(2027, 7, 2),
        rows=(
            StatisticsRow("Availability", None, heading=True),
            StatisticsRow("Places available", "40"),
            StatisticsRow("Complaints received", "not recorded"),
        ),
        charts=(REFERRALS, CAPACITY, OUTCOMES),
        statement="St Aidan's counts.\n\nA second paragraph.\n",
    )


def bar_rects(chart: Chart) -> list[Rect]:
    """The filled bars of the chart's drawing (not the axes or the legend swatches)."""
    drawing = charts.drawing(chart, 480)
    plot = next(c for c in drawing.contents if isinstance(c, VerticalBarChart))
    shapes = plot.draw().getContents()
    return [s for s in _flatten(shapes) if isinstance(s, Rect) and s.height > 0]


def _flatten(shapes: list[object]) -> list[object]:
    found: list[object] = []
    for shape in shapes:
        inner = getattr(shape, "getContents", None)
        found += _flatten(inner()) if inner else [shape]
    return found


def test_a_bar_chart_draws_one_bar_per_series_per_quarter_with_a_value() -> None:
    # Two quarters × two sources, one of them 0 (no bar drawn for it).
    assert len(bar_rects(REFERRALS)) == 3


def test_the_line_chart_skips_a_month_with_no_session() -> None:
    drawing = charts.drawing(CAPACITY, 480)
    plot = next(c for c in drawing.contents if isinstance(c, LinePlot))
    assert plot.data == [[(0, 30.0), (2, 62.5)]]


def test_the_report_shows_period_figures_and_the_not_recorded_caption() -> None:
    text = pdf_text(render_statistics_report(report()))
    assert "Apr–Jun 2027: 01/04/2027 to 30/06/2027. Produced on 02/07/2027." in text
    assert "Places available 40" in text
    assert "Complaints received not recorded" in text
    assert "Outcomes: not recorded yet." in text
    assert "Referrals by source, per quarter" in text and "Self-referral" in text


def test_every_font_in_the_report_is_embedded_dejavu() -> None:
    reader = pypdf.PdfReader(io.BytesIO(render_statistics_report(report())))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert fonts == {"DejaVuSans", "DejaVuSans-Bold"}
