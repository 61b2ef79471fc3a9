"""Paper entry: typing a session's sign-in sheet into the attendance log afterwards.

Times are typed fast (`1012`, `10:12`, `10.12`); every line is checked before anything
is written, and the events are appended with source `paper` in the caller's one
transaction. What is already recorded stays as it is: a change goes through a
correction on the board's history instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from zoneinfo import ZoneInfo

from sqlmodel import Session

from contactcentre.domain import attendance
from contactcentre.domain import validate as v
from contactcentre.domain.board import SEQUENCE
from contactcentre.domain.centre import get_centre
from contactcentre.domain.errors import NotFound
from contactcentre.store.models import Booking, ContactSession, EventKind, EventSource

# Which handover each "by whom" belongs to.
HANDED_OVER_BY = (EventKind.child_dropped_off, EventKind.child_collected)
# (earlier, later) pairs that must be in that order.
IN_ORDER = (
    (EventKind.nonresident_arrived, EventKind.nonresident_left),
    (EventKind.child_dropped_off, EventKind.child_collected),
)


@dataclass(frozen=True)
class PaperLine:
    """What the sheet says for one booking; a time left "" was not written down."""

    booking_id: int
    times: dict[EventKind, str] = field(default_factory=dict)
    by: dict[EventKind, int | None] = field(default_factory=dict)  # who handed over
    no_show: bool = False
    reason: str = ""


def field_key(booking_id: int, name: str) -> str:
    """The error key of one field of a line, e.g. "12.child_collected"."""
    return f"{booking_id}.{name}"


def _check_line(c: v.Checker, line: PaperLine, recorded: set[EventKind]) -> dict[EventKind, time]:
    times: dict[EventKind, time] = {}
    for kind in SEQUENCE:
        typed = line.times.get(kind, "").strip()
        if not typed:
            continue
        key = field_key(line.booking_id, kind.value)
        if kind in recorded:
            c.add(key, "already recorded: correct it from the board's History instead")
            continue
        try:
            times[kind] = v.quick_time(typed)
        except ValueError as error:
            c.add(key, str(error))
    for earlier, later in IN_ORDER:
        if earlier in times and later in times and times[later] <= times[earlier]:
            c.add(
                field_key(line.booking_id, later.value),
                f"{times[later]:%H:%M} is not after {times[earlier]:%H:%M}",
            )
    if line.no_show:
        key = field_key(line.booking_id, EventKind.no_show.value)
        if EventKind.no_show in recorded:
            c.add(key, "'Did not come' is already recorded")
        elif times or recorded:
            c.add(key, "a family with times recorded did come: untick 'Did not come'")
        c.check(field_key(line.booking_id, "reason"), "Reason", v.text, line.reason, limit=1000)
    return times


def record_paper(s: Session, lines: list[PaperLine], *, recorded_by: str) -> int:
    """Check every line, then append its events (source paper). Returns how many."""
    c = v.Checker()
    checked = []
    for line in lines:
        booking = s.get(Booking, line.booking_id)
        if booking is None:
            raise NotFound("That booking no longer exists.")
        session = s.get(ContactSession, booking.session_id)
        assert session is not None
        recorded = {e.kind for e in attendance.current_events(s, line.booking_id)}
        checked.append((line, session, _check_line(c, line, recorded)))
    c.done()
    tz = ZoneInfo(get_centre(s).timezone)
    count = 0
    for line, session, times in checked:
        for kind, moment in times.items():
            attendance.record_event(
                s,
                line.booking_id,
                kind,
                datetime.combine(session.day, moment, tzinfo=tz),
                recorded_by=recorded_by,
                source=EventSource.paper,
                person_id=line.by.get(kind) if kind in HANDED_OVER_BY else None,
            )
            count += 1
        if line.no_show:
            attendance.record_event(
                s,
                line.booking_id,
                EventKind.no_show,
                datetime.combine(session.day, session.start, tzinfo=tz),
                recorded_by=recorded_by,
                source=EventSource.paper,
                reason=line.reason,
            )
            count += 1
    return count
