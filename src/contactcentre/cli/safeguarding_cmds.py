"""Safeguarding: complaint add, complaints, incidents, screening (issue 19).

`incidents` lists references, dates, categories and whether each is signed off and
disclosed: never an incident's text, which leaves only through a risk-of-harm disclosure."""

from __future__ import annotations

import argparse
import json
from zoneinfo import ZoneInfo

from contactcentre.cli.common import CommandError, CommandParser, clock, opened_store, out
from contactcentre.domain.centre import get_centre
from contactcentre.domain.register.families import family_by_ref
from contactcentre.domain.safeguarding import complaints, incidents, screening
from contactcentre.domain.validate import parse_date


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("complaint", help="log a complaint")
    steps = p.add_subparsers(dest="step", metavar="STEP", required=True, parser_class=CommandParser)
    q = steps.add_parser("add", help="log a complaint received; prints its reference and due dates")
    q.add_argument("--received", required=True, metavar="YYYY-MM-DD")
    q.add_argument("--from", dest="from_whom", required=True, metavar="TEXT")
    q.add_argument("--about", required=True, metavar="TEXT")
    q.set_defaults(handler=cmd_complaint_add)

    p = sub.add_parser("complaints", help="the complaints log")
    p.add_argument("--due", action="store_true", help="only those overdue today")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_complaints)

    p = sub.add_parser("incidents", help="incidents and concerns (never their text)")
    p.add_argument("--family", metavar="REF")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_incidents)

    p = sub.add_parser("screening", help="a family's risk screening: each adult's level")
    p.add_argument("family", metavar="FAMILY_REF")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_screening)


def cmd_complaint_add(args: argparse.Namespace) -> int:
    try:
        received = parse_date(args.received, required=True)
    except ValueError as error:
        raise CommandError(f"--received {error}") from None
    assert received is not None
    with opened_store(args) as store, store.session() as s:
        tz = ZoneInfo(get_centre(s).timezone)
        line = complaints.add_complaint(
            s,
            received=received,
            from_whom=args.from_whom,
            about=args.about,
            today=clock().now().astimezone(tz).date(),
        )
    out(
        f"{line.ref}\tacknowledge by {line.acknowledge_by.isoformat()}"
        f"\trespond by {line.respond_by.isoformat()}"
    )
    return 0


def cmd_complaints(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        tz = ZoneInfo(get_centre(s).timezone)
        today = clock().now().astimezone(tz).date()
        lines = complaints.complaints(s, due_on=today if args.due else None)
    rows = [
        {
            "ref": line.ref,
            "received": line.received.isoformat(),
            "acknowledge_by": line.acknowledge_by.isoformat(),
            "respond_by": line.respond_by.isoformat(),
            "stage": line.stage.value,
            "status": line.status,
        }
        for line in lines
    ]
    if args.json:
        out(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for row, line in zip(rows, lines, strict=True):
        late = ", ".join(line.overdue(today))
        out("\t".join([*map(str, row.values()), f"overdue: {late}" if late else ""]).rstrip())
    return 0


def cmd_incidents(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        tz = ZoneInfo(get_centre(s).timezone)
        family_id = family_by_ref(s, args.family).id if args.family else None
        lines = incidents.incident_lines(s, family_id)
    rows = [
        {
            "reference": line.reference,
            "family": line.family_ref,
            "when": line.occurred_at.astimezone(tz).isoformat(timespec="minutes"),
            "category": line.category.value,
            "signed_off": line.signed_off,
            "disclosed": line.disclosed,
        }
        for line in lines
    ]
    if args.json:
        out(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for line in lines:
        out(
            "\t".join(
                [
                    line.reference,
                    line.family_ref or "-",
                    f"{line.occurred_at.astimezone(tz):%d/%m/%Y %H:%M}",
                    line.category_words,
                    "signed off" if line.signed_off else "open",
                    "disclosed" if line.disclosed else "not disclosed",
                ]
            )
        )
    return 0


def cmd_screening(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        family_id = family_by_ref(s, args.family).id
        assert family_id is not None
        found = screening.screening(s, family_id)
    if args.json:
        out(
            json.dumps(
                {
                    "family": found.family_ref,
                    "level": found.level.value,
                    "blocked": list(found.blocked),
                    "override": bool(found.override_reason),
                    "adults": [
                        {
                            "name": a.name,
                            "role": a.role,
                            "level": a.recommendation.level.value,
                            "reasons": list(a.recommendation.reasons),
                        }
                        for a in found.adults
                    ],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    out(f"{found.family_ref}: {found.level_words}")
    if found.blocked:
        state = "overridden" if found.override_reason else "blocked"
        out(f"Supported contact {state}: " + " ".join(found.blocked))
    for adult in found.adults:
        out(f"{adult.name} ({adult.role}): {adult.recommendation.words}")
        for reason in adult.recommendation.reasons:
            out(f"  - {reason}")
    return 0
