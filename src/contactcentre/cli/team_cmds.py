"""The team's logins from a terminal: user add, user list, user remove."""

from __future__ import annotations

import argparse
import json

from contactcentre.cli.common import (
    CommandParser,
    ask_secret,
    clock,
    opened_store,
    out,
    whole_database,
)
from contactcentre.domain.team import accounts
from contactcentre.store.models.enums import TeamRole

NEW_PASSPHRASE_ENV = "CONTACTCENTRE_NEW_PASSPHRASE"


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("user", help="the team's logins: add, list, remove")
    # The nested parsers take the global options (--user, --data-dir) after their name too.
    users = p.add_subparsers(
        dest="user_command", metavar="ACTION", required=True, parser_class=CommandParser
    )
    add = users.add_parser("add", help="give a person a login")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=[role.value for role in TeamRole])
    add.set_defaults(handler=cmd_add)
    listed = users.add_parser("list", help="everyone who can unlock")
    listed.add_argument("--json", action="store_true", help="one JSON list")
    listed.set_defaults(handler=cmd_list)
    remove = users.add_parser("remove", help="take a login away (re-keys the database)")
    remove.add_argument("name", metavar="NAME")
    remove.set_defaults(handler=cmd_remove)


def cmd_add(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        with store.session() as s:  # refuse a volunteer before asking for a passphrase
            accounts.require_manager(s)
        secret = ask_secret("New person's passphrase", NEW_PASSPHRASE_ENV, confirm=True)
        accounts.add_account(store, args.name, TeamRole(args.role), secret)
    out(f"Added {args.name} ({args.role}).")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        rows = accounts.list_accounts(s)
    if args.json:
        out(json.dumps([row.as_json() for row in rows], ensure_ascii=False))
        return 0
    for row in rows:
        due = row.dbs_recheck_due.strftime("%d/%m/%Y") if row.dbs_recheck_due else "-"
        when = row.last_unlock.astimezone(clock().tz) if row.last_unlock else None
        last = when.strftime("%d/%m/%Y %H:%M") if when else "never"
        out(f"{row.name}\t{row.role.value}\tDBS recheck {due}\tlast unlock {last}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    with whole_database(args), opened_store(args) as store:
        accounts.remove_account(store, args.name)
    out(f"Removed {args.name}'s login; the database has a new key.")
    return 0
