"""Commands about the store itself: init, check."""

from __future__ import annotations

import argparse

from contactcentre import paths
from contactcentre.cli.common import (
    CommandError,
    ask_secret,
    data_dir,
    opened_store,
    out,
    tell,
    user,
)
from contactcentre.domain import audit
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
    p = sub.add_parser(
        "check", help="open the database, run the integrity checks and verify the audit trail"
    )
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
    new_centre(path, secret, details, user(args)).close()
    out(f"Created {path}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        damage = problems(store)
        if damage:  # one line, however many pages are damaged
            more = f" (and {len(damage) - 3} more problems)" if len(damage) > 3 else ""
            out("; ".join(damage[:3]) + more)
            return 1
        with store.session() as s:  # the trail is read only from a sound file
            found = audit.problems(s)
    for line in found:  # one line for each problem with the trail
        out(line)
    if found:
        return 1
    out("ok")
    return 0
