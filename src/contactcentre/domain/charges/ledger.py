"""A family's account: charges by hand, payments, what each payment paid, balances,
arrears. Payments are allocated when the account is read, never stored: each payment
pays the oldest standing charges owed by its own payer first (by the date charged, then
the order raised), then the family's oldest others; what is left over is credit that
pays the next charge raised.
So a voided charge frees the money that paid it for the next one, and the balance is
always charges less payments, to the penny.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import Session, col, select

from contactcentre.domain import permissions
from contactcentre.domain.charges import raising
from contactcentre.domain.charges.fees import PAYER_LABELS
from contactcentre.domain.charges.money import format_pence
from contactcentre.domain.errors import NotFound, ValidationError
from contactcentre.domain.register.families import family_by_ref
from contactcentre.domain.validate import free_text
from contactcentre.store.models import (
    Charge,
    ChargeKind,
    Disclosure,
    Family,
    FeeSchedule,
    Payer,
    Payment,
)

ARREARS_AFTER = timedelta(days=30)
KIND_WORDS = {
    ChargeKind.session: "Supported session",
    ChargeKind.supervised_session: "Supervised session",
    ChargeKind.late_cancellation: "Late cancellation of the session",
    ChargeKind.referral: "Referral fee",
    ChargeKind.report: "Report",
}


Periods = dict[int, tuple[date, date]]  # a report's disclosure log entry -> its period


def what_for(charge: Charge, periods: Periods | None = None) -> str:
    """ "Supported session on Sat 13 Mar 2027", "Report, 01/03/2027–31/03/2027",
    "Referral fee", or the typed description."""
    if charge.kind == ChargeKind.manual:
        return charge.description
    words = KIND_WORDS[charge.kind]
    period = (periods or {}).get(charge.disclosure_id or 0)
    if period is not None:
        return f"{words}, {period[0]:%d/%m/%Y}–{period[1]:%d/%m/%Y}"
    return f"{words} on {charge.charged_on:%a %d %b %Y}" if charge.booking_id else words


def report_periods(s: Session, charges: list[Charge]) -> Periods:
    """The periods of the reports these charges are for."""
    ids = [c.disclosure_id for c in charges if c.disclosure_id is not None]
    if not ids:
        return {}
    found = s.exec(select(Disclosure).where(col(Disclosure.id).in_(ids)))
    return {d.id or 0: (d.period_from, d.period_to) for d in found}


@dataclass(frozen=True)
class ChargeLine:
    charge_id: int
    charged_on: date
    what: str
    amount_pence: int
    payer: Payer
    outstanding_pence: int  # after the payments so far (0 once paid or voided)
    voided: str  # "" standing; else "Voided 02/12/2026 by Pat: why"


@dataclass(frozen=True)
class PaymentLine:
    ref: str
    paid_on: date
    amount_pence: int
    method: str
    payer: str  # in words: the name typed, else the party
    paid_for: tuple[tuple[str, int], ...]  # (what, pence) it paid, oldest first
    credit_pence: int  # what is left of it, unallocated


@dataclass(frozen=True)
class Account:
    family_id: int
    family_ref: str
    charges: tuple[ChargeLine, ...]
    payments: tuple[PaymentLine, ...]
    charged_pence: int
    paid_pence: int
    by_payer: dict[Payer, int] = field(default_factory=dict)  # charges less payments

    @property
    def balance_pence(self) -> int:
        """Owed by the family (negative: in credit)."""
        return self.charged_pence - self.paid_pence


def payer_words(payment: Payment) -> str:
    return payment.payer_name or PAYER_LABELS[payment.payer].capitalize()


def _void_words(charge: Charge) -> str:
    if charge.voided_at is None:
        return ""
    return f"Voided {charge.voided_at:%d/%m/%Y} by {charge.voided_by}: {charge.void_reason}"


def _rows(s: Session, family_id: int) -> tuple[list[Charge], list[Payment], Periods]:
    charges = s.exec(
        select(Charge)
        .where(col(Charge.family_id) == family_id)
        .order_by(col(Charge.charged_on), col(Charge.id))
    )
    payments = s.exec(
        select(Payment)
        .where(col(Payment.family_id) == family_id)
        .order_by(col(Payment.paid_on), col(Payment.id))
    )
    found = list(charges)
    return found, list(payments), report_periods(s, found)


def _account(
    family: Family, charges: list[Charge], payments: list[Payment], periods: Periods | None = None
) -> Account:
    """Charges and payments matched oldest first (see the module's docstring)."""
    assert family.id is not None
    standing = [c for c in charges if c.voided_at is None]
    owed = {c.id: c.amount_pence for c in standing}
    payment_lines = []
    for payment in payments:
        left, paid_for = payment.amount_pence, []
        # Its own payer's charges first, then anyone's; each oldest first.
        for charge in sorted(standing, key=lambda c: c.payer != payment.payer):
            take = min(left, owed[charge.id])
            if take:
                owed[charge.id] -= take
                left -= take
                paid_for.append((what_for(charge, periods), take))
        payment_lines.append(
            PaymentLine(
                payment.ref,
                payment.paid_on,
                payment.amount_pence,
                payment.method.value,
                payer_words(payment),
                tuple(paid_for),
                left,
            )
        )
    by_payer: dict[Payer, int] = {}
    for charge in standing:
        by_payer[charge.payer] = by_payer.get(charge.payer, 0) + charge.amount_pence
    for payment in payments:
        by_payer[payment.payer] = by_payer.get(payment.payer, 0) - payment.amount_pence
    lines = tuple(
        ChargeLine(
            c.id or 0,
            c.charged_on,
            what_for(c, periods),
            c.amount_pence,
            c.payer,
            owed.get(c.id, 0),
            _void_words(c),
        )
        for c in charges
    )
    return Account(
        family.id,
        family.ref,
        lines,
        tuple(payment_lines),
        sum(c.amount_pence for c in standing),
        sum(p.amount_pence for p in payments),
        by_payer,
    )


def account(s: Session, family_id: int) -> Account:
    """A family's charges, payments and balance (raising any charge now due first)."""
    permissions.require(s, "see_charges")
    raising.raise_due_charges(s)
    family = s.get(Family, family_id)
    if family is None:
        raise NotFound("That family no longer exists.")
    return _account(family, *_rows(s, family_id))


def accounts(s: Session) -> list[Account]:
    """Every family that has ever had a charge or a payment, by reference."""
    permissions.require(s, "see_charges")
    raising.raise_due_charges(s)
    ids = set(s.exec(select(Charge.family_id))) | set(s.exec(select(Payment.family_id)))
    families = s.exec(select(Family).where(col(Family.id).in_(ids)).order_by(col(Family.ref)))
    return [_account(f, *_rows(s, f.id or 0)) for f in families]


def in_use(s: Session) -> bool:
    """Whether this centre has ever set fees or raised a charge."""
    return s.exec(select(FeeSchedule.id)).first() is not None or (
        s.exec(select(Charge.id)).first() is not None
    )


@dataclass(frozen=True)
class Arrears:
    family_id: int
    family_ref: str
    overdue_pence: int  # owed for charges raised more than 30 days ago
    since: date  # the oldest of them


def arrears(s: Session, today: date) -> list[Arrears]:
    """Families owing for charges older than 30 days, most overdue first."""
    due_before = today - ARREARS_AFTER
    found = []
    for acc in accounts(s):
        old = [c for c in acc.charges if c.outstanding_pence and c.charged_on < due_before]
        if old:
            overdue = sum(c.outstanding_pence for c in old)
            found.append(Arrears(acc.family_id, acc.family_ref, overdue, old[0].charged_on))
    return sorted(found, key=lambda a: (a.since, a.family_ref))


def add_charge(
    s: Session, family_ref: str, description: str, pence: int, payer: Payer, on: date
) -> Charge:
    """A charge by hand ("Copy of the agreement"), one audited unit of work."""
    permissions.require(s, "manage_charges")
    family = family_by_ref(s, family_ref)
    what = free_text("description", "What the charge is for", description, limit=200)
    if not what:
        raise ValidationError.single("description", "Say what the charge is for.")
    if pence <= 0:
        raise ValidationError.single("amount", "A charge must be more than £0.00.")
    return raising.raise_charge(
        s, family.id or 0, ChargeKind.manual, pence, payer, on, description=what
    )


def waive_charge(s: Session, charge_id: int, reason: str) -> Charge:
    """Void a charge by hand (raised in error, or let off): kept, with who, when and why;
    the event that raised it never raises it again."""
    permissions.require(s, "manage_charges")
    charge = s.get(Charge, charge_id)
    if charge is None:
        raise NotFound("That charge no longer exists.")
    if charge.voided_at is not None:
        raise ValidationError.single("charge", "That charge is already voided.")
    why = free_text("reason", "The reason", reason, limit=500)
    if not why:
        raise ValidationError.single("reason", "Say why the charge is voided.")
    charge.waived = True
    raising.void(s, charge, why)
    return charge


def next_payment_ref(s: Session) -> str:
    highest = 0
    for ref in s.exec(select(Payment.ref)):
        if ref[2:].isdigit():
            highest = max(highest, int(ref[2:]))
    return f"P-{highest + 1:04d}"


def find_payment(s: Session, ref: str) -> Payment:
    payment = s.exec(select(Payment).where(col(Payment.ref) == ref.strip().upper())).first()
    if payment is None:
        raise NotFound(f"No payment with reference {ref.strip()[:20]!r}.")
    return payment


def describe(pence: int) -> str:
    """A balance in words: "£3.00 owed", "£2.00 in credit", "nothing owed"."""
    if pence > 0:
        return f"{format_pence(pence)} owed"
    if pence < 0:
        return f"{format_pence(-pence)} in credit"
    return "nothing owed"
