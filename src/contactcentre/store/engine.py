"""The only code that opens the centre's SQLCipher database.

One engine factory sets the key and the pragmas on every new connection (shared/FACTS.md
explains each choice). `Store` wraps the engine: short sessions, closing (which drops the
key), and the schema check on open.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import URL, Engine, create_engine, event, exc, text
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool
from sqlmodel import Session

from contactcentre.store.errors import (
    NewerSchema,
    NotADatabase,
    StoreDamaged,
    StoreError,
    StoreExists,
    StoreFull,
    StoreMissing,
    StoreReadOnly,
    WrongPassphrase,
)
from contactcentre.store.swap import sync_dir
from contactcentre.store.types import utcnow

log = logging.getLogger(__name__)

SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"
SQLITE_READONLY = 8  # sqlite3.h result codes
SQLITE_CORRUPT = 11
PAGE_SIZE = 4096  # SQLCipher 4 default; a healthy file is a whole number of pages
PRAGMAS = (
    "PRAGMA cipher_compatibility = 4",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA secure_delete = ON",
    "PRAGMA busy_timeout = 10000",
)


def check_passphrase_allowed(passphrase: str) -> None:
    # SQLCipher treats an empty key as "no encryption": never allow it.
    if not passphrase:
        raise StoreError("The passphrase cannot be empty.")


def make_engine(
    path: Path, passphrase: str, *, create: bool = False, read_only: bool = False
) -> Engine:
    """An engine whose every connection is keyed, configured and verified readable.

    `read_only` opens the file with `mode=ro`: SQLite itself refuses every write, so a
    damaged database can be read without being changed.
    """
    check_passphrase_allowed(passphrase)
    url = URL.create(
        "sqlite+pysqlcipher",
        password=passphrase,
        database=Path(path).resolve().as_uri(),  # a URI, so mode=rw applies
        query={"uri": "true", "mode": "ro" if read_only else "rwc" if create else "rw"},
    )
    # The journal mode is recorded in the file: setting it is a write, and needless when
    # reading (the file says WAL already).
    pragmas = [p for p in PRAGMAS if not (read_only and "journal_mode" in p)]
    engine = create_engine(
        url,
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=8,
        pool_pre_ping=False,
        connect_args={"check_same_thread": False},
        hide_parameters=True,
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA cipher_log_level = NONE")
            for pragma in pragmas:
                cursor.execute(pragma)
            # A wrong key is silent until the first read: read now, fail fast.
            cursor.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if not read_only:
                # Fold committed pages still in the -wal file into the database file. After
                # a crash mid-checkpoint of a rekey, the file holds pages under the old key
                # that the WAL supersedes: readable, but cipher_integrity_check (which reads
                # the file itself) would report every one as damaged.
                cursor.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        finally:
            cursor.close()
        # The sqlite driver's own transaction handling starts a transaction only at the
        # first write, so reads ran outside it and a savepoint released first committed
        # the outer work. Let SQLAlchemy say when a transaction begins (its documented fix).
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # IMMEDIATE takes the write lock at the start, so a unit of work that reads and
        # then writes (the next free reference, a session's free places) never races
        # another writer, and never fails half-way with "database is locked". A read-only
        # connection never writes, so it takes no write lock: a plain (deferred) BEGIN.
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def looks_like_store(path: Path) -> bool:
    """Whether the file has the shape of a SQLCipher database, judged without a key.

    Opening an empty file would silently make it a new database, so this runs first.
    """
    size = path.stat().st_size
    with path.open("rb") as f:
        head = f.read(16)
    return size > 0 and size % PAGE_SIZE == 0 and head != SQLITE_PLAIN_HEADER


def is_damaged(error: BaseException) -> bool:
    """SQLITE_CORRUPT: the key decrypted page 1 but the file is truncated or damaged.

    A wrong key (or random bytes, or a damaged page 1) is SQLITE_NOTADB instead.
    """
    orig = getattr(error, "orig", error)
    return getattr(orig, "sqlite_errorcode", None) == SQLITE_CORRUPT


def is_read_only(error: BaseException) -> bool:
    """SQLITE_READONLY: "attempt to write a readonly database"."""
    orig = getattr(error, "orig", error)
    code = getattr(orig, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF == SQLITE_READONLY


def is_disk_full(error: BaseException) -> bool:
    orig = getattr(error, "orig", error)
    return isinstance(orig, sqlite3.Error | sqlcipher3.Error) and "full" in str(orig).lower()


def _put_in_place(building: Path, path: Path) -> None:
    """Rename a finished new database to its name, durably, never over another one."""
    with building.open("rb+") as f:
        os.fsync(f.fileno())
    try:
        os.link(building, path)  # fails if a database appeared there meanwhile
    except FileExistsError:
        raise StoreExists(path) from None
    except OSError:  # a file system without hard links (FAT on a USB stick)
        if path.exists():
            raise StoreExists(path) from None
        os.replace(building, path)
    else:
        building.unlink()
    sync_dir(path.parent)


class Store:
    """An unlocked centre database. Use `with store.session() as s:` for one unit of work."""

    def __init__(self, path: Path, engine: Engine, *, read_only: bool = False) -> None:
        self.path = path
        self._engine: Engine | None = engine
        self._read_only = read_only
        self._sessions = sessionmaker(class_=Session, expire_on_commit=False)
        self._actor = ""  # who acts, and by which clock: see act_as()
        self._now: Callable[[], datetime] = utcnow

    @classmethod
    def open(cls, path: Path, passphrase: str, *, read_only: bool = False) -> Store:
        """Unlock the centre's database, bringing its schema up to date.

        `read_only` (for a damaged database) writes nothing at all: no migration, no
        journal change; every write in a session raises StoreReadOnly.
        """
        from contactcentre.store import migrations

        path = Path(path)
        if not path.is_file():
            raise StoreMissing(path)
        if not looks_like_store(path):
            raise NotADatabase(path)
        engine = make_engine(path, passphrase, read_only=read_only)
        try:
            with engine.connect():
                pass
        except exc.DatabaseError as error:
            engine.dispose()
            if is_damaged(error):
                # The key decrypted page 1, so it is right: the rest of the file is bad.
                raise NotADatabase(path) from error
            # Same error for a wrong key and for random bytes of a plausible size.
            raise WrongPassphrase() from error
        store = cls(path, engine, read_only=read_only)
        try:
            found = migrations.current_revision(engine)
            if found is None:
                raise NotADatabase(path)
            if not read_only:
                migrations.upgrade(engine)
            elif found not in migrations.known_revisions():
                raise NewerSchema(found)
            elif found != migrations.head_revision():
                raise StoreError(
                    "This database needs updating to this version of Contact Centre, "
                    "which cannot be done while it is open read-only."
                )
        except exc.DatabaseError as error:
            # The key is right but a page the schema check reads is damaged.
            store.close()
            raise NotADatabase(path) from error
        except BaseException:
            store.close()
            raise
        log.info("store opened%s", " read-only" if read_only else "")
        return store

    @classmethod
    def create(
        cls, path: Path, passphrase: str, fill: Callable[[Store], None] = lambda _store: None
    ) -> Store:
        """A new database at `path` holding the schema and whatever `fill` writes (the
        centre's details, a demo's families), returned open.

        It is built under a temporary name (`centre.db.creating`) and renamed into place
        only once complete and closed, so a crash at any moment leaves either no database
        (the next `init` starts again) or a whole one, never an empty centre."""
        from contactcentre.store import migrations

        path = Path(path)
        if path.exists():
            raise StoreExists(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"The folder {path.parent} cannot be made ({error.strerror or error})."
            ) from None
        building = path.with_name(path.name + ".creating")
        for suffix in ("", "-wal", "-shm", "-journal"):  # left by a creation killed part-way
            Path(f"{building}{suffix}").unlink(missing_ok=True)
        store = cls(building, make_engine(building, passphrase, create=True))
        try:
            migrations.upgrade(store.engine)
            fill(store)
            store.close()  # folds the -wal into the file: one file to rename
            _put_in_place(building, path)
        except BaseException:
            store.close()
            building.unlink(missing_ok=True)
            raise
        log.info("store created")
        return cls(path, make_engine(path, passphrase))

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise StoreError("The centre is locked.")
        return self._engine

    @property
    def is_open(self) -> bool:
        return self._engine is not None

    @property
    def read_only(self) -> bool:
        """Opened with `read_only=True`: reads work, every write raises StoreReadOnly."""
        return self._read_only

    def act_as(self, actor: str, now: Callable[[], datetime]) -> None:
        """Who acts in every unit of work from now on, and the clock they carry."""
        self._actor, self._now = actor, now

    @contextmanager
    def session(self, *, actor: str | None = None) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back if it raises.

        It carries who is acting (`actor`, else the one set by act_as) and the clock, in
        `session.info`; domain/acting.py reads them."""
        info = {"actor": actor or self._actor, "now": self._now}
        # bind: refuses once locked, never reconnects
        session = self._sessions(bind=self.engine, info=info)
        try:
            with session.begin():
                yield session
        except exc.DatabaseError as error:
            if isinstance(error, exc.OperationalError) and is_disk_full(error):
                raise StoreFull() from error
            if is_read_only(error):
                raise StoreReadOnly() from error
            if is_damaged(error):  # a damaged page this unit of work needed
                raise StoreDamaged(["part of it could not be read"]) from error
            raise
        finally:
            session.close()

    def pragma(self, name: str) -> list[tuple[Any, ...]]:
        with self.engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(f"PRAGMA {name}"))]

    def close(self) -> None:
        """Dispose every connection: no file handle remains and the key is dropped."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
            log.info("store closed")

    def reopened_read_only(self) -> Store:
        """The same file opened again read-only, with the key this store holds."""
        store = Store.open(self.path, self.engine.url.password or "", read_only=True)
        store.act_as(self._actor, self._now)
        return store

    def reopen(self, passphrase: str) -> None:
        """Serve the same file again after close(), e.g. under a changed passphrase."""
        self.close()
        self._engine = make_engine(self.path, passphrase, read_only=self._read_only)
