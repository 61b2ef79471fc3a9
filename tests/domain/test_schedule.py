"""The opening pattern and local time, as a coordinator sees them on the calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from contactcentre.domain.schedule import (
    ScheduleError,
    describe_rule,
    local_to_utc,
    occurrences,
)

DEFAULT = "FREQ=MONTHLY;BYDAY=+2SA,+4SA"


def test_the_default_pattern_is_the_second_and_fourth_saturday() -> None:
    assert occurrences(DEFAULT, date(2027, 3, 1), date(2027, 3, 31)) == [
        date(2027, 3, 13),
        date(2027, 3, 27),
    ]
    assert describe_rule(DEFAULT) == "2nd and 4th Saturday of each month"


def test_a_range_starting_mid_month_still_counts_saturdays_from_the_month_start() -> None:
    assert occurrences(DEFAULT, date(2027, 3, 20), date(2027, 4, 30)) == [
        date(2027, 3, 27),
        date(2027, 4, 10),
        date(2027, 4, 24),
    ]


def test_sessions_keep_their_local_time_either_side_of_the_clock_change() -> None:
    before = local_to_utc(date(2027, 3, 27), time(10), "Europe/London")  # GMT
    after = local_to_utc(date(2027, 4, 10), time(10), "Europe/London")  # BST
    assert before == datetime(2027, 3, 27, 10, tzinfo=UTC)
    assert after == datetime(2027, 4, 10, 9, tzinfo=UTC)


def test_an_invalid_pattern_is_refused_with_a_plain_message() -> None:
    with pytest.raises(ScheduleError, match="not a valid rule"):
        occurrences("FREQ=SOMETIMES", date(2027, 1, 1), date(2027, 2, 1))


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=WEEKLY;BYDAY=SA", "Every Saturday"),
        ("FREQ=WEEKLY;BYDAY=TU,SA", "Every Tuesday and Saturday"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "Every other Saturday"),
        ("FREQ=WEEKLY;INTERVAL=3;BYDAY=SA", "Saturday, every 3 weeks"),
        ("FREQ=MONTHLY;BYDAY=+1SA", "1st Saturday of each month"),
        ("FREQ=MONTHLY;BYDAY=+1SA,+3SA,+5SA", "1st, 3rd and 5th Saturday of each month"),
        ("FREQ=MONTHLY;BYDAY=SA;BYSETPOS=2,4", "2nd and 4th Saturday of each month"),
        ("FREQ=MONTHLY;BYDAY=-1SA", "Last Saturday of each month"),
        ("FREQ=MONTHLY;BYDAY=+1SA,+3SU", "1st Saturday and 3rd Sunday of each month"),
        ("FREQ=MONTHLY;INTERVAL=2;BYDAY=+1SA", "1st Saturday of every other month"),
        ("rrule:freq=monthly;byday=+2sa", "2nd Saturday of each month"),
        ("FREQ=DAILY", "Every day"),
    ],
)
def test_the_usual_opening_patterns_read_as_a_coordinator_would_say_them(
    rule: str, words: str
) -> None:
    assert describe_rule(rule) == words


def test_an_unusual_pattern_is_still_described_in_words_not_in_rule_syntax() -> None:
    words = describe_rule("FREQ=MONTHLY;BYMONTHDAY=1,15")
    assert words == "Repeats every month, on a detailed pattern"
    assert "=" not in words and "FREQ" not in words
