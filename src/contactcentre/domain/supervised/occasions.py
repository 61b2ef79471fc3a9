"""What an observation record is about: a supervised family's booking in a centre
session, or an escorted visit outside the centre (which takes no place in a session).
The header of a record (date, times, venue, children's ages) is read from here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from dateutil.relativedelta import relativedelta
from sqlmodel import Session, col, select

from contactcentre.domain import acting, audit, permissions
from contactcentre.domain.centre import get_centre
from contactcentre.domain.errors import DomainError, NotFound
from contactcentre.domain.validate import free_text, name
from contactcentre.store.models import (
    Booking,
    BookingStatus,
    ContactSession,
    ContactType,
    EscortedVisit,
    Family,
    ObservationRecord,
    Person,
    Role,
)


class NotSupervised(DomainError):
    """Observations are for supervised contact only; says what the family has instead."""


@dataclass(frozen=True)
class Occasion:
    """When and where a record's contact took place."""

    day: date
    start: time
    end: time
    venue: str
    escorted: bool
    route: str = ""
    return_by: time | None = None


def supervised_family(s: Session, family_id: int) -> Family:
    family = s.get(Family, family_id)
    if family is None:
        raise NotFound("That family no longer exists.")
    if family.contact_type != ContactType.supervised:
        raise NotSupervised(
            f"{family.contact_type.value} contact has no observations to report: use `letter`"
            if family.contact_type == ContactType.supported
            else f"{family.ref} has {family.contact_type.value} contact: observation records "
            "are only for supervised contact."
        )
    return family


def occasion(s: Session, record: ObservationRecord) -> Occasion:
    if record.booking_id is not None:
        booking = s.get(Booking, record.booking_id)
        assert booking is not None
        session = s.get(ContactSession, booking.session_id)
        assert session is not None
        return in_centre(booking, session, get_centre(s).name)
    visit = s.get(EscortedVisit, record.escorted_visit_id)
    assert visit is not None
    return escorted(visit)


def in_centre(booking: Booking, session: ContactSession, centre_name: str) -> Occasion:
    return Occasion(
        day=session.day,
        start=booking.child_dropoff or session.start,
        end=booking.child_pickup or session.end,
        venue=centre_name,
        escorted=False,
    )


def escorted(visit: EscortedVisit) -> Occasion:
    return Occasion(
        visit.day, visit.start, visit.end, visit.venue, True, visit.route, visit.return_by
    )


def age_on(born: date, day: date) -> str:
    """ "8 years", "1 year", "7 months": a child's age on the day of contact."""
    span = relativedelta(day, born)
    if span.years >= 1:
        return f"{span.years} year{'s' if span.years != 1 else ''}"
    months = max(span.months, 0)
    return f"{months} month{'s' if months != 1 else ''}"


def children_on(s: Session, family_id: int, day: date) -> tuple[tuple[str, str], ...]:
    """(first name, age on the day, '' when the date of birth is not known) per child."""
    children = s.exec(
        select(Person)
        .where(col(Person.family_id) == family_id, col(Person.role) == Role.child)
        .order_by(col(Person.date_of_birth), col(Person.id))
    )
    return tuple(
        (c.first_name, age_on(c.date_of_birth, day) if c.date_of_birth else "") for c in children
    )


def child_births(s: Session, family_id: int) -> list[date | None]:
    """The children's dates of birth (None where not known), for the prompts' age bands."""
    children = s.exec(
        select(Person).where(col(Person.family_id) == family_id, col(Person.role) == Role.child)
    )
    return [child.date_of_birth for child in children]


def booking_on(s: Session, family_id: int, day: date) -> Booking | None:
    """The family's standing (not cancelled) booking in the centre's session of `day`."""
    return s.exec(
        select(Booking)
        .join(ContactSession)
        .where(
            col(Booking.family_id) == family_id,
            col(ContactSession.day) == day,
            col(Booking.status) != BookingStatus.cancelled,
        )
    ).first()


def escorted_on(s: Session, family_id: int, day: date) -> EscortedVisit | None:
    return s.exec(
        select(EscortedVisit).where(
            col(EscortedVisit.family_id) == family_id, col(EscortedVisit.day) == day
        )
    ).first()


def add_escorted_visit(
    s: Session,
    family_id: int,
    day: date,
    start: time,
    end: time,
    *,
    venue: str,
    worker: str,
    route: str = "",
    return_by: time | None = None,
) -> EscortedVisit:
    """Arrange supervised contact outside the centre (a park, a café) with a worker."""
    permissions.require(s, "arrange_escorted")
    supervised_family(s, family_id)
    if end <= start:
        raise DomainError("The visit ends before it starts.")
    place = free_text("venue", "The venue", venue, limit=300, multiline=False)
    if not place:
        raise DomainError("Say where the escorted visit takes place.")
    try:
        who = name(worker)
    except ValueError as error:
        raise DomainError(f"The worker's name {error}.") from None
    visit = EscortedVisit(
        family_id=family_id,
        day=day,
        start=start,
        end=end,
        venue=place,
        worker=who,
        route=free_text("route", "The route", route, limit=1000),
        return_by=return_by,
        created_by=acting.actor(s),
        created_at=acting.now(s),
    )
    s.add(visit)
    s.flush()
    audit.record(
        s, "escorted.create", entity="escorted_visit", entity_id=visit.id, family_id=family_id
    )
    return visit


def occasion_family(s: Session, booking_id: int | None, escorted_visit_id: int | None) -> int:
    """The family whose booking or escorted visit this is."""
    found = (
        s.get(Booking, booking_id)
        if booking_id is not None
        else s.get(EscortedVisit, escorted_visit_id)
    )
    if found is None:
        raise NotFound("That booking or escorted visit no longer exists.")
    return found.family_id


@dataclass(frozen=True)
class Unrecorded:
    """A booking or escorted visit of the family that has no record yet."""

    label: str  # "Sat 13 Mar 2027, 10:00 at the centre"
    booking_id: int | None
    escorted_visit_id: int | None


def unrecorded(s: Session, family_id: int) -> list[Unrecorded]:
    """What a worker may start a record for: standing bookings and escorted visits."""
    booked = s.exec(
        select(Booking, ContactSession)
        .join(ContactSession)
        .where(col(Booking.family_id) == family_id, col(Booking.status) != BookingStatus.cancelled)
        .order_by(col(ContactSession.day))
    ).all()
    visits = s.exec(
        select(EscortedVisit)
        .where(col(EscortedVisit.family_id) == family_id)
        .order_by(col(EscortedVisit.day))
    ).all()
    recorded = s.exec(
        select(ObservationRecord).where(col(ObservationRecord.family_id) == family_id)
    ).all()
    done_bookings = {r.booking_id for r in recorded}
    done_visits = {r.escorted_visit_id for r in recorded}
    found = [
        Unrecorded(f"{session.day:%a %d %b %Y}, {session.start:%H:%M} at the centre", b.id, None)
        for b, session in booked
        if b.id not in done_bookings
    ]
    found += [
        Unrecorded(f"{v.day:%a %d %b %Y}, {v.start:%H:%M} escorted: {v.venue}", None, v.id)
        for v in visits
        if v.id not in done_visits
    ]
    return found
