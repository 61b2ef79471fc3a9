"""Supervised contact: import-observations, approve-observations, report (issue 18)."""

from __future__ import annotations

import argparse
from pathlib import Path

from contactcentre.cli.bookings_cmds import iso_day
from contactcentre.cli.common import CommandError, opened_store, out, write_output
from contactcentre.documents.supervised_report import render_report
from contactcentre.domain.register.families import family_by_ref
from contactcentre.domain.supervised import importing, occasions, records, report
from contactcentre.domain.vocabulary import counted
from contactcentre.store.models.enums import ObservationState


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
