"""The centre's own row: its details, letterhead and settings."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import CheckConstraint
from sqlmodel import Field, SQLModel

from contactcentre.store.types import UTCDateTime, utcnow


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
    complaint_acknowledge_working_days: int = 5  # England and Wales working days
    complaint_respond_days: int = 30
    dbs_recheck_years: int = 3  # a DBS check is rechecked this long after its issue
    last_backup_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
