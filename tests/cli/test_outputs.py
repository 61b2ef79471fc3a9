"""What a command writes lands only where it should, whole, and bad input gets one line."""

from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path

import pytest

from contactcentre.cli import main
from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.bookings import cancelling, session_calendar
from contactcentre.store.engine import Store
from contactcentre.store.models import CancelledBy, FamilyStatus
from tests.cli.conftest import Run
from tests.factories import add_family, ready_family
from tests.letter_history import book_spring, local

SPRING = ("--from", "2027-03-01", "--to", "2027-06-30")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "command",
    [
        ("letter", "F-0001", *SPRING, "-o"),
        ("agreement", "--blank", "-o"),
        ("sheet", "--blank", "-o"),
        ("export-families",),
        ("export-people",),
    ],
)
def test_no_output_can_land_on_the_centres_own_database(
    cli: Run, store: Store, command: tuple[str, ...]
) -> None:
    book_spring(store, ready_family(store, "F-0001", status=FamilyStatus.active))
    store.close()
    before = sha(store.path)
    code, _out, err = cli(*command, str(store.path))
    assert code == 1
    assert err.strip().endswith("is the centre's own database: choose another file.")
    assert sha(store.path) == before
    reopened = Store.open(store.path, "correct horse battery staple")
    reopened.close()


def test_a_failed_write_leaves_the_earlier_copy_whole_and_no_part_file(
    cli: Run, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.close()
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    sheet = out_dir / "sheet.pdf"
    assert cli("sheet", "--blank", "-o", str(sheet))[0] == 0
    good = sha(sheet)

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    code, _out, err = cli("sheet", "--blank", "-o", str(sheet))
    assert code == 1
    assert err.strip().endswith("No space left on device.")
    assert sha(sheet) == good
    assert sorted(p.name for p in out_dir.iterdir()) == ["sheet.pdf"]


@pytest.mark.parametrize(
    "extra",
    [
        ("--override", "A" * 600),  # longer than a reason may be
        ("--override", "rang\x07twice"),  # a control character pasted in
    ],
)
def test_a_bad_override_reason_is_one_line_not_a_traceback(
    cli: Run, store: Store, extra: tuple[str, str]
) -> None:
    add_family(store, "F-0001")  # not ready for contact: only an override books it
    store.close()
    code, out, err = cli("book", "F-0001", "2027-03-13", *extra)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "The reason for booking anyway" in err


def test_attendance_already_recorded_cannot_be_cancelled_away(cli: Run, store: Store) -> None:
    book_spring(store, ready_family(store, "F-0001", status=FamilyStatus.active))
    attended = date(2027, 3, 13)
    refused = pytest.raises(bookings.BookingRefused, match="Attendance is already recorded")
    with store.session() as s, refused:
        cancelling.cancel_booking(
            s, 1, attended, by=CancelledBy.resident, told_at=local(attended, "09:00")
        )
    store.close()
    code, _out, err = cli("cancel", "F-0001", "2027-03-13", "--by", "resident")
    assert code == 1 and "correct the attendance" in err


def test_init_where_no_folder_can_be_made_says_so_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", "a long enough passphrase")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    code = main(["--data-dir", str(blocker / "centre"), "init", "--centre-name", "Test"])
    err = capsys.readouterr().err
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "cannot be made" in err


def test_restoring_an_empty_file_says_it_is_not_a_backup(
    cli: Run, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.close()
    before = sha(store.path)
    empty = tmp_path / "backup.db"
    empty.write_bytes(b"")
    monkeypatch.setenv("CONTACTCENTRE_BACKUP_PASSPHRASE", "correct horse battery staple")
    code, _out, err = cli("restore", str(empty))
    assert code == 1
    assert "not a Contact Centre backup" in err
    assert sha(store.path) == before


def test_a_demo_needs_at_least_one_family(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--data-dir", str(tmp_path / "demo"), "demo", "--no-gui", "--families", "0"])
    assert stopped.value.code == 2
    assert "must be 1 or more" in capsys.readouterr().err
    assert not (tmp_path / "demo").exists()


def test_a_session_that_took_place_cannot_be_cancelled(store: Store) -> None:
    book_spring(store, ready_family(store, "F-0001", status=FamilyStatus.active))
    with store.session() as s, pytest.raises(session_calendar.CalendarError, match="it took place"):
        session_calendar.cancel_session(s, date(2027, 3, 13), "Entered by mistake")
    with store.session() as s:
        assert bookings.find_booking(s, 1, date(2027, 3, 13)).status == "booked"
