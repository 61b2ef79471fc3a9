"""Column types the store needs beyond SQLAlchemy's defaults."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.types import DateTime, TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """An aware timestamp stored as naive UTC; always read back aware (UTC).

    SQLite keeps no zone, so the zone is fixed by convention here rather than lost.
    Naive values are refused: a naive datetime in this app is always a bug.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    """The current moment as the UTC columns hold it (aware, in UTC)."""
    return datetime.now(UTC)
