"""Session-day commands: a session as it stands, its rota, sign-in sheets, historical
attendance."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from contactcentre.cli.bookings_cmds import iso_day
from contactcentre.cli.common import CommandError, clock, opened_store, out, write_output
from contactcentre.documents.signin_sheet import render_signin_sheet
from contactcentre.domain.bookings.attendance import EVENT_LABELS
from contactcentre.domain.bookings.booking import PLAN_KEYS
from contactcentre.domain.session_day import attendance_import, overview, signin_sheet
from contactcentre.domain.team import rota
from contactcentre.domain.vocabulary import counted
from contactcentre.store.models.enums import EventKind


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "session", help="a session as planned and as it happened: times, confirmations, events"
    )
    p.add_argument("day", type=iso_day, metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_session)

    p = sub.add_parser("rota", help="who of the team is on duty at a session, and who leads")
    p.add_argument("day", type=iso_day, metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_rota)

    p = sub.add_parser("sheet", help="print a session's sign-in sheet (or a blank one) to PDF")
    p.add_argument("day", type=iso_day, nargs="?", metavar="YYYY-MM-DD")
    p.add_argument("--blank", action="store_true", help="a sheet with no names, to fill in")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    p.set_defaults(handler=cmd_sheet)

    p = sub.add_parser(
        "import-attendance",
        help="import past attendance from a UTF-8 CSV or an Excel .xlsx (all or nothing)",
        description="Columns: "
        + ",".join(attendance_import.ATTENDANCE_COLUMNS)
        + "; status is "
        + "|".join(s.value for s in attendance_import.ImportStatus),
    )
    p.add_argument("file", type=Path, metavar="FILE.csv|FILE.xlsx")
    p.set_defaults(handler=cmd_import_attendance)


TABLE = "{:<12} {:<9} {:<7} {:<8} {:<8} {:<6} {}"


def cmd_session(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        day = overview.session_overview(s, args.day)
    if args.json:
        out(json.dumps(day.as_json(), indent=2))
        return 0
    i = day.info
    note = f" ({i.note})" if i.note else ""
    hours = f"{i.start:%H:%M}-{i.end:%H:%M}"
    out(f"{i.day:%a %d %b %Y} {hours} {i.status}{note}, {i.booked}/{i.capacity} families booked")
    if day.families:
        out(TABLE.format("family", "status", "arrive", "drop-off", "pick-up", "leave", "confirmed"))
    for family in day.families:
        p = family.planned
        times = [p[key] or "-" for key in PLAN_KEYS]
        confirmed = "yes" if family.times_confirmed else "no"
        out(TABLE.format(p["family"], family.status, *times, confirmed).rstrip())
        for e in family.events:
            struck = ", superseded" if e.superseded else ""
            out(f"    {e.time} {EVENT_LABELS[EventKind(e.kind)]} ({e.source}{struck})")
    return 0


def cmd_rota(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        found = rota.rota_for(s, args.day)
    if args.json:
        out(json.dumps(found.as_json(), indent=2, ensure_ascii=False))
        return 0
    out(f"{found.day:%a %d %b %Y}: {counted(len(found.people), 'person', 'people')} on duty")
    for person in found.people:
        out(f"  {person.name} ({person.role.value}{', leads' if person.leads else ''})")
    for warning in found.warnings:
        out(f"  warning: {warning}")
    return 0


def cmd_sheet(args: argparse.Namespace) -> int:
    if args.blank == (args.day is not None):
        raise CommandError("Give either a date (YYYY-MM-DD) or --blank.")
    with opened_store(args) as store:
        with store.session() as s:
            sheet = (
                signin_sheet.blank_signin_sheet(s)
                if args.blank
                else signin_sheet.signin_sheet(s, args.day)
            )
        pdf = render_signin_sheet(sheet)
        write_output(args, args.output, pdf)
        if not args.blank:
            with store.session() as s:
                signin_sheet.record_saved_sheet(s, args.day, pdf)
    what = "Blank sign-in sheet" if args.blank else f"Sign-in sheet for {args.day:%a %d %b %Y}"
    out(f"{what} written to {args.output}")
    return 0


def cmd_import_attendance(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        summary = attendance_import.import_attendance(s, args.file, today=clock().today())
    created = (
        f" ({summary.sessions_created} past sessions created)" if summary.sessions_created else ""
    )
    out(f"Imported attendance for {counted(summary.rows, 'booking')}{created}")
    return 0
