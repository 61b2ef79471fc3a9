"""Register commands: CSV import/export of families and people, and the demo centre."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from contactcentre import paths
from contactcentre.cli.common import clock, opened_store, out, refuse_own_files
from contactcentre.domain.demo import families as demo_families
from contactcentre.domain.register import csv_io
from contactcentre.domain.vocabulary import counted


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    for name, help_text in [
        ("import-families", "import families from a UTF-8 CSV or an Excel .xlsx (all or nothing)"),
        ("import-people", "import people from a UTF-8 CSV or an Excel .xlsx (all or nothing)"),
        ("export-families", "export every family to CSV (or .xlsx with --xlsx)"),
        ("export-people", "export every person to CSV (or .xlsx with --xlsx)"),
    ]:
        p = sub.add_parser(name, help=help_text)
        exports = name.startswith("export")
        p.add_argument("file", metavar="FILE" if exports else "FILE.csv|FILE.xlsx", type=Path)
        if exports:
            p.add_argument("--xlsx", action="store_true", help="write an Excel workbook")
        p.set_defaults(handler=cmd_csv)
    p = sub.add_parser("demo", help="create (or open) a demo centre full of fictional families")
    p.add_argument("--families", type=at_least_one, default=40, metavar="N")
    p.add_argument(
        "--years",
        type=at_least_one,
        metavar="N",
        help="also N years of past sessions, bookings and attendance (a busy centre)",
    )
    p.add_argument("--no-gui", action="store_true", help="only create it, do not start the app")
    p.set_defaults(handler=cmd_demo)


FAMILIES, PEOPLE = ("family", "families"), ("person", "people")
CSV_ACTIONS = {
    "import-families": (csv_io.import_families, "Imported {n}", FAMILIES),
    "import-people": (csv_io.import_people, "Imported {n}", PEOPLE),
    "export-families": (csv_io.export_families, "Exported {n} to {file}", FAMILIES),
    "export-people": (csv_io.export_people, "Exported {n} to {file}", PEOPLE),
}


def at_least_one(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def cmd_csv(args: argparse.Namespace) -> int:
    action, message, nouns = CSV_ACTIONS[args.command]
    with opened_store(args) as store, store.session() as s:
        if args.command.startswith("import"):
            count = action(s, args.file, today=clock().today())
        else:
            refuse_own_files(args, args.file)
            count = action(s, args.file, xlsx=args.xlsx)
    out(message.format(n=counted(count, *nouns), file=args.file))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    folder = Path(args.data_dir) if args.data_dir else paths.demo_data_dir()
    secret = os.environ.get("CONTACTCENTRE_PASSPHRASE", demo_families.DEMO_PASSPHRASE)
    path = paths.database_path(folder)
    if path.exists():
        out(f"Demo centre already at {folder}")
    else:
        demo_families.create_demo(
            path, secret, families=args.families, today=clock().today(), years=args.years
        )
        history = f" and {counted(args.years, 'year')} of history" if args.years else ""
        out(
            f"Created a demo centre with {counted(args.families, 'family', 'families')}"
            f"{history} at {folder}"
        )
    out(
        f"Unlock as {demo_families.DEMO_COORDINATOR} (or {demo_families.DEMO_VOLUNTEER}, "
        "to see a volunteer's view)"
    )
    if secret == demo_families.DEMO_PASSPHRASE:
        out(f"Its passphrase is: {demo_families.DEMO_PASSPHRASE}")
    if args.no_gui:
        return 0
    from contactcentre.app import run_gui

    args.data_dir = str(folder)
    return run_gui(args)
