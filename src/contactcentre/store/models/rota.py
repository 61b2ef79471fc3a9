"""The rota: who of the team is on duty at a session and who leads it, and the session's
briefing and debrief notes (internal: they appear on no letter, sheet or export)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from contactcentre.store.types import UTCDateTime, utcnow


class RotaEntry(SQLModel, table=True):
    """One person on duty at one session. Someone whose DBS check was overdue (or missing)
    when they were put on carries the coordinator's recorded reason, and who gave it."""

    __tablename__ = "rota_entry"
    __table_args__ = (UniqueConstraint("session_id", "member_id", name="once_a_session"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="contact_session.id", index=True)
    member_id: int = Field(foreign_key="team_member.id", index=True, ondelete="CASCADE")
    leads: bool = False
    dbs_override_reason: str = ""
    dbs_override_by: str = ""
    added_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SessionTeamNote(SQLModel, table=True):
    """NACCC's briefing before and debrief after a session: a short internal note each."""

    __tablename__ = "session_team_note"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="contact_session.id", unique=True)
    briefing: str = ""
    debrief: str = ""
    updated_by: str = ""
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
