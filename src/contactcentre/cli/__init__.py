"""`contactcentre`: the scripting face over the same domain functions as the GUI.

With no command it starts the GUI. Errors print one line to stderr and exit non-zero.
Each module of `command_modules()` adds its subcommands through `add_commands(subparsers)`.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from types import ModuleType

from contactcentre import hardening
from contactcentre.cli.common import GLOBAL_OPTIONS, CommandParser, add_global_options
from contactcentre.errors import UserError
from contactcentre.loading import modules_loading


def command_modules() -> list[ModuleType]:
    """The modules whose `add_commands` give the subcommands, in the order --help lists
    them. Imported only when a command is named: starting the app needs none of them."""
    from contactcentre.cli import (
        agreements_cmds,
        bookings_cmds,
        charges_cmds,
        disclosure_cmds,
        indirect_cmds,
        records_cmds,
        register_cmds,
        retention_cmds,
        safeguarding_cmds,
        session_day_cmds,
        statistics_cmds,
        store_cmds,
        supervised_cmds,
        team_cmds,
    )

    return [
        store_cmds,
        register_cmds,
        bookings_cmds,
        agreements_cmds,
        session_day_cmds,
        records_cmds,
        disclosure_cmds,
        indirect_cmds,
        charges_cmds,
        statistics_cmds,
        team_cmds,
        supervised_cmds,
        safeguarding_cmds,
        retention_cmds,
    ]


def starts_the_app(argv: Sequence[str]) -> bool:
    """Whether `argv` names no command and asks for no help: the GUI (or --self-check)."""
    takes_value = {flag for flag, options in GLOBAL_OPTIONS if "metavar" in options}
    words = iter(argv)
    for word in words:
        if word in takes_value:
            next(words, None)
        elif word in ("-h", "--help", "--version") or not word.startswith("-"):
            return False
    return True


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="contactcentre",
        description="Run a child contact centre: with no command, start the app.",
    )
    add_global_options(parser, after_command=False)
    parser.add_argument("--self-check", action="store_true", help=argparse.SUPPRESS)
    subparsers = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=CommandParser
    )
    for module in command_modules() if commands else []:
        module.add_commands(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    hardening.harden()  # first: private files and no core dumps, before any secret is read
    argv = list(sys.argv[1:] if argv is None else argv)
    with modules_loading():
        parser = build_parser(commands=not starts_the_app(argv))
        args = parser.parse_args(argv)
        if args.self_check or args.command is None:
            from contactcentre import app
    if args.self_check:
        return app.self_check()
    if args.command is None:
        return app.run_gui(args)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.handler(args) or 0)
    except UserError as error:
        print(f"contactcentre {args.command}: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("contactcentre: interrupted; nothing half-done was saved.", file=sys.stderr)
        return 130
