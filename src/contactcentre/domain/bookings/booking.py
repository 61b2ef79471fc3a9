"""Booking families into sessions, each refusal with a reason a coordinator can act on.
Cancelling is in `cancelling`.

Booking and cancelling re-plan the session (`session_plans`), so the stored times always
satisfy the stagger rules.

The rule for times other families were already given (one rule, for the GUI and the CLI):
booking a family never moves a **confirmed** time ("Confirm times" on the calendar); the
newcomer is planned around it. When it does not fit around them, the booking is refused
(`ConfirmedTimesInTheWay`, listing what would move) unless the coordinator says
`move_confirmed`: then the whole session is planned again and each family whose confirmed
times moved is no longer confirmed (they need telling again). Unconfirmed times may move,
and the caller learns exactly which (`moved_times`): the CLI prints them, the GUI shows them
and asks first (`agreed_moves`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import replace
from datetime import date, timedelta
from typing import TypeVar

from sqlmodel import Session, col, select

from contactcentre.domain import audit, permissions
from contactcentre.domain.agreements.readiness import readiness
from contactcentre.domain.bookings import handovers, session_calendar
from contactcentre.domain.bookings.moves import PLAN_KEYS as PLAN_KEYS
from contactcentre.domain.bookings.moves import (
    MovedTime,
    family_names,
    moved_times,
    moves_in_words,
)
from contactcentre.domain.bookings.moves import (
    PlannedTimes as PlannedTimes,
)
from contactcentre.domain.bookings.moves import plan_json as plan_json
from contactcentre.domain.bookings.plans import plan_of, proposed_plans, replan
from contactcentre.domain.errors import DomainError, NotFound
from contactcentre.domain.safeguarding.screening import check_supported
from contactcentre.domain.validate import free_text
from contactcentre.domain.vocabulary import counted
from contactcentre.store.models import (
    Booking,
    BookingStatus,
    ContactSession,
    Family,
    FamilyStatus,
)

T = TypeVar("T")


class BookingRefused(DomainError):
    pass


class NotReady(BookingRefused):
    """The family is not ready for contact; the coordinator may book anyway, saying why."""


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


class TimesWouldMove(BookingRefused):
    """Booking would move times other families were given, beyond those the coordinator
    agreed to: `moves` says which and `names` whose ("F-0001 Jones"), so the caller can
    show them and ask."""

    def __init__(self, family_ref: str, moves: list[MovedTime], names: dict[str, str]) -> None:
        self.moves, self.names = moves, names
        super().__init__(
            f"Booking {family_ref} moves times other families were given: "
            + "; ".join(moves_in_words(moves, names))
            + "."
        )


class ConfirmedTimesInTheWay(BookingRefused):
    """The family fits only if times already confirmed to other families move."""

    def __init__(
        self, family_ref: str, days: list[date], moves: list[MovedTime], names: dict[str, str]
    ) -> None:
        self.moves, self.names = moves, names
        whose = sorted({m.family_ref for m in moves if m.confirmed})
        when = ", ".join(f"{day:%a %d %b %Y}" for day in days)
        super().__init__(
            f"{family_ref} fits on {when} only by moving the confirmed times of {', '.join(whose)}."
        )


def book(
    s: Session,
    family_id: int,
    day: date,
    *,
    today: date,
    override_reason: str = "",
    agreed_moves: Collection[MovedTime] | None = None,
    move_confirmed: bool = False,
) -> PlannedTimes:
    """Book a family into the session on `day` and plan its times, or refuse with why.

    `override_reason` books a family not yet ready for contact (recorded); it never
    bypasses capacity, closures, the past, or exclusion. Times other families were given
    follow the module's rule: `agreed_moves` (when given) are the moves the coordinator
    was shown and agreed to, and any other move raises TimesWouldMove; `move_confirmed`
    lets confirmed times move when the family fits no other way. On a refusal nothing is
    kept, provided the error ends the caller's transaction.
    """
    permissions.require(s, "book")
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
    check_supported(s, family)  # never bypassed by the readiness override
    reason = free_text("override", "The reason for booking anyway", override_reason, limit=500)
    verdict = readiness(s, family_id, day)
    if not verdict.ready and not reason:
        raise NotReady(f"{family.ref} is not ready for contact: " + "; ".join(verdict.reasons))
    before = session_plans(s, day)
    confirmed = confirmed_refs(s, day)
    old_plan, was_confirmed = None, False
    if existing is not None:  # re-booking after a cancellation
        booking = existing
        if booking.child_dropoff is not None:
            old_plan, was_confirmed = plan_of(booking), booking.plan_confirmed
        booking.status = BookingStatus.booked
        booking.cancelled_by = booking.cancelled_at = booking.centre_told_at = None
        booking.cancel_reason, booking.short_notice = "", False
        booking.plan_confirmed = False
    else:
        booking = Booking(session_id=session.id or 0, family_id=family_id)
        s.add(booking)
    booking.override_reason = reason if not verdict.ready else ""
    s.flush()
    _plan(s, session, family.ref, before, confirmed, move_confirmed=move_confirmed)
    moves = moves_between(before, session_plans(s, day), confirmed)
    if agreed_moves is not None and set(moves) != set(agreed_moves):
        raise TimesWouldMove(family.ref, moves, family_names(s, {m.family_ref for m in moves}))
    if old_plan is not None and plan_of(booking) == old_plan:
        booking.plan_confirmed = was_confirmed  # undoing a mistaken cancellation
    audit.record(
        s,
        "booking.create",
        entity="booking",
        entity_id=booking.id,
        family_id=family_id,
        detail="override" if booking.override_reason else "",
    )
    return PlannedTimes(family.ref, day, plan_of(booking))


def confirmed_refs(s: Session, day: date) -> set[str]:
    """The families booked on `day` whose times are confirmed (their parents were told)."""
    return {ref for booking, ref in booked_on(s, day) if booking.plan_confirmed}


def times_moved_by(s: Session, day: date, change: Callable[[], T]) -> tuple[T, list[MovedTime]]:
    """Run `change` (booking, cancelling or undoing on `day`): what it returned, and the
    times it moved of the other families booked before and after, so the caller can tell."""
    before, confirmed = session_plans(s, day), confirmed_refs(s, day)
    result = change()
    return result, moves_between(before, session_plans(s, day), confirmed)


def moves_between(
    before: dict[str, PlannedTimes], after: dict[str, PlannedTimes], confirmed: set[str]
) -> list[MovedTime]:
    """`moved_times`, each marked when it was a confirmed time."""
    return [replace(m, confirmed=m.family_ref in confirmed) for m in moved_times(before, after)]


def _plan(
    s: Session,
    session: ContactSession,
    family_ref: str,
    before: dict[str, PlannedTimes],
    confirmed: set[str],
    *,
    move_confirmed: bool,
) -> None:
    """Re-plan the session for a new booking, keeping confirmed times unless told."""
    try:
        replan(s, session, replan_confirmed=move_confirmed)
    except handovers.PlanningError as error:
        if move_confirmed or not confirmed:
            raise BookingRefused(str(error)) from None
        try:  # would it fit if the confirmed times could move? (nothing is stored)
            proposed = proposed_plans(s, session, replan_confirmed=True)
        except handovers.PlanningError:
            raise BookingRefused(str(error)) from None
        refs = {b.family_id: ref for b, ref in booked_on(s, session.day)}
        after = {
            refs[fid]: PlannedTimes(refs[fid], session.day, plan) for fid, plan in proposed.items()
        }
        moves = moves_between(before, after, confirmed)
        names = family_names(s, {m.family_ref for m in moves})
        raise ConfirmedTimesInTheWay(family_ref, [session.day], moves, names) from None


def book_series(
    s: Session,
    family_id: int,
    first: date,
    count: int,
    *,
    today: date,
    override_reason: str = "",
    agreed_moves: Collection[MovedTime] | None = None,
    move_confirmed: bool = False,
) -> list[PlannedTimes]:
    """Book the next `count` sessions from `first`; all or nothing, with every reason.

    Other families' times follow `book`'s rule, over all the days at once (one question).
    On a refusal nothing is kept, provided the error ends the caller's transaction."""
    permissions.require(s, "book")
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
            planned = book(
                s,
                family_id,
                day,
                today=today,
                override_reason=override_reason,
                agreed_moves=None
                if agreed_moves is None
                else [m for m in agreed_moves if m.day == day],
                move_confirmed=move_confirmed,
            )
            booked.append(planned)
        except BookingRefused as error:
            refusals.append((day, error))
    _moves_to_agree(s, family_id, refusals)
    not_ready = [error for _, error in refusals if isinstance(error, NotReady)]
    others = [f"{day:%d/%m/%Y}: {e}" for day, e in refusals if not isinstance(e, NotReady)]
    if not_ready and not others:
        raise not_ready[0]
    if refusals:  # readiness is the same story every day: tell it once
        raise BookingRefused(" ".join(["Nothing was booked.", *others, *map(str, not_ready[:1])]))
    return booked


def _moves_to_agree(
    s: Session, family_id: int, refusals: list[tuple[date, BookingRefused]]
) -> None:
    """When a series is refused only over other families' times: one question for all days."""
    moving = [e for _, e in refusals if isinstance(e, TimesWouldMove | ConfirmedTimesInTheWay)]
    if not refusals or len(moving) < len(refusals):
        return
    family = s.get(Family, family_id)
    ref = family.ref if family else ""
    moves = [m for e in moving for m in e.moves]
    names = {k: v for e in moving for k, v in e.names.items()}
    blocked = [day for day, e in refusals if isinstance(e, ConfirmedTimesInTheWay)]
    if blocked:
        raise ConfirmedTimesInTheWay(ref, blocked, moves, names)
    raise TimesWouldMove(ref, moves, names)


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
