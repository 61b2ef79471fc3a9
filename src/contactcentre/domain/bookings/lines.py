"""Bookings as the calendar and the family screen list them: times, children, what
happened to a cancelled booking, and families whose no-shows need a review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from contactcentre.domain import permissions
from contactcentre.domain.bookings import attendance, handovers
from contactcentre.domain.bookings.plans import plan_of
from contactcentre.store.models import (
    Booking,
    BookingStatus,
    CancelledBy,
    ContactSession,
    Family,
    Person,
    Role,
    SessionStatus,
)

CANCELLED_BY = {
    CancelledBy.resident: "the resident parent",
    CancelledBy.non_resident: "the visiting parent",
    CancelledBy.centre: "the centre",
}


def missed_in_a_row(s: Session, family_id: int) -> int:
    """How many of the family's latest booked sessions in a row ended in a no-show (as the
    log stands after corrections)."""
    query = (
        select(Booking)
        .join(ContactSession)
        .where(col(Booking.family_id) == family_id, col(Booking.status) == BookingStatus.booked)
        .order_by(col(ContactSession.day).desc())
    )
    booked = list(s.exec(query))
    happened = outcomes(s, [b.id for b in booked if b.id is not None])
    streak = 0
    for booking in booked:
        result = happened.get(booking.id or 0)
        if result is not None and result.no_show:
            streak += 1
        elif result is not None:
            break
    return streak


def outcomes(s: Session, booking_ids: list[int]) -> dict[int, attendance.Outcome]:
    """What happened at each booking that has anything in the attendance log."""
    events = attendance.logs_of(s, booking_ids)
    found = {booking_id: attendance.outcome(log) for booking_id, log in events.items()}
    return {k: v for k, v in found.items() if v.attended or v.no_show}


def needs_review_for_no_shows(s: Session, family_id: int) -> bool:
    """Two no-shows in a row: the family's place may be reallocated."""
    return missed_in_a_row(s, family_id) >= 2


@dataclass(frozen=True)
class BookingLine:
    """One booking as the calendar and the family screen list it."""

    family_id: int
    family_ref: str
    children: str
    day: date
    plan: handovers.HandoverPlan | None  # None once cancelled
    must_not_meet: bool
    status: str  # what a coordinator reads: "Booked", "Cancelled by the centre: hall flooded"
    override_reason: str  # why a family not ready for contact was booked anyway
    no_show_review: bool  # two no-shows in a row: the place may be reallocated

    @property
    def cancelled(self) -> bool:
        return self.plan is None


def _status_text(
    booking: Booking,
    session: ContactSession,
    happened: attendance.Outcome | None,
    *,
    reasons: bool,
) -> str:
    """What happened to the booking; `reasons`: with the typed reasons for a no-show or a
    cancellation (a volunteer's calendar has none: they may say things about a family)."""
    if booking.status == BookingStatus.booked:
        if happened is not None and happened.no_show:
            return "No-show" + (f": {happened.reason}" if happened.reason and reasons else "")
        if happened is not None:
            return "Attended"
        return "Booked, times confirmed" if booking.plan_confirmed else "Booked"
    who = CANCELLED_BY[booking.cancelled_by or CancelledBy.centre]
    words = f"Cancelled by {who}" + (" at short notice" if booking.short_notice else "")
    if booking.cancel_reason and reasons:
        words += f": {booking.cancel_reason}"
    if session.status == SessionStatus.cancelled:
        words += " (needs re-booking)"
    return words


def _lines(s: Session, pairs: list[tuple[Booking, ContactSession, Family]]) -> list[BookingLine]:
    family_ids = {family.id for _, _, family in pairs}
    children: dict[int, list[str]] = {}
    query = (
        select(Person.family_id, Person.first_name)
        .where(col(Person.family_id).in_(family_ids), col(Person.role) == Role.child)
        .order_by(col(Person.date_of_birth), col(Person.id))
    )
    for family_id, first_name in s.exec(query):
        children.setdefault(family_id, []).append(first_name)
    review = {family_id: needs_review_for_no_shows(s, family_id or 0) for family_id in family_ids}
    happened = outcomes(s, [booking.id for booking, _, _ in pairs if booking.id is not None])
    # A volunteer's lines are built without the typed reasons: none reaches their screen.
    private = permissions.may(s, "see_private_details")
    return [
        BookingLine(
            family_id=family.id or 0,
            family_ref=family.ref,
            children=", ".join(children.get(family.id or 0, [])),
            day=session.day,
            plan=plan_of(booking)
            if booking.status == BookingStatus.booked and booking.child_dropoff
            else None,
            must_not_meet=family.parents_must_not_meet,
            status=_status_text(booking, session, happened.get(booking.id or 0), reasons=private),
            override_reason=booking.override_reason if private else "",
            no_show_review=review[family.id],
        )
        for booking, session, family in pairs
    ]


def _booking_lines(s: Session, where: Any, *order: Any) -> list[BookingLine]:
    query = (
        select(Booking, ContactSession, Family)
        .join(ContactSession, col(Booking.session_id) == col(ContactSession.id))
        .join(Family, col(Booking.family_id) == col(Family.id))
        .where(where)
        .order_by(*order)
    )
    return _lines(s, [(b, c, f) for b, c, f in s.exec(query)])


def session_bookings(s: Session, day: date) -> list[BookingLine]:
    """The day's bookings, active ones by drop-off time first, then the cancelled ones."""
    return _booking_lines(
        s,
        col(ContactSession.day) == day,
        col(Booking.status),
        col(Booking.child_dropoff),
        col(Family.ref),
    )


def family_bookings(s: Session, family_id: int) -> list[BookingLine]:
    """Every booking of a family, latest session first."""
    return _booking_lines(s, col(Booking.family_id) == family_id, col(ContactSession.day).desc())
