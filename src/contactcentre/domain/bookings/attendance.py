"""The attendance log: append-only events per booking.

Nothing is updated in place or deleted. A correction is a new event whose
`supersedes_id` names the event it replaces (a `voided` correction withdraws it); the
current view is every event that nothing supersedes.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from contactcentre.domain import acting, audit
from contactcentre.domain.errors import DomainError, NotFound, ValidationError
from contactcentre.domain.validate import free_text
from contactcentre.store.models import (
    AttendanceEvent,
    Booking,
    EventKind,
    EventSource,
    Person,
    Role,
)

EVENT_LABELS = {
    EventKind.nonresident_arrived: "Visiting parent arrived",
    EventKind.nonresident_left: "Visiting parent left",
    EventKind.child_dropped_off: "Child dropped off",
    EventKind.child_collected: "Child collected",
    EventKind.resident_arrived: "Resident parent arrived",
    EventKind.relative_arrived: "Relative arrived",
    EventKind.relative_left: "Relative left",
    EventKind.no_show: "Did not attend",
    EventKind.voided: "Withdrawn",
}
# Who may be named on each event (the person who did it).
EVENT_ROLES = {
    EventKind.nonresident_arrived: {Role.non_resident_parent},
    EventKind.nonresident_left: {Role.non_resident_parent},
    EventKind.child_dropped_off: {Role.resident_parent, Role.relative},
    EventKind.child_collected: {Role.resident_parent, Role.relative},
    EventKind.resident_arrived: {Role.resident_parent},
    EventKind.relative_arrived: {Role.relative},
    EventKind.relative_left: {Role.relative},
}


class AttendanceError(DomainError):
    pass


def _check_person(s: Session, booking: Booking, kind: EventKind, person_id: int | None) -> None:
    if person_id is None:
        return
    person = s.get(Person, person_id)
    if person is None or person.family_id != booking.family_id:
        raise ValidationError.single("person", "That person is not named for this family.")
    allowed = EVENT_ROLES.get(kind)
    if allowed is not None and person.role not in allowed:
        raise ValidationError.single(
            "person", f"{person.first_name} cannot be recorded for '{EVENT_LABELS[kind]}'."
        )


def record_event(
    s: Session,
    booking_id: int,
    kind: EventKind,
    occurred_at: datetime,
    *,
    recorded_by: str = "",
    source: EventSource = EventSource.live,
    person_id: int | None = None,
    reason: str = "",
    notes: str = "",
    supersedes: AttendanceEvent | None = None,
) -> AttendanceEvent:
    """Append one event (inside the caller's transaction)."""
    booking = s.get(Booking, booking_id)
    if booking is None:
        raise NotFound("That booking no longer exists.")
    if occurred_at.tzinfo is None:
        raise ValueError("occurred_at must be aware")
    if kind == EventKind.voided and supersedes is None:
        raise AttendanceError("Only a correction can withdraw an event.")
    _check_person(s, booking, kind, person_id)
    event = AttendanceEvent(
        booking_id=booking_id,
        kind=kind,
        occurred_at=occurred_at,
        # The name typed as "recording as", else whoever is acting in this unit of work.
        recorded_by=free_text("recorded_by", "Recorded by", recorded_by, limit=100, multiline=False)
        or acting.actor(s),
        source=source,
        person_id=person_id,
        reason=free_text("reason", "The reason", reason, limit=1000),
        notes=free_text("notes", "Notes", notes, limit=2000),
        supersedes_id=supersedes.id if supersedes else None,
    )
    s.add(event)
    s.flush()
    audit.record(
        s,
        "attendance.correct" if supersedes else "attendance.record",
        entity="attendance_event",
        entity_id=event.id,
        family_id=booking.family_id,
        detail=kind.value,
    )
    return event


def correct_event(
    s: Session,
    event_id: int,
    *,
    why: str,
    recorded_by: str,
    kind: EventKind | None = None,
    occurred_at: datetime | None = None,
    person_id: int | None = None,
    source: EventSource = EventSource.live,
) -> AttendanceEvent:
    """Supersede an event with a corrected copy (or withdraw it with kind=voided)."""
    old = s.get(AttendanceEvent, event_id)
    if old is None:
        raise NotFound("That event no longer exists.")
    if is_superseded(s, event_id):
        raise AttendanceError("That event has already been corrected; correct the newer one.")
    if not free_text("why", "Why", why, limit=1000):
        raise ValidationError.single("why", "Say why the record is being corrected.")
    return record_event(
        s,
        old.booking_id,
        kind or old.kind,
        occurred_at or old.occurred_at,
        recorded_by=recorded_by,
        source=source,
        person_id=person_id if person_id is not None else old.person_id,
        reason=why,
        notes=old.notes,
        supersedes=old,
    )


def is_superseded(s: Session, event_id: int) -> bool:
    query = select(AttendanceEvent.id).where(col(AttendanceEvent.supersedes_id) == event_id)
    return s.exec(query).first() is not None


def history(s: Session, booking_id: int) -> list[AttendanceEvent]:
    """Every event of a booking, corrected ones included, in the order they were recorded."""
    query = (
        select(AttendanceEvent)
        .where(col(AttendanceEvent.booking_id) == booking_id)
        .order_by(col(AttendanceEvent.id))
    )
    return list(s.exec(query))


def logs_of(s: Session, booking_ids: Collection[int]) -> dict[int, list[AttendanceEvent]]:
    """Each booking's `history`, for many bookings from one query (a booking with nothing
    recorded is left out)."""
    found: dict[int, list[AttendanceEvent]] = {}
    query = (
        select(AttendanceEvent)
        .where(col(AttendanceEvent.booking_id).in_(booking_ids))
        .order_by(col(AttendanceEvent.id))
    )
    for event in s.exec(query):
        found.setdefault(event.booking_id, []).append(event)
    return found


def names_of(s: Session, events: list[AttendanceEvent]) -> dict[int, str]:
    """The full names of the people these events name (who arrived, who handed over)."""
    ids = {e.person_id for e in events if e.person_id is not None}
    people = s.exec(select(Person).where(col(Person.id).in_(ids)))
    return {p.id: f"{p.first_name} {p.last_name}".strip() for p in people if p.id is not None}


def current(events: list[AttendanceEvent]) -> list[AttendanceEvent]:
    """The events that stand: not superseded by a later one, and not withdrawals."""
    replaced = {e.supersedes_id for e in events if e.supersedes_id is not None}
    standing = [e for e in events if e.id not in replaced and e.kind != EventKind.voided]
    return sorted(standing, key=lambda e: (e.occurred_at, e.id or 0))


def current_events(s: Session, booking_id: int) -> list[AttendanceEvent]:
    return current(history(s, booking_id))


@dataclass(frozen=True)
class Outcome:
    """What happened at one booking, for letters and the register."""

    attended: bool
    no_show: bool
    arrived: datetime | None
    left: datetime | None
    dropped_off: datetime | None
    collected: datetime | None
    reason: str


def outcome(events: list[AttendanceEvent]) -> Outcome:
    standing = current(events)

    def first(kind: EventKind) -> AttendanceEvent | None:
        return next((e for e in standing if e.kind == kind), None)

    def last(kind: EventKind) -> AttendanceEvent | None:
        return next((e for e in reversed(standing) if e.kind == kind), None)

    arrived, left = first(EventKind.nonresident_arrived), last(EventKind.nonresident_left)
    dropped, collected = first(EventKind.child_dropped_off), last(EventKind.child_collected)
    no_show = first(EventKind.no_show)
    attended = arrived is not None or dropped is not None
    return Outcome(
        attended=attended,
        no_show=no_show is not None and not attended,
        arrived=arrived.occurred_at if arrived else None,
        left=left.occurred_at if left else None,
        dropped_off=dropped.occurred_at if dropped else None,
        collected=collected.occurred_at if collected else None,
        reason=no_show.reason if no_show else "",
    )
