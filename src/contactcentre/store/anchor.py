"""The audit trail's anchors: its head (how many entries, the last one's hash) kept outside
the database, so cutting the trail short or rewriting it whole is found.

Two anchors: the file `centre.db.anchor` beside the database, rewritten (temp file, then
rename) after every unit of work that adds entries; and the manifest each backup carries,
stamped into the copy as it is made. Both are signed (HMAC-SHA256) with a random secret
that lives only inside the encrypted database (`audit_anchor`), so an anchor cannot be
forged without the passphrase. Someone who has the passphrase and every anchor can still
rewrite history: anchors raise the bar, they do not remove it.

A missing file is expected only while the trail holds no entry added since anchoring began
(`started_count`: 0 for a new database, the entries already there for one brought up to
this schema by migration 0002). The first unit of work to add an entry writes the file
before it commits (the trail as it stood) and again after: so once the trail holds more
entries than `started_count`, a missing file was removed, and is reported. An anchor that
is behind the trail (a crash between a commit and its anchor) is fine: everything up to
it is still checked.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import os
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urlparse

from sqlalchemy import Connection, event
from sqlmodel import Session

from contactcentre.store.audit_chain import (
    Head,
    dbapi,
    first_row,
    hash_at,
    head,
    stored_moment,
)

log = logging.getLogger(__name__)

SUFFIX = ".anchor"
Kind = Literal["missing", "unreadable", "foreign", "shorter", "rewritten"]


@dataclass(frozen=True)
class Anchor:
    count: int
    head: str
    at: datetime | None  # when the anchored entry was written


@dataclass(frozen=True)
class Finding:
    """One way the trail disagrees with an anchor."""

    kind: Kind
    where: Literal["file", "backup"]
    anchor: Anchor | None = None
    shortfall: int = 0  # entries missing from the end ("shorter")


@dataclass(frozen=True)
class Keeping:
    """What the database itself says about anchoring it."""

    secret: str
    started_count: int
    backup_manifest: str


def file_for(db_path: Path) -> Path:
    return Path(f"{db_path}{SUFFIX}")


def db_path_of(s: Session) -> Path:
    """The database file a session works on (its engine's URL is a file: URI)."""
    bind = s.get_bind()
    database = (bind.engine if isinstance(bind, Connection) else bind).url.database or ""
    return Path(unquote(urlparse(database).path) if database.startswith("file:") else database)


def keeping(conn: Any, schema: str = "main") -> Keeping | None:
    row, _ = first_row(
        conn,
        f"SELECT secret, started_count, backup_manifest FROM {schema}.audit_anchor WHERE id = 1",
    )
    return None if row is None else Keeping(str(row[0]), int(row[1]), str(row[2]))


def _mac(secret: str, count: int, head_hash: str, at: str) -> str:
    message = json.dumps([count, head_hash, at]).encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signed(secret: str, top: Head) -> str:
    """An anchor of `top`, as the file and the manifests hold it."""
    at = top.at.isoformat() if top.at else ""
    mac = _mac(secret, top.count, top.hash, at)
    return json.dumps({"count": top.count, "head": top.hash, "at": at, "mac": mac})


def parse(text: str, secret: str) -> Anchor | Kind:
    """The anchor in `text`, or why it cannot be trusted."""
    try:
        data = json.loads(text)
        count, head_hash, at, mac = data["count"], data["head"], data["at"], data["mac"]
        expected = _mac(secret, int(count), str(head_hash), str(at))
    except (ValueError, KeyError, TypeError):
        return "unreadable"
    if not hmac.compare_digest(expected, str(mac)):
        return "foreign"
    return Anchor(int(count), str(head_hash), stored_moment(at) if at else None)


def compare(conn: Any, anchor: Anchor, where: Literal["file", "backup"]) -> Finding | None:
    """Whether the trail still holds the anchored entry; a longer trail is fine."""
    if anchor.count == 0:
        return None
    found = hash_at(conn, anchor.count)
    if found is None:
        shortfall = anchor.count - head(conn).count
        return Finding("shorter", where, anchor, max(shortfall, 1))
    if found != anchor.head:
        return Finding("rewritten", where, anchor)
    return None


def _check_file(conn: Any, path: Path, keep: Keeping) -> Finding | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if head(conn).count <= keep.started_count:
            return None  # anchoring has only just begun: the first unit of work writes it
        return Finding("missing", "file")
    except (OSError, UnicodeDecodeError):
        return Finding("unreadable", "file")
    anchor = parse(text, keep.secret)
    if isinstance(anchor, str):
        return Finding(anchor, "file")
    return compare(conn, anchor, "file")


def findings(conn: Any, db_path: Path) -> list[Finding]:
    """Everything the anchor file and the last backup's manifest find wrong with the trail."""
    keep = keeping(conn)
    if keep is None:
        return []
    found = [_check_file(conn, file_for(db_path), keep)]
    if keep.backup_manifest:
        manifest = parse(keep.backup_manifest, keep.secret)
        found.append(
            Finding(manifest, "backup")
            if isinstance(manifest, str)
            else compare(conn, manifest, "backup")
        )
    return [f for f in found if f is not None]


def write_file(path: Path, text: str) -> None:
    """Replace the anchor file in one step: a crash leaves the old one or the new one."""
    # One temporary name per writer: threads and processes may anchor at the same moment.
    temp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        with temp.open("w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def track(s: Session) -> None:
    """Anchor the trail's new head once this unit of work commits (call before it adds an
    entry). Only an anchor the trail still agrees with is moved on: one that shows the trail
    was cut or rewritten stays as it is, so the problem goes on being reported."""
    if "audit_anchor" in s.info:
        return
    conn = dbapi(s)
    keep = keeping(conn)
    path = file_for(db_path_of(s))
    agrees = keep is not None and _check_file(conn, path, keep) is None
    s.info["audit_anchor"] = (keep.secret, path) if keep is not None and agrees else None
    if keep is None or not agrees:
        return
    if not path.exists():
        # The first anchor, of the trail as it stands: written now, so a crash before the one
        # after this commit leaves an anchor that is behind (fine), never none (reported).
        _write(path, signed(keep.secret, head(conn)))
    event.listen(s, "before_commit", _note_head)
    event.listen(s, "after_commit", _write_head)


def _note_head(s: Session) -> None:
    s.info["audit_head"] = head(dbapi(s))


def _write_head(s: Session) -> None:
    secret, path = s.info["audit_anchor"]
    top = s.info.pop("audit_head", None)
    if top is None:
        return
    _write(path, signed(secret, top))


def _write(path: Path, text: str) -> None:
    try:
        write_file(path, text)
    except OSError as error:  # the records are saved; the next unit of work tries again
        log.warning("the audit anchor could not be written: %s", error.strerror)


def stamp_manifest(conn: Any) -> None:
    """Sign the trail's head into the database's backup manifest (inside the backup's own
    transaction, before the copy is taken, so the copy carries it)."""
    keep = keeping(conn)
    if keep is not None:
        manifest = signed(keep.secret, head(conn))
        conn.execute(
            "UPDATE main.audit_anchor SET backup_manifest = ? WHERE id = 1", (manifest,)
        ).close()


def adopt_restored(s: Session) -> None:
    """Anchor a restored copy, before it is put in place (store/swap.py moves the anchor
    files with their databases, so the replaced one keeps its own): at its backup's
    manifest (so a backup cut short after it was made is still reported), or at its head
    when the backup carries none."""
    path = file_for(db_path_of(s))
    conn = dbapi(s)
    keep = keeping(conn)
    if keep is None:
        return
    # A manifest that does not verify is kept as it is, so `audit --verify` names it.
    write_file(path, keep.backup_manifest or signed(keep.secret, head(conn)))
