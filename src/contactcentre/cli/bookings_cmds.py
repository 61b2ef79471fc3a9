"""Calendar commands: sessions, book, cancel (the contract in issue 4)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from contactcentre.cli.common import CommandError, clock, opened_store, out
from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.bookings import cancelling, session_calendar
from contactcentre.domain.register.families import family_by_ref
from contactcentre.store.models.enums import CancelledBy

CANCELLERS = {
    "resident": CancelledBy.resident,
    "non_resident": CancelledBy.non_resident,
    "centre": CancelledBy.centre,
}


def iso_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date (use YYYY-MM-DD)") from None


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("sessions", help="list the sessions between two dates")
    p.add_argument("--from", dest="first", type=iso_day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="last", type=iso_day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="a JSON list, closed days included")
    p.set_defaults(handler=cmd_sessions)

    p = sub.add_parser("book", help="book a family into a session and print its planned times")
    p.add_argument("family", metavar="FAMILY_REF")
    p.add_argument("day", type=iso_day, metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--override", metavar="REASON", default="", help="book a family not yet ready for contact"
    )
    p.add_argument(
        "--move-confirmed",
        action="store_true",
        help="if the family fits only that way, move times already confirmed to other families",
    )
    p.set_defaults(handler=cmd_book)

    p = sub.add_parser("cancel", help="cancel a family's booking")
    p.add_argument("family", metavar="FAMILY_REF")
    p.add_argument("day", type=iso_day, metavar="YYYY-MM-DD")
    p.add_argument("--by", choices=sorted(CANCELLERS), required=True)
    p.add_argument("--reason", default="")
    p.set_defaults(handler=cmd_cancel)


def cmd_sessions(args: argparse.Namespace) -> int:
    if args.last < args.first:
        raise CommandError("--to is before --from.")
    with opened_store(args) as store, store.session() as s:
        sessions = session_calendar.sessions_between(s, args.first, args.last)
    if args.json:
        out(json.dumps([i.as_json() for i in sessions], indent=2))
        return 0
    for i in sessions:
        if i.status != "closed":
            note = f"  ({i.note})" if i.note else ""
            times = f"{i.start:%H:%M}-{i.end:%H:%M}"
            out(f"{i.day.isoformat()} {i.day:%a} {times} {i.status} {i.booked}/{i.capacity}{note}")
    return 0


def print_moves(moved: list[bookings.MovedTime]) -> None:
    """Each other family's time that moved, on stderr so `--json` stays pure JSON."""
    for m in moved:
        told = " (was confirmed: tell the family)" if m.confirmed else ""
        print(
            f"Times moved for {m.family_ref}: {m.key} {m.before} → {m.after}{told}",
            file=sys.stderr,
        )


def cmd_book(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        family = family_by_ref(s, args.family)
        assert family.id is not None
        try:
            planned, moved = bookings.times_moved_by(
                s,
                args.day,
                lambda: bookings.book(
                    s,
                    family.id or 0,
                    args.day,
                    today=clock().today(),
                    override_reason=args.override,
                    move_confirmed=args.move_confirmed,
                ),
            )
        except bookings.ConfirmedTimesInTheWay as error:
            hint = "Nothing was booked; --move-confirmed moves them."
            raise CommandError(f"{error} {hint}") from None
    print_moves(moved)
    times = planned.as_json()
    if args.json:
        out(json.dumps(times, indent=2))
    else:
        out(f"Booked {times['family']} on {args.day:%a %d %b %Y}:")
        out(f"  {times['non_resident_arrive']}  non-resident parent arrives (contact room)")
        out(f"  {times['child_dropoff']}  child dropped off by the resident parent")
        out(f"  {times['child_pickup']}  child collected by the resident parent")
        out(f"  {times['non_resident_leave']}  non-resident parent leaves")
    return 0


def cmd_cancel(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        family = family_by_ref(s, args.family)
        assert family.id is not None
        booking, moved = bookings.times_moved_by(
            s,
            args.day,
            lambda: cancelling.cancel_booking(
                s,
                family.id or 0,
                args.day,
                by=CANCELLERS[args.by],
                reason=args.reason,
                told_at=clock().now(),
            ),
        )
    print_moves(moved)
    notice = " (short notice)" if booking.short_notice else ""
    out(f"Cancelled {args.family} on {args.day:%a %d %b %Y}{notice}")
    return 0
