"""Paper entry: times typed fast from a sign-in sheet."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactcentre.domain.validate import quick_time


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1012", time(10, 12)),
        ("10:12", time(10, 12)),
        ("10.12", time(10, 12)),
        ("912", time(9, 12)),
        (" 0945 ", time(9, 45)),
        ("23:59", time(23, 59)),
    ],
)
def test_the_usual_ways_of_writing_a_time_are_understood(typed: str, expected: time) -> None:
    assert quick_time(typed) == expected


@pytest.mark.parametrize(
    "typed", ["2561", "25:61", "24:00", "10:5", "1", "abc", "", "10:12:30", "-912"]
)
def test_impossible_or_unclear_times_are_refused_with_a_message(typed: str) -> None:
    with pytest.raises(ValueError, match="time"):
        quick_time(typed)


@given(st.text(max_size=12))
def test_any_typing_gives_a_time_or_a_clear_refusal(typed: str) -> None:
    try:
        result = quick_time(typed)
    except ValueError as error:
        assert "time" in str(error)
    else:
        assert isinstance(result, time)
