"""Keeping the data safe: passphrase change, backups, restore, the backup reminder.

The store does the SQLCipher work; these functions add the centre's rules (how strong a
passphrase must be, when a backup is due) and write each step into the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlmodel import col, select

from contactcentre.domain import audit
from contactcentre.domain.centre import get_centre, passphrase_problem
from contactcentre.domain.clock import Clock
from contactcentre.domain.errors import ValidationError
from contactcentre.domain.vocabulary import counted
from contactcentre.store import anchor, backup, keys
from contactcentre.store.engine import Store
from contactcentre.store.models import AttendanceEvent

# What a coordinator recognises in a backup, by table.
CONTENT_LABELS = {
    "family": "families",
    "person": "people",
    "contact_session": "sessions",
    "booking": "bookings",
    "attendance_event": "attendance records",
    "signature": "signatures",
    "audit_entry": "audit entries",
}


def describe_contents(counts: dict[str, int]) -> str:
    """'families: 12, people: 40, …' for the tables a coordinator knows."""
    return ", ".join(f"{label}: {counts.get(table, 0)}" for table, label in CONTENT_LABELS.items())


def change_passphrase(store: Store, old: str, new: str, repeat: str | None = None) -> None:
    problem = passphrase_problem(new, repeat)
    if problem:
        raise ValidationError.single("new_passphrase", problem)
    keys.change_passphrase(store, old, new)
    with store.session() as s:
        audit.record(s, "passphrase.change")


def make_backup(
    store: Store, target: Path, passphrase: str | None, clock: Clock
) -> backup.BackupReport:
    """An encrypted, verified copy at `target` under `passphrase` (None: the centre's own);
    the trail records its digest."""
    secret = keys.current_passphrase(store) if passphrase is None else passphrase
    report = backup.backup(store, target, secret, now=clock.now())
    with store.session() as s:
        audit.record(s, "backup", detail=f"sha256 {report.sha256}")
    return report


def restore_backup(
    backup_file: Path, db_path: Path, backup_passphrase: str, passphrase: str
) -> tuple[Store, backup.RestoreReport]:
    """Replace the (closed) database with a verified backup and open it; see store/backup.py."""
    store, report = backup.restore(backup_file, db_path, backup_passphrase, passphrase)
    made = report.contents.made_at.isoformat() if report.contents.made_at else "unknown"
    with store.session() as s:
        anchor.adopt_restored(s, report.set_aside)
        audit.record(s, "restore", detail=f"sha256 {backup.file_sha256(backup_file)}; made {made}")
    return store, report


def restore_over(
    store: Store, backup_file: Path, backup_passphrase: str | None
) -> tuple[Store, backup.RestoreReport]:
    """Close the open store and put a backup in its place, under the same passphrase (so
    the screens never hold it); `backup_passphrase` None: the backup has that one too."""
    secret = keys.current_passphrase(store)
    store.close()
    return restore_backup(backup_file, store.path, backup_passphrase or secret, secret)


def inspect(
    store: Store, backup_file: Path, backup_passphrase: str | None
) -> backup.BackupContents:
    """A backup's date and contents; `backup_passphrase` None: the centre's own."""
    return backup.inspect_backup(backup_file, backup_passphrase or keys.current_passphrase(store))


@dataclass(frozen=True)
class BackupDue:
    reason: str


def backup_due(store: Store, now: datetime) -> BackupDue | None:
    """Why a backup should be made now, or None: none for N days, or a session day since."""
    with store.session() as s:
        centre = get_centre(s)
        last = centre.last_backup_at
        if last is None:
            return BackupDue("This centre's records have never been backed up.")
        if now - last >= timedelta(days=centre.backup_reminder_days):
            days = (now - last).days
            return BackupDue(f"The last backup was {counted(days, 'day')} ago.")
        since = select(AttendanceEvent.id).where(col(AttendanceEvent.recorded_at) > last)
        if s.exec(since.limit(1)).first() is not None:
            return BackupDue("Attendance has been recorded since the last backup.")
    return None
