"""charges: the fee schedule's history, charges and payments (integer pence)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

Three new tables, empty: a centre charges nothing until it sets a fee schedule.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PAYERS = ("non_resident", "resident", "cafcass", "local_authority", "solicitor")
KINDS = ("session", "supervised_session", "late_cancellation", "referral", "report", "manual")
METHODS = ("cash", "card", "transfer", "cheque")


def payer(column: str) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(column, sa.Enum(*PAYERS, name="payer"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "fee_schedule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("charges_enabled", sa.Boolean(), nullable=False),
        sa.Column("referral_fee", sa.Integer(), nullable=False),
        payer("referral_payer"),
        sa.Column("session_fee", sa.Integer(), nullable=False),
        payer("session_payer"),
        sa.Column("supervised_fee", sa.Integer(), nullable=False),
        payer("supervised_payer"),
        sa.Column("report_fee", sa.Integer(), nullable=False),
        payer("report_payer"),
        sa.Column("late_cancel_fee", sa.Integer(), nullable=False),
        sa.Column("late_cancel_hours", sa.Integer(), nullable=False),
        sa.Column("set_by", sa.String(), nullable=False),
        sa.Column("set_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "referral_fee >= 0 AND session_fee >= 0 AND supervised_fee >= 0"
            " AND report_fee >= 0 AND late_cancel_fee >= 0 AND late_cancel_hours >= 0",
            name="fees_not_negative",
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_fee_schedule_set_at", "fee_schedule", ["set_at"])
    op.create_table(
        "charge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.Enum(*KINDS, name="chargekind"), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("amount_pence", sa.Integer(), nullable=False),
        payer("payer"),
        sa.Column("charged_on", sa.Date(), nullable=False),
        sa.Column("raised_at", sa.DateTime(), nullable=False),
        sa.Column("raised_by", sa.String(), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("voided_by", sa.String(), nullable=False),
        sa.Column("void_reason", sa.String(), nullable=False),
        sa.Column("waived", sa.Boolean(), nullable=False),
        sa.CheckConstraint("amount_pence > 0", name="charge_positive"),
        sa.ForeignKeyConstraint(["booking_id"], ["booking.id"]),
        sa.ForeignKeyConstraint(["family_id"], ["family.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_charge_family_id", "charge", ["family_id"])
    op.create_index(
        "one_standing_charge_per_booking",
        "charge",
        ["booking_id", "kind"],
        unique=True,
        sqlite_where=sa.text("voided_at IS NULL"),
    )
    op.create_table(
        "payment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("amount_pence", sa.Integer(), nullable=False),
        sa.Column("method", sa.Enum(*METHODS, name="paymentmethod"), nullable=False),
        payer("payer"),
        sa.Column("payer_name", sa.String(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(), nullable=False),
        sa.CheckConstraint("amount_pence > 0", name="payment_positive"),
        sa.ForeignKeyConstraint(["family_id"], ["family.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("ref"),
    )
    op.create_index("ix_payment_family_id", "payment", ["family_id"])


def downgrade() -> None:
    op.drop_table("payment")
    op.drop_index("one_standing_charge_per_booking", table_name="charge")
    op.drop_table("charge")
    op.drop_table("fee_schedule")
