"""Cancelling a booking (who cancelled, when the centre was told, whether that was short
notice) and taking back one made by mistake. Cancelling re-plans the session, as booking
does (`booking`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session

from contactcentre.domain import audit, permissions
from contactcentre.domain.bookings import attendance, session_calendar
from contactcentre.domain.bookings.booking import BookingRefused, find_booking
from contactcentre.domain.bookings.plans import replan
from contactcentre.domain.centre import get_centre
from contactcentre.domain.schedule import local_to_utc
from contactcentre.domain.validate import free_text
from contactcentre.store.models import (
    Booking,
    BookingStatus,
    CancelledBy,
    ContactSession,
    SessionStatus,
)


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
    permissions.require(s, "book")
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


BOOKED_BY_MISTAKE = "Booked by mistake (undone)"


def undo_booking(s: Session, family_id: int, day: date, *, told_at: datetime) -> Booking:
    """Take back a booking made by mistake, straight after making it: it shows as cancelled
    by the centre (never at short notice, so no family is counted against), and planning the
    session again gives the other families back the times they had, unless something else
    changed meanwhile. Rebooking it ("Book") brings its own times back the same way."""
    permissions.require(s, "book")
    booking = cancel_booking(
        s, family_id, day, by=CancelledBy.centre, reason=BOOKED_BY_MISTAKE, told_at=told_at
    )
    booking.short_notice = False
    audit.record(s, "booking.undo", entity="booking", entity_id=booking.id, family_id=family_id)
    return booking
