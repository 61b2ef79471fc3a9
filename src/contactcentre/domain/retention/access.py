"""A subject-access export: everything the centre holds about one person of a family, as
plain sections (documents/subject_access.py prints them; the JSON is the same data).

What is theirs: their own record; their children's records when they are a parent (a
parent has parental responsibility for the family's children); the family's bookings
with the times of their own and the children's attendance; the agreements they signed;
the letters and disclosures about the family; the family's incidents and concerns with
their addenda. What is withheld as a third party's: the other adults' address, phone and
e-mail, their attendance times, the referee's and referrer's details, and the incident
passages the coordinator marked as other people's words (withholding.py). Nothing of any
other family is read at all. Each withheld value reads "[withheld: third party]"."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from contactcentre.documents.data import WITHHELD, AccessSection, SubjectAccess
from contactcentre.domain import acting, audit, permissions
from contactcentre.domain.centre import get_centre, letterhead
from contactcentre.domain.disclosure.log import recipient_lines
from contactcentre.domain.errors import NotFound
from contactcentre.domain.register.families import family_by_ref
from contactcentre.domain.retention import withholding
from contactcentre.domain.retention.requests import mark_sent
from contactcentre.domain.safeguarding import incidents
from contactcentre.domain.validate import display_phone
from contactcentre.domain.vocabulary import ROLE_LABELS
from contactcentre.store.models import (
    AttendanceEvent,
    Booking,
    ContactSession,
    Disclosure,
    DisclosureOutcome,
    Family,
    Person,
    Role,
    Signature,
)

PARENTS = (Role.resident_parent, Role.non_resident_parent)
Record = tuple[tuple[str, str], ...]


def _name(p: Person) -> str:
    return f"{p.first_name} {p.last_name}".strip()


def _day(on: date | None) -> str:
    return f"{on:%d/%m/%Y}" if on else ""


def _person(p: Person, *, own: bool) -> Record:
    kept = (lambda v: v) if own else (lambda v: WITHHELD if v else "")
    rows = [("Name", _name(p)), ("Role", ROLE_LABELS[p.role])]
    if p.role == Role.child:
        rows += [("Date of birth", _day(p.date_of_birth)), ("Needs", p.needs)]
    else:
        phone = display_phone(p.phone) if p.phone else ""
        rows += [("Phone", kept(phone)), ("E-mail", kept(p.email)), ("Address", kept(p.address))]
    if own:
        rows += [("Notes", p.notes)]
    return tuple(rows)


def find_subject(s: Session, family_ref: str, person: str) -> tuple[Family, Person, list[Person]]:
    """The family, the adult called `person` ("First Last", any case) and everyone in it."""
    permissions.require(s, "subject_access")
    family = family_by_ref(s, family_ref)
    people = list(
        s.exec(select(Person).where(Person.family_id == family.id).order_by(col(Person.id)))
    )
    wanted = " ".join(person.split()).casefold()
    subject = next((p for p in people if _name(p).casefold() == wanted), None)
    if subject is None or subject.role == Role.child:
        raise NotFound(f"{family.ref} has no adult called {person.strip()!r}.")
    return family, subject, people


def subject_access_export(
    s: Session,
    family_ref: str,
    person: str,
    today: date,
    *,
    withheld: frozenset[withholding.Passage] | None = None,
) -> SubjectAccess:
    """The export about `person` ("First Last", an adult of the family). `withheld`: the
    incident passages to withhold as other people's words (None: as marked and stored)."""
    permissions.require(s, "subject_access")
    family, subject, people = find_subject(s, family_ref, person)
    assert subject.id is not None and family.id is not None
    if withheld is None:
        withheld = withholding.marked(s, subject.id)
    tz = ZoneInfo(get_centre(s).timezone)
    children = [p for p in people if p.role == Role.child] if subject.role in PARENTS else []
    ours = {subject.id, *(c.id for c in children)}
    others = [p for p in people if p.id not in ours]
    sections = (
        AccessSection("Your record", (_person(subject, own=True),)),
        AccessSection("Your case", (_case(family),)),
        AccessSection("Your children", tuple(_person(c, own=True) for c in children)),
        AccessSection("Other people in the family", tuple(_person(p, own=False) for p in others)),
        AccessSection("Bookings and attendance", _bookings(s, family, ours, tz)),
        AccessSection("Agreements you signed", _signatures(s, subject)),
        AccessSection("Letters and disclosures", _disclosures(s, family)),
        AccessSection("Incidents and concerns", _incidents(s, family.id, withheld, tz)),
    )
    return SubjectAccess(letterhead(s), _name(subject), family.ref, today, sections)


def _case(f: Family) -> Record:
    return (
        ("Reference", f.ref),
        ("Contact", f.contact_type.value),
        ("Status", f.status.value),
        ("Referred", _day(f.referral_date)),
        ("Referred by", f.referral_source.value),
        ("Referrer", WITHHELD if f.referrer_name else ""),
        ("Closed", _day(f.closed_on)),
    )


def _bookings(
    s: Session, family: Family, ours: set[int | None], zone: ZoneInfo
) -> tuple[Record, ...]:
    query = (
        select(Booking, col(ContactSession.day))
        .join(ContactSession, col(ContactSession.id) == Booking.session_id)
        .where(Booking.family_id == family.id)
        .order_by(col(ContactSession.day))
    )
    found = []
    for booking, day in s.exec(query):
        events = s.exec(
            select(AttendanceEvent)
            .where(AttendanceEvent.booking_id == booking.id)
            .order_by(col(AttendanceEvent.occurred_at))
        )
        times = [
            f"{e.kind.value} {e.occurred_at.astimezone(zone):%H:%M}"
            if e.person_id is None or e.person_id in ours
            else WITHHELD
            for e in events
        ]
        found.append(
            (
                ("Session", _day(day)),
                ("Booking", booking.status.value),
                ("Attendance", "; ".join(times)),
            )
        )
    return tuple(found)


def _signatures(s: Session, subject: Person) -> tuple[Record, ...]:
    rows = s.exec(select(Signature).where(Signature.person_id == subject.id))
    return tuple(
        (
            ("Agreement version", str(r.version)),
            ("Signed", _day(r.signed_on)),
            ("How", r.method.value),
            ("Text signed", r.text_signed),
        )
        for r in rows
    )


def _disclosures(s: Session, family: Family) -> tuple[Record, ...]:
    rows = s.exec(
        select(Disclosure).where(Disclosure.family_id == family.id).order_by(col(Disclosure.id))
    )
    return tuple(
        (
            ("Date", _day(r.at.date())),
            ("To", _organisation(r.recipient)),
            ("What", r.outcome.value),
            ("Period", f"{_day(r.period_from)} to {_day(r.period_to)}"),
        )
        for r in rows
    )


def _incidents(
    s: Session, family_id: int, withheld: frozenset[withholding.Passage], zone: ZoneInfo
) -> tuple[Record, ...]:
    """Each incident as written, bar the passages withheld; who wrote and signed it off
    (the team) is not the person's data and stays out."""

    def shown(text: str, passage: withholding.Passage) -> str:
        return WITHHELD if text and passage in withheld else text

    found = []
    for row, added in withholding.family_incidents(s, family_id):
        assert row.id is not None
        rows = [
            ("Reference", incidents.reference(row.id)),
            ("When", f"{row.occurred_at.astimezone(zone):%d/%m/%Y %H:%M}"),
            ("What kind", incidents.CATEGORY_WORDS[row.category]),
        ]
        rows += [
            (words, shown(getattr(row, field), withholding.Passage(row.id, field)))
            for field, words in withholding.FIELD_WORDS.items()
        ]
        rows += [
            (
                f"Addendum {number} ({a.added_at.astimezone(zone):%d/%m/%Y})",
                shown(a.text, withholding.Passage(row.id, withholding.ADDENDUM, a.id)),
            )
            for number, a in enumerate(added, 1)
        ]
        found.append(tuple(rows))
    return tuple(found)


def _organisation(recipient: str) -> str:
    """Whom it went to, as the person may know it: the organisation ("Name, Organisation"
    keeps its last part); the individual who received it is a third party."""
    parts = recipient_lines(recipient)
    if not parts:
        return ""
    return parts[-1] if len(parts) > 1 else WITHHELD


def as_json(export: SubjectAccess) -> dict[str, Any]:
    return {
        "subject": export.subject,
        "family_ref": export.family_ref,
        "produced_on": export.produced_on.isoformat(),
        "withheld_marker": WITHHELD,
        "sections": {sec.title: [dict(rec) for rec in sec.records] for sec in export.sections},
    }


def export_json(export: SubjectAccess) -> bytes:
    """The JSON file as written to the folder, beside the PDF the faces render."""
    return json.dumps(as_json(export), indent=2, ensure_ascii=False).encode("utf-8")


def log_export(s: Session, export: SubjectAccess) -> None:
    """Log the export in the disclosure log (to the person themself) and mark their open
    request sent."""
    permissions.require(s, "subject_access")
    family = family_by_ref(s, export.family_ref)
    assert family.id is not None
    digest = hashlib.sha256(json.dumps(as_json(export), sort_keys=True).encode()).hexdigest()
    row = Disclosure(
        at=acting.now(s),
        produced_by=acting.actor(s),
        family_id=family.id,
        recipient=f"{export.subject}, subject access",
        period_from=family.referral_date,
        period_to=export.produced_on,
        outcome=DisclosureOutcome.produced,
        digest=digest,
        requested_by=export.subject,
    )
    s.add(row)
    s.flush()
    audit.record(
        s, "disclosure.subject_access", entity="disclosure", entity_id=row.id, family_id=family.id
    )
    mark_sent(s, family.id, export.subject, export.produced_on)
