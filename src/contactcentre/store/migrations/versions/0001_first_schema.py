"""first schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "agreement_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("requires_resign", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("version"),
    )
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("entity", sa.String(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("family_id", sa.Integer(), nullable=True),
        sa.Column("fields", sa.String(), nullable=False),
        sa.Column("detail", sa.String(), nullable=False),
        sa.Column("prev_hash", sa.String(), nullable=False),
        sa.Column("hash", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entry_family_id"), ["family_id"], unique=False)

    op.create_table(
        "centre",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("charity_number", sa.String(), nullable=False),
        sa.Column("accreditation_line", sa.String(), nullable=False),
        sa.Column("coordinator_name", sa.String(), nullable=False),
        sa.Column("timezone", sa.String(), nullable=False),
        sa.Column("opening_rule", sa.String(), nullable=False),
        sa.Column("opening_start", sa.Time(), nullable=False),
        sa.Column("opening_end", sa.Time(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("handover_gap_minutes", sa.Integer(), nullable=False),
        sa.Column("nonresident_early_minutes", sa.Integer(), nullable=False),
        sa.Column("nonresident_late_minutes", sa.Integer(), nullable=False),
        sa.Column("short_notice_hours", sa.Integer(), nullable=False),
        sa.Column("overdue_after_minutes", sa.Integer(), nullable=False),
        sa.Column("review_months", sa.Integer(), nullable=False),
        sa.Column("idle_lock_minutes", sa.Integer(), nullable=False),
        sa.Column("backup_reminder_days", sa.Integer(), nullable=False),
        sa.Column("last_backup_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name="single_centre_row"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "closure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.Enum("closed", "reopened", name="closurekind"), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("day"),
    )
    op.create_table(
        "contact_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start", sa.Time(), nullable=False),
        sa.Column("end", sa.Time(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column(
            "kind", sa.Enum("pattern", "extra", "historical", name="sessionkind"), nullable=False
        ),
        sa.Column(
            "status", sa.Enum("scheduled", "cancelled", name="sessionstatus"), nullable=False
        ),
        sa.Column("cancel_reason", sa.String(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("contact_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_session_day"), ["day"], unique=True)

    op.create_table(
        "family",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(), nullable=False),
        sa.Column(
            "contact_type",
            sa.Enum("supported", "supervised", "handover", "indirect", name="contacttype"),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum("referred", "active", "closed", "excluded", name="familystatus"),
            nullable=False,
        ),
        sa.Column("referral_date", sa.Date(), nullable=False),
        sa.Column(
            "referral_source",
            sa.Enum(
                "cafcass",
                "social_services",
                "solicitor",
                "mediator",
                "court",
                "self",
                name="referralsource",
            ),
            nullable=False,
        ),
        sa.Column("referrer_name", sa.String(), nullable=False),
        sa.Column("referrer_organisation", sa.String(), nullable=False),
        sa.Column("referrer_email", sa.String(), nullable=False),
        sa.Column("referrer_phone", sa.String(), nullable=False),
        sa.Column("referrer_reference", sa.String(), nullable=False),
        sa.Column("court_order", sa.Boolean(), nullable=False),
        sa.Column("court_order_date", sa.Date(), nullable=True),
        sa.Column("court_order_description", sa.String(), nullable=False),
        sa.Column("parents_must_not_meet", sa.Boolean(), nullable=False),
        sa.Column("nonresident_early_minutes", sa.Integer(), nullable=True),
        sa.Column("nonresident_late_minutes", sa.Integer(), nullable=True),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("review_date", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("closed_reason", sa.String(), nullable=False),
        sa.Column("closed_by", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_family_ref"), ["ref"], unique=True)

    op.create_table(
        "booking",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.Enum("booked", "cancelled", name="bookingstatus"), nullable=False),
        sa.Column("override_reason", sa.String(), nullable=False),
        sa.Column("booked_at", sa.DateTime(), nullable=False),
        sa.Column("nonresident_arrive", sa.Time(), nullable=True),
        sa.Column("child_dropoff", sa.Time(), nullable=True),
        sa.Column("child_pickup", sa.Time(), nullable=True),
        sa.Column("nonresident_leave", sa.Time(), nullable=True),
        sa.Column("plan_confirmed", sa.Boolean(), nullable=False),
        sa.Column(
            "cancelled_by",
            sa.Enum("resident", "non_resident", "centre", name="cancelledby"),
            nullable=True,
        ),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.Column("centre_told_at", sa.DateTime(), nullable=True),
        sa.Column("cancel_reason", sa.String(), nullable=False),
        sa.Column("short_notice", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["family_id"], ["family.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["contact_session.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "family_id", name="one_booking_a_day"),
    )
    with op.batch_alter_table("booking", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_booking_family_id"), ["family_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_booking_session_id"), ["session_id"], unique=False)

    op.create_table(
        "disclosure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("produced_by", sa.String(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.String(), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_to", sa.Date(), nullable=False),
        sa.Column(
            "outcome", sa.Enum("produced", "refused", name="disclosureoutcome"), nullable=False
        ),
        sa.Column("digest", sa.String(), nullable=False),
        sa.Column("requested_by", sa.String(), nullable=False),
        sa.Column("refusal_reason", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["family.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("disclosure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_disclosure_family_id"), ["family_id"], unique=False)

    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum("child", "resident_parent", "non_resident_parent", "relative", name="role"),
            nullable=False,
        ),
        sa.Column("first_name", sa.String(), nullable=False),
        sa.Column("last_name", sa.String(), nullable=False),
        sa.Column("relationship", sa.String(), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("needs", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("address_confidential", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("pre_visit_date", sa.Date(), nullable=True),
        sa.Column("attends", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["family_id"], ["family.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_family_id"), ["family_id"], unique=False)

    op.create_table(
        "referee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("relationship", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["family_id"], ["family.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("referee", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_referee_family_id"), ["family_id"], unique=False)

    op.create_table(
        "status_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column(
            "from_status",
            sa.Enum("referred", "active", "closed", "excluded", name="familystatus"),
            nullable=False,
        ),
        sa.Column(
            "to_status",
            sa.Enum("referred", "active", "closed", "excluded", name="familystatus"),
            nullable=False,
        ),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("decided_by", sa.String(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["family_id"], ["family.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("status_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_status_change_family_id"), ["family_id"], unique=False)

    op.create_table(
        "attendance_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "nonresident_arrived",
                "nonresident_left",
                "child_dropped_off",
                "child_collected",
                "resident_arrived",
                "relative_arrived",
                "relative_left",
                "no_show",
                "voided",
                name="eventkind",
            ),
            nullable=False,
        ),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(), nullable=False),
        sa.Column(
            "source", sa.Enum("live", "paper", "import_", name="eventsource"), nullable=False
        ),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["booking.id"],
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["attendance_event.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("attendance_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attendance_event_booking_id"), ["booking_id"], unique=False
        )

    op.create_table(
        "signature",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("agreement_version_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text_signed", sa.String(), nullable=False),
        sa.Column("method", sa.Enum("screen", "paper", name="signmethod"), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("strokes", sa.String(), nullable=False),
        sa.Column("witnessed_by", sa.String(), nullable=False),
        sa.Column("scan", sa.LargeBinary(), nullable=True),
        sa.Column("scan_mime", sa.String(), nullable=False),
        sa.Column("scan_filename", sa.String(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_version_id"],
            ["agreement_version.id"],
        ),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("signature", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_signature_person_id"), ["person_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("signature", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signature_person_id"))

    op.drop_table("signature")
    with op.batch_alter_table("attendance_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendance_event_booking_id"))

    op.drop_table("attendance_event")
    with op.batch_alter_table("status_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_change_family_id"))

    op.drop_table("status_change")
    with op.batch_alter_table("referee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referee_family_id"))

    op.drop_table("referee")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_family_id"))

    op.drop_table("person")
    with op.batch_alter_table("disclosure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_disclosure_family_id"))

    op.drop_table("disclosure")
    with op.batch_alter_table("booking", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_booking_session_id"))
        batch_op.drop_index(batch_op.f("ix_booking_family_id"))

    op.drop_table("booking")
    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_family_ref"))

    op.drop_table("family")
    with op.batch_alter_table("contact_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_session_day"))

    op.drop_table("contact_session")
    op.drop_table("closure")
    op.drop_table("centre")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entry_family_id"))

    op.drop_table("audit_entry")
    op.drop_table("agreement_version")
