"""Is a family ready for contact, and how far along the referral it is.

A family is ready for a session on a given day only when every adult who will attend
has had a pre-visit (before that day, never on it) and has signed the agreement in
force. Closed and excluded families are never ready. Each reason is a sentence the
coordinator can act on; the booking screen shows them when it refuses a family.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from contactcentre.domain import acting, audit, permissions, validate, vocabulary
from contactcentre.domain.agreements import versions as agreement_versions
from contactcentre.domain.errors import NotFound
from contactcentre.domain.vocabulary import STATUS_LABELS
from contactcentre.store.models import Family, FamilyStatus, Person, Role

REFERRED = "Referred"
PRE_VISIT_DONE = "Pre-visit done"
AGREEMENT_SIGNED = "Agreement signed"
ACTIVE = "Active"
CLOSED = "Closed"
EXCLUDED = "Excluded"
LIFECYCLE_STAGES = (REFERRED, PRE_VISIT_DONE, AGREEMENT_SIGNED, ACTIVE, CLOSED, EXCLUDED)


@dataclass(frozen=True)
class Readiness:
    ready: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ChildVisit:
    """A child and the date of their pre-visit (optional for children)."""

    person_id: int
    name: str
    pre_visit_date: date | None


def _family(s: Session, family_id: int) -> Family:
    family = s.get(Family, family_id)
    if family is None:
        raise NotFound(f"Family {family_id} no longer exists.")
    return family


def _attending(
    rows: list[agreement_versions.AdultAgreement],
) -> list[agreement_versions.AdultAgreement]:
    return [row for row in rows if row.attends]


def readiness(s: Session, family_id: int, on: date) -> Readiness:
    """Whether the family may have contact on `on` (a session date), and if not, why."""
    family = _family(s, family_id)
    if family.status == FamilyStatus.excluded:
        return Readiness(False, (f"{family.ref} is excluded from the centre.",))
    if family.status == FamilyStatus.closed:
        return Readiness(False, (f"{family.ref} is closed.",))
    reasons: list[str] = []
    adults = _attending(agreement_versions.adult_agreements(s, family_id))
    if not adults:
        reasons.append(f"No adult who will attend is named for {family.ref}.")
    version = agreement_versions.current_version(s).version
    for adult in adults:
        if adult.state == "unsigned":
            reasons.append(f"{adult.name} has not signed the agreement (version {version})")
        elif adult.state == "resign":
            reasons.append(
                f"{adult.name} must sign the agreement again (version {version}; "
                f"signed version {adult.signed_version})"
            )
        if adult.pre_visit_date is None:
            reasons.append(f"{adult.name} has not had a pre-visit")
    visits = [(a.name, a.pre_visit_date) for a in adults] + [
        (child.name, child.pre_visit_date) for child in children_visits(s, family_id)
    ]
    for name, day in visits:
        if day == on:
            reasons.append(f"The pre-visit for {name} is on the same day ({day:%d/%m/%Y})")
        elif day is not None and day > on:
            reasons.append(f"The pre-visit for {name} is not until {day:%d/%m/%Y}")
    return Readiness(not reasons, tuple(reasons))


def children_visits(s: Session, family_id: int) -> list[ChildVisit]:
    """The family's children, oldest first, with their pre-visit dates if they had one."""
    children = s.exec(
        select(Person)
        .where(col(Person.family_id) == family_id, col(Person.role) == Role.child)
        .order_by(col(Person.date_of_birth), col(Person.id))
    )
    visits = []
    for child in children:
        assert child.id is not None
        visits.append(ChildVisit(child.id, vocabulary.person_name(child), child.pre_visit_date))
    return visits


def lifecycle_stage(s: Session, family_id: int) -> str:
    """Referred → Pre-visit done → Agreement signed → Active → Closed / Excluded."""
    family = _family(s, family_id)
    if family.status != FamilyStatus.referred:
        return STATUS_LABELS[family.status]
    adults = _attending(agreement_versions.adult_agreements(s, family_id))
    if not adults or any(a.pre_visit_date is None for a in adults):
        return REFERRED
    if any(a.state != "signed" for a in adults):
        return PRE_VISIT_DONE
    return AGREEMENT_SIGNED


def _person(s: Session, person_id: int) -> Person:
    person = s.get(Person, person_id)
    if person is None:
        raise NotFound(f"Person {person_id} no longer exists.")
    return person


def _update(s: Session, person: Person, field: str, value: object) -> Person:
    """Change one of a person's fields, stamped and audited, if it is not that already."""
    if getattr(person, field) != value:
        setattr(person, field, value)
        person.updated_at = acting.now(s)
        s.add(person)
        s.flush()
        audit.record(
            s,
            "person.update",
            entity="person",
            entity_id=person.id,
            family_id=person.family_id,
            fields=[field],
        )
    return person


def record_pre_visit(
    s: Session, person_id: int, on: date | str | None, *, today: date | None = None
) -> Person:
    """Set (or clear, with None) the date a person had their pre-visit."""
    permissions.require(s, "edit_family")
    person = _person(s, person_id)
    c = validate.Checker()
    day = c.check("pre_visit_date", "Pre-visit date", validate.parse_date, on)
    if today is not None:
        c.check("pre_visit_date", "Pre-visit date", validate.past_date, day, today)
    c.done()
    return _update(s, person, "pre_visit_date", day)


def set_attends(s: Session, person_id: int, attends: bool) -> Person:
    """Whether an adult will come to contact sessions (only they must sign and pre-visit)."""
    permissions.require(s, "edit_family")
    return _update(s, _person(s, person_id), "attends", bool(attends))
