"""withheld passages: the incident passages a coordinator marked as other people's words,
withheld from one person's subject-access exports

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02

Nothing to bring forward: before this revision a subject-access export held no incidents.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "withheld_passage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("addendum_id", sa.Integer(), nullable=True),
        sa.Column("marked_by", sa.String(), nullable=False),
        sa.Column("marked_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["incident_id"], ["incident.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["addendum_id"], ["incident_addendum.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_withheld_passage_person_id", "withheld_passage", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_withheld_passage_person_id", table_name="withheld_passage")
    op.drop_table("withheld_passage")
