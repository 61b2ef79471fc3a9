"""restore and rekey refuse while the app has the records unlocked; reading goes on."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from contactcentre.domain.clock import FixedClock
from contactcentre.domain.records import backups
from contactcentre.store import engine, in_use
from contactcentre.store.engine import Store
from tests.cli.conftest import Run
from tests.conftest import PASSPHRASE
from tests.factories import ready_family
from tests.store.holding import writer_holding_lock

REFUSAL = "Contact Centre is open on this computer: lock or close it first; nothing was changed."


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def backup_file(store: Store, tmp_path: Path, clock: FixedClock) -> Path:
    ready_family(store, "F-0001")
    return backups.make_backup(store, tmp_path / "usb.ccbackup", PASSPHRASE, clock).path


@pytest.fixture
def app_open(store: Store, backup_file: Path) -> Iterator[Path]:
    """The store closed, and the in-use lock held as the unlocked app holds it."""
    store.close()
    with in_use.held(store.path):
        yield store.path


@pytest.fixture(autouse=True)
def new_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONTACTCENTRE_NEW_PASSPHRASE", "a brand new passphrase")
    monkeypatch.delenv("CONTACTCENTRE_BACKUP_PASSPHRASE", raising=False)


def test_restore_and_rekey_refuse_in_one_line_and_change_nothing(
    cli: Run, app_open: Path, backup_file: Path
) -> None:
    before = sha256(app_open)
    for command in (["restore", str(backup_file)], ["rekey"]):
        code, out, err = cli(*command)
        assert code == 1 and out == ""
        assert err == f"contactcentre {command[0]}: {REFUSAL}\n"
    assert sha256(app_open) == before
    assert not [p for p in app_open.parent.iterdir() if "restor" in p.name]
    Store.open(app_open, PASSPHRASE).close()  # still the old passphrase


def test_reading_and_booking_commands_still_work_alongside_the_app(
    cli: Run, app_open: Path, tmp_path: Path
) -> None:
    assert cli("check")[:2] == (0, "ok\n")
    code, out, _ = cli("sessions", "--from", "2027-03-01", "--to", "2027-03-31")
    assert code == 0 and "2027-03-13" in out
    assert cli("book", "F-0001", "2027-03-13")[0] == 0
    code, _, _ = cli("export-families", str(tmp_path / "families.csv"))
    assert code == 0 and "F-0001" in (tmp_path / "families.csv").read_text()
    code, out, _ = cli("backup", str(tmp_path / "second.ccbackup"))
    assert code == 0 and "families: 1" in out


def test_once_the_app_locks_restore_and_rekey_go_ahead(
    cli: Run, store: Store, backup_file: Path
) -> None:
    store.close()
    with in_use.held(store.path):
        assert cli("rekey")[0] == 1
    code, out, _ = cli("restore", str(backup_file))
    assert code == 0 and "Restored the backup" in out
    code, out, _ = cli("rekey")
    assert code == 0 and "Passphrase changed" in out
    assert not in_use.InUseLock(store.path).held_elsewhere()  # both let go when done


BUSY = "another Contact Centre command is writing; try again in a moment"


def test_beside_a_long_import_commands_say_busy_and_restore_sets_nothing_aside(
    cli: Run, store: Store, backup_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.close()
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)  # a short wait, then the refusal
    commands = [
        ["check"],
        ["export-families", str(tmp_path / "families.csv")],
        ["rekey"],
        ["restore", str(backup_file)],
    ]
    with writer_holding_lock(store.path, PASSPHRASE):
        for command in commands:
            code, out, err = cli(*command)
            assert (code, out) == (1, "")
            assert err.startswith(f"contactcentre {command[0]}: ") and BUSY in err
            assert err.count("\n") == 1 and "damaged" not in err and "passphrase" not in err
    assert not [p for p in store.path.parent.iterdir() if "restor" in p.name]
    assert cli("check")[:2] == (0, "ok\n")  # the old passphrase, and healthy


def test_deleting_the_lock_file_while_the_app_is_open_does_not_let_restore_or_rekey_in(
    cli: Run, app_open: Path, backup_file: Path
) -> None:
    in_use.lock_path(app_open).unlink()
    before = sha256(app_open)
    for command in (["restore", str(backup_file)], ["rekey"]):
        code, _, err = cli(*command)
        assert code == 1 and err == f"contactcentre {command[0]}: {REFUSAL}\n"
    assert sha256(app_open) == before
    assert not [p for p in app_open.parent.iterdir() if "restor" in p.name]
