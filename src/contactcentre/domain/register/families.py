"""The family register: saving families (cases) with their people and referees, loading
one as a form, closing and excluding. The forms and their checks are in `family_forms`;
the lists of families are in `family_lists`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from datetime import date
from typing import TypeVar

from dateutil.relativedelta import relativedelta
from sqlmodel import Session, col, func, select

from contactcentre.domain import acting, audit, permissions, validate
from contactcentre.domain.errors import NotFound
from contactcentre.domain.register.family_forms import (
    FamilyForm,
    PersonForm,
    RefereeForm,
    clean_family_fields,
    clean_person_fields,
    clean_referee_fields,
)
from contactcentre.domain.safeguarding.screening import check_supported
from contactcentre.store.models import (
    CaseOutcome,
    Centre,
    Family,
    FamilyStatus,
    Person,
    Referee,
    StatusChange,
)


def next_ref(s: Session) -> str:
    """The next free reference in the F-0001 series."""
    highest = 0
    for ref in s.exec(select(Family.ref).where(col(Family.ref).like("F-%"))):
        digits = ref[2:]
        if digits.isdigit():
            highest = max(highest, int(digits))
    return f"F-{highest + 1:04d}"


def ref_key(ref: str) -> str:
    """How references are compared: `f-0001` and `F-0001` are the same family."""
    return ref.strip().upper()


def first_review_date(s: Session, today: date) -> date:
    """When an arrangement that becomes active today is first reviewed: after the centre's
    review period (the default period in a store that has no centre details yet, such as
    one a CSV round trip is imported into)."""
    centre = s.get(Centre, 1)
    months: int = centre.review_months if centre else Centre.model_fields["review_months"].default
    review: date = today + relativedelta(months=months)
    return review


def _ref_taken(s: Session, ref: str, family_id: int | None) -> bool:
    query = select(Family.id).where(func.upper(col(Family.ref)) == ref_key(ref))
    if family_id is not None:
        query = query.where(col(Family.id) != family_id)
    return s.exec(query).first() is not None


def _apply(row: object, values: dict[str, object]) -> list[str]:
    """Set changed values on a row; return the names of the fields that changed."""
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, values[name])
    return changed


def save_family(
    s: Session, form: FamilyForm, *, today: date, family_id: int | None = None
) -> Family:
    """Create (family_id None) or update a family with its people and referees.

    Everything is validated first: on any problem nothing is written and the
    ValidationError names every bad field.
    """
    permissions.require(s, "edit_family")
    c = validate.Checker()
    values = clean_family_fields(c, form, today)
    people = [clean_person_fields(c, f"people.{i}", p, today) for i, p in enumerate(form.people)]
    referees = [clean_referee_fields(c, f"referees.{i}", r) for i, r in enumerate(form.referees)]
    if values["ref"] and _ref_taken(s, str(values["ref"]), family_id):
        c.add("ref", f"Reference {values['ref']} is already used by another family")
    c.done()

    if family_id is None:
        family = Family(**values)  # type: ignore[arg-type]
        s.add(family)
        s.flush()
        changed = list(values)
        action = "family.create"
    else:
        found = s.get(Family, family_id)
        if found is None:
            raise NotFound(f"Family {family_id} no longer exists.")
        family = found
        previous_status = family.status
        changed = _apply(family, values)
        if changed:
            family.updated_at = acting.now(s)
        action = "family.update"
        if family.status != previous_status:
            _note_status(s, family, previous_status, today, reason="", decided_by="")
        if family.status == FamilyStatus.active and (
            previous_status != FamilyStatus.active or "contact_type" in changed
        ):
            check_supported(s, family)  # accepting for supported contact
    assert family.id is not None
    if family.status == FamilyStatus.active and family.review_date is None:
        family.review_date = first_review_date(s, today)
    if changed:
        audit.record(
            s, action, entity="family", entity_id=family.id, family_id=family.id, fields=changed
        )
    _sync_children(s, family.id, Person, form.people, people, "person")
    _sync_children(s, family.id, Referee, form.referees, referees, "referee")
    return family


Member = TypeVar("Member", Person, Referee)


def _sync_children(
    s: Session,
    family_id: int,
    model: type[Member],
    forms: Sequence[PersonForm | RefereeForm],
    cleaned: list[dict[str, object]],
    entity: str,
) -> None:
    """Make the family's people (or referees) match the form: update, add, remove."""
    existing = {row.id: row for row in s.exec(select(model).where(model.family_id == family_id))}
    kept: set[int] = set()
    for form, values in zip(forms, cleaned, strict=True):
        row = existing.get(form.id) if form.id is not None else None
        if row is None:
            row = model.model_validate({"family_id": family_id, **values})
            s.add(row)
            s.flush()
            changed = list(values)
            action = f"{entity}.create"
        else:
            changed = _apply(row, values)
            action = f"{entity}.update"
            if changed and isinstance(row, Person):
                row.updated_at = acting.now(s)
        assert row.id is not None
        kept.add(row.id)
        if changed:
            audit.record(
                s, action, entity=entity, entity_id=row.id, family_id=family_id, fields=changed
            )
    for row_id, row in existing.items():
        if row_id not in kept:
            s.delete(row)
            audit.record(
                s, f"{entity}.delete", entity=entity, entity_id=row_id, family_id=family_id
            )
    s.flush()


def _note_status(
    s: Session, family: Family, previous: FamilyStatus, on: date, *, reason: str, decided_by: str
) -> None:
    assert family.id is not None
    s.add(
        StatusChange(
            family_id=family.id,
            from_status=previous,
            to_status=family.status,
            effective_on=on,
            reason=reason,
            decided_by=decided_by,
        )
    )
    audit.record(
        s,
        "family.status",
        entity="family",
        entity_id=family.id,
        family_id=family.id,
        fields=["status"],
        detail=f"{previous.value}->{family.status.value}",
    )


def end_family(
    s: Session,
    family_id: int,
    status: FamilyStatus,
    *,
    reason: str,
    on: date,
    decided_by: str,
    today: date,
    outcome: CaseOutcome | str | None = None,
    outcome_text: str = "",
) -> Family:
    """Close or exclude a family, recording why, when, who decided and how the case ended
    (`outcome`, from the fixed list; `other` needs its words). An exclusion's outcome is
    `excluded` unless given; a closure without one is counted as "not recorded"."""
    permissions.require(s, "edit_family")
    # A Qt combo box hands back the plain string value: make it the enum again.
    status = FamilyStatus(status)
    if status not in {FamilyStatus.closed, FamilyStatus.excluded}:
        raise ValueError(status)
    family = s.get(Family, family_id)
    if family is None:
        raise NotFound(f"Family {family_id} no longer exists.")
    c = validate.Checker()
    clean_reason = c.check("reason", "Reason", validate.text, reason, limit=2000)
    if not clean_reason:
        c.add("reason", "Reason is required")
    c.check("on", "Date", validate.past_date, on, today)
    who = c.check(
        "decided_by",
        "Decided by",
        validate.name,
        decided_by,
        required=status == FamilyStatus.excluded,
    )
    clean_outcome: CaseOutcome | None = None
    if outcome:
        clean_outcome = c.check("outcome", "Outcome", validate.choice, CaseOutcome, outcome)
    if clean_outcome is None and status == FamilyStatus.excluded:
        clean_outcome = CaseOutcome.excluded
    words = c.check("outcome_text", "Outcome", validate.text, outcome_text, limit=200)
    if clean_outcome == CaseOutcome.other and not words:
        c.add("outcome_text", "Say what the outcome was")
    c.done()
    previous = family.status
    family.status = status
    family.outcome = clean_outcome
    family.outcome_text = words if clean_outcome == CaseOutcome.other else ""
    family.closed_on = on
    family.closed_reason = clean_reason
    family.closed_by = who or ""
    family.updated_at = acting.now(s)
    _note_status(s, family, previous, on, reason=clean_reason, decided_by=who or "")
    return family


def load_family_form(s: Session, family_id: int) -> FamilyForm:
    """The family as an editable form (ids kept so saving updates in place)."""
    permissions.require(s, "see_family")
    family = s.get(Family, family_id)
    if family is None:
        raise NotFound(f"Family {family_id} no longer exists.")
    simple = {f.name for f in fields(FamilyForm)} - {"people", "referees"}
    form = FamilyForm(**{name: getattr(family, name) for name in simple})
    person_fields = {f.name for f in fields(PersonForm)}
    for person in s.exec(
        select(Person).where(Person.family_id == family_id).order_by(col(Person.id))
    ):
        form.people.append(PersonForm(**{n: getattr(person, n) for n in person_fields}))
    referee_fields = {f.name for f in fields(RefereeForm)}
    for referee in s.exec(
        select(Referee).where(Referee.family_id == family_id).order_by(col(Referee.id))
    ):
        form.referees.append(RefereeForm(**{n: getattr(referee, n) for n in referee_fields}))
    return form


def family_by_ref(s: Session, ref: str) -> Family:
    family = s.exec(select(Family).where(func.upper(col(Family.ref)) == ref_key(ref))).first()
    if family is None:
        raise NotFound(f"No family with reference {ref.strip()!r}.")
    return family
