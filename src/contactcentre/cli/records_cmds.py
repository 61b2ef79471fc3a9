"""Keeping the data safe from a terminal: rekey, backup, restore, audit."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import sys
from pathlib import Path

from contactcentre import paths
from contactcentre.cli.common import (
    CommandError,
    ask_secret,
    clock,
    data_dir,
    opened_store,
    out,
    passphrase,
    tell,
    user,
    whole_database,
)
from contactcentre.domain import audit
from contactcentre.domain.records import backups
from contactcentre.domain.register.families import family_by_ref
from contactcentre.domain.team import accounts
from contactcentre.store import unlocking
from contactcentre.store.engine import Store
from contactcentre.store.errors import NotADatabase, StoreMissing

NEW_PASSPHRASE_ENV = "CONTACTCENTRE_NEW_PASSPHRASE"
BACKUP_PASSPHRASE_ENV = "CONTACTCENTRE_BACKUP_PASSPHRASE"


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("rekey", help="change the database passphrase")
    p.set_defaults(handler=cmd_rekey)
    p = sub.add_parser("backup", help="write an encrypted, verified backup to FILE")
    p.add_argument("file", metavar="FILE", type=Path)
    p.set_defaults(handler=cmd_backup)
    p = sub.add_parser("restore", help="replace the database with a backup (the old one is kept)")
    p.add_argument("file", metavar="FILE", type=Path)
    p.set_defaults(handler=cmd_restore)
    p = sub.add_parser("audit", help="list the audit trail, or check it with --verify")
    p.add_argument(
        "--verify",
        action="store_true",
        help="print 'ok', or one line per entry, record or anchor that does not match",
    )
    p.add_argument("--family", metavar="REF", help="only entries about this family")
    p.set_defaults(handler=cmd_audit)


def backup_passphrase(*, confirm: bool) -> str | None:
    """The backup's own passphrase from the environment or typed; None: the acting
    person's own (never the database's key: it changes when a login is removed)."""
    value = os.environ.get(BACKUP_PASSPHRASE_ENV)
    if value is not None:
        return value  # an empty one is refused by the store, never used
    if not sys.stdin.isatty():
        return None
    typed = getpass.getpass("Backup passphrase (Enter for your own passphrase): ")
    if not typed:
        return None
    if confirm and getpass.getpass("Backup passphrase again: ") != typed:
        raise CommandError("The two entries are not the same; nothing was changed.")
    return typed


def cmd_rekey(args: argparse.Namespace) -> int:
    with whole_database(args), opened_store(args) as store:
        old = backups.own_passphrase(store)
        new = ask_secret("New passphrase", NEW_PASSPHRASE_ENV, confirm=True)
        backups.change_passphrase(store, old, new)
    out("Passphrase changed. Use the new one from now on.")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        report = backups.make_backup(store, args.file, backup_passphrase(confirm=True), clock())
    out(f"Backed up to {report.path} ({backups.describe_contents(report.counts)})")
    out(f"sha256 {report.sha256}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    with whole_database(args):
        return _restore(args)


def _restore(args: argparse.Namespace) -> int:
    db_path = paths.database_path(data_dir(args))
    tell(backups.before_opening(db_path))
    secret = passphrase()
    # The restored copy gets today's key (the acting person's slot holds it; an old
    # database without slots: this passphrase), so it must open the current database,
    # unless there is none or it is too damaged to open (then restoring is the way back).
    key = unlocking.key_for(db_path, user(args), secret) or secret
    team = None
    with contextlib.suppress(StoreMissing, NotADatabase):
        current = Store.open(db_path, key)
        with current.session() as s:
            team = accounts.todays_team(s)
        current.close()
    from_backup = backup_passphrase(confirm=False)
    store, report = backups.restore_backup(args.file, db_path, from_backup or secret, key, team)
    store.close()
    made = report.contents.made_at
    when = made.astimezone(clock().tz).strftime("%a %d %b %Y %H:%M") if made else "unknown date"
    out(f"Restored the backup of {when} ({backups.describe_contents(report.contents.counts)})")
    if report.set_aside is not None:
        out(f"The previous database was kept as {report.set_aside}")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    with opened_store(args) as store, store.session() as s:
        if args.verify:
            found = audit.problems(s)
            for line in found or ["ok"]:
                out(line)
            return 1 if found else 0
        family_id = family_by_ref(s, args.family).id if args.family else None
        tz = clock().tz
        for entry in reversed(audit.entries(s, family_id=family_id, limit=1_000_000)):
            where = f"{entry.entity}:{entry.entity_id}" if entry.entity_id else entry.entity
            at = entry.at.astimezone(tz).strftime("%d/%m/%Y %H:%M:%S")
            line = [str(entry.id), at, entry.actor, entry.action, where, entry.fields, entry.detail]
            out("\t".join(line).rstrip())
    return 0
