"""The opening pattern (an RFC 5545 rule) and local wall-clock time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

from contactcentre.domain.errors import DomainError

ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", -1: "last", -2: "last but one"}
DAYS = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}


class ScheduleError(DomainError, ValueError):
    pass


def occurrences(rule: str, first: date, last: date) -> list[date]:
    """The days in [first, last] on which the opening rule falls."""
    if last < first:
        return []
    # Start at the first of first's month so "2nd Saturday" counts from the month start.
    start = datetime(first.year, first.month, 1)
    try:
        recurrence = rrulestr(rule, dtstart=start)
    except (ValueError, TypeError) as error:
        raise ScheduleError(
            f"The opening pattern '{rule}' is not a valid rule ({error})."
        ) from None
    end = datetime.combine(last, time.max)
    return [d.date() for d in recurrence.between(start, end, inc=True) if d.date() >= first]


def describe_rule(rule: str) -> str:
    """The opening pattern in words, e.g. "2nd and 4th Saturday of each month".

    The usual patterns are said exactly (weekly on some days, every other week, the nth and
    mth weekday of each month, the last one); anything else still gets words, and the
    calendar's preview lists the dates it gives."""
    given = rule.upper().removeprefix("RRULE:").split(";")
    parts = dict(p.split("=", 1) for p in given if "=" in p)
    freq = parts.pop("FREQ", "")
    interval = _interval(parts.pop("INTERVAL", "1"))
    parts.pop("WKST", None)
    days = [d for d in parts.pop("BYDAY", "").split(",") if d]
    positions = parts.pop("BYSETPOS", "")
    said = None
    if not parts and not days and not positions and freq in FREQUENCIES:
        said = _every(FREQUENCIES[freq], interval)
    elif not parts and freq == "WEEKLY" and not positions:
        said = _weekly(days, interval)
    elif not parts and freq == "MONTHLY" and days:
        said = _monthly(days, positions, interval)
    if said is None:
        return f"Repeats {_every(FREQUENCIES.get(freq, 'time'), interval)}, on a detailed pattern"
    return said[0].upper() + said[1:]


FREQUENCIES = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}


def _interval(value: str) -> int:
    return int(value) if value.isdigit() and int(value) > 0 else 1


def _every(unit: str, interval: int) -> str:
    if interval == 1:
        return f"every {unit}"
    return f"every other {unit}" if interval == 2 else f"every {interval} {unit}s"


def _joined(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _weekly(days: list[str], interval: int) -> str | None:
    if any(d not in DAYS for d in days):
        return None
    names = _joined([DAYS[d] for d in days])
    if interval == 1:
        return f"every {names}"
    return f"every other {names}" if interval == 2 else f"{names}, every {interval} weeks"


def _monthly(days: list[str], positions: str, interval: int) -> str | None:
    """The nth weekday(s) of the month, from BYDAY=+2SA,+4SA or BYDAY=SA;BYSETPOS=2,4."""
    by_day: dict[str, list[int]] = {}
    try:
        for day in days:
            ordinals = [int(day[:-2])] if day[:-2] else [int(p) for p in positions.split(",")]
            by_day.setdefault(day[-2:], []).extend(ordinals)
    except ValueError:
        return None
    if positions and (any(d[:-2] for d in days) or len(by_day) != 1):
        return None
    if any(d not in DAYS or any(o not in ORDINALS for o in os) for d, os in by_day.items()):
        return None
    said = _joined([_joined([ORDINALS[o] for o in os]) + f" {DAYS[d]}" for d, os in by_day.items()])
    month = "each month" if interval == 1 else _every("month", interval)
    return f"{said} of {month}"


def local_to_utc(day: date, t: time, tz: str) -> datetime:
    """A wall-clock time of the centre on a day, as an aware UTC moment."""
    return datetime.combine(day, t, tzinfo=ZoneInfo(tz)).astimezone(UTC)


def utc_to_local(moment: datetime, tz: str) -> datetime:
    return moment.astimezone(ZoneInfo(tz))
