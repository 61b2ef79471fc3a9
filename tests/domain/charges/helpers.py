"""A charging centre for the charges tests: fees set on 1 March 2027, families ready."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import select

from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.charges import fees
from contactcentre.domain.clock import FixedClock
from contactcentre.store.engine import Store
from contactcentre.store.models import Charge, Payer, TeamRole

DAY = date(2027, 3, 13)  # a Saturday session, 10:00-12:00 in London (GMT: UTC+0)
LONDON = ZoneInfo("Europe/London")
FEES_SET = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def charging_centre(store: Store, clock: FixedClock, **changes: object) -> None:
    """Fees from 1 March: £3 a supported session, £25 supervised, £5 for a cancellation
    with less than 48 hours' notice, a £20 referral fee paid by Cafcass."""
    clock.set(FEES_SET)
    store.act_as("Pat Coordinator", clock.now, TeamRole.coordinator)
    values: dict[str, object] = dict(
        charges_enabled=True, session_fee=300, supervised_fee=2500, late_cancel_fee=500,
        late_cancel_hours=48, referral_fee=2000, referral_payer=Payer.cafcass,
    )  # fmt: skip
    with store.session() as s:
        fees.set_fees(s, **(values | changes))


def book(store: Store, family_id: int, day: date = DAY) -> int:
    with store.session() as s:
        bookings.book(s, family_id, day, today=date(2027, 3, 1))
        booking_id = bookings.find_booking(s, family_id, day).id
    assert booking_id is not None
    return booking_id


def standing(store: Store) -> list[tuple[str, int, str]]:
    """(kind, pence, payer) of every standing charge, in the order raised."""
    with store.session() as s:
        rows = s.exec(select(Charge).where(Charge.voided_at == None).order_by(Charge.id))  # noqa: E711
        return [(c.kind.value, c.amount_pence, c.payer.value) for c in rows]
