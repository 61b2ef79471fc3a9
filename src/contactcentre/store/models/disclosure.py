"""The disclosure log: every letter produced and every request refused."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from contactcentre.store.models.enums import DisclosureOutcome
from contactcentre.store.types import UTCDateTime, utcnow


class Disclosure(SQLModel, table=True):
    """Every letter produced, and every request for information refused."""

    __tablename__ = "disclosure"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    produced_by: str = ""
    # None once the family's records were destroyed: the entry stays, without personal data
    family_id: int | None = Field(default=None, foreign_key="family.id", index=True)
    recipient: str = ""
    period_from: date
    period_to: date
    outcome: DisclosureOutcome = DisclosureOutcome.produced
    digest: str = ""
    requested_by: str = ""
    refusal_reason: str = ""
    # A risk-of-harm disclosure: the signed-off incident it tells, and why it is told.
    # Both NULL on other entries, so the audit digests of older rows stay as they were.
    incident_id: int | None = Field(default=None, foreign_key="incident.id")
    reason: str | None = None
