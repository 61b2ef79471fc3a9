"""The files the register's imports read and its exports write: UTF-8 CSV, or an Excel
workbook (.xlsx). Every import reads through `read_rows`, so one set of checks serves all
three imports and both formats:

- a file whose shape would move data silently is refused, naming the row: a quote that
  never closes (it would swallow every later row), text after a closing quote, a line
  break in a column that holds one line (names, references, dates, times, choices), a
  column named twice, more cells than columns;
- a workbook's typed cells (dates, times, numbers) come back as the text a CSV holds;
- cells exported with a leading apostrophe against spreadsheet formulas (`guard`) get
  exactly that apostrophe back off (`unguard`).
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import zip_longest
from pathlib import Path
from typing import Any

from contactcentre.domain.errors import DomainError
from contactcentre.outputs import write_private

UNPRINTABLE = {"Cc", "Cf", "Zl", "Zp"}
WORKBOOKS = {".xlsx", ".xlsm"}
ZIP = b"PK\x03\x04"  # how an .xlsx starts, whatever its name
OLD_EXCEL = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNPACKED = 512 * 1024 * 1024  # a workbook unpacking to more is refused, not read
FORMULA_STARTS = frozenset("=+-@\t\r")  # what makes a spreadsheet read a cell as a formula


def guard(value: str) -> str:
    """A cell as exported: a leading apostrophe makes a spreadsheet show it as text.

    Also added before apostrophes that already precede a formula start, so `unguard`
    can tell a guard from a value that itself begins with `'` and the round trip is exact.
    """
    return "'" + value if value.lstrip("'")[:1] in FORMULA_STARTS else value


def unguard(value: str) -> str:
    """A cell as imported: exactly the one apostrophe `guard` added comes off."""
    guarded = value.startswith("'") and value.lstrip("'")[:1] in FORMULA_STARTS
    return value[1:] if guarded else value


@dataclass(frozen=True)
class Table:
    """The columns of one kind of file, in the order exports write them."""

    columns: Sequence[str]
    # The first `required` columns must be in a file; later ones were appended since and
    # older files without them still import (their cells read as empty).
    required: int
    multiline: frozenset[str] = frozenset()  # free text that may hold line breaks


class ImportFailed(DomainError):
    """The file was refused as a whole; `problems` lists "row N: reason" lines."""

    def __init__(self, problems: list[str]) -> None:
        # A bad cell is quoted back: never let its control characters (terminal escapes,
        # newlines, right-to-left overrides) reach the coordinator's screen as they are.
        self.problems = [_printable(problem) for problem in problems]
        shown = "\n".join(self.problems[:50])
        extra = len(self.problems) - 50
        more = f"\n… and {extra} more" if extra > 0 else ""
        super().__init__(f"Nothing was imported; fix these rows and try again:\n{shown}{more}")


def _printable(line: str) -> str:
    return "".join(
        "\N{REPLACEMENT CHARACTER}" if unicodedata.category(ch) in UNPRINTABLE else ch
        for ch in line
    )


def read_rows(path: Path, table: Table) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, row) pairs, every column of the table present (missing optional ones
    empty); row 1 is the first row under the header."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DomainError(f"Cannot read {path}: {error.strerror}") from None
    suffix = path.suffix.lower()
    if data.startswith(OLD_EXCEL) or suffix == ".xls":
        raise DomainError(
            f"Cannot read {path}: it is an old Excel workbook (.xls); "
            "save it from Excel as .xlsx or as CSV UTF-8"
        )
    if data.startswith(ZIP) or suffix in WORKBOOKS:
        header, records = _workbook_records(path, data)
    else:
        header, records = _csv_records(data)
    header = [name.strip() for name in header]
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise ImportFailed([f"header: the column {name} appears more than once"])
        seen.add(name)
    missing = [name for name in table.columns[: table.required] if name not in seen]
    if missing:
        raise ImportFailed([f"header: missing column(s) {', '.join(missing)}"])
    where = {name: header.index(name) for name in table.columns if name in seen}
    single = [name for name in table.columns if name not in table.multiline]
    allowed = ", ".join(name for name in table.columns if name in table.multiline)
    for number, cells in records:
        if len(cells) > len(header):
            raise ImportFailed([f"row {number}: more cells than columns"])
        row = {name: "" for name in table.columns}
        row |= {name: unguard(cells[i]) for name, i in where.items() if i < len(cells)}
        for name in single:
            if "\n" in row[name] or "\r" in row[name]:
                raise ImportFailed(
                    [
                        f"row {number}: {name} holds a line break, which only {allowed} "
                        "can hold (is a quote left open?)"
                    ]
                )
        yield number, row


def _csv_records(data: bytes) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed(
            ["the file is not UTF-8 text; save it from your spreadsheet as 'CSV UTF-8'"]
        ) from None
    # strict: a quote that never closes, or text after a closing one, is an error rather
    # than a cell that quietly runs on over the following rows.
    records = _numbered(csv.reader(io.StringIO(content, newline=""), strict=True))
    first = next(records, None)
    return (first[1] if first else []), records


def _numbered(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    """Non-blank records numbered from 0 (the header); the csv module's refusals become
    "row N" problems (N counting data rows, as every import's messages do)."""
    number = 0
    try:
        for cells in reader:
            if cells:
                yield number, cells
                number += 1
    except csv.Error as error:
        where = f"row {number}" if number else "header"
        raise ImportFailed([f"{where}: {_unreadable(error)}"]) from None


def _workbook_records(path: Path, data: bytes) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The first sheet's header and non-empty rows, numbered as in a CSV."""
    rows = iter(_first_sheet(path, data))
    header: list[str] = []
    for cells in rows:
        if any(cell for cell in cells):
            header = [cell if isinstance(cell, str) else "" for cell in cells]
            break
    while header and not header[-1]:
        header.pop()

    def records() -> Iterator[tuple[int, list[str]]]:
        number = 0
        for cells in rows:
            while cells and not cells[-1]:
                cells.pop()
            if not cells:
                continue
            number += 1
            for i, cell in enumerate(cells):
                if isinstance(cell, CellProblem):
                    column = header[i] if i < len(header) and header[i] else f"column {i + 1}"
                    raise ImportFailed([f"row {number}: {column} {cell.problem}"])
            yield number, [cell if isinstance(cell, str) else "" for cell in cells]

    return header, records()


@dataclass(frozen=True)
class CellProblem:
    problem: str


NO_CACHED_VALUE = CellProblem(
    "holds a formula with no saved value (Excel saves one when it saves the file: "
    "open it in Excel and save it, or paste the values)"
)


def _first_sheet(path: Path, data: bytes) -> list[list[str | CellProblem]]:
    """Every row of the workbook's first sheet, each cell as the text a CSV would hold."""
    import openpyxl  # here, not at the top: only reading a workbook pays for loading it

    unreadable = DomainError(
        f"Cannot read {path}: it is not an Excel workbook (.xlsx), or it is damaged; "
        "save it again from Excel, or as CSV UTF-8"
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(item.file_size for item in archive.infolist()) > MAX_UNPACKED:
                raise DomainError(f"Cannot read {path}: the workbook is too big to import")
        # Values as Excel last saved them; a second look finds formulas with none saved.
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            if not values.worksheets:
                return []
            sheets = values.worksheets[0], formulas.worksheets[0]
            for sheet in sheets:  # a sheet formatted to column XFD is not 16,384 cells a row
                sheet.reset_dimensions()
            return [
                [_cell_text(v, f) for v, f in zip_longest(value_row, formula_row)]
                for value_row, formula_row in zip_longest(*(s.iter_rows() for s in sheets))
            ]
        finally:
            values.close()
            formulas.close()
    except DomainError:
        raise
    except Exception:  # zipfile, XML and openpyxl each raise their own on a damaged file
        raise unreadable from None


def _cell_text(cell: Any, formula: Any) -> str | CellProblem:
    if formula is not None and formula.data_type == "f" and (cell is None or cell.value is None):
        return NO_CACHED_VALUE
    value = cell.value if cell is not None else None
    if cell is not None and cell.data_type == "e":
        return CellProblem(f"holds a spreadsheet error ({str(value)[:20]})")
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return f"{value.date().isoformat()} {_clock(value.time())}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return _clock(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _clock(moment: time) -> str:
    """HH:MM (HH:MM:SS if it has seconds), rounded to the second: Excel keeps times as
    fractions of a day, so 10:13 can come back as 10:12:59.999999."""
    seconds = moment.hour * 3600 + moment.minute * 60 + moment.second
    seconds += moment.microsecond >= 500_000
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    shown = f"{hours % 24:02d}:{minutes:02d}"
    return f"{shown}:{seconds:02d}" if seconds else shown


def _unreadable(error: csv.Error) -> str:
    message = str(error)
    if "field limit" in message:
        return f"a cell is too long (more than {csv.field_size_limit():,} characters)"
    if "unexpected end of data" in message:
        return (
            'a quote (") opens a cell and never closes, so every later row would be read '
            "into that cell"
        )
    if "expected after" in message:
        return (
            "a quoted cell goes on after its closing quote "
            '(a quote inside a cell is written twice: "")'
        )
    return f"cannot be read as CSV ({error})"


def write_table(
    path: Path, columns: Sequence[str], records: Iterable[list[str]], *, xlsx: bool = False
) -> int:
    """Write the whole table or nothing (outputs.write_private: a hidden temporary file
    renamed over the target, so a long name or a full disk never leaves half a file)."""
    rows = ([guard(cell) for cell in record] for record in records)
    try:
        count, data = _workbook_bytes(path, columns, rows) if xlsx else _csv_bytes(columns, rows)
    except ValueError as error:
        raise DomainError(f"Cannot write {path}: {error}") from None
    write_private(path, data)
    return count


def _csv_bytes(columns: Sequence[str], rows: Iterable[list[str]]) -> tuple[int, bytes]:
    count = 0
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(row)
        count += 1
    return count, text.getvalue().encode("utf-8")


def _workbook_bytes(
    path: Path, columns: Sequence[str], rows: Iterable[list[str]]
) -> tuple[int, bytes]:
    import openpyxl
    from openpyxl.utils.exceptions import IllegalCharacterError

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(columns))
    count = 0
    for row in rows:  # guarded: no cell starts with "=", so none is taken for a formula
        try:
            sheet.append(row)
        except IllegalCharacterError:  # control characters, as an older version stored
            raise DomainError(
                f"Cannot write {path}: a cell holds a character Excel cannot store"
            ) from None
        count += 1
    data = io.BytesIO()
    book.save(data)
    return count, data.getvalue()
