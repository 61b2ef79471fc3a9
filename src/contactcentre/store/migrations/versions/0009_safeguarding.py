"""safeguarding: risk screening, the risk statement, incidents, exclusions, complaints

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02

Seven new tables, empty; the centre gains the complaints' two due-date settings, and the
disclosure log an incident (and why) for a risk-of-harm disclosure.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ITEMS = (
    "domestic_abuse", "orders", "child_offences", "violence", "substance_misuse", "abduction",
    "child_protection", "social_services", "mental_health", "referrer_concerns",
)  # fmt: skip
RATINGS = ("low", "medium", "high")
CATEGORIES = ("safeguarding_concern", "aggression", "breach_of_rules", "accident", "other")
STAGES = ("informal", "stage_1", "stage_2", "naccc")


def text(name: str) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.String(), nullable=False)


def moment(name: str, nullable: bool = True) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(), nullable=nullable)


def rating(name: str) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.Enum(*RATINGS, name="rating"), nullable=False)


def upgrade() -> None:
    with op.batch_alter_table("centre", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "complaint_acknowledge_working_days",
                sa.Integer(),
                nullable=False,
                server_default="5",
            )
        )
        batch_op.add_column(
            sa.Column("complaint_respond_days", sa.Integer(), nullable=False, server_default="30")
        )
    op.create_table(
        "screening_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("item", sa.Enum(*ITEMS, name="screeningitem"), nullable=False),
        sa.Column("answer", sa.Enum("yes", "no", "unknown", name="answer"), nullable=False),
        text("note"),
        text("order_type"),
        sa.Column("order_made_on", sa.Date(), nullable=True),
        sa.Column("order_expires_on", sa.Date(), nullable=True),
        text("answered_by"),
        moment("answered_at", nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_screening_answer_person_id", "screening_answer", ["person_id"])
    op.create_table(
        "safeguarding_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=True),
        text("reviewed_by"),
        sa.Column("statement_reviewed_on", sa.Date(), nullable=True),
        text("statement_reviewed_by"),
        text("override_reason"),
        text("override_by"),
        moment("override_at"),
        text("door_instruction"),
        sa.ForeignKeyConstraint(["family_id"], ["family.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("family_id"),
    )
    op.create_table(
        "risk_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        text("nature"),
        rating("seriousness"),
        rating("likelihood"),
        text("managed"),
        text("before"),
        text("during"),
        text("after"),
        sa.ForeignKeyConstraint(["family_id"], ["family.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_risk_item_family_id", "risk_item", ["family_id"])
    op.create_table(
        "incident",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=True),
        moment("occurred_at", nullable=False),
        text("place"),
        sa.Column("category", sa.Enum(*CATEGORIES, name="incidentcategory"), nullable=False),
        *(text(name) for name in ("involved", "visitors", "witnesses", "seen", "said")),
        text("actions"),
        moment("police_told_at"),
        moment("social_services_told_at"),
        moment("referrer_told_at"),
        text("decision"),
        text("decision_reasons"),
        text("recorded_by"),
        moment("recorded_at", nullable=False),
        text("signed_off_by"),
        moment("signed_off_at"),
        sa.ForeignKeyConstraint(["family_id"], ["family.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_incident_family_id", "incident", ["family_id"])
    op.create_table(
        "incident_addendum",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        text("text"),
        text("added_by"),
        moment("added_at", nullable=False),
        sa.ForeignKeyConstraint(["incident_id"], ["incident.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_incident_addendum_incident_id", "incident_addendum", ["incident_id"])
    op.create_table(
        "exclusion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        text("reason"),
        text("decided_by"),
        sa.Column("decided_on", sa.Date(), nullable=False),
        moment("at", nullable=False),
        sa.ForeignKeyConstraint(["family_id"], ["family.id"]),
        sa.ForeignKeyConstraint(["incident_id"], ["incident.id"]),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_exclusion_family_id", "exclusion", ["family_id"])
    op.create_table(
        "complaint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        text("how"),
        text("from_whom"),
        text("about"),
        sa.Column("stage", sa.Enum(*STAGES, name="complaintstage"), nullable=False),
        sa.Column("acknowledge_by", sa.Date(), nullable=False),
        sa.Column("respond_by", sa.Date(), nullable=False),
        sa.Column("acknowledged_on", sa.Date(), nullable=True),
        sa.Column("responded_on", sa.Date(), nullable=True),
        text("outcome"),
        text("recorded_by"),
        moment("recorded_at", nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("disclosure", schema=None) as batch_op:
        batch_op.add_column(sa.Column("incident_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reason", sa.String(), nullable=True))
        batch_op.create_foreign_key("fk_disclosure_incident", "incident", ["incident_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("disclosure", schema=None) as batch_op:
        batch_op.drop_constraint("fk_disclosure_incident", type_="foreignkey")
        batch_op.drop_column("reason")
        batch_op.drop_column("incident_id")
    for table in ("complaint", "exclusion", "incident_addendum", "incident", "risk_item"):
        op.drop_table(table)
    op.drop_table("safeguarding_plan")
    op.drop_table("screening_answer")
    with op.batch_alter_table("centre", schema=None) as batch_op:
        batch_op.drop_column("complaint_respond_days")
        batch_op.drop_column("complaint_acknowledge_working_days")
