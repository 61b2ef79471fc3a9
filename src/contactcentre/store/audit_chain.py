"""What the audit chain covers: each entry's hash, and the digest of the record it names.

An entry about a covered record (a recorded attendance event, a signature, a disclosure)
carries `row_digest`, a SHA-256 of that row's content as the database holds it, and the
entry's hash covers the digest. Changing the row afterwards (an arrival time typed over
with a SQL tool) leaves an entry that no longer matches its record.

Which rows are covered is one declaration, `COVERED`: adding a kind of record (observations)
is one line there. The digest reads every column of the row as stored, so a column added
to a covered table is covered without anyone remembering to; a column that may change after
its entry was written must be listed in `ignored`, with the reason.

Everything here works on a DB-API connection (qmark parameters), so migrations, backups
and sessions all use the same code: `dbapi(session)` gives a session's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session


@dataclass(frozen=True)
class Covered:
    """A kind of record whose audit entries carry a digest of its row."""

    table: str
    label: str  # how a coordinator names one ("attendance event")
    ignored: frozenset[str] = frozenset()  # columns that may change later (say why)
    deleted_with: str = ""  # an entity whose `<entity>.delete` removes these rows too


COVERED: dict[str, Covered] = {
    c.table: c
    for c in (
        Covered("attendance_event", "attendance event"),
        # Removing a person from the family form removes their signatures (ON DELETE CASCADE).
        Covered("signature", "signature", deleted_with="person"),
        Covered("disclosure", "disclosure"),
    )
}


def dbapi(s: Session) -> Any:
    """The DB-API connection of a session's unit of work (same transaction)."""
    return s.connection().connection.driver_connection


def first_row(conn: Any, sql: str, params: tuple[object, ...] = ()) -> tuple[Any, list[str]]:
    """The first row of a query (None if there is none) and its column names. The cursor
    is closed at once: a statement left open would keep the database busy (a checkpoint
    then fails with "database table is locked")."""
    cursor = conn.execute(sql, params)
    try:
        return cursor.fetchone(), [d[0] for d in cursor.description or ()]
    finally:
        cursor.close()


def _canonical(value: object) -> object:
    if isinstance(value, bytes):  # a scan: its hash stands for it
        return ["bytes", hashlib.sha256(value).hexdigest()]
    if isinstance(value, float):
        return ["float", repr(value)]
    return value


def digest_of(columns: Iterable[str], values: Iterable[object], ignored: frozenset[str]) -> str:
    """The digest of one row's content: every stored column but the ignored ones.

    NULL columns are left out, so adding a nullable column to a covered table keeps the
    digests of the rows written before it.
    """
    content = {
        name: _canonical(value)
        for name, value in zip(columns, values, strict=True)
        if value is not None and name not in ignored
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def row_digest(conn: Any, table: str, row_id: int, schema: str = "main") -> str | None:
    """The digest of a covered row as it is stored now; None if the row is gone."""
    row, columns = first_row(conn, f'SELECT * FROM {schema}."{table}" WHERE id = ?', (row_id,))
    if row is None:
        return None
    return digest_of(columns, row, COVERED[table].ignored)


def digest_for(conn: Any, entity: str, entity_id: int | None) -> str:
    """What an entry about `entity` carries: its row's digest, '' for uncovered ones."""
    if entity not in COVERED or entity_id is None:
        return ""
    return row_digest(conn, entity, entity_id) or ""


def entry_hash(fields: Mapping[str, Any]) -> str:
    """An entry's hash: its own fields, its record's digest and the previous entry's hash.

    `fields["at"]` is an aware datetime; the rest as the audit_entry columns hold them.
    """
    body = {
        "at": fields["at"].isoformat(),
        "actor": fields["actor"],
        "action": fields["action"],
        "entity": fields["entity"],
        "entity_id": fields["entity_id"],
        "family_id": fields["family_id"],
        "fields": fields["fields"],
        "detail": fields["detail"],
        "digest": fields["row_digest"],
        "prev": fields["prev_hash"],
    }
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def stored_moment(value: object) -> datetime:
    """A UTC column's raw value (naive UTC text) as the aware datetime the ORM reads."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Head:
    """The newest entry: how many entries the trail holds and that entry's hash."""

    count: int
    hash: str
    at: datetime | None


def head(conn: Any, schema: str = "main") -> Head:
    """The trail's head: its last entry's id (entries are numbered from 1) and hash."""
    row, _ = first_row(
        conn, f"SELECT id, hash, at FROM {schema}.audit_entry ORDER BY id DESC LIMIT 1"
    )
    if row is None:
        return Head(0, "", None)
    return Head(int(row[0]), str(row[1]), stored_moment(row[2]))


def hash_at(conn: Any, entry_id: int, schema: str = "main") -> str | None:
    row, _ = first_row(conn, f"SELECT hash FROM {schema}.audit_entry WHERE id = ?", (entry_id,))
    return None if row is None else str(row[0])
