"""Safeguarding: the referral risk screening, the risk statement, incidents with their
sign-off and addenda, exclusions, and the complaints log (kept apart from case files)."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from contactcentre.store.models.enums import (
    Answer,
    ComplaintStage,
    IncidentCategory,
    Rating,
    ScreeningItem,
)
from contactcentre.store.types import UTCDateTime, utcnow


class ScreeningAnswer(SQLModel, table=True):
    """One checklist answer about one adult, with its note."""

    __tablename__ = "screening_answer"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True, ondelete="CASCADE")
    item: ScreeningItem
    answer: Answer = Answer.unknown
    note: str = ""
    # An order's details (item "orders"): its type, when it was made, when it ends.
    order_type: str = ""
    order_made_on: date | None = None
    order_expires_on: date | None = None
    answered_by: str = ""
    answered_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SafeguardingPlan(SQLModel, table=True):
    """A family's screening state: reviews, the supported override, the door instruction."""

    __tablename__ = "safeguarding_plan"

    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", unique=True, ondelete="CASCADE")
    reviewed_on: date | None = None  # the screening reviewed at the pre-visit
    reviewed_by: str = ""
    statement_reviewed_on: date | None = None  # the risk statement, at a review date
    statement_reviewed_by: str = ""
    review_on: date | None = None  # when the risk statement is next to be reviewed
    override_reason: str = ""  # supported contact despite a blocking answer
    override_by: str = ""
    override_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    door_instruction: str = ""  # what the door must act on, shown to volunteers


class RiskItem(SQLModel, table=True):
    """One risk in the family's risk statement (Relationships Scotland's shape)."""

    __tablename__ = "risk_item"

    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", index=True, ondelete="CASCADE")
    nature: str
    seriousness: Rating = Rating.medium
    likelihood: Rating = Rating.medium
    managed: str = ""
    before: str = ""
    during: str = ""
    after: str = ""


class Incident(SQLModel, table=True):
    """An incident or concern, written by whoever saw it and signed off by a coordinator."""

    __tablename__ = "incident"

    id: int | None = Field(default=None, primary_key=True)
    family_id: int | None = Field(default=None, foreign_key="family.id", index=True)
    occurred_at: datetime = Field(sa_type=UTCDateTime)
    place: str = ""
    category: IncidentCategory = IncidentCategory.other
    involved: str = ""  # the family's people, by role
    visitors: str = ""  # anyone else, by description
    witnesses: str = ""
    seen: str = ""  # facts
    said: str = ""  # quotes, marked
    actions: str = ""  # immediate actions
    police_told_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    social_services_told_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    referrer_told_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decision: str = ""
    decision_reasons: str = ""
    recorded_by: str = ""
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    signed_off_by: str = ""
    signed_off_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class IncidentAddendum(SQLModel, table=True):
    """Something added to a signed-off (locked) incident, with who and when."""

    __tablename__ = "incident_addendum"

    id: int | None = Field(default=None, primary_key=True)
    incident_id: int = Field(foreign_key="incident.id", index=True)
    text: str
    added_by: str = ""
    added_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Exclusion(SQLModel, table=True):
    """A person (or a whole family) excluded from the centre: who decided and why."""

    __tablename__ = "exclusion"

    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    person_id: int | None = Field(default=None, foreign_key="person.id")  # None: everyone
    incident_id: int | None = Field(default=None, foreign_key="incident.id")
    reason: str
    decided_by: str = ""
    decided_on: date
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Complaint(SQLModel, table=True):
    """A complaint: never linked to a family's case file."""

    __tablename__ = "complaint"

    id: int | None = Field(default=None, primary_key=True)
    received_on: date
    how: str = ""  # letter, email, phone, in person
    from_whom: str
    about: str
    stage: ComplaintStage = ComplaintStage.informal
    acknowledge_by: date
    respond_by: date
    acknowledged_on: date | None = None
    responded_on: date | None = None
    outcome: str = ""
    recorded_by: str = ""
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
