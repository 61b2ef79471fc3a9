"""What every command shares: where the data is, the passphrase, opening the store."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from contactcentre import outputs, paths
from contactcentre.domain import acting
from contactcentre.domain.centre import get_centre
from contactcentre.domain.clock import Clock
from contactcentre.domain.errors import DomainError
from contactcentre.domain.records import backups
from contactcentre.store import in_use
from contactcentre.store.engine import Store

PASSPHRASE_ENV = "CONTACTCENTRE_PASSPHRASE"


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


@contextmanager
def opened_store(args: argparse.Namespace) -> Iterator[Store]:
    """The centre's store, acting as the computer's account (until there are logins) by
    this command's clock, which shows times in the centre's own zone."""
    db = paths.database_path(data_dir(args))
    tell(backups.before_opening(db))
    store = Store.open(db, passphrase())
    try:
        with store.session() as s:
            CLOCK.set_zone(get_centre(s).timezone)
        store.act_as(acting.os_account(), CLOCK.now)
        tell(backups.after_unlocking(store))
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
    print(line, flush=True)


def tell(notice: str | None) -> None:
    """What the command found and put right before doing its work: one line on stderr,
    so stdout stays the command's own output."""
    if notice:
        print(f"contactcentre: {notice}", file=sys.stderr, flush=True)
