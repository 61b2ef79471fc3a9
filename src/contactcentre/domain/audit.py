"""The append-only, hash-chained audit trail.

Each entry records who did what to which record (ids and field names), never the values,
so the trail itself holds no personal data. Each entry's hash covers the previous hash,
so editing or deleting history breaks the chain at that entry.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from contactcentre.domain import acting
from contactcentre.store.models import AuditEntry


def entry_hash(entry: AuditEntry) -> str:
    body = {
        "at": entry.at.isoformat(),
        "actor": entry.actor,
        "action": entry.action,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "family_id": entry.family_id,
        "fields": entry.fields,
        "detail": entry.detail,
        "prev": entry.prev_hash,
    }
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def record(
    s: Session,
    action: str,
    *,
    entity: str = "",
    entity_id: int | None = None,
    family_id: int | None = None,
    fields: Iterable[str] = (),
    detail: str = "",
    actor: str | None = None,
) -> AuditEntry:
    """Append one entry to the trail, inside the caller's transaction."""
    last = s.exec(select(AuditEntry).order_by(col(AuditEntry.id).desc()).limit(1)).first()
    entry = AuditEntry(
        at=acting.now(s),
        actor=actor if actor is not None else acting.actor(s),
        action=action,
        entity=entity,
        entity_id=entity_id,
        family_id=family_id,
        fields=",".join(sorted(fields)),
        detail=detail,
        prev_hash=last.hash if last else "",
    )
    entry.hash = entry_hash(entry)
    s.add(entry)
    s.flush()
    return entry


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    reason: str


def verify(s: Session) -> ChainBreak | None:
    """The first entry whose hash or link does not match, or None if the chain is whole."""
    prev_hash = ""
    prev_id = 0
    for entry in s.exec(select(AuditEntry).order_by(col(AuditEntry.id))):
        assert entry.id is not None
        if entry.id != prev_id + 1:
            return ChainBreak(prev_id + 1, "entry is missing (deleted)")
        if entry.prev_hash != prev_hash:
            return ChainBreak(entry.id, "does not link to the entry before it")
        if entry_hash(entry) != entry.hash:
            return ChainBreak(entry.id, "was changed after it was written")
        prev_hash, prev_id = entry.hash, entry.id
    return None


def digest(data: bytes) -> str:
    """How a produced PDF or export is named in the trail: its SHA-256, never its content."""
    return "sha256 " + hashlib.sha256(data).hexdigest()


def document_produced(
    s: Session,
    kind: str,
    data: bytes,
    *,
    entity: str = "",
    entity_id: int | None = None,
    family_id: int | None = None,
) -> AuditEntry:
    """Record that a PDF or export left the database, with the digest of what was written."""
    return record(
        s,
        f"document.{kind}",
        entity=entity,
        entity_id=entity_id,
        family_id=family_id,
        detail=digest(data),
    )


def last_id(s: Session) -> int:
    """The newest entry's id, 0 for an empty trail. Every change appends an entry, so a
    view loaded at this id is still current while it stays the same."""
    newest = s.exec(select(AuditEntry.id).order_by(col(AuditEntry.id).desc()).limit(1)).first()
    return newest or 0


@dataclass(frozen=True)
class TrailEntry:
    """One entry of the trail as screens and commands show it."""

    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: int | None
    family_id: int | None
    fields: str
    detail: str


def entries(
    s: Session,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    family_id: int | None = None,
    limit: int = 5000,
) -> list[TrailEntry]:
    """The newest entries first, between two moments (end exclusive) and for one family."""
    query = select(AuditEntry).order_by(col(AuditEntry.id).desc()).limit(limit)
    if start is not None:
        query = query.where(col(AuditEntry.at) >= start)
    if end is not None:
        query = query.where(col(AuditEntry.at) < end)
    if family_id is not None:
        query = query.where(AuditEntry.family_id == family_id)
    return [
        TrailEntry(
            id=e.id or 0,
            at=e.at,
            actor=e.actor,
            action=e.action,
            entity=e.entity,
            entity_id=e.entity_id,
            family_id=e.family_id,
            fields=e.fields,
            detail=e.detail,
        )
        for e in s.exec(query)
    ]


def topics_since(s: Session, entry_id: int) -> set[str]:
    """The kinds of change written after an entry: the first word of each newer action
    (`family`, `booking`, `document`, …). Screens reload only after changes they show."""
    actions = s.exec(select(AuditEntry.action).where(col(AuditEntry.id) > entry_id).distinct())
    return {action.split(".", 1)[0] for action in actions}
