"""The centre's agreement: its versions, and each adult's signature with what they signed."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, LargeBinary
from sqlmodel import Field, SQLModel

from contactcentre.store.models.enums import SignMethod
from contactcentre.store.types import UTCDateTime, utcnow


class AgreementVersion(SQLModel, table=True):
    """One saved wording of the centre's agreement. Rows are never edited once saved."""

    __tablename__ = "agreement_version"

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(unique=True)
    text: str
    requires_resign: bool = True
    created_by: str = ""
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Signature(SQLModel, table=True):
    """That a person signed a version, with the exact text they signed."""

    __tablename__ = "signature"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True, ondelete="CASCADE")
    agreement_version_id: int = Field(foreign_key="agreement_version.id")
    version: int
    text_signed: str
    method: SignMethod
    signed_on: date
    strokes: str = ""  # JSON list of strokes, each a list of [x, y] in 0..1 pad units
    witnessed_by: str = ""
    scan: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    scan_mime: str = ""
    scan_filename: str = ""
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
