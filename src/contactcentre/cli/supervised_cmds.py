"""Supervised contact: import-observations, approve-observations, report (issue 18), and
the coordinator's case set-up: escort add, case, recipient add."""

from __future__ import annotations

import argparse
from datetime import time
from pathlib import Path

from contactcentre.cli.bookings_cmds import iso_day
from contactcentre.cli.common import CommandError, CommandParser, opened_store, out, write_output
from contactcentre.documents.attendance_letter import day_text
from contactcentre.documents.supervised_report import render_report
from contactcentre.domain.register.families import family_by_ref
from contactcentre.domain.supervised import cases, importing, occasions, records, report
from contactcentre.domain.validate import quick_time
from contactcentre.domain.vocabulary import counted
from contactcentre.store.models.enums import ObservationState, RecipientRole

ROLES = "|".join(role.value for role in RecipientRole)


def hh_mm(value: str) -> time:
    try:
        return quick_time(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def recipient_role(value: str) -> RecipientRole:
    try:
        return RecipientRole(value.strip().lower().replace("-", "_"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value[:30]}' is not one of {ROLES}") from None


def _period(p: argparse.ArgumentParser) -> None:
    p.add_argument("family", metavar="FAMILY_REF")
    p.add_argument("--from", dest="first", type=iso_day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="last", type=iso_day, required=True, metavar="YYYY-MM-DD")


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "import-observations", help="add observation records from a CSV or .xlsx (submitted)"
    )
    p.add_argument("file", type=Path, metavar="FILE.csv")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser(
        "approve-observations", help="approve a family's submitted records in a period"
    )
    _period(p)
    p.set_defaults(handler=cmd_approve)

    p = sub.add_parser("report", help="write a supervised family's observation report")
    _period(p)
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    p.add_argument("--recipient", metavar='"Name, Organisation"', help="who the report is for")
    p.add_argument("--requested-by", default="", metavar="TEXT", help="who asked, and why")
    p.add_argument(
        "--draft", action="store_true", help="a watermarked draft: not logged, not released"
    )
    p.set_defaults(handler=cmd_report)
    add_case_commands(sub)


def add_case_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("escort", help="escorted visits: supervised contact outside the centre")
    steps = p.add_subparsers(dest="step", metavar="STEP", required=True, parser_class=CommandParser)
    q = steps.add_parser("add", help="arrange an escorted visit (takes no place in a session)")
    q.add_argument("family", metavar="FAMILY_REF")
    q.add_argument("--date", dest="day", type=iso_day, required=True, metavar="YYYY-MM-DD")
    q.add_argument("--start", type=hh_mm, required=True, metavar="HH:MM")
    q.add_argument("--end", type=hh_mm, required=True, metavar="HH:MM")
    q.add_argument("--venue", required=True, metavar="TEXT", help='e.g. "park, Clapton Square"')
    q.add_argument("--worker", required=True, metavar='"First Last"', help="who escorts")
    q.add_argument("--route", default="", metavar="TEXT", help="the planned route")
    q.add_argument("--return-by", type=hh_mm, metavar="HH:MM", help="the planned return")
    q.set_defaults(handler=cmd_escort_add)

    p = sub.add_parser("case", help="a supervised case's number and recipients (or set them)")
    p.add_argument("family", metavar="FAMILY_REF")
    p.add_argument("--number", metavar="TEXT", help="the case number (e.g. Cafcass CMS)")
    ordered = p.add_mutually_exclusive_group()
    ordered.add_argument(
        "--court-ordered", dest="ordered", action="store_const", const=True,
        help="the court ordered the reports: only recipients named in the order",
    )  # fmt: skip
    ordered.add_argument("--not-court-ordered", dest="ordered", action="store_const", const=False)
    p.set_defaults(handler=cmd_case)

    p = sub.add_parser("recipient", help="who may receive a supervised case's reports")
    steps = p.add_subparsers(dest="step", metavar="STEP", required=True, parser_class=CommandParser)
    q = steps.add_parser("add", help="add a recipient of the case's reports")
    q.add_argument("family", metavar="FAMILY_REF")
    q.add_argument("--name", required=True, metavar='"First Last"')
    q.add_argument("--organisation", default="", metavar="TEXT")
    q.add_argument("--role", type=recipient_role, required=True, metavar=ROLES)
    q.add_argument("--named-in-order", action="store_true", help="named in the court order")
    q.set_defaults(handler=cmd_recipient_add)


def cmd_import(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        added = importing.import_observations(s, args.file)
    out(f"Imported {counted(added, 'observation record')} (submitted, waiting for approval)")
    return 0


def cmd_approve(args: argparse.Namespace) -> int:
    """Every submitted record of the period, or none: one the acting person may not
    approve (their own) refuses the lot, naming its day."""
    with opened_store(args) as store, store.session() as s:
        family = family_by_ref(s, args.family)
        assert family.id is not None
        waiting = [
            v
            for v in records.records_of(s, family.id, args.first, args.last)
            if v.record.state == ObservationState.submitted
        ]
        if not waiting:
            raise CommandError(f"{family.ref} has no submitted records in that period.")
        for view in waiting:
            refusal = records.approval_refusal(s, view.record)
            if refusal:
                raise CommandError(f"{view.occasion.day:%d/%m/%Y}: {refusal}")
            records.approve(s, view.record.id or 0)
    out(f"Approved {counted(len(waiting), 'record')} of {family.ref}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        family = family_by_ref(s, args.family)
        assert family.id is not None
        occasions.supervised_family(s, family.id)
        if args.draft:
            issued = report.draft_report(
                s, family.id, args.first, args.last,
                recipient=args.recipient, requested_by=args.requested_by,
            )  # fmt: skip
            write_output(args, args.output, render_report(issued))
            out(f"Wrote {args.output} (DRAFT — not for release, not logged)")
            return 0
        released = report.release_report(
            s, family.id, args.first, args.last,
            recipient=args.recipient, requested_by=args.requested_by,
        )  # fmt: skip
        # Inside the transaction: if the file cannot be written, nothing is logged or released.
        write_output(args, args.output, render_report(released.issued))
    entry = released.entry
    out(f"Wrote {args.output} ({entry.reference}, SHA-256 {entry.digest})")
    return 0


def cmd_escort_add(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        family = family_by_ref(s, args.family)
        visit = occasions.add_escorted_visit(
            s, family.id or 0, args.day, args.start, args.end, venue=args.venue,
            worker=args.worker, route=args.route, return_by=args.return_by,
        )  # fmt: skip
        when = f"{day_text(visit.day)}, {visit.start:%H:%M}–{visit.end:%H:%M}"
    out(f"Arranged an escorted visit for {family.ref}: {when} at {visit.venue}")
    return 0


def cmd_case(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        family = family_by_ref(s, args.family)
        family_id = family.id or 0
        if args.number is not None or args.ordered is not None:
            case, _ = cases.details(s, family_id)
            cases.set_case(
                s, family_id,
                case_number=case.case_number if args.number is None else args.number,
                court_ordered=case.court_ordered if args.ordered is None else args.ordered,
            )  # fmt: skip
        case, recipients = cases.details(s, family_id)
        ordered = "court-ordered reports" if case.court_ordered else "reports not court-ordered"
        out(f"{family.ref}: case number {case.case_number or '(none)'}; {ordered}")
        for recipient in recipients:
            named = " (named in the order)" if recipient.named_in_order else ""
            out(f"  {recipient.role.value}: {cases.line(recipient)}{named}")
    return 0


def cmd_recipient_add(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        family = family_by_ref(s, args.family)
        recipient = cases.add_recipient(
            s, family.id or 0, args.name, args.organisation, args.role,
            named_in_order=args.named_in_order,
        )  # fmt: skip
        out(f"Added {cases.line(recipient)} ({recipient.role.value}) to {family.ref}'s recipients")
    return 0
