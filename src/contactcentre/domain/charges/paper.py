"""The plain data of a receipt and of a family's statement, for documents/receipt.py.

Only what the payer may read: the centre's letterhead, the family's reference, amounts,
dates and what each charge was for. No names of children, no addresses, no notes.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from contactcentre.documents.data import Receipt, Statement, StatementLine
from contactcentre.domain import permissions
from contactcentre.domain.centre import letterhead
from contactcentre.domain.charges import ledger
from contactcentre.domain.charges.money import format_pence
from contactcentre.domain.errors import ValidationError
from contactcentre.domain.register.families import family_by_ref


def receipt(s: Session, payment_ref: str) -> Receipt:
    permissions.require(s, "see_charges")
    payment = ledger.find_payment(s, payment_ref)
    account = ledger.account(s, payment.family_id)
    line = next(p for p in account.payments if p.ref == payment.ref)
    paid_for = [(what, format_pence(pence)) for what, pence in line.paid_for]
    if line.credit_pence:
        paid_for.append(("Credit towards future charges", format_pence(line.credit_pence)))
    return Receipt(
        letterhead=letterhead(s),
        number=payment.ref,
        family_ref=account.family_ref,
        paid_on=payment.paid_on,
        amount=format_pence(payment.amount_pence),
        method=payment.method.value,
        payer=line.payer,
        paid_for=tuple(paid_for),
        balance=ledger.describe(account.balance_pence),
    )


def statement(s: Session, family_ref: str, start: date, end: date) -> Statement:
    """Charges and payments between `start` and `end` (inclusive), with the balance
    brought forward and the balance at the end. Voided charges are left out."""
    permissions.require(s, "see_charges")
    if end < start:
        raise ValidationError.single("period", "The statement's period ends before it starts.")
    family = family_by_ref(s, family_ref)
    account = ledger.account(s, family.id or 0)
    before = sum(c.amount_pence for c in account.charges if not c.voided and c.charged_on < start)
    before -= sum(p.amount_pence for p in account.payments if p.paid_on < start)
    rows: list[tuple[date, int, str, int]] = [
        (c.charged_on, 0, c.what, c.amount_pence)
        for c in account.charges
        if not c.voided and start <= c.charged_on <= end
    ]
    rows += [
        (p.paid_on, 1, f"Payment {p.ref} ({p.method}) from {p.payer}", -p.amount_pence)
        for p in account.payments
        if start <= p.paid_on <= end
    ]
    running, lines = before, []
    for on, _order, what, pence in sorted(rows):
        running += pence
        lines.append(
            StatementLine(
                on,
                what,
                format_pence(pence) if pence > 0 else "",
                format_pence(-pence) if pence < 0 else "",
                format_pence(running),
            )
        )
    return Statement(
        letterhead=letterhead(s),
        family_ref=account.family_ref,
        start=start,
        end=end,
        brought_forward=format_pence(before),
        lines=tuple(lines),
        balance=ledger.describe(running),
    )
