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

from sqlmodel import Session, col, select

from contactcentre.domain import validate
from contactcentre.domain.bookings import attendance
from contactcentre.domain.centre import get_centre
from contactcentre.domain.errors import NotFound
from contactcentre.domain.session_day.board import RELATIVE_SEQUENCE, SEQUENCE
from contactcentre.store.models import (
    AttendanceEvent,
    Booking,
    ContactSession,
    EventKind,
    EventSource,
    Person,
    Role,
)

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
    # A named relative's own times: person id -> {relative_arrived/relative_left: typed}.
    relatives: dict[int, dict[EventKind, str]] = field(default_factory=dict)
    no_show: bool = False
    reason: str = ""


def field_key(booking_id: int, name: str) -> str:
    """The error key of one field of a line, e.g. "12.child_collected"."""
    return f"{booking_id}.{name}"


def relative_key(booking_id: int, person_id: int, kind: EventKind) -> str:
    """The error key of a relative's time, e.g. "12.relative_left.40"."""
    return field_key(booking_id, f"{kind.value}.{person_id}")


@dataclass(frozen=True)
class _Checked:
    """One line's times once every one of them made sense."""

    times: dict[EventKind, time]
    relatives: dict[tuple[int, EventKind], time]


def _ordered(c: validate.Checker, key: str, earlier: time | None, later: time | None) -> None:
    if earlier is not None and later is not None and later <= earlier:
        c.add(key, f"{later:%H:%M} is not after {earlier:%H:%M}")


def _check_relatives(
    c: validate.Checker, line: PaperLine, relatives: set[int], recorded: set[tuple[int, EventKind]]
) -> dict[tuple[int, EventKind], time]:
    """A relative's arrival and departure: each a time, once, in order, for a relative
    named for this family."""
    times: dict[tuple[int, EventKind], time] = {}
    for person_id, typed_times in line.relatives.items():
        for kind in RELATIVE_SEQUENCE:
            typed = typed_times.get(kind, "").strip()
            if not typed:
                continue
            key = relative_key(line.booking_id, person_id, kind)
            if person_id not in relatives:
                c.add(key, "not a named relative of this family")
            elif (person_id, kind) in recorded:
                c.add(key, "already recorded: correct it from the board's History instead")
            else:
                try:
                    times[person_id, kind] = validate.quick_time(typed)
                except ValueError as error:
                    c.add(key, str(error))
        arrived, left = EventKind.relative_arrived, EventKind.relative_left
        _ordered(
            c,
            relative_key(line.booking_id, person_id, left),
            times.get((person_id, arrived)),
            times.get((person_id, left)),
        )
    return times


def _check_line(
    c: validate.Checker, line: PaperLine, recorded: set[EventKind], relatives_typed: bool
) -> dict[EventKind, time]:
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
            times[kind] = validate.quick_time(typed)
        except ValueError as error:
            c.add(key, str(error))
    for earlier, later in IN_ORDER:
        _ordered(c, field_key(line.booking_id, later.value), times.get(earlier), times.get(later))
    if line.no_show:
        key = field_key(line.booking_id, EventKind.no_show.value)
        if EventKind.no_show in recorded:
            c.add(key, "'Did not come' is already recorded")
        elif times or recorded or relatives_typed:
            c.add(key, "a family with times recorded did come: untick 'Did not come'")
        c.check(
            field_key(line.booking_id, "reason"), "Reason", validate.text, line.reason, limit=1000
        )
    return times


def record_paper(s: Session, lines: list[PaperLine], *, recorded_by: str) -> int:
    """Check every line, then append its events (source paper). Returns how many."""
    c = validate.Checker()
    checked = []
    for line in lines:
        booking = s.get(Booking, line.booking_id)
        if booking is None:
            raise NotFound("That booking no longer exists.")
        session = s.get(ContactSession, booking.session_id)
        assert session is not None
        events = attendance.current_events(s, line.booking_id)
        relatives = _relatives(s, booking.family_id)
        relative_times = _check_relatives(c, line, relatives, _relatives_recorded(events))
        times = _check_line(c, line, {e.kind for e in events}, bool(relative_times))
        checked.append((line, session, _Checked(times, relative_times)))
    c.done()
    tz = ZoneInfo(get_centre(s).timezone)
    count = 0
    for line, session, found in checked:
        entries = [
            (kind, moment, line.by.get(kind) if kind in HANDED_OVER_BY else None)
            for kind, moment in found.times.items()
        ] + [(kind, moment, person_id) for (person_id, kind), moment in found.relatives.items()]
        for kind, moment, person_id in entries:
            attendance.record_event(
                s,
                line.booking_id,
                kind,
                datetime.combine(session.day, moment, tzinfo=tz),
                recorded_by=recorded_by,
                source=EventSource.paper,
                person_id=person_id,
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


def _relatives(s: Session, family_id: int) -> set[int]:
    query = select(Person.id).where(
        col(Person.family_id) == family_id, col(Person.role) == Role.relative
    )
    return {person_id for person_id in s.exec(query) if person_id is not None}


def _relatives_recorded(events: list[AttendanceEvent]) -> set[tuple[int, EventKind]]:
    return {
        (e.person_id, e.kind)
        for e in events
        if e.kind in RELATIVE_SEQUENCE and e.person_id is not None
    }
