"""Indirect contact: letters, cards, gifts and photos passed on through the centre.

`IndirectArrangement` is a family's agreement about items (one row per family, made when
first set): whether indirect contact is agreed (a family of contact type `indirect` has
it anyway), whether the centre reads items before passing them on, the adult items go to,
and the adult under a recorded order against contacting that recipient. `IndirectItem`
is the log: one row per item, from its receipt to its acknowledgement. People are named
by id; a person removed from the family leaves the item with no name (SET NULL).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from contactcentre.store.models.enums import ItemDecision, ItemKind, ItemRoute
from contactcentre.store.types import UTCDateTime, utcnow


class IndirectArrangement(SQLModel, table=True):
    __tablename__ = "indirect_arrangement"

    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", unique=True, ondelete="CASCADE")
    agreed: bool = False  # indirect contact agreed for a family of another contact type
    read_first: bool = True  # the centre reads items before passing them on
    recipient_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    # The adult a recorded order forbids from contacting the recipient: their items are held.
    restrained_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")


class IndirectItem(SQLModel, table=True):
    __tablename__ = "indirect_item"

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(unique=True)  # I-0001
    family_id: int = Field(foreign_key="family.id", index=True, ondelete="CASCADE")
    received_on: date
    received_how: ItemRoute = ItemRoute.post
    from_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    to_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    kind: ItemKind
    description: str = ""
    logged_by: str = ""
    logged_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    checked_by: str = ""
    checked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decision: ItemDecision | None = None
    decision_reason: str = ""
    decided_by: str = ""
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    passed_on: date | None = None
    passed_to_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    passed_how: ItemRoute | None = None
    passed_by: str = ""
    acknowledged_on: date | None = None
