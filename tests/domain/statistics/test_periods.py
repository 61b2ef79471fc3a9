"""The periods the centre reports on: quarters and the April–March year."""

from __future__ import annotations

from datetime import date

import pytest

from contactcentre.domain.statistics.periods import (
    Period,
    PeriodError,
    financial_year_of,
    months_in,
    presets,
    quarter_of,
    quarters_in,
)


def test_quarters_run_in_threes_from_january() -> None:
    assert quarter_of(date(2027, 5, 17)) == Period(date(2027, 4, 1), date(2027, 6, 30))
    assert quarter_of(date(2027, 12, 31)) == Period(date(2027, 10, 1), date(2027, 12, 31))
    assert quarter_of(date(2028, 2, 29)).label == "Jan–Mar 2028"


def test_the_financial_year_runs_april_to_march() -> None:
    assert financial_year_of(date(2028, 3, 31)) == Period(date(2027, 4, 1), date(2028, 3, 31))
    assert financial_year_of(date(2027, 4, 1)).label == "Apr 2027–Mar 2028"


def test_a_period_is_cut_into_months_and_quarters_at_their_boundaries() -> None:
    odd = Period(date(2027, 2, 15), date(2027, 4, 10))
    assert [m.label for m in months_in(odd)] == [
        "15/02/2027–28/02/2027",
        "Mar 2027",
        "01/04/2027–10/04/2027",
    ]
    assert [q.start for q in quarters_in(financial_year_of(date(2027, 6, 1)))] == [
        date(2027, 4, 1),
        date(2027, 7, 1),
        date(2027, 10, 1),
        date(2028, 1, 1),
    ]


def test_a_period_ending_before_it_starts_is_refused_in_words() -> None:
    with pytest.raises(PeriodError, match=r"ends \(01/03/2027\) before it starts \(02/03/2027\)"):
        Period(date(2027, 3, 2), date(2027, 3, 1))


def test_the_screen_offers_this_quarter_first_then_earlier_ones_and_the_years() -> None:
    offered = presets(date(2027, 5, 17))
    assert offered[0] == ("Quarter Apr–Jun 2027", quarter_of(date(2027, 5, 17)))
    assert offered[1][0] == "Quarter Jan–Mar 2027"
    assert ("Financial year Apr 2027–Mar 2028", financial_year_of(date(2027, 5, 17))) in offered
    assert ("Financial year Apr 2026–Mar 2027", financial_year_of(date(2026, 5, 17))) in offered
