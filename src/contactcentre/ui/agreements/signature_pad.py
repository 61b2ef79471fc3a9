"""A pad to sign on with a mouse, touchpad or pen.

Strokes are kept as lists of points in pad units (0..1 across and down), so the same
signature can be drawn at any size: on screen here, and in the agreement PDF. The pad
keeps a fixed shape (ASPECT wide to 1 high) so a signature is never squashed.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTabletEvent,
)
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

ASPECT = 3.0  # width : height, the same box the agreement PDF draws into
Stroke = list[tuple[float, float]]


class SignaturePad(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.setAccessibleName("Signature pad: sign here with the mouse, touchpad or pen")
        self.setAttribute(Qt.WidgetAttribute.WA_TabletTracking, True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setMinimumSize(360, 120)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._strokes: list[Stroke] = []
        self._drawing = False
        self.clear_button = QPushButton("Clear", self)
        self.clear_button.setObjectName("clearSignature")
        self.clear_button.setAccessibleName("Clear the signature")
        self.clear_button.setCursor(Qt.CursorShape.ArrowCursor)
        self.clear_button.clicked.connect(self.clear)

    # --- what was signed --------------------------------------------------------
    def strokes(self) -> list[Stroke]:
        return [list(stroke) for stroke in self._strokes]

    def is_empty(self) -> bool:
        return sum(len(stroke) for stroke in self._strokes) < 2

    def set_strokes(self, strokes: list[Stroke]) -> None:
        self._strokes = [list(stroke) for stroke in strokes]
        self.update()
        self.changed.emit()

    def clear(self) -> None:
        self._strokes = []
        self._drawing = False
        self.update()
        self.changed.emit()

    # --- size -----------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(600, 200)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(width / ASPECT)

    def resizeEvent(self, event: QResizeEvent) -> None:
        hint = self.clear_button.sizeHint()
        self.clear_button.setGeometry(
            self.width() - hint.width() - 6, 6, hint.width(), hint.height()
        )
        super().resizeEvent(event)

    def _box(self) -> QRectF:
        """The drawing area: the largest ASPECT-shaped box centred in the widget."""
        width, height = float(self.width()), float(self.height())
        if width / ASPECT > height:
            width = height * ASPECT
        else:
            height = width / ASPECT
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def _to_pad(self, pos: QPointF) -> tuple[float, float]:
        box = self._box()
        x = (pos.x() - box.left()) / box.width()
        y = (pos.y() - box.top()) / box.height()
        return (round(min(1.0, max(0.0, x)), 4), round(min(1.0, max(0.0, y)), 4))

    def _to_widget(self, point: tuple[float, float]) -> QPointF:
        box = self._box()
        return QPointF(box.left() + point[0] * box.width(), box.top() + point[1] * box.height())

    # --- input ----------------------------------------------------------------
    def _begin(self, pos: QPointF) -> None:
        self._drawing = True
        self._strokes.append([self._to_pad(pos)])
        self.update()

    def _extend(self, pos: QPointF) -> None:
        if not self._drawing or not self._strokes:
            return
        point = self._to_pad(pos)
        if self._strokes[-1][-1] != point:
            self._strokes[-1].append(point)
            self.update()

    def _end(self) -> None:
        if self._drawing:
            self._drawing = False
            self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._extend(event.position())
            self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QTabletEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QTabletEvent.Type.TabletRelease:
            self._extend(event.position())
            self._end()
        event.accept()  # a pen's events are not also replayed as mouse events

    # --- drawing --------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = self._box()
        painter.fillRect(box, QColor("white"))
        painter.setPen(QPen(QColor("#9aa3ad"), 1))
        painter.drawRect(box.adjusted(0.5, 0.5, -0.5, -0.5))
        baseline = box.top() + box.height() * 0.78
        painter.drawLine(
            QPointF(box.left() + box.width() * 0.05, baseline),
            QPointF(box.right() - box.width() * 0.05, baseline),
        )
        painter.drawText(
            QPointF(box.left() + box.width() * 0.05, baseline + box.height() * 0.14),
            "Sign above the line" if self.is_empty() else "",
        )
        pen = QPen(QColor("#10243e"), max(2.0, box.height() / 70))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for stroke in self._strokes:
            if len(stroke) == 1:
                painter.drawPoint(self._to_widget(stroke[0]))
                continue
            path = QPainterPath(self._to_widget(stroke[0]))
            for point in stroke[1:]:
                path.lineTo(self._to_widget(point))
            painter.drawPath(path)
        painter.end()
