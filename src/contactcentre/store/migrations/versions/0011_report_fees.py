"""report fees and risk-statement reviews: a charge may be for a released report (the
disclosure log entry it was raised by), and a family's risk statement has the date it is
next to be reviewed

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02

Both columns are nullable: a charge from before this revision was raised by a booking, a
referral or by hand, and a risk statement saved before it has no review date until it is
saved again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("charge", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "disclosure_id",
                sa.Integer(),
                sa.ForeignKey("disclosure.id", name="fk_charge_disclosure_id"),
                nullable=True,
            )
        )
    op.create_index(
        "one_standing_charge_per_disclosure",
        "charge",
        ["disclosure_id"],
        unique=True,
        sqlite_where=sa.text("voided_at IS NULL"),
    )
    with op.batch_alter_table("safeguarding_plan", schema=None) as batch_op:
        batch_op.add_column(sa.Column("review_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("safeguarding_plan", schema=None) as batch_op:
        batch_op.drop_column("review_on")
    op.drop_index("one_standing_charge_per_disclosure", table_name="charge")
    with op.batch_alter_table("charge", schema=None) as batch_op:
        batch_op.drop_column("disclosure_id")
