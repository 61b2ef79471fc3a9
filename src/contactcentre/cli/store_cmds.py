"""Commands about the store itself: init, check."""

from __future__ import annotations

import argparse

from contactcentre import paths
from contactcentre.cli.common import CommandError, ask_secret, data_dir, opened_store, out, tell
from contactcentre.domain.centre import (
    CentreDetails,
    clean_details,
    passphrase_problem,
)
from contactcentre.domain.records import backups
from contactcentre.domain.records.creation import new_centre
from contactcentre.store.integrity import problems


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("init", help="create the centre's encrypted database")
    p.add_argument("--centre-name", required=True, metavar="NAME")
    p.set_defaults(handler=cmd_init)
    p = sub.add_parser("check", help="open the database and run the integrity checks")
    p.set_defaults(handler=cmd_check)


def cmd_init(args: argparse.Namespace) -> int:
    path = paths.database_path(data_dir(args))
    details = CentreDetails(name=args.centre_name)
    secret = ask_secret("Passphrase", "CONTACTCENTRE_PASSPHRASE", confirm=True)
    problem = passphrase_problem(secret)
    if problem:
        raise CommandError(problem)
    clean_details(details)  # refuse a bad name before a file exists
    tell(backups.before_opening(path))  # an interrupted restore may yet put one there
    new_centre(path, secret, details).close()
    out(f"Created {path}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        found = problems(store)
    if found:  # one line, however many pages are damaged
        more = f" (and {len(found) - 3} more problems)" if len(found) > 3 else ""
        out("; ".join(found[:3]) + more)
        return 1
    out("ok")
    return 0
