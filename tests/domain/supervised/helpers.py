"""A supervised family booked on a Saturday, with its attendance, for the tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from contactcentre.domain.bookings import attendance
from contactcentre.domain.supervised import records
from contactcentre.store.engine import Store
from contactcentre.store.models import ContactType, EventKind, TeamRole
from tests.factories import add_booking, add_family

DAY = date(2027, 3, 13)
NOW = datetime(2027, 3, 13, 13, 0, tzinfo=UTC)
WRITER = "Dafydd ap Siôn"  # a supervisor who supervised the session
CHECKER = "Gwenllian Morgan"  # another supervisor, who approves
BODY = {
    "aim": "Mark to rebuild play with Lily",
    "what_happened": "Lily and Mark built a tower of blocks and read two books.",
    "quotes": "Lily: Can we come again, Daddy?",
    "child_response": "Ran to Mark on arrival; waved goodbye at the end.",
    "brought_by": "Sarah Jones",
    "collected_by": "Sarah Jones",
}


def as_(store: Store, name: str, role: TeamRole = TeamRole.supervisor) -> None:
    store.act_as(name, lambda: NOW, role)


def supervised_family(store: Store, ref: str = "F-0001", day: date = DAY) -> tuple[int, int]:
    """(family id, booking id): booked, the father arrived 10:00 and left 12:00 (UTC =
    London in March), Lily dropped off 10:05 and collected 11:55."""
    family_id = add_family(store, ref, contact_type=ContactType.supervised)
    with store.session() as s:
        booking_id = add_booking(s, family_id, day)
        for kind, hour, minute in (
            (EventKind.nonresident_arrived, 10, 0),
            (EventKind.child_dropped_off, 10, 5),
            (EventKind.child_collected, 11, 55),
            (EventKind.nonresident_left, 12, 0),
        ):
            at = datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)
            attendance.record_event(s, booking_id, kind, occurred_at=at)
    return family_id, booking_id


def written(store: Store, booking_id: int, **body: object) -> int:
    """A record written by WRITER and submitted; returns its id."""
    as_(store, WRITER)
    with store.session() as s:
        record = records.start_record(s, booking_id=booking_id)
        records.edit_record(s, record.id or 0, **(BODY | body))
        records.submit(s, record.id or 0)
        return record.id or 0


def approved(store: Store, booking_id: int, **body: object) -> int:
    record_id = written(store, booking_id, **body)
    as_(store, CHECKER)
    with store.session() as s:
        records.approve(s, record_id)
    as_(store, "Coordinator", TeamRole.coordinator)
    return record_id
