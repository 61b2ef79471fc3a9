"""A chart (documents.data.Chart, the same definition the funders' report draws with
reportlab.graphics) painted with QPainter: grouped bars or lines, a value axis with
round steps, category labels and a legend; with no series, the chart's caption."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from contactcentre.documents.charts import PALETTE, nice_scale
from contactcentre.documents.data import Chart

CHART_LINES = 10  # a chart with series is this many lines of text high


class ChartView(QWidget):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.chart: Chart | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def line(self) -> int:
        return self.fontMetrics().height()

    def axis_width(self) -> int:
        return self.fontMetrics().horizontalAdvance("100%") + 8

    def sizeHint(self) -> QSize:
        drawn = self.chart is None or bool(self.chart.series)
        return QSize(520, self.line() * (CHART_LINES if drawn else 4))

    def set_chart(self, chart: Chart | None) -> None:
        self.chart = chart
        self.setAccessibleName(chart.title if chart else "")
        self.setToolTip(chart.note if chart else "")
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    # --- geometry (also what tests count) -------------------------------------------
    def plot_area(self) -> QRectF:
        line, axis = self.line(), self.axis_width()
        legend = line + 8 if self.chart is not None and self.chart.kind == "bars" else 0
        return QRectF(
            axis,
            line * 2,
            max(10, self.width() - axis - 10),
            max(10, self.height() - line * 3.5 - legend),
        )

    def top(self) -> float:
        chart = self.chart
        if chart is None or chart.unit == "%":
            return 100.0
        largest = max((v or 0 for s in chart.series for v in s.values), default=0)
        return nice_scale(largest)[0]

    def bar_rects(self) -> list[tuple[int, QRectF]]:
        """(series index, rectangle) of each bar with a value above 0."""
        chart = self.chart
        if chart is None or chart.kind != "bars" or not chart.categories:
            return []
        area, top = self.plot_area(), self.top()
        group = area.width() / len(chart.categories)
        width = (group * 0.8) / max(1, len(chart.series))
        rects = []
        for c in range(len(chart.categories)):
            for index, series in enumerate(chart.series):
                value = series.values[c] or 0
                if value <= 0:
                    continue
                height = area.height() * value / top
                left = area.left() + c * group + group * 0.1 + index * width
                rects.append((index, QRectF(left, area.bottom() - height, width - 1, height)))
        return rects

    def line_points(self) -> list[list[QPointF]]:
        """Each series' points, broken where a value is missing."""
        chart = self.chart
        if chart is None or chart.kind != "line" or not chart.categories:
            return []
        area, top = self.plot_area(), self.top()
        step = area.width() / len(chart.categories)
        lines = []
        for series in chart.series:
            runs: list[list[QPointF]] = [[]]
            for c, value in enumerate(series.values):
                if value is None:
                    runs.append([])
                    continue
                x = area.left() + step * (c + 0.5)
                runs[-1].append(QPointF(x, area.bottom() - area.height() * value / top))
            lines += [run for run in runs if run]
        return lines

    # --- painting ----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        chart = self.chart
        if chart is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        title = QRectF(0, 0, self.width(), self.line() * 1.5)
        painter.drawText(title, Qt.AlignmentFlag.AlignLeft, chart.title)
        font.setBold(False)
        painter.setFont(font)
        if not chart.series:
            painter.setPen(QColor("#555555"))
            top = self.line() * 1.5
            caption = QRectF(0, top, self.width(), self.height() - top)
            painter.drawText(caption, Qt.TextFlag.TextWordWrap, chart.note)
            painter.end()
            return
        self._axes(painter, chart)
        for index, rect in self.bar_rects():
            painter.fillRect(rect, QColor(PALETTE[index % len(PALETTE)]))
        for points in self.line_points():
            painter.setPen(QPen(QColor(PALETTE[0]), 2))
            painter.drawPolyline(points)
            for point in points:
                painter.drawEllipse(point, 2.5, 2.5)
        if chart.kind == "bars":
            self._legend(painter, chart)
        if chart.note:  # e.g. "No sessions were held.", over the empty plot
            painter.setPen(QColor("#555555"))
            painter.drawText(self.plot_area(), Qt.AlignmentFlag.AlignCenter, chart.note)
        painter.end()

    def _axes(self, painter: QPainter, chart: Chart) -> None:
        area, top = self.plot_area(), self.top()
        step = 20.0 if chart.unit == "%" else nice_scale(top)[1]
        painter.setPen(QColor("#9aa5b1"))
        value = 0.0
        while value <= top:
            y = area.bottom() - area.height() * value / top
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            label = QRectF(0, y - self.line() / 2, self.axis_width() - 6, self.line())
            painter.setPen(QColor("#1a1a1a"))
            painter.drawText(label, Qt.AlignmentFlag.AlignRight, f"{value:g}{chart.unit}")
            painter.setPen(QColor("#9aa5b1"))
            value += step
        painter.setPen(QColor("#1a1a1a"))
        group = area.width() / len(chart.categories)
        for c, name in enumerate(chart.categories):
            cell = QRectF(area.left() + c * group, area.bottom() + 2, group, self.line() + 2)
            painter.drawText(cell, Qt.AlignmentFlag.AlignHCenter, name)

    def _legend(self, painter: QPainter, chart: Chart) -> None:
        x = float(self.axis_width())
        metrics = painter.fontMetrics()
        y = self.height() - metrics.height() - 4
        for index, series in enumerate(chart.series):
            swatch = QRectF(x, y + (metrics.height() - 10) / 2, 10, 10)
            painter.fillRect(swatch, QColor(PALETTE[index % len(PALETTE)]))
            painter.drawText(QPointF(x + 14, y + metrics.ascent()), series.name)
            x += 14 + metrics.horizontalAdvance(series.name) + 16
