"""The family register: families (cases), their people and referees, and each change of
status."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from contactcentre.store.models.enums import (
    CaseOutcome,
    ComesWith,
    ContactType,
    FamilyStatus,
    ReferralSource,
    Role,
)
from contactcentre.store.types import UTCDateTime, utcnow


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
    outcome: CaseOutcome | None = None  # how the case ended (set when closed)
    outcome_text: str = ""  # the words when the outcome is "other"
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
    # A named relative's parent (whose planned times she keeps); None for everyone else,
    # and for a relative whose link is not set yet (older data): she is given no times.
    comes_with: ComesWith | None = None
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
