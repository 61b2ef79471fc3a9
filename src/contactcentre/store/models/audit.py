"""The hash-chained audit trail (ids and field names, never the values), and its anchor."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from contactcentre.store.types import UTCDateTime, utcnow


class AuditEntry(SQLModel, table=True):
    """Hash-chained history of who did what. Holds ids and field names, never values;
    `row_digest` is a hash of the covered record it names (store/audit_chain.py)."""

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
    row_digest: str = ""
    prev_hash: str = ""
    hash: str = ""


class AuditAnchor(SQLModel, table=True):
    """One row: the secret that signs the trail's anchors (store/anchor.py), kept only here,
    inside the encrypted database; how many entries the trail held when anchoring began
    (a new or just-updated database); and the manifest of the last backup."""

    __tablename__ = "audit_anchor"

    id: int | None = Field(default=None, primary_key=True)
    secret: str
    started_count: int = 0
    backup_manifest: str = ""
