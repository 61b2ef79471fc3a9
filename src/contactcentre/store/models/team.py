"""The centre's team: one row per person who works at the centre (coordinator, supervisor,
volunteer), and the volunteer register kept about each (references, training, the
families they declared they know). A person with a login also has a key slot beside the
database (store/keyslots); the row says who they are and what they may do, inside the
encrypted file. The DBS certificate itself is never kept: only its number and date."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from contactcentre.store.models.enums import TeamRole
from contactcentre.store.types import UTCDateTime, utcnow

TRIAL_MONTHS = 6


class TeamMember(SQLModel, table=True):
    """A person on the centre's team. `left_on` set: no longer active (kept for the
    volunteer register's retention; their login is removed). The trial period runs from
    the induction (else the day they joined) for `trial_months`; its mid and end reviews
    are due halfway and at the end, and the dates they were held are recorded here."""

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
    induction_on: date | None = None
    trial_months: int = TRIAL_MONTHS
    mid_review_on: date | None = None  # the mid-trial review was held on
    end_review_on: date | None = None  # the end-of-trial review was held on


class TeamReference(SQLModel, table=True):
    """A reference received for a member of the team: from whom, and when."""

    __tablename__ = "team_reference"

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="team_member.id", index=True, ondelete="CASCADE")
    referee: str
    received_on: date


class TeamTraining(SQLModel, table=True):
    """A course a member of the team took, and when it must be renewed (if ever)."""

    __tablename__ = "team_training"

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="team_member.id", index=True, ondelete="CASCADE")
    course: str
    taken_on: date
    expires_on: date | None = None


class ConflictDeclaration(SQLModel, table=True):
    """A member of the team declared they know a family (a neighbour, a relative, a
    colleague): the rota warns when both are at the same session."""

    __tablename__ = "conflict_declaration"

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="team_member.id", index=True, ondelete="CASCADE")
    family_id: int = Field(foreign_key="family.id", index=True, ondelete="CASCADE")
    note: str = ""
    declared_on: date
