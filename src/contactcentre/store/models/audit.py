"""The hash-chained audit trail (ids and field names, never the values)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from contactcentre.store.types import UTCDateTime, utcnow


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
