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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from contactcentre.domain.errors import DomainError

UNPRINTABLE = {"Cc", "Cf", "Zl", "Zp"}
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
    for number, cells in records:
        if len(cells) > len(header):
            raise ImportFailed([f"row {number}: more cells than columns"])
        row = {name: "" for name in table.columns}
        row |= {name: unguard(cells[i]) for name, i in where.items() if i < len(cells)}
        for name in single:
            if "\n" in row[name] or "\r" in row[name]:
                allowed = " and ".join(sorted(table.multiline)) or "no column"
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


def write_table(path: Path, columns: Sequence[str], records: Iterable[list[str]]) -> int:
    """Write to a temporary name beside the target, then rename: never a half file."""
    tmp = path.with_name(path.name + ".part")
    count = 0
    try:
        with tmp.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(columns)
            for record in records:
                writer.writerow([guard(cell) for cell in record])
                count += 1
        tmp.replace(path)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise DomainError(f"Cannot write {path}: {error.strerror}") from None
    return count
