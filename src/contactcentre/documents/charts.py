"""Charts (documents.data.Chart) drawn as vector graphics with reportlab.graphics, for
the funders' report. Every label is in the embedded DejaVu Sans (no Helvetica)."""

from __future__ import annotations

import itertools

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit

from contactcentre.documents import pdf
from contactcentre.documents.data import Chart

# One colour per series, the same on screen (ui/statistics/chart_view.py reads this list).
PALETTE = ("#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6", "#a50021")
HEIGHT = 190.0
PLOT = (40.0, 48.0)  # left and bottom of the plot area inside the drawing
TOP_SPACE = 26.0  # the title above the plot


def nice_scale(largest: float, most_steps: int = 5) -> tuple[float, float]:
    """A value axis for counts: (top, step) with a round step (1, 2, 5, 10, 20, 50, …)
    and at most `most_steps` steps, the top just at or over the largest value."""
    round_steps = (m * 10**power for power in itertools.count() for m in (1, 2, 5))
    step = next(s for s in round_steps if s * most_steps >= largest)
    steps = max(1, -(-int(largest) // step))
    return float(step * steps), float(step)


def _style_axis_labels(axis: object) -> None:
    labels = axis.labels  # type: ignore[attr-defined]
    labels.fontName = pdf.FONT
    labels.fontSize = 7


def _bars(chart: Chart, width: float) -> list[object]:
    bars = VerticalBarChart()
    bars.x, bars.y = PLOT
    bars.width = width - PLOT[0] - 12
    bars.height = HEIGHT - PLOT[1] - TOP_SPACE
    bars.data = [tuple(v or 0 for v in series.values) for series in chart.series]
    bars.categoryAxis.categoryNames = list(chart.categories)
    bars.valueAxis.valueMin = 0
    largest = max((v or 0 for series in chart.series for v in series.values), default=0)
    bars.valueAxis.valueMax, bars.valueAxis.valueStep = nice_scale(largest)
    bars.valueAxis.labelTextFormat = "%d"
    bars.groupSpacing = 8
    bars.barSpacing = 1
    for index in range(len(chart.series)):
        bars.bars[index].fillColor = colors.HexColor(PALETTE[index % len(PALETTE)])
        bars.bars[index].strokeColor = None
    _style_axis_labels(bars.categoryAxis)
    _style_axis_labels(bars.valueAxis)
    return [bars, _legend(chart, width)]


def _line(chart: Chart, width: float) -> list[object]:
    plot = LinePlot()
    plot.x, plot.y = PLOT
    plot.width = width - PLOT[0] - 12
    plot.height = HEIGHT - PLOT[1] - TOP_SPACE
    plot.data = [
        [(i, v) for i, v in enumerate(series.values) if v is not None] or [(0, 0)]
        for series in chart.series
    ]
    plot.xValueAxis.valueMin = -0.5
    plot.xValueAxis.valueMax = max(len(chart.categories) - 0.5, 0.5)
    plot.xValueAxis.valueSteps = list(range(len(chart.categories)))
    names = chart.categories
    plot.xValueAxis.labelTextFormat = lambda i: names[int(i)] if 0 <= int(i) < len(names) else ""
    plot.yValueAxis.valueMin = 0
    plot.yValueAxis.valueMax = 100
    plot.yValueAxis.valueStep = 20
    plot.yValueAxis.labelTextFormat = "%d" + chart.unit.replace("%", "%%")
    for index in range(len(chart.series)):
        plot.lines[index].strokeColor = colors.HexColor(PALETTE[index % len(PALETTE)])
        plot.lines[index].strokeWidth = 1.5
    _style_axis_labels(plot.xValueAxis)
    _style_axis_labels(plot.yValueAxis)
    return [plot]


def _legend(chart: Chart, width: float) -> Legend:
    legend = Legend()
    legend.x, legend.y = PLOT[0], 12
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName = pdf.FONT
    legend.fontSize = 7
    legend.dx = legend.dy = 6
    legend.deltax = max(60.0, (width - PLOT[0]) / max(len(chart.series), 1))
    legend.colorNamePairs = [
        (colors.HexColor(PALETTE[i % len(PALETTE)]), series.name)
        for i, series in enumerate(chart.series)
    ]
    return legend


def drawing(chart: Chart, width: float) -> Drawing:
    """The chart as a Drawing `width` points wide; with no series, its title and note."""
    pdf.register_fonts()
    note_lines = simpleSplit(chart.note, pdf.FONT, 8, width) if not chart.series else []
    shown = Drawing(width, HEIGHT if chart.series else 24 + 11 * len(note_lines))
    # The renderer's starting state, else it sets (an unused, never embedded) Helvetica.
    shown.initialFontName = pdf.FONT
    shown.add(String(0, shown.height - 14, chart.title, fontName=pdf.FONT_BOLD, fontSize=10))
    if not chart.series:
        for index, line in enumerate(note_lines):
            y = shown.height - 30 - 11 * index
            shown.add(String(0, y, line, fontName=pdf.FONT, fontSize=8))
        return shown
    parts = _bars(chart, width) if chart.kind == "bars" else _line(chart, width)
    for part in parts:
        shown.add(part)
    if chart.note:
        shown.add(String(PLOT[0], 0, chart.note, fontName=pdf.FONT, fontSize=7))
    return shown
