"""Incidents and concerns: written by whoever saw them, signed off by a coordinator, then
locked (addenda only). A concern about a child's welfare is an incident of category
"safeguarding concern". The text never leaves the app except through a risk-of-harm
disclosure (domain/disclosure/risk_of_harm.py); lists show references, never the text."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from sqlmodel import Session, col, select

from contactcentre.domain import acting, audit, permissions
from contactcentre.domain import addenda as locked_addenda
from contactcentre.domain.errors import DomainError, NotFound, ValidationError
from contactcentre.domain.validate import choice, free_text
from contactcentre.store.models import (
    Disclosure,
    DisclosureOutcome,
    Family,
    Incident,
    IncidentAddendum,
    IncidentCategory,
)

CATEGORY_WORDS = {
    IncidentCategory.safeguarding_concern: "Safeguarding concern",
    IncidentCategory.aggression: "Aggression",
    IncidentCategory.breach_of_rules: "Breach of the ground rules",
    IncidentCategory.accident: "Accident",
    IncidentCategory.other: "Other",
}
TEXTS = (
    "place",
    "involved",
    "visitors",
    "witnesses",
    "seen",
    "said",
    "actions",
    "decision",
    "decision_reasons",
)
TOLD = ("police_told_at", "social_services_told_at", "referrer_told_at")


class Locked(DomainError):
    """A signed-off incident cannot be changed: add an addendum instead."""


@dataclass(frozen=True)
class IncidentForm:
    """What the person who saw it writes (and a coordinator completes before sign-off)."""

    occurred_at: datetime
    category: IncidentCategory = IncidentCategory.other
    family_id: int | None = None
    place: str = ""
    involved: str = ""  # the family's people, by role
    visitors: str = ""  # anyone else, by description
    witnesses: str = ""
    seen: str = ""  # what was seen: facts
    said: str = ""  # what was said: quotes marked
    actions: str = ""  # immediate actions
    police_told_at: datetime | None = None
    social_services_told_at: datetime | None = None
    referrer_told_at: datetime | None = None
    decision: str = ""  # the coordinator's decision
    decision_reasons: str = ""


@dataclass(frozen=True)
class IncidentLine:
    """One incident in a list: what it is, never what it says."""

    id: int
    reference: str
    family_ref: str
    occurred_at: datetime
    category: IncidentCategory
    signed_off: bool
    disclosed: bool

    @property
    def category_words(self) -> str:
        return CATEGORY_WORDS[self.category]


def reference(incident_id: int) -> str:
    return f"INC-{incident_id:04d}"


def incident_id_of(ref: str) -> int:
    digits = ref.strip().upper().removeprefix("INC-")
    if not digits.isdigit():
        raise NotFound(f"No incident {ref.strip()!r}: references look like INC-0001.")
    return int(digits)


def _incident(s: Session, incident_id: int) -> Incident:
    found = s.get(Incident, incident_id)
    if found is None:
        raise NotFound(f"There is no incident {reference(incident_id)}.")
    return found


def _fill(s: Session, row: Incident, form: IncidentForm) -> None:
    if form.family_id is not None and s.get(Family, form.family_id) is None:
        raise NotFound("That family no longer exists.")
    if form.occurred_at > acting.now(s):
        raise ValidationError.single("occurred_at", "The incident cannot be in the future.")
    row.family_id, row.occurred_at = form.family_id, form.occurred_at
    row.category = choice(IncidentCategory, form.category)
    for name in TEXTS:
        setattr(
            row,
            name,
            free_text(name, name.replace("_", " ").capitalize(), getattr(form, name), limit=10_000),
        )
    for name in TOLD:
        setattr(row, name, getattr(form, name))
    if not (row.seen or row.said):
        raise ValidationError.single("seen", "Write what was seen or said.")


def record_incident(s: Session, form: IncidentForm) -> Incident:
    """Record an incident or concern: anyone on the team who saw it may."""
    permissions.require(s, "record_incident")
    row = Incident(
        occurred_at=form.occurred_at, recorded_by=acting.actor(s), recorded_at=acting.now(s)
    )
    _fill(s, row, form)
    s.add(row)
    s.flush()
    audit.record(
        s,
        "incident.create",
        entity="incident",
        entity_id=row.id,
        family_id=row.family_id,
        detail=row.category.value,
    )
    return row


def load_incident(s: Session, incident_id: int) -> tuple[IncidentForm, Incident]:
    """The incident's text as a form, and its row (who recorded and signed it, when)."""
    permissions.require(s, "read_incidents")
    row = _incident(s, incident_id)
    form = IncidentForm(**{f.name: getattr(row, f.name) for f in fields(IncidentForm)})
    return form, row


def update_incident(s: Session, incident_id: int, form: IncidentForm) -> Incident:
    """Complete or correct an incident before it is signed off."""
    permissions.require(s, "read_incidents")
    row = _incident(s, incident_id)
    if row.signed_off_at is not None:
        raise Locked(f"{reference(incident_id)} is signed off: add an addendum instead.")
    _fill(s, row, form)
    audit.record(s, "incident.update", entity="incident", entity_id=row.id, family_id=row.family_id)
    return row


def sign_off(s: Session, incident_id: int) -> Incident:
    """A coordinator signs the incident off: from now on it is locked."""
    permissions.require(s, "sign_off_incident")
    row = _incident(s, incident_id)
    if row.signed_off_at is not None:
        raise Locked(f"{reference(incident_id)} is already signed off by {row.signed_off_by}.")
    if not row.decision:
        raise ValidationError.single("decision", "Record the decision before signing off.")
    row.signed_off_by, row.signed_off_at = acting.actor(s), acting.now(s)
    audit.record(
        s, "incident.sign_off", entity="incident", entity_id=row.id, family_id=row.family_id
    )
    return row


def add_addendum(s: Session, incident_id: int, text: str) -> IncidentAddendum:
    """Add to a signed-off incident (the record itself stays as it was signed)."""
    permissions.require(s, "read_incidents")
    row = _incident(s, incident_id)
    if row.signed_off_at is None:
        raise DomainError(f"{reference(incident_id)} is not signed off yet: change it instead.")
    return locked_addenda.add(
        s, IncidentAddendum, text, to={"incident_id": incident_id}, family_id=row.family_id,
        action="incident.addendum", field="addendum", limit=10_000,
    )  # fmt: skip


def addenda(s: Session, incident_id: int) -> list[IncidentAddendum]:
    permissions.require(s, "read_incidents")
    query = select(IncidentAddendum).where(IncidentAddendum.incident_id == incident_id)
    return list(s.exec(query.order_by(col(IncidentAddendum.id))))


def incident_lines(s: Session, family_id: int | None = None) -> list[IncidentLine]:
    """Every incident (or one family's), newest first: reference, when, category, whether
    signed off and disclosed. Never the text."""
    permissions.require(s, "read_incidents")
    query = select(Incident, Family.ref).join(Family, isouter=True)
    if family_id is not None:
        query = query.where(Incident.family_id == family_id)
    disclosed = set(
        s.exec(select(Disclosure.incident_id).where(Disclosure.outcome == DisclosureOutcome.harm))
    )
    lines = [
        IncidentLine(
            row.id or 0,
            reference(row.id or 0),
            ref or "",
            row.occurred_at,
            row.category,
            row.signed_off_at is not None,
            row.id in disclosed,
        )
        for row, ref in s.exec(query)
    ]
    return sorted(lines, key=lambda line: line.occurred_at, reverse=True)


def families_with_open_incidents(s: Session) -> set[int]:
    """The families with an incident not yet signed off: a legal hold. Used by retention,
    which must never destroy these families' records."""
    query = select(Incident.family_id).where(
        col(Incident.signed_off_at).is_(None), col(Incident.family_id).is_not(None)
    )
    return {family_id for family_id in s.exec(query) if family_id is not None}
