"""The register's files as a spreadsheet opens them: formulas neutralised on the way out
and restored exactly on the way in."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactcentre.domain.register.tabular import guard, unguard


@pytest.mark.parametrize(
    ("stored", "exported"),
    [
        ('=HYPERLINK("http://example.org","click")', '\'=HYPERLINK("http://example.org","click")'),
        ("+44 7911 123456", "'+44 7911 123456"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("'=already quoted", "''=already quoted"),
        ("'tis the season", "'tis the season"),
        ("O'Brien", "O'Brien"),
        ("", ""),
        ("'", "'"),
        ("Zoë -5", "Zoë -5"),
    ],
)
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(
    stored: str, exported: str
) -> None:
    assert guard(stored) == exported
    assert unguard(exported) == stored


@given(st.text(st.sampled_from("'=+-@\t\rab1 Ł")))
def test_guarding_then_unguarding_gives_back_exactly_what_was_stored(value: str) -> None:
    assert unguard(guard(value)) == value
    assert guard(value)[:1] not in {"=", "+", "-", "@", "\t", "\r"}
