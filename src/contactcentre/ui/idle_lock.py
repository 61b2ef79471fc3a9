"""Locking after N minutes without keyboard or mouse input, by the wall clock.

An application-wide event filter notes the time of the last input; a timer looks every
few seconds at the injected clock. Because the comparison is against the clock and not a
countdown, a laptop that slept for an hour locks as soon as it wakes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from contactcentre.domain.clock import Clock

INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleWatcher(QObject):
    """Emits `idle` once the last input is `minutes` old; `start()` arms it again."""

    idle = Signal()
    CHECK_MS = 5_000
    DEFAULT_MINUTES = 5

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.minutes = self.DEFAULT_MINUTES
        self.last_input: datetime = clock.now()
        self.timer = QTimer(self)
        self.timer.setInterval(self.CHECK_MS)
        self.timer.timeout.connect(self.check)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def start(self, minutes: int) -> None:
        self.minutes = minutes
        self.last_input = self.clock.now()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self.last_input = self.clock.now()
        return False

    def check(self) -> None:
        if not self.timer.isActive() or self.minutes <= 0:
            return
        if self.clock.now() - self.last_input >= timedelta(minutes=self.minutes):
            self.stop()
            self.idle.emit()
