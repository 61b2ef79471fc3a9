"""The register's files as a spreadsheet opens them: formulas neutralised on the way out
and restored exactly on the way in."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactcentre.domain.errors import DomainError
from contactcentre.domain.register import tabular
from contactcentre.domain.register.tabular import (
    ImportFailed,
    Table,
    guard,
    read_rows,
    unguard,
)


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


# --- Excel workbooks: read like a CSV, typed cells turned into the text a CSV holds --------

TABLE = Table(("name", "day", "at", "count", "notes"), required=3, multiline=frozenset({"notes"}))


def workbook(path: Path, *rows: list[object], sheets: int = 1) -> Path:
    """An .xlsx made the way Excel would hold it: the first sheet is the register."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    for n in range(1, sheets):
        book.create_sheet(f"Sheet {n + 1}").append(["something else"])
    book.save(path)
    return path


def rows_of(path: Path, table: Table = TABLE) -> list[tuple[int, dict[str, str]]]:
    return list(read_rows(path, table))


def test_typed_excel_cells_come_back_as_the_text_a_csv_would_hold(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "register.xlsx",
        ["name", "day", "at", "count", "notes", "spare column"],
        ["Zoë", datetime(2027, 3, 13), time(9, 47), 3, "line one\nline two", True],
        [None, None, None, None, None, None],  # an empty row Excel kept: skipped, not counted
        ["Łukasz", date(2027, 3, 27), 0.425, 2.0, "'=1+1", None],
        ["Ann", datetime(2027, 3, 13, 10, 12), time(10, 12, 59, 999_999), 2.5, -5, None],
        sheets=2,
    )
    sheet = openpyxl.load_workbook(path)
    sheet.active["C4"].number_format = "hh:mm"  # type: ignore[index,union-attr]
    sheet.save(path)
    assert rows_of(path) == [
        (
            1,
            {
                "name": "Zoë",
                "day": "2027-03-13",
                "at": "09:47",
                "count": "3",
                "notes": "line one\nline two",
            },
        ),
        (2, {"name": "Łukasz", "day": "2027-03-27", "at": "10:12", "count": "2", "notes": "=1+1"}),
        (
            3,
            {
                "name": "Ann",
                "day": "2027-03-13 10:12",
                "at": "10:13",
                "count": "2.5",
                "notes": "-5",
            },
        ),
    ]


def test_a_workbook_saved_under_another_name_is_still_read_as_one(tmp_path: Path) -> None:
    workbook(tmp_path / "book.xlsx", ["name", "day", "at"], ["Zoë", "2027-03-13", "09:47"])
    (tmp_path / "book.xlsx").rename(tmp_path / "register.csv")
    assert rows_of(tmp_path / "register.csv") == [
        (1, {"name": "Zoë", "day": "2027-03-13", "at": "09:47", "count": "", "notes": ""})
    ]


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        ([["name", "day"], ["Zoë", "2027-03-13"]], "header: missing column(s) at"),
        ([["name", "day", "at", "name"]], "header: the column name appears more than once"),
        (
            [["name", "day", "at"], ["Zoë", "=TODAY()", "09:00"]],
            "row 1: day holds a formula with no saved value (Excel saves one when it saves "
            "the file: open it in Excel and save it, or paste the values)",
        ),
        (
            [["name", "day", "at"], ["Zo\në", "2027-03-13", "09:00"]],
            "row 1: name holds a line break, which only notes can hold (is a quote left open?)",
        ),
        (
            [["name", "day", "at"], ["Zoë", "2027-03-13", "09:00", "", "", "surplus"]],
            "row 1: more cells than columns",
        ),
    ],
    ids=["wrong header", "column twice", "formula", "line break", "surplus cell"],
)
def test_a_workbook_with_a_bad_shape_is_refused_like_a_csv(
    tmp_path: Path, rows: list[list[object]], problem: str
) -> None:
    with pytest.raises(ImportFailed) as refused:
        rows_of(workbook(tmp_path / "register.xlsx", *rows))
    assert refused.value.problems == [problem]


def test_a_spreadsheet_error_in_a_cell_is_refused_not_imported_as_text(tmp_path: Path) -> None:
    path = workbook(tmp_path / "register.xlsx", ["name", "day", "at"], ["Zoë", "x", "09:00"])
    book = openpyxl.load_workbook(path)
    cell = book.active["B2"]  # type: ignore[index]
    cell.value, cell.data_type = "#N/A", "e"
    book.save(path)
    with pytest.raises(ImportFailed) as refused:
        rows_of(path)
    assert refused.value.problems == ["row 1: day holds a spreadsheet error (#N/A)"]


@pytest.mark.parametrize(
    ("content", "name", "says"),
    [
        (b"PK\x03\x04 not really a zip", "register.xlsx", "not an Excel workbook"),
        (b"ref,contact_type\n", "register.xlsx", "not an Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), "register.xls", "old Excel"),
    ],
    ids=["damaged zip", "csv named xlsx", "xls"],
)
def test_a_file_that_is_not_a_readable_workbook_gets_one_clear_line(
    tmp_path: Path, content: bytes, name: str, says: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DomainError) as refused:
        rows_of(path)
    message = str(refused.value)
    assert says in message and "\n" not in message and message.startswith(f"Cannot read {path}")


def test_a_cut_short_workbook_gets_one_clear_line(tmp_path: Path) -> None:
    path = workbook(tmp_path / "register.xlsx", ["name", "day", "at"], ["Zoë", "x", "09:00"])
    path.write_bytes(path.read_bytes()[:-300])
    with pytest.raises(DomainError, match=r"not an Excel workbook") as refused:
        rows_of(path)
    assert "\n" not in str(refused.value)


def test_a_workbook_that_would_unpack_too_big_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = workbook(tmp_path / "register.xlsx", ["name", "day", "at"], ["Zoë", "x", "09:00"])
    monkeypatch.setattr(tabular, "MAX_UNPACKED", 1000)  # a zip bomb, in miniature
    with pytest.raises(DomainError) as refused:
        rows_of(path)
    assert str(refused.value) == f"Cannot read {path}: the workbook is too big to import"
