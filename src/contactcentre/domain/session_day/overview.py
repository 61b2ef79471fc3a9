"""A session as planned and as it happened, for scripts and checks (`contactcentre session`):
each booked family's planned times, whether they are confirmed, and every recorded event,
corrected ones included."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from contactcentre.domain.bookings import attendance, session_calendar
from contactcentre.domain.bookings.booking import booked_on, plan_json
from contactcentre.domain.bookings.plans import plan_of
from contactcentre.domain.centre import get_centre
from contactcentre.domain.errors import NotFound
from contactcentre.store.models import AttendanceEvent, EventSource

# Where an event was recorded: on the session-day board, typed in from a paper sign-in
# sheet, or brought in by an attendance import.
SOURCES = {EventSource.live: "board", EventSource.paper: "paper", EventSource.import_: "import"}


@dataclass(frozen=True)
class RecordedEvent:
    kind: str  # an EventKind value, e.g. "nonresident_arrived"
    time: str  # HH:MM, the centre's local time
    source: str  # board | paper | import
    superseded: bool  # a later correction replaced or withdrew it


@dataclass(frozen=True)
class FamilyOnTheDay:
    planned: dict[str, Any]  # bookings.booking.plan_json
    status: str  # booked | attended | no_show (as the log stands after corrections)
    times_confirmed: bool  # the coordinator fixed the times (Calendar: confirm the plan)
    events: tuple[RecordedEvent, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            **self.planned,
            "status": self.status,
            "times_confirmed": self.times_confirmed,
            "events": [asdict(e) for e in self.events],
        }


@dataclass(frozen=True)
class SessionOverview:
    info: session_calendar.SessionInfo
    families: tuple[FamilyOnTheDay, ...]

    def as_json(self) -> dict[str, Any]:
        return {**self.info.as_json(), "families": [f.as_json() for f in self.families]}


def _events(log: list[AttendanceEvent], tz: ZoneInfo) -> tuple[RecordedEvent, ...]:
    replaced = {e.supersedes_id for e in log if e.supersedes_id is not None}
    return tuple(
        RecordedEvent(
            kind=e.kind.value,
            time=f"{e.occurred_at.astimezone(tz):%H:%M}",
            source=SOURCES[e.source],
            superseded=e.id in replaced,
        )
        for e in sorted(log, key=lambda e: (e.occurred_at, e.id or 0))
    )


def _status(log: list[AttendanceEvent]) -> str:
    happened = attendance.outcome(log)
    return "no_show" if happened.no_show else "attended" if happened.attended else "booked"


def session_overview(s: Session, day: date) -> SessionOverview:
    """The session on `day` with its booked families, or NotFound when there is none
    (not a session day, or the centre is closed)."""
    info = session_calendar.session_info(s, day)
    if info.status == "closed":
        raise NotFound(
            f"There is no session on {day:%a %d %b %Y}: the centre is closed ({info.note})."
        )
    tz = ZoneInfo(get_centre(s).timezone)
    families = []
    for booking, ref in booked_on(s, day):
        log = attendance.history(s, booking.id or 0)
        plan = plan_of(booking) if booking.child_dropoff is not None else None
        families.append(
            FamilyOnTheDay(
                planned=plan_json(ref, day, plan),
                status=_status(log),
                times_confirmed=booking.plan_confirmed,
                events=_events(log, tz),
            )
        )
    return SessionOverview(info, tuple(families))
