"""Recording a payment: one unit of work that gives it the next receipt number (P-0001)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from contactcentre.domain import acting, audit, permissions
from contactcentre.domain.centre import get_centre
from contactcentre.domain.charges import ledger
from contactcentre.domain.charges.fees import PAYER_LABELS
from contactcentre.domain.errors import ValidationError
from contactcentre.domain.register.families import family_by_ref
from contactcentre.domain.schedule import utc_to_local
from contactcentre.domain.validate import folded, free_text
from contactcentre.store.models import Payer, Payment, PaymentMethod

# What may be typed for a party, besides its value ("local_authority").
PAYER_WORDS = {
    folded(words.removeprefix("the ").removeprefix("a ")): p for p, words in PAYER_LABELS.items()
}
PAYER_WORDS |= {folded(p.value.replace("_", " ")): p for p in Payer}
PAYER_WORDS |= {"non-resident": Payer.non_resident, "non resident parent": Payer.non_resident}


def resolve_payer(s: Session, family_id: int, typed: str) -> tuple[Payer, str]:
    """The party and the name to print for what was typed as the payer: a party's name
    ("cafcass", "resident") is that party; anything else is kept as the payer's name, for
    the party that owes the family's oldest unpaid charge (else the parent having contact)."""
    name = free_text("payer", "The payer", typed, limit=100, multiline=False)
    party = PAYER_WORDS.get(folded(name).replace("_", " "))
    if party is not None:
        return party, ""
    unpaid = [c for c in ledger.account(s, family_id).charges if c.outstanding_pence]
    return (unpaid[0].payer if unpaid else Payer.non_resident), name


def record_payment(
    s: Session,
    family_ref: str,
    pence: int,
    method: PaymentMethod,
    paid_on: date,
    *,
    payer: str = "",
) -> Payment:
    """Money received for a family; returns the payment with its reference."""
    permissions.require(s, "record_payment")
    family = family_by_ref(s, family_ref)
    assert family.id is not None
    if pence <= 0:
        raise ValidationError.single("amount", "A payment must be more than £0.00.")
    today = utc_to_local(acting.now(s), get_centre(s).timezone).date()
    if paid_on > today:
        raise ValidationError.single(
            "date", f"The payment's date {paid_on:%d/%m/%Y} is still to come."
        )
    party, name = resolve_payer(s, family.id, payer)
    payment = Payment(
        ref=ledger.next_payment_ref(s),
        family_id=family.id,
        paid_on=paid_on,
        amount_pence=pence,
        method=method,
        payer=party,
        payer_name=name,
        recorded_by=acting.actor(s),
        recorded_at=acting.now(s),
    )
    s.add(payment)
    s.flush()
    audit.record(
        s, "payment.record", entity="payment", entity_id=payment.id, family_id=family.id,
        detail=method.value,
    )  # fmt: skip
    return payment
