"""The calendar and bookings: closed days, sessions, bookings with their planned handover
times, and the append-only attendance log."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from contactcentre.store.models.enums import (
    BookingStatus,
    CancelledBy,
    ClosureKind,
    EventKind,
    EventSource,
    SessionKind,
    SessionStatus,
)
from contactcentre.store.types import UTCDateTime, utcnow


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
    # The statistics' "which bookings had an arrival" (migration 0013).
    __table_args__ = (Index("ix_attendance_event_kind_booking_id", "kind", "booking_id"),)

    id: int | None = Field(default=None, primary_key=True)
    booking_id: int = Field(foreign_key="booking.id", index=True)
    kind: EventKind
    person_id: int | None = Field(default=None, foreign_key="person.id")
    occurred_at: datetime = Field(sa_type=UTCDateTime)
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    recorded_by: str = ""
    source: EventSource = EventSource.live
    supersedes_id: int | None = Field(
        default=None, foreign_key="attendance_event.id", index=True
    )  # which events stand (0013)
    reason: str = ""  # why not attended, or why corrected
    notes: str = ""
