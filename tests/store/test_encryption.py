"""The centre's database is unreadable without the passphrase, and a failed unlock or a
damaged file never changes what is on disk."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3
from sqlalchemy import event, exc

from contactcentre.domain import audit
from contactcentre.domain.centre import CentreDetails
from contactcentre.domain.records.creation import new_centre
from contactcentre.domain.register.families import save_family
from contactcentre.domain.register.family_forms import FamilyForm, PersonForm, RefereeForm
from contactcentre.store.db_file import PAGE_SIZE
from contactcentre.store.engine import Store, make_engine
from contactcentre.store.errors import (
    NotADatabase,
    StoreError,
    StoreExists,
    StoreMissing,
    WrongPassphrase,
)
from contactcentre.store.integrity import problems
from contactcentre.store.models import ReferralSource, Role
from tests.conftest import PASSPHRASE, database_key
from tests.factories import add_family


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# the database, its audit trail's anchor and the logins' key slots
DB_AND_ANCHOR = ["centre.db", "centre.db.anchor", "centre.db.keys"]


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def closed_db(store: Store) -> Path:
    """A healthy centre database with a few families, closed (as on the laptop at rest)."""
    for n in range(1, 6):
        add_family(store, f"F-{n:04d}")
    store.close()
    return store.path


def test_the_file_has_no_plain_sqlite_header_and_no_readable_schema(closed_db: Path) -> None:
    data = closed_db.read_bytes()
    assert not data.startswith(b"SQLite format 3")
    assert len(data) % PAGE_SIZE == 0
    for plain in (b"CREATE TABLE", b"family", b"Jones", b"Dana Scully", b"Test Contact Centre"):
        assert plain not in data


def test_plain_sqlite3_and_keyless_sqlcipher_cannot_read_it(closed_db: Path) -> None:
    before = sha256(closed_db)
    plain = sqlite3.connect(closed_db)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            plain.execute("SELECT name FROM sqlite_master").fetchall()
    finally:
        plain.close()
    keyless = sqlcipher3.connect(str(closed_db))
    try:
        with pytest.raises(sqlcipher3.DatabaseError, match="not a database"):
            keyless.execute("SELECT name FROM sqlite_master").fetchall()
    finally:
        keyless.close()
    assert sha256(closed_db) == before
    assert listing(closed_db.parent) == DB_AND_ANCHOR


def test_the_file_is_sqlcipher_4_format(closed_db: Path) -> None:
    """Pinned format: SQLCipher 4 settings open it, SQLCipher 3 settings do not."""

    def readable(compatibility: int) -> bool:
        conn = sqlcipher3.connect(str(closed_db))
        try:
            conn.set_key(database_key(closed_db))
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(f"PRAGMA cipher_compatibility = {compatibility}")
            conn.execute("SELECT count(*) FROM family").fetchone()
            return True
        except sqlcipher3.DatabaseError:
            return False
        finally:
            conn.close()

    assert readable(4)
    assert not readable(3)


def test_a_wrong_passphrase_says_so_and_changes_nothing(closed_db: Path) -> None:
    before = sha256(closed_db)
    for attempt in ("correct horse battery stapler", "CORRECT HORSE BATTERY STAPLE", " "):
        with pytest.raises(WrongPassphrase) as raised:
            Store.open(closed_db, attempt)
        assert str(raised.value) == "The name or passphrase is wrong."
        assert sha256(closed_db) == before
        assert listing(closed_db.parent) == DB_AND_ANCHOR, "no -wal/-shm left behind"
    store = Store.open(closed_db, PASSPHRASE)
    try:
        assert len(store.pragma("table_info(family)")) > 10
    finally:
        store.close()


def page_boundary_truncation(data: bytes) -> bytes:
    return data[: 2 * PAGE_SIZE]


def flip_page_2(data: bytes) -> bytes:
    damaged = bytearray(data)
    damaged[PAGE_SIZE + 100] ^= 0xFF
    return bytes(damaged)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: data[:5000], id="truncated-mid-page"),
        pytest.param(page_boundary_truncation, id="truncated-at-a-page-boundary"),
        pytest.param(flip_page_2, id="damaged-page-2"),
        pytest.param(lambda data: os.urandom(3 * PAGE_SIZE + 17), id="random-odd-size"),
        pytest.param(lambda data: b"ref,contact_type\nF-0001,supported\n", id="a-csv-file"),
    ],
)
def test_a_damaged_or_foreign_file_is_not_a_database_and_is_left_alone(
    closed_db: Path, damage: Any
) -> None:
    """Opened with the *right* passphrase: the message must not blame the passphrase."""
    closed_db.write_bytes(damage(closed_db.read_bytes()))
    before = sha256(closed_db)
    with pytest.raises(NotADatabase) as raised:
        Store.open(closed_db, PASSPHRASE)
    assert "not a Contact Centre database, or it is damaged" in str(raised.value)
    assert sha256(closed_db) == before
    assert listing(closed_db.parent) == DB_AND_ANCHOR


def test_a_plain_sqlite_database_is_refused_without_being_touched(data_dir: Path) -> None:
    path = data_dir / "centre.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE family (ref TEXT)")
    conn.execute("INSERT INTO family VALUES ('F-0001')")
    conn.commit()
    conn.close()
    before = sha256(path)
    with pytest.raises(NotADatabase):
        Store.open(path, PASSPHRASE)
    assert sha256(path) == before


def test_random_bytes_of_a_plausible_size_fail_without_changing_the_file(data_dir: Path) -> None:
    """Indistinguishable from a wrong key (SQLCipher's header is random too): either
    message is honest, but nothing may change and no traceback may escape."""
    path = data_dir / "centre.db"
    path.write_bytes(os.urandom(4 * PAGE_SIZE))
    before = sha256(path)
    with pytest.raises((WrongPassphrase, NotADatabase)):
        Store.open(path, PASSPHRASE)
    assert sha256(path) == before
    assert listing(data_dir) == ["centre.db"]


def test_damage_deep_in_the_file_is_reported_by_the_integrity_check(closed_db: Path) -> None:
    data = bytearray(closed_db.read_bytes())
    last_page = len(data) // PAGE_SIZE
    data[(last_page - 1) * PAGE_SIZE + 200] ^= 0x01
    closed_db.write_bytes(bytes(data))
    store = Store.open(closed_db, PASSPHRASE)
    try:
        found = problems(store)
    finally:
        store.close()
    assert f"HMAC verification failed for page {last_page}" in found


def test_a_healthy_store_has_no_integrity_problems(store: Store) -> None:
    add_family(store, "F-0001")
    assert problems(store) == []
    assert problems(store, quick=True) == []


def test_pragmas_are_set_on_every_pooled_connection(store: Store) -> None:
    add_family(store, "F-0001")
    traced: dict[int, list[str]] = {}

    # A fresh engine, traced from before its own connect listener runs.
    engine = make_engine(store.path, database_key(store.path))

    @event.listens_for(engine, "connect", insert=True)
    def _trace(dbapi_connection: Any, _record: Any) -> None:
        statements = traced.setdefault(id(dbapi_connection), [])
        dbapi_connection.set_trace_callback(statements.append)

    held = [engine.raw_connection() for _ in range(5)]  # pool_size 2 plus overflow
    try:
        assert len({id(c.driver_connection) for c in held}) == 5
        for conn in held:
            cursor = conn.cursor()

            def pragma(name: str, cursor: Any = cursor) -> Any:
                return cursor.execute(f"PRAGMA {name}").fetchone()[0]

            assert pragma("journal_mode") == "wal"
            assert pragma("synchronous") == 2  # FULL
            assert pragma("foreign_keys") == 1
            assert pragma("secure_delete") == 1
            assert pragma("temp_store") == 2  # MEMORY
            assert pragma("busy_timeout") >= 1000
            assert pragma("cipher_page_size") == "4096"
            assert pragma("cipher_kdf_algorithm") == "PBKDF2_HMAC_SHA512"
            assert cursor.execute("SELECT ref FROM family").fetchall() == [("F-0001",)]
            cursor.close()
    finally:
        for conn in held:
            conn.close()
        engine.dispose()
    assert len(traced) == 5
    for statements in traced.values():
        assert "PRAGMA cipher_compatibility = 4" in statements
        assert "PRAGMA journal_mode = WAL" in statements


def test_marker_strings_saved_through_the_register_never_reach_the_files(
    store: Store, data_dir: Path
) -> None:
    markers = [f"MARKER{n:02d}zq" for n in range(20)]
    it = iter(markers)
    form = FamilyForm(
        ref="F-0001",
        referral_date=date(2027, 1, 10),
        referral_source=ReferralSource.self,
        referrer_name=f"Referrer {next(it)}",
        referrer_organisation=next(it),
        referrer_reference=next(it),
        court_order=True,
        court_order_description=next(it),
        notes=next(it),
        people=[
            PersonForm(
                Role.resident_parent,
                f"Sarah{next(it)}",
                f"Jones{next(it)}",
                phone="0113 496 0001",
                email=f"{next(it)}@example.org",
                address=f"1 {next(it)} Street",
                address_confidential=True,
                notes=next(it),
            ),
            PersonForm(
                Role.child,
                f"Lily{next(it)}",
                date_of_birth="2019-05-01",
                needs=f"Allergic to {next(it)}",
                relationship=next(it),
            ),
        ],
        referees=[RefereeForm(f"Referee{next(it)}", relationship=next(it))],
    )
    with store.session() as s:
        save_family(s, form, today=date(2027, 3, 13))
    with store.engine.connect() as conn:  # the markers really are in the database
        found = " ".join(
            str(row) for row in conn.exec_driver_sql("SELECT * FROM person").fetchall()
        )
    assert markers[5] in found and markers[10] in found

    wal = data_dir / "centre.db-wal"
    assert wal.exists() and wal.stat().st_size > 0, "the test must look at a live WAL"
    files = [data_dir / "centre.db", wal, data_dir / "centre.db-shm"]
    for path in files:
        data = path.read_bytes()
        for marker in markers:
            assert marker.encode() not in data, f"{marker} readable in {path.name}"
            assert marker.encode("utf-16-le") not in data
    store.close()
    assert listing(data_dir) == DB_AND_ANCHOR
    data = (data_dir / "centre.db").read_bytes()
    assert not any(marker.encode() in data for marker in markers)


def test_a_mistyped_path_does_not_create_a_file(data_dir: Path, closed_db: Path) -> None:
    typo = data_dir / "centre.bd"
    with pytest.raises(StoreMissing) as raised:
        Store.open(typo, PASSPHRASE)
    assert "contactcentre init" in str(raised.value)
    missing_folder = data_dir / "no-such-folder" / "centre.db"
    with pytest.raises(StoreMissing):
        Store.open(missing_folder, PASSPHRASE)
    # The engine itself opens with mode=rw, so even bypassing Store nothing is created.
    engine = make_engine(typo, PASSPHRASE)
    try:
        with pytest.raises(exc.OperationalError), engine.connect():
            pass
    finally:
        engine.dispose()
    assert listing(data_dir) == DB_AND_ANCHOR
    assert not missing_folder.parent.exists()


def test_creating_over_an_existing_database_is_refused(closed_db: Path) -> None:
    before = sha256(closed_db)
    with pytest.raises(StoreExists):
        Store.create(closed_db, "another passphrase entirely")
    assert sha256(closed_db) == before


def test_an_empty_passphrase_is_refused_because_it_would_mean_no_encryption(
    data_dir: Path,
) -> None:
    path = data_dir / "plain.db"
    with pytest.raises(StoreError, match="cannot be empty"):
        Store.create(path, "")
    assert not path.exists()


def test_awkward_paths_and_passphrases_work(tmp_path: Path) -> None:
    """URL-significant characters in the folder or the passphrase must not break opening."""
    folder = tmp_path / "Zoë's centre #1 100% ?x=y"
    secret = "p@ss/wo:rd 'quoted' %20 \"dq\" ;--"
    store = new_centre(folder / "centre.db", secret, CentreDetails(name="Awkward"), "Zoë O'Neil")
    with store.session() as s:
        audit.record(s, "centre.create")  # the trail's anchor lands beside it, by that name
    store.close()
    assert listing(folder) == DB_AND_ANCHOR
    with pytest.raises(WrongPassphrase):
        Store.open(folder / "centre.db", secret[:-1])
    store = Store.open(folder / "centre.db", secret)
    with store.session() as s:
        assert audit.problems(s) == []
    store.close()
    assert listing(folder) == DB_AND_ANCHOR


def test_closing_drops_the_key_and_every_file_handle(store: Store, data_dir: Path) -> None:
    add_family(store, "F-0001")
    store.close()
    assert not store.is_open
    with pytest.raises(StoreError, match="locked"):
        store.engine  # noqa: B018
    assert listing(data_dir) == DB_AND_ANCHOR
