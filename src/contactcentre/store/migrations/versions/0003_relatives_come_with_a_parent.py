"""a named relative is linked to the parent she comes with

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

A nullable column: relatives already in the register get no link (NULL), which the
board, the door check and the sign-in sheet show as "not set — ask the coordinator",
giving her no planned times, rather than guess a parent she might be kept from.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "comes_with",
                sa.Enum("resident_parent", "non_resident_parent", name="comeswith"),
                nullable=True,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("comes_with")
