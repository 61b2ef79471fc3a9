"""Locking after N minutes without keyboard or mouse input, by the wall clock.

An application-wide event filter notes the time of the last input; a timer looks every
few seconds at the injected clock. Because the comparison is against the clock and not a
countdown, a laptop that slept for an hour locks as soon as it wakes.

Locking during a session must not hide the board's alerts. The key is dropped on lock, so
nothing can be read while locked: just before, the board is read once into a LiveSession
of plain numbers and times (how many alerts, when the next step falls overdue) and the
lock screen says from that alone that alerts are waiting, and, by the clock, when more
may have come due. No name, family or message is kept; unlocking shows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from contactcentre.domain.clock import Clock
from contactcentre.domain.session_day.welcome_desk import BoardRow

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


@dataclass(frozen=True)
class LiveSession:
    """All the lock screen keeps of a session in progress: a count and a time, no names."""

    alerts: int
    next_due: datetime | None  # when the next step still to come falls overdue


def live_session(rows: Sequence[BoardRow], now: datetime, overdue_after: int) -> LiveSession | None:
    """The session in progress on today's board, or None if every family is done."""
    to_come = [
        at
        for row in rows
        if not row.state.no_show
        for kind, at in row.state.expected.items()
        if kind not in row.state.done
    ]
    alerts = sum(len(row.state.alerts) for row in rows)
    if not to_come and not alerts:
        return None
    late = [at + timedelta(minutes=overdue_after) for at in to_come]
    return LiveSession(alerts, min((at for at in late if at > now), default=None))


class SessionNotice(QLabel):
    """On the lock screen: that a session is in progress and alerts are waiting. It is
    worded afresh every CHECK_MS by the clock, from the LiveSession only."""

    CHECK_MS = 15_000

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionNotice")
        self.setWordWrap(True)
        self.live: LiveSession | None = None
        self.clock: Clock | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(self.CHECK_MS)
        self.timer.timeout.connect(self.update_text)
        self.hide()

    def show_session(self, live: LiveSession | None, clock: Clock) -> None:
        self.live, self.clock = live, clock
        self.update_text()
        if live is None:
            self.timer.stop()
        else:
            self.timer.start()

    def update_text(self) -> None:
        live, clock = self.live, self.clock
        self.setVisible(live is not None)
        if live is None or clock is None:
            self.clear()
            return
        waiting = {0: "no alerts", 1: "1 alert"}.get(live.alerts, f"{live.alerts} alerts")
        text = f"A session is in progress — {waiting} waiting on the board."
        if live.next_due is not None:
            due = f"{live.next_due.astimezone(clock.tz):%H:%M}"
            text += (
                f" More may have come due since {due}: unlock to see them."
                if clock.now() >= live.next_due
                else f" The next may come due at {due}."
            )
        self.setText(text)
