"""Changing the passphrase of the centre's database (SQLCipher's PRAGMA rekey).

Rekey rewrites every page under the new key inside one SQLCipher transaction: if the
process dies part-way, the file opens with exactly one of the two passphrases, intact
(shared/FACTS.md; tests/store/test_rekey.py kills it to prove so).
"""

from __future__ import annotations

import hmac
import logging
from pathlib import Path

import sqlcipher3
from sqlalchemy import exc

from contactcentre.store.causes import opening_error, working_error
from contactcentre.store.engine import Store, check_passphrase_allowed, make_engine
from contactcentre.store.errors import StoreError, StoreReadOnly, WrongPassphrase

log = logging.getLogger(__name__)


def rekey_file(path: Path, old: str, new: str) -> None:
    """Re-encrypt a database nobody has open from `old` to `new`.

    The rekey takes SQLite's write lock: while another process writes, it waits as long
    as a unit of work would, then refuses (StoreBusy) with nothing changed."""
    check_passphrase_allowed(new)
    engine = make_engine(path, old)
    try:
        try:
            raw = engine.raw_connection()
        except exc.DatabaseError as error:
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
    log.info("passphrase changed")


def current_passphrase(store: Store) -> str:
    """The passphrase the open store was unlocked with (held only in memory, by the engine)."""
    return store.engine.url.password or ""


def change_passphrase(store: Store, old: str, new: str) -> None:
    """Change the passphrase of an open store; it stays open (same object) under the new one.

    `old` must be the passphrase the store was opened with: whoever changes it proves
    they know it. Every other connection is closed first, as rekey requires.
    """
    if store.read_only:  # rekey rewrites every page: never on a damaged database
        raise StoreReadOnly()
    check_passphrase_allowed(new)
    if not hmac.compare_digest(current_passphrase(store).encode(), old.encode()):
        raise WrongPassphrase()
    if new == old:
        raise StoreError("The new passphrase is the same as the current one; nothing changed.")
    store.close()
    try:
        rekey_file(store.path, old, new)
    except BaseException:
        store.reopen(old)
        raise
    store.reopen(new)
