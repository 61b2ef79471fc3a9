"""Backups a coordinator can trust: encrypted with their own passphrase, verified against
the database row by row, never half-written, and restorable without losing the current
database."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlcipher3

from contactcentre.domain import audit
from contactcentre.domain.clock import FixedClock
from contactcentre.domain.records import backups
from contactcentre.domain.register.family_lists import register_rows
from contactcentre.outputs import OutputRefused
from contactcentre.store import backup
from contactcentre.store.engine import Store
from contactcentre.store.errors import StoreError, StoreFull
from tests.conftest import PASSPHRASE, database_key
from tests.factories import add_family
from tests.proof.disk import limit_backup_pages
from tests.store.crash_child import run_and_kill

USB = "usb stick passphrase"
NOW = datetime(2027, 3, 13, 12, 30, tzinfo=UTC)


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def families(store: Store) -> list[str]:
    with store.session() as s:
        return [row.ref for row in register_rows(s)]


def test_backup_is_encrypted_with_its_own_passphrase_and_matches_every_table(
    store: Store, usb: Path
) -> None:
    for ref in ("F-0001", "F-0002", "F-0003"):
        add_family(store, ref)
    report = backup.backup(store, usb / "centre-backup.db", USB, now=NOW)

    data = report.path.read_bytes()
    assert not data.startswith(b"SQLite format 3")
    assert b"Sarah" not in data and b"Jones" not in data
    with pytest.raises(backup.WrongBackupPassphrase):
        backup.inspect_backup(report.path, PASSPHRASE)  # the centre's passphrase is not enough

    contents = backup.inspect_backup(report.path, USB)
    assert contents.made_at == NOW
    assert contents.counts["family"] == 3 and contents.counts["person"] == 9
    with backup.attached(store.path, database_key(store.path)) as conn:
        source = backup.table_digests(conn, "b")
    with backup.attached(report.path, USB) as conn:
        copy = backup.table_digests(conn, "b")
    # Same row counts and the same checksum, table by table; the centre's row differs by
    # the copy's own date only (the source is stamped once the copy is in place).
    assert copy.pop("centre")[0] == source.pop("centre")[0] == 1
    assert copy == source
    assert report.counts == {name: count for name, (count, _) in source.items()} | {"centre": 1}
    assert [p.name for p in usb.iterdir()] == ["centre-backup.db"]  # no temporary left


@pytest.mark.parametrize("passphrase", ["", None])
def test_a_plaintext_or_self_overwriting_backup_is_refused(
    store: Store, usb: Path, passphrase: str | None
) -> None:
    target = usb / "plain.db" if passphrase is not None else store.path
    with pytest.raises(StoreError):
        backup.backup(store, target, passphrase or "", now=NOW)
    assert list(usb.iterdir()) == []
    assert families(store) == []  # the centre's own database is untouched and open


def test_restore_puts_the_backup_back_under_the_centre_passphrase_and_keeps_the_old_db(
    store: Store, usb: Path
) -> None:
    add_family(store, "F-0001")
    made = backup.backup(store, usb / "b.db", USB, now=NOW)
    add_family(store, "F-0002")  # made after the backup: the restore takes it away
    store.close()

    restored, report = backup.restore(made.path, store.path, USB, PASSPHRASE)
    assert families(restored) == ["F-0001"]
    restored.close()
    assert report.contents.counts["family"] == 1
    assert report.set_aside is not None and report.set_aside.name.startswith(
        "centre.db.before-restore-"
    )
    kept = Store.open(report.set_aside, PASSPHRASE)
    assert families(kept) == ["F-0001", "F-0002"]
    kept.close()
    with pytest.raises(StoreError):
        Store.open(store.path, USB)  # the restored copy uses the centre's passphrase


def test_a_backup_from_a_wrong_passphrase_changes_nothing(store: Store, usb: Path) -> None:
    add_family(store, "F-0001")
    made = backup.backup(store, usb / "b.db", USB, now=NOW)
    store.close()
    with pytest.raises(backup.WrongBackupPassphrase):
        backup.restore(made.path, store.path, "not it", PASSPHRASE)
    assert sorted(p.name for p in store.path.parent.iterdir()) == [
        "centre.db",
        "centre.db.anchor",
        "centre.db.keys",
    ]


@pytest.mark.slow
def test_a_backup_killed_at_random_moments_leaves_the_previous_backup_intact(
    store: Store, usb: Path
) -> None:
    add_family(store, "F-0001")
    previous = backup.backup(store, usb / "b.db", PASSPHRASE, now=NOW)
    store.close()
    rng = random.Random(3)
    for _ in range(5):
        run_and_kill(
            "backup", str(store.path), PASSPHRASE, str(previous.path), rng=rng, max_delay=1.5
        )
        contents = backup.inspect_backup(previous.path, PASSPHRASE)  # opens, undamaged
        assert contents.counts["family"] == 1


def test_one_flipped_byte_is_found_by_the_full_check(store: Store, tmp_path: Path) -> None:
    from contactcentre.store.integrity import problems

    for ref in ("F-0001", "F-0002"):
        add_family(store, ref)
    store.close()
    copy = tmp_path / "copy.db"
    data = bytearray(store.path.read_bytes())
    data[-2000] ^= 0x01  # one bit in the last page (family rows, not read on opening)
    copy.write_bytes(bytes(data))
    damaged = Store.open(copy, database_key(store.path))
    try:
        found = problems(damaged)
    finally:
        damaged.close()
    assert any("HMAC verification failed" in line for line in found), found


def test_backup_and_restore_are_in_the_audit_trail(store: Store, usb: Path) -> None:
    made = backups.make_backup(store, usb / "b.db", USB, FixedClock(NOW))
    store.close()
    restored, _ = backups.restore_backup(made.path, store.path, USB, PASSPHRASE)
    with restored.session() as s:
        actions = [e.action for e in reversed(audit.entries(s))]
        details = [e.detail for e in reversed(audit.entries(s))]
        assert audit.verify(s) is None
    restored.close()
    # The backup's own entry is written after the copy, so the restored trail has the
    # restore (naming the backup's digest) right after what the backup held.
    assert actions[-1] == "restore"
    assert details[-1].startswith(f"sha256 {made.sha256}")


def test_a_backup_over_a_link_or_a_folder_is_refused_and_leaves_it_alone(
    store: Store, usb: Path
) -> None:
    elsewhere = usb / "elsewhere.txt"
    elsewhere.write_text("somebody else's file", encoding="utf-8")
    link = usb / "centre-backup.db"
    link.symlink_to(elsewhere)
    folder = usb / "a-folder.db"
    folder.mkdir()
    for target in (link, folder):
        with pytest.raises(StoreError, match="not an ordinary file"):
            backup.backup(store, target, PASSPHRASE, now=NOW)
    assert link.is_symlink() and folder.is_dir()
    assert elsewhere.read_text(encoding="utf-8") == "somebody else's file"


def test_a_backup_on_a_full_disk_says_so_and_the_reminder_still_asks_for_one(
    store: Store, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_family(store, "F-0001")
    limit_backup_pages(monkeypatch, pages=3)
    for _ in range(4):  # every time, not only the first
        with pytest.raises(StoreFull, match="disk is full"):
            backups.make_backup(store, usb / "b.db", USB, FixedClock(NOW))
    due = backups.backup_due(store, NOW)
    assert due is not None and "never been backed up" in due.reason
    assert list(usb.iterdir()) == []  # no half-written copy left on the stick


@pytest.mark.parametrize("side", ["-wal", "-shm", ".lock"])
def test_a_backup_over_the_databases_own_side_files_is_refused_and_they_stay(
    store: Store, side: str
) -> None:
    target = Path(f"{store.path}{side}")
    target.touch()  # (the -wal and -shm exist while the store is open)
    with pytest.raises(OutputRefused, match="centre's own database"):
        backups.make_backup(store, target, USB, FixedClock(NOW))
    assert target.exists() and families(store) == []


def test_the_next_backup_clears_what_killed_backups_left_in_the_folder(
    store: Store, usb: Path
) -> None:
    for leftover in (".old.db.partial", ".old.db.partial-journal", ".b.db.partial"):
        (usb / leftover).write_bytes(b"half a backup")
    (usb / ".notes.partial.txt").write_text("not ours", encoding="utf-8")
    backups.make_backup(store, usb / "b.db", USB, FixedClock(NOW))
    assert sorted(p.name for p in usb.iterdir()) == [".notes.partial.txt", "b.db"]


@pytest.mark.slow
def test_a_restore_killed_at_random_moments_leaves_a_centre_that_opens_whole(
    store: Store, usb: Path
) -> None:
    from contactcentre.domain.records.backups import before_opening

    add_family(store, "F-0001")
    made = backup.backup(store, usb / "b.db", PASSPHRASE, now=NOW)
    add_family(store, "F-0002")
    store.close()
    rng = random.Random(5)
    for _ in range(3):
        run_and_kill("restore", str(store.path), PASSPHRASE, str(made.path), rng=rng, max_delay=2)
        before_opening(store.path)  # what every open does first
        reopened = Store.open(store.path, PASSPHRASE)  # never missing, never half there
        assert families(reopened) in (["F-0001"], ["F-0001", "F-0002"])
        reopened.close()
    kept = sorted(store.path.parent.glob("centre.db.before-restore-*[0-9]"))
    assert len({p.name for p in kept}) == len(kept)  # every copy set aside is still there


def test_a_copy_whose_rows_differ_from_the_database_is_refused_naming_the_table() -> None:
    conn = sqlcipher3.connect(":memory:", isolation_level=None)
    try:
        conn.execute("ATTACH DATABASE ':memory:' AS b")
        for schema in ("main", "b"):
            conn.execute(f"CREATE TABLE {schema}.family (id INTEGER PRIMARY KEY, ref TEXT)")
            conn.execute(f"CREATE TABLE {schema}.person (id INTEGER PRIMARY KEY, name TEXT)")
            conn.execute(f"INSERT INTO {schema}.person VALUES (1, 'Zoë')")
        conn.execute("INSERT INTO main.family VALUES (1, 'F-0001'), (2, 'F-0002')")
        conn.execute("INSERT INTO b.family VALUES (1, 'F-0001'), (2, 'F-0003')")
        with pytest.raises(StoreError, match=r"\(tables: family\); nothing was replaced"):
            backup._compare(conn)
        conn.execute("UPDATE b.family SET ref = 'F-0002' WHERE id = 2")
        conn.execute("INSERT INTO b.family VALUES (3, 'F-0002')")  # one row too many
        with pytest.raises(StoreError, match=r"tables: family"):
            backup._compare(conn)
        conn.execute("DELETE FROM b.family WHERE id = 3")
        assert backup._compare(conn) == {"family": 2, "person": 1}
    finally:
        conn.close()


def test_a_copy_damaged_on_the_disk_after_it_was_written_is_not_trusted(
    store: Store, usb: Path
) -> None:
    """The check of a new copy reads it afresh: a bit flipped on the way to the stick is
    found and the copy is refused as damaged; a wrong passphrase is refused as such."""
    for ref in ("F-0001", "F-0002"):
        add_family(store, ref)
    target = usb / "backup.db"
    backups.make_backup(store, target, USB, FixedClock(NOW))

    def verify(passphrase: str) -> None:
        with backup.attached(target, USB) as conn:  # as the export leaves it
            backup._verify(conn, target, passphrase)

    verify(USB)  # as written: whole
    data = bytearray(target.read_bytes())
    data[-2000] ^= 0x01  # one bit in the last page
    target.write_bytes(bytes(data))
    with pytest.raises(StoreError) as damaged:
        verify(USB)
    assert "HMAC verification failed" in str(damaged.value)
    with pytest.raises(backup.WrongBackupPassphrase):
        verify("not the usb passphrase")
