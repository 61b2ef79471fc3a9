"""Encrypted backups and restore, made with SQLCipher's own export (never a file copy).

A backup is written under a temporary name beside the target, checked (it opens with its
passphrase, SQLite and SQLCipher find no damage, every table has the same rows in the same
order as the source), and only then renamed over the target, so an interrupted backup
leaves the previous one untouched.

Restore keeps the centre's current passphrase: the restored copy is re-encrypted with the
passphrase the coordinator already uses to unlock, whatever the backup's own passphrase
was. The database it replaces is moved aside (`centre.db.before-restore-<stamp>`, with its
-wal/-shm), never deleted; store/swap.py makes that swap survive a crash at any step.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3

from contactcentre.store import anchor, in_use, keyslots, swap, unlocking
from contactcentre.store.engine import Store, is_disk_full
from contactcentre.store.errors import (
    NewerSchema,
    StoreDamaged,
    StoreError,
    StoreFull,
)
from contactcentre.store.swap import sync_dir

log = logging.getLogger(__name__)


class WrongBackupPassphrase(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "That passphrase does not open this backup, or the file is not a Contact Centre backup."
        )


SIDE_FILES = ("-wal", "-shm", "-journal", anchor.SUFFIX)
PARTIAL = ".partial"  # a backup being written: `.NAME.partial` beside the target
TableDigests = dict[str, tuple[int, str]]  # table -> (row count, sha256 of its rows)


@dataclass(frozen=True)
class BackupContents:
    """What a backup holds, read with its passphrase: when it was made and row counts."""

    made_at: datetime | None
    counts: dict[str, int]


@dataclass(frozen=True)
class BackupReport:
    path: Path
    counts: dict[str, int]
    sha256: str
    seconds: float


@dataclass(frozen=True)
class RestoreReport:
    set_aside: Path | None
    contents: BackupContents


def refuse_plaintext(passphrase: str) -> None:
    if not passphrase:
        raise StoreError(
            "A backup needs a passphrase: without one it would be written unencrypted."
        )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


DIGEST_BATCH = 5_000


def table_digests(conn: Any, schema: str) -> TableDigests:
    """Row count and a checksum of every row, in rowid order, for each table in `schema`."""
    names = [
        row[0]
        for row in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master "
            "WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    found: TableDigests = {}
    for name in names:
        digest = hashlib.sha256()
        count = 0
        cursor = conn.execute(f'SELECT * FROM {schema}."{name}" ORDER BY rowid')
        # A batch of rows at a time: one repr of the batch, not a Python step per row
        # (ten years of attendance is a quarter of a million rows, read twice per backup).
        while batch := cursor.fetchmany(DIGEST_BATCH):
            digest.update(repr(batch).encode())
            count += len(batch)
        found[name] = (count, digest.hexdigest())
    return found


def attach(conn: Any, file: str, passphrase: str) -> None:
    """Attach an encrypted file as `b` (the passphrase is a bound parameter: no quoting)."""
    conn.execute("ATTACH DATABASE ? AS b KEY ?", (file, passphrase))


@contextlib.contextmanager
def attached(path: Path, passphrase: str) -> Iterator[Any]:
    """A connection with the encrypted file attached read-only as `b`."""
    conn = sqlcipher3.connect("file::memory:", uri=True, isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        try:
            attach(conn, f"{Path(path).absolute().as_uri()}?mode=ro", passphrase)
            conn.execute("SELECT count(*) FROM b.sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as error:
            raise WrongBackupPassphrase() from error
        yield conn
        conn.execute("DETACH DATABASE b")
    finally:
        conn.close()


def damage(conn: Any) -> list[str]:
    """What SQLCipher and SQLite find wrong with the attached file; empty when healthy."""
    return found_by(conn, "cipher_integrity_check") + found_by(conn, "integrity_check")


def found_by(conn: Any, check: str) -> list[str]:
    """What one check (a PRAGMA) finds wrong with the attached file; empty when healthy."""
    try:
        return [str(r[0]) for r in conn.execute(f"PRAGMA b.{check}") if r[0] != "ok"]
    except sqlcipher3.DatabaseError as error:
        return [str(error)]


def _made_at(conn: Any) -> datetime | None:
    row = conn.execute("SELECT last_backup_at FROM b.centre").fetchone()
    if not row or row[0] is None:
        return None
    return datetime.fromisoformat(str(row[0])).replace(tzinfo=UTC)


def inspect_backup(path: Path, passphrase: str) -> BackupContents:
    """Open a backup read-only with its passphrase: its date and what it contains."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"No backup file at {path}.")
    with attached(path, passphrase) as conn:
        problems = damage(conn)
        if problems:
            raise StoreDamaged(problems)
        _check_schema(conn)
        counts = {name: count for name, (count, _) in table_digests(conn, "b").items()}
        return BackupContents(_made_at(conn), counts)


def _remove(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _tables(conn: Any, schema: str) -> list[str]:
    return [
        row[0]
        for row in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master "
            "WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]


def _compare(conn: Any) -> dict[str, int]:
    """Each table's row count, once the copy attached as `b` is proven to hold exactly
    the rows of `main` (every column and the rowid), compared by SQLite itself: ten years
    of attendance is a quarter of a million rows, too many to read into Python twice."""
    names = _tables(conn, "main")
    differ = sorted(set(names) ^ set(_tables(conn, "b")))
    counts: dict[str, int] = {}
    for name in (n for n in names if n not in differ):
        ours, theirs = conn.execute(
            f'SELECT (SELECT count(*) FROM main."{name}"), (SELECT count(*) FROM b."{name}")'
        ).fetchone()
        missing = conn.execute(
            f'SELECT EXISTS (SELECT rowid, * FROM main."{name}" '
            f'EXCEPT SELECT rowid, * FROM b."{name}")'
        ).fetchone()[0]
        if ours != theirs or missing:
            differ.append(name)
        counts[name] = ours
    if differ:
        raise StoreError(
            "The copy does not match the database (tables: " + ", ".join(sorted(differ)) + "); "
            "nothing was replaced."
        )
    return counts


def _export(conn: Any, target: Path, passphrase: str, *, stamp: datetime | None) -> dict[str, int]:
    """Copy the connection's main database into a new encrypted file, in one snapshot,
    prove the copy holds the same rows (each table's count is returned), and prove the
    file as written sound (`_verify`).

    With a `stamp`, the copy's last_backup_at is set to it, so a backup carries its own
    date; the source keeps its own until the copy is proven good and in place (the
    reminder must not be reset by a backup that failed).
    """
    attach(conn, str(target), passphrase)
    try:
        conn.execute("BEGIN")
        try:
            kept = conn.execute("SELECT last_backup_at FROM main.centre").fetchall()
            if stamp is not None:
                conn.execute("UPDATE main.centre SET last_backup_at = ?", (_stored_time(stamp),))
                anchor.stamp_manifest(conn)  # the audit trail's signed head, in the copy
            conn.execute("SELECT sqlcipher_export('b')").fetchall()
            counts = _compare(conn)
            if stamp is not None and kept:
                conn.execute("UPDATE main.centre SET last_backup_at = ?", kept[0])
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite ends it itself on a full disk
                conn.execute("ROLLBACK")
            raise
        _verify(conn, target, passphrase)
    finally:
        conn.execute("DETACH DATABASE b")
    return counts


def _stored_time(moment: datetime) -> str:
    """An aware moment as SQLAlchemy stores a naive UTC datetime."""
    return moment.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def _verify(conn: Any, path: Path, passphrase: str) -> None:
    """The copy at `path` (attached to `conn` as `b`, its writes committed) opens with its
    passphrase, SQLCipher finds every page's HMAC good, read afresh from the disk, and
    SQLite finds its structure sound.

    The two checks run side by side (SQLite lets go of the GIL while it reads): the pages
    on a connection of its own, the structure on `conn`, once it has let go of the pages it
    holds, so that they too are read from the file. SQLite's check is `quick_check`:
    `integrity_check` would also match every index to its table, but the copy was just
    written by SQLite itself, every page of it is authenticated, and every row of every
    table was compared with the source's."""

    def pages() -> list[str]:
        with attached(path, passphrase) as fresh:  # the passphrase opens it: a derivation
            return found_by(fresh, "cipher_integrity_check")

    with ThreadPoolExecutor(max_workers=1) as pool:
        authenticated = pool.submit(pages)
        conn.execute("PRAGMA shrink_memory")
        structure = found_by(conn, "quick_check")
        problems = authenticated.result() + structure
    if problems:
        raise StoreDamaged(problems)


def _disk_errors(action: str) -> contextlib.AbstractContextManager[None]:
    @contextlib.contextmanager
    def wrapped() -> Iterator[None]:
        try:
            yield
        except sqlcipher3.OperationalError as error:
            if is_disk_full(error):
                raise StoreFull() from error
            raise StoreError(f"The {action} could not be written: {error}.") from error
        except OSError as error:
            raise StoreError(f"The {action} could not be written: {error.strerror}.") from error

    return wrapped()


def _remove_partials(folder: Path) -> None:
    """The temporary copies (and their journals) that killed backups left in `folder`."""
    for leftover in folder.glob(f".*{PARTIAL}*"):
        if leftover.name.endswith(tuple(PARTIAL + side for side in ("", *SIDE_FILES))):
            leftover.unlink(missing_ok=True)


def backup(store: Store, target: Path, passphrase: str, *, now: datetime) -> BackupReport:
    """Write a verified, encrypted copy of the open store to `target` (replacing it only
    once the new copy is proven good). `now` is the copy's date; the source keeps its own
    last backup time (records/backups.py stamps it once this has returned)."""
    refuse_plaintext(passphrase)
    started = time.monotonic()
    target = Path(target).absolute()
    if target.resolve() == Path(store.path).resolve():
        raise StoreError("A backup cannot be written over the centre's own database.")
    if not target.parent.is_dir():
        raise StoreError(f"The folder {target.parent} does not exist.")
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise StoreError(f"{target} is not an ordinary file: choose another name.")
    _remove_partials(target.parent)  # left over from interrupted backups
    partial = target.with_name(f".{target.name}{PARTIAL}")
    raw = store.engine.raw_connection()
    try:
        with _disk_errors("backup"):
            counts = _export(raw.driver_connection, partial, passphrase, stamp=now)
    except BaseException:
        _remove(partial)
        raise
    finally:
        raw.close()
    try:
        with _disk_errors("backup"):
            with partial.open("rb+") as f:
                os.fsync(f.fileno())
            os.replace(partial, target)
            sync_dir(target.parent)
    except BaseException:
        _remove(partial)
        raise
    seconds = time.monotonic() - started
    log.info("backup written and verified in %.2f s", seconds)
    return BackupReport(target, counts, file_sha256(target), seconds)


def _check_schema(conn: Any) -> None:
    from contactcentre.store import migrations

    try:
        row = conn.execute("SELECT version_num FROM b.alembic_version").fetchone()
    except sqlcipher3.OperationalError:  # an empty file, or a database of something else
        row = None
    if row is None:
        raise StoreError("This file is not a Contact Centre backup.")
    if row[0] not in migrations.known_revisions():
        raise NewerSchema(str(row[0]))


def restore(
    backup_file: Path,
    db_path: Path,
    backup_passphrase: str,
    passphrase: str,
    *,
    before_swap: Callable[[Store, BackupContents], None] = lambda _copy, _contents: None,
) -> tuple[Store, RestoreReport]:
    """Put a verified copy of `backup_file` in place of the (closed) database at `db_path`
    and open it.

    The copy is encrypted with `passphrase` (the centre's key; a passphrase is taken as
    the first coordinator's, whose slot holds the key) and verified; `before_swap`
    then writes in it (the restore's audit entry, from what the backup holds) while it is
    still a copy; store/swap.py puts it in place recoverably. The database it replaces, if
    any, is moved aside and kept. Nothing is deleted.
    """
    refuse_plaintext(passphrase)
    if not keyslots.is_raw_key(passphrase):  # a person's passphrase: the key their slot holds
        passphrase = unlocking.key_for(Path(db_path), None, passphrase) or passphrase
    in_use.refuse_if_writing(Path(db_path), passphrase)  # never under a running import
    backup_file = Path(backup_file).absolute()
    contents = inspect_backup(backup_file, backup_passphrase)
    db_path = Path(db_path).absolute()
    incoming = db_path.with_name(f"{db_path.name}.restoring")
    _remove(incoming)  # left over from a restore killed before its swap
    try:
        _copy_in(backup_file, incoming, backup_passphrase, passphrase)
        prepared = Store.open(incoming, passphrase)
        try:
            before_swap(prepared, contents)
        finally:
            prepared.close()
    except BaseException:
        _remove(incoming)
        raise
    set_aside = swap.swap_in(db_path, incoming, _free_name(db_path))
    store = Store.open(db_path, passphrase)
    log.info("backup restored")
    return store, RestoreReport(set_aside, contents)


def _free_name(db_path: Path) -> Path:
    """`centre.db.before-restore-<stamp>`, never the name of a copy kept earlier."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    name = db_path.with_name(f"{db_path.name}.before-restore-{stamp}")
    n = 1
    while name.exists():
        n += 1
        name = db_path.with_name(f"{db_path.name}.before-restore-{stamp}-{n}")
    return name


def _copy_in(backup_file: Path, incoming: Path, backup_passphrase: str, passphrase: str) -> None:
    """The backup, re-encrypted with `passphrase`, at `incoming`; verified row by row."""
    # The backup becomes `main` of a read-only keyed connection and is exported from there.
    source = sqlcipher3.connect(f"{backup_file.as_uri()}?mode=ro", uri=True, isolation_level=None)
    try:
        source.execute("PRAGMA cipher_log_level = NONE")
        source.set_key(backup_passphrase)
        with _disk_errors("restored copy"):
            _export(source, incoming, passphrase, stamp=None)  # compared row by row
    finally:
        source.close()
    with _disk_errors("restored copy"), incoming.open("rb+") as f:
        os.fsync(f.fileno())
