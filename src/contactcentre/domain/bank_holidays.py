"""England and Wales bank holidays, from the `holidays` library, remembered between launches.

Importing `holidays` imports the tables of all its 251 countries to answer for one: ~12 MB of
resident memory for the life of the process, and ~0.1 s. Today needs the bank holidays of
the coming weeks at every launch, so the answers for a span of years are kept in a small
file in the user's cache folder (dates and holiday names: nothing about anyone), and the
library is imported only when a year is not there yet, or the library has changed since.
A cache that cannot be read or written is only a cache: the library answers instead.
"""

from __future__ import annotations

import json
import logging
from datetime import date, timedelta
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from contactcentre import __version__, outputs, paths

log = logging.getLogger(__name__)

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


@lru_cache(maxsize=64)
def _year(year: int) -> dict[date, str]:
    known = _read_cache()
    if year not in known:
        known.update(_from_library(range(year - YEARS_BEFORE, year + YEARS_AFTER + 1)))
        _write_cache(known)
    return known[year]


def _from_library(years: range) -> dict[int, dict[date, str]]:
    import holidays  # the tables of every country: only when the cache has no answer

    found: dict[int, dict[date, str]] = {year: {} for year in years}
    for day, name in holidays.country_holidays("GB", subdiv="ENG", years=years).items():
        found[day.year][day] = name
    return found


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
