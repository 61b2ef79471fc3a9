"""When the coordinator is reminded to make a backup."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from contactcentre.domain.bookings import attendance
from contactcentre.domain.clock import FixedClock
from contactcentre.domain.records import backups
from contactcentre.store.engine import Store
from contactcentre.store.models import EventKind
from tests.factories import add_booking, add_family

BACKED_UP = datetime(2027, 3, 1, 18, 0, tzinfo=UTC)


def test_reminded_when_never_backed_up_then_after_n_days(store: Store, tmp_path: Path) -> None:
    due = backups.backup_due(store, BACKED_UP)
    assert due is not None and "never" in due.reason
    backups.make_backup(store, tmp_path / "b.ccbackup", None, FixedClock(BACKED_UP))
    assert backups.backup_due(store, BACKED_UP + timedelta(days=13)) is None
    due = backups.backup_due(store, BACKED_UP + timedelta(days=14))
    assert due is not None and "14 days ago" in due.reason


def test_reminded_after_a_session_day_is_recorded(store: Store, tmp_path: Path) -> None:
    family_id = add_family(store)
    # Events carry the real time they were typed in, so this backup is in the real past.
    backed_up = datetime.now(UTC) - timedelta(hours=1)
    backups.make_backup(store, tmp_path / "b.ccbackup", None, FixedClock(backed_up))
    assert backups.backup_due(store, backed_up + timedelta(days=2)) is None
    with store.session() as s:
        booking_id = add_booking(s, family_id)
        arrived = datetime(2027, 3, 13, 10, 0, tzinfo=UTC)
        attendance.record_event(s, booking_id, EventKind.child_dropped_off, arrived)
    due = backups.backup_due(store, backed_up + timedelta(days=2))
    assert due is not None and "Attendance" in due.reason
