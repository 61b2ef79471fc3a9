"""a submitted observation record returned for changes says who returned it and why

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02

Two text columns on observation_record, empty for every record already there (none of
them was ever returned: the step did not exist).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("observation_record", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("returned_by", sa.String(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("return_reason", sa.String(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("observation_record", schema=None) as batch_op:
        batch_op.drop_column("return_reason")
        batch_op.drop_column("returned_by")
