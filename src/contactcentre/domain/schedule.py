"""The opening pattern (an RFC 5545 rule), bank holidays and local wall-clock time.

Bank holidays (England and Wales) come from the `holidays` library, remembered between
launches: importing it imports the tables of all its 251 countries to answer for one,
~12 MB of resident memory for the life of the process and ~0.1 s, and Today needs the
coming weeks' at every launch. The answers for a span of years are kept in a small file
in the user's cache folder (dates and holiday names: nothing about anyone), read once a
process; the library is imported only when a year is not there yet, or the library has
changed since. A cache that cannot be read or written is only a cache: the library
answers instead.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from importlib import metadata
from pathlib import Path
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

from contactcentre import __version__, outputs, paths
from contactcentre.domain.errors import DomainError

log = logging.getLogger(__name__)

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


CACHE_NAME = "bank-holidays-england.json"
YEARS_BEFORE, YEARS_AFTER = 2, 8  # worked out at once around a year that is not known yet


def bank_holidays(first: date, last: date) -> dict[date, str]:
    """England & Wales bank holidays in [first, last], by day, with their names."""
    found: dict[date, str] = {}
    for year in range(first.year, last.year + 1):
        found.update({d: n for d, n in _year(year).items() if first <= d <= last})
    return found


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _year(day.year)


def add_working_days(start: date, count: int) -> date:
    """The day `count` working days after `start` (weekends and bank holidays skipped)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def _year(year: int) -> dict[date, str]:
    known = _known()
    if year not in known:
        known.update(_from_library(range(year - YEARS_BEFORE, year + YEARS_AFTER + 1)))
        _write_cache(known)
    return known[year]


@cache
def _known() -> dict[int, dict[date, str]]:
    """Every year's bank holidays known in this process: the cache file's, read once."""
    return _read_cache()


def _from_library(years: range) -> dict[int, dict[date, str]]:
    import holidays  # the tables of every country: only when the cache has no answer

    found: dict[int, dict[date, str]] = {year: {} for year in years}
    for day, name in holidays.country_holidays("GB", subdiv="ENG", years=years).items():
        found[day.year][day] = name
    return found


@cache
def _edition() -> str:
    """Which answers the cache holds: the library's version (the bundle may carry no
    package metadata, and there the library changes only with the app)."""
    try:
        return f"holidays {metadata.version('holidays')}"
    except metadata.PackageNotFoundError:
        return f"contactcentre {__version__}"


def cache_file() -> Path:
    return paths.cache_dir() / CACHE_NAME


def _read_cache() -> dict[int, dict[date, str]]:
    try:
        kept = json.loads(cache_file().read_text(encoding="utf-8"))
        if kept["edition"] != _edition():
            return {}
        return {
            int(year): {date.fromisoformat(d): str(n) for d, n in days.items()}
            for year, days in kept["years"].items()
        }
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        log.info(
            "the bank holiday cache is unreadable (%s); asking the library", type(error).__name__
        )
        return {}


def _write_cache(known: dict[int, dict[date, str]]) -> None:
    kept = {
        "edition": _edition(),
        "years": {
            str(year): {d.isoformat(): n for d, n in sorted(days.items())}
            for year, days in sorted(known.items())
        },
    }
    target = cache_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        outputs.write_private(target, json.dumps(kept, indent=1).encode("utf-8"))
    except (OSError, outputs.OutputRefused) as error:
        log.info("the bank holiday cache was not written (%s)", type(error).__name__)
