"""Attendance-only letters and the disclosure log: letter, letters, disclosures (issue 6)."""

from __future__ import annotations

import argparse
from pathlib import Path

from contactcentre.cli.bookings_cmds import iso_day
from contactcentre.cli.common import CommandError, clock, opened_store, out, write_output
from contactcentre.documents.attendance_letter import render_letter
from contactcentre.domain.disclosure import addressing, letters
from contactcentre.domain.disclosure import log as disclosure_log
from contactcentre.domain.register.families import family_by_ref
from contactcentre.domain.vocabulary import counted


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("letter", help="write a family's attendance-only letter (supported contact)")
    p.add_argument("family", metavar="FAMILY_REF")
    p.add_argument("--from", dest="first", type=iso_day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="last", type=iso_day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    p.add_argument(
        "--recipient",
        metavar='"Name, Organisation"',
        help="who the letter is for (default: the family's referrer)",
    )
    p.add_argument("--requested-by", default="", metavar="TEXT", help="who asked, and why")
    p.set_defaults(handler=cmd_letter)

    p = sub.add_parser(
        "letters", help="letters for every active supported family booked in a period"
    )
    p.add_argument("--from", dest="first", type=iso_day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="last", type=iso_day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    p.set_defaults(handler=cmd_letters)

    p = sub.add_parser("disclosures", help="the disclosure log, one line per entry")
    p.add_argument("--family", metavar="REF", help="only this family's entries")
    p.set_defaults(handler=cmd_disclosures)


NOT_STATED = "not stated"


def cmd_letter(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        with store.session() as s:
            family = family_by_ref(s, args.family)
            assert family.id is not None
            family_id = family.id
        try:
            with store.session() as s:
                produced = letters.produce_letter(
                    s,
                    family_id,
                    args.first,
                    args.last,
                    now=clock().now(),
                    recipient=args.recipient,
                    requested_by=args.requested_by,
                )
                # Written inside the transaction: if the file cannot be written, nothing
                # is logged.
                write_output(args, args.output, render_letter(produced.issued))
        except letters.LetterRefused as refused:
            with store.session() as s:  # a refused request is logged too, as in the app
                disclosure_log.record_refusal(
                    s,
                    family_id,
                    args.first,
                    args.last,
                    now=clock().now(),
                    requested_by=args.requested_by or NOT_STATED,
                    recipient=args.recipient or "",
                    reason=str(refused),
                )
            raise
    entry = produced.entry
    out(f"Wrote {args.output} ({entry.reference}, SHA-256 {entry.digest})")
    return 0


def make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise CommandError(f"{folder} is not a folder.") from None
    except OSError as error:
        raise CommandError(f"The folder {folder} cannot be made: {error.strerror}.") from None


def cmd_letters(args: argparse.Namespace) -> int:
    """One letter per family, each its own file, all logged in one transaction: the log
    is committed only once every file is whole (a failure removes the new files this
    run wrote and logs none), and no two families' letters share a file."""
    folder: Path = args.output
    if folder.exists() and not folder.is_dir():
        raise CommandError(f"{folder} is not a folder.")
    now = clock().now()
    with opened_store(args) as store:
        with store.session() as s:
            targets = letters.batch_families(s, args.first, args.last)
        make_folder(folder)
        names = addressing.batch_file_names([ref for _, ref in targets])
        written: list[Path] = []
        try:
            with store.session() as s:
                read = letters.batch(
                    s, [family_id for family_id, _ in targets], args.first, args.last
                )
                for (family_id, ref), name in zip(targets, names, strict=True):
                    produced = letters.produce_letter(
                        s, family_id, args.first, args.last, now=now, read=read
                    )
                    if not (folder / name).exists():  # an older letter there stays
                        written.append(folder / name)
                    write_output(args, folder / name, render_letter(produced.issued))
                    plain = addressing.file_name(ref)
                    if name != plain:
                        out(f"{ref}: {name} ({plain} is another family's letter)")
        except BaseException:
            for path in written:
                path.unlink(missing_ok=True)
            raise
    out(f"Wrote {counted(len(targets), 'letter')} to {folder}")
    return 0


def describe(entry: disclosure_log.LogEntry) -> str:
    """One line of the log: what, when, for whom, and the digest or the reason refused."""
    local = entry.at.astimezone(clock().tz)
    parts = [
        entry.reference,
        f"{local:%d/%m/%Y %H:%M}",
        entry.family_ref,
        disclosure_log.OUTCOME_WORDS[entry.outcome],
        f"{entry.period_from.isoformat()}..{entry.period_to.isoformat()}",
        f"to: {entry.recipient or ('whom it may concern' if entry.digest else '-')}",
        f"requested by: {entry.requested_by or '-'}",
        f"by: {entry.produced_by or '-'}",
    ]
    if entry.digest:
        parts.append(f"sha256: {entry.digest}")
    if entry.refusal_reason:
        parts.append(f"reason: {' '.join(entry.refusal_reason.split())}")
    return "  ".join(parts)


def cmd_disclosures(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        if args.family is not None:
            family_by_ref(s, args.family)  # an unknown reference is an error, not an empty log
        entries = disclosure_log.log_entries(s, args.family)
    for entry in entries:
        out(describe(entry))
    return 0
