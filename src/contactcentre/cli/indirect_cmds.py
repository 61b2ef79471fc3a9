"""Indirect contact: item add / check / decide / pass-on / acknowledge, items, label
(issue 22)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from contactcentre.cli.common import (
    CommandParser,
    clock,
    opened_store,
    out,
    tell,
    write_output,
)
from contactcentre.documents.forwarding_label import render_label
from contactcentre.domain.indirect import addresses, arrangement, items
from contactcentre.domain.indirect.items import ItemLine
from contactcentre.domain.register.families import family_by_ref

ROUTES = "post|hand|email"


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("item", help="log an item for indirect contact, and each later step")
    steps = p.add_subparsers(dest="step", metavar="STEP", required=True, parser_class=CommandParser)

    q = steps.add_parser("add", help="log an item received; prints its reference")
    q.add_argument("family", metavar="FAMILY_REF")
    q.add_argument("--from", dest="sender", required=True, metavar='"First Last"')
    q.add_argument("--to", dest="recipient", required=True, metavar='"First Last"')
    q.add_argument("--kind", required=True, metavar="letter|card|gift|photo|email|other")
    q.add_argument("--received", required=True, metavar="YYYY-MM-DD")
    q.add_argument("--how", default="post", metavar=ROUTES, help="how it came (default post)")
    q.add_argument("--description", default="", metavar="TEXT")
    q.set_defaults(handler=cmd_add)

    q = steps.add_parser("check", help="record that you have read the item")
    q.add_argument("item", metavar="ITEM_REF")
    q.set_defaults(handler=cmd_check)

    q = steps.add_parser("decide", help="pass-on, hold or return the item")
    q.add_argument("item", metavar="ITEM_REF")
    q.add_argument("decision", metavar="pass-on|hold|return")
    q.add_argument("--reason", default="", metavar="TEXT")
    q.set_defaults(handler=cmd_decide)

    q = steps.add_parser("pass-on", help="record that the item went to its recipient")
    q.add_argument("item", metavar="ITEM_REF")
    q.add_argument("--date", dest="day", required=True, metavar="YYYY-MM-DD")
    q.add_argument("--how", required=True, metavar=ROUTES)
    q.set_defaults(handler=cmd_pass_on)

    q = steps.add_parser("acknowledge", help="record that the recipient acknowledged it")
    q.add_argument("item", metavar="ITEM_REF")
    q.add_argument("--date", dest="day", required=True, metavar="YYYY-MM-DD")
    q.set_defaults(handler=cmd_acknowledge)

    p = sub.add_parser("items", help="a family's item log (indirect contact)")
    p.add_argument("family", metavar="FAMILY_REF")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_items)

    p = sub.add_parser("label", help="save the forwarding label for an item to pass on")
    p.add_argument("item", metavar="ITEM_REF")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    p.set_defaults(handler=cmd_label)


def cmd_add(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        family_id = family_by_ref(s, args.family).id
        assert family_id is not None
        items.open_log(s, family_id)  # "no indirect contact" before any name is looked up
        sender = arrangement.adult_named(s, family_id, args.sender, "--from")
        recipient = arrangement.adult_named(s, family_id, args.recipient, "--to")
        item = items.log_item(
            s, family_id, from_id=sender.id or 0, to_id=recipient.id or 0, kind=args.kind,
            received=args.received, how=args.how, description=args.description,
            today=clock().today(),
        )  # fmt: skip
        out(item.ref)
        if item.decision is not None:  # on stderr: stdout stays the reference alone
            tell(f"{item.ref}: {item.decision_reason}")
    return 0


def _step(args: argparse.Namespace, step: Callable[[Any, int], object], said: str) -> int:
    """One later step on the item named: done in one unit of work, then the item's
    line (reference, where it stands, recipient) fills in `said`."""
    with opened_store(args) as store, store.session() as s:
        item_id = items.item_by_ref(s, args.item)
        step(s, item_id)
        line = items.item_line(s, item_id)
        out(said.format(ref=line.ref, status=line.status.lower(), to=line.to_name))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    return _step(args, items.check_item, "{ref}: read")


def cmd_decide(args: argparse.Namespace) -> int:
    decision = args.decision.strip().replace("-", "_")
    return _step(
        args, lambda s, i: items.decide_item(s, i, decision, args.reason), "{ref}: {status}"
    )


def cmd_pass_on(args: argparse.Namespace) -> int:
    def step(s: Any, item_id: int) -> None:
        items.pass_on_item(s, item_id, on=args.day, how=args.how, today=clock().today())

    return _step(args, step, "{ref}: passed on to {to}")


def cmd_acknowledge(args: argparse.Namespace) -> int:
    def step(s: Any, item_id: int) -> None:
        items.acknowledge_item(s, item_id, on=args.day, today=clock().today())

    return _step(args, step, "{ref}: acknowledged")


def as_json(line: ItemLine) -> dict[str, object]:
    checked = line.checked_at.astimezone(clock().tz).isoformat() if line.checked_at else None
    return {
        "ref": line.ref,
        "received": line.received.isoformat(),
        "how": line.received_how.value,
        "from": line.from_name,
        "to": line.to_name,
        "kind": line.kind.value,
        "description": line.description,
        "checked_by": line.checked_by or None,
        "checked_at": checked,
        "decision": line.decision.value if line.decision else None,
        "decision_reason": line.decision_reason,
        "passed_on": line.passed_on.isoformat() if line.passed_on else None,
        "acknowledged": line.acknowledged.isoformat() if line.acknowledged else None,
        "status": line.status,
    }


def cmd_items(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        family_id = family_by_ref(s, args.family).id
        assert family_id is not None
        log = items.item_log(s, family_id)
    if args.json:
        out(json.dumps([as_json(line) for line in log], indent=2, ensure_ascii=False))
        return 0
    for line in log:
        fields = [line.ref, line.received.isoformat(), line.kind.value]
        fields += [f"{line.from_name} → {line.to_name}", line.status, line.description]
        out("\t".join(fields))
    return 0


def cmd_label(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        label = addresses.forwarding_label(s, items.item_by_ref(s, args.item))
        # Inside the unit of work: if the file cannot be written, the label is not logged.
        write_output(args, args.output, render_label(label))
    out(f"{label.item_ref}: label saved")
    return 0
