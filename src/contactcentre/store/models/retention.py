"""Retention (issue 20): the centre's retention rules, legal holds, the destruction log
and the subject-access request register.

The destruction log never names a family or a person: it says what kind of records were
destroyed, how many, under which rule, when and who approved."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from contactcentre.store.models.enums import AccessStatus
from contactcentre.store.types import UTCDateTime, utcnow


class RetentionRule(SQLModel, table=True):
    """A retention period the coordinator changed from its default (domain/retention/rules)."""

    __tablename__ = "retention_rule"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    years: int
    reason: str = ""
    changed_by: str = ""
    changed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class LegalHold(SQLModel, table=True):
    """A hold set by hand on a family's records: nothing of theirs is destroyed while it
    stands (`released_at` unset)."""

    __tablename__ = "legal_hold"
    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", index=True, ondelete="CASCADE")
    reason: str
    set_by: str = ""
    set_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    released_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    released_by: str = ""


class Destruction(SQLModel, table=True):
    """One entry of the destruction log: a category of records destroyed together."""

    __tablename__ = "destruction"
    id: int | None = Field(default=None, primary_key=True)
    category: str
    records: int
    rule: str
    destroyed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    approved_by: str = ""


class AccessRequest(SQLModel, table=True):
    """A subject-access request: who asked, about whom, when it came and is due."""

    __tablename__ = "access_request"
    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", index=True, ondelete="CASCADE")
    subject: str  # the person the data is about ("First Last")
    requested_by: str = ""  # who asked (the person, or someone acting for them)
    received_on: date
    due_on: date
    extended_to: date | None = None
    extension_reason: str = ""
    status: AccessStatus = AccessStatus.open
    sent_on: date | None = None
    logged_by: str = ""


class WithheldPassage(SQLModel, table=True):
    """A passage of an incident the coordinator marked as other people's words, withheld
    from `person_id`'s subject-access exports: one of the incident's text fields
    (`field`), or one addendum (`addendum_id`, with `field` "addendum")."""

    __tablename__ = "withheld_passage"
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True, ondelete="CASCADE")
    incident_id: int = Field(foreign_key="incident.id", ondelete="CASCADE")
    field: str
    addendum_id: int | None = Field(
        default=None, foreign_key="incident_addendum.id", ondelete="CASCADE"
    )
    marked_by: str = ""
    marked_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
