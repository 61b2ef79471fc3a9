"""A centre with families closed long ago, for the retention tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from contactcentre.domain.bookings.attendance import record_event
from contactcentre.domain.disclosure.log import record_refusal
from contactcentre.domain.register.families import end_family
from contactcentre.store.engine import Store
from contactcentre.store.models import CaseOutcome, EventKind, FamilyStatus
from tests.factories import add_booking, add_family, make_ready

REFERRED = date(2022, 1, 10)


def closed_family(store: Store, ref: str, closed_on: date, **kw: object) -> int:
    """A family referred in 2022, both parents signed up, closed on `closed_on`."""
    family_id = add_family(store, ref, today=REFERRED, referral_date=REFERRED, **kw)
    make_ready(store, family_id, on=REFERRED)
    with store.session() as s:
        record_refusal(
            s, family_id, REFERRED, closed_on, now=datetime(2022, 6, 1, 10, tzinfo=UTC),
            requested_by="Mark's solicitor", recipient=f"Ann Lawyer-{ref}, Smith & Co Solicitors",
        )  # fmt: skip
        end_family(
            s, family_id, FamilyStatus.closed, reason="Own arrangements", on=closed_on,
            decided_by="", today=closed_on, outcome=CaseOutcome.moved_on,
        )  # fmt: skip
    return family_id


def attended_on(store: Store, family_id: int, day: date) -> None:
    """A session on `day` the family came to (an arrival recorded: an audited event)."""
    with store.session() as s:
        booking_id = add_booking(s, family_id, day)
        arrived = datetime.combine(day, time(10), tzinfo=UTC)
        record_event(s, booking_id, EventKind.nonresident_arrived, arrived, recorded_by="Pat")
