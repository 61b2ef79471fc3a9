"""supervised contact: cases, recipients, escorted visits, observation records, addenda

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

Five new tables, empty until a supervised family's worker writes a record. The disclosure
log's outcome gains "report" (no ALTER: the enum is a plain VARCHAR on SQLite).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATES = ("draft", "submitted", "approved", "released")
ROLES = ("parent", "cafcass", "social_worker", "solicitor", "court")
TEXTS = [
    "aim",
    "brought_by",
    "collected_by",
    "others_present",
    "second_worker",
    "what_happened",
    "quotes",
    "child_response",
    "interventions",
]


def upgrade() -> None:
    op.create_table(
        "supervised_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("case_number", sa.String(), nullable=False),
        sa.Column("court_ordered", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["family_id"], ["family.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("family_id"),
    )
    op.create_table(
        "report_recipient",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("organisation", sa.String(), nullable=False),
        sa.Column("role", sa.Enum(*ROLES, name="recipientrole"), nullable=False),
        sa.Column("named_in_order", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["family_id"], ["family.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_report_recipient_family_id", "report_recipient", ["family_id"])
    op.create_table(
        "escorted_visit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start", sa.Time(), nullable=False),
        sa.Column("end", sa.Time(), nullable=False),
        sa.Column("venue", sa.String(), nullable=False),
        sa.Column("worker", sa.String(), nullable=False),
        sa.Column("route", sa.String(), nullable=False),
        sa.Column("return_by", sa.Time(), nullable=True),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["family_id"], ["family.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_escorted_visit_family_id", "escorted_visit", ["family_id"])
    op.create_index("ix_escorted_visit_day", "escorted_visit", ["day"])
    op.create_table(
        "observation_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("escorted_visit_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.Enum(*STATES, name="observationstate"), nullable=False),
        *(sa.Column(name, sa.String(), nullable=False) for name in TEXTS),
        sa.Column("safeguarding", sa.Boolean(), nullable=False),
        sa.Column("safeguarding_details", sa.String(), nullable=False),
        sa.Column("critical_incidents", sa.String(), nullable=False),
        sa.Column("ended_early", sa.Boolean(), nullable=False),
        sa.Column("ended_early_reason", sa.String(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("approved_by", sa.String(), nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("released_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "(booking_id IS NULL) != (escorted_visit_id IS NULL)", name="one_occasion"
        ),
        sa.ForeignKeyConstraint(["booking_id"], ["booking.id"]),
        sa.ForeignKeyConstraint(["escorted_visit_id"], ["escorted_visit.id"]),
        sa.ForeignKeyConstraint(["family_id"], ["family.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("booking_id"),
        sa.UniqueConstraint("escorted_visit_id"),
    )
    op.create_index("ix_observation_record_family_id", "observation_record", ["family_id"])
    op.create_table(
        "observation_addendum",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("added_by", sa.String(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["record_id"], ["observation_record.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_observation_addendum_record_id", "observation_addendum", ["record_id"])


def downgrade() -> None:
    op.drop_table("observation_addendum")
    op.drop_table("observation_record")
    op.drop_table("escorted_visit")
    op.drop_table("report_recipient")
    op.drop_table("supervised_case")
