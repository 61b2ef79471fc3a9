"""A drawn timeline of one session's plan: per family, the visiting parent's time in the
building, the child's contact, and each handover. Clashes are drawn in red."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from contactcentre.domain.bookings.handovers import Clash, HandoverPlan

VISITOR = QColor("#1f6fd1")
CHILD = QColor("#f0b429")
CLASH = QColor("#d32f2f")
GRID = QColor("#d5dae0")


def minutes(t: time) -> int:
    return t.hour * 60 + t.minute


@dataclass(frozen=True)
class TimelineRow:
    label: str
    plan: HandoverPlan


class Timeline(QWidget):
    ROW = 34
    LEFT = 170
    RIGHT = 24  # room for the last hour label
    TOP = 26

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoverTimeline")
        self.setAccessibleName("Handover timeline")
        self.rows: list[TimelineRow] = []
        self.clashes: list[Clash] = []
        self.setMinimumHeight(self.TOP + self.ROW)

    def set_plan(self, rows: Sequence[TimelineRow], clashes: Sequence[Clash]) -> None:
        self.rows, self.clashes = list(rows), list(clashes)
        self.setMinimumHeight(self.TOP + self.ROW * max(1, len(self.rows)) + 8)
        self.update()

    def clashing(self, family_id: int) -> bool:
        return any(family_id in clash.family_ids for clash in self.clashes)

    def _span(self) -> tuple[int, int]:
        starts = [minutes(r.plan.nonresident_arrive) for r in self.rows]
        ends = [minutes(r.plan.nonresident_leave) for r in self.rows]
        first = (min(starts) // 15) * 15
        last = -(-max(ends) // 15) * 15
        return first, max(last, first + 15)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        if not self.rows:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No families booked yet")
            return
        first, last = self._span()
        width = max(1, self.width() - self.LEFT - self.RIGHT)

        def x(m: int) -> float:
            return self.LEFT + (m - first) * width / (last - first)

        small = QFont(self.font())
        small.setPointSize(8)
        painter.setFont(small)
        for m in range(first, last + 1, 15):
            painter.setPen(QPen(GRID))
            painter.drawLine(QPointF(x(m), self.TOP - 4), QPointF(x(m), self.height()))
            painter.setPen(QPen(QColor("#555555")))
            painter.drawText(QPointF(x(m) - 14, self.TOP - 8), f"{m // 60:02d}:{m % 60:02d}")
        painter.setFont(self.font())
        for i, row in enumerate(self.rows):
            top = self.TOP + i * self.ROW
            plan = row.plan
            bad = self.clashing(plan.family_id)
            painter.setPen(QPen(CLASH if bad else QColor("#1d1d1f")))
            label = painter.fontMetrics().elidedText(
                row.label, Qt.TextElideMode.ElideRight, self.LEFT - 12
            )
            painter.drawText(
                QRectF(4, top, self.LEFT - 8, self.ROW), Qt.AlignmentFlag.AlignVCenter, label
            )
            visitor = QRectF(x(minutes(plan.nonresident_arrive)), top + 6, 0, 8)
            visitor.setRight(x(minutes(plan.nonresident_leave)))
            painter.fillRect(visitor, CLASH if bad else VISITOR)
            child = QRectF(x(minutes(plan.child_dropoff)), top + 16, 0, 10)
            child.setRight(x(minutes(plan.child_pickup)))
            painter.fillRect(child, CHILD)
            for handover in plan.handovers():
                painter.setPen(QPen(CLASH if bad else QColor("#1d1d1f"), 2))
                painter.drawLine(
                    QPointF(x(minutes(handover)), top + 2),
                    QPointF(x(minutes(handover)), top + self.ROW - 4),
                )
        painter.end()
