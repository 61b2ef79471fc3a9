"""Keeping the data safe: passphrase change, backups, restore, the backup reminder.

The store does the SQLCipher work; these functions add the centre's rules (how strong a
passphrase must be, when a backup is due) and write each step into the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlmodel import Session, col, select

from contactcentre import outputs
from contactcentre.domain import audit, permissions
from contactcentre.domain.centre import get_centre, passphrase_problem
from contactcentre.domain.clock import Clock
from contactcentre.domain.errors import ValidationError
from contactcentre.domain.team import accounts
from contactcentre.domain.vocabulary import counted
from contactcentre.store import anchor, backup, keys, swap
from contactcentre.store.engine import Store
from contactcentre.store.models import AttendanceEvent, AuditEntry

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
    """The acting person's own passphrase (their key slot); a store opened without a
    person (an old database, by its one passphrase) is re-keyed as before."""
    if store.account is not None:
        accounts.change_own_passphrase(store, old, new, repeat)
        return
    problem = passphrase_problem(new, repeat)
    if problem:
        raise ValidationError.single("new_passphrase", problem)
    token = keys.change_passphrase(store, old, new)
    with store.session() as s:
        audit.record(s, "passphrase.change", detail=f"change {token}")
    keys.forget_pending(store.path)


def before_opening(db_path: Path) -> str | None:
    """Finish what a crash interrupted before the database is opened or created (a restore
    half-way through its swap); one sentence for the coordinator, or None."""
    return swap.finish_interrupted(db_path)


def after_unlocking(store: Store, *, at_the_screen: bool = False) -> str | None:
    """Record what a crash kept out of the trail (a passphrase change that may have
    happened, a login's removal that the unlock finished); one sentence for the
    coordinator, or None. `at_the_screen` (the app, where an unlock is in the trail too):
    note the person's unlock (last_unlock_at); a command writes nothing it was not asked to.
    Nothing at all on a read-only (damaged) store."""
    if store.read_only:
        return None
    if store.account is not None and at_the_screen:
        with store.session() as s:
            accounts.note_unlock(s, store.account.member_id)
    accounts.record_finished_removal(store)
    token = keys.pending_change(store.path)
    if token is None:
        return None
    with store.session() as s:
        recorded = s.exec(
            select(AuditEntry.id).where(col(AuditEntry.detail) == f"change {token}")
        ).first()
        if recorded is None:
            audit.record(s, "passphrase.change", detail=f"interrupted {token}")
    keys.forget_pending(store.path)
    if recorded is not None:
        return None  # it finished; only the note was left
    return (
        "A passphrase change was interrupted. The passphrase you have just used is the "
        "one that opens the records now; the change is in the audit trail."
    )


def make_backup(
    store: Store, target: Path, passphrase: str | None, clock: Clock
) -> backup.BackupReport:
    """An encrypted, verified copy at `target` under `passphrase` (None: the passphrase of
    whoever unlocked, never the database key itself).

    Never over the database or its -wal/-shm/lock files. Only once the copy is in place
    does one transaction reset the reminder (the last backup time) and record the copy's
    digest in the trail."""
    with store.session() as s:
        permissions.require(s, "backup")
    outputs.check_target(target, database=store.path)
    secret = own_passphrase(store) if passphrase is None else passphrase
    now = clock.now()
    report = backup.backup(store, target, secret, now=now)
    with store.session() as s:
        get_centre(s).last_backup_at = now
        audit.record(s, "backup", detail=f"sha256 {report.sha256}")
    return report


def restore_backup(
    backup_file: Path,
    db_path: Path,
    backup_passphrase: str,
    passphrase: str,
    team: list[dict[str, object]] | None = None,
) -> tuple[Store, backup.RestoreReport]:
    """Replace the (closed) database with a verified backup and open it; see store/backup.py.

    The restore's audit entry is written into the restored copy before it is put in place,
    so a restore that happened always says so in the trail, whenever a crash came. `team`
    (today's team rows, accounts.todays_team) replaces the backup's logins: the copy is
    keyed with today's key (`passphrase`), so today's people open it and nobody else."""
    digest = backup.file_sha256(backup_file)

    def record_restore(copy: Store, contents: backup.BackupContents) -> None:
        made = contents.made_at.isoformat() if contents.made_at else "unknown"
        with copy.session() as s:
            audit.record(s, "restore", detail=f"sha256 {digest}; made {made}")
        if team is not None:
            with copy.session() as s:
                accounts.keep_todays_team(s, team)
        with copy.session() as s:
            anchor.adopt_restored(s)

    return backup.restore(
        backup_file, db_path, backup_passphrase, passphrase, before_swap=record_restore
    )


def restore_over(
    store: Store, backup_file: Path, backup_passphrase: str | None
) -> tuple[Store, backup.RestoreReport]:
    """Close the open store and put a backup in its place, under the same key and with
    today's logins (so the screens never hold a key); `backup_passphrase` None: the
    backup was made under the acting person's own passphrase."""
    with store.session() as s:
        permissions.require(s, "backup")
    secret = keys.current_passphrase(store)
    with store.session() as s:
        team = accounts.todays_team(s)
    person, typed, account = own_passphrase(store), store.passphrase, store.account
    store.close()
    restored, report = restore_backup(
        backup_file, store.path, backup_passphrase or person, secret, team
    )
    restored.account, restored.passphrase = account, typed
    return restored, report


def inspect(
    store: Store, backup_file: Path, backup_passphrase: str | None
) -> backup.BackupContents:
    """A backup's date and contents; `backup_passphrase` None: the centre's own."""
    return backup.inspect_backup(backup_file, backup_passphrase or own_passphrase(store))


def own_passphrase(store: Store) -> str:
    """The passphrase the acting person unlocked with (an old database's: its own)."""
    return store.passphrase or keys.current_passphrase(store)


@dataclass(frozen=True)
class BackupDue:
    reason: str


def backup_due(store: Store, now: datetime) -> BackupDue | None:
    """Why a backup should be made now, or None: none for N days, or a session day since."""
    with store.session() as s:
        return backup_due_in(s, now)


def backup_due_in(s: Session, now: datetime) -> BackupDue | None:
    """`backup_due` inside the caller's unit of work."""
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
