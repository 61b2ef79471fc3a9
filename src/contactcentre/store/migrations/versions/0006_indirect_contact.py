"""indirect contact: each family's arrangement about items, and the item log

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

Two new tables, nothing altered: a family with no arrangement row has the defaults
(indirect contact only if its contact type is `indirect`, items read before passing on,
the recipient the other parent, no order recorded against anyone).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROUTES = ("post", "hand", "email")


def _person(name: str) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), sa.ForeignKey("person.id", ondelete="SET NULL"))


def upgrade() -> None:
    op.create_table(
        "indirect_arrangement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "family_id",
            sa.Integer(),
            sa.ForeignKey("family.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("agreed", sa.Boolean(), nullable=False),
        sa.Column("read_first", sa.Boolean(), nullable=False),
        _person("recipient_id"),
        _person("restrained_id"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("family_id"),
    )
    op.create_table(
        "indirect_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(), nullable=False),
        sa.Column(
            "family_id",
            sa.Integer(),
            sa.ForeignKey("family.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("received_how", sa.Enum(*ROUTES, name="itemroute"), nullable=False),
        _person("from_id"),
        _person("to_id"),
        sa.Column(
            "kind",
            sa.Enum("letter", "card", "gift", "photo", "email", "other", name="itemkind"),
            nullable=False,
        ),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("logged_by", sa.String(), nullable=False),
        sa.Column("logged_at", sa.DateTime(), nullable=False),
        sa.Column("checked_by", sa.String(), nullable=False),
        sa.Column("checked_at", sa.DateTime(), nullable=True),
        sa.Column(
            "decision", sa.Enum("pass_on", "hold", "return_", name="itemdecision"), nullable=True
        ),
        sa.Column("decision_reason", sa.String(), nullable=False),
        sa.Column("decided_by", sa.String(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("passed_on", sa.Date(), nullable=True),
        _person("passed_to_id"),
        sa.Column("passed_how", sa.Enum(*ROUTES, name="itemroute"), nullable=True),
        sa.Column("passed_by", sa.String(), nullable=False),
        sa.Column("acknowledged_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("ref"),
    )
    op.create_index("ix_indirect_item_family_id", "indirect_item", ["family_id"])


def downgrade() -> None:
    op.drop_index("ix_indirect_item_family_id", table_name="indirect_item")
    op.drop_table("indirect_item")
    op.drop_table("indirect_arrangement")
