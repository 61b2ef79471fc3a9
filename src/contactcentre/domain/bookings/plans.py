"""Each session's handover plan, stored on its bookings: planning the session again,
confirming the times, and a family's own early/late minutes for the visiting parent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlmodel import Session, col, select

from contactcentre.domain import audit, permissions
from contactcentre.domain.bookings import handovers, session_calendar
from contactcentre.domain.centre import get_centre
from contactcentre.domain.errors import NotFound, ValidationError
from contactcentre.domain.register.relatives import parent_of
from contactcentre.store.models import (
    Booking,
    BookingStatus,
    Centre,
    ContactSession,
    Family,
    Person,
    Role,
    SessionStatus,
)

OFFSET_LIMIT = 120  # minutes a visiting parent may be asked to come early or stay late


def _request(booking: Booking, family: Family, centre: Centre) -> handovers.HandoverRequest:
    confirmed = None
    if booking.plan_confirmed and booking.child_dropoff is not None:
        confirmed = plan_of(booking)
    early = family.nonresident_early_minutes
    late = family.nonresident_late_minutes
    return handovers.HandoverRequest(
        family_id=booking.family_id,
        must_not_meet=family.parents_must_not_meet,
        early_minutes=centre.nonresident_early_minutes if early is None else early,
        late_minutes=centre.nonresident_late_minutes if late is None else late,
        confirmed=confirmed,
    )


def plan_of(booking: Booking) -> handovers.HandoverPlan:
    assert booking.child_dropoff and booking.child_pickup
    assert booking.nonresident_arrive and booking.nonresident_leave
    return handovers.HandoverPlan(
        family_id=booking.family_id,
        nonresident_arrive=booking.nonresident_arrive,
        child_dropoff=booking.child_dropoff,
        child_pickup=booking.child_pickup,
        nonresident_leave=booking.nonresident_leave,
    )


def planned_times(booking: Booking, person: Person) -> tuple[time | None, time | None]:
    """When an adult is planned to arrive and leave: the visiting parent at his own times,
    the resident parent at the handovers, a named relative at those of the parent she comes
    with; (None, None) for a relative whose parent is not set (no times that could clash)."""
    role = parent_of(person.comes_with) if person.role == Role.relative else person.role
    if role == Role.non_resident_parent:
        return booking.nonresident_arrive, booking.nonresident_leave
    if role == Role.resident_parent:
        return booking.child_dropoff, booking.child_pickup
    return None, None


def active_bookings(s: Session, session_id: int) -> list[Booking]:
    query = (
        select(Booking)
        .where(col(Booking.session_id) == session_id, col(Booking.status) == BookingStatus.booked)
        .order_by(col(Booking.booked_at), col(Booking.id))
    )
    return list(s.exec(query))


def proposed_plans(
    s: Session, session: ContactSession, *, replan_confirmed: bool = False
) -> dict[int, handovers.HandoverPlan]:
    """The plan of every active booking of the session, by family id, without storing it
    (confirmed times kept unless `replan_confirmed`); PlanningError when they cannot fit."""
    centre = get_centre(s)
    bookings = active_bookings(s, session.id or 0)
    families = {b.family_id: s.get(Family, b.family_id) for b in bookings}
    requests = [_request(b, families[b.family_id], centre) for b in bookings]  # type: ignore[arg-type]
    window = handovers.SessionWindow(session.start, session.end, centre.handover_gap_minutes)
    return {
        p.family_id: p
        for p in handovers.plan_session(window, requests, replan_confirmed=replan_confirmed)
    }


def replan(s: Session, session: ContactSession, *, replan_confirmed: bool = False) -> None:
    """Plan every booking of the session again and store the times. With
    `replan_confirmed`, confirmed times may move too: a family whose times moved is no
    longer confirmed (it needs telling again); one whose times stayed keeps its confirmation."""
    plans = proposed_plans(s, session, replan_confirmed=replan_confirmed)
    for booking in active_bookings(s, session.id or 0):
        p = plans[booking.family_id]
        if booking.plan_confirmed and booking.child_dropoff is not None and plan_of(booking) != p:
            booking.plan_confirmed = False
        booking.nonresident_arrive, booking.child_dropoff = p.nonresident_arrive, p.child_dropoff
        booking.child_pickup, booking.nonresident_leave = p.child_pickup, p.nonresident_leave


def confirm_plan(s: Session, day: date) -> None:
    """Fix the session's planned times (e.g. once parents have been told them)."""
    permissions.require(s, "book")
    session = session_calendar.ensure_session(s, day)
    for booking in active_bookings(s, session.id or 0):
        booking.plan_confirmed = True
    audit.record(s, "session.confirm_plan", entity="session", entity_id=session.id)


@dataclass(frozen=True)
class HandoverOffsets:
    early: int | None  # the family's own minutes, None for the centre's
    late: int | None
    centre_early: int
    centre_late: int


def handover_offsets(s: Session, family_id: int | None) -> HandoverOffsets:
    """A family's handover offsets beside the centre's (a new family has none of its own)."""
    centre = get_centre(s)
    family = s.get(Family, family_id) if family_id is not None else None
    return HandoverOffsets(
        family.nonresident_early_minutes if family else None,
        family.nonresident_late_minutes if family else None,
        centre.nonresident_early_minutes,
        centre.nonresident_late_minutes,
    )


def set_handover_offsets(
    s: Session, family_id: int, early: int | None, late: int | None, *, today: date
) -> None:
    """Per-family minutes the visiting parent arrives early and stays late (None: the
    centre's). Upcoming sessions the family is booked into are planned again."""
    permissions.require(s, "edit_family")
    family = s.get(Family, family_id)
    if family is None:
        raise NotFound(f"Family {family_id} no longer exists.")
    if (early, late) == (family.nonresident_early_minutes, family.nonresident_late_minutes):
        return
    errors = {
        key: f"{label} must be from 1 to {OFFSET_LIMIT} minutes, or the centre's setting."
        for key, label, value in (
            ("nonresident_early_minutes", "Arriving early", early),
            ("nonresident_late_minutes", "Staying late", late),
        )
        if value is not None and not 1 <= value <= OFFSET_LIMIT
    }
    if errors:
        raise ValidationError(errors)
    family.nonresident_early_minutes, family.nonresident_late_minutes = early, late
    s.add(family)
    upcoming = s.exec(
        select(ContactSession)
        .join(Booking)
        .where(
            col(Booking.family_id) == family_id,
            col(Booking.status) == BookingStatus.booked,
            col(ContactSession.day) >= today,
            col(ContactSession.status) == SessionStatus.scheduled,
        )
    )
    for session in list(upcoming):
        replan(s, session)
    audit.record(
        s,
        "family.handover_offsets",
        entity="family",
        entity_id=family_id,
        family_id=family_id,
        fields=["nonresident_early_minutes", "nonresident_late_minutes"],
    )
