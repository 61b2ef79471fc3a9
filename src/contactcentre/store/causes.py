"""Why SQLite refused, told by its result code rather than by guessing from the moment.

The same `DatabaseError` comes back for a wrong passphrase, a damaged file, a database
another process is writing to, and a disk with no room for the -shm file; each needs a
different sentence, so each is told apart here, by the code SQLite gave.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from contactcentre.store.errors import (
    NotADatabase,
    StoreBusy,
    StoreError,
    StoreFull,
    StoreReplaced,
    WrongPassphrase,
)

# sqlite3.h primary result codes (the low byte of an extended code)
SQLITE_ERROR = 1
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26
# Less free space than this where an I/O error happened: the disk is full. Opening needs
# a 32 kB -shm file and room for the -wal; a disk with that much free gives SQLITE_FULL.
NEARLY_FULL_BYTES = 1 << 20


# sqlite3_errstr()'s words, for the few calls (SQLCipher's rekey) that raise without a code
MESSAGES = {
    "database is locked": SQLITE_BUSY,
    "database table is locked": SQLITE_LOCKED,
    "database or disk is full": SQLITE_FULL,
    "file is not a database": SQLITE_NOTADB,
}


def result_code(error: BaseException) -> int | None:
    """SQLite's primary result code behind `error` (a driver or a SQLAlchemy error)."""
    orig = getattr(error, "orig", error)
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF != SQLITE_ERROR:
        return code & 0xFF
    # A generic SQLITE_ERROR may carry the real cause as its text: sqlcipher_export()
    # reports a full disk as a function error "database or disk is full".
    found = MESSAGES.get(str(orig).strip().lower()) if isinstance(orig, Exception) else None
    if found is None and isinstance(code, int):
        return code & 0xFF
    return found


def is_busy(error: BaseException) -> bool:
    """Another connection holds the write lock ("database is locked")."""
    return result_code(error) in (SQLITE_BUSY, SQLITE_LOCKED)


def is_damaged(error: BaseException) -> bool:
    """SQLITE_CORRUPT: the key decrypted page 1 but the file is truncated or damaged.

    A wrong key (or random bytes, or a damaged page 1) is SQLITE_NOTADB instead.
    """
    return result_code(error) == SQLITE_CORRUPT


def is_read_only(error: BaseException) -> bool:
    """SQLITE_READONLY: "attempt to write a readonly database"."""
    return result_code(error) == SQLITE_READONLY


def is_disk_full(error: BaseException) -> bool:
    return result_code(error) == SQLITE_FULL


def disk_nearly_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(Path(path).parent).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def disk_trouble(error: BaseException, path: Path) -> StoreError | None:
    """The disk behind `error`: full (SQLITE_FULL, or an I/O error on a disk with next to
    no room left, as when the -shm file cannot be made), or failing; None if not the disk."""
    code = result_code(error)
    if code == SQLITE_FULL or (code in (SQLITE_IOERR, SQLITE_CANTOPEN) and disk_nearly_full(path)):
        return StoreFull()
    if code in (SQLITE_IOERR, SQLITE_CANTOPEN):
        reason = getattr(error, "orig", error)
        return StoreError(
            f"The centre's database could not be read from the disk ({reason}). "
            "Check the disk and its folder, then try again; nothing was changed."
        )
    return None


def opening_error(error: BaseException, path: Path, *, key_checked: bool = False) -> StoreError:
    """What to tell a coordinator when the database at `path` does not open (`key_checked`:
    page 1 was read with this key already, so it is not the passphrase)."""
    if is_busy(error):
        return StoreBusy()
    if is_damaged(error):  # the key decrypted page 1, so it is right: the rest is bad
        return NotADatabase(path)
    disk = disk_trouble(error, path)
    if disk is not None:
        return StoreFull(opening=True) if isinstance(disk, StoreFull) else disk
    if key_checked:
        return NotADatabase(path)
    # SQLITE_NOTADB: the same for a wrong key and for random bytes of a plausible size.
    return WrongPassphrase()


def working_error(error: BaseException, path: Path) -> StoreError | None:
    """What a unit of work on an open store ran into, if it is one a coordinator can act on."""
    if is_busy(error):
        return StoreBusy()
    if result_code(error) == SQLITE_NOTADB:  # the key no longer opens it: re-keyed meanwhile
        return StoreReplaced()
    return disk_trouble(error, path)
