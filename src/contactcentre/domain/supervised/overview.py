"""The Supervised screen's list: every supervised family's bookings and escorted visits,
past and upcoming, each with the state of its observation record ("none" before one is
started). What a supervisor may see of a supervised case: its reference, the children's
first names with their ages on the day, when and where, and who wrote and approved the
record. Never an address, a phone number or a note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, func, select

from contactcentre.domain import permissions
from contactcentre.domain.centre import get_centre
from contactcentre.domain.supervised import cases, occasions
from contactcentre.store.models import (
    Booking,
    BookingStatus,
    ContactSession,
    ContactType,
    EscortedVisit,
    Family,
    ObservationAddendum,
    ObservationRecord,
)

NO_RECORD = "none"


@dataclass(frozen=True)
class Line:
    """One supervised booking or escorted visit, and its record if there is one."""

    family_id: int
    family_ref: str
    case_number: str
    children: str  # "Lily (7 years), Sam (4 years)"
    occasion: occasions.Occasion
    booking_id: int | None
    escorted_visit_id: int | None
    record_id: int | None
    state: str  # NO_RECORD, or the record's state: draft, submitted, approved, released
    author: str
    approved_by: str
    addenda: int


def supervised_families(s: Session) -> list[tuple[int, str]]:
    """(id, reference) of every family with supervised contact, by reference."""
    permissions.require(s, "write_observations")
    rows = s.exec(
        select(Family.id, Family.ref)
        .where(col(Family.contact_type) == ContactType.supervised)
        .order_by(col(Family.ref))
    )
    return [(family_id, ref) for family_id, ref in rows if family_id is not None]


def lines(
    s: Session,
    *,
    family_id: int | None = None,
    first: date | None = None,
    last: date | None = None,
) -> list[Line]:
    """The supervised bookings and escorted visits (one family's, or every supervised
    family's), optionally within a period, by day and time."""
    families = dict(supervised_families(s))
    if family_id is not None:
        families = {k: v for k, v in families.items() if k == family_id}
    centre = get_centre(s).name
    booked = s.exec(
        select(Booking, ContactSession)
        .join(ContactSession)
        .where(col(Booking.family_id).in_(families), col(Booking.status) != BookingStatus.cancelled)
    ).all()
    visits = s.exec(select(EscortedVisit).where(col(EscortedVisit.family_id).in_(families))).all()
    found: list[tuple[int, occasions.Occasion, int | None, int | None]] = [
        (b.family_id, occasions.in_centre(b, session, centre), b.id, None) for b, session in booked
    ]
    found += [(v.family_id, occasions.escorted(v), None, v.id) for v in visits]
    found = [
        f
        for f in found
        if (first is None or f[1].day >= first) and (last is None or f[1].day <= last)
    ]
    written = s.exec(
        select(ObservationRecord).where(col(ObservationRecord.family_id).in_(families))
    ).all()
    by_occasion = {(r.booking_id, r.escorted_visit_id): r for r in written}
    counts = dict(
        s.exec(
            select(ObservationAddendum.record_id, func.count())
            .where(col(ObservationAddendum.record_id).in_([r.id for r in written]))
            .group_by(col(ObservationAddendum.record_id))
        ).all()
    )
    result = []
    for fid, where, booking_id, visit_id in found:
        record = by_occasion.get((booking_id, visit_id))
        children = occasions.children_on(s, fid, where.day)
        result.append(
            Line(
                family_id=fid,
                family_ref=families[fid],
                case_number=cases.case_of(s, fid).case_number,
                children=", ".join(f"{n} ({age})" if age else n for n, age in children),
                occasion=where,
                booking_id=booking_id,
                escorted_visit_id=visit_id,
                record_id=record.id if record else None,
                state=record.state.value if record else NO_RECORD,
                author=record.author if record else "",
                approved_by=record.approved_by if record else "",
                addenda=counts.get(record.id or 0, 0) if record else 0,
            )
        )
    return sorted(
        result, key=lambda line: (line.occasion.day, line.occasion.start, line.family_ref)
    )
