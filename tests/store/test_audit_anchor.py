"""The audit chain's coverage and its anchors outside the database: every content column of
a covered record is in its digest, every backup carries the trail's signed head, and a
restored backup is checked against it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlcipher3
from sqlmodel import SQLModel

from contactcentre.domain import audit
from contactcentre.domain.clock import FixedClock
from contactcentre.domain.records import backups
from contactcentre.store import anchor, audit_chain, backup
from contactcentre.store.engine import Store
from tests.conftest import PASSPHRASE, database_key
from tests.store.tampering import audit_history, tamper

USB = "usb stick passphrase"


def problems(store: Store) -> list[str]:
    with store.session() as s:
        return audit.problems(s)


def changed(value: object) -> object:
    """Another value of the same stored kind."""
    if isinstance(value, bool | int):
        return int(value) + 1
    if isinstance(value, float):
        return value + 0.5
    if isinstance(value, bytes):
        return value + b"!"
    if isinstance(value, str):
        return value + "·"
    return "now set"  # a NULL column given a value


def test_every_content_column_of_every_covered_record_is_in_its_digest(
    store: Store, clock: FixedClock
) -> None:
    """Columns are read from the database itself, so one added later is tested (and
    covered) without this test changing; a new kind of covered record needs a row here."""
    ids = audit_history(store, clock)
    assert set(ids) == set(audit_chain.COVERED), "make a row of every covered table above"
    store.close()
    conn = sqlcipher3.connect(str(store.path), isolation_level=None)  # no foreign keys
    try:
        conn.set_key(database_key(store.path))
        conn.execute("BEGIN")
        for table, row_id in ids.items():
            columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
            assert set(columns) == set(SQLModel.metadata.tables[table].columns.keys())
            ignored = audit_chain.COVERED[table].ignored
            assert ignored <= set(columns), f"{table}: ignored columns that do not exist"
            before = audit_chain.row_digest(conn, table, row_id)
            for column in set(columns) - ignored - {"id"}:
                (value,) = conn.execute(
                    f'SELECT "{column}" FROM "{table}" WHERE id = ?', (row_id,)
                ).fetchone()
                conn.execute(
                    f'UPDATE "{table}" SET "{column}" = ? WHERE id = ?', (changed(value), row_id)
                )
                assert audit_chain.row_digest(conn, table, row_id) != before, f"{table}.{column}"
                conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE id = ?', (value, row_id))
            assert audit_chain.row_digest(conn, table, row_id) == before
        conn.execute("ROLLBACK")
    finally:
        conn.close()


def manifest_of(path: Path, passphrase: str) -> dict[str, object]:
    with backup.attached(path, passphrase) as conn:
        (text,) = conn.execute("SELECT backup_manifest FROM b.audit_anchor").fetchone()
    data: dict[str, object] = json.loads(text)
    return data


def test_every_backup_carries_the_trails_signed_head(
    store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    audit_history(store, clock)
    with store.session() as s:
        count = audit.last_id(s)
    made = backups.make_backup(store, tmp_path / "b.db", USB, clock)
    manifest = manifest_of(made.path, USB)
    assert manifest["count"] == count  # the head as the copy holds it (before "backup")
    assert set(manifest) == {"count", "head", "at", "mac"}
    assert problems(store) == []


def test_a_restored_backup_verifies_and_the_replaced_database_keeps_its_anchor(
    store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    audit_history(store, clock)
    made = backups.make_backup(store, tmp_path / "b.db", USB, clock)
    store.close()
    restored, report = backups.restore_backup(made.path, store.path, USB, PASSPHRASE)
    try:
        assert problems(restored) == []
    finally:
        restored.close()
    assert report.set_aside is not None
    assert anchor.file_for(report.set_aside).is_file()  # its own anchor, to check it by


def test_a_backup_cut_short_after_it_was_made_is_reported_once_restored(
    store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    audit_history(store, clock)
    made = backups.make_backup(store, tmp_path / "b.db", USB, clock)
    store.close()
    with backup.attached(made.path, USB) as conn:
        (last,) = conn.execute("SELECT max(id) FROM b.audit_entry").fetchone()
    tamper(made.path, f"DELETE FROM audit_entry WHERE id > {last - 3}", passphrase=USB)
    restored, _ = backups.restore_backup(made.path, store.path, USB, PASSPHRASE)
    try:
        found = problems(restored)
    finally:
        restored.close()
    # Three entries cut, and the restore's own entry added since.
    assert found == [
        "the audit trail is 2 entries shorter than its last anchor of 09:30 13/03/2027",
        "the audit trail is 2 entries shorter than its last backup's manifest of 09:30 13/03/2027",
    ]


def test_anchoring_costs_one_small_file_write_per_unit_of_work(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    commits = 100
    writes: list[Path] = []
    real = anchor.write_file
    monkeypatch.setattr(anchor, "write_file", lambda p, t: writes.append(p) or real(p, t))
    for n in range(commits):
        with store.session() as s:
            audit.record(s, "unlock")
            audit.record(s, "lock", detail=str(n))  # two entries, one write
    assert writes == [anchor.file_for(store.path)] * commits
    assert len(anchor.file_for(store.path).read_bytes()) < 300
    assert not [p for p in store.path.parent.iterdir() if p.name.endswith(".tmp")]
