"""Charges (issue 22): fees, payment add, charges, receipt, statement, charge add|void.

Amounts are typed as pounds and pence ("12.50", "£1,200") and shown both ways
("£12.50 (1250p)"); `charges --json` gives every amount in integer pence.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from contactcentre.cli.bookings_cmds import iso_day
from contactcentre.cli.common import clock, opened_store, out, write_output
from contactcentre.documents.receipt import render_receipt, render_statement
from contactcentre.domain.charges import fees, ledger, paper, payments
from contactcentre.domain.charges.money import format_pence, parse_pence
from contactcentre.domain.register.families import family_by_ref
from contactcentre.store.models import Payer, PaymentMethod

PAYERS = [p.value for p in Payer]
# option -> (fee field, label); the amount options of `fees`
FEE_OPTIONS = {
    "session": ("session_fee", "The session fee"),
    "supervised_session": ("supervised_fee", "The supervised session fee"),
    "late_cancel": ("late_cancel_fee", "The late-cancellation fee"),
    "referral": ("referral_fee", "The referral fee"),
    "report": ("report_fee", "The report fee"),
}
PAYER_OPTIONS = {
    "session_payer": "session_payer",
    "supervised_payer": "supervised_payer",
    "referral_payer": "referral_payer",
    "report_payer": "report_payer",
}


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("fees", help="show the fee schedule, or set fees (from now on)")
    for option in FEE_OPTIONS:
        p.add_argument(f"--{option.replace('_', '-')}", dest=option, metavar="12.50")
    p.add_argument("--late-cancel-hours", type=int, metavar="HOURS", help="the notice window")
    for option in PAYER_OPTIONS:
        p.add_argument(f"--{option.replace('_', '-')}", dest=option, choices=PAYERS)
    p.add_argument("--off", action="store_true", help="this centre charges no fees")
    p.set_defaults(handler=cmd_fees)

    p = sub.add_parser("payment", help="record a payment")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="record a payment; prints its reference (P-0001)")
    add.add_argument("family", metavar="FAMILY_REF")
    add.add_argument("--amount", required=True, metavar="12.50")
    add.add_argument("--method", required=True, choices=[m.value for m in PaymentMethod])
    add.add_argument("--date", required=True, type=iso_day, metavar="YYYY-MM-DD")
    add.add_argument("--payer", default="", metavar="TEXT", help=f"a name, or one of {PAYERS}")
    add.set_defaults(handler=cmd_payment_add)

    p = sub.add_parser("charge", help="raise a charge by hand")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="raise a charge by hand")
    add.add_argument("family", metavar="FAMILY_REF")
    add.add_argument("--amount", required=True, metavar="12.50")
    add.add_argument("--for", dest="what", required=True, metavar="TEXT")
    add.add_argument("--payer", default=Payer.non_resident.value, choices=PAYERS)
    add.add_argument("--date", type=iso_day, metavar="YYYY-MM-DD", help="default: today")
    add.set_defaults(handler=cmd_charge_add)
    void = actions.add_parser("void", help="void a charge (kept, with who, when and why)")
    void.add_argument("charge", type=int, metavar="CHARGE_ID", help="its id in `charges --json`")
    void.add_argument("--reason", required=True, metavar="TEXT")
    void.set_defaults(handler=cmd_charge_void)

    p = sub.add_parser("charges", help="charges, payments and balances")
    p.add_argument("--family", metavar="REF", help="only this family")
    p.add_argument("--json", action="store_true", help="amounts in integer pence")
    p.set_defaults(handler=cmd_charges)

    p = sub.add_parser("receipt", help="write the receipt for a payment")
    p.add_argument("payment", metavar="PAYMENT_REF")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    p.set_defaults(handler=cmd_receipt)

    p = sub.add_parser("statement", help="write a family's statement for a period")
    p.add_argument("family", metavar="FAMILY_REF")
    p.add_argument("--from", dest="first", type=iso_day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="last", type=iso_day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    p.set_defaults(handler=cmd_statement)


def cmd_fees(args: argparse.Namespace) -> int:
    changes: dict[str, object] = {
        field: parse_pence(getattr(args, option), field=field, label=label, allow_zero=True)
        for option, (field, label) in FEE_OPTIONS.items()
        if getattr(args, option) is not None
    }
    changes |= {f: Payer(getattr(args, o)) for o, f in PAYER_OPTIONS.items() if getattr(args, o)}
    if args.late_cancel_hours is not None:
        changes["late_cancel_hours"] = args.late_cancel_hours
    if changes or args.off:
        changes["charges_enabled"] = not args.off
    with opened_store(args) as store, store.session() as s:
        schedule = fees.set_fees(s, **changes) if changes else fees.current_fees(s)
    for line in schedule.lines():
        out(line)
    return 0


def cmd_payment_add(args: argparse.Namespace) -> int:
    pence = parse_pence(args.amount)
    with opened_store(args) as store, store.session() as s:
        payment = payments.record_payment(
            s, args.family, pence, PaymentMethod(args.method), args.date, payer=args.payer
        )
        ref = payment.ref
    out(ref)
    return 0


def cmd_charge_add(args: argparse.Namespace) -> int:
    pence = parse_pence(args.amount)
    on = args.date or clock().today()
    with opened_store(args) as store, store.session() as s:
        ledger.add_charge(s, args.family, args.what, pence, Payer(args.payer), on)
    out(f"{format_pence(pence)} charged to {args.family.strip().upper()}")
    return 0


def cmd_charge_void(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        charge = ledger.waive_charge(s, args.charge, args.reason)
        what = ledger.what_for(charge, ledger.report_periods(s, [charge]))
        words = f"Voided {what} ({format_pence(charge.amount_pence)})"
    out(words)
    return 0


def money(pence: int) -> str:
    return f"{format_pence(pence)} ({pence}p)"


def as_json(account: ledger.Account) -> dict[str, Any]:
    return {
        "family": account.family_ref,
        "charges": [
            {
                "id": c.charge_id,
                "date": c.charged_on.isoformat(),
                "for": c.what,
                "payer": c.payer.value,
                "amount_pence": c.amount_pence,
                "outstanding_pence": c.outstanding_pence,
                "voided": bool(c.voided),
            }
            for c in account.charges
        ],
        "payments": [
            {
                "ref": p.ref,
                "date": p.paid_on.isoformat(),
                "method": p.method,
                "payer": p.payer,
                "amount_pence": p.amount_pence,
                "credit_pence": p.credit_pence,
            }
            for p in account.payments
        ],
        "charged_pence": account.charged_pence,
        "paid_pence": account.paid_pence,
        "balance_pence": account.balance_pence,
        "by_payer_pence": {payer.value: pence for payer, pence in account.by_payer.items()},
    }


def cmd_charges(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        if args.family:
            family = family_by_ref(s, args.family)
            found = [ledger.account(s, family.id or 0)]
        else:
            found = ledger.accounts(s)
    if args.json:
        out(json.dumps([as_json(account) for account in found], indent=2, ensure_ascii=False))
        return 0
    if not found:
        out("No charges or payments.")
    for account in found:
        balance = account.balance_pence
        out(f"{account.family_ref}: balance {money(balance)}, {ledger.describe(balance)}")
        for c in account.charges:
            state = f"voided ({c.voided})" if c.voided else f"owed {money(c.outstanding_pence)}"
            payer = fees.PAYER_LABELS[c.payer]
            out(f"  {c.charged_on:%d/%m/%Y}  {c.what}  {money(c.amount_pence)}  {payer}  {state}")
        for p in account.payments:
            out(f"  {p.paid_on:%d/%m/%Y}  payment {p.ref} ({p.method}) from {p.payer}"
                f"  {money(p.amount_pence)}")  # fmt: skip
        if account.by_payer:
            out(f"  by payer: {by_payer(account.by_payer)}")
    if len(found) > 1:
        totals: dict[Payer, int] = {}
        for account in found:
            for payer, pence in account.by_payer.items():
                totals[payer] = totals.get(payer, 0) + pence
        balance = sum(account.balance_pence for account in found)
        out(f"All families: balance {money(balance)}; by payer: {by_payer(totals)}")
    return 0


def by_payer(balances: dict[Payer, int]) -> str:
    """ "the resident parent £3.00 (300p) owed; Cafcass £1.00 (100p) in credit" """
    return "; ".join(
        f"{fees.PAYER_LABELS[payer]} {money(abs(pence))} "
        + ("owed" if pence > 0 else "in credit" if pence < 0 else "settled")
        for payer, pence in balances.items()
    )


def cmd_receipt(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        data = render_receipt(paper.receipt(s, args.payment))
    write_output(args, args.output, data)
    out(f"wrote {args.output}")
    return 0


def cmd_statement(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        data = render_statement(paper.statement(s, args.family, args.first, args.last))
    write_output(args, args.output, data)
    out(f"wrote {args.output}")
    return 0
