"""Restoring a backup keeps today's logins: the restored records open for today's team,
and a person removed since the backup does not come back with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from contactcentre.domain.clock import FixedClock
from contactcentre.domain.records import backups
from contactcentre.domain.team import accounts
from contactcentre.store.engine import Store
from contactcentre.store.keyslots import WrongNameOrPassphrase
from contactcentre.store.models import TeamRole
from contactcentre.store.models.team import TeamMember
from contactcentre.store.unlocking import unlock
from tests.conftest import COORDINATOR, PASSPHRASE
from tests.factories import add_family

LEAVER = "leaver's own phrase"
JOINER = "joiner's own phrase"


def test_a_restored_backup_opens_for_todays_team_and_not_for_who_left(
    store: Store, tmp_path: Path, clock: FixedClock
) -> None:
    accounts.add_account(store, "Lee Leaver", TeamRole.volunteer, LEAVER)
    add_family(store, "F-0001")
    backup_file = tmp_path / "saturday.ccbackup"
    backups.make_backup(store, backup_file, "usb stick phrase", clock)
    accounts.remove_account(store, "Lee Leaver")  # Lee leaves after the backup
    accounts.add_account(store, "Jo Joiner", TeamRole.supervisor, JOINER)  # Jo joins

    restored, _ = backups.restore_over(store, backup_file, "usb stick phrase")
    restored.close()
    with pytest.raises(WrongNameOrPassphrase):
        unlock(store.path, "Lee Leaver", LEAVER)
    for name, secret in [(COORDINATOR, PASSPHRASE), ("Jo Joiner", JOINER)]:
        opened = unlock(store.path, name, secret)
        with opened.session() as s:
            logins = {m.name for m in s.exec(select(TeamMember).where(TeamMember.public_key != ""))}
            assert logins == {COORDINATOR, "Jo Joiner"}
            assert len(s.exec(select(TeamMember).where(TeamMember.name == "Lee Leaver")).all()) == 1
        assert opened.account is not None and opened.account.name == name
        opened.close()


def test_a_backup_by_default_takes_the_passphrase_of_whoever_made_it(
    store: Store, tmp_path: Path, clock: FixedClock
) -> None:
    backup_file = tmp_path / "default.ccbackup"
    backups.make_backup(store, backup_file, None, clock)
    assert backups.inspect(store, backup_file, PASSPHRASE).counts["audit_entry"] >= 1
