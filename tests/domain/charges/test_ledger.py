"""A family's account: payments pay the oldest charges first, balances per family and
per payer, arrears after 30 days, and a payment is all or nothing."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from contactcentre.domain import audit, permissions
from contactcentre.domain.charges import ledger, payments
from contactcentre.domain.clock import FixedClock
from contactcentre.domain.errors import ValidationError
from contactcentre.store.engine import Store
from contactcentre.store.models import AuditEntry, Payer, Payment, PaymentMethod, TeamRole
from tests.domain.charges.helpers import charging_centre
from tests.factories import add_family


@pytest.fixture
def family(store: Store, clock: FixedClock) -> int:
    family_id = add_family(store, "F-0001")
    charging_centre(store, clock)
    with store.session() as s:
        ledger.add_charge(
            s, "F-0001", "Copy of the agreement", 250, Payer.resident, date(2027, 1, 5)
        )
        ledger.add_charge(s, "F-0001", "Supervised report", 4000, Payer.cafcass, date(2027, 2, 20))
    return family_id


def pay(store: Store, pence: int, payer: str = "", on: date = date(2027, 2, 28)) -> str:
    with store.session() as s:
        return payments.record_payment(s, "F-0001", pence, PaymentMethod.cash, on, payer=payer).ref


def test_a_payment_pays_the_oldest_charge_first_and_the_rest_is_owed(
    store: Store, family: int
) -> None:
    assert pay(store, 1000) == "P-0001"
    with store.session() as s:
        account = ledger.account(s, family)
    assert [c.outstanding_pence for c in account.charges] == [0, 3250]
    assert account.payments[0].paid_for == (
        ("Copy of the agreement", 250),
        ("Supervised report", 750),
    )
    assert account.balance_pence == 3250
    assert ledger.describe(account.balance_pence) == "£32.50 owed"


def test_balances_per_payer_and_who_a_typed_payer_is(store: Store, family: int) -> None:
    pay(store, 4000, "Cafcass")
    pay(store, 100, "Sarah's sister Jo")  # a name: owed by the oldest unpaid charge's payer
    with store.session() as s:
        account = ledger.account(s, family)
        found = s.exec(select(Payment).order_by(Payment.id)).all()
    assert [(p.payer, p.payer_name) for p in found] == [
        (Payer.cafcass, ""), (Payer.resident, "Sarah's sister Jo"),
    ]  # fmt: skip
    assert account.by_payer == {Payer.resident: 150, Payer.cafcass: 0}
    assert [p.payer for p in account.payments] == ["Cafcass", "Sarah's sister Jo"]


def test_arrears_are_charges_unpaid_for_more_than_30_days(store: Store, family: int) -> None:
    with store.session() as s:
        assert ledger.arrears(s, date(2027, 2, 4)) == []  # 30 days: not yet
        [late] = ledger.arrears(s, date(2027, 2, 5))
        assert (late.family_ref, late.overdue_pence, late.since) == (
            "F-0001",
            250,
            date(2027, 1, 5),
        )
    pay(store, 250)
    with store.session() as s:
        assert ledger.arrears(s, date(2027, 3, 15)) == []
        assert [a.overdue_pence for a in ledger.arrears(s, date(2027, 3, 23))] == [4000]


def test_a_failure_while_recording_leaves_no_half_payment(
    store: Store, family: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        pay(store, 500)
    monkeypatch.undo()
    with store.session() as s:
        assert s.exec(select(Payment)).all() == []
        assert not [e for e in s.exec(select(AuditEntry)) if e.action == "payment.record"]
    assert pay(store, 500) == "P-0001"  # the number was not used up


@pytest.mark.parametrize("role", [TeamRole.volunteer, TeamRole.supervisor])
def test_only_a_coordinator_sees_charges_or_records_a_payment(
    store: Store, family: int, clock: FixedClock, role: TeamRole
) -> None:
    store.act_as("Sam", clock.now, role)
    with pytest.raises(permissions.Refused, match=r"Only a coordinator can record a payment\."):
        pay(store, 100)
    with store.session() as s, pytest.raises(permissions.Refused):
        ledger.account(s, family)


def test_a_payment_dated_in_the_future_or_for_nobody_is_refused(store: Store, family: int) -> None:
    with pytest.raises(Exception, match="still to come"):
        pay(store, 100, on=date(2027, 3, 2))
    with store.session() as s, pytest.raises(Exception, match="No family with reference"):
        payments.record_payment(s, "F-0999", 100, PaymentMethod.card, date(2027, 2, 1))


HOSTILE = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=300),
    st.sampled_from(["'; DROP TABLE payment; --", "\x00", "a\nb", " " * 5, "x" * 101]),
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(payer=HOSTILE, what=HOSTILE)
def test_hostile_text_as_payer_or_description_is_kept_whole_or_refused_whole(
    store: Store, family: int, payer: str, what: str
) -> None:
    with store.session() as s:
        before = ledger.account(s, family)
    for attempt in (
        lambda s: payments.record_payment(
            s, "F-0001", 100, PaymentMethod.card, date(2027, 2, 1), payer=payer
        ),
        lambda s: ledger.add_charge(s, "F-0001", what, 100, Payer.resident, date(2027, 2, 1)),
    ):
        try:
            with store.session() as s:
                attempt(s)
        except ValidationError as refused:
            assert len(str(refused).splitlines()) == 1
    with store.session() as s:
        after = ledger.account(s, family)
    assert after.balance_pence - before.balance_pence in (-100, 0, 100)
    names = {p.payer for p in after.payments}
    assert all(len(name) <= 100 and "\x00" not in name for name in names)
