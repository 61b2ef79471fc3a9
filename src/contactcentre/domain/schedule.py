"""The opening pattern (an RFC 5545 rule), bank holidays and local wall-clock time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from dateutil.rrule import rrulestr

from contactcentre.domain.errors import DomainError

ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", -1: "last"}
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


@lru_cache(maxsize=64)
def _year_holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year).items())


def bank_holidays(first: date, last: date) -> dict[date, str]:
    """England & Wales bank holidays in [first, last] (offline tables of `holidays`)."""
    found: dict[date, str] = {}
    for year in range(first.year, last.year + 1):
        found.update({d: n for d, n in _year_holidays(year).items() if first <= d <= last})
    return found


def describe_rule(rule: str) -> str:
    """A short English description, e.g. "2nd and 4th Saturday of each month"."""
    parts = dict(p.split("=", 1) for p in rule.upper().split(";") if "=" in p)
    if parts.get("FREQ") == "MONTHLY" and "BYDAY" in parts and set(parts) <= {"FREQ", "BYDAY"}:
        days = parts["BYDAY"].split(",")
        try:
            ordinals = [int(d[:-2]) for d in days]
        except ValueError:
            return rule
        names = {d[-2:] for d in days}
        if len(names) == 1 and all(o in ORDINALS for o in ordinals):
            words = [ORDINALS[o] for o in ordinals]
            joined = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
            return f"{joined} {DAYS[names.pop()]} of each month"
    if parts.get("FREQ") == "WEEKLY" and set(parts) <= {"FREQ", "BYDAY"}:
        weekdays = [DAYS.get(d, d) for d in parts.get("BYDAY", "").split(",") if d]
        return "Every " + " and ".join(weekdays) if weekdays else "Every week"
    return rule


def local_to_utc(day: date, t: time, tz: str) -> datetime:
    """A wall-clock time of the centre on a day, as an aware UTC moment."""
    return datetime.combine(day, t, tzinfo=ZoneInfo(tz)).astimezone(UTC)


def utc_to_local(moment: datetime, tz: str) -> datetime:
    return moment.astimezone(ZoneInfo(tz))
