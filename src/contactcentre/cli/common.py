"""What every command shares: where the data is, the passphrase, opening the store."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from contactcentre import __version__, outputs, paths
from contactcentre.domain import audit
from contactcentre.domain.centre import get_centre
from contactcentre.domain.clock import Clock
from contactcentre.domain.errors import DomainError
from contactcentre.domain.records import backups
from contactcentre.store import in_use, unlocking
from contactcentre.store.engine import Store
from contactcentre.store.models.enums import TeamRole

PASSPHRASE_ENV = "CONTACTCENTRE_PASSPHRASE"
USER_ENV = "CONTACTCENTRE_USER"

DATA_DIR_HELP = "the centre's data folder (else $CONTACTCENTRE_DATA_DIR, else the user data folder)"
USER_HELP = f"who is acting (else ${USER_ENV}, else the centre's first coordinator)"
# Options every command takes, before or after the command's name: one line each.
GLOBAL_OPTIONS: list[tuple[str, dict[str, Any]]] = [
    ("--version", {"action": "version", "version": f"contactcentre {__version__}"}),
    ("--data-dir", {"metavar": "DIR", "help": DATA_DIR_HELP}),
    ("--user", {"metavar": "NAME", "help": USER_HELP}),
]


def add_global_options(parser: argparse.ArgumentParser, *, after_command: bool) -> None:
    """Give `parser` the global options. After the command's name they default to
    SUPPRESS, so an option given only before the name is not reset by the subcommand."""
    extra = {"default": argparse.SUPPRESS} if after_command else {}
    for flag, options in GLOBAL_OPTIONS:
        parser.add_argument(flag, **options, **extra)


class CommandParser(argparse.ArgumentParser):
    """A subcommand's parser: it takes the global options too."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        add_global_options(self, after_command=True)


class CommandError(DomainError):
    """A command cannot go on; the message is printed as one line."""


def data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data_dir) if args.data_dir else paths.default_data_dir()


def ask_secret(prompt: str, env: str, *, confirm: bool = False) -> str:
    """A secret from the environment (scripts) or typed on the terminal (never echoed)."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise CommandError(f"No terminal to ask for the {prompt.lower()}: set {env}.")
    value = getpass.getpass(f"{prompt}: ")
    if confirm and getpass.getpass(f"{prompt} again: ") != value:
        raise CommandError("The two entries are not the same; nothing was changed.")
    return value


def passphrase() -> str:
    return ask_secret("Passphrase", PASSPHRASE_ENV)


def user(args: argparse.Namespace) -> str | None:
    """Who acts: --user, else $CONTACTCENTRE_USER, else None (the first coordinator)."""
    return getattr(args, "user", None) or os.environ.get(USER_ENV) or None


@contextmanager
def opened_store(args: argparse.Namespace) -> Iterator[Store]:
    """The centre's store unlocked as the acting person (see `user`), with their
    passphrase, by this command's clock, which shows times in the centre's own zone."""
    db = paths.database_path(data_dir(args))
    tell(backups.before_opening(db))
    store = unlocking.unlock(db, user(args), passphrase())
    try:
        with store.session() as s:
            CLOCK.set_zone(get_centre(s).timezone)
        account = store.account
        if account is not None:
            store.act_as(account.name, CLOCK.now, TeamRole(account.role))
        tell(backups.after_unlocking(store))
        with audit.refusals_recorded(store):  # then one line on stderr, as every UserError
            yield store
    finally:
        store.close()


@contextmanager
def whole_database(args: argparse.Namespace) -> Iterator[None]:
    """For a command that replaces or re-keys the database file: refuse (CentreInUse, one
    line) while the app has the records unlocked, and keep the app out until it is done.
    Commands that only read or add records need not: SQLite keeps those consistent."""
    with in_use.held(paths.database_path(data_dir(args))):
        yield


def refuse_own_files(args: argparse.Namespace, target: Path) -> None:
    outputs.check_target(target, database=paths.database_path(data_dir(args)))


def write_output(args: argparse.Namespace, target: Path, data: bytes) -> None:
    outputs.write_file(target, data, database=paths.database_path(data_dir(args)))


CLOCK = Clock()  # one per command: a CLI process runs one command


def clock() -> Clock:
    return CLOCK


def out(line: str) -> None:
    try:
        print(line, flush=True)
    except BrokenPipeError:
        # The reader has gone (`contactcentre ... | head`): stop quietly, as shell tools do,
        # and keep Python's flush at exit from failing again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(1) from None


def tell(notice: str | None) -> None:
    """What the command found and put right before doing its work: one line on stderr,
    so stdout stays the command's own output."""
    if notice:
        print(f"contactcentre: {notice}", file=sys.stderr, flush=True)
