"""retention: case outcomes, retention rules, legal holds, the destruction log and the
subject-access register

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02

A family closed before this revision has no outcome (the statistics count it as "not
recorded"). A disclosure may outlive its family: its family_id becomes nullable, so the
entry (dates, recipient organisation, digest) stays after the family is destroyed.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OUTCOMES = (
    "moved_on",
    "handover_only",
    "stepped_up",
    "other_centre",
    "court_stopped",
    "withdrew",
    "excluded",
    "other",
)


def upgrade() -> None:
    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("outcome", sa.Enum(*OUTCOMES, name="caseoutcome"), nullable=True)
        )
        batch_op.add_column(
            sa.Column("outcome_text", sa.String(), nullable=False, server_default="")
        )
    with op.batch_alter_table("disclosure", schema=None) as batch_op:
        batch_op.alter_column("family_id", existing_type=sa.Integer(), nullable=True)
    op.create_table(
        "retention_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("years", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("changed_by", sa.String(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_table(
        "legal_hold",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("set_by", sa.String(), nullable=False),
        sa.Column("set_at", sa.DateTime(), nullable=False),
        sa.Column("released_at", sa.DateTime(), nullable=True),
        sa.Column("released_by", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["family_id"], ["family.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_legal_hold_family_id", "legal_hold", ["family_id"])
    op.create_table(
        "destruction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(), nullable=False),
        sa.Column("destroyed_at", sa.DateTime(), nullable=False),
        sa.Column("approved_by", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "access_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(), nullable=False),
        sa.Column("requested_by", sa.String(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("extended_to", sa.Date(), nullable=True),
        sa.Column("extension_reason", sa.String(), nullable=False),
        sa.Column(
            "status", sa.Enum("open", "sent", "withdrawn", name="accessstatus"), nullable=False
        ),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("logged_by", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["family_id"], ["family.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_access_request_family_id", "access_request", ["family_id"])


def downgrade() -> None:
    op.drop_table("access_request")
    op.drop_table("destruction")
    op.drop_table("legal_hold")
    op.drop_table("retention_rule")
    with op.batch_alter_table("disclosure", schema=None) as batch_op:
        batch_op.alter_column("family_id", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.drop_column("outcome_text")
        batch_op.drop_column("outcome")
