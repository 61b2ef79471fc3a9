"""The database file on disk, without opening it: its shape, its identity, and putting a
newly built one in place (with the files that go beside it)."""

from __future__ import annotations

import os
from pathlib import Path

from contactcentre.store import anchor, keyslots
from contactcentre.store.errors import StoreExists
from contactcentre.store.swap import sync_dir

SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"
PAGE_SIZE = 4096  # SQLCipher 4 default; a healthy file is a whole number of pages


def looks_like_store(path: Path) -> bool:
    """Whether the file has the shape of a SQLCipher database, judged without a key.

    Opening an empty file would silently make it a new database, so this runs first.
    """
    size = path.stat().st_size
    with path.open("rb") as f:
        head = f.read(16)
    return size > 0 and size % PAGE_SIZE == 0 and head != SQLITE_PLAIN_HEADER


FileIdentity = tuple[int, int]  # (device, inode) of the database file


def file_identity(path: Path) -> FileIdentity | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def put_in_place(building: Path, path: Path) -> None:
    """Rename a finished new database to its name, durably, never over another one."""
    with building.open("rb+") as f:
        os.fsync(f.fileno())
    if path.exists():
        raise StoreExists(path)
    for side in (anchor.file_for, keyslots.file_for):  # the trail's head and the key slots
        built = side(building)  # go with it, first
        if built.exists():
            os.replace(built, side(path))
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
