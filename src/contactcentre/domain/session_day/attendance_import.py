"""Importing historical attendance from a spreadsheet register (the contract in issue 5).

Columns: family_ref,date,status,arrived,left,notes. `arrived`/`left` are the visiting
parent's times, required when the family attended. A date with no session gets a past
session (kind "historical") at the centre's usual times. Like the other imports it is all
or nothing, with "row N: reason" for every problem. Notes are internal: they go on the
booking, never into an event's reason, so no letter can print them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from contactcentre.domain import audit, permissions, validate
from contactcentre.domain.bookings import attendance
from contactcentre.domain.centre import get_centre
from contactcentre.domain.register.families import ref_key
from contactcentre.domain.register.tabular import ImportFailed, Table, read_rows
from contactcentre.store.models import (
    Booking,
    BookingStatus,
    CancelledBy,
    ContactSession,
    EventKind,
    EventSource,
    Family,
    SessionKind,
    SessionStatus,
)

ATTENDANCE_COLUMNS = ["family_ref", "date", "status", "arrived", "left", "notes"]
ATTENDANCE = Table(ATTENDANCE_COLUMNS, required=6, multiline=frozenset({"notes"}))


class ImportStatus(enum.StrEnum):
    attended = "attended"
    no_show = "no_show"
    cancelled_resident = "cancelled_resident"
    cancelled_non_resident = "cancelled_non_resident"
    cancelled_centre = "cancelled_centre"


CANCELLED_BY = {
    ImportStatus.cancelled_resident: CancelledBy.resident,
    ImportStatus.cancelled_non_resident: CancelledBy.non_resident,
    ImportStatus.cancelled_centre: CancelledBy.centre,
}


@dataclass(frozen=True)
class AttendanceRow:
    family_id: int
    day: date
    status: ImportStatus
    arrived: time | None
    left: time | None
    notes: str


@dataclass(frozen=True)
class ImportSummary:
    rows: int
    sessions_created: int


def _optional_time(value: str) -> time | None:
    return validate.quick_time(value) if value.strip() else None


def _missing_hour(day: date, moment: time, tz: ZoneInfo) -> bool:
    """Whether this wall-clock time never happened that day (the clocks went forward)."""
    local = datetime.combine(day, moment, tzinfo=tz)
    return local.astimezone(UTC).astimezone(tz).time() != moment


def _check_row(
    c: validate.Checker, row: dict[str, str], family_ids: dict[str, int], today: date, tz: ZoneInfo
) -> AttendanceRow | None:
    ref = row["family_ref"].strip()
    family_id = family_ids.get(ref_key(ref))
    if family_id is None:
        c.add("family_ref", f"no family with reference {ref[:20]!r}")
    day = c.check("date", "date", validate.parse_date, row["date"], required=True)
    if day is not None:
        c.check("date", "date", validate.past_date, day, today)
    status = c.check("status", "status", validate.choice, ImportStatus, row["status"])
    arrived = c.check("arrived", "arrived", _optional_time, row["arrived"])
    left = c.check("left", "left", _optional_time, row["left"])
    notes = c.check("notes", "notes", validate.text, row["notes"], limit=2000)
    if status == ImportStatus.attended:
        if not row["arrived"].strip() or not row["left"].strip():
            c.add("times", "arrived and left are required when the family attended")
        elif arrived and left and left <= arrived:
            c.add("times", f"left ({left:%H:%M}) is not after arrived ({arrived:%H:%M})")
    elif status is not None and (row["arrived"].strip() or row["left"].strip()):
        c.add("times", f"arrived and left are only for attended rows, not {status.value}")
    for moment in (arrived, left):
        if day is not None and moment is not None and _missing_hour(day, moment, tz):
            c.add(
                "times", f"{moment:%H:%M} did not happen on {day:%d/%m/%Y}: the clocks went forward"
            )
    if c.errors or family_id is None or day is None or status is None:
        return None
    return AttendanceRow(family_id, day, status, arrived, left, notes)


def _problems_with_the_day(
    s: Session, rows: list[tuple[int, AttendanceRow]], refs: dict[int, str]
) -> list[tuple[int, str]]:
    """Rows that clash with each other or with what is already recorded."""
    days = {r.day for _n, r in rows}
    sessions = {
        session.day: session
        for session in s.exec(select(ContactSession).where(col(ContactSession.day).in_(days)))
    }
    booked = set(
        s.exec(
            select(col(ContactSession.day), col(Booking.family_id))
            .join(Booking)
            .where(col(ContactSession.day).in_(days))
        )
    )
    problems: list[tuple[int, str]] = []
    seen: set[tuple[date, int]] = set()
    for number, r in rows:
        when = f"{r.day:%d/%m/%Y}"
        key = (r.day, r.family_id)
        session = sessions.get(r.day)
        if key in seen:
            problems.append((number, f"{refs[r.family_id]} appears twice for {when}"))
        elif key in booked:
            problems.append(
                (
                    number,
                    f"{refs[r.family_id]} already has a booking on {when}; "
                    "enter its attendance on the Paper entry screen instead",
                )
            )
        elif (
            session is not None
            and session.status == SessionStatus.cancelled
            and r.status != ImportStatus.cancelled_centre
        ):
            problems.append((number, f"the session on {when} was cancelled by the centre"))
        seen.add(key)
    return problems


def _session(s: Session, day: date, families: int) -> tuple[ContactSession, bool]:
    """The day's session, creating a past one for it if there is none (True if created)."""
    row = s.exec(select(ContactSession).where(col(ContactSession.day) == day)).first()
    if row is not None:
        return row, False
    centre = get_centre(s)
    row = ContactSession(
        day=day,
        start=centre.opening_start,
        end=centre.opening_end,
        capacity=max(centre.capacity, families),
        kind=SessionKind.historical,
    )
    s.add(row)
    s.flush()
    return row, True


def _write(s: Session, r: AttendanceRow, session: ContactSession, tz: ZoneInfo) -> None:
    cancelled_by = CANCELLED_BY.get(r.status)
    booking = Booking(
        session_id=session.id or 0,
        family_id=r.family_id,
        status=BookingStatus.cancelled if cancelled_by else BookingStatus.booked,
        cancelled_by=cancelled_by,
        notes=r.notes,
    )
    s.add(booking)
    s.flush()
    assert booking.id is not None

    def at(t: time) -> datetime:
        return datetime.combine(r.day, t, tzinfo=tz)

    if r.status == ImportStatus.attended:
        assert r.arrived is not None and r.left is not None
        for kind, moment in (
            (EventKind.nonresident_arrived, r.arrived),
            (EventKind.nonresident_left, r.left),
        ):
            attendance.record_event(s, booking.id, kind, at(moment), source=EventSource.import_)
    elif r.status == ImportStatus.no_show:
        attendance.record_event(
            s, booking.id, EventKind.no_show, at(session.start), source=EventSource.import_
        )


def import_attendance(s: Session, path: Path, *, today: date) -> ImportSummary:
    """Check every row, then write them all (inside the caller's transaction)."""
    permissions.require(s, "import_records")
    family_refs = {family_id or 0: ref for ref, family_id in s.exec(select(Family.ref, Family.id))}
    family_ids = {ref_key(ref): family_id for family_id, ref in family_refs.items()}
    tz = ZoneInfo(get_centre(s).timezone)
    problems: list[tuple[int, str]] = []
    rows: list[tuple[int, AttendanceRow]] = []
    for number, raw in read_rows(path, ATTENDANCE):
        c = validate.Checker()
        checked = _check_row(c, raw, family_ids, today, tz)
        problems += [(number, message) for message in c.errors.values()]
        if checked is not None:
            rows.append((number, checked))
    problems += _problems_with_the_day(s, rows, family_refs)
    if problems:
        raise ImportFailed([f"row {n}: {message}" for n, message in sorted(problems)])
    per_day: dict[date, int] = {}
    for _n, r in rows:
        per_day[r.day] = per_day.get(r.day, 0) + 1
    created = 0
    for _n, r in rows:
        session, new = _session(s, r.day, per_day[r.day])
        created += new
        _write(s, r, session, tz)
    audit.record(
        s, "import.attendance", detail=f"{len(rows)} rows, {created} past sessions created"
    )
    return ImportSummary(rows=len(rows), sessions_created=created)
