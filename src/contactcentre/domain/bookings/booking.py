"""Booking families into sessions and cancelling, each refused with a reason a
coordinator can act on.

Booking and cancelling re-plan the session (`session_plans`), so the stored times always
satisfy the stagger rules (confirmed times are kept unless the coordinator asks otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from contactcentre.domain import audit
from contactcentre.domain.agreements.readiness import readiness
from contactcentre.domain.bookings import attendance, handovers, session_calendar
from contactcentre.domain.bookings.plans import plan_of, replan
from contactcentre.domain.centre import get_centre
from contactcentre.domain.errors import DomainError, NotFound
from contactcentre.domain.schedule import local_to_utc
from contactcentre.domain.validate import free_text
from contactcentre.domain.vocabulary import counted
from contactcentre.store.models import (
    Booking,
    BookingStatus,
    CancelledBy,
    ContactSession,
    Family,
    FamilyStatus,
    SessionStatus,
)


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
    info = session_calendar.session_info(s, day)
    centre = get_centre(s)
    return NoticeRule(local_to_utc(day, info.start, centre.timezone), centre.short_notice_hours)


# The four planned times, as `book --json` and `session --json` name them.
PLAN_KEYS = ("non_resident_arrive", "child_dropoff", "child_pickup", "non_resident_leave")


def plan_json(family_ref: str, day: date, plan: handovers.HandoverPlan | None) -> dict[str, Any]:
    """A family's planned times on a day as the CLI prints them (`None` for each time when
    the booking has no plan, e.g. a past one brought in by an attendance import)."""
    times = (
        (plan.nonresident_arrive, plan.child_dropoff, plan.child_pickup, plan.nonresident_leave)
        if plan is not None
        else (None, None, None, None)
    )
    return {
        "family": family_ref,
        "date": day.isoformat(),
        **{key: f"{t:%H:%M}" if t else None for key, t in zip(PLAN_KEYS, times, strict=True)},
    }


@dataclass(frozen=True)
class PlannedTimes:
    family_ref: str
    day: date
    plan: handovers.HandoverPlan

    def as_json(self) -> dict[str, Any]:
        return plan_json(self.family_ref, self.day, self.plan)


def booked_on(s: Session, day: date) -> list[tuple[Booking, str]]:
    """The day's active bookings with their family references, by planned drop-off."""
    query = (
        select(Booking, Family.ref)
        .join(ContactSession, col(Booking.session_id) == col(ContactSession.id))
        .join(Family, col(Booking.family_id) == col(Family.id))
        .where(col(ContactSession.day) == day, col(Booking.status) == BookingStatus.booked)
        .order_by(col(Booking.child_dropoff), col(Family.ref))
    )
    return [(booking, ref) for booking, ref in s.exec(query)]


def session_plans(s: Session, day: date) -> dict[str, PlannedTimes]:
    """The planned times of every family booked on `day`, by family reference."""
    return {
        ref: PlannedTimes(ref, day, plan_of(booking))
        for booking, ref in booked_on(s, day)
        if booking.child_dropoff is not None
    }


@dataclass(frozen=True)
class MovedTime:
    family_ref: str
    key: str  # one of PLAN_KEYS
    before: str  # HH:MM
    after: str


def moved_times(before: dict[str, PlannedTimes], after: dict[str, PlannedTimes]) -> list[MovedTime]:
    """Each planned time that differs between two `session_plans` of the same day (for
    families in both), e.g. collections brought forward when another family was booked."""
    moved = []
    for ref in sorted(before.keys() & after.keys()):
        old, new = before[ref].as_json(), after[ref].as_json()
        moved += [MovedTime(ref, k, old[k], new[k]) for k in PLAN_KEYS if old[k] != new[k]]
    return moved


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
    info = session_calendar.session_info(s, day)
    if info.status == "closed":
        raise BookingRefused(f"The centre is closed on {when} ({info.note}).")
    if info.status == "cancelled":
        raise BookingRefused(f"The session on {when} has been cancelled.")
    session = session_calendar.ensure_session(s, day)
    existing = s.exec(
        select(Booking).where(
            col(Booking.session_id) == session.id, col(Booking.family_id) == family_id
        )
    ).first()
    if existing is not None and existing.status == BookingStatus.booked:
        raise BookingRefused(f"{family.ref} is already booked on {when}.")
    if info.status == "full":
        raise BookingRefused(f"The session on {when} is full ({info.capacity} families).")
    reason = free_text("override", "The reason for booking anyway", override_reason, limit=500)
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
        for i in session_calendar.sessions_between(s, first, first + timedelta(days=400))
        if i.status != "closed"
    ][:count]
    if len(days) < count:
        raise BookingRefused(
            f"Only {counted(len(days), 'session is', 'sessions are')} scheduled in the next year."
        )
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
    if attendance.current_events(s, booking.id or 0):
        raise BookingRefused(
            f"Attendance is already recorded for {day:%d/%m/%Y}: correct the attendance "
            "(History on the session-day board) instead of cancelling the booking."
        )
    session = s.get(ContactSession, booking.session_id)
    assert session is not None
    booking.status = BookingStatus.cancelled
    booking.cancelled_by = by
    booking.cancelled_at = booking.centre_told_at = told_at
    booking.cancel_reason = free_text("reason", "The reason", reason, limit=1000)
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
