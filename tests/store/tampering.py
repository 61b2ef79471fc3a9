"""What someone with the passphrase can do behind the app's back: open the database file
with a plain SQLCipher connection and change it. The audit tests use these."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import sqlcipher3
from sqlmodel import select

from contactcentre.domain.bookings import attendance
from contactcentre.domain.clock import FixedClock
from contactcentre.domain.disclosure import letters
from contactcentre.store.engine import Store
from contactcentre.store.models import EventKind, Signature
from tests.conftest import PASSPHRASE, database_key
from tests.factories import add_booking, ready_family

ARRIVED = datetime(2027, 3, 13, 9, 45, tzinfo=UTC)  # 09:45 in London (GMT in March)


def tamper(path: Path, *statements: str, passphrase: str = PASSPHRASE) -> None:
    """Run SQL straight on the encrypted file (committed at once, no app code involved)."""
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        conn.set_key(database_key(path, passphrase))
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def audit_history(store: Store, clock: FixedClock) -> dict[str, int]:
    """A family that signed, arrived at 09:45 and had a letter, all recorded at the clock's
    moment: the row id of each covered record, by table."""
    store.act_as("Ann", clock.now)
    family_id = ready_family(store, "F-0001")
    with store.session() as s:
        booking_id = add_booking(s, family_id)
        event = attendance.record_event(s, booking_id, EventKind.nonresident_arrived, ARRIVED)
        produced = letters.produce_letter(
            s, family_id, date(2027, 3, 1), date(2027, 3, 31), now=datetime(2027, 3, 20, tzinfo=UTC)
        )
        signature = s.exec(select(Signature)).first()
    assert event.id and signature and signature.id
    return {
        "attendance_event": event.id,
        "disclosure": produced.entry.id,
        "signature": signature.id,
    }
