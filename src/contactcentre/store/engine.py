"""The only code that opens the centre's SQLCipher database.

One engine factory sets the key and the pragmas on every new connection (shared/FACTS.md
explains each choice). `Store` wraps the engine: short sessions, closing (which drops the
key), and the schema check on open.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import URL, Engine, create_engine, event, exc, text
from sqlalchemy.orm import configure_mappers, sessionmaker
from sqlalchemy.pool import QueuePool
from sqlmodel import Session

from contactcentre.store import anchor, keyslots
from contactcentre.store.causes import is_damaged, is_read_only, opening_error, working_error
from contactcentre.store.causes import is_disk_full as is_disk_full  # backup.py's
from contactcentre.store.db_file import file_identity, put_in_place
from contactcentre.store.db_file import looks_like_store as looks_like_store  # unlocking's
from contactcentre.store.errors import (
    NewerSchema,
    NotADatabase,
    StoreDamaged,
    StoreError,
    StoreExists,
    StoreMissing,
    StoreReadOnly,
    StoreReplaced,
)
from contactcentre.store.models.enums import TeamRole
from contactcentre.store.types import utcnow

log = logging.getLogger(__name__)

PRAGMAS = (
    "PRAGMA cipher_compatibility = 4",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA secure_delete = ON",
    # Pages kept decrypted per connection: 2 MB, not SQLCipher's 8 MB. Today and the
    # register read most of a 20,000-family file (18 MB) once; with two pooled connections
    # the larger cache held 16 MB of it for good, and a page read again is only decrypted
    # again from the operating system's cache (~20 ms for the whole file).
    "PRAGMA cache_size = -2000",
)
# How long a unit of work waits for another process's write lock before it is refused
# (StoreBusy). A module setting so that tests can make the wait short.
BUSY_TIMEOUT_MS = 10_000


def settle_mappings() -> None:
    """Work out the tables' ORM mappings now rather than at the first query (the app does
    it on a thread while unlocking derives the key)."""
    configure_mappers()


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
    pragmas.append(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
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
        # connection never writes, so it takes no write lock: a plain (deferred) BEGIN;
        # nor does a read the store itself marks `reading` (the schema check on open).
        reading = read_only or conn.get_execution_options().get("reading", False)
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


def verify_key(path: Path, passphrase: str) -> None:
    """Check that `passphrase` opens the database without writing a byte (or raise the
    error opening it gives).

    Needed when a -wal file is there (a crashed session's, or another process's): a
    read-write connection folds committed -wal pages into the file when it closes, even
    when its key was wrong. Read-only, with the -shm file read-only too when it exists,
    SQLite reads the -wal into memory instead.
    """
    shm = Path(f"{path}-shm").exists()
    uri = f"{Path(path).resolve().as_uri()}?mode=ro{'&readonly_shm=1' if shm else ''}"
    conn = sqlcipher3.connect(uri, uri=True, isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.set_key(passphrase)
        conn.execute("PRAGMA cipher_compatibility = 4")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as error:
        raise opening_error(error, path) from error
    finally:
        conn.close()


class Store:
    """An unlocked centre database. Use `with store.session() as s:` for one unit of work."""

    def __init__(self, path: Path, engine: Engine, *, read_only: bool = False) -> None:
        self.path = path
        self._engine: Engine | None = None
        self._read_only = read_only
        self._identity = file_identity(path)  # for create(): taken at the first unit of work
        self._serve(engine)
        self._sessions = sessionmaker(class_=Session, expire_on_commit=False)
        self._actor = ""  # who acts, in which role, by which clock: see act_as()
        self._role = TeamRole.coordinator
        self._now: Callable[[], datetime] = utcnow
        # Who unlocked and the passphrase they typed (memory only): store/unlocking.py.
        self.account: keyslots.Account | None = None
        self.passphrase: str | None = None

    @classmethod
    def open(cls, path: Path, passphrase: str, *, read_only: bool = False) -> Store:
        """Unlock the centre's database, bringing its schema up to date.

        `read_only` (for a damaged database) writes nothing at all: no migration, no
        journal change; every write in a session raises StoreReadOnly. A passphrase (not
        a raw key) for a centre with key slots unlocks as its first coordinator.
        """
        from contactcentre.store import migrations

        path = Path(path)
        if not keyslots.is_raw_key(passphrase) and keyslots.has_slots(path):
            from contactcentre.store import unlocking  # a person's passphrase: theirs to

            return unlocking.unlock(path, None, passphrase, read_only=read_only)  # unwrap
        if not path.is_file():
            raise StoreMissing(path)
        if not looks_like_store(path):
            raise NotADatabase(path)
        check_passphrase_allowed(passphrase)
        if not read_only and Path(f"{path}-wal").exists():
            verify_key(path, passphrase)  # so that a wrong one leaves the -wal as it was
        engine = make_engine(path, passphrase, read_only=read_only)
        try:
            with engine.connect():
                pass
        except exc.DatabaseError as error:
            engine.dispose()
            raise opening_error(error, path) from error
        store = cls(path, engine, read_only=read_only)
        try:
            # A read, not a write: no wait for another process's write lock when the schema
            # is current (a command beside a long import, a restore's own check).
            found = migrations.current_revision(engine.execution_options(reading=True))
            if found is None:
                raise NotADatabase(path)
            if not read_only:
                if found != migrations.head_revision():
                    migrations.upgrade(engine)
            elif found not in migrations.known_revisions():
                raise NewerSchema(found)
            elif found != migrations.head_revision():
                raise StoreError(
                    "This database needs updating to this version of Contact Centre, "
                    "which cannot be done while it is open read-only."
                )
        except exc.DatabaseError as error:
            # The key is right, so unless the disk or another writer is at fault, a page
            # the schema check reads is damaged.
            store.close()
            raise opening_error(error, path, key_checked=True) from error
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
        for suffix in ("", "-wal", "-shm", "-journal", anchor.SUFFIX, keyslots.SUFFIX):
            Path(f"{building}{suffix}").unlink(missing_ok=True)
        store = cls(building, make_engine(building, passphrase, create=True))
        try:
            migrations.upgrade(store.engine)
            fill(store)
            store.close()  # folds the -wal into the file: one file to rename
            put_in_place(building, path)
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

    def act_as(
        self, actor: str, now: Callable[[], datetime], role: TeamRole = TeamRole.coordinator
    ) -> None:
        """Who acts in every unit of work from now on, in which role, and the clock they
        carry."""
        self._actor, self._now, self._role = actor, now, role

    @contextmanager
    def session(self, *, actor: str | None = None) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back if it raises.

        It carries who is acting (`actor`, else the one set by act_as), their role and the
        clock, in `session.info`; domain/acting.py reads them."""
        info = {
            "actor": actor or self._actor,
            "role": self._role,
            "now": self._now,
            "read_only": self._read_only,  # readers that would tidy up must not write
        }
        # bind: refuses once locked, never reconnects
        session = self._sessions(bind=self.engine, info=info)
        try:
            with session.begin():
                yield session
        except exc.DatabaseError as error:
            if is_read_only(error):
                raise StoreReadOnly() from error
            if is_damaged(error):  # a damaged page this unit of work needed
                raise StoreDamaged(["part of it could not be read"]) from error
            known = working_error(error, self.path)
            if known is not None:
                raise known from error
            raise
        finally:
            session.close()

    def pragma(self, name: str) -> list[tuple[Any, ...]]:
        """A pragma that reads (the integrity checks): no wait for another writer's lock."""
        with self.engine.execution_options(reading=True).connect() as conn:
            try:
                return [tuple(row) for row in conn.execute(text(f"PRAGMA {name}"))]
            except exc.DatabaseError:
                # A connection that met a damaged page keeps failing on later reads of
                # healthy pages: drop it, so the next unit of work gets a fresh one.
                conn.invalidate()
                raise

    def close(self) -> None:
        """Dispose every connection: no file handle remains and the key is dropped."""
        self.passphrase = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
            log.info("store closed")

    def reopened_read_only(self) -> Store:
        """The same file opened again read-only, with the key this store holds."""
        store = Store.open(self.path, self.engine.url.password or "", read_only=True)
        store.act_as(self._actor, self._now, self._role)
        store.account, store.passphrase = self.account, self.passphrase
        return store

    def reopen(self, passphrase: str) -> None:
        """Serve the same file again after close(), e.g. under a changed passphrase."""
        self.close()
        self._serve(make_engine(self.path, passphrase, read_only=self._read_only))

    def _serve(self, engine: Engine) -> None:
        self._engine = engine
        # After the lock is taken (make_engine's begin listener runs first), so a restore
        # that moved the file aside cannot slip in between the check and the writes; and
        # again just before committing, for a unit of work the file was moved from under.
        event.listen(engine, "begin", self._refuse_if_replaced)
        event.listen(engine, "commit", self._refuse_if_replaced)

    def is_replaced(self) -> bool:
        """The file at `path` is no longer the one this store opened (or is gone): a
        restore or a file manager put another in its place. A stat, no more."""
        found = file_identity(self.path)
        if self._identity is None:  # created by this store: its first unit of work
            self._identity = found
        return found is None or found != self._identity

    def _refuse_if_replaced(self, conn: Any) -> None:
        if self.is_replaced():
            log.info("the database file was replaced while open; refusing to go on")
            conn.exec_driver_sql("ROLLBACK")
            raise StoreReplaced()
