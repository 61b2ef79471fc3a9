"""The calendar's month: each session day filled in its status colour with its bookings
count, the chosen day outlined, and a legend saying what the colours mean."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from contactcentre.domain.bookings.session_calendar import SessionInfo

DAY_COLOURS = {"open": "#c8e6c9", "full": "#ffe0b2", "closed": "#e0e0e0", "cancelled": "#ffcdd2"}
STATUS_WORDS = {"open": "Open", "full": "Full", "closed": "Closed", "cancelled": "Cancelled"}
SELECTED = QColor("#1f6fd1")


class MonthView(QCalendarWidget):
    """A month with each session day filled in its status colour and its bookings count."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("monthCalendar")
        self.setAccessibleName("Session days this month")
        self.setGridVisible(True)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.sessions: dict[date, SessionInfo] = {}

    def paintCell(self, painter: QPainter, rect: QRect, cell: QDate) -> None:
        day: date = cell.toPython()
        info = self.sessions.get(day)
        painter.save()
        painter.fillRect(rect, QColor(DAY_COLOURS[info.status] if info else "white"))
        in_month = cell.month() == self.monthShown()
        painter.setPen(QColor("#1d1d1f" if in_month else "#9aa3ad"))
        font = QFont(self.font())
        font.setBold(info is not None)
        font.setStrikeOut(info is not None and info.status in {"closed", "cancelled"})
        painter.setFont(font)
        top = QRect(rect.left(), rect.top() + 2, rect.width(), rect.height() // 2)
        painter.drawText(top, Qt.AlignmentFlag.AlignCenter, str(cell.day()))
        if info is not None:
            small = QFont(self.font())
            small.setPointSizeF(max(6.0, self.font().pointSizeF() - 3))
            painter.setFont(small)
            below = QRect(rect.left(), rect.center().y(), rect.width(), rect.height() // 2)
            count = f"{info.booked}/{info.capacity}"
            word = count if info.status in {"open", "full"} else STATUS_WORDS[info.status]
            painter.drawText(below, Qt.AlignmentFlag.AlignCenter, word)
        if cell == self.selectedDate():
            painter.setPen(QPen(SELECTED, 3))
            painter.drawRect(rect.adjusted(2, 2, -2, -2))
        painter.restore()


def legend() -> QWidget:
    box = QWidget()
    box.setObjectName("calendarLegend")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    chips = QHBoxLayout()
    for status, word in STATUS_WORDS.items():
        chip = QLabel(word)
        chip.setStyleSheet(
            f"background: {DAY_COLOURS[status]}; border: 1px solid #b8bec7; "
            "border-radius: 3px; padding: 2px 6px;"
        )
        chips.addWidget(chip)
    chips.addStretch(1)
    layout.addLayout(chips)
    layout.addWidget(QLabel("Under each session day: families booked / places"))
    return box
