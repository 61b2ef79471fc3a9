"""Other people's words in a family's incidents, withheld from one person's subject-access
export where the coordinator marks them.

Every text field of each of the family's incidents (where, who was involved, who
witnessed it, what was seen and said...) and each addendum is a passage. A passage goes
into the export as written unless the coordinator marks it as other people's words for
that person; then it reads "[withheld: third party]". The marks are stored per person
(`WithheldPassage`), so the next export about them, from the window or from
`contactcentre subject-access`, withholds the same passages; the coordinator changes them
in the review before writing. A mark is for one person: the visiting parent's own words
are theirs to see, and another's to be withheld from."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from contactcentre.domain import acting, audit, permissions
from contactcentre.domain.disclosure.risk_of_harm import HEADINGS
from contactcentre.domain.safeguarding.incidents import TEXTS, reference
from contactcentre.store.models import Incident, IncidentAddendum, Person, WithheldPassage

ADDENDUM = "addendum"
FIELD_WORDS = {key: words for key, words in HEADINGS if key in TEXTS}


@dataclass(frozen=True)
class Passage:
    incident_id: int
    field: str  # one of incidents.TEXTS, or ADDENDUM
    addendum_id: int | None = None


@dataclass(frozen=True)
class PassageLine:
    passage: Passage
    label: str  # "INC-0001, What was said" / "INC-0001, addendum 1"
    text: str


def family_incidents(s: Session, family_id: int) -> list[tuple[Incident, list[IncidentAddendum]]]:
    """The family's incidents, oldest first, each with its addenda in order."""
    rows = s.exec(
        select(Incident).where(Incident.family_id == family_id).order_by(col(Incident.occurred_at))
    )
    found = []
    for row in rows:
        query = select(IncidentAddendum).where(IncidentAddendum.incident_id == row.id)
        found.append((row, list(s.exec(query.order_by(col(IncidentAddendum.id))))))
    return found


def passages(s: Session, family_id: int) -> list[PassageLine]:
    """Every passage of the family's incidents that holds any text, in export order."""
    lines = []
    for row, added in family_incidents(s, family_id):
        assert row.id is not None
        ref = reference(row.id)
        for field, words in FIELD_WORDS.items():
            if text := getattr(row, field):
                lines.append(PassageLine(Passage(row.id, field), f"{ref}, {words}", text))
        for number, addendum in enumerate(added, 1):
            passage = Passage(row.id, ADDENDUM, addendum.id)
            lines.append(PassageLine(passage, f"{ref}, addendum {number}", addendum.text))
    return lines


def marked(s: Session, person_id: int) -> frozenset[Passage]:
    """The passages withheld from this person's exports."""
    rows = s.exec(select(WithheldPassage).where(WithheldPassage.person_id == person_id))
    return frozenset(Passage(r.incident_id, r.field, r.addendum_id) for r in rows)


def mark(s: Session, subject: Person, chosen: frozenset[Passage]) -> None:
    """Withhold exactly `chosen` from `subject`'s exports (the marks before are replaced).
    Only passages of the subject's family's incidents can be marked."""
    permissions.require(s, "subject_access")
    assert subject.id is not None and subject.family_id is not None
    if chosen == marked(s, subject.id):
        return
    known = {line.passage for line in passages(s, subject.family_id)}
    for row in s.exec(select(WithheldPassage).where(WithheldPassage.person_id == subject.id)):
        s.delete(row)
    for passage in sorted(
        chosen & known, key=lambda p: (p.incident_id, p.field, p.addendum_id or 0)
    ):
        s.add(
            WithheldPassage(
                person_id=subject.id,
                incident_id=passage.incident_id,
                field=passage.field,
                addendum_id=passage.addendum_id,
                marked_by=acting.actor(s),
                marked_at=acting.now(s),
            )
        )
    s.flush()
    audit.record(
        s,
        "access.withhold",
        entity="withheld_passage",
        family_id=subject.family_id,
        detail=f"person {subject.id}: {len(chosen & known)} passage(s)",
    )
