"""Excluding a person or a whole family (NACCC: aggression leads to exclusion).

Excluding records who decided and why, cancels the family's future bookings as cancelled
by the centre with that reason, and puts "do not admit" on the door check (safeguarding's
door notes read the exclusion). Excluding the whole family also ends it as excluded in the
register, so it cannot be booked again."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, select

from contactcentre.domain import acting, audit, permissions
from contactcentre.domain.bookings.cancelling import cancel_booking
from contactcentre.domain.errors import NotFound, ValidationError
from contactcentre.domain.register.families import end_family
from contactcentre.domain.validate import free_text
from contactcentre.store.models import (
    Booking,
    BookingStatus,
    CancelledBy,
    ContactSession,
    Exclusion,
    Family,
    Incident,
    Person,
)


def future_bookings(s: Session, family_id: int, today: date) -> list[date]:
    query = (
        select(col(ContactSession.day))
        .join(Booking)
        .where(
            col(Booking.family_id) == family_id,
            col(Booking.status) == BookingStatus.booked,
            col(ContactSession.day) >= today,
        )
        .order_by(col(ContactSession.day))
    )
    return list(s.exec(query))


def exclude(
    s: Session,
    family_id: int,
    *,
    reason: str,
    today: date,
    now: datetime,
    person_id: int | None = None,
    incident_id: int | None = None,
) -> list[date]:
    """Exclude `person_id` (or, with None, the whole family); returns the days cancelled."""
    permissions.require(s, "exclude")
    family = s.get(Family, family_id)
    if family is None:
        raise NotFound(f"Family {family_id} no longer exists.")
    if person_id is not None:
        person = s.get(Person, person_id)
        if person is None or person.family_id != family_id:
            raise NotFound("That person is no longer on the family.")
    if incident_id is not None and s.get(Incident, incident_id) is None:
        raise NotFound("That incident no longer exists.")
    why = free_text("reason", "The reason", reason, limit=2000)
    if not why:
        raise ValidationError.single("reason", "Say why they are excluded.")
    row = Exclusion(
        family_id=family_id,
        person_id=person_id,
        incident_id=incident_id,
        reason=why,
        decided_by=acting.actor(s),
        decided_on=today,
        at=now,
    )
    s.add(row)
    s.flush()
    audit.record(
        s,
        "exclusion.create",
        entity="exclusion",
        entity_id=row.id,
        family_id=family_id,
        detail="family" if person_id is None else "person",
    )
    cancelled = future_bookings(s, family_id, today)
    for day in cancelled:
        cancel_booking(s, family_id, day, by=CancelledBy.centre, reason=why, told_at=now)
    if person_id is None:
        end_family(
            s,
            family_id,
            family.status.excluded,
            reason=why,
            on=today,
            decided_by=acting.actor(s),
            today=today,
        )
    return cancelled
