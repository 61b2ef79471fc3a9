"""The centre's tables. The whole schema lives here; store/migrations tracks its history.

Closed sets are str enums (stored as their value). Free text that may hold personal data
is never copied into logs: see domain/audit.py for what history records instead.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime, time

from sqlalchemy import CheckConstraint, Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from contactcentre.store.types import UTCDateTime


def utcnow() -> datetime:
    return datetime.now(UTC)


class ContactType(enum.StrEnum):
    supported = "supported"
    supervised = "supervised"
    handover = "handover"
    indirect = "indirect"


class FamilyStatus(enum.StrEnum):
    referred = "referred"
    active = "active"
    closed = "closed"
    excluded = "excluded"


class ReferralSource(enum.StrEnum):
    cafcass = "cafcass"
    social_services = "social_services"
    solicitor = "solicitor"
    mediator = "mediator"
    court = "court"
    self = "self"


class Role(enum.StrEnum):
    child = "child"
    resident_parent = "resident_parent"
    non_resident_parent = "non_resident_parent"
    relative = "relative"


class SignMethod(enum.StrEnum):
    screen = "screen"
    paper = "paper"


class SessionStatus(enum.StrEnum):
    scheduled = "scheduled"
    cancelled = "cancelled"


class SessionKind(enum.StrEnum):
    pattern = "pattern"  # an occurrence of the opening pattern, stored once it is used
    extra = "extra"  # a one-off session the coordinator added
    historical = "historical"  # created by an attendance import for a past date


class ClosureKind(enum.StrEnum):
    closed = "closed"  # the centre is shut that day (hall booked, holiday)
    reopened = "reopened"  # open after all on a day closed by default (a bank holiday)


class BookingStatus(enum.StrEnum):
    booked = "booked"
    cancelled = "cancelled"


class CancelledBy(enum.StrEnum):
    resident = "resident"
    non_resident = "non_resident"
    centre = "centre"


class EventKind(enum.StrEnum):
    nonresident_arrived = "nonresident_arrived"
    nonresident_left = "nonresident_left"
    child_dropped_off = "child_dropped_off"
    child_collected = "child_collected"
    resident_arrived = "resident_arrived"
    relative_arrived = "relative_arrived"
    relative_left = "relative_left"
    no_show = "no_show"
    voided = "voided"  # a correction that withdraws the event it supersedes


class EventSource(enum.StrEnum):
    live = "live"
    paper = "paper"
    import_ = "import"


class DisclosureOutcome(enum.StrEnum):
    produced = "produced"
    refused = "refused"


class Centre(SQLModel, table=True):
    """The one row of centre settings (letterhead, opening pattern, safety options)."""

    __tablename__ = "centre"
    __table_args__ = (CheckConstraint("id = 1", name="single_centre_row"),)

    id: int = Field(default=1, primary_key=True)
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    charity_number: str = ""
    accreditation_line: str = ""
    coordinator_name: str = ""
    timezone: str = "Europe/London"
    opening_rule: str = "FREQ=MONTHLY;BYDAY=+2SA,+4SA"
    opening_start: time = time(10, 0)
    opening_end: time = time(12, 0)
    capacity: int = Field(default=4, ge=1)
    handover_gap_minutes: int = 5
    nonresident_early_minutes: int = 15
    nonresident_late_minutes: int = 15
    short_notice_hours: int = 24
    overdue_after_minutes: int = 10
    review_months: int = 3
    idle_lock_minutes: int = 5
    backup_reminder_days: int = 14
    last_backup_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Family(SQLModel, table=True):
    __tablename__ = "family"

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(index=True, unique=True)
    contact_type: ContactType = ContactType.supported
    status: FamilyStatus = FamilyStatus.referred
    referral_date: date
    referral_source: ReferralSource = ReferralSource.self
    referrer_name: str = ""
    referrer_organisation: str = ""
    referrer_email: str = ""
    referrer_phone: str = ""
    referrer_reference: str = ""
    court_order: bool = False
    court_order_date: date | None = None
    court_order_description: str = ""
    parents_must_not_meet: bool = True
    # Per-family handover offsets; None means "use the centre's".
    nonresident_early_minutes: int | None = None
    nonresident_late_minutes: int | None = None
    notes: str = ""
    review_date: date | None = None
    closed_on: date | None = None
    closed_reason: str = ""
    closed_by: str = ""
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Person(SQLModel, table=True):
    __tablename__ = "person"

    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", index=True, ondelete="CASCADE")
    role: Role
    first_name: str
    last_name: str = ""
    relationship: str = ""  # for named relatives, e.g. "grandmother"
    date_of_birth: date | None = None
    needs: str = ""  # children: allergies, medication, other needs
    phone: str = ""  # stored in E.164
    email: str = ""
    address: str = ""
    address_confidential: bool = False
    notes: str = ""
    pre_visit_date: date | None = None
    attends: bool = True  # an adult who will come to contact sessions
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Referee(SQLModel, table=True):
    """A referee named by parents who refer themselves."""

    __tablename__ = "referee"

    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", index=True, ondelete="CASCADE")
    name: str
    relationship: str = ""
    phone: str = ""
    email: str = ""


class StatusChange(SQLModel, table=True):
    """Each change of a family's status, with why and who decided (closures, exclusions)."""

    __tablename__ = "status_change"

    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", index=True, ondelete="CASCADE")
    from_status: FamilyStatus
    to_status: FamilyStatus
    effective_on: date
    reason: str = ""
    decided_by: str = ""
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AgreementVersion(SQLModel, table=True):
    """One saved wording of the centre's agreement. Rows are never edited once saved."""

    __tablename__ = "agreement_version"

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(unique=True)
    text: str
    requires_resign: bool = True
    created_by: str = ""
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Signature(SQLModel, table=True):
    """That a person signed a version, with the exact text they signed."""

    __tablename__ = "signature"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True, ondelete="CASCADE")
    agreement_version_id: int = Field(foreign_key="agreement_version.id")
    version: int
    text_signed: str
    method: SignMethod
    signed_on: date
    strokes: str = ""  # JSON list of strokes, each a list of [x, y] in 0..1 pad units
    witnessed_by: str = ""
    scan: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    scan_mime: str = ""
    scan_filename: str = ""
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Closure(SQLModel, table=True):
    __tablename__ = "closure"

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(unique=True)
    kind: ClosureKind = ClosureKind.closed
    reason: str = ""


class ContactSession(SQLModel, table=True):
    """A session that has been used (booked, cancelled, added or imported).

    Pattern occurrences that nobody has touched are computed, not stored.
    """

    __tablename__ = "contact_session"

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(unique=True, index=True)
    start: time
    end: time
    capacity: int = Field(ge=0)
    kind: SessionKind = SessionKind.pattern
    status: SessionStatus = SessionStatus.scheduled
    cancel_reason: str = ""
    notes: str = ""


class Booking(SQLModel, table=True):
    __tablename__ = "booking"
    __table_args__ = (UniqueConstraint("session_id", "family_id", name="one_booking_a_day"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="contact_session.id", index=True)
    family_id: int = Field(foreign_key="family.id", index=True, ondelete="CASCADE")
    status: BookingStatus = BookingStatus.booked
    override_reason: str = ""  # why a family not ready for contact was booked anyway
    booked_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # The handover plan (local wall-clock times of the session day).
    nonresident_arrive: time | None = None
    child_dropoff: time | None = None
    child_pickup: time | None = None
    nonresident_leave: time | None = None
    plan_confirmed: bool = False
    cancelled_by: CancelledBy | None = None
    cancelled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    centre_told_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    cancel_reason: str = ""
    short_notice: bool = False
    notes: str = ""


class AttendanceEvent(SQLModel, table=True):
    """Append-only: a correction is a new row whose `supersedes_id` names the old one."""

    __tablename__ = "attendance_event"

    id: int | None = Field(default=None, primary_key=True)
    booking_id: int = Field(foreign_key="booking.id", index=True)
    kind: EventKind
    person_id: int | None = Field(default=None, foreign_key="person.id")
    occurred_at: datetime = Field(sa_type=UTCDateTime)
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    recorded_by: str = ""
    source: EventSource = EventSource.live
    supersedes_id: int | None = Field(default=None, foreign_key="attendance_event.id")
    reason: str = ""  # why not attended, or why corrected
    notes: str = ""


class Disclosure(SQLModel, table=True):
    """Every letter produced, and every request for information refused."""

    __tablename__ = "disclosure"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    produced_by: str = ""
    family_id: int = Field(foreign_key="family.id", index=True)
    recipient: str = ""
    period_from: date
    period_to: date
    outcome: DisclosureOutcome = DisclosureOutcome.produced
    digest: str = ""
    requested_by: str = ""
    refusal_reason: str = ""


class AuditEntry(SQLModel, table=True):
    """Hash-chained history of who did what. Holds ids and field names, never values."""

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    actor: str = ""
    action: str
    entity: str = ""
    entity_id: int | None = None
    family_id: int | None = Field(default=None, index=True)
    fields: str = ""
    detail: str = ""
    prev_hash: str = ""
    hash: str = ""
