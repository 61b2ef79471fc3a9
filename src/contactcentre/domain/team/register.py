"""The volunteer register: who is on the team and what the centre keeps about each person
(role, contact phone, DBS number and issue date, references, induction, trial reviews,
training, families they declared they know). Keeping it is the coordinator's.

The DBS certificate itself is never kept, only its number and the date it was issued;
a recheck is due `dbs_recheck_years` (a centre setting, 3 by default) after that date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from functools import partial
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlmodel import Session, col, select

from contactcentre.domain import acting, audit, permissions, validate
from contactcentre.domain.centre import get_centre
from contactcentre.domain.errors import NotFound, ValidationError
from contactcentre.store.models import (
    ConflictDeclaration,
    Family,
    TeamMember,
    TeamReference,
    TeamRole,
    TeamTraining,
)

# Roles whose DBS check must be on record before they are on duty. A coordinator is
# usually checked too, but the rota does not stop the person who keeps it.
DBS_REQUIRED = frozenset({TeamRole.volunteer, TeamRole.supervisor})
MAX_TRIAL_MONTHS = 24


@dataclass
class MemberDetails:
    """What the register's editor sets on a person (as typed; `clean()` checks it)."""

    name: str
    role: TeamRole | str = TeamRole.volunteer
    phone: str = ""
    dbs_number: str = ""
    dbs_issued_on: date | str | None = None
    joined_on: date | str | None = None
    induction_on: date | str | None = None
    trial_months: int | str = 6
    mid_review_on: date | str | None = None
    end_review_on: date | str | None = None
    left_on: date | str | None = None


def _months(value: int | str) -> int:
    raw = str(value).strip()
    if not raw.isdecimal() or int(raw) > MAX_TRIAL_MONTHS:
        raise ValueError(f"must be a whole number of months from 0 to {MAX_TRIAL_MONTHS}")
    return int(raw)


CHECKS: dict[str, tuple[str, Callable[[Any], object]]] = {
    "name": ("Name", validate.name),
    "role": ("Role", partial(validate.choice, TeamRole)),
    "phone": ("Phone", validate.uk_phone),
    "dbs_number": ("DBS certificate number", partial(validate.text, limit=20, multiline=False)),
    "dbs_issued_on": ("DBS issue date", validate.parse_date),
    "joined_on": ("Joined", validate.parse_date),
    "induction_on": ("Induction", validate.parse_date),
    "trial_months": ("Trial period", _months),
    "mid_review_on": ("Mid-trial review", validate.parse_date),
    "end_review_on": ("End-of-trial review", validate.parse_date),
    "left_on": ("Left", validate.parse_date),
}


def clean(details: MemberDetails, today: date) -> dict[str, object]:
    """The details checked; a ValidationError names every bad field at once."""
    c = validate.Checker()
    values = {
        f.name: c.check(f.name, CHECKS[f.name][0], CHECKS[f.name][1], getattr(details, f.name))
        for f in fields(details)
    }
    issued = values["dbs_issued_on"]
    if isinstance(issued, date) and issued > today:
        c.add("dbs_issued_on", f"DBS issue date {issued:%d/%m/%Y} is in the future")
    joined, left = values["joined_on"], values["left_on"]
    if isinstance(joined, date) and isinstance(left, date) and left < joined:
        c.add("left_on", "Left must be on or after the day they joined")
    c.done()
    return values


def get_member(s: Session, member_id: int) -> TeamMember:
    member = s.get(TeamMember, member_id)
    if member is None:
        raise NotFound("That person is not on the team's register.")
    return member


def _unique_name(s: Session, name: str, member_id: int | None) -> None:
    query = select(TeamMember).where(col(TeamMember.name) == name)
    other = s.exec(query).first()
    if other is not None and other.id != member_id:
        raise ValidationError.single("name", f"{name} is already on the register.")


def add_member(s: Session, details: MemberDetails) -> TeamMember:
    """Put a person on the register (they need no login to be on it)."""
    permissions.require(s, "manage_volunteer_register")
    values = clean(details, acting.now(s).date())
    _unique_name(s, str(values["name"]), None)
    member = TeamMember(**values)  # type: ignore[arg-type]
    s.add(member)
    s.flush()
    audit.record(s, "team.add", entity="team_member", entity_id=member.id)
    return member


def _not_the_last_coordinator(s: Session, member: TeamMember) -> None:
    """Someone must stay able to keep the register, the rota and the accounts."""
    others = s.exec(
        select(TeamMember).where(
            col(TeamMember.role) == TeamRole.coordinator,
            col(TeamMember.left_on).is_(None),
            col(TeamMember.id) != member.id,
        )
    ).first()
    if others is None:
        raise ValidationError.single(
            "role",
            f"{member.name} is the centre's only coordinator: make someone else a "
            "coordinator first.",
        )


def update_member(s: Session, member_id: int, details: MemberDetails) -> TeamMember:
    permissions.require(s, "manage_volunteer_register")
    member = get_member(s, member_id)
    values = clean(details, acting.now(s).date())
    _unique_name(s, str(values["name"]), member_id)
    if member.role == TeamRole.coordinator and (
        values["role"] != TeamRole.coordinator or values["left_on"] is not None
    ):
        _not_the_last_coordinator(s, member)
    changed = [key for key, value in values.items() if getattr(member, key) != value]
    for key in changed:
        setattr(member, key, values[key])
    s.add(member)
    audit.record(s, "team.update", entity="team_member", entity_id=member_id, fields=changed)
    return member


# --- DBS and trial dates ---------------------------------------------------------------
def dbs_recheck_due(member: TeamMember, years: int) -> date | None:
    """The day the DBS check is due to be renewed (None: no issue date on record)."""
    if member.dbs_issued_on is None:
        return None
    due: date = member.dbs_issued_on + relativedelta(years=years)
    return due


def dbs_blocks(member: TeamMember, years: int, day: date) -> str:
    """Why this person's DBS check does not cover them on `day` ("" when it does): the
    recheck date has passed (the day itself is still covered), or a volunteer or
    supervisor has none on record."""
    due = dbs_recheck_due(member, years)
    if due is None:
        return f"{member.name} has no DBS check on record" if member.role in DBS_REQUIRED else ""
    if day > due:
        return f"{member.name}'s DBS check was due for renewal on {due:%a %d %b %Y}"
    return ""


def trial_start(member: TeamMember) -> date | None:
    """The trial runs from the induction, else from the day they joined."""
    return member.induction_on or member.joined_on


def trial_reviews(member: TeamMember) -> tuple[date, date] | None:
    """When the mid-trial and end-of-trial reviews are due (None: no start date, or no
    trial). Six months from 1 Mar: mid 1 Jun, end 1 Sep; an odd length puts the mid
    review halfway in days."""
    start = trial_start(member)
    if start is None or member.trial_months == 0:
        return None
    end = start + relativedelta(months=member.trial_months)
    if member.trial_months % 2 == 0:
        mid = start + relativedelta(months=member.trial_months // 2)
    else:
        mid = start + (end - start) / 2
    return mid, end


def active_on(member: TeamMember, day: date) -> bool:
    """On the team that day: joined by then (or no date recorded) and not yet left."""
    joined = member.joined_on is None or member.joined_on <= day
    return joined and (member.left_on is None or member.left_on >= day)


# --- the lists under a person ----------------------------------------------------------
def add_reference(s: Session, member_id: int, referee: str, received_on: date | str) -> None:
    permissions.require(s, "manage_volunteer_register")
    get_member(s, member_id)
    c = validate.Checker()
    who = c.check("referee", "From whom", validate.name, referee)
    on = c.check("received_on", "Received", validate.parse_date, received_on, required=True)
    c.done()
    assert on is not None
    row = TeamReference(member_id=member_id, referee=who, received_on=on)
    s.add(row)
    s.flush()
    audit.record(s, "team.reference", entity="team_member", entity_id=member_id)


def add_training(
    s: Session,
    member_id: int,
    course: str,
    taken_on: date | str,
    expires_on: date | str | None = None,
) -> None:
    permissions.require(s, "manage_volunteer_register")
    get_member(s, member_id)
    c = validate.Checker()
    name = c.check("course", "Course", partial(validate.text, limit=120, multiline=False), course)
    if not name and "course" not in c.errors:
        c.add("course", "Course is required")
    taken = c.check("taken_on", "Taken", validate.parse_date, taken_on, required=True)
    expires = c.check("expires_on", "Expires", validate.parse_date, expires_on)
    if isinstance(taken, date) and isinstance(expires, date) and expires <= taken:
        c.add("expires_on", "Expires must be after the day the course was taken")
    c.done()
    assert taken is not None
    s.add(TeamTraining(member_id=member_id, course=name, taken_on=taken, expires_on=expires))
    s.flush()
    audit.record(s, "team.training", entity="team_member", entity_id=member_id)


def declare_conflict(
    s: Session, member_id: int, family_id: int, note: str = "", declared_on: date | None = None
) -> None:
    """Record that this person knows a family (the rota warns when both are at a session)."""
    permissions.require(s, "manage_volunteer_register")
    get_member(s, member_id)
    if s.get(Family, family_id) is None:
        raise NotFound("That family is not in the register.")
    text = validate.free_text("note", "Note", note, limit=500)
    row = ConflictDeclaration(
        member_id=member_id,
        family_id=family_id,
        note=text,
        declared_on=declared_on or acting.now(s).date(),
    )
    s.add(row)
    s.flush()
    audit.record(s, "team.conflict", entity="team_member", entity_id=member_id, family_id=family_id)


LISTED: dict[str, type[TeamReference] | type[TeamTraining] | type[ConflictDeclaration]] = {
    "reference": TeamReference,
    "training": TeamTraining,
    "conflict": ConflictDeclaration,
}


def remove_listed(s: Session, kind: str, row_id: int) -> None:
    """Take a reference, training or declaration off a person's record (entered wrongly)."""
    permissions.require(s, "manage_volunteer_register")
    row = s.get(LISTED[kind], row_id)
    if row is None:
        raise NotFound(f"That {kind} is no longer on the register.")
    s.delete(row)
    audit.record(s, f"team.{kind}.remove", entity="team_member", entity_id=row.member_id)  # type: ignore[attr-defined]


# --- reading it back -------------------------------------------------------------------
@dataclass(frozen=True)
class RegisterRow:
    member_id: int
    name: str
    role: TeamRole
    dbs_due: date | None
    dbs_words: str  # "Recheck due 13/03/2027", "Overdue since …", "None on record"
    left_on: date | None


@dataclass(frozen=True)
class Member:
    """A person's details as the register's editor shows them (plain data, no ORM row)."""

    id: int
    name: str
    role: TeamRole
    phone: str
    dbs_number: str
    dbs_issued_on: date | None
    joined_on: date | None
    induction_on: date | None
    trial_months: int
    mid_review_on: date | None
    end_review_on: date | None
    left_on: date | None


@dataclass(frozen=True)
class Reference:
    id: int
    referee: str
    received_on: date


@dataclass(frozen=True)
class Training:
    id: int
    course: str
    taken_on: date
    expires_on: date | None


@dataclass(frozen=True)
class Conflict:
    id: int
    family_ref: str
    note: str


@dataclass(frozen=True)
class MemberRecord:
    member: Member
    dbs_due: date | None
    reviews: tuple[date, date] | None
    references: tuple[Reference, ...]
    training: tuple[Training, ...]
    conflicts: tuple[Conflict, ...]


def dbs_words(member: TeamMember, years: int, today: date) -> str:
    due = dbs_recheck_due(member, years)
    if due is None:
        return "None on record"
    return f"{'Overdue since' if today > due else 'Recheck due'} {due:%d/%m/%Y}"


def register_rows(s: Session, today: date) -> list[RegisterRow]:
    """Everyone on the register, people still on the team first, by name."""
    permissions.require(s, "manage_volunteer_register")
    years = get_centre(s).dbs_recheck_years
    members = s.exec(select(TeamMember).order_by(col(TeamMember.name))).all()
    rows = [
        RegisterRow(
            m.id or 0,
            m.name,
            m.role,
            dbs_recheck_due(m, years),
            dbs_words(m, years, today),
            m.left_on,
        )
        for m in members
    ]
    return sorted(rows, key=lambda r: r.left_on is not None and r.left_on < today)


def member_record(s: Session, member_id: int) -> MemberRecord:
    permissions.require(s, "manage_volunteer_register")
    row = get_member(s, member_id)
    member = Member(**{f.name: getattr(row, f.name) for f in fields(Member)})
    references = s.exec(
        select(TeamReference)
        .where(col(TeamReference.member_id) == member_id)
        .order_by(col(TeamReference.id))
    )
    training = s.exec(
        select(TeamTraining)
        .where(col(TeamTraining.member_id) == member_id)
        .order_by(col(TeamTraining.id))
    )
    conflicts = s.exec(
        select(ConflictDeclaration, Family.ref)
        .join(Family, col(Family.id) == col(ConflictDeclaration.family_id))
        .where(col(ConflictDeclaration.member_id) == member_id)
        .order_by(col(ConflictDeclaration.id))
    )
    return MemberRecord(
        member,
        dbs_recheck_due(row, get_centre(s).dbs_recheck_years),
        trial_reviews(row),
        tuple(Reference(r.id or 0, r.referee, r.received_on) for r in references),
        tuple(Training(t.id or 0, t.course, t.taken_on, t.expires_on) for t in training),
        tuple(Conflict(c.id or 0, ref, c.note) for c, ref in conflicts),
    )
