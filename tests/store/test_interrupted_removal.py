"""A login's removal that a crash interrupted is finished by the next unlock, and that
finish is in the audit trail: who unlocked, "completed after an interrupted re-key", the
removed person's id and nothing else; once, however often the centre is unlocked after."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import col, select

from contactcentre.domain.records import backups
from contactcentre.domain.team import accounts
from contactcentre.store import keyslots, unlocking
from contactcentre.store.models import AuditEntry
from contactcentre.store.models.team import TeamMember
from contactcentre.store.unlocking import unlock
from tests.store.test_keyslots import COORD, SUP, VOL, make_team, opens


class Killed(BaseException):
    """The process dying at this point: nothing after it runs."""


def anna_removes_cleo_killed_before(db: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """Anna's removal of Cleo's login, the app killed just before `where` in it."""

    def die(*_args: object, **_kwargs: object) -> None:
        raise Killed

    store = unlock(db, "Anna Price", COORD)
    with monkeypatch.context() as crash:
        crash.setattr(unlocking, where, die)
        with pytest.raises(Killed):
            accounts.remove_account(store, "Cleo Ward")
    store.close()


def cleos_id(db: Path) -> int:
    store = unlock(db, "Anna Price", COORD)
    try:
        with store.session() as s:
            cleo = s.exec(select(TeamMember).where(TeamMember.name == "Cleo Ward")).one()
            return cleo.id or 0
    finally:
        store.close()


def removals(db: Path) -> list[AuditEntry]:
    store = unlock(db, "Anna Price", COORD)
    try:
        with store.session() as s:
            query = select(AuditEntry).where(col(AuditEntry.action) == "account.remove")
            return list(s.exec(query))
    finally:
        store.close()


def unlock_as_the_app_does(db: Path, name: str, passphrase: str) -> None:
    """Unlock, then what either face does straight after (cli/common.py, main_window)."""
    store = unlock(db, name, passphrase)
    try:
        backups.after_unlocking(store)
    finally:
        store.close()


@pytest.mark.parametrize(
    "killed_before",
    [
        "current_passphrase",  # the new slots are written, the database not yet re-keyed
        "clear_login",  # re-keyed; the removed person's row still holds their public key
    ],
)
def test_the_unlock_that_finishes_a_removal_puts_it_in_the_trail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, killed_before: str
) -> None:
    db = tmp_path / "centre.db"
    make_team(db)
    cleo = cleos_id(db)
    anna_removes_cleo_killed_before(db, monkeypatch, killed_before)
    assert keyslots.next_for(db).exists()  # the removal is half done, and not in the trail

    unlock_as_the_app_does(db, "Anna Price", COORD)

    [entry] = removals(db)
    assert (entry.actor, entry.entity, entry.entity_id, entry.detail) == (
        "Anna Price",
        "team_member",
        cleo,
        "completed after an interrupted re-key",
    )
    assert "Cleo" not in entry.detail and entry.family_id is None and entry.fields == ""
    assert not keyslots.finished_for(db).exists() and not keyslots.next_for(db).exists()
    assert not opens(db, "Cleo Ward", VOL)
    unlock_as_the_app_does(db, "Anna Price", COORD)
    assert len(removals(db)) == 1  # not again at the next unlock


def test_the_finish_names_whoever_unlocked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "centre.db"
    make_team(db)
    anna_removes_cleo_killed_before(db, monkeypatch, "clear_login")

    unlock_as_the_app_does(db, "Ben Okafor", SUP)  # Ben is first back

    [entry] = removals(db)
    assert (entry.actor, entry.detail) == ("Ben Okafor", "completed after an interrupted re-key")


def test_a_crash_after_recording_the_finish_does_not_record_it_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "centre.db"
    make_team(db)
    anna_removes_cleo_killed_before(db, monkeypatch, "clear_login")
    with monkeypatch.context() as crash:  # killed after the entry, before the note went
        crash.setattr(keyslots, "forget_finished_removal", lambda _db: None)
        unlock_as_the_app_does(db, "Ben Okafor", SUP)
    assert keyslots.finished_for(db).exists()

    unlock_as_the_app_does(db, "Anna Price", COORD)

    assert len(removals(db)) == 1
    assert not keyslots.finished_for(db).exists()
