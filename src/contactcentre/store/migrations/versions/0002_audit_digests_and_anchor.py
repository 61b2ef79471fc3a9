"""audit entries carry their record's digest; the trail's anchor secret

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

Entries already written get the digest of the record they name, as it is now, and the
chain is hashed again with the digests in, from the first entry up to the first break the
old chain shows (an entry already altered or removed): a break stays reported, never
laundered. The anchor secret is made here, and `started_count` remembers how many entries
were there, so the first anchor file is written without complaint.
"""

import hashlib
import json
import secrets
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from contactcentre.store.audit_chain import entry_hash, head, row_digest, stored_moment

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COVERED_IN_0002 = ("attendance_event", "signature", "disclosure")  # the tables of this schema
COLUMNS = "id, at, actor, action, entity, entity_id, family_id, fields, detail, prev_hash, hash"


def _hash_0001(entry: dict[str, Any]) -> str:
    """The chain's hash as revision 0001 wrote it (no digest)."""
    body = {key: entry[key] for key in COLUMNS.split(", ")[2:-2]}
    body["at"] = stored_moment(entry["at"]).isoformat()
    body["prev"] = entry["prev_hash"]
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _rehash(conn: Any) -> None:
    """Digest and re-hash the chain up to its first break."""
    rows = conn.execute(f"SELECT {COLUMNS} FROM audit_entry ORDER BY id").fetchall()
    names = COLUMNS.split(", ")
    old_prev, new_prev = "", ""
    for number, row in enumerate(rows, start=1):
        entry = dict(zip(names, row, strict=True))
        intact = (
            entry["id"] == number
            and entry["prev_hash"] == old_prev
            and _hash_0001(entry) == entry["hash"]
        )
        if not intact:
            break
        old_prev = entry["hash"]
        digest = ""
        if entry["entity"] in COVERED_IN_0002 and entry["entity_id"] is not None:
            digest = row_digest(conn, entry["entity"], entry["entity_id"]) or ""
        entry.update(row_digest=digest, prev_hash=new_prev, at=stored_moment(entry["at"]))
        new_prev = entry_hash(entry)
        conn.execute(
            "UPDATE audit_entry SET row_digest = ?, prev_hash = ?, hash = ? WHERE id = ?",
            (digest, entry["prev_hash"], new_prev, entry["id"]),
        ).close()


def upgrade() -> None:
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("row_digest", sa.String(), nullable=False, server_default=""))
    op.create_table(
        "audit_anchor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("secret", sa.String(), nullable=False),
        sa.Column("started_count", sa.Integer(), nullable=False),
        sa.Column("backup_manifest", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    conn: Any = op.get_bind().connection.driver_connection
    _rehash(conn)
    conn.execute(
        "INSERT INTO audit_anchor (id, secret, started_count, backup_manifest)"
        " VALUES (1, ?, ?, '')",
        (secrets.token_hex(32), head(conn).count),
    ).close()


def downgrade() -> None:
    op.drop_table("audit_anchor")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_column("row_digest")
