"""A crash at any step of restore, rekey, backup, init or demo loses nothing: the next
command (or the app) finds the centre whole, with exactly one passphrase that opens it, and
says in one line what it put right.

Each command runs in a child (tests/store/fault_child.py) that dies before its first,
second, … change to the files, one run per step, until a run gets to the end.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from contactcentre.cli import main
from contactcentre.domain import audit
from contactcentre.domain.centre import get_centre
from contactcentre.domain.team import accounts
from contactcentre.store import backup as store_backup
from contactcentre.store.engine import Store
from contactcentre.store.errors import WrongPassphrase
from contactcentre.store.models import Family, TeamRole
from contactcentre.store.unlocking import unlock
from tests.conftest import PASSPHRASE
from tests.factories import add_family

FAULT_CHILD = Path(__file__).parents[1] / "store" / "fault_child.py"
NEW = "a brand new passphrase"
USB = "usb stick passphrase"
LEAVING, STAYING = "a leaver's own phrase", "a stayer's own phrase"
RESTORE_PARTS = 3  # a restore has some 14 steps: three tests, each well inside its time

pytestmark = pytest.mark.slow


def killed_runs(
    template: Path, work: Path, *command: str, part: int = 0, parts: int = 1
) -> list[Path]:
    """The folders where `command` was killed, one per step (of this part of the steps);
    the last run must finish."""
    where = [str(template), str(work), str(part), str(parts)]
    result = subprocess.run(
        [sys.executable, str(FAULT_CHILD), *where, *command],
        capture_output=True,
        text=True,
        timeout=100,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},  # importing writes no file
    )
    lines = result.stdout.splitlines()
    assert lines and lines[-1].endswith("finished 0"), result.stderr[-2000:]
    killed = [work / line.split()[0] for line in lines if line.endswith("killed")]
    assert len(killed) >= 2, lines  # the command has steps to be killed at
    return killed


def run_cli(folder: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """The next command a coordinator types; (exit code, what it said on stderr)."""
    code = main(["--data-dir", str(folder / "centre"), *args])
    return code, capsys.readouterr().err


def opens_with(db: Path, passphrase: str) -> bool:
    try:
        Store.open(db, passphrase).close()
    except WrongPassphrase:
        return False
    return True


def contents(db: Path, passphrase: str = PASSPHRASE) -> tuple[list[str], list[str]]:
    """The families' references and the trail's actions, oldest first."""
    store = Store.open(db, passphrase)
    try:
        with store.session() as s:
            refs = sorted(s.exec(select(Family.ref)))
            actions = [e.action for e in reversed(audit.entries(s))]
            assert audit.verify(s) is None
    finally:
        store.close()
    return refs, actions


@pytest.fixture
def template(store: Store, data_dir: Path, tmp_path: Path) -> Path:
    """A centre with F-0001 in a backup on the 'USB stick' and F-0002 added since."""
    add_family(store, "F-0001")
    folder = tmp_path / "template"
    folder.mkdir()
    store_backup.backup(store, folder / "usb.db", USB, now=datetime(2027, 3, 1, tzinfo=UTC))
    add_family(store, "F-0002")
    store.close()
    shutil.copytree(data_dir, folder / "centre")
    return folder


@pytest.mark.parametrize("part", range(RESTORE_PARTS))
def test_a_restore_killed_at_any_step_is_finished_or_never_began_and_the_user_is_told(
    part: int,
    template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("CONTACTCENTRE_BACKUP_PASSPHRASE", USB)
    outcomes = set()
    work = tmp_path / "work"
    for folder in killed_runs(template, work, "restore", "usb.db", part=part, parts=RESTORE_PARTS):
        db = folder / "centre" / "centre.db"
        half_done = db.with_name("centre.db.restore-journal").exists()
        code, said = run_cli(folder, capsys, "check")
        assert code == 0, f"{folder.name}: {said}"  # never "run init", never a traceback
        assert ("restore from a backup was interrupted" in said) == half_done, folder.name
        refs, actions = contents(db)  # the centre's passphrase opens it, whatever happened
        if refs == ["F-0001"]:  # restored: the restore is in the trail, the old data kept
            assert actions[-1] == "restore", folder.name
            (kept,) = folder.glob("centre/centre.db.before-restore-*[0-9]")
            if "restored" not in outcomes:  # (each key derivation is slow: check one)
                assert contents(kept)[0] == ["F-0001", "F-0002"]
            outcomes.add("restored")
        else:  # never began: as it was
            assert refs == ["F-0001", "F-0002"] and "restore" not in actions, folder.name
            outcomes.add("as before")
        assert not db.with_name("centre.db.restore-journal").exists()
    assert outcomes == {"restored", "as before"}  # kills landed on both sides of the swap


INIT = ("init", "--centre-name", "Hill Street Centre")
DEMO = ("demo", "--no-gui", "--families", "3")


# (command, part, parts): a demo is slow to make, so its steps are shared by two tests.
@pytest.mark.parametrize("command, part, parts", [(INIT, 0, 1), (DEMO, 0, 2), (DEMO, 1, 2)])
def test_init_or_demo_killed_at_any_step_leaves_no_centre_or_a_whole_one(
    command: tuple[str, ...],
    part: int,
    parts: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", PASSPHRASE)
    empty = tmp_path / "empty"
    empty.mkdir()
    outcomes = set()
    for folder in killed_runs(empty, tmp_path / "work", *command, part=part, parts=parts):
        db = folder / "centre" / "centre.db"
        code, said = run_cli(folder, capsys, "check")
        if not db.exists():  # nothing was made, and the coordinator is told to make it
            assert code == 1 and "No centre database" in said, folder.name
            if "none" not in outcomes:  # and making it again works (once is proof enough)
                assert run_cli(folder, capsys, *command)[0] == 0, folder.name
                assert run_cli(folder, capsys, "check")[0] == 0, folder.name
            outcomes.add("none")
            continue
        # Every command reads the centre's details first: "missing" would fail here.
        assert code == 0, f"{folder.name}: {said}"
        if command[0] == "demo":
            assert len(contents(db)[0]) == 3  # all the families, or no demo at all
        outcomes.add("whole")
    assert outcomes == {"none", "whole"}  # kills landed before and after the rename


def test_a_rekey_killed_at_any_step_leaves_one_passphrase_and_the_change_in_the_trail(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("CONTACTCENTRE_NEW_PASSPHRASE", NEW)
    for folder in killed_runs(template, tmp_path / "work", "rekey"):
        db = folder / "centre" / "centre.db"
        old_works, new_works = opens_with(db, PASSPHRASE), opens_with(db, NEW)
        assert old_works != new_works, folder.name
        current = NEW if new_works else PASSPHRASE
        monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", current)
        code, said = run_cli(folder, capsys, "check")
        assert code == 0, said
        refs, actions = contents(db, current)
        assert refs == ["F-0001", "F-0002"]
        if new_works:
            assert "passphrase.change" in actions, folder.name
        if "passphrase change was interrupted" in said:
            assert actions.count("passphrase.change") == 1
        assert not db.with_name("centre.db.rekey-pending").exists()


def test_a_backup_killed_at_any_step_keeps_a_good_backup_and_resets_no_reminder_early(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("CONTACTCENTRE_BACKUP_PASSPHRASE", USB)
    before = store_backup.inspect_backup(template / "usb.db", USB)
    for folder in killed_runs(template, tmp_path / "work", "backup", "usb.db"):
        found = store_backup.inspect_backup(folder / "usb.db", USB)  # opens, undamaged
        store = Store.open(folder / "centre" / "centre.db", PASSPHRASE)
        with store.session() as s:
            stamped = get_centre(s).last_backup_at
        store.close()
        if found.made_at == before.made_at:  # the old backup is still the one there
            assert found.counts == before.counts
            assert stamped is None, folder.name  # so the reminder was not reset
        else:
            assert found.counts["family"] == 2
        assert run_cli(folder, capsys, "backup", str(folder / "usb.db"))[0] == 0
        assert not list(folder.glob(".*partial*")), folder.name  # the next run tidied up


KILLED_WHILE_WRITING = """
import os, sys
from contactcentre.cli import main
from contactcentre.domain import audit
real = audit.record
def record(s, action, **kw):
    if action == sys.argv[1]:
        os._exit(70)  # killed with the database made and its first records half-written
    return real(s, action, **kw)
audit.record = record
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize("command, writing", [(INIT, "centre.create"), (DEMO, "demo.fill")])
def test_init_or_demo_killed_while_writing_the_centre_leaves_nothing_to_trip_over(
    command: tuple[str, ...],
    writing: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", PASSPHRASE)
    folder = tmp_path / "centre"
    child = [sys.executable, "-c", KILLED_WHILE_WRITING, writing, "--data-dir", str(folder)]
    assert subprocess.run([*child, *command], timeout=60).returncode == 70
    assert not (folder / "centre.db").exists()  # no empty centre that "check" calls ok
    assert run_cli(tmp_path, capsys, *command)[0] == 0  # and making it again just works
    assert run_cli(tmp_path, capsys, "check")[0] == 0


def test_init_works_on_a_usb_stick_whose_file_system_has_no_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    def no_links(*_args: object) -> None:
        raise PermissionError(1, "Operation not permitted")  # as FAT answers

    monkeypatch.setattr(os, "link", no_links)
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", PASSPHRASE)
    assert run_cli(tmp_path, capsys, *INIT)[0] == 0
    assert run_cli(tmp_path, capsys, "check")[0] == 0
    assert sorted(p.name for p in (tmp_path / "centre").iterdir()) == [
        "centre.db",
        "centre.db.anchor",
        "centre.db.keys",
    ]


def test_a_login_removal_killed_at_any_step_locks_out_only_the_person_removed(
    store: Store,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    accounts.add_account(store, "Kit Leaving", TeamRole.volunteer, LEAVING)
    accounts.add_account(store, "Ola Staying", TeamRole.volunteer, STAYING)
    add_family(store, "F-0001")
    store.close()
    template = tmp_path / "template"
    shutil.copytree(data_dir, template / "centre")
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", PASSPHRASE)
    outcomes = set()
    for folder in killed_runs(template, tmp_path / "work", "user", "remove", "Kit Leaving"):
        db = folder / "centre" / "centre.db"
        began = db.with_name("centre.db.keys.next").exists()
        for name, secret in [("Ola Staying", STAYING), (None, PASSPHRASE)]:
            opened = unlock(db, name, secret)  # the first of these finishes a half-done one
            with opened.session() as s:
                assert sorted(s.exec(select(Family.ref))) == ["F-0001"], folder.name
            opened.close()
        assert not db.with_name("centre.db.keys.next").exists(), folder.name
        try:
            unlock(db, "Kit Leaving", LEAVING).close()
            outcomes.add("never began")
            assert not began, folder.name
        except WrongPassphrase:
            outcomes.add("removed")
    assert outcomes == {"never began", "removed"}, outcomes
