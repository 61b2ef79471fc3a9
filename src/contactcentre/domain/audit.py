"""The append-only, hash-chained audit trail.

Each entry records who did what to which record (ids and field names), never the values,
so the trail itself holds no personal data. Each entry's hash covers the previous hash,
so editing or deleting history breaks the chain at that entry.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from contactcentre.domain import acting, permissions
from contactcentre.domain.vocabulary import counted
from contactcentre.store import anchor, audit_chain
from contactcentre.store.engine import Store
from contactcentre.store.models import AuditEntry, Centre, Family


def entry_hash(entry: AuditEntry) -> str:
    return audit_chain.entry_hash(entry.model_dump())


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
    """Append one entry to the trail, inside the caller's transaction.

    An entry about a covered record carries its row's digest; once the unit of work
    commits, the trail's new head is anchored beside the database."""
    s.flush()  # the record as it will be stored, for its digest
    anchor.track(s)
    last = s.exec(select(AuditEntry.hash).order_by(col(AuditEntry.id).desc()).limit(1)).first()
    entry = AuditEntry(
        at=acting.now(s),
        actor=actor if actor is not None else acting.actor(s),
        action=action,
        entity=entity,
        entity_id=entity_id,
        family_id=family_id,
        fields=",".join(sorted(fields)),
        detail=detail,
        row_digest=audit_chain.digest_for(audit_chain.dbapi(s), entity, entity_id),
        prev_hash=last or "",
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
            return ChainBreak(prev_id + 1, "is missing (deleted)")
        if entry.prev_hash != prev_hash:
            return ChainBreak(entry.id, "does not link to the entry before it")
        if entry_hash(entry) != entry.hash:
            return ChainBreak(entry.id, "was changed after it was written")
        prev_hash, prev_id = entry.hash, entry.id
    return None


def problems(s: Session) -> list[str]:
    """Everything wrong with the trail, one line each naming the entry or the anchor: the
    chain's first break, every record that no longer matches its entry, and every anchor
    the trail no longer agrees with. An empty list: the trail is whole."""
    permissions.require(s, "read_audit")
    found = []
    broken = verify(s)
    if broken is not None:
        found.append(f"audit entry {broken.entry_id} {broken.reason}")
    names = _Names(s)
    found += _changed_records(s, names)
    path = anchor.db_path_of(s)
    found += [names.finding(f, path) for f in anchor.findings(audit_chain.dbapi(s), path)]
    return found


def _changed_records(s: Session, names: _Names) -> list[str]:
    conn = audit_chain.dbapi(s)
    entries_with_rows = s.exec(
        select(AuditEntry).where(col(AuditEntry.row_digest) != "").order_by(col(AuditEntry.id))
    )
    deletions = {
        (e.action, e.entity_id, e.family_id): e.id or 0
        for e in s.exec(select(AuditEntry).where(col(AuditEntry.action).like("%.delete")))
    }
    # A family destroyed under the retention rules (domain/retention/destroy.py).
    destroyed = {f: at for (action, _, f), at in deletions.items() if action == "family.delete"}
    found, named = [], set()
    for entry in entries_with_rows:
        key = (entry.entity, entry.entity_id)
        if key in named or entry.entity not in audit_chain.COVERED or entry.entity_id is None:
            continue
        now = audit_chain.row_digest(conn, entry.entity, entry.entity_id)
        if now is None:
            owner = audit_chain.COVERED[entry.entity].deleted_with
            removed = deletions.get((f"{entry.entity}.delete", entry.entity_id, entry.family_id))
            with_owner = [
                at
                for (action, _, family), at in deletions.items()
                if family == entry.family_id
                and (action == "family.delete" or (owner and action == f"{owner}.delete"))
            ]
            if max([removed or 0, *with_owner]) > (entry.id or 0):
                continue  # removed in the open, by a later entry
            found.append(f"{names.entry(entry)} names a record that is no longer there")
        elif destroyed.get(entry.family_id or 0, 0) > (entry.id or 0):
            continue  # its family was destroyed later: the log entry kept, stripped of names
        elif now != entry.row_digest:
            found.append(f"{names.entry(entry)} no longer matches its record")
        else:
            continue
        named.add(key)
    return found


class _Names:
    """How problems name entries and anchors: family reference and the centre's dates."""

    def __init__(self, s: Session) -> None:
        centre = s.exec(select(Centre)).first()
        self.tz = ZoneInfo(centre.timezone if centre else "Europe/London")
        self.refs = dict(s.exec(select(Family.id, Family.ref)).all())

    def entry(self, e: AuditEntry) -> str:
        label = audit_chain.COVERED[e.entity].label
        family = f" {self.refs.get(e.family_id, '')}" if e.family_id in self.refs else ""
        return f"audit entry {e.id} ({label}{family} {e.at.astimezone(self.tz):%d/%m/%Y})"

    def finding(self, f: anchor.Finding, db_path: Path) -> str:
        name = anchor.file_for(db_path).name
        where = f"the anchor file {name}" if f.where == "file" else "the last backup's manifest"
        at = f.anchor.at if f.anchor else None
        when = f"{at.astimezone(self.tz):%H:%M %d/%m/%Y}" if at else "when it was empty"
        if f.kind == "shorter":
            kind = "anchor" if f.where == "file" else "backup's manifest"
            shorter = counted(f.shortfall, "entry", "entries")
            return f"the audit trail is {shorter} shorter than its last {kind} of {when}"
        if f.kind == "rewritten" and f.anchor is not None:
            return (
                f"audit entry {f.anchor.count} is not the one anchored at {when} in {where}: "
                "the audit trail was rewritten"
            )
        return {
            "missing": f"the audit trail's anchor file {name} is missing, though entries "
            "were added after it was first written",
            "unreadable": f"{where} cannot be read",
            "foreign": f"{where} was not signed with this database's key: it was replaced "
            "or forged",
        }[f.kind]


def record_refusal(s: Session, refused: permissions.Refused) -> AuditEntry:
    """Note in the trail that this unit of work's actor was refused an action: who, which
    action and their role, nothing about anyone else."""
    return record(s, "refused", detail=f"{refused.action} ({refused.role.value})")


@contextmanager
def refusals_recorded(store: Store) -> Iterator[None]:
    """Around a unit of work (either face): a Refused escaping it is recorded in a fresh
    unit of work, since the refused one is rolled back, then raised on to be shown. It is
    recorded once, however many of these it passes through on its way out (the GUI's
    store records a button's refusal, and a tab load is wrapped as well)."""
    try:
        yield
    except permissions.Refused as refused:
        if not store.read_only and not refused.recorded:
            with store.session() as s:
                record_refusal(s, refused)
            refused.recorded = True
        raise


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
    permissions.require(s, "read_audit")
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
