"""Bad input never crashes the app: hypothesis throws hostile CSV files at both imports.

Whatever the file holds (any Unicode, 10,000-character cells, control characters, NULs,
SQL, impossible dates, times like 25:61, wrong column counts, byte order marks, other
encodings), an import either saves every row correctly or refuses the whole file with
"row N: reason" lines, and a refused file writes nothing at all.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from pathlib import Path
from uuid import uuid4

import openpyxl
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import func
from sqlmodel import select

from contactcentre.domain.centre import CentreDetails, create_centre
from contactcentre.domain.errors import DomainError
from contactcentre.domain.register.csv_io import (
    FAMILY_COLUMNS,
    PEOPLE_COLUMNS,
    import_families,
    import_people,
)
from contactcentre.domain.register.tabular import ImportFailed, unguard
from contactcentre.domain.session_day.attendance_import import (
    ATTENDANCE_COLUMNS,
    import_attendance,
)
from contactcentre.store.engine import Store
from contactcentre.store.models import AuditEntry, Family, Person
from tests.conftest import PASSPHRASE
from tests.factories import add_family

TODAY = date(2027, 3, 1)
PROBLEM = re.compile(r"^(row \d+|header): \S")
NOT_UTF8 = "the file is not UTF-8 text"
LONGEST_PROBLEM = 300  # a reason a coordinator can read, even when the cell was huge
FUZZ = settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- what a hostile cell can hold ----------------------------------------------------
UNICODE = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
PRINTABLE = st.text(
    st.characters(exclude_categories=["Cs", "Cc", "Cf", "Co", "Cn", "Zl", "Zp", "Zs"])
    | st.just(" "),
    max_size=30,
)
CONTROLS = st.text(st.characters(categories=["Cc"]), min_size=1, max_size=5)
SQL = st.sampled_from(
    [
        "'; DROP TABLE family; --",
        "Robert'); DROP TABLE person;--",
        "1 OR 1=1",
        '" OR ""="',
        "x'); PRAGMA key = 'x'; --",
        "%' AND 1=0 UNION SELECT name FROM sqlite_master --",
    ]
)
BAD_DATES = st.sampled_from(
    [
        *("2027-02-30", "31/02/2026", "0000-00-00", "9999-12-31", "2026-13-01", "1899-12-31"),
        *("25:61", "24:00", "99/99/9999", "2027-1-1x", "１９/０１/２０２６", "2026-01-10T10:00"),
    ]
)
HUGE = st.sampled_from([10_000, 10_001, 200_000]).flatmap(
    lambda n: st.sampled_from(["a", "Zoë ", "'", '"', ",", "\n", "€"]).map(lambda c: c * n)
)
HOSTILE = st.one_of(
    UNICODE,
    CONTROLS,
    st.builds(lambda a, b: a + "\x00" + b, UNICODE, UNICODE),
    SQL,
    BAD_DATES,
    HUGE,
)
REF = st.uuids().map(lambda u: "Z-" + u.hex[:12].upper())
VALID_FAMILY = {
    "ref": REF,
    "contact_type": st.sampled_from(["supported", "Supervised ", "handover", "INDIRECT"]),
    "status": st.sampled_from(["", "referred", "active", "closed"]),
    "referral_source": st.sampled_from(["", "self", "cafcass", "court"]),
    "referrer_name": st.sampled_from(["", "Dana Scully", "Zoë Łukasiewicz", "مريم حداد"]),
    "referrer_organisation": PRINTABLE,
    "referrer_email": st.sampled_from(["", "referrals@example.org"]),
    "referrer_phone": st.sampled_from(["", "0113 496 0000", "+44 20 7946 0123"]),
    "referral_date": st.sampled_from(["2027-01-10", "10/01/2027", "2026-02-28"]),
    "court_order": st.sampled_from(["", "yes", "no", "Y", "0"]),
    "parents_must_not_meet": st.sampled_from(["", "yes", "no"]),
    "notes": PRINTABLE | st.just("line one\nline two"),
}
VALID_PERSON = {
    "family_ref": st.sampled_from(["F-0001", "F-0002", " F-0003 "]),
    "role": st.sampled_from(["child", "resident_parent", "non_resident_parent", "relative"]),
    "first_name": st.sampled_from(["Lily", "Zoë", "Łukasz", "Олена", "محمد"]),
    "last_name": st.sampled_from(["Jones", "O'Brien", "Núñez-García"]),
    "date_of_birth": st.sampled_from(["", "2019-05-01", "01/05/2019"]),
    "phone": st.sampled_from(["0113 496 0001", "07700 900123"]),
    "email": st.sampled_from(["", "parent@example.org"]),
    "address": st.sampled_from(["", "1 Church Lane\nLeeds LS6 1AA"]),
    "address_confidential": st.sampled_from(["", "yes", "no"]),
    "notes": PRINTABLE,
}


@st.composite
def csv_files(draw: st.DrawFn, valid: dict[str, st.SearchStrategy[str]]) -> bytes:
    """A CSV file: mostly well-formed, with hostile cells, headers, shapes and encodings."""
    columns = list(valid)
    header = list(columns)
    shape = draw(st.sampled_from(["ok"] * 10 + ["shuffled", "missing", "extra", "spaced"]))
    if shape == "shuffled":
        header = draw(st.permutations(columns))
    elif shape == "missing":
        header.remove(draw(st.sampled_from(columns)))
    elif shape == "extra":
        header.insert(draw(st.integers(0, len(header))), draw(UNICODE))
    elif shape == "spaced":
        header = [f" {name} " for name in header]
    rows = []
    for _ in range(draw(st.integers(0, 4))):
        spoiled = draw(
            st.just(set()) | st.sets(st.integers(0, len(header) - 1), min_size=1, max_size=2)
        )
        row = [
            draw(HOSTILE if i in spoiled else valid.get(name.strip(), UNICODE))
            for i, name in enumerate(header)
        ]
        cut = draw(st.sampled_from(["same"] * 12 + ["fewer", "more"]))
        if cut == "fewer":
            row = row[: draw(st.integers(0, max(len(row) - 1, 0)))]
        elif cut == "more":
            row += draw(st.lists(UNICODE, min_size=1, max_size=3))
        rows.append(row)
    out = io.StringIO(newline="")
    if draw(st.integers(0, 3)):
        csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))).writerows(
            [header, *rows]
        )
    else:  # hand-joined: quotes and commas inside cells are left as they are
        out.write("\n".join(",".join(row) for row in [header, *rows]))
    text = out.getvalue()
    encoding = draw(st.sampled_from(["utf-8"] * 8 + ["utf-8-sig", "utf-16", "latin-1"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 19)) == 0:
        data = data[: draw(st.integers(0, len(data)))]  # cut short mid-character
    return data


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One store for every example (opening one costs a key derivation), with three
    families people can belong to."""
    store = Store.create(tmp_path_factory.mktemp("fuzz") / "centre.db", PASSPHRASE)
    with store.session() as s:
        create_centre(s, CentreDetails(name="Fuzz Centre"))
    for ref in ("F-0001", "F-0002", "F-0003"):
        add_family(store, ref)
    yield store
    store.close()


@pytest.fixture(scope="module")
def csv_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("csv") / "import.csv"


def snapshot(store: Store) -> tuple[int, int, int]:
    with store.session() as s:
        return tuple(  # type: ignore[return-value]
            s.exec(select(func.count()).select_from(model)).one()
            for model in (Family, Person, AuditEntry)
        )


def data_rows(data: bytes) -> list[dict[str, str]]:
    """The rows as the file holds them, read the way a spreadsheet user means them."""
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    reader.fieldnames = [name.strip() for name in reader.fieldnames or []]
    return [{k: unguard(v or "") for k, v in row.items()} for row in reader]


def assert_refused_cleanly(error: ImportFailed, before: tuple[int, ...], store: Store) -> None:
    assert error.problems
    for problem in error.problems:
        assert PROBLEM.match(problem) or problem.startswith(NOT_UTF8), problem
        assert len(problem) <= LONGEST_PROBLEM, problem[:200]
        assert not any(unicodedata.category(ch) in {"Cc", "Cf"} for ch in problem), problem
    assert str(error).startswith("Nothing was imported")
    assert snapshot(store) == before  # never a partial write


def imported_or_refused_cleanly(
    store: Store, path: Path, importer: Callable[..., int]
) -> int | None:
    """How many rows were imported, or None when the file was refused (cleanly)."""
    before = snapshot(store)
    try:
        with store.session() as s:
            count = importer(s, path, today=TODAY)
    except ImportFailed as error:
        event("refused")
        assert_refused_cleanly(error, before, store)
        return None
    event("imported")
    return count


def clean_text(value: str) -> str:
    return value.replace("\r\n", "\n").strip()


@FUZZ
@given(data=csv_files(VALID_FAMILY))
def test_a_hostile_families_file_is_imported_whole_or_refused_whole(
    fuzz_store: Store, csv_path: Path, data: bytes
) -> None:
    csv_path.write_bytes(data)
    before = snapshot(fuzz_store)
    count = imported_or_refused_cleanly(fuzz_store, csv_path, import_families)
    if count is None:
        return
    rows = data_rows(data)
    assert count == len(rows)
    assert snapshot(fuzz_store)[:2] == (before[0] + count, before[1])
    with fuzz_store.session() as s:
        saved = {f.ref: f for f in s.exec(select(Family))}
    for row in rows:
        family = saved[row["ref"].strip()]
        assert family.notes == clean_text(row["notes"])
        assert family.contact_type.value == row["contact_type"].strip().lower()
        assert family.referral_date <= TODAY


@FUZZ
@given(data=csv_files(VALID_PERSON))
def test_a_hostile_people_file_is_imported_whole_or_refused_whole(
    fuzz_store: Store, csv_path: Path, data: bytes
) -> None:
    csv_path.write_bytes(data)
    before = snapshot(fuzz_store)
    count = imported_or_refused_cleanly(fuzz_store, csv_path, import_people)
    if count is None:
        return
    rows = data_rows(data)
    assert count == len(rows)
    assert snapshot(fuzz_store)[:2] == (before[0], before[1] + count)
    with fuzz_store.session() as s:
        newest = s.exec(select(Person).order_by(Person.id.desc()).limit(count)).all()  # type: ignore[union-attr]
    for row, person in zip(rows, reversed(newest), strict=True):
        assert person.first_name == " ".join(row["first_name"].split())
        assert person.notes == clean_text(row["notes"])
        assert person.role.value == row["role"].strip().lower()


@pytest.mark.parametrize(
    "columns, importer", [(FAMILY_COLUMNS, import_families), (PEOPLE_COLUMNS, import_people)]
)
def test_a_cell_bigger_than_the_csv_reader_allows_is_a_row_problem(
    fuzz_store: Store, csv_path: Path, columns: list[str], importer: object
) -> None:
    """Python's csv module refuses cells over 131,072 characters with its own error."""
    row = ["F-0001"] + ["x" * 200_000] + [""] * (len(columns) - 2)
    csv_path.write_text(",".join(columns) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    before = snapshot(fuzz_store)
    with pytest.raises(ImportFailed) as raised, fuzz_store.session() as s:
        importer(s, csv_path, today=TODAY)  # type: ignore[operator]
    assert_refused_cleanly(raised.value, before, fuzz_store)
    assert raised.value.problems[0].startswith("row 1: ")


# --- files whose shape would silently move data: refused, naming the row -------------------

ATTENDANCE_ROW = "F-0002,2026-10-10,attended,09:45,12:15,"
FAMILY_ROW = "Z-QUOTE{n},supported,referred,self,Dana Scully,,,,2027-01-10,no,yes,"
PERSON_ROW = "F-0002,child,Lily{n},Jones,2019-05-01,,,,no,"
SHAPES = {
    "families": (",".join(FAMILY_COLUMNS), FAMILY_ROW, import_families),
    "people": (",".join(PEOPLE_COLUMNS), PERSON_ROW, import_people),
    "attendance": (",".join(ATTENDANCE_COLUMNS), ATTENDANCE_ROW, import_attendance),
}


def refused_problems(store: Store, path: Path, importer: object) -> list[str]:
    before = snapshot(store)
    with pytest.raises(ImportFailed) as raised, store.session() as s:
        importer(s, path, today=TODAY)  # type: ignore[operator]
    assert_refused_cleanly(raised.value, before, store)
    return raised.value.problems


UNCLOSED = (
    'row 2: a quote (") opens a cell and never closes, so every later row would be '
    "read into that cell"
)
RUNS_ON = (
    "row 2: a quoted cell goes on after its closing quote (a quote inside a cell is "
    'written twice: "")'
)


@pytest.mark.parametrize("kind", SHAPES)
@pytest.mark.parametrize(
    ("spoiled", "problem"),
    [('"Said she would ring back', UNCLOSED), ('"6" tall', RUNS_ON)],
    ids=["never closed", "text after closing"],
)
def test_a_quote_that_would_swallow_rows_refuses_the_file_naming_the_row(
    fuzz_store: Store, csv_path: Path, kind: str, spoiled: str, problem: str
) -> None:
    """Before: "Imported 1 families", the later rows (names and all) inside the notes."""
    header, row, importer = SHAPES[kind]
    rows = [row.format(n=n) for n in range(1, 5)]
    rows[1] += spoiled  # the notes of row 2
    csv_path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert refused_problems(fuzz_store, csv_path, importer) == [problem]


@pytest.mark.parametrize("kind", SHAPES)
def test_a_column_named_twice_is_refused_instead_of_the_last_one_winning(
    fuzz_store: Store, csv_path: Path, kind: str
) -> None:
    header, row, importer = SHAPES[kind]
    csv_path.write_text(f"{header},notes\n{row.format(n=1)},second notes\n", encoding="utf-8")
    assert refused_problems(fuzz_store, csv_path, importer) == [
        "header: the column notes appears more than once"
    ]


@pytest.mark.parametrize(
    ("kind", "column", "cell"),
    [
        ("families", "referrer_name", "Dana Scully"),
        ("families", "referrer_organisation", ""),
        ("people", "first_name", "Lily1"),
        ("people", "last_name", "Jones"),
        ("attendance", "family_ref", "F-0002"),
        ("attendance", "arrived", "09:45"),
    ],
)
def test_a_line_break_inside_a_name_reference_or_time_is_refused(
    fuzz_store: Store, csv_path: Path, kind: str, column: str, cell: str
) -> None:
    header, row, importer = SHAPES[kind]
    cells = row.format(n=1).split(",")
    cells[header.split(",").index(column)] = f'"{cell}\nF-9999"'
    csv_path.write_text(f"{header}\n{row.format(n=2)}\n{','.join(cells)}\n", encoding="utf-8")
    [problem] = refused_problems(fuzz_store, csv_path, importer)
    assert problem.startswith(f"row 2: {column} holds a line break, which only ")
    assert problem.endswith("can hold (is a quote left open?)")


@pytest.mark.parametrize("kind", ["families", "people", "attendance"])
def test_line_breaks_in_notes_are_still_welcome(
    fuzz_store: Store, csv_path: Path, kind: str
) -> None:
    header, row, importer = SHAPES[kind]
    if kind == "attendance":  # a date of its own, so no clash with other tests' rows
        row = row.replace("2026-10-10", "2026-09-12")
    body = row.format(n=uuid4().hex[:8]) + '"Line one\nline two"'
    csv_path.write_text(f"{header}\n{body}\n", encoding="utf-8")
    with fuzz_store.session() as s:
        outcome = importer(s, csv_path, today=TODAY)  # type: ignore[operator]
    assert getattr(outcome, "rows", outcome) == 1


# --- Excel workbooks: typed, damaged, or not workbooks at all -------------------------------

XLSX_CELL = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=date(1900, 3, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1)),
    st.times(),
    PRINTABLE,
    SQL,
    BAD_DATES,
    st.sampled_from(["=SUM(A1:A2)", "=TODAY()", "'=1+1", "+44 7911 123456", "-5"]),
)


@st.composite
def workbook_rows(draw: st.DrawFn, valid: dict[str, st.SearchStrategy[str]]) -> list[list[object]]:
    """A first sheet: header (sometimes spoiled), rows of valid and typed hostile cells."""
    header: list[object] = list(valid)
    if draw(st.integers(0, 5)) == 0:
        header[draw(st.integers(0, len(header) - 1))] = draw(XLSX_CELL)
    rows = [header]
    for _ in range(draw(st.integers(0, 4))):
        spoiled = draw(st.sets(st.integers(0, len(valid) - 1), max_size=2))
        row: list[object] = [
            draw(XLSX_CELL if i in spoiled else strategy)
            for i, strategy in enumerate(valid.values())
        ]
        rows.append(row + draw(st.lists(XLSX_CELL, max_size=2)))
    return rows


@pytest.fixture(scope="module")
def xlsx_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("xlsx") / "import.xlsx"


def save_workbook(path: Path, rows: list[list[object]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)


@settings(FUZZ, max_examples=60)
@given(rows=workbook_rows(VALID_FAMILY))
def test_a_hostile_families_workbook_is_imported_whole_or_refused_whole(
    fuzz_store: Store, xlsx_path: Path, rows: list[list[object]]
) -> None:
    save_workbook(xlsx_path, rows)
    before = snapshot(fuzz_store)
    count = imported_or_refused_cleanly(fuzz_store, xlsx_path, import_families)
    if count is None:
        return
    assert count == sum(1 for row in rows[1:] if any(cell not in (None, "") for cell in row))
    assert snapshot(fuzz_store)[:2] == (before[0] + count, before[1])


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"PK\x03\x04" + bytes(100), "not an Excel workbook"),
        (b"ref,contact_type,status\nF-1,supported,active\n", "not an Excel workbook"),
        (b"", "not an Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "old Excel workbook (.xls)"),
    ],
    ids=["damaged zip", "csv named xlsx", "empty file", "xls named xlsx"],
)
@pytest.mark.parametrize("kind", SHAPES)
def test_a_file_that_is_not_really_a_workbook_gets_one_clear_line(
    fuzz_store: Store, xlsx_path: Path, kind: str, content: bytes, says: str
) -> None:
    xlsx_path.write_bytes(content)
    before = snapshot(fuzz_store)
    with pytest.raises(DomainError) as raised, fuzz_store.session() as s:
        SHAPES[kind][2](s, xlsx_path, today=TODAY)  # type: ignore[operator]
    message = str(raised.value)
    assert says in message and "\n" not in message
    assert snapshot(fuzz_store) == before


@pytest.mark.parametrize("kind", SHAPES)
def test_a_workbook_whose_first_sheet_has_the_wrong_header_is_refused(
    fuzz_store: Store, xlsx_path: Path, kind: str
) -> None:
    header, row, importer = SHAPES[kind]
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.append(["Name", "Date", "Notes"])  # a summary sheet first...
    register = book.create_sheet("Register")  # ...and the register second: not read
    register.append(header.split(","))
    register.append(row.format(n=1).split(","))
    book.save(xlsx_path)
    [problem] = refused_problems(fuzz_store, xlsx_path, importer)
    assert problem.startswith("header: missing column(s) ")


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        (datetime(2026, 11, 2), None),  # a typed date where a date belongs: fine
        (datetime(2026, 11, 2, 14, 30), "Referral date '2026-11-02 14:30' is not a date"),
        (time(9, 30), "Referral date '09:30' is not a date"),
        (46000, "Referral date '46000' is not a date"),
    ],
)
def test_a_typed_cell_in_a_workbook_is_checked_as_its_text(
    fuzz_store: Store, xlsx_path: Path, cell: object, problem: str | None
) -> None:
    header, row, importer = SHAPES["families"]
    cells: list[object] = row.format(n=uuid4().hex[:8]).split(",")
    cells[FAMILY_COLUMNS.index("referral_date")] = cell
    save_workbook(xlsx_path, [header.split(","), cells])
    if problem is None:
        with fuzz_store.session() as s:
            assert import_families(s, xlsx_path, today=TODAY) == 1
            family = s.exec(select(Family).where(Family.ref == cells[0])).one()
            assert family.referral_date == date(2026, 11, 2)
    else:
        [refused] = refused_problems(fuzz_store, xlsx_path, importer)
        assert refused.startswith(f"row 1: {problem}")
