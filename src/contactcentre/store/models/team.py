"""The centre's team: one row per person who works at the centre (coordinator, supervisor,
volunteer). A person with a login also has a key slot beside the database (store/keyslots);
the row says who they are and what they may do, inside the encrypted file."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from contactcentre.store.models.enums import TeamRole
from contactcentre.store.types import UTCDateTime, utcnow


class TeamMember(SQLModel, table=True):
    """A person on the centre's team. `left_on` set: no longer active (kept for the
    volunteer register's retention; their login is removed)."""

    __tablename__ = "team_member"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    role: TeamRole
    phone: str = ""
    dbs_number: str = ""
    dbs_issued_on: date | None = None
    joined_on: date | None = None
    left_on: date | None = None
    last_unlock_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # X25519 public key, hex; "" = no login (removed, or never had one). Slots are
    # resealed to this copy, never to the slot file's (docs/decisions/0001-key-slots.md).
    public_key: str = ""
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
