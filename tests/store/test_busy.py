"""Another process writing (a long import) is told apart from damage: units of work say the
database is busy, reads go on, and a restore or a passphrase change refuses to run under
the writer rather than leave its rows in a copy set aside."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from contactcentre.store import backup, engine, keys
from contactcentre.store.engine import Store
from contactcentre.store.errors import StoreBusy, StoreReplaced
from contactcentre.store.integrity import problems
from contactcentre.store.models import Centre
from tests.conftest import PASSPHRASE, database_key
from tests.factories import add_family
from tests.store.holding import writer_holding_lock

BUSY = "another Contact Centre command is writing; try again in a moment"
WRITERS_PHONE = "0113 496 7777"


@pytest.fixture
def db(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The test centre, closed, with units of work that wait 0.3 s for a writer, not 10 s."""
    store.close()
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)
    yield store.path


def centre_phone(db: Path) -> str:
    store = Store.open(db, PASSPHRASE)
    try:
        with store.session() as s:
            return s.exec(select(Centre.phone)).one()
    finally:
        store.close()


def test_saving_beside_a_long_import_says_busy_and_reading_goes_on(db: Path) -> None:
    with writer_holding_lock(db, PASSPHRASE, WRITERS_PHONE):
        store = Store.open(db, PASSPHRASE)  # opening only reads: no wait, no refusal
        try:
            assert problems(store) == []  # `check` reads too: healthy, not "damaged"
            with pytest.raises(StoreBusy, match=BUSY):
                add_family(store, "F-0001")
        finally:
            store.close()
    store = Store.open(db, PASSPHRASE)
    try:
        add_family(store, "F-0001")  # once the writer is done, the same save goes through
    finally:
        store.close()
    assert centre_phone(db) == WRITERS_PHONE


def test_a_passphrase_change_under_a_writer_refuses_and_changes_nothing(db: Path) -> None:
    with writer_holding_lock(db, PASSPHRASE, WRITERS_PHONE), pytest.raises(StoreBusy, match=BUSY):
        keys.rekey_file(db, database_key(db), "a brand new passphrase")
    assert centre_phone(db) == WRITERS_PHONE  # the old passphrase, and the writer's row


def test_a_restore_under_a_writer_refuses_and_the_writers_rows_stay_in_the_live_file(
    db: Path, tmp_path: Path
) -> None:
    store = Store.open(db, PASSPHRASE)
    try:
        made = backup.backup(store, tmp_path / "usb.ccbackup", PASSPHRASE, now=datetime.now(UTC))
    finally:
        store.close()
    with writer_holding_lock(db, PASSPHRASE, WRITERS_PHONE), pytest.raises(StoreBusy, match=BUSY):
        backup.restore(made.path, db, PASSPHRASE, PASSPHRASE)
    assert not [p.name for p in db.parent.iterdir() if "restor" in p.name]
    assert centre_phone(db) == WRITERS_PHONE


def test_a_save_the_file_is_moved_from_under_is_refused_not_left_in_the_copy_set_aside(
    db: Path,
) -> None:
    aside = db.with_name("centre.db.before-restore")
    store = Store.open(db, PASSPHRASE)
    try:
        with pytest.raises(StoreReplaced), store.session() as s:
            s.execute(text("UPDATE centre SET name = 'Written during a restore'"))
            for suffix in ("-wal", "-shm", ""):  # what a restore does, as it does it
                if Path(f"{db}{suffix}").exists():
                    os.replace(f"{db}{suffix}", f"{aside}{suffix}")
            shutil.copyfile(aside, db)
    finally:
        store.close()
    key = database_key(db)  # the copy set aside has the same key, and no slots of its own
    for path in (db, aside):
        opened = Store.open(path, key)
        try:
            with opened.session() as s:
                assert s.exec(select(Centre.name)).all() == ["Test Contact Centre"]
        finally:
            opened.close()
