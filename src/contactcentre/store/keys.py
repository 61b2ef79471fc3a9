"""Changing the passphrase of the centre's database (SQLCipher's PRAGMA rekey).

Rekey rewrites every page under the new key inside one SQLCipher transaction: if the
process dies part-way, the file opens with exactly one of the two passphrases, intact
(shared/FACTS.md; tests/store/test_rekey.py kills it to prove so).
"""

from __future__ import annotations

import hmac
import logging
import os
import secrets
import shutil
from pathlib import Path

import sqlcipher3
from sqlalchemy import exc

from contactcentre.store.causes import opening_error, working_error
from contactcentre.store.engine import Store, check_passphrase_allowed, make_engine
from contactcentre.store.errors import StoreError, StoreReadOnly, WrongPassphrase

log = logging.getLogger(__name__)

PENDING = ".rekey-pending"


def rekey_file(path: Path, old: str, new: str) -> None:
    """Re-encrypt a database nobody has open from `old` to `new`.

    The rekey takes SQLite's write lock: while another process writes, it waits as long
    as a unit of work would, then refuses (StoreBusy) with nothing changed."""
    check_passphrase_allowed(new)
    engine = make_engine(path, old)
    try:
        try:
            raw = engine.raw_connection()
        except (exc.DatabaseError, sqlcipher3.DatabaseError) as error:  # (connect event's)
            raise opening_error(error, path) from error
        try:
            raw.driver_connection.reset_key(new)  # type: ignore[union-attr]
        except sqlcipher3.DatabaseError as error:
            known = working_error(error, path)
            raise known or StoreError(f"The passphrase could not be changed ({error}).") from error
        finally:
            raw.close()
    finally:
        engine.dispose()
    _check_changed(path, new)
    log.info("passphrase changed")


def _check_changed(path: Path, new: str) -> None:
    """SQLCipher says nothing when a rekey fails part-way (a full disk): the file is then
    still under the old passphrase, whole. Prove the new one opens it, or say so."""
    engine = make_engine(path, new)
    try:
        with engine.connect():
            return
    except (exc.DatabaseError, sqlcipher3.DatabaseError):  # the latter from the connect event
        pass
    finally:
        engine.dispose()
    needed = path.stat().st_size
    if shutil.disk_usage(path.parent).free < needed:
        raise StoreError(
            "The disk is too full to change the passphrase (it needs about "
            f"{needed // 1_000_000 + 1} MB free). Nothing was changed: the current "
            "passphrase still opens the records."
        )
    raise StoreError(
        "The passphrase could not be changed. Nothing was changed: the current "
        "passphrase still opens the records."
    )


def current_passphrase(store: Store) -> str:
    """The passphrase the open store was unlocked with (held only in memory, by the engine)."""
    return store.engine.url.password or ""


def pending_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + PENDING)


def pending_change(db_path: Path) -> str | None:
    """The token of a passphrase change that began and was never recorded as done."""
    try:
        return pending_path(db_path).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None


def forget_pending(db_path: Path) -> None:
    pending_path(db_path).unlink(missing_ok=True)


def note_pending(db_path: Path) -> str:
    """A random token in `centre.db.rekey-pending` (no secret), durable before the rekey:
    if a crash comes before the change is in the audit trail, the next unlock finds it."""
    token = secrets.token_hex(8)
    with pending_path(db_path).open("w", encoding="utf-8") as f:
        f.write(token)
        f.flush()
        os.fsync(f.fileno())
    return token


def change_passphrase(store: Store, old: str, new: str) -> str:
    """Change the passphrase of an open store; it stays open (same object) under the new one.

    `old` must be the passphrase the store was opened with: whoever changes it proves
    they know it. Every other connection is closed first, as rekey requires. Returns the
    token of the pending note (see pending_change): the caller records the change with it,
    then forgets the note.
    """
    if store.read_only:  # rekey rewrites every page: never on a damaged database
        raise StoreReadOnly()
    check_passphrase_allowed(new)
    if not hmac.compare_digest(current_passphrase(store).encode(), old.encode()):
        raise WrongPassphrase()
    if new == old:
        raise StoreError("The new passphrase is the same as the current one; nothing changed.")
    token = note_pending(store.path)
    store.close()
    try:
        rekey_file(store.path, old, new)
    except BaseException:
        forget_pending(store.path)
        store.reopen(old)
        raise
    store.reopen(new)
    return token
