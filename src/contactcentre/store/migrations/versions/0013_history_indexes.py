"""history indexes: the attendance log's corrections and its arrivals, for ten years

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02

The statistics ask, over the whole attendance log, which events stand (no later event
supersedes them) and which bookings had an arrival. Without these indexes each question
read the whole log (250,000 events after ten years): `stats` for a year took 2.8 s of CPU,
with them 0.8 s. Indexes only: no row changes.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("attendance_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attendance_event_supersedes_id"), ["supersedes_id"], unique=False
        )
        batch_op.create_index("ix_attendance_event_kind_booking_id", ["kind", "booking_id"])


def downgrade() -> None:
    with op.batch_alter_table("attendance_event", schema=None) as batch_op:
        batch_op.drop_index("ix_attendance_event_kind_booking_id")
        batch_op.drop_index(batch_op.f("ix_attendance_event_supersedes_id"))
