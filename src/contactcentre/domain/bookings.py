"""Booking families into sessions, cancelling, and keeping each session's handover plan.

A booking is refused with a reason a coordinator can act on. Booking, cancelling and
re-planning all re-run the planner for the session, so the stored times always satisfy
the stagger rules (confirmed times are kept unless the coordinator asks otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from contactcentre.domain import audit, calendar, handovers
from contactcentre.domain.centre import get_centre
from contactcentre.domain.errors import DomainError, NotFound, ValidationError
from contactcentre.domain.readiness import readiness
from contactcentre.domain.schedule import local_to_utc
from contactcentre.domain.validate import text
from contactcentre.store.models import (
    AttendanceEvent,
    Booking,
    BookingStatus,
    CancelledBy,
    Centre,
    ContactSession,
    EventKind,
    Family,
    FamilyStatus,
    Person,
    Role,
    SessionStatus,
)

CANCELLED_BY = {
    CancelledBy.resident: "the resident parent",
    CancelledBy.non_resident: "the visiting parent",
    CancelledBy.centre: "the centre",
}
OFFSET_LIMIT = 120  # minutes a visiting parent may be asked to come early or stay late


class BookingRefused(DomainError):
    pass


class NotReady(BookingRefused):
    """The family is not ready for contact; the coordinator may book anyway, saying why."""


@dataclass(frozen=True)
class NoticeRule:
    """When a session starts and how much notice of a cancellation is enough."""

    starts: datetime  # aware, UTC
    hours: int

    def short(self, told_at: datetime) -> bool:
        return self.starts - told_at < timedelta(hours=self.hours)


def notice_rule(s: Session, day: date) -> NoticeRule:
    info = calendar.session_info(s, day)
    centre = get_centre(s)
    return NoticeRule(local_to_utc(day, info.start, centre.timezone), centre.short_notice_hours)


@dataclass(frozen=True)
class PlannedTimes:
    family_ref: str
    day: date
    plan: handovers.HandoverPlan

    def as_json(self) -> dict[str, str]:
        p = self.plan
        return {
            "family": self.family_ref,
            "date": self.day.isoformat(),
            "non_resident_arrive": f"{p.nonresident_arrive:%H:%M}",
            "child_dropoff": f"{p.child_dropoff:%H:%M}",
            "child_pickup": f"{p.child_pickup:%H:%M}",
            "non_resident_leave": f"{p.nonresident_leave:%H:%M}",
        }


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


def active_bookings(s: Session, session_id: int) -> list[Booking]:
    query = (
        select(Booking)
        .where(col(Booking.session_id) == session_id, col(Booking.status) == BookingStatus.booked)
        .order_by(col(Booking.booked_at), col(Booking.id))
    )
    return list(s.exec(query))


def replan(s: Session, session: ContactSession, *, replan_confirmed: bool = False) -> None:
    """Plan every booking of the session again and store the times."""
    centre = get_centre(s)
    bookings = active_bookings(s, session.id or 0)
    families = {b.family_id: s.get(Family, b.family_id) for b in bookings}
    requests = [_request(b, families[b.family_id], centre) for b in bookings]  # type: ignore[arg-type]
    window = handovers.SessionWindow(session.start, session.end, centre.handover_gap_minutes)
    plans = {
        p.family_id: p
        for p in handovers.plan_session(window, requests, replan_confirmed=replan_confirmed)
    }
    for booking in bookings:
        p = plans[booking.family_id]
        booking.nonresident_arrive, booking.child_dropoff = p.nonresident_arrive, p.child_dropoff
        booking.child_pickup, booking.nonresident_leave = p.child_pickup, p.nonresident_leave
        if replan_confirmed:
            booking.plan_confirmed = False


def confirm_plan(s: Session, day: date) -> None:
    """Fix the session's planned times (e.g. once parents have been told them)."""
    session = calendar.ensure_session(s, day)
    for booking in active_bookings(s, session.id or 0):
        booking.plan_confirmed = True
    audit.record(s, "session.confirm_plan", entity="session", entity_id=session.id)


def book(
    s: Session, family_id: int, day: date, *, today: date, override_reason: str = ""
) -> PlannedTimes:
    """Book a family into the session on `day` and plan its times, or refuse with why.

    `override_reason` books a family not yet ready for contact (recorded); it never
    bypasses capacity, closures, the past, or exclusion.
    """
    family = s.get(Family, family_id)
    if family is None:
        raise NotFound(f"Family {family_id} no longer exists.")
    when = f"{day:%a %d %b %Y}"
    if family.status in {FamilyStatus.excluded, FamilyStatus.closed}:
        raise BookingRefused(f"{family.ref} is {family.status.value}: it cannot be booked.")
    if day < today:
        raise BookingRefused(f"{when} is in the past.")
    info = calendar.session_info(s, day)
    if info.status == "closed":
        raise BookingRefused(f"The centre is closed on {when} ({info.note}).")
    if info.status == "cancelled":
        raise BookingRefused(f"The session on {when} has been cancelled.")
    session = calendar.ensure_session(s, day)
    existing = s.exec(
        select(Booking).where(
            col(Booking.session_id) == session.id, col(Booking.family_id) == family_id
        )
    ).first()
    if existing is not None and existing.status == BookingStatus.booked:
        raise BookingRefused(f"{family.ref} is already booked on {when}.")
    if info.status == "full":
        raise BookingRefused(f"The session on {when} is full ({info.capacity} families).")
    reason = text(override_reason, limit=500)
    verdict = readiness(s, family_id, day)
    if not verdict.ready and not reason:
        raise NotReady(f"{family.ref} is not ready for contact: " + "; ".join(verdict.reasons))
    if existing is not None:  # re-booking after a cancellation
        booking = existing
        booking.status = BookingStatus.booked
        booking.cancelled_by = booking.cancelled_at = booking.centre_told_at = None
        booking.cancel_reason, booking.short_notice = "", False
        booking.plan_confirmed = False
    else:
        booking = Booking(session_id=session.id or 0, family_id=family_id)
        s.add(booking)
    booking.override_reason = reason if not verdict.ready else ""
    s.flush()
    try:
        replan(s, session)
    except handovers.PlanningError as error:
        raise BookingRefused(str(error)) from None
    audit.record(
        s,
        "booking.create",
        entity="booking",
        entity_id=booking.id,
        family_id=family_id,
        detail="override" if booking.override_reason else "",
    )
    return PlannedTimes(family.ref, day, plan_of(booking))


def book_series(
    s: Session, family_id: int, first: date, count: int, *, today: date, override_reason: str = ""
) -> list[PlannedTimes]:
    """Book the next `count` sessions from `first`; all or nothing, with every reason.

    On a refusal nothing is kept, provided the error ends the caller's transaction."""
    if count < 1:
        raise BookingRefused("Book at least one session.")
    days = [
        i.day
        for i in calendar.sessions_between(s, first, first + timedelta(days=400))
        if i.status != "closed"
    ][:count]
    if len(days) < count:
        raise BookingRefused(f"Only {len(days)} sessions are scheduled in the next year.")
    # No savepoints: with the sqlite driver a released savepoint can commit what came
    # before it. Any refusal raises, and the caller's transaction rolls every day back.
    booked: list[PlannedTimes] = []
    refusals: list[tuple[date, BookingRefused]] = []
    for day in days:
        try:
            booked.append(book(s, family_id, day, today=today, override_reason=override_reason))
        except BookingRefused as error:
            refusals.append((day, error))
    not_ready = [error for _, error in refusals if isinstance(error, NotReady)]
    others = [f"{day:%d/%m/%Y}: {e}" for day, e in refusals if not isinstance(e, NotReady)]
    if not_ready and not others:
        raise not_ready[0]
    if refusals:  # readiness is the same story every day: tell it once
        raise BookingRefused(" ".join(["Nothing was booked.", *others, *map(str, not_ready[:1])]))
    return booked


def find_booking(s: Session, family_id: int, day: date) -> Booking:
    query = (
        select(Booking)
        .join(ContactSession)
        .where(col(ContactSession.day) == day, col(Booking.family_id) == family_id)
    )
    booking = s.exec(query).first()
    if booking is None:
        raise NotFound(f"That family has no booking on {day:%a %d %b %Y}.")
    return booking


def cancel_booking(
    s: Session,
    family_id: int,
    day: date,
    *,
    by: CancelledBy,
    reason: str = "",
    told_at: datetime,
) -> Booking:
    """Cancel a booking, recording who cancelled, when the centre was told, and why."""
    booking = find_booking(s, family_id, day)
    if booking.status == BookingStatus.cancelled:
        raise BookingRefused(f"That booking on {day:%d/%m/%Y} is already cancelled.")
    session = s.get(ContactSession, booking.session_id)
    assert session is not None
    booking.status = BookingStatus.cancelled
    booking.cancelled_by = by
    booking.cancelled_at = booking.centre_told_at = told_at
    booking.cancel_reason = text(reason, limit=1000)
    booking.short_notice = notice_rule(s, day).short(told_at)
    if session.status == SessionStatus.scheduled:
        replan(s, session)
    audit.record(
        s,
        "booking.cancel",
        entity="booking",
        entity_id=booking.id,
        family_id=family_id,
        detail=by.value,
    )
    return booking


def missed_in_a_row(s: Session, family_id: int) -> int:
    """How many of the family's latest booked sessions in a row ended in a no-show."""
    query = (
        select(Booking)
        .join(ContactSession)
        .where(col(Booking.family_id) == family_id, col(Booking.status) == BookingStatus.booked)
        .order_by(col(ContactSession.day).desc())
    )
    streak = 0
    for booking in s.exec(query):
        kinds = set(
            s.exec(
                select(AttendanceEvent.kind).where(col(AttendanceEvent.booking_id) == booking.id)
            )
        )
        if EventKind.no_show in kinds:
            streak += 1
        elif kinds:
            break
    return streak


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


def _status_text(booking: Booking, session: ContactSession, no_show: bool) -> str:
    if booking.status == BookingStatus.booked:
        if no_show:
            return "No-show"
        return "Booked, times confirmed" if booking.plan_confirmed else "Booked"
    who = CANCELLED_BY[booking.cancelled_by or CancelledBy.centre]
    words = f"Cancelled by {who}" + (" at short notice" if booking.short_notice else "")
    if booking.cancel_reason:
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
    no_shows = set(
        s.exec(
            select(AttendanceEvent.booking_id).where(
                col(AttendanceEvent.booking_id).in_([booking.id for booking, _, _ in pairs]),
                col(AttendanceEvent.kind) == EventKind.no_show,
            )
        )
    )
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
            status=_status_text(booking, session, booking.id in no_shows),
            override_reason=booking.override_reason,
            no_show_review=review[family.id],
        )
        for booking, session, family in pairs
    ]


def session_bookings(s: Session, day: date) -> list[BookingLine]:
    """The day's bookings, active ones by drop-off time first, then the cancelled ones."""
    query = (
        select(Booking, ContactSession, Family)
        .join(ContactSession, col(Booking.session_id) == col(ContactSession.id))
        .join(Family, col(Booking.family_id) == col(Family.id))
        .where(col(ContactSession.day) == day)
        .order_by(col(Booking.status), col(Booking.child_dropoff), col(Family.ref))
    )
    return _lines(s, [(b, c, f) for b, c, f in s.exec(query)])


def family_bookings(s: Session, family_id: int) -> list[BookingLine]:
    """Every booking of a family, latest session first."""
    query = (
        select(Booking, ContactSession, Family)
        .join(ContactSession, col(Booking.session_id) == col(ContactSession.id))
        .join(Family, col(Booking.family_id) == col(Family.id))
        .where(col(Booking.family_id) == family_id)
        .order_by(col(ContactSession.day).desc())
    )
    return _lines(s, [(b, c, f) for b, c, f in s.exec(query)])


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
