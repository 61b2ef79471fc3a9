"""Supervised contact and safeguarding as they concern one person, for the subject-access
export: the supervised case, escorted visits, observation records and their addenda,
screening answers, the safeguarding plan, the risk statement and exclusions. The
third-party rule for each table is written down once, in access.py's docstring."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from contactcentre.documents.data import WITHHELD
from contactcentre.domain.retention.access_case import Record, Subject, day, family_rows, withheld
from contactcentre.domain.safeguarding.incidents import reference
from contactcentre.domain.safeguarding.levels import ANSWER_WORDS, QUESTIONS
from contactcentre.store.models import (
    Booking,
    ContactSession,
    EscortedVisit,
    Exclusion,
    ObservationAddendum,
    ObservationRecord,
    ObservationState,
    RiskItem,
    SafeguardingPlan,
    ScreeningAnswer,
    SupervisedCase,
)

FINAL = frozenset({ObservationState.approved, ObservationState.released})
IN_PREPARATION = "in preparation: not yet checked and approved"
# The worker's own account, as written; who else was there and anyone's quoted words are
# withheld (the record holds no per-passage marks of whose words they are).
SHOWN = {
    "aim": "Aim of the session",
    "what_happened": "What happened",
    "child_response": "How the child responded",
    "interventions": "Interventions by the worker",
    "safeguarding_details": "Safeguarding concerns",
    "critical_incidents": "Critical incidents",
    "ended_early_reason": "Why it ended early",
}
OTHERS = {
    "brought_by": "Brought by",
    "collected_by": "Collected by",
    "others_present": "Others present",
    "quotes": "What was said",
}


def supervised_case(s: Session, who: Subject) -> tuple[Record, ...]:
    row = s.exec(select(SupervisedCase).where(SupervisedCase.family_id == who.family.id)).first()
    if row is None or not who.parent:
        return ()
    return ((("Case number", row.case_number), ("Ordered by the court", _yes(row.court_ordered))),)


def escorted_visits(s: Session, who: Subject) -> tuple[Record, ...]:
    """Where and when the family's contact outside the centre took place (the worker, a
    member of the team, is not the person's data)."""
    if not who.parent:
        return ()
    rows = family_rows(s, EscortedVisit, who, col(EscortedVisit.day), col(EscortedVisit.start))
    return tuple(
        (
            ("Day", day(r.day)),
            ("Time", f"{r.start:%H:%M} to {r.end:%H:%M}"),
            ("Where", r.venue),
            ("Route", r.route),
            ("Back by", f"{r.return_by:%H:%M}" if r.return_by else ""),
        )
        for r in rows
    )


def observations(s: Session, who: Subject) -> tuple[Record, ...]:
    """A parent's: the records of the family's supervised contact with their child. An
    approved or released record is the centre's account as it stands (its addenda
    follow); one still being written or checked is listed as in preparation, by date."""
    if not who.parent:
        return ()
    rows = family_rows(s, ObservationRecord, who, col(ObservationRecord.id))
    found: list[Record] = []
    for r in rows:
        when = ("Occasion", day(_occasion(s, r)))
        if r.state not in FINAL:
            found.append((when, ("State", IN_PREPARATION)))
            continue
        body: list[tuple[str, str]] = [(w, getattr(r, f)) for f, w in SHOWN.items()]
        body += [(words, withheld(getattr(r, field))) for field, words in OTHERS.items()]
        body += [("Safeguarding concern", _yes(r.safeguarding))]
        body += [("Ended early", _yes(r.ended_early))]
        added = s.exec(
            select(ObservationAddendum)
            .where(ObservationAddendum.record_id == r.id)
            .order_by(col(ObservationAddendum.id))
        )
        body += [
            (f"Addendum {n} ({a.added_at.astimezone(who.zone):%d/%m/%Y})", a.text)
            for n, a in enumerate(added, 1)
        ]
        found.append((when, ("State", r.state.value), *body))
    return tuple(found)


def _occasion(s: Session, r: ObservationRecord) -> date | None:
    if r.booking_id is not None:
        booking = s.get(Booking, r.booking_id)
        held = s.get(ContactSession, booking.session_id) if booking else None
        return held.day if held else None
    visit = s.get(EscortedVisit, r.escorted_visit_id)
    return visit.day if visit else None


def screening(s: Session, who: Subject) -> tuple[Record, ...]:
    """The person's own answers in full; for each other adult with answers, only that
    there are some."""
    found: list[Record] = []
    for p in who.people:
        rows = list(
            s.exec(
                select(ScreeningAnswer)
                .where(ScreeningAnswer.person_id == p.id)
                .order_by(col(ScreeningAnswer.id))
            )
        )
        if not rows:
            continue
        if p.id != who.person.id:
            found.append((("About", who.called(p.id)), ("Answers", WITHHELD)))
            continue
        found += [
            (
                ("Question", QUESTIONS[r.item]),
                ("Answer", ANSWER_WORDS[r.answer]),
                ("Note", r.note),
                ("Order", r.order_type),
                ("Order made", day(r.order_made_on)),
                ("Order ends", day(r.order_expires_on)),
            )
            for r in rows
        ]
    return tuple(found)


def plan(s: Session, who: Subject) -> tuple[Record, ...]:
    """When the screening and risk statement were reviewed. The override reason and the
    door instruction rest on answers about one adult and name no one: withheld."""
    row = s.exec(
        select(SafeguardingPlan).where(SafeguardingPlan.family_id == who.family.id)
    ).first()
    if row is None:
        return ()
    return (
        (
            ("Screening reviewed", day(row.reviewed_on)),
            ("Risk statement reviewed", day(row.statement_reviewed_on)),
            ("Supported contact despite an answer", withheld(row.override_reason)),
            ("Instruction at the door", withheld(row.door_instruction)),
        ),
    )


def risks(s: Session, who: Subject) -> tuple[Record, ...]:
    """Each risk's ratings; its words describe one adult's conduct without saying whose,
    so they are withheld from every export."""
    rows = family_rows(s, RiskItem, who, col(RiskItem.id))
    return tuple(
        (
            ("Seriousness", r.seriousness.value),
            ("Likelihood", r.likelihood.value),
            ("The risk and how it is managed", WITHHELD),
        )
        for r in rows
    )


def exclusions(s: Session, who: Subject) -> tuple[Record, ...]:
    """The family's exclusions: in full when of everyone, of the person or of their
    child; of another adult, that they were excluded and when, but not why."""
    rows = family_rows(s, Exclusion, who, col(Exclusion.decided_on), col(Exclusion.id))
    return tuple(
        (
            ("Who", who.called(r.person_id) if r.person_id else "the whole family"),
            ("Decided", day(r.decided_on)),
            ("Why", r.reason if _ours(who, r.person_id) else withheld(r.reason)),
            ("Incident", reference(r.incident_id) if r.incident_id else ""),
        )
        for r in rows
    )


def _ours(who: Subject, person_id: int | None) -> bool:
    return person_id is None or person_id in who.ours


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"
