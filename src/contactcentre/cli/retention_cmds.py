"""Retention (issue 20): retention [--json] [--destroy --confirm], destructions,
hold, close and subject-access."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from contactcentre.cli.bookings_cmds import iso_day
from contactcentre.cli.common import CommandError, clock, opened_store, out, write_output
from contactcentre.documents.subject_access import render_subject_access
from contactcentre.domain.register.families import end_family, family_by_ref
from contactcentre.domain.retention import access, destroy, holds
from contactcentre.domain.retention.due import due_for_destruction
from contactcentre.domain.statistics.summary import OUTCOME_WORDS
from contactcentre.store.models.enums import CaseOutcome, FamilyStatus
from contactcentre.store.vacuum import vacuum


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("retention", help="what is due for destruction, and what is held")
    p.add_argument("--json", action="store_true")
    p.add_argument("--destroy", action="store_true", help="destroy what is listed as due")
    p.add_argument("--confirm", action="store_true", help="needed with --destroy")
    p.set_defaults(handler=cmd_retention)

    p = sub.add_parser("destructions", help="the destruction log")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_destructions)

    p = sub.add_parser("hold", help="set or release a legal hold on a family's records")
    p.add_argument("family", metavar="FAMILY_REF")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--reason", metavar="TEXT")
    what.add_argument("--release", action="store_true")
    p.set_defaults(handler=cmd_hold)

    p = sub.add_parser("close", help="close a family's case, recording how it ended")
    p.add_argument("family", metavar="FAMILY_REF")
    p.add_argument("--outcome", required=True, choices=[o.value for o in CaseOutcome])
    p.add_argument("--date", type=iso_day, metavar="YYYY-MM-DD", help="default: today")
    p.add_argument("--reason", metavar="TEXT", help="default: the outcome in words")
    p.add_argument("--outcome-text", default="", metavar="TEXT", help="for --outcome other")
    p.set_defaults(handler=cmd_close)

    p = sub.add_parser("subject-access", help="write everything held about one person")
    p.add_argument("family", metavar="FAMILY_REF")
    p.add_argument("--person", required=True, metavar='"First Last"')
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    p.set_defaults(handler=cmd_subject_access)


def cmd_retention(args: argparse.Namespace) -> int:
    if args.destroy and not args.confirm:
        raise CommandError("Destroying records needs --confirm; run `retention` first to review.")
    today = clock().today()
    with opened_store(args) as store:
        with store.session() as s:
            due = due_for_destruction(s, today)
            done = destroy.destroy_due(s, today) if args.destroy else None
        if done is not None:
            vacuum(store)
    if done is not None:
        for d in done:
            out(f"{d.category}: {d.records} destroyed ({d.rule})")
        if not done:
            out("Nothing was due for destruction.")
        return 0
    listed = {
        "due": [{"category": c, "count": n, "rule": rule} for c, n, rule in due.categories()],
        "families": [
            {
                "ref": f.ref,
                "last_contact": f.last_contact.isoformat(),
                "due_on": f.due_on.isoformat(),
            }
            for f in due.families
        ],
        "complaints": [
            {
                "ref": c.ref,
                "resolved_on": c.resolved_on.isoformat(),
                "due_on": c.due_on.isoformat(),
            }
            for c in due.complaints
        ],
        "held": [
            {"ref": h.ref, "reason": h.reason, "due_on": h.due_on.isoformat() if h.due_on else None}
            for h in due.held
        ],
    }
    if args.json:
        out(json.dumps(listed, indent=2, ensure_ascii=False))
        return 0
    for c, n, rule in due.categories():
        out(f"{c}: {n} due ({rule})")
    for f in due.families:
        out(f"  {f.ref}: last contact {f.last_contact:%d/%m/%Y}, due {f.due_on:%d/%m/%Y}")
    for c in due.complaints:
        out(f"  {c.ref}: resolved {c.resolved_on:%d/%m/%Y}, due {c.due_on:%d/%m/%Y}")
    for h in due.held:
        out(f"held: {h.ref}: {h.reason}")
    return 0


def cmd_destructions(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        lines = destroy.destruction_log(s)
    if args.json:
        rows = [{**vars(line), "at": line.at.isoformat()} for line in lines]
        out(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for line in lines:
        at = line.at.astimezone(clock().tz)
        out(
            f"{at:%d/%m/%Y %H:%M}  {line.category}: {line.records} ({line.rule}), "
            f"approved by {line.approved_by}"
        )
    if not lines:
        out("Nothing has been destroyed.")
    return 0


def cmd_hold(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        if args.release:
            holds.release_hold(s, args.family)
        else:
            holds.set_hold(s, args.family, args.reason)
        ref = family_by_ref(s, args.family).ref
    out(f"{ref} released" if args.release else f"{ref} held")
    return 0


def cmd_close(args: argparse.Namespace) -> int:
    today = clock().today()
    with opened_store(args) as store, store.session() as s:
        family = family_by_ref(s, args.family)
        assert family.id is not None
        end_family(
            s,
            family.id,
            FamilyStatus.closed,
            reason=args.reason or OUTCOME_WORDS[args.outcome].capitalize(),
            on=args.date or today,
            decided_by="",
            today=today,
            outcome=args.outcome,
            outcome_text=args.outcome_text,
        )
        ref = family.ref
    out(f"{ref} closed: {OUTCOME_WORDS[args.outcome]}")
    return 0


def cmd_subject_access(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        export = access.subject_access_export(s, args.family, args.person, clock().today())
        pdf, data = render_subject_access(export), access.export_json(export)
        access.log_export(s, export)
    args.output.mkdir(parents=True, exist_ok=True)
    write_output(args, args.output / "subject-access.pdf", pdf)
    write_output(args, args.output / "subject-access.json", data)
    out(f"Wrote {args.output / 'subject-access.pdf'} and subject-access.json")
    return 0
