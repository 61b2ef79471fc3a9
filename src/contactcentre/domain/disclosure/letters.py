"""Attendance-only letters for supported contact.

A supported centre may tell a referrer, solicitor, CAFCASS or a court only when a family
was booked, whether they came, and the times recorded. The letter's data is built here
into `documents.data.AttendanceLetter`, which has no field for anything else. Every letter
produced is written to the disclosure log (domain/disclosures.py) in the same transaction,
with the SHA-256 digest of exactly what the letter states; re-opening an entry builds its
letter again and says whether the digest still matches.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from contactcentre.documents.data import (
    AttendanceLetter,
    IssuedLetter,
    LetterChild,
    Letterhead,
    LetterRow,
    LetterTotals,
)
from contactcentre.domain import audit, forms, permissions
from contactcentre.domain.bookings import attendance
from contactcentre.domain.centre import get_centre, letterhead
from contactcentre.domain.disclosure import addressing
from contactcentre.domain.disclosure import log as disclosure_log
from contactcentre.domain.errors import DomainError, NotFound
from contactcentre.store.models import (
    AttendanceEvent,
    Booking,
    BookingStatus,
    CancelledBy,
    ContactSession,
    ContactType,
    Disclosure,
    DisclosureOutcome,
    Family,
    FamilyStatus,
    Person,
    Role,
)

STATEMENT_FORM = "letter_supported.md"
ATTENDED = "Attended"
DID_NOT_ATTEND = "Did not attend"
NOT_RECORDED = "No attendance recorded"
NOT_YET_HELD = "Booked – not yet held"
CANCELLED = {
    CancelledBy.resident: "Cancelled by the resident parent",
    CancelledBy.non_resident: "Cancelled by the non-resident parent",
    CancelledBy.centre: "Cancelled by the centre",
}


class LetterRefused(DomainError):
    """This family or period cannot have an attendance-only letter; says why."""


Produced = disclosure_log.Logged[IssuedLetter]
Reopened = disclosure_log.Logged[IssuedLetter]


def digest(letter: AttendanceLetter) -> str:
    """SHA-256 of every field the letter states. The greeting and the closing follow from
    the recipient: letters issued before them match."""
    return disclosure_log.digest_of(letter, leave_out=("salutation", "closing"))


def check_supported(family: Family) -> None:
    if family.contact_type == ContactType.supervised:
        raise LetterRefused(
            f"{family.ref} has supervised contact: an attendance-only letter is only for "
            "supported contact; use `report` for its supervised contact report."
        )
    if family.contact_type != ContactType.supported:
        raise LetterRefused(
            f"{family.ref} has {family.contact_type.value} contact: attendance-only "
            "letters are only for supported contact."
        )


def statement(centre_name: str) -> str:
    """The fixed paragraphs from forms/, the centre's name filled in, each on one line."""
    body = forms.fill(forms.load(STATEMENT_FORM).body, centre_name=centre_name)
    paragraphs = (" ".join(p.split()) for p in body.split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _local(moment: datetime | None, tz: ZoneInfo) -> time | None:
    """A recorded moment as the centre's wall-clock time, to the minute (as printed)."""
    if moment is None:
        return None
    return moment.astimezone(tz).time().replace(second=0, microsecond=0)


@dataclass(frozen=True)
class Shared:
    """What every letter of the centre says alike: built once for a batch of letters."""

    tz: ZoneInfo
    letterhead: Letterhead
    statement: str
    coordinator_name: str


def shared(s: Session) -> Shared:
    centre = get_centre(s)
    return Shared(
        tz=ZoneInfo(centre.timezone),
        letterhead=letterhead(s),
        statement=statement(centre.name),
        coordinator_name=centre.coordinator_name,
    )


def _booked_in(
    family_ids: Collection[int], first: date, last: date
) -> tuple[ColumnElement[bool], ...]:
    """Bookings of these families for sessions in [first, last] (the session joined)."""
    return (
        col(Booking.family_id).in_(family_ids),
        col(ContactSession.day) >= first,
        col(ContactSession.day) <= last,
    )


def outcomes(
    s: Session, family_ids: Collection[int], first: date, last: date
) -> dict[int, attendance.Outcome]:
    """What happened at each booking of these families in [first, last], from one query
    of their attendance (however many letters it is for)."""
    query = (
        select(AttendanceEvent)
        .join(Booking)
        .join(ContactSession)
        .where(*_booked_in(family_ids, first, last))
        .order_by(col(AttendanceEvent.id))
    )
    logs: dict[int, list[AttendanceEvent]] = {}
    for event in s.exec(query):
        logs.setdefault(event.booking_id, []).append(event)
    return {booking_id: attendance.outcome(log) for booking_id, log in logs.items()}


@dataclass(frozen=True)
class Batch:
    """What every letter of a batch needs, read once: the shared parts, and each
    family's children, bookings and attendance in the period."""

    shared: Shared
    outcomes: dict[int, attendance.Outcome]
    family_ids: frozenset[int]
    first: date
    last: date
    children: dict[int, list[Person]]  # family id -> its children, eldest first
    booked: dict[int, list[tuple[Booking, ContactSession]]]  # family id -> by day
    # Held so that each letter's own look-up of its family finds it without a query.
    families: tuple[Family, ...]

    def covers(self, family_id: int, first: date, last: date) -> bool:
        return family_id in self.family_ids and (first, last) == (self.first, self.last)


def batch(s: Session, family_ids: Collection[int], first: date, last: date) -> Batch:
    ids = list(family_ids)
    children: dict[int, list[Person]] = defaultdict(list)
    for child in s.exec(
        select(Person)
        .where(col(Person.family_id).in_(ids), col(Person.role) == Role.child)
        .order_by(col(Person.date_of_birth), col(Person.id))
    ):
        children[child.family_id].append(child)
    booked: dict[int, list[tuple[Booking, ContactSession]]] = defaultdict(list)
    for booking, session in s.exec(
        select(Booking, ContactSession)
        .join(ContactSession)
        .where(*_booked_in(ids, first, last))
        .order_by(col(ContactSession.day))
    ):
        booked[booking.family_id].append((booking, session))
    return Batch(
        shared(s),
        outcomes(s, ids, first, last),
        frozenset(ids),
        first,
        last,
        children,
        booked,
        families=tuple(s.exec(select(Family).where(col(Family.id).in_(ids)))),
    )


NOTHING_RECORDED = attendance.outcome([])


def _row(
    booking: Booking,
    session: ContactSession,
    seen: attendance.Outcome,
    today: date,
    tz: ZoneInfo,
) -> LetterRow:
    times: tuple[time | None, ...] = (None, None, None, None)
    if booking.status == BookingStatus.cancelled:
        assert booking.cancelled_by is not None  # cancelling always records by whom
        label = CANCELLED[booking.cancelled_by]
    elif seen.attended:
        label = ATTENDED
        times = tuple(
            _local(m, tz) for m in (seen.arrived, seen.left, seen.dropped_off, seen.collected)
        )
    elif seen.no_show:
        label = DID_NOT_ATTEND
    elif session.day >= today:
        label = NOT_YET_HELD
    else:
        label = NOT_RECORDED
    arrived, left, dropped_off, collected = times
    return LetterRow(
        day=session.day,
        start=session.start,
        end=session.end,
        outcome=label,
        arrived=arrived,
        left=left,
        dropped_off=dropped_off,
        collected=collected,
    )


def totals(rows: tuple[LetterRow, ...]) -> LetterTotals:
    def count(label: str) -> int:
        return sum(row.outcome == label for row in rows)

    return LetterTotals(
        offered=len(rows),
        attended=count(ATTENDED),
        cancelled_by_resident=count(CANCELLED[CancelledBy.resident]),
        cancelled_by_non_resident=count(CANCELLED[CancelledBy.non_resident]),
        cancelled_by_centre=count(CANCELLED[CancelledBy.centre]),
        not_attended=count(DID_NOT_ATTEND),
        not_recorded=count(NOT_RECORDED),
        not_yet_held=count(NOT_YET_HELD),
    )


def build_letter(
    s: Session,
    family: Family,
    first: date,
    last: date,
    *,
    recipient: str,
    letter_date: date,
    ref: str,
    read: Batch | None = None,
) -> IssuedLetter:
    """The letter's data for a supported family and period, and its digest; `read` holds
    what a batch of letters read once (else this letter reads its own)."""
    check_supported(family)
    disclosure_log.check_period(first, last)
    assert family.id is not None
    if read is None or not read.covers(family.id, first, last):
        read = batch(s, [family.id], first, last)
    rows = tuple(
        _row(
            b, session, read.outcomes.get(b.id or 0, NOTHING_RECORDED), letter_date, read.shared.tz
        )
        for b, session in read.booked.get(family.id, ())
    )
    lines = disclosure_log.recipient_lines(recipient)
    greeting, closing = addressing.salutation(lines)
    letter = AttendanceLetter(
        letterhead=read.shared.letterhead,
        letter_date=letter_date,
        reference=ref,
        recipient=lines,
        family_ref=family.ref,
        children=tuple(
            LetterChild(c.first_name, c.date_of_birth) for c in read.children.get(family.id, ())
        ),
        period_from=first,
        period_to=last,
        rows=rows,
        totals=totals(rows),
        statement=read.shared.statement,
        coordinator_name=read.shared.coordinator_name,
        salutation=greeting,
        closing=closing,
    )
    return IssuedLetter(letter=letter, digest=digest(letter))


def produce_letter(
    s: Session,
    family_id: int,
    first: date,
    last: date,
    *,
    now: datetime,
    recipient: str | None = None,
    requested_by: str = "",
    produced_by: str | None = None,
    read: Batch | None = None,
) -> Produced:
    """Build a family's letter and record it in the disclosure log (one transaction).

    `recipient` None means the family's referrer; with no referrer the letter is
    addressed to whom it may concern. `read`: see `build_letter`.
    """
    permissions.require(s, "produce_letters")
    family = disclosure_log.family(s, family_id)
    check_supported(family)
    disclosure_log.check_period(first, last)
    tz = read.shared.tz if read is not None else ZoneInfo(get_centre(s).timezone)
    to = (
        addressing.default_recipient(family)
        if recipient is None
        else disclosure_log.clean_recipient(recipient)
    )
    row = disclosure_log.new_entry(
        s, family_id, first, last, now=now, recipient=to, requested_by=requested_by,
        outcome=DisclosureOutcome.produced, produced_by=produced_by,
    )  # fmt: skip
    assert row.id is not None
    issued = build_letter(
        s,
        family,
        first,
        last,
        recipient=to,
        letter_date=now.astimezone(tz).date(),
        ref=disclosure_log.reference(row.id),
        read=read,
    )
    row.digest = issued.digest
    audit.record(s, "disclosure.letter", entity="disclosure", entity_id=row.id, family_id=family_id)
    return Produced(disclosure_log.entry(row, family.ref), issued)


def reopen(s: Session, disclosure_id: int) -> Reopened:
    """Build an entry's letter again from today's records and compare the digest."""
    permissions.require(s, "produce_letters")
    row = s.get(Disclosure, disclosure_id)
    if row is None:
        raise NotFound(
            f"There is no disclosure log entry {disclosure_log.reference(disclosure_id)}."
        )
    family = disclosure_log.family(s, row.family_id)
    reference = disclosure_log.reference(disclosure_id)
    if row.outcome == DisclosureOutcome.report:
        raise LetterRefused(f"{reference} is a supervised contact report, not a letter.")
    if row.outcome != DisclosureOutcome.produced:
        raise LetterRefused(f"{reference} records a refused request: it has no letter.")

    def rebuild(entry: disclosure_log.LogEntry, issued_on: date) -> IssuedLetter:
        return build_letter(
            s,
            family,
            entry.period_from,
            entry.period_to,
            recipient=entry.recipient,
            letter_date=issued_on,
            ref=entry.reference,
        )

    return disclosure_log.rebuilt(s, row, family.ref, rebuild)


def batch_families(s: Session, first: date, last: date) -> list[tuple[int, str]]:
    """(id, ref) of every active supported family with any booking in the period."""
    disclosure_log.check_period(first, last)
    query = (
        select(Family.id, Family.ref)
        .join(Booking, col(Booking.family_id) == Family.id)
        .join(ContactSession, col(ContactSession.id) == Booking.session_id)
        .where(
            col(Family.status) == FamilyStatus.active,
            col(Family.contact_type) == ContactType.supported,
            col(ContactSession.day) >= first,
            col(ContactSession.day) <= last,
        )
        .distinct()
        .order_by(col(Family.ref))
    )
    return [(family_id or 0, ref) for family_id, ref in s.exec(query)]
