"""The app's sense of "now", injected so tests set the time instead of sleeping."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


class Clock:
    def __init__(self, tz: str = "Europe/London") -> None:
        self.tz = ZoneInfo(tz)

    def set_zone(self, tz: str) -> None:
        """Show local times in the centre's own zone (its setting, read at unlock)."""
        self.tz = ZoneInfo(tz)

    def now(self) -> datetime:
        """The current moment, aware, in UTC."""
        return datetime.now(UTC)

    def local_now(self) -> datetime:
        return self.now().astimezone(self.tz)

    def today(self) -> date:
        return self.local_now().date()


class FixedClock(Clock):
    """A clock that stands still until told to move (tests, demos)."""

    def __init__(self, at: datetime, tz: str = "Europe/London") -> None:
        super().__init__(tz)
        if at.tzinfo is None:
            at = at.replace(tzinfo=self.tz)
        self._at = at.astimezone(UTC)

    def now(self) -> datetime:
        return self._at

    def set(self, at: datetime) -> None:
        if at.tzinfo is None:
            at = at.replace(tzinfo=self.tz)
        self._at = at.astimezone(UTC)

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        self._at += timedelta(**delta)
