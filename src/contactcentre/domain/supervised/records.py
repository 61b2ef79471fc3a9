"""Observation records and their states: draft → submitted → approved → released.

The worker who supervised writes the record (a draft only its author or a coordinator may
change), submits it, and someone else, a supervisor or a coordinator who did not write it
nor work the session, approves it. An approved record is locked: a later word is an
addendum with who and when, and the original stays as it was approved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from contactcentre.domain import acting, addenda, audit, permissions
from contactcentre.domain.errors import DomainError, NotFound, ValidationError
from contactcentre.domain.supervised import occasions
from contactcentre.domain.validate import Checker, folded, free_text, text
from contactcentre.store.models import (
    ObservationAddendum,
    ObservationRecord,
    ObservationState,
    TeamRole,
)

# What a worker writes; the rest of a record is who and when.
TEXT_FIELDS = (
    "aim",
    "brought_by",
    "collected_by",
    "others_present",
    "second_worker",
    "what_happened",
    "quotes",
    "child_response",
    "interventions",
    "safeguarding_details",
    "critical_incidents",
    "ended_early_reason",
)
FLAGS = ("safeguarding", "ended_early")
SINGLE_LINE = frozenset({"brought_by", "collected_by", "second_worker"})
LOCKED = frozenset({ObservationState.approved, ObservationState.released})


class ObservationRefused(DomainError):
    """This change to a record is not allowed now, or not to this person; says why."""


@dataclass(frozen=True)
class RecordView:
    """One record as a screen lists it: its occasion, state and who."""

    record: ObservationRecord
    occasion: occasions.Occasion
    addenda: tuple[ObservationAddendum, ...]


def same_person(a: str, b: str) -> bool:
    return bool(a.strip()) and folded(" ".join(a.split())) == folded(" ".join(b.split()))


def get_record(s: Session, record_id: int) -> ObservationRecord:
    record = s.get(ObservationRecord, record_id)
    if record is None:
        raise NotFound("That observation record no longer exists.")
    return record


def clean(changes: dict[str, object]) -> dict[str, object]:
    """The fields a worker may write, checked: unknown keys are a bug, bad text a message."""
    unknown = set(changes) - set(TEXT_FIELDS) - set(FLAGS)
    if unknown:
        raise ValueError(f"not fields of an observation record: {sorted(unknown)}")
    checker = Checker()
    cleaned: dict[str, object] = {}
    for key, value in changes.items():
        if key in FLAGS:
            cleaned[key] = bool(value)
            continue
        label = key.replace("_", " ").capitalize()
        cleaned[key] = checker.check(
            key, label, text, str(value), limit=20_000, multiline=key not in SINGLE_LINE
        )
    checker.done()
    return cleaned


def check_complete(record: ObservationRecord) -> None:
    """What a record must say before it is handed in."""
    problems = {}
    if not record.what_happened.strip():
        problems["what_happened"] = "Say what happened in the session."
    if record.safeguarding and not record.safeguarding_details.strip():
        problems["safeguarding_details"] = "Give the details of the safeguarding concern."
    if record.ended_early and not record.ended_early_reason.strip():
        problems["ended_early_reason"] = "Say why the session ended early."
    if problems:
        raise ValidationError(problems)


def _may_edit(s: Session, record: ObservationRecord) -> None:
    if record.state in LOCKED:
        raise ObservationRefused(
            f"This record is {record.state.value}: it cannot change; add an addendum instead."
        )
    if record.state != ObservationState.draft:
        raise ObservationRefused("This record has been submitted: only a draft can change.")
    if acting.role(s) != TeamRole.coordinator and not same_person(acting.actor(s), record.author):
        raise ObservationRefused(
            f"Only {record.author}, who wrote this draft, or a coordinator can change it."
        )


def _audit(s: Session, action: str, record: ObservationRecord, fields: Sequence[str] = ()) -> None:
    """A step in the trail: which record and which fields, never what they say."""
    audit.record(
        s,
        action,
        entity="observation_record",
        entity_id=record.id,
        family_id=record.family_id,
        fields=fields,
    )


def start_record(
    s: Session, *, booking_id: int | None = None, escorted_visit_id: int | None = None
) -> ObservationRecord:
    """A new draft for a supervised booking or escorted visit, written by the acting person."""
    permissions.require(s, "write_observations")
    if (booking_id is None) == (escorted_visit_id is None):
        raise ValueError("a record is of one booking or one escorted visit")
    family_id = occasions.occasion_family(s, booking_id, escorted_visit_id)
    occasions.supervised_family(s, family_id)
    taken = s.exec(
        select(ObservationRecord).where(
            col(ObservationRecord.booking_id) == booking_id
            if booking_id is not None
            else col(ObservationRecord.escorted_visit_id) == escorted_visit_id
        )
    ).first()
    if taken is not None:
        raise ObservationRefused(f"This session already has a record, written by {taken.author}.")
    now = acting.now(s)
    record = ObservationRecord(
        family_id=family_id,
        booking_id=booking_id,
        escorted_visit_id=escorted_visit_id,
        author=acting.actor(s),
        created_at=now,
        updated_at=now,
    )
    s.add(record)
    s.flush()
    _audit(s, "observation.create", record)
    return record


def edit_record(s: Session, record_id: int, **changes: object) -> ObservationRecord:
    """Change a draft (its author or a coordinator)."""
    permissions.require(s, "write_observations")
    record = get_record(s, record_id)
    _may_edit(s, record)
    cleaned = clean(changes)
    for key, value in cleaned.items():
        setattr(record, key, value)
    record.updated_at = acting.now(s)
    s.add(record)
    _audit(s, "observation.edit", record, fields=sorted(cleaned))
    return record


def submit(s: Session, record_id: int) -> ObservationRecord:
    """Hand a draft in for approval."""
    permissions.require(s, "write_observations")
    record = get_record(s, record_id)
    _may_edit(s, record)
    check_complete(record)
    record.state, record.submitted_at = ObservationState.submitted, acting.now(s)
    s.add(record)
    _audit(s, "observation.submit", record)
    return record


def return_refusal(s: Session, record: ObservationRecord) -> str:
    """Why the acting person cannot send this record back to draft now, or ''. Its
    author may withdraw a submitted record; anyone who could approve it may return it for
    changes. An approved record stays locked."""
    if not permissions.may(s, "return_observations"):
        return f"Only {permissions.who_may('return_observations')} can return records."
    if record.state != ObservationState.submitted:
        return f"This record is {record.state.value}: only a submitted record can go back."
    if same_person(acting.actor(s), record.author):
        return ""
    refusal = approval_refusal(s, record)
    return refusal.replace("approve it", "review it").replace("approve its", "review its")


def return_to_draft(s: Session, record_id: int, reason: str = "") -> ObservationRecord:
    """A submitted record back to a draft its author changes: withdrawn by the author, or
    returned for changes by a reviewer, who must say what to change (kept on the record
    for its author, never in a report)."""
    permissions.require(s, "return_observations")
    record = get_record(s, record_id)
    refusal = return_refusal(s, record)
    if refusal:
        raise ObservationRefused(refusal)
    withdrawn = same_person(acting.actor(s), record.author)
    why = free_text("return_reason", "The reason", reason, limit=2000)
    if not withdrawn and not why:
        raise ValidationError.single("return_reason", "Say what the author should change.")
    if not withdrawn:
        record.returned_by, record.return_reason = acting.actor(s), why
    record.state, record.submitted_at = ObservationState.draft, None
    s.add(record)
    action = "observation.withdraw" if withdrawn else "observation.return"
    _audit(s, action, record, fields=[] if withdrawn else ["returned_by", "return_reason"])
    return record


def approval_refusal(s: Session, record: ObservationRecord) -> str:
    """Why the acting person cannot approve this record now, or '' when they can."""
    if not permissions.may(s, "approve_observations"):
        return f"Only {permissions.who_may('approve_observations')} can approve records."
    if record.state != ObservationState.submitted:
        return f"This record is {record.state.value}: only a submitted record can be approved."
    me = acting.actor(s)
    if same_person(me, record.author):
        return "You wrote this record: another supervisor or a coordinator must approve it."
    if same_person(me, record.second_worker):
        return "You worked this session: someone who did not must approve its record."
    return ""


def approve(s: Session, record_id: int) -> ObservationRecord:
    """Quality-check a submitted record: from now on it is locked."""
    permissions.require(s, "approve_observations")
    record = get_record(s, record_id)
    refusal = approval_refusal(s, record)
    if refusal:
        raise ObservationRefused(refusal)
    record.state = ObservationState.approved
    record.approved_by, record.approved_at = acting.actor(s), acting.now(s)
    s.add(record)
    _audit(s, "observation.approve", record)
    return record


def add_addendum(s: Session, record_id: int, words: str) -> ObservationAddendum:
    """A later word on an approved (or released) record, with who and when."""
    permissions.require(s, "write_observations")
    record = get_record(s, record_id)
    if record.state not in LOCKED:
        raise ObservationRefused(
            "Only an approved record takes addenda: change the record itself while it is a draft."
        )
    return addenda.add(
        s, ObservationAddendum, words, to={"record_id": record_id}, family_id=record.family_id,
        action="observation.addendum",
    )  # fmt: skip


def addenda_of(s: Session, record_id: int) -> tuple[ObservationAddendum, ...]:
    return tuple(
        s.exec(
            select(ObservationAddendum)
            .where(col(ObservationAddendum.record_id) == record_id)
            .order_by(col(ObservationAddendum.id))
        )
    )


def records_of(
    s: Session, family_id: int, first: date | None = None, last: date | None = None
) -> list[RecordView]:
    """A supervised family's records, by the day of contact, optionally within a period."""
    permissions.require(s, "write_observations")
    occasions.supervised_family(s, family_id)
    return views(s, family_id, first, last)


def views(
    s: Session, family_id: int, first: date | None = None, last: date | None = None
) -> list[RecordView]:
    """`records_of` for callers that checked their own permission (the report)."""
    rows = s.exec(
        select(ObservationRecord)
        .where(col(ObservationRecord.family_id) == family_id)
        .order_by(col(ObservationRecord.id))
    )
    found = [RecordView(r, occasions.occasion(s, r), addenda_of(s, r.id or 0)) for r in rows]
    found = [
        v
        for v in found
        if (first is None or v.occasion.day >= first) and (last is None or v.occasion.day <= last)
    ]
    return sorted(found, key=lambda v: (v.occasion.day, v.occasion.start))
