"""The register commands' contract (issue 2): init, check, import/export, demo. Errors are
one clear line on stderr with a non-zero exit and never a traceback."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from sqlmodel import col, func, select

from contactcentre.cli import main, register_cmds
from contactcentre.domain.clock import FixedClock
from contactcentre.domain.demo import history
from contactcentre.domain.register.family_lists import register_rows
from contactcentre.store.db_file import PAGE_SIZE
from contactcentre.store.engine import Store
from contactcentre.store.models import (
    AttendanceEvent,
    Booking,
    Centre,
    ContactSession,
    Family,
    Person,
)
from tests.conftest import PASSPHRASE, SESSION_DAY_MORNING
from tests.domain.register.test_csv_io import (
    FAMILIES,
    FAMILY_HEADER,
    PEOPLE,
    PEOPLE_HEADER,
    excel_copy,
)
from tests.factories import add_family

Run = Callable[..., tuple[int, str, str]]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """`contactcentre ARGS` with the passphrase from the environment, as a script would.

    "Today" is fixed (13 Mar 2027) so the dates in the CSV files stay in the past.
    """
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(register_cmds, "clock", lambda: FixedClock(SESSION_DAY_MORNING))

    def run(*args: str | Path) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return code, captured.out, captured.err

    return run


def one_line_error(code: int, out: str, err: str) -> str:
    assert code != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


# --- init and check ---------------------------------------------------------------------


def test_init_creates_an_encrypted_centre_and_refuses_a_second_time(
    run: Run, tmp_path: Path
) -> None:
    folder = tmp_path / "new centre"
    code, out, err = run("--data-dir", folder, "init", "--centre-name", "Riverside Centre")
    assert (code, err) == (0, "")
    db = folder / "centre.db"
    assert f"Created {db}" in out
    assert not db.read_bytes().startswith(b"SQLite format 3")
    store = Store.open(db, PASSPHRASE)
    try:
        with store.session() as s:
            assert s.exec(select(Centre.name)).one() == "Riverside Centre"
    finally:
        store.close()

    before = sha256(db)
    line = one_line_error(*run("--data-dir", folder, "init", "--centre-name", "Again"))
    assert line.startswith("contactcentre init: A centre database already exists")
    assert "nothing was changed" in line
    assert sha256(db) == before


def test_init_takes_the_data_dir_from_the_environment(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTACTCENTRE_DATA_DIR", str(tmp_path / "from-env"))
    code, _, _ = run("init", "--centre-name", "Env Centre")
    assert code == 0
    assert (tmp_path / "from-env" / "centre.db").is_file()


@pytest.mark.parametrize(
    ("passphrase", "name", "problem"),
    [
        ("short", "Riverside", "at least 8 characters"),
        (PASSPHRASE, "   ", "Centre name is required"),
        (PASSPHRASE, "1234", "Centre name must contain letters"),
    ],
)
def test_init_refuses_a_weak_passphrase_or_no_name_before_any_file_exists(
    run: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    passphrase: str,
    name: str,
    problem: str,
) -> None:
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", passphrase)
    line = one_line_error(*run("--data-dir", tmp_path / "c", "init", "--centre-name", name))
    assert problem in line
    assert not (tmp_path / "c" / "centre.db").exists()


def test_without_a_passphrase_or_a_terminal_it_says_what_to_set(
    run: Run, store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.close()
    monkeypatch.delenv("CONTACTCENTRE_PASSPHRASE")
    line = one_line_error(*run("--data-dir", data_dir, "check"))
    assert "set CONTACTCENTRE_PASSPHRASE" in line


def test_check_prints_ok_for_a_healthy_centre(run: Run, store: Store, data_dir: Path) -> None:
    add_family(store, "F-0001")
    store.close()
    assert run("--data-dir", data_dir, "check") == (0, "ok\n", "")


def test_check_reports_damage_it_can_locate(run: Run, store: Store, data_dir: Path) -> None:
    for n in range(1, 4):
        add_family(store, f"F-{n:04d}")
    store.close()
    db = data_dir / "centre.db"
    data = bytearray(db.read_bytes())
    last = len(data) // PAGE_SIZE
    data[(last - 1) * PAGE_SIZE + 300] ^= 0x40
    db.write_bytes(bytes(data))
    code, out, _ = run("--data-dir", data_dir, "check")
    assert code == 1
    assert f"HMAC verification failed for page {last}" in out
    assert "ok" not in out.split()


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ("wrong passphrase", "The name or passphrase is wrong"),
        ("truncated", "is not a Contact Centre database, or it is damaged"),
        ("missing", "No centre database at"),
    ],
)
def test_check_cannot_open_says_why_in_one_line_and_changes_nothing(
    run: Run,
    store: Store,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    setup: str,
    expected: str,
) -> None:
    store.close()
    db = data_dir / "centre.db"
    if setup == "wrong passphrase":
        monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", "not the passphrase")
    elif setup == "truncated":
        db.write_bytes(db.read_bytes()[: 2 * PAGE_SIZE])
    else:
        db.unlink()
    before = sha256(db) if db.exists() else None
    line = one_line_error(*run("--data-dir", data_dir, "check"))
    assert line.startswith("contactcentre check: ") and expected in line
    assert (sha256(db) if db.exists() else None) == before
    kept = ["centre.db", "centre.db.anchor"] if before else ["centre.db.anchor"]
    kept.append("centre.db.keys")  # the logins' key slots stay, whatever became of the file
    assert sorted(p.name for p in data_dir.iterdir()) == kept


# --- import and export ------------------------------------------------------------------


def test_import_export_import_round_trips_byte_for_byte(
    run: Run, store: Store, data_dir: Path, tmp_path: Path
) -> None:
    store.close()
    (tmp_path / "families.csv").write_text(FAMILIES, encoding="utf-8")
    (tmp_path / "people.csv").write_text(PEOPLE, encoding="utf-8")
    assert run("--data-dir", data_dir, "import-families", tmp_path / "families.csv") == (
        0,
        "Imported 6 families\n",
        "",
    )
    assert run("--data-dir", data_dir, "import-people", tmp_path / "people.csv") == (
        0,
        "Imported 5 people\n",
        "",
    )
    code, out, _ = run("--data-dir", data_dir, "export-families", tmp_path / "f1.csv")
    assert (code, out) == (0, f"Exported 6 families to {tmp_path / 'f1.csv'}\n")
    code, out, _ = run("--data-dir", data_dir, "export-people", tmp_path / "p1.csv")
    assert (code, out) == (0, f"Exported 5 people to {tmp_path / 'p1.csv'}\n")

    second = tmp_path / "second"
    assert run("--data-dir", second, "init", "--centre-name", "Second Centre")[0] == 0
    assert run("--data-dir", second, "import-families", tmp_path / "f1.csv")[0] == 0
    assert run("--data-dir", second, "import-people", tmp_path / "p1.csv")[0] == 0
    assert run("--data-dir", second, "export-families", tmp_path / "f2.csv")[0] == 0
    assert run("--data-dir", second, "export-people", tmp_path / "p2.csv")[0] == 0
    assert (tmp_path / "f1.csv").read_bytes() == (tmp_path / "f2.csv").read_bytes()
    assert (tmp_path / "p1.csv").read_bytes() == (tmp_path / "p2.csv").read_bytes()
    exported = (tmp_path / "p1.csv").read_text(encoding="utf-8").splitlines()
    assert exported[0] == PEOPLE_HEADER + ",relationship,needs,comes_with"  # then the added
    assert "F-0001,child,Zoë,Jones,2019-05-01,,,,no,Nut allergy,,," in exported


def test_an_import_with_bad_rows_lists_each_and_writes_nothing(
    run: Run, store: Store, data_dir: Path, tmp_path: Path
) -> None:
    add_family(store, "F-0001")
    store.close()
    before = sha256(data_dir / "centre.db")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        FAMILY_HEADER
        + "\n"
        + "F-0002,supported,referred,self,,,,,2025-01-01,no,yes,\n"
        + "F-0003,weekly,referred,self,,,,,2025-01-01,no,yes,\n"
        + "F-0004,supported,referred,self,,,,,2999-01-01,no,yes,\n",
        encoding="utf-8",
    )
    code, out, err = run("--data-dir", data_dir, "import-families", bad)
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert lines[0] == (
        "contactcentre import-families: Nothing was imported; fix these rows and try again:"
    )
    assert lines[1:] == [
        "row 2: Contact type 'weekly' is not one of supported|supervised|handover|indirect",
        "row 3: Referral date 01/01/2999 is in the future",
    ]
    store = Store.open(data_dir / "centre.db", PASSPHRASE)
    try:
        with store.session() as s:
            assert s.exec(select(Family.ref)).all() == ["F-0001"]
    finally:
        store.close()
    assert sha256(data_dir / "centre.db") == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"name,age\nSam,4\n", "header: missing column(s) family_ref, role, first_name"),
        (PEOPLE.encode("utf-16"), "not UTF-8"),
        ("family_ref,rôle\n".encode("cp1252"), "the file is not UTF-8 text"),
    ],
)
def test_a_wrong_file_is_refused_clearly(
    run: Run, store: Store, data_dir: Path, tmp_path: Path, content: bytes, expected: str
) -> None:
    store.close()
    path = tmp_path / "people.csv"
    path.write_bytes(content)
    code, out, err = run("--data-dir", data_dir, "import-people", path)
    assert code == 1 and out == ""
    assert err.startswith("contactcentre import-people: Nothing was imported")
    assert expected in err
    assert len(err.strip().splitlines()) == 2


@pytest.mark.parametrize("command", ["import-families", "import-people"])
def test_a_missing_file_is_one_line(
    run: Run, store: Store, data_dir: Path, tmp_path: Path, command: str
) -> None:
    store.close()
    line = one_line_error(*run("--data-dir", data_dir, command, tmp_path / "typo.csv"))
    assert line == f"contactcentre {command}: Cannot read {tmp_path / 'typo.csv'}: " + (
        "No such file or directory"
    )


def test_an_export_to_a_missing_folder_is_one_line_and_leaves_no_file(
    run: Run, store: Store, data_dir: Path, tmp_path: Path
) -> None:
    store.close()
    target = tmp_path / "no-folder" / "f.csv"
    line = one_line_error(*run("--data-dir", data_dir, "export-families", target))
    assert "Cannot write" in line
    assert not target.parent.exists()


def test_a_register_kept_in_excel_imports_and_exports_from_the_command_line(
    run: Run, store: Store, data_dir: Path, tmp_path: Path
) -> None:
    store.close()
    families = excel_copy(tmp_path / "families.xlsx", FAMILIES)
    assert run("--data-dir", data_dir, "import-families", families)[:2] == (
        0,
        "Imported 6 families\n",
    )
    assert run("--data-dir", data_dir, "export-families", "--xlsx", tmp_path / "out.xlsx")[:2] == (
        0,
        f"Exported 6 families to {tmp_path / 'out.xlsx'}\n",
    )
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    assert sheet is not None and sheet["A2"].value == "F-0001"
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(families.read_bytes()[:500])
    line = one_line_error(*run("--data-dir", data_dir, "import-people", damaged))
    assert line == (
        f"contactcentre import-people: Cannot read {damaged}: it is not an Excel workbook "
        "(.xlsx), or it is damaged; save it again from Excel, or as CSV UTF-8"
    )


def test_commands_without_a_centre_say_how_to_make_one(run: Run, tmp_path: Path) -> None:
    line = one_line_error(*run("--data-dir", tmp_path / "empty", "export-people", "x.csv"))
    assert "No centre database at" in line and "contactcentre init" in line
    assert not (tmp_path / "empty").exists()


# --- demo -------------------------------------------------------------------------------


def test_demo_without_gui_makes_a_full_centre_with_the_demo_passphrase(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CONTACTCENTRE_PASSPHRASE")
    folder = tmp_path / "demo"
    code, out, err = run("--data-dir", folder, "demo", "--no-gui", "--families", "50")
    assert (code, err) == (0, "")
    assert f"Created a demo centre with 50 families at {folder}" in out
    assert "Its passphrase is: demo" in out
    store = Store.open(folder / "centre.db", "demo")
    try:
        with store.session() as s:
            rows = register_rows(s)
            names = [p.first_name + " " + p.last_name for p in s.exec(select(Person))]
    finally:
        store.close()
    assert len(rows) == 50
    assert len({r.ref for r in rows}) == 50
    assert any(not name.isascii() for name in names), "accented or non-Latin names"
    assert len(set(names)) > 50
    # A second run keeps what is there.
    code, out, _ = run("--data-dir", folder, "demo", "--no-gui", "--families", "5")
    assert code == 0 and "already" in out
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", "demo")
    assert run("--data-dir", folder, "check") == (0, "ok\n", "")


def test_a_demo_with_its_own_passphrase_does_not_write_a_wrong_one_down(
    run: Run, tmp_path: Path
) -> None:
    folder = tmp_path / "demo"
    code, out, _err = run("--data-dir", folder, "demo", "--no-gui", "--families", "3")
    assert code == 0 and "Its passphrase is" not in out
    note = (folder / "DEMO-CENTRE.txt").read_text(encoding="utf-8")
    assert "fictional families" in note and "Passphrase" not in note


def test_importing_one_family_says_so_in_the_singular(
    run: Run, store: Store, data_dir: Path, tmp_path: Path
) -> None:
    store.close()
    with (tmp_path / "one.csv").open("w", encoding="utf-8", newline="") as one:
        csv.writer(one).writerows(list(csv.reader(io.StringIO(FAMILIES)))[:2])
    assert run("--data-dir", data_dir, "import-families", tmp_path / "one.csv") == (
        0,
        "Imported 1 family\n",
        "",
    )


def test_a_demo_with_years_of_history_has_a_busy_centres_sessions_and_attendance(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CONTACTCENTRE_PASSPHRASE")
    folder = tmp_path / "demo"
    code, out, err = run(
        "--data-dir", folder, "demo", "--no-gui", "--families", "60", "--years", "1"
    )
    assert (code, err) == (0, "")
    assert f"Created a demo centre with 60 families and 1 year of history at {folder}" in out
    store = Store.open(folder / "centre.db", "demo")
    try:
        with store.session() as s:
            today = FixedClock(SESSION_DAY_MORNING).today()
            booked = s.exec(
                select(ContactSession.day, func.count())
                .join(Booking)
                .where(col(ContactSession.day) < today)
                .group_by(col(ContactSession.day))
            ).all()
            events = s.exec(select(func.count()).select_from(AttendanceEvent)).one()
            regular = history.regular_family(s)
            visits = s.exec(
                select(func.count())
                .select_from(Booking)
                .where(col(Booking.family_id) == regular.id)
            ).one()
    finally:
        store.close()
    # Five days a week for a year, full (20 families) but never over: about 5,000 bookings.
    assert 230 <= len(booked) <= 262
    assert all(n <= 20 for _day, n in booked)
    assert 4_500 <= sum(n for _day, n in booked) <= 5_300
    assert 20_000 <= events <= 27_000  # five or seven times recorded per attended booking
    assert visits >= 15  # the family a long letter is for comes twenty times a year or more
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", "demo")
    assert run("--data-dir", folder, "check") == (0, "ok\n", "")


def test_a_demo_needs_at_least_a_year_of_history(
    run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        run("--data-dir", tmp_path / "d", "demo", "--no-gui", "--years", "0")
    assert "argument --years: must be 1 or more" in capsys.readouterr().err
    assert not (tmp_path / "d").exists()
