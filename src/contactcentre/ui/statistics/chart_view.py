"""A chart (documents.data.Chart, the same definition the funders' report draws with
reportlab.graphics) painted with QPainter: grouped bars or lines, a value axis with
round steps, category labels and a legend; with no series, the chart's caption."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from contactcentre.documents.charts import PALETTE, nice_scale
from contactcentre.documents.data import Chart

TITLE_HEIGHT = 22
LEGEND_HEIGHT = 20
LABELS_HEIGHT = 18
AXIS_WIDTH = 40


class ChartView(QWidget):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.chart: Chart | None = None
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        return QSize(520, 210 if self.chart is None or self.chart.series else 70)

    def set_chart(self, chart: Chart | None) -> None:
        self.chart = chart
        self.setAccessibleName(chart.title if chart else "")
        self.setToolTip(chart.note if chart else "")
        self.updateGeometry()
        self.update()

    # --- geometry (also what tests count) -------------------------------------------
    def plot_area(self) -> QRectF:
        return QRectF(
            AXIS_WIDTH,
            TITLE_HEIGHT,
            max(10, self.width() - AXIS_WIDTH - 10),
            max(10, self.height() - TITLE_HEIGHT - LABELS_HEIGHT - LEGEND_HEIGHT),
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
        painter.drawText(
            QRectF(0, 0, self.width(), TITLE_HEIGHT), Qt.AlignmentFlag.AlignLeft, chart.title
        )
        font.setBold(False)
        painter.setFont(font)
        if not chart.series:
            painter.setPen(QColor("#555555"))
            caption = QRectF(0, TITLE_HEIGHT, self.width(), self.height() - TITLE_HEIGHT)
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
            label = QRectF(0, y - 8, AXIS_WIDTH - 4, 16)
            painter.setPen(QColor("#1a1a1a"))
            painter.drawText(label, Qt.AlignmentFlag.AlignRight, f"{value:g}{chart.unit}")
            painter.setPen(QColor("#9aa5b1"))
            value += step
        painter.setPen(QColor("#1a1a1a"))
        group = area.width() / len(chart.categories)
        for c, name in enumerate(chart.categories):
            cell = QRectF(area.left() + c * group, area.bottom() + 2, group, LABELS_HEIGHT)
            painter.drawText(cell, Qt.AlignmentFlag.AlignHCenter, name)

    def _legend(self, painter: QPainter, chart: Chart) -> None:
        x = float(AXIS_WIDTH)
        y = self.height() - LEGEND_HEIGHT + 4
        metrics = painter.fontMetrics()
        for index, series in enumerate(chart.series):
            painter.fillRect(QRectF(x, y + 2, 10, 10), QColor(PALETTE[index % len(PALETTE)]))
            painter.drawText(QPointF(x + 14, y + 11), series.name)
            x += 14 + metrics.horizontalAdvance(series.name) + 16
