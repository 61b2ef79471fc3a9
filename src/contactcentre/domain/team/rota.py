"""The rota: who of the team is on duty at each session and who leads it, and the
session's briefing and debrief (NACCC asks for both; they stay internal).

Putting someone on duty whose DBS check does not cover the session's day (overdue, or a
volunteer or supervisor with none on record) needs a recorded reason: the entry keeps
it and who gave it, and the audit trail notes the override. A person who declared they
know a family booked that session is a warning on the rota, not a refusal.

What the sign-in sheet and the board show of it (`team_on_duty`) is names, who leads and
the lead's phone: no other phone number, and never the briefing or debrief.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from contactcentre.domain import acting, audit, permissions, validate
from contactcentre.domain.bookings import session_calendar
from contactcentre.domain.centre import get_centre
from contactcentre.domain.errors import DomainError, NotFound, ValidationError
from contactcentre.domain.team.register import active_on, dbs_blocks, get_member
from contactcentre.store.models import (
    Booking,
    BookingStatus,
    ConflictDeclaration,
    ContactSession,
    Family,
    RotaEntry,
    SessionTeamNote,
    TeamMember,
    TeamRole,
)


class OverrideNeeded(DomainError):
    """The person's DBS check does not cover the session: a reason must be recorded."""


@dataclass(frozen=True)
class OnDuty:
    member_id: int
    name: str
    role: TeamRole
    leads: bool
    overridden: str  # the recorded reason when their DBS check did not cover the day


@dataclass(frozen=True)
class Rota:
    day: date
    people: tuple[OnDuty, ...]  # the lead first, then by name
    # a DBS check that no longer covers the day (and no reason recorded), then declared
    # conflicts with a family booked that session
    warnings: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        """What `contactcentre rota DAY --json` prints: names, roles, who leads, warnings
        (no phone numbers, no override reasons)."""
        return {
            "date": self.day.isoformat(),
            "on_duty": [
                {"name": p.name, "role": p.role.value, "leads": p.leads} for p in self.people
            ],
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class TeamOnDuty:
    """The team as the sign-in sheet and the board show it."""

    lead: str  # "" when nobody leads yet
    lead_phone: str  # national format; "" when none is recorded
    others: tuple[str, ...]

    @property
    def board_words(self) -> str:
        """ "On duty: Kim Lee (leads), Sam Jones" for the board: names only, no phone."""
        names = ([f"{self.lead} (leads)"] if self.lead else []) + list(self.others)
        if not names:
            return "On duty: nobody is on the rota for this session yet."
        return "On duty: " + ", ".join(names) + ("" if self.lead else " (nobody leads yet)")


def _stored_session(s: Session, day: date) -> ContactSession | None:
    return s.exec(select(ContactSession).where(col(ContactSession.day) == day)).first()


def _entry(s: Session, session_id: int, member_id: int) -> RotaEntry | None:
    query = select(RotaEntry).where(
        col(RotaEntry.session_id) == session_id, col(RotaEntry.member_id) == member_id
    )
    return s.exec(query).first()


def _entries(s: Session, day: date) -> list[tuple[RotaEntry, TeamMember]]:
    session = _stored_session(s, day)
    if session is None:
        return []
    query = (
        select(RotaEntry, TeamMember)
        .join(TeamMember, col(TeamMember.id) == col(RotaEntry.member_id))
        .where(col(RotaEntry.session_id) == session.id)
    )
    rows = list(s.exec(query))
    rows.sort(key=lambda pair: (not pair[0].leads, pair[1].name))
    return [(entry, member) for entry, member in rows]


def put_on_duty(
    s: Session, day: date, member_id: int, *, leads: bool = False, override_reason: str = ""
) -> RotaEntry:
    """Put a person on the session's rota (again: change whether they lead). Leading
    makes anyone else on that session stop leading. OverrideNeeded when their DBS check
    does not cover the day and no reason is given."""
    permissions.require(s, "edit_rota")
    member = get_member(s, member_id)
    if not active_on(member, day):
        raise ValidationError.single(
            "member", f"{member.name} is not on the team on {day:%a %d %b %Y}."
        )
    session = session_calendar.ensure_session(s, day)
    assert session.id is not None
    entry = _entry(s, session.id, member_id)
    if entry is None:
        problem = dbs_blocks(member, get_centre(s).dbs_recheck_years, day)
        reason = validate.free_text("override_reason", "Reason", override_reason, limit=300)
        if problem and not reason:
            raise OverrideNeeded(
                f"{problem}: record why they may be on duty anyway, or choose someone else."
            )
        entry = RotaEntry(session_id=session.id, member_id=member_id)
        if problem:
            entry.dbs_override_reason, entry.dbs_override_by = reason, acting.actor(s)
    if leads:
        for other, _member in _entries(s, day):
            if other.leads and other.member_id != member_id:
                other.leads = False
                s.add(other)
    entry.leads = leads
    s.add(entry)
    s.flush()
    audit.record(s, "rota.put_on", entity="rota_entry", entity_id=entry.id)
    if entry.dbs_override_reason:
        audit.record(
            s,
            "rota.dbs_override",
            entity="rota_entry",
            entity_id=entry.id,
            fields=["dbs_override_reason"],
        )
    return entry


def take_off_duty(s: Session, day: date, member_id: int) -> None:
    permissions.require(s, "edit_rota")
    session = _stored_session(s, day)
    entry = _entry(s, session.id or 0, member_id) if session else None
    if entry is None:
        raise NotFound("That person is not on this session's rota.")
    audit.record(s, "rota.take_off", entity="rota_entry", entity_id=entry.id)
    s.delete(entry)


def conflict_warnings(s: Session, day: date, member_ids: list[int]) -> tuple[str, ...]:
    """ "Sam Jones declared they know F-0002, booked this session": one line per pair."""
    session = _stored_session(s, day)
    if session is None or not member_ids:
        return ()
    query = (
        select(TeamMember.name, Family.ref)
        .join(ConflictDeclaration, col(ConflictDeclaration.member_id) == col(TeamMember.id))
        .join(Family, col(Family.id) == col(ConflictDeclaration.family_id))
        .join(Booking, col(Booking.family_id) == col(Family.id))
        .where(
            col(Booking.session_id) == session.id,
            col(Booking.status) == BookingStatus.booked,
            col(TeamMember.id).in_(member_ids),
        )
        .distinct()
        .order_by(col(TeamMember.name), col(Family.ref))
    )
    return tuple(
        f"{name} declared they know {ref}, booked this session: keep them apart or choose "
        "someone else"
        for name, ref in s.exec(query)
    )


def rota_for(s: Session, day: date) -> Rota:
    """The session's rota with its warnings (a day nobody is on yet: an empty rota)."""
    rows = _entries(s, day)
    people = tuple(
        OnDuty(m.id or 0, m.name, m.role, e.leads, e.dbs_override_reason) for e, m in rows
    )
    years = get_centre(s).dbs_recheck_years
    lapsed = tuple(  # put on while covered; the check has lapsed by the day since
        f"{problem}: no reason is recorded for them to be on duty"
        for e, m in rows
        if not e.dbs_override_reason and (problem := dbs_blocks(m, years, day))
    )
    warnings = lapsed + conflict_warnings(s, day, [p.member_id for p in people])
    return Rota(day, people, warnings)


def team_on_duty(s: Session, day: date) -> TeamOnDuty:
    """Who is on duty, for the sheet and the board: the lead's phone and nobody else's."""
    rows = _entries(s, day)
    lead = next((m for e, m in rows if e.leads), None)
    return TeamOnDuty(
        lead=lead.name if lead else "",
        lead_phone=validate.display_phone(lead.phone) if lead and lead.phone else "",
        others=tuple(m.name for e, m in rows if not e.leads),
    )


@dataclass(frozen=True)
class Free:
    member_id: int
    name: str
    role: TeamRole


def available(s: Session, day: date) -> list[Free]:
    """Everyone on the team that day who is not on its rota yet, by name."""
    on = {m.id for _e, m in _entries(s, day)}
    members = s.exec(select(TeamMember).order_by(col(TeamMember.name)))
    return [
        Free(m.id or 0, m.name, m.role) for m in members if m.id not in on and active_on(m, day)
    ]


# --- briefing and debrief --------------------------------------------------------------
@dataclass(frozen=True)
class SessionNotes:
    briefing: str
    debrief: str
    updated_by: str


def session_notes(s: Session, day: date) -> SessionNotes:
    permissions.require(s, "record_session_notes")
    session = _stored_session(s, day)
    note = None
    if session is not None:
        query = select(SessionTeamNote).where(col(SessionTeamNote.session_id) == session.id)
        note = s.exec(query).first()
    if note is None:
        return SessionNotes("", "", "")
    return SessionNotes(note.briefing, note.debrief, note.updated_by)


def save_session_notes(s: Session, day: date, briefing: str, debrief: str) -> None:
    """Keep the session's briefing (before) and debrief (after): internal notes that no
    letter, sheet or export carries."""
    permissions.require(s, "record_session_notes")
    c = validate.Checker()
    before = c.check("briefing", "Briefing", validate.text, briefing, limit=4000)
    after = c.check("debrief", "Debrief", validate.text, debrief, limit=4000)
    c.done()
    session = session_calendar.ensure_session(s, day)
    query = select(SessionTeamNote).where(col(SessionTeamNote.session_id) == session.id)
    note = s.exec(query).first() or SessionTeamNote(session_id=session.id or 0)
    changed = [k for k, v in (("briefing", before), ("debrief", after)) if getattr(note, k) != v]
    note.briefing, note.debrief = before, after
    note.updated_by, note.updated_at = acting.actor(s), acting.now(s)
    s.add(note)
    s.flush()
    audit.record(s, "session.team_note", entity="session", entity_id=session.id, fields=changed)
