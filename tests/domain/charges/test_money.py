"""Money is integer pence: typed amounts parse exactly, show as £12.50, and sums of
charges and payments balance to the penny."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactcentre.domain.charges import ledger
from contactcentre.domain.charges.money import MAX_PENCE, format_pence, parse_pence
from contactcentre.domain.errors import ValidationError
from contactcentre.store.models import Charge, ChargeKind, Family, Payer, Payment, PaymentMethod


@pytest.mark.parametrize(
    ("typed", "pence"),
    [
        ("12.50", 1250),
        ("12.5", 1250),
        ("£12.50", 1250),
        ("£ 3", 300),
        ("1,200.00", 120000),
        ("0.01", 1),
        (" 7 ", 700),
        ("£99,999.99", MAX_PENCE),
    ],
)
def test_amounts_typed_as_people_type_them(typed: str, pence: int) -> None:
    assert parse_pence(typed) == pence


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("12.505", "more than two decimal places"),
        ("-1", "cannot be negative"),
        ("£-1", "cannot be negative"),
        ("abc", "not an amount"),
        ("12,50", "not an amount"),
        ("1e3", "not an amount"),
        ("", "missing"),
        ("100000", "too large"),
        ("9" * 400, "too large"),
        ("0", "more than £0.00"),
        ("1.2.3", "not an amount"),
        ("١٢", "not an amount"),
    ],
)
def test_a_bad_amount_is_refused_saying_why(typed: str, says: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_pence(typed)
    assert says in str(refused.value)


def test_a_fee_may_be_nothing() -> None:
    assert parse_pence("0.00", allow_zero=True) == 0


@given(st.integers(min_value=0, max_value=MAX_PENCE))
def test_showing_and_typing_back_an_amount_gives_the_same_pence(pence: int) -> None:
    shown = format_pence(pence)
    assert shown.startswith("£") and shown[-3] == "."
    assert parse_pence(shown, allow_zero=True) == pence


@given(st.text(max_size=30))
def test_anything_typed_is_an_amount_or_a_clear_refusal(typed: str) -> None:
    try:
        pence = parse_pence(typed)
    except ValidationError as refused:
        assert str(refused).startswith("amount: The amount")
    else:
        assert 0 < pence <= MAX_PENCE


amounts = st.lists(st.integers(min_value=1, max_value=500_000), max_size=12)


@given(charges=amounts, payments=amounts, voided=st.sets(st.integers(0, 11)))
def test_charges_and_payments_balance_to_the_penny(
    charges: list[int], payments: list[int], voided: set[int]
) -> None:
    """The balance is standing charges less payments; every penny paid is either on a
    charge or credit; what is outstanding plus what paid it is each charge's amount."""
    family = Family(id=1, ref="F-0001")
    rows = [
        Charge(
            id=i + 1,
            family_id=1,
            kind=ChargeKind.manual,
            description=f"c{i}",
            amount_pence=p,
            payer=Payer.non_resident,
            charged_on=date(2027, 1, 1 + i),
            voided_at=datetime(2027, 2, 1, tzinfo=UTC) if i in voided else None,
        )
        for i, p in enumerate(charges)
    ]
    paid = [
        Payment(
            id=i + 1,
            ref=f"P-{i + 1:04d}",
            family_id=1,
            paid_on=date(2027, 3, 1 + i),
            amount_pence=p,
            method=PaymentMethod.cash,
            payer=Payer.resident,
        )
        for i, p in enumerate(payments)
    ]
    account = ledger._account(family, rows, paid)
    standing = sum(p for i, p in enumerate(charges) if i not in voided)
    assert account.balance_pence == standing - sum(payments)
    allocated = sum(pence for line in account.payments for _what, pence in line.paid_for)
    credit = sum(line.credit_pence for line in account.payments)
    assert allocated + credit == sum(payments)
    outstanding = sum(line.outstanding_pence for line in account.charges)
    assert outstanding + allocated == standing
    assert outstanding - credit == account.balance_pence
    assert sum(account.by_payer.values()) == account.balance_pence
