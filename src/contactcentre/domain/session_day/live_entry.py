"""Recording on the board as things happen, refusing what cannot have happened: an event
for a session that is not today (a past session is typed in on the Paper entry tab), a
time still to come, and "Did not come" for a family someone has already seen arrive (unless
the volunteer withdraws those records, with a reason, in the same step)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from contactcentre.domain.bookings import attendance
from contactcentre.domain.centre import get_centre
from contactcentre.domain.errors import DomainError, NotFound
from contactcentre.store.models import AttendanceEvent, Booking, ContactSession, EventKind


class NotOnTheBoard(DomainError):
    """The board refuses this event; the message says why and what to do instead."""


class ArrivalsRecorded(NotOnTheBoard):
    """'Did not come' for a family with arrivals on record: confirm withdrawing them."""


def record_live(
    s: Session,
    booking_id: int,
    kind: EventKind,
    occurred_at: datetime,
    *,
    now: datetime,
    recorded_by: str = "",
    person_id: int | None = None,
    reason: str = "",
    withdraw_why: str = "",
) -> AttendanceEvent:
    """Record one event from the board (inside the caller's transaction).

    Refused (NotOnTheBoard): a session that is not today's, a time after `now`, any event
    once the family is recorded as not come, and a second "Did not come". "Did not come"
    after recorded arrivals raises ArrivalsRecorded unless `withdraw_why` is given: then
    every standing event of the booking is withdrawn first (new superseding events that
    say why, as any correction), so the log keeps both what was recorded and its
    withdrawal.
    """
    booking = s.get(Booking, booking_id)
    if booking is None:
        raise NotFound("That booking no longer exists.")
    session = s.get(ContactSession, booking.session_id)
    assert session is not None
    tz = ZoneInfo(get_centre(s).timezone)
    local_now = now.astimezone(tz)
    if session.day < local_now.date():
        raise NotOnTheBoard(
            f"{session.day:%a %d %b %Y} has passed: the board records today's session only; "
            "type what the sign-in sheet says on the Paper entry tab."
        )
    if session.day > local_now.date():
        raise NotOnTheBoard(
            f"{session.day:%a %d %b %Y} has not come yet: the board records today's session only."
        )
    _not_to_come(occurred_at, now, tz)
    standing = attendance.current_events(s, booking_id)
    if any(e.kind == EventKind.no_show for e in standing):
        raise NotOnTheBoard(
            "This family is recorded as not come today: withdraw that in History first."
        )
    if kind == EventKind.no_show and standing:
        if not withdraw_why.strip():
            seen = ", ".join(
                f"{attendance.EVENT_LABELS[e.kind].lower()} at {e.occurred_at.astimezone(tz):%H:%M}"
                for e in standing
            )
            raise ArrivalsRecorded(
                f"Already recorded today: {seen}. 'Did not come' would withdraw "
                f"{'it' if len(standing) == 1 else 'them'}."
            )
        for event in standing:
            assert event.id is not None
            attendance.correct_event(
                s, event.id, why=withdraw_why, recorded_by=recorded_by, kind=EventKind.voided
            )
    return attendance.record_event(
        s,
        booking_id,
        kind,
        occurred_at,
        recorded_by=recorded_by,
        person_id=person_id,
        reason=reason,
    )


def correct_live(
    s: Session,
    event_id: int,
    *,
    now: datetime,
    why: str,
    recorded_by: str,
    occurred_at: datetime | None = None,
    kind: EventKind | None = None,
) -> AttendanceEvent:
    """A correction made from the board's History (see attendance.correct_event); a
    corrected time still to come is refused."""
    if occurred_at is not None:
        _not_to_come(occurred_at, now, ZoneInfo(get_centre(s).timezone))
    return attendance.correct_event(
        s, event_id, why=why, recorded_by=recorded_by, occurred_at=occurred_at, kind=kind
    )


def _not_to_come(occurred_at: datetime, now: datetime, tz: ZoneInfo) -> None:
    if occurred_at > now:
        raise NotOnTheBoard(
            f"{occurred_at.astimezone(tz):%H:%M} has not come yet (it is "
            f"{now.astimezone(tz):%H:%M} now): check the time."
        )
