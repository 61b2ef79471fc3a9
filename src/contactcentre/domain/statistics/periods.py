"""Reporting periods: any from–to range of days, and the presets the centre reports on.

NACCC asks for a return each quarter; funders ask for the April–March (financial) year.
A quarter here is three calendar months starting in January, April, July or October, so
the four quarters of a financial year are Apr–Jun, Jul–Sep, Oct–Dec and Jan–Mar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from contactcentre.domain.errors import DomainError

FINANCIAL_YEAR_STARTS = 4  # April


class PeriodError(DomainError):
    """A period that ends before it starts."""


@dataclass(frozen=True)
class Period:
    """The days from `start` to `end`, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(
                f"The period ends ({self.end:%d/%m/%Y}) before it starts ({self.start:%d/%m/%Y})."
            )

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def label(self) -> str:
        """'Apr–Jun 2027', 'Apr 2027–Mar 2028', '01/04/2027–15/05/2027'."""
        if self == quarter_of(self.start):
            return f"{self.start:%b}–{self.end:%b %Y}"
        if self == financial_year_of(self.start):
            return f"{self.start:%b %Y}–{self.end:%b %Y}"
        if self == month_of(self.start):
            return f"{self.start:%b %Y}"
        return f"{self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}"


def month_of(day: date) -> Period:
    first = day.replace(day=1)
    return Period(first, first + relativedelta(months=1) - timedelta(days=1))


def quarter_of(day: date) -> Period:
    """The quarter holding `day`: Jan–Mar, Apr–Jun, Jul–Sep or Oct–Dec."""
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return Period(first, first + relativedelta(months=3) - timedelta(days=1))


def financial_year_of(day: date) -> Period:
    """The April–March year holding `day` (1 Apr 2027–31 Mar 2028 for any day in it)."""
    year = day.year if day.month >= FINANCIAL_YEAR_STARTS else day.year - 1
    return Period(date(year, FINANCIAL_YEAR_STARTS, 1), date(year + 1, 3, 31))


def _split(period: Period, step: relativedelta, first: date) -> list[Period]:
    parts, start = [], first
    while start <= period.end:
        following = start + step
        parts.append(
            Period(max(start, period.start), min(following - timedelta(days=1), period.end))
        )
        start = following
    return parts


def months_in(period: Period) -> list[Period]:
    """The period cut at month boundaries (the first and last may be part months)."""
    return _split(period, relativedelta(months=1), period.start.replace(day=1))


def quarters_in(period: Period) -> list[Period]:
    """The period cut at quarter boundaries (the first and last may be part quarters)."""
    return _split(period, relativedelta(months=3), quarter_of(period.start).start)


def presets(today: date, count: int = 4) -> list[tuple[str, Period]]:
    """What the Statistics screen offers: the last quarters and financial years, newest
    first, starting with the quarter and the year `today` falls in."""
    quarters = [quarter_of(today - relativedelta(months=3 * n)) for n in range(count)]
    years = [financial_year_of(today - relativedelta(years=n)) for n in range(2)]
    named = [(f"Quarter {q.label}", q) for q in quarters]
    named += [(f"Financial year {y.label}", y) for y in years]
    return named
