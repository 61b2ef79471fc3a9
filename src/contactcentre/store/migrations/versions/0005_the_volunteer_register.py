"""the volunteer register and the rota

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

Each member of the team gains an induction date, a trial period (6 months unless the
coordinator says otherwise) and the dates of its mid and end reviews; new tables hold
their references, training and declared conflicts of interest, the rota of each session
and its briefing/debrief note. The centre gains how often a DBS check is rechecked
(3 years). Existing rows keep their values; nothing is lost going down except the
register's new facts.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _member(column: str = "member_id") -> list[sa.Column[int] | sa.ForeignKeyConstraint]:
    return [
        sa.Column(column, sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint([column], ["team_member.id"], ondelete="CASCADE"),
    ]


def upgrade() -> None:
    with op.batch_alter_table("team_member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("induction_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("trial_months", sa.Integer(), nullable=False, server_default="6")
        )
        batch_op.add_column(sa.Column("mid_review_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("end_review_on", sa.Date(), nullable=True))
    with op.batch_alter_table("centre", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("dbs_recheck_years", sa.Integer(), nullable=False, server_default="3")
        )
    op.create_table(
        "team_reference",
        sa.Column("id", sa.Integer(), nullable=False),
        *_member(),
        sa.Column("referee", sa.String(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "team_training",
        sa.Column("id", sa.Integer(), nullable=False),
        *_member(),
        sa.Column("course", sa.String(), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "conflict_declaration",
        sa.Column("id", sa.Integer(), nullable=False),
        *_member(),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("declared_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["family_id"], ["family.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "rota_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        *_member(),
        sa.Column("leads", sa.Boolean(), nullable=False),
        sa.Column("dbs_override_reason", sa.String(), nullable=False),
        sa.Column("dbs_override_by", sa.String(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["contact_session.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "member_id", name="once_a_session"),
    )
    op.create_table(
        "session_team_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("briefing", sa.String(), nullable=False),
        sa.Column("debrief", sa.String(), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["contact_session.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id"),
    )
    for table, column in [
        ("team_reference", "member_id"),
        ("team_training", "member_id"),
        ("conflict_declaration", "member_id"),
        ("conflict_declaration", "family_id"),
        ("rota_entry", "member_id"),
        ("rota_entry", "session_id"),
    ]:
        op.create_index(f"ix_{table}_{column}", table, [column], unique=False)


def downgrade() -> None:
    for table in [
        "session_team_note",
        "rota_entry",
        "conflict_declaration",
        "team_training",
        "team_reference",
    ]:
        op.drop_table(table)
    with op.batch_alter_table("centre", schema=None) as batch_op:
        batch_op.drop_column("dbs_recheck_years")
    with op.batch_alter_table("team_member", schema=None) as batch_op:
        for column in ["end_review_on", "mid_review_on", "trial_months", "induction_on"]:
            batch_op.drop_column(column)
