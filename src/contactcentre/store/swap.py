"""Putting a restored copy in place of the centre's database, recoverably.

Before anything is moved, a journal beside the database (`centre.db.restore-journal`)
names the incoming copy (already verified, and already holding the restore's audit entry)
and the name the current database is set aside under. The swap then moves the current
database and its -wal/-shm aside, renames the incoming copy into place and removes the
journal. Each step is one rename, so a crash between any two leaves files that
`finish_interrupted` (run before the database is opened or created, by the CLI and the
GUI alike) completes: the incoming copy was proven good before the journal was written, so
finishing is always safe, and nothing is ever deleted.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from contactcentre.store import anchor, keyslots
from contactcentre.store.errors import StoreError

log = logging.getLogger(__name__)

JOURNAL = ".restore-journal"
# The main file last: it alone makes a database "there". The trail's anchor goes with it.
MOVED_FIRST = ("-wal", "-shm", anchor.SUFFIX, "")


def sync_dir(folder: Path) -> None:
    """Make the renames in `folder` durable (a power cut cannot undo them)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def move(db_path: Path, to: Path) -> None:
    """Rename a database with whichever of its -wal/-shm exist (none is ever lost)."""
    for suffix in MOVED_FIRST:
        side = Path(f"{db_path}{suffix}")
        if side.exists():
            os.replace(side, f"{to}{suffix}")


@dataclass(frozen=True)
class Swap:
    db_path: Path
    incoming: Path
    set_aside: Path | None  # None: there was no database to keep

    @property
    def journal(self) -> Path:
        return journal_path(self.db_path)


def journal_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + JOURNAL)


def swap_in(db_path: Path, incoming: Path, set_aside: Path) -> Path | None:
    """Replace `db_path` by `incoming` (closed, with no -wal), keeping the current database
    as `set_aside`; returns where it was kept, or None when there was none."""
    if any(Path(f"{incoming}{side}").exists() for side in ("-wal", "-shm")):
        raise StoreError("The restored copy was not closed cleanly; nothing was replaced.")
    swap = Swap(db_path, incoming, set_aside if db_path.exists() else None)
    _write_journal(swap)
    _finish(swap)
    return swap.set_aside


def _write_journal(swap: Swap) -> None:
    body = {
        "incoming": swap.incoming.name,
        "set_aside": swap.set_aside.name if swap.set_aside else None,
    }
    written = swap.journal.with_name(swap.journal.name + ".new")
    with written.open("w", encoding="utf-8") as f:
        json.dump(body, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(written, swap.journal)
    sync_dir(swap.db_path.parent)


def _finish(swap: Swap) -> None:
    """Each step looks at what is on disk, so running this again after a crash part-way
    carries on where it stopped."""
    if swap.incoming.exists():
        if swap.set_aside is not None:
            move(swap.db_path, swap.set_aside)
            _copy_keys(swap)
        os.replace(swap.incoming, swap.db_path)
        sync_dir(swap.db_path.parent)
    incoming_anchor = anchor.file_for(swap.incoming)  # made for the copy before the swap
    if incoming_anchor.exists():
        os.replace(incoming_anchor, anchor.file_for(swap.db_path))
    swap.journal.unlink()
    sync_dir(swap.db_path.parent)


def _copy_keys(swap: Swap) -> None:
    """The key slots stay with the centre (the restored copy has today's key); the database
    set aside has the same key, so a copy of them goes beside it, to open it by."""
    keys = keyslots.file_for(swap.db_path)
    if swap.set_aside is not None and keys.exists():
        shutil.copyfile(keys, keyslots.file_for(swap.set_aside))


def _read_journal(db_path: Path) -> Swap | None:
    journal = journal_path(db_path)
    try:
        body = json.loads(journal.read_text(encoding="utf-8"))
        incoming = db_path.with_name(str(body["incoming"]))
        kept = body["set_aside"]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        raise StoreError(
            f"A restore was interrupted and its journal {journal} cannot be read; "
            "nothing was changed. Ask for help before deleting any file in this folder."
        ) from None
    return Swap(db_path, incoming, db_path.with_name(str(kept)) if kept else None)


def finish_interrupted(db_path: Path) -> str | None:
    """Finish a restore a crash interrupted (the journal says so); one sentence for the
    coordinator, or None when there was nothing to do."""
    db_path = Path(db_path).absolute()
    if not db_path.parent.is_dir():
        return None  # no folder yet: nothing was ever restored there
    journal_path(db_path).with_name(journal_path(db_path).name + ".new").unlink(missing_ok=True)
    swap = _read_journal(db_path)
    if swap is None:
        return None
    _finish(swap)
    log.warning("an interrupted restore was finished")
    kept = f" The database it replaced is kept as {swap.set_aside}." if swap.set_aside else ""
    return f"A restore from a backup was interrupted; it has now been finished.{kept}"
