"""The "in use" lock: one holder at a time for the whole centre database on this computer.

SQLite already keeps concurrent readers and writers consistent, row by row. What it cannot
see is a process that replaces or re-keys the whole file: a `restore` moving the database
aside, or a `rekey`, while the app has it unlocked, or two copies of the app each with its
own idle lock and unsaved drafts. So whoever has the records unlocked in the app, and a
command that replaces or re-keys the file, holds an OS file lock on `centre.db.lock` next
to the database; everyone else is refused at once (a non-blocking acquire), never made to
wait.

The lock is the kernel's (flock on Unix, LockFileEx on Windows), so it ends with the
process: a crashed app leaves nothing stale behind. The lock file stays empty: it never
holds a name, a passphrase or anything read from the database.

On Unix a lock file can be deleted while it is held, and the next comer then locks a new
file of the same name and gets in. So there the holder also locks the database's folder
itself (flock on the directory), which nobody deletes while the database is in it. Not
the database file: opening and closing a second descriptor on it would drop SQLite's own
locks in this process, and a restore puts another file in its place. On Windows a held
lock file cannot be deleted.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlcipher3
from filelock import FileLock, Timeout

from contactcentre.store import causes, engine
from contactcentre.store.errors import StoreBusy, StoreError

log = logging.getLogger(__name__)

LOCK_SUFFIX = ".lock"

if sys.platform != "win32":
    import fcntl


class CentreInUse(StoreError):
    """Another process (the app, or a restore or rekey) holds the in-use lock."""

    def __init__(self) -> None:
        super().__init__(
            "Contact Centre is open on this computer: lock or close it first; nothing was changed."
        )


def lock_path(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + LOCK_SUFFIX)


def lock_folder(folder: Path) -> int | None:
    """A descriptor holding an exclusive flock on `folder` (None on Windows, where the
    lock file is enough); BlockingIOError if another holder has it."""
    if sys.platform == "win32":
        return None
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BaseException:
        os.close(fd)
        raise
    return fd


class InUseLock:
    """The in-use lock for one database: `acquire()` or CentreInUse, `release()`.

    Idempotent on both sides: acquiring while held, or releasing while not held, does
    nothing. Where the folder cannot hold a lock at all (read-only media, a filesystem
    without file locks, a folder not yet made), acquiring logs a warning and goes on
    unprotected: refusing would lock the coordinator out of the records.
    """

    def __init__(self, db_path: Path) -> None:
        self.path = lock_path(db_path)
        self._folder_fd: int | None = None
        # fallback_to_soft=False: the soft fallback writes the pid and host name into the
        # file; an OS lock or none at all. 0o600: Windows then gives it an owner-only ACL.
        self._lock = FileLock(
            self.path, timeout=0, mode=0o600, thread_local=False, fallback_to_soft=False
        )
        self._held = False

    @property
    def held(self) -> bool:
        """This object holds the lock (so nothing else on this computer does)."""
        return self._held

    def acquire(self) -> None:
        if self._held:
            return
        try:
            self._lock.acquire(blocking=False)
        except Timeout:
            raise CentreInUse() from None
        except OSError as error:
            # The path (and so a user name) stays out of the log: the reason only.
            log.warning("the in-use lock cannot be taken (%s); going on without it", error.strerror)
            return
        try:
            self._folder_fd = lock_folder(self.path.parent)  # made by the file lock
        except BlockingIOError:  # the holder's lock file was deleted under it
            self._lock.release(force=True)
            raise CentreInUse() from None
        except OSError as error:
            log.warning("the folder cannot be locked (%s); the lock file only", error.strerror)
        self._held = True

    def release(self) -> None:
        if not self._held:
            return
        self._held = False
        if self._folder_fd is not None:
            os.close(self._folder_fd)  # ends its flock
            self._folder_fd = None
        try:
            self._lock.release(force=True)
        except OSError as error:  # closing the descriptor ends the OS lock regardless
            log.warning("the in-use lock was not released cleanly (%s)", error.strerror)

    def held_elsewhere(self) -> bool:
        """Whether another holder has it now (a look only: the lock is not kept)."""
        if self._held:
            return False
        try:
            self.acquire()
        except CentreInUse:
            return True
        self.release()
        return False


@contextmanager
def held(db_path: Path) -> Iterator[InUseLock]:
    """Hold the in-use lock for a block (a restore, a rekey), or raise CentreInUse."""
    lock = InUseLock(db_path)
    lock.acquire()
    try:
        yield lock
    finally:
        lock.release()


def refuse_if_writing(db_path: Path, passphrase: str) -> None:
    """StoreBusy if another process is writing to the database now (an import, a CLI
    command beside the app): a restore or rekey must not go on under it, or what it writes
    ends up only in the copy set aside. Waits as long as any unit of work would.

    A file that does not open with `passphrase` (missing, damaged, another key) has no
    writer of ours: restoring over it is the way back, so that is for the caller to judge.
    """
    if not Path(db_path).is_file():
        return
    conn = sqlcipher3.connect(
        f"{Path(db_path).resolve().as_uri()}?mode=rw", uri=True, isolation_level=None
    )
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.set_key(passphrase)
        conn.execute(f"PRAGMA busy_timeout = {engine.BUSY_TIMEOUT_MS}")
        conn.execute("BEGIN IMMEDIATE")  # the write lock: free, or held by that writer
        conn.execute("ROLLBACK")
    except sqlcipher3.DatabaseError as error:
        if causes.is_busy(error):
            raise StoreBusy() from error
    finally:
        conn.close()
