"""Charges raised by what happened: a session attended, a parent's late cancellation, a
referral accepted; and withdrawn (never deleted) when what raised them is corrected away."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from contactcentre.domain.bookings import attendance, cancelling
from contactcentre.domain.charges import fees, ledger, raising
from contactcentre.domain.clock import FixedClock
from contactcentre.domain.register.families import load_family_form, save_family
from contactcentre.store.engine import Store
from contactcentre.store.models import (
    CancelledBy,
    Charge,
    ContactType,
    EventKind,
    FamilyStatus,
)
from tests.conftest import PASSPHRASE
from tests.domain.charges.helpers import DAY, book, charging_centre, local, standing
from tests.factories import add_family, ready_family


def arrive(store: Store, booking_id: int) -> int:
    with store.session() as s:
        event = attendance.record_event(
            s, booking_id, EventKind.nonresident_arrived, local(DAY, 9, 45)
        )
        assert event.id is not None
        return event.id


def reconcile(store: Store) -> int:
    with store.session() as s:
        return raising.raise_due_charges(s)


def test_an_attended_supported_session_raises_the_session_fee_once(
    store: Store, clock: FixedClock
) -> None:
    family = ready_family(store)
    charging_centre(store, clock)
    arrive(store, book(store, family))
    assert reconcile(store) == 1
    assert reconcile(store) == 0  # idempotent: read again, nothing new
    assert standing(store) == [("session", 300, "non_resident")]


def test_a_supervised_family_pays_the_supervised_fee(store: Store, clock: FixedClock) -> None:
    family = ready_family(store, contact_type=ContactType.supervised)
    charging_centre(store, clock)
    arrive(store, book(store, family))
    reconcile(store)
    assert standing(store) == [("supervised_session", 2500, "non_resident")]


def test_a_free_centre_raises_nothing(store: Store, clock: FixedClock) -> None:
    family = ready_family(store)
    arrive(store, book(store, family))
    assert reconcile(store) == 0
    charging_centre(store, clock, charges_enabled=False)
    assert reconcile(store) == 0 and standing(store) == []


def test_a_booking_not_attended_raises_nothing(store: Store, clock: FixedClock) -> None:
    family = ready_family(store)
    charging_centre(store, clock)
    booking_id = book(store, family)
    with store.session() as s:
        attendance.record_event(s, booking_id, EventKind.no_show, local(DAY, 10, 30))
    assert reconcile(store) == 0


def test_a_fee_change_never_rewrites_a_charge_even_one_raised_after_it(
    store: Store, clock: FixedClock
) -> None:
    """The session was attended at £3; the fee went up to £4 before anyone looked."""
    family = ready_family(store)
    charging_centre(store, clock)
    arrive(store, book(store, family))
    clock.set(local(DAY + timedelta(days=1), 12))
    with store.session() as s:
        fees.set_fees(s, session_fee=400)
    reconcile(store)
    with store.session() as s:
        fees.set_fees(s, session_fee=600)
    reconcile(store)
    assert standing(store) == [("session", 300, "non_resident")]


def test_an_arrival_corrected_away_voids_the_charge_and_keeps_who_and_why(
    store: Store, clock: FixedClock
) -> None:
    family = ready_family(store)
    charging_centre(store, clock)
    event = arrive(store, book(store, family))
    reconcile(store)
    clock.set(local(DAY, 13))
    with store.session() as s:
        attendance.correct_event(
            s, event, why="Wrong family", recorded_by="", kind=EventKind.voided
        )
    assert reconcile(store) == 1
    with store.session() as s:
        charge = s.exec(select(Charge)).one()
        account = ledger.account(s, family)
    assert charge.voided_by == "Pat Coordinator" and charge.voided_at == local(DAY, 13)
    assert charge.void_reason == raising.NO_LONGER_ATTENDED
    assert account.balance_pence == 0
    assert account.charges[0].voided.startswith("Voided 13/03/2027 by Pat Coordinator")


def test_a_waived_charge_is_not_raised_again(store: Store, clock: FixedClock) -> None:
    family = ready_family(store)
    charging_centre(store, clock)
    arrive(store, book(store, family))
    reconcile(store)
    with store.session() as s:
        charge_id = s.exec(select(Charge.id)).one()
        assert charge_id is not None
        ledger.waive_charge(s, charge_id, "First session free")
    assert reconcile(store) == 0 and standing(store) == []


def cancel(store: Store, family: int, told_at: object, by: CancelledBy) -> None:
    with store.session() as s:
        cancelling.cancel_booking(s, family, DAY, by=by, told_at=told_at)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("hours_before", "by", "expected"),
    [
        (47, CancelledBy.non_resident, [("late_cancellation", 500, "non_resident")]),
        (2, CancelledBy.resident, [("late_cancellation", 500, "resident")]),
        (48, CancelledBy.resident, []),  # exactly the window: in time
        (72, CancelledBy.non_resident, []),
        (2, CancelledBy.centre, []),  # the centre called it off: never the family's fee
    ],
    ids=["47h-visiting", "2h-resident", "exactly-48h", "72h", "centre"],
)
def test_a_late_cancellation_by_a_parent_raises_the_fee_payable_by_that_parent(
    store: Store, clock: FixedClock, hours_before: int, by: CancelledBy, expected: list[object]
) -> None:
    family = ready_family(store)
    charging_centre(store, clock)
    book(store, family)
    cancel(store, family, local(DAY, 10) - timedelta(hours=hours_before), by)
    reconcile(store)
    assert standing(store) == expected


def test_a_late_cancellation_booked_again_voids_its_fee(store: Store, clock: FixedClock) -> None:
    family = ready_family(store)
    charging_centre(store, clock)
    book(store, family)
    cancel(store, family, local(DAY, 8), CancelledBy.resident)
    reconcile(store)
    book(store, family)
    assert reconcile(store) == 1 and standing(store) == []


def test_a_referral_accepted_raises_the_referral_fee_once(store: Store, clock: FixedClock) -> None:
    family = add_family(store)  # referred
    charging_centre(store, clock)
    for status in (FamilyStatus.active, FamilyStatus.referred, FamilyStatus.active):
        with store.session() as s:
            form = load_family_form(s, family)
            form.status = status
            save_family(s, form, today=date(2027, 3, 2), family_id=family)
        reconcile(store)
    assert standing(store) == [("referral", 2000, "cafcass")]


def test_a_centre_opened_read_only_shows_its_charges_as_stored(
    store: Store, clock: FixedClock
) -> None:
    """Reading charges tidies up by writing; a read-only (damaged) store must still read."""
    family = ready_family(store)
    charging_centre(store, clock)
    arrive(store, book(store, family))
    store.close()
    reading = Store.open(store.path, PASSPHRASE, read_only=True)
    try:
        with reading.session() as s:
            assert ledger.account(s, family).balance_pence == 0  # not raised: nothing written
    finally:
        reading.close()


def test_turning_charges_off_stops_new_charges_and_keeps_those_raised(
    store: Store, clock: FixedClock
) -> None:
    first, second = ready_family(store, "F-0001"), ready_family(store, "F-0002")
    charging_centre(store, clock)
    arrive(store, book(store, first))
    reconcile(store)
    clock.set(local(DAY, 9))
    with store.session() as s:
        fees.set_fees(s, charges_enabled=False)
    arrive(store, book(store, second))  # the same session, after charging stopped
    assert reconcile(store) == 0
    assert standing(store) == [("session", 300, "non_resident")]


def test_a_referral_accepted_before_the_referral_fee_existed_is_not_charged(
    store: Store, clock: FixedClock
) -> None:
    family = add_family(store)
    with store.session() as s:
        form = load_family_form(s, family)
        form.status = FamilyStatus.active
        save_family(s, form, today=date(2027, 2, 20), family_id=family)
    charging_centre(store, clock)  # from 1 March
    assert reconcile(store) == 0
