"""A session day seen from the welcome desk: one row per booked family, built from the
store for the board screen, plus the door check and dealing with alerts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from contactcentre.domain import audit, validate
from contactcentre.domain.bookings import attendance
from contactcentre.domain.centre import get_centre
from contactcentre.domain.register.relatives import with_whom
from contactcentre.domain.safeguarding.door import DoorNotes, door_notes
from contactcentre.domain.session_day.board import (
    RELATIVE_SEQUENCE,
    FamilyState,
    Plan,
    Who,
    family_state,
)
from contactcentre.domain.session_day.relative_progress import (
    RelativeState,
    relative_state,
    with_relative_alerts,
)
from contactcentre.domain.vocabulary import ADULT_ROLES, ROLE_LABELS
from contactcentre.store.models import (
    AuditEntry,
    Booking,
    BookingStatus,
    ComesWith,
    ContactSession,
    EventKind,
    Family,
    Person,
    Role,
)

ALERT_ACK = "alert.ack"


@dataclass(frozen=True)
class NamedPerson:
    person_id: int
    family_ref: str
    booking_id: int
    name: str
    role_label: str
    role: Role
    first_name: str = ""
    phone: str = ""  # national format, as the door rings it
    comes_with: ComesWith | None = None  # a named relative's parent, if set


@dataclass(frozen=True)
class ChildNeeds:
    """A child's needs/allergies flag for the volunteer handing the child over."""

    name: str
    needs: str


@dataclass(frozen=True)
class BoardRow:
    booking_id: int
    family_id: int
    family_ref: str
    children: str
    plan: Plan
    state: FamilyState
    people: tuple[NamedPerson, ...]
    # Named relatives who come to contact (or who were recorded today all the same).
    relatives: tuple[RelativeState, ...] = ()
    who: Who = field(default_factory=Who)
    needs: tuple[ChildNeeds, ...] = ()  # only children with needs or allergies written down
    door: DoorNotes = field(default_factory=DoorNotes)  # the door instruction, exclusions

    def relative(self, person_id: int) -> RelativeState | None:
        return next((r for r in self.relatives if r.person_id == person_id), None)


def session_for(s: Session, day: date) -> ContactSession | None:
    return s.exec(select(ContactSession).where(col(ContactSession.day) == day)).first()


def dismissed_alerts(s: Session, booking_ids: list[int]) -> dict[int, frozenset[str]]:
    query = select(AuditEntry.entity_id, AuditEntry.detail).where(
        col(AuditEntry.action) == ALERT_ACK, col(AuditEntry.entity_id).in_(booking_ids)
    )
    found: dict[int, set[str]] = {}
    for booking_id, key in s.exec(query):
        found.setdefault(booking_id or 0, set()).add(key)
    return {k: frozenset(v) for k, v in found.items()}


def acknowledge(s: Session, booking_id: int, key: str, *, by: str = "") -> None:
    """Mark an alert as dealt with (who and when go in the audit trail)."""
    booking = s.get(Booking, booking_id)
    family_id = booking.family_id if booking else None
    audit.record(
        s,
        ALERT_ACK,
        entity="booking",
        entity_id=booking_id,
        family_id=family_id,
        detail=key,
        actor=by or None,
    )


def board_rows(s: Session, day: date, now: datetime) -> list[BoardRow]:
    """Every booked family of the day's session with its plan, progress and alerts."""
    session = session_for(s, day)
    if session is None:
        return []
    centre = get_centre(s)
    tz = ZoneInfo(centre.timezone)
    query = (
        select(Booking, Family)
        .join(Family)
        .where(col(Booking.session_id) == session.id, col(Booking.status) == BookingStatus.booked)
        .order_by(col(Booking.child_dropoff), col(Family.ref))
    )
    pairs = list(s.exec(query))
    notes = door_notes(s, [family.id or 0 for _, family in pairs])
    dismissed = dismissed_alerts(s, [b.id or 0 for b, _ in pairs])
    everyone = _people_of(s, [family.id or 0 for _, family in pairs])
    logs = attendance.logs_of(s, [booking.id or 0 for booking, _ in pairs])
    rows = []
    for booking, family in pairs:
        assert booking.id is not None and family.id is not None
        people = everyone.get(family.id, [])
        late, early = family.nonresident_late_minutes, family.nonresident_early_minutes
        plan = Plan(
            day=day,
            nonresident_arrive=booking.nonresident_arrive or session.start,
            child_dropoff=booking.child_dropoff or session.start,
            child_pickup=booking.child_pickup or session.end,
            nonresident_leave=booking.nonresident_leave or session.end,
            must_not_meet=family.parents_must_not_meet,
            late_minutes=centre.nonresident_late_minutes if late is None else late,
            early_minutes=centre.nonresident_early_minutes if early is None else early,
        )
        phones = {p.id: validate.display_phone(p.phone) for p in people if p.role in ADULT_ROLES}
        who = _who(people, phones)
        events = attendance.current(logs.get(booking.id, []))
        came = {e.person_id for e in events if e.kind in RELATIVE_SEQUENCE}
        state = family_state(
            plan,
            events,
            now,
            tz,
            overdue_after=centre.overdue_after_minutes,
            dismissed=dismissed.get(booking.id, frozenset()),
            who=who,
        )
        relatives = tuple(
            relative_state(
                p.id or 0,
                f"{p.first_name} {p.last_name}".strip(),
                p.relationship,
                events,
                tz,
                comes_with=p.comes_with,
                with_whom=with_whom(p.comes_with, people),
                expected=state.expected,
            )
            for p in people
            if p.role == Role.relative and (p.attends or p.id in came)
        )
        state = with_relative_alerts(
            state,
            relatives,
            who,
            must_not_meet=plan.must_not_meet,
            dismissed=dismissed.get(booking.id, frozenset()),
        )
        rows.append(
            BoardRow(
                booking_id=booking.id,
                family_id=family.id,
                family_ref=family.ref,
                children=", ".join(p.first_name for p in people if p.role == Role.child),
                plan=plan,
                state=state,
                people=tuple(
                    NamedPerson(
                        p.id or 0,
                        family.ref,
                        booking.id,
                        f"{p.first_name} {p.last_name}".strip(),
                        ROLE_LABELS[p.role],
                        p.role,
                        p.first_name,
                        phones[p.id],
                        p.comes_with,
                    )
                    for p in people
                    if p.role in ADULT_ROLES
                ),
                who=who,
                needs=tuple(
                    ChildNeeds(p.first_name, p.needs.strip())
                    for p in people
                    if p.role == Role.child and p.needs.strip()
                ),
                relatives=relatives,
                door=notes.get(family.id, DoorNotes()),
            )
        )
    return rows


def _people_of(s: Session, family_ids: list[int]) -> dict[int, list[Person]]:
    """Each family's people in the order they were added, from one query."""
    found: dict[int, list[Person]] = {}
    query = select(Person).where(col(Person.family_id).in_(family_ids)).order_by(col(Person.id))
    for person in s.exec(query):
        found.setdefault(person.family_id, []).append(person)
    return found


def _who(people: list[Person], phones: dict[int | None, str]) -> Who:
    """First names for the board's alerts: the (first) visiting and resident parents who
    attend, the children, and the numbers to ring (`phones`: each adult's, as shown)."""

    def first(role: Role) -> Person | None:
        named = [p for p in people if p.role == role]
        return next((p for p in named if p.attends), named[0] if named else None)

    visitor, resident = first(Role.non_resident_parent), first(Role.resident_parent)
    default = Who()
    return Who(
        visitor=visitor.first_name if visitor else default.visitor,
        resident=resident.first_name if resident else default.resident,
        children=tuple(p.first_name for p in people if p.role == Role.child),
        resident_phone=phones[resident.id] if resident else "",
        visitor_phone=phones[visitor.id] if visitor else "",
    )


def door_check(rows: list[BoardRow], typed: str) -> list[NamedPerson]:
    """Named adults of today's families whose name matches what the visitor said.

    An empty answer means: this person is not named for any family booked today.
    """
    words = validate.folded(typed).split()
    if not words:
        return []
    return [
        person
        for row in rows
        for person in row.people
        if all(word in validate.folded(person.name) for word in words)
    ]


def arrival_at_door(rows: list[BoardRow], person: NamedPerson) -> RelativeState | None:
    """The relative's line, when the person at the door is a named relative who comes to
    contact with a family booked today and has not been recorded arriving yet."""
    row = next((r for r in rows if r.booking_id == person.booking_id), None)
    if row is None or row.state.no_show:
        return None
    relative = row.relative(person.person_id)
    if relative is None or relative.next_kind != EventKind.relative_arrived:
        return None
    return relative


def door_warning(rows: list[BoardRow], person: NamedPerson) -> str:
    """What the volunteer at the door must do before letting this person through, in
    words ("" when nothing): a resident parent who arrives before the visiting parent is
    in the contact room waits in the waiting room, and so does a relative who comes with
    her (one who comes with the visiting parent goes in with him); a relative whose
    parent is not set waits at the desk for the coordinator."""
    row = next((r for r in rows if r.booking_id == person.booking_id), None)
    if row is not None and not row.door.admits(person.person_id):
        return f"Do not admit {person.name}: excluded — fetch the coordinator"
    if row is None or not row.plan.must_not_meet or row.state.no_show:
        return ""
    name = person.first_name or person.name
    relative = row.relative(person.person_id) if person.role == Role.relative else None
    if relative is not None and relative.comes_with is None:
        return (
            f"Ask the coordinator: it is not set which parent {name} comes with — "
            f"keep {name} at the desk"
        )
    held = person.role == Role.resident_parent or (
        relative is not None and relative.comes_with == ComesWith.resident_parent
    )
    done = row.state.done
    if not held or EventKind.nonresident_arrived in done:
        return ""
    if EventKind.child_dropped_off in done:  # the child is in: this is the collection
        return ""
    return (
        f"Wait: {row.who.visitor} is not in the contact room yet — keep {name} in the waiting room"
    )


def arrival_to_record(rows: list[BoardRow], person: NamedPerson) -> EventKind | None:
    """The arrival the door can record in one click for this person, if any: a named
    relative's own arrival, or a resident parent who must wait in the waiting room (so
    the board keeps the alert up until someone has dealt with it); never for someone
    excluded."""
    row = next((r for r in rows if r.booking_id == person.booking_id), None)
    if row is not None and not row.door.admits(person.person_id):
        return None
    if arrival_at_door(rows, person) is not None:
        return EventKind.relative_arrived
    if row and door_warning(rows, person) and EventKind.resident_arrived not in row.state.done:
        return EventKind.resident_arrived
    return None
