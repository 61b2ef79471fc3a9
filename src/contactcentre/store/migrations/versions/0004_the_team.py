"""the centre's team: one row per person who works there

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

An empty table. `public_key` is the person's X25519 public key (hex; empty: no login):
the key-slot file's copy is checked against it (docs/decisions/0001-key-slots.md). The
first coordinator's row is written when a database from before logins is first unlocked
(its passphrase becomes that coordinator's key slot): only then is there someone to name.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "team_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column(
            "role",
            sa.Enum("coordinator", "supervisor", "volunteer", name="teamrole"),
            nullable=False,
        ),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("dbs_number", sa.String(), nullable=False),
        sa.Column("dbs_issued_on", sa.Date(), nullable=True),
        sa.Column("joined_on", sa.Date(), nullable=True),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("last_unlock_at", sa.DateTime(), nullable=True),
        sa.Column("public_key", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("team_member")
