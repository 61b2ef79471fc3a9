"""A subject-access export: everything the centre holds about one person of a family, as
plain sections (documents/subject_access.py prints them; the JSON is the same data).
Nothing of any other family is read at all. Each withheld value reads "[withheld: third
party]". The third-party rule, table by table (registry.py marks each as included):

family, person        their own record in full; their children's when they are a parent
                      (parental responsibility); other adults: name and role only, their
                      phone, e-mail, address withheld; the referrer's name withheld
booking, attendance   the family's bookings with their notes; their own side's planned
                      times only (the other side's never: the stagger keeps them apart);
                      who cancelled, and why unless the other side did; attendance times
                      (with reasons) of them and their children, the other side's and other
                      adults' withheld
signature             the agreements they signed, with the text signed
disclosure            letters and disclosures about the family, to the organisation only
status_change         the family's status history in full (who decided: the team, left out)
charge, payment       those owed or paid by their party (the resident parent / the parent
                      having contact), and, for a parent, those an organisation (Cafcass,
                      the local authority, a solicitor) pays, named as typed; someone else
                      who paid on their party's behalf: withheld; the other parent's: out
indirect_arrangement  for a parent; who items are held from: withheld unless themself
indirect_item         items they sent (in full) or were sent; one sent to them and not
                      passed on: description and reason withheld. No address is read
supervised_case       for a parent: the case number, court-ordered or not
escorted_visit        for a parent: day, times, venue, route (the worker is the team's)
observation_record    for a parent (their child's contact): approved or released records
                      as written, bar who brought/collected the child, others present and
                      quoted words, withheld: the record has no per-passage marks (the
                      incidents' withheld_passage marks point at incidents only, and a
                      record's would need their own column). Drafts and submitted records
                      are held too (UK GDPR covers them) but are not yet the centre's
                      account: listed by date as "in preparation", content to follow
observation_addendum  with its approved record, as written
screening_answer      their own answers in full; another adult's: withheld
safeguarding_plan     review dates; the override reason and door instruction withheld
                      (they rest on one adult's answers and say not whose)
risk_item             ratings only: a risk's words describe one adult without saying whose
exclusion             of the whole family, of them or their child: in full; of another
                      adult: who and when, not why
incident, addendum    as written, bar the passages the coordinator marked as other people's
                      words for this person (withholding.py); the team's names left out
"""

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
from contactcentre.domain.retention import access_care as care
from contactcentre.domain.retention import access_case as case
from contactcentre.domain.retention import withholding
from contactcentre.domain.retention.access_case import Record, Subject, day, name
from contactcentre.domain.retention.requests import mark_sent
from contactcentre.domain.safeguarding import incidents
from contactcentre.domain.validate import display_phone
from contactcentre.domain.vocabulary import ROLE_LABELS
from contactcentre.store.models import (
    AttendanceEvent,
    Booking,
    CancelledBy,
    ContactSession,
    Disclosure,
    DisclosureOutcome,
    EventKind,
    Family,
    Person,
    Role,
    Signature,
)


def _person(p: Person, *, own: bool) -> Record:
    kept = (lambda v: v) if own else (lambda v: WITHHELD if v else "")
    rows = [("Name", name(p)), ("Role", ROLE_LABELS[p.role])]
    if p.role == Role.child:
        rows += [("Date of birth", day(p.date_of_birth)), ("Needs", p.needs)]
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
    subject = next((p for p in people if name(p).casefold() == wanted), None)
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
    who = Subject(family, subject, tuple(people), ZoneInfo(get_centre(s).timezone))
    ours = set(who.ours)
    others = [p for p in people if p.id not in ours]
    sections = (
        AccessSection("Your record", (_person(subject, own=True),)),
        AccessSection("Your case", (_case(family),)),
        AccessSection("Changes of the case's status", case.status_changes(s, who)),
        AccessSection("Your children", tuple(_person(c, own=True) for c in who.children)),
        AccessSection("Other people in the family", tuple(_person(p, own=False) for p in others)),
        AccessSection("Bookings and attendance", _bookings(s, who)),
        AccessSection("Agreements you signed", _signatures(s, subject)),
        AccessSection("Letters and disclosures", _disclosures(s, family)),
        AccessSection("Charges", case.charges(s, who)),
        AccessSection("Payments", case.payments(s, who)),
        AccessSection("Indirect contact: letters, cards and gifts", case.indirect(s, who)),
        AccessSection("Supervised contact", care.supervised_case(s, who)),
        AccessSection("Escorted visits", care.escorted_visits(s, who)),
        AccessSection("Observation records", care.observations(s, who)),
        AccessSection("Risk screening", care.screening(s, who)),
        AccessSection("Safeguarding plan", care.plan(s, who)),
        AccessSection("Risk statement", care.risks(s, who)),
        AccessSection("Exclusions", care.exclusions(s, who)),
        AccessSection("Incidents and concerns", _incidents(s, family.id, withheld, who.zone)),
    )
    return SubjectAccess(letterhead(s), name(subject), family.ref, today, sections)


def _case(f: Family) -> Record:
    return (
        ("Reference", f.ref),
        ("Contact", f.contact_type.value),
        ("Status", f.status.value),
        ("Referred", day(f.referral_date)),
        ("Referred by", f.referral_source.value),
        ("Referrer", WITHHELD if f.referrer_name else ""),
        ("Closed", day(f.closed_on)),
    )


# The planned times of each side: a parent is told theirs, never the other side's (the
# stagger is what keeps them apart).
PLANNED = {
    Role.resident_parent: (("Drop off", "child_dropoff"), ("Collect", "child_pickup")),
    Role.non_resident_parent: (("Arrive", "nonresident_arrive"), ("Leave", "nonresident_leave")),
}
SIDE = {
    Role.resident_parent: CancelledBy.resident,
    Role.non_resident_parent: CancelledBy.non_resident,
}
# The events of nobody in particular that are a parent's: their own side's and the child's.
_EITHER = {EventKind.child_dropped_off, EventKind.child_collected, EventKind.no_show}
SEEN = {
    Role.resident_parent: _EITHER | {EventKind.resident_arrived},
    Role.non_resident_parent: _EITHER | {EventKind.nonresident_arrived, EventKind.nonresident_left},
}


def _bookings(s: Session, who: Subject) -> tuple[Record, ...]:
    query = (
        select(Booking, col(ContactSession.day))
        .join(ContactSession, col(ContactSession.id) == Booking.session_id)
        .where(Booking.family_id == who.family.id)
        .order_by(col(ContactSession.day))
    )
    found = []
    for booking, held_on in s.exec(query):
        events = s.exec(
            select(AttendanceEvent)
            .where(AttendanceEvent.booking_id == booking.id)
            .order_by(col(AttendanceEvent.occurred_at))
        )
        times = [_event(e, who.zone) if _seen(e, who) else WITHHELD for e in events]
        planned = tuple(
            (label, f"{at:%H:%M}")
            for label, field in PLANNED.get(who.person.role, ())
            if (at := getattr(booking, field)) is not None
        )
        found.append(
            (
                ("Session", day(held_on)),
                ("Booking", booking.status.value),
                *planned,
                *_cancelled(booking, who),
                ("Attendance", "; ".join(times)),
                ("Notes", booking.notes),
            )
        )
    return tuple(found)


def _seen(e: AttendanceEvent, who: Subject) -> bool:
    """Theirs or their child's (a relative's event names them). A correction is shown: it
    holds no one's time, only when it was made."""
    if e.person_id is not None:
        return e.person_id in who.ours
    return e.kind == EventKind.voided or e.kind in SEEN.get(who.person.role, set())


def _event(e: AttendanceEvent, zone: ZoneInfo) -> str:
    said = " ".join(x for x in (e.reason, e.notes) if x)
    return f"{e.kind.value} {e.occurred_at.astimezone(zone):%H:%M}" + (f" ({said})" if said else "")


def _cancelled(booking: Booking, who: Subject) -> Record:
    """Who cancelled, and why unless the other side did (their reason is theirs)."""
    if booking.cancelled_by is None:
        return ()
    theirs = booking.cancelled_by in (CancelledBy.centre, SIDE.get(who.person.role))
    why = booking.cancel_reason if theirs else WITHHELD
    return (("Cancelled by", booking.cancelled_by.value), ("Why cancelled", why))


def _signatures(s: Session, subject: Person) -> tuple[Record, ...]:
    rows = s.exec(select(Signature).where(Signature.person_id == subject.id))
    return tuple(
        (
            ("Agreement version", str(r.version)),
            ("Signed", day(r.signed_on)),
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
            ("Date", day(r.at.date())),
            ("To", _organisation(r.recipient)),
            ("What", r.outcome.value),
            ("Period", f"{day(r.period_from)} to {day(r.period_to)}"),
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
