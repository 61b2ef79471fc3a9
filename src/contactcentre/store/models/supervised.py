"""Supervised contact (issue 18): the case's report details, its recipients, escorted
visits, and the observation records with their addenda.

These tables are the only place observations live. Nothing in the supported letter, the
sign-in sheet, the agreement or the CSV exports reads them: separation by construction.

An escorted visit (outside the centre: a park, a café) is its own table, not a Booking:
a Booking belongs to a ContactSession, has a place in its capacity and a handover plan
computed with the other families of that day, and appears on the sign-in sheet and the
session-day board. An escorted visit has none of these; it has a venue, a worker, a route
and a planned return. An observation record belongs to exactly one booking or one
escorted visit (the check below).
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import CheckConstraint
from sqlmodel import Field, SQLModel

from contactcentre.store.models.enums import ObservationState, RecipientRole
from contactcentre.store.types import UTCDateTime, utcnow


class SupervisedCase(SQLModel, table=True):
    """A supervised family's report details: its case number, and whether the court
    ordered the reports (then only recipients named in the order may receive them)."""

    __tablename__ = "supervised_case"

    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", unique=True)
    case_number: str = ""  # e.g. the Cafcass CMS number
    court_ordered: bool = False


class ReportRecipient(SQLModel, table=True):
    __tablename__ = "report_recipient"

    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    name: str
    organisation: str = ""
    role: RecipientRole
    named_in_order: bool = False


class EscortedVisit(SQLModel, table=True):
    """Supervised contact outside the centre, with a worker; takes no place in a session."""

    __tablename__ = "escorted_visit"

    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    day: date = Field(index=True)
    start: time
    end: time
    venue: str
    worker: str
    route: str = ""
    return_by: time | None = None
    created_by: str = ""
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ObservationRecord(SQLModel, table=True):
    """What the worker who supervised one booking (or escorted visit) saw."""

    __tablename__ = "observation_record"
    __table_args__ = (
        CheckConstraint("(booking_id IS NULL) != (escorted_visit_id IS NULL)", name="one_occasion"),
    )

    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    booking_id: int | None = Field(default=None, foreign_key="booking.id", unique=True)
    escorted_visit_id: int | None = Field(
        default=None, foreign_key="escorted_visit.id", unique=True
    )
    state: ObservationState = ObservationState.draft
    # Header
    aim: str = ""
    brought_by: str = ""
    collected_by: str = ""
    others_present: str = ""
    second_worker: str = ""  # the author is the first worker
    # Body
    what_happened: str = ""
    quotes: str = ""  # one quote a line, printed as quotes
    child_response: str = ""  # on arrival and on leaving
    interventions: str = ""
    safeguarding: bool = False
    safeguarding_details: str = ""
    critical_incidents: str = ""
    ended_early: bool = False
    ended_early_reason: str = ""
    # Who and when
    author: str
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    approved_by: str = ""
    approved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    released_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The last time it was returned for changes: by whom, and what they asked for.
    returned_by: str = ""
    return_reason: str = ""


class ObservationAddendum(SQLModel, table=True):
    """A later word on an approved record: the record itself never changes."""

    __tablename__ = "observation_addendum"

    id: int | None = Field(default=None, primary_key=True)
    record_id: int = Field(foreign_key="observation_record.id", index=True)
    text: str
    added_by: str
    added_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
