"""Addenda: a later word on a locked record (a signed-off incident, an approved
observation record). The record itself never changes; the addendum is its own row with
the words, who added them and when, and an audit entry naming the row (never the words).
Each feature checks first that its record is locked and that the person may add to it.
"""

from __future__ import annotations

from typing import TypeVar

from sqlmodel import Session, SQLModel

from contactcentre.domain import acting, audit
from contactcentre.domain.errors import ValidationError
from contactcentre.domain.validate import free_text

Row = TypeVar("Row", bound=SQLModel)


def add(
    s: Session,
    model: type[Row],
    words: str,
    *,
    to: dict[str, int],
    family_id: int | None,
    action: str,
    field: str = "text",
    limit: int = 20_000,
) -> Row:
    """Add `words` as a `model` row linked by `to` (e.g. {"record_id": 7}), audited as
    `action`; refused (ValidationError on `field`) when there are no words."""
    clean = free_text(field, "The addendum", words, limit=limit)
    if not clean:
        raise ValidationError.single(field, "Write the addendum.")
    row = model(**to, text=clean, added_by=acting.actor(s), added_at=acting.now(s))
    s.add(row)
    s.flush()
    audit.record(
        s,
        action,
        entity=str(model.__tablename__),
        entity_id=getattr(row, "id", None),
        family_id=family_id,
    )
    return row
