"""The session calendar: the opening pattern, closures, extra and cancelled sessions.

Pattern occurrences are computed, not stored; a session row exists once it is used
(booked, cancelled, added by hand or imported). A day is closed when it is a bank
holiday or a closure the coordinator added, unless the coordinator re-opened it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from contactcentre.domain import acting, audit, permissions, schedule
from contactcentre.domain.bookings import attendance
from contactcentre.domain.centre import get_centre
from contactcentre.domain.errors import DomainError, NotFound
from contactcentre.domain.validate import free_text
from contactcentre.domain.vocabulary import counted
from contactcentre.store.models import (
    Booking,
    BookingStatus,
    CancelledBy,
    Closure,
    ClosureKind,
    ContactSession,
    Family,
    SessionKind,
    SessionStatus,
)


class CalendarError(DomainError):
    pass


@dataclass(frozen=True)
class SessionInfo:
    day: date
    start: time
    end: time
    capacity: int
    booked: int
    status: str  # open | full | closed | cancelled
    kind: str  # pattern | extra | historical
    note: str = ""  # why closed or cancelled
    session_id: int | None = None

    @property
    def bookable(self) -> bool:
        return self.status == "open"

    def as_json(self) -> dict[str, object]:
        """The session as `sessions --json` and `session --json` print it."""
        return {
            "date": self.day.isoformat(),
            "start": f"{self.start:%H:%M}",
            "end": f"{self.end:%H:%M}",
            "capacity": self.capacity,
            "booked": self.booked,
            "status": self.status,
            **({"note": self.note} if self.note else {}),
        }


def closed_days(s: Session, first: date, last: date) -> dict[date, str]:
    """Days the centre is shut in [first, last], with the reason."""
    closed = schedule.bank_holidays(first, last)
    query = select(Closure).where(col(Closure.day) >= first, col(Closure.day) <= last)
    for closure in s.exec(query):
        if closure.kind == ClosureKind.reopened:
            closed.pop(closure.day, None)
        else:
            closed[closure.day] = closure.reason or "Closed"
    return closed


def _booked_counts(s: Session, first: date, last: date) -> dict[int, int]:
    query = (
        select(Booking.session_id, func.count())
        .join(ContactSession)
        .where(col(ContactSession.day) >= first, col(ContactSession.day) <= last)
        .where(col(Booking.status) == BookingStatus.booked)
        .group_by(col(Booking.session_id))
    )
    return {session_id: count for session_id, count in s.exec(query)}


def sessions_between(s: Session, first: date, last: date) -> list[SessionInfo]:
    """Every session day in [first, last], closed ones included (status "closed")."""
    centre = get_centre(s)
    closed = closed_days(s, first, last)
    stored = {
        row.day: row
        for row in s.exec(
            select(ContactSession).where(
                col(ContactSession.day) >= first, col(ContactSession.day) <= last
            )
        )
    }
    counts = _booked_counts(s, first, last)
    days = sorted(set(schedule.occurrences(centre.opening_rule, first, last)) | set(stored))
    result = []
    for day in days:
        row = stored.get(day)
        if row is None:
            status = "closed" if day in closed else "open"
            result.append(
                SessionInfo(
                    day,
                    centre.opening_start,
                    centre.opening_end,
                    centre.capacity,
                    0,
                    status,
                    SessionKind.pattern.value,
                    closed.get(day, ""),
                )
            )
            continue
        booked = counts.get(row.id or 0, 0)
        if row.status == SessionStatus.cancelled:
            status, note = "cancelled", row.cancel_reason
        else:
            status, note = ("full" if booked >= row.capacity else "open"), ""
        result.append(
            SessionInfo(
                day, row.start, row.end, row.capacity, booked, status, row.kind.value, note, row.id
            )
        )
    return result


def session_info(s: Session, day: date) -> SessionInfo:
    found = sessions_between(s, day, day)
    if not found:
        raise NotFound(f"There is no session on {day:%a %d %b %Y}.")
    return found[0]


def ensure_session(s: Session, day: date) -> ContactSession:
    """The stored session for a day, storing a pattern occurrence the first time it is used."""
    row = s.exec(select(ContactSession).where(col(ContactSession.day) == day)).first()
    if row is not None:
        return row
    info = session_info(s, day)
    if info.status == "closed":
        raise CalendarError(f"The centre is closed on {day:%a %d %b %Y} ({info.note}).")
    row = ContactSession(day=day, start=info.start, end=info.end, capacity=info.capacity)
    s.add(row)
    s.flush()
    return row


def add_extra_session(
    s: Session, day: date, start: time, end: time, capacity: int
) -> ContactSession:
    permissions.require(s, "manage_sessions")
    if end <= start:
        raise CalendarError("A session must end after it starts.")
    if capacity < 1:
        raise CalendarError("A session needs room for at least one family.")
    existing = s.exec(select(ContactSession).where(col(ContactSession.day) == day)).first()
    if existing is not None or any(
        i.day == day and i.status != "closed" for i in sessions_between(s, day, day)
    ):
        raise CalendarError(f"There is already a session on {day:%a %d %b %Y}.")
    row = ContactSession(day=day, start=start, end=end, capacity=capacity, kind=SessionKind.extra)
    s.add(row)
    s.flush()
    audit.record(s, "session.add", entity="session", entity_id=row.id)
    return row


def cancel_session(s: Session, day: date, reason: str) -> list[Booking]:
    """Cancel a session; its bookings become "cancelled by centre" and need re-booking."""
    permissions.require(s, "manage_sessions")
    row = ensure_session(s, day)
    if row.status == SessionStatus.cancelled:
        raise CalendarError(f"The session on {day:%a %d %b %Y} is already cancelled.")
    row.status = SessionStatus.cancelled
    row.cancel_reason = (
        free_text("reason", "The reason", reason, limit=500) or "Cancelled by the centre"
    )
    now = acting.now(s)
    affected = list(
        s.exec(
            select(Booking).where(
                col(Booking.session_id) == row.id, col(Booking.status) == BookingStatus.booked
            )
        )
    )
    if any(attendance.current_events(s, booking.id or 0) for booking in affected):
        raise CalendarError(
            f"Attendance is already recorded for the session on {day:%a %d %b %Y}: it took "
            "place, so it cannot be cancelled."
        )
    for booking in affected:
        booking.status = BookingStatus.cancelled
        booking.cancelled_by = CancelledBy.centre
        booking.cancelled_at = booking.centre_told_at = now
        booking.cancel_reason = row.cancel_reason
    audit.record(
        s, "session.cancel", entity="session", entity_id=row.id, detail=f"{len(affected)} bookings"
    )
    return affected


def reinstate_session(s: Session, day: date) -> dict[int, str]:
    """Undo the centre's cancellation of a session: it is bookable again.

    The bookings cancelled with it (by the centre, at that moment, for its reason) are not
    rebooked here: their families may have made other plans, so the caller asks the
    coordinator and rebooks them (`booking.book`). Returns those families, id → reference.
    """
    permissions.require(s, "manage_sessions")
    row = s.exec(select(ContactSession).where(col(ContactSession.day) == day)).first()
    if row is None or row.status != SessionStatus.cancelled:
        raise CalendarError(f"The session on {day:%a %d %b %Y} is not cancelled.")
    by_centre = list(
        s.exec(
            select(Booking, Family.ref)
            .join(Family, col(Booking.family_id) == col(Family.id))
            .where(
                col(Booking.session_id) == row.id,
                col(Booking.status) == BookingStatus.cancelled,
                col(Booking.cancelled_by) == CancelledBy.centre,
                col(Booking.cancel_reason) == row.cancel_reason,
            )
            .order_by(col(Family.ref))
        )
    )
    last = max((b.cancelled_at for b, _ in by_centre if b.cancelled_at), default=None)
    with_it = {b.family_id: ref for b, ref in by_centre if b.cancelled_at == last}
    row.status, row.cancel_reason = SessionStatus.scheduled, ""
    audit.record(
        s,
        "session.reinstate",
        entity="session",
        entity_id=row.id,
        detail=f"{len(with_it)} bookings cancelled with it",
    )
    return with_it


def set_closure(s: Session, day: date, closed: bool, reason: str = "") -> None:
    """Close a day (hall booked) or re-open one closed by default (a bank holiday)."""
    permissions.require(s, "manage_sessions")
    if closed:
        row = s.exec(select(ContactSession).where(col(ContactSession.day) == day)).first()
        if row is not None and row.status != SessionStatus.cancelled:
            booked = _booked_counts(s, day, day).get(row.id or 0, 0)
            if booked:
                raise CalendarError(
                    f"{counted(booked, 'family is', 'families are')} booked on {day:%d/%m/%Y}: "
                    "cancel the session instead, "
                    "so their bookings show as cancelled by the centre."
                )
    existing = s.exec(select(Closure).where(col(Closure.day) == day)).first()
    if existing is not None:
        s.delete(existing)
        s.flush()
    is_holiday = day in schedule.bank_holidays(day, day)
    if closed and not is_holiday:
        s.add(
            Closure(
                day=day,
                kind=ClosureKind.closed,
                reason=free_text("reason", "The reason", reason, limit=200) or "Closed",
            )
        )
    elif not closed and is_holiday:
        s.add(
            Closure(
                day=day,
                kind=ClosureKind.reopened,
                reason=free_text("reason", "The reason", reason, limit=200),
            )
        )
    audit.record(
        s, "calendar.closure", detail=f"{day.isoformat()} {'closed' if closed else 'open'}"
    )


def preview_pattern(s: Session, rule: str, today: date, count: int = 4) -> list[tuple[date, str]]:
    """The next `count` days an opening rule gives from today, each with why the centre is
    closed that day ("" when open). ScheduleError when the rule cannot be read."""
    days = schedule.occurrences(rule, today, today + timedelta(days=366))[:count]
    closed = closed_days(s, days[0], days[-1]) if days else {}
    return [(day, closed.get(day, "")) for day in days]


def follow_centre_settings(s: Session, today: date) -> list[str]:
    """Bring upcoming stored sessions in line after the opening settings change.

    A session nobody has booked is dropped: the pattern gives it again with the new
    settings, or not at all. A session with bookings is never dropped; it takes the new
    capacity when its families still fit, and keeps the times they have been given (one
    left with only cancelled bookings and no longer in the pattern shows as cancelled).
    Returns what the coordinator should know about sessions that kept their old shape.
    """
    centre = get_centre(s)
    rows = list(
        s.exec(
            select(ContactSession).where(
                col(ContactSession.day) >= today,
                col(ContactSession.kind) == SessionKind.pattern,
                col(ContactSession.status) == SessionStatus.scheduled,
            )
        )
    )
    if not rows:
        return []
    ids = [row.id for row in rows]
    used = set(s.exec(select(Booking.session_id).where(col(Booking.session_id).in_(ids))))
    last = max(row.day for row in rows)
    counts = _booked_counts(s, today, last)
    in_pattern = set(schedule.occurrences(centre.opening_rule, today, last))
    hours = (centre.opening_start, centre.opening_end)
    notes = []
    for row in sorted(rows, key=lambda r: r.day):
        when = f"{row.day:%a %d %b %Y}"
        booked = counts.get(row.id or 0, 0)
        if row.id not in used:
            s.delete(row)
            continue
        if not booked and row.day not in in_pattern:  # only cancelled bookings: keep them
            row.status = SessionStatus.cancelled
            row.cancel_reason = "Not in the opening pattern any more"
            continue
        if booked <= centre.capacity:
            row.capacity = centre.capacity
        else:
            notes.append(
                f"{when} keeps room for {row.capacity}: "
                f"{counted(booked, 'family is', 'families are')} booked."
            )
        if not booked:
            row.start, row.end = hours
        elif (row.start, row.end) != hours:
            notes.append(
                f"{when} keeps {row.start:%H:%M}–{row.end:%H:%M}: its families have their times."
            )
        if row.day not in in_pattern and booked:
            notes.append(
                f"{when} is not in the new pattern but keeps its {counted(booked, 'booking')}."
            )
    return notes
