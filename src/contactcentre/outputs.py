"""Writing a document or export where the coordinator chose, for the GUI and the CLI alike.

Never over the centre's own database (or its -wal, -shm and lock files), and never
half-written: the bytes go to a temporary file beside the target, renamed only once whole,
so a full disk leaves any earlier copy as it was.
"""

from __future__ import annotations

import os
from pathlib import Path

from contactcentre.domain.errors import DomainError

DATABASE_SIDECARS = ("-wal", "-shm", ".lock")


class OutputRefused(DomainError):
    """The file cannot be written there; the message says why."""


def check_target(target: Path, *, database: Path) -> None:
    db = Path(database).resolve()
    own = {db, *(db.with_name(db.name + suffix) for suffix in DATABASE_SIDECARS)}
    if Path(target).resolve() in own:
        raise OutputRefused(f"{target} is the centre's own database: choose another file.")


def write_file(target: Path, data: bytes, *, database: Path) -> None:
    check_target(target, database=database)
    partial = target.with_name(target.name + ".part")
    try:
        partial.write_bytes(data)
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise OutputRefused(f"Cannot write {target}: {error.strerror or error}.") from None
