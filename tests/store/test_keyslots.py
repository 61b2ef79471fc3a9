"""Key slots: one login per person, each opening the same database; a removed person's
passphrase opens nothing afterwards, not even with an old copy of the key file; a wrong
name or passphrase says one thing and changes no byte on disk."""

from __future__ import annotations

import hashlib
import json
import random
import shutil
from pathlib import Path

import pytest
from sqlmodel import select

from contactcentre.domain.centre import CentreDetails
from contactcentre.domain.records.creation import new_centre
from contactcentre.domain.team import accounts
from contactcentre.store import keyslots
from contactcentre.store.engine import Store, verify_key
from contactcentre.store.errors import KeyDoesNotOpen, WrongPassphrase
from contactcentre.store.keyslots import WrongNameOrPassphrase
from contactcentre.store.models import TeamRole
from contactcentre.store.models.team import TeamMember
from contactcentre.store.unlocking import unlock
from tests.store.crash_child import run_and_kill

COORD = "coordinator passphrase"
SUP = "supervisor passphrase"
VOL = "volunteer passphrase"


def make_team(db: Path) -> None:
    """A centre run by Anna (coordinator) with Ben (supervisor) and Cleo (volunteer)."""
    store = new_centre(db, COORD, CentreDetails(name="Key Slot Centre"), "Anna Price")
    accounts.add_account(store, "Ben Okafor", TeamRole.supervisor, SUP)
    accounts.add_account(store, "Cleo Ward", TeamRole.volunteer, VOL)
    store.close()


@pytest.fixture
def team_db(tmp_path: Path) -> Path:
    db = tmp_path / "centre.db"
    make_team(db)
    return db


def opens(db: Path, name: str | None, passphrase: str) -> bool:
    """Whether `name` gets in; refused either way: no slot (or a wrong passphrase), or an
    old copy of the key file whose key no longer opens the re-keyed database."""
    try:
        unlock(db, name, passphrase).close()
    except (WrongNameOrPassphrase, KeyDoesNotOpen):
        return False
    return True


def hashes(db: Path) -> dict[str, str | None]:
    found = {}
    for suffix in ("", "-wal", ".keys", ".anchor"):
        side = Path(f"{db}{suffix}")
        found[suffix] = hashlib.sha256(side.read_bytes()).hexdigest() if side.exists() else None
    return found


def test_each_person_unlocks_as_themselves_with_their_role(team_db: Path) -> None:
    for name, secret, role in [
        ("Anna Price", COORD, TeamRole.coordinator),
        ("ben okafor", SUP, TeamRole.supervisor),  # names are found whatever the case
        ("  Cleo   Ward ", VOL, TeamRole.volunteer),
    ]:
        store = unlock(team_db, name, secret)
        try:
            assert store.account is not None
            assert (store.account.name, store.account.role) == (
                " ".join(name.split()).title(),
                role,
            )
        finally:
            store.close()
    first = unlock(team_db, None, COORD)  # no name: the first coordinator
    assert first.account is not None and first.account.name == "Anna Price"
    first.close()


def test_the_key_file_holds_no_names_and_no_key(team_db: Path) -> None:
    text = keyslots.file_for(team_db).read_text(encoding="utf-8")
    store = unlock(team_db, "Anna Price", COORD)
    key = store.engine.url.password or ""
    store.close()
    for secret in ("Anna", "anna", "Okafor", "Cleo", COORD, VOL, key[2:-1]):
        assert secret not in text
    assert (keyslots.file_for(team_db).stat().st_mode & 0o777) == 0o600


@pytest.mark.parametrize(
    ("name", "secret"),
    [("Cleo Ward", "not her passphrase"), ("Nobody Here", VOL), ("Cleo Ward", SUP)],
)
def test_a_wrong_name_or_passphrase_says_one_thing_and_changes_nothing(
    team_db: Path, name: str, secret: str
) -> None:
    holder = unlock(team_db, "Anna Price", COORD)  # open elsewhere: a -wal file is there
    try:
        with holder.session() as s:
            s.add(TeamMember(name="Dee Written", role=TeamRole.volunteer))
        before = hashes(team_db)
        assert before["-wal"] is not None
        with pytest.raises(WrongNameOrPassphrase) as refused:
            unlock(team_db, name, secret)
        assert str(refused.value) == "The name or passphrase is wrong."
        assert hashes(team_db) == before
    finally:
        holder.close()


def test_a_removed_person_opens_nothing_even_with_an_old_key_file(team_db: Path) -> None:
    old_keys = keyslots.file_for(team_db).read_bytes()
    store = unlock(team_db, "Anna Price", COORD)
    accounts.remove_account(store, "Cleo Ward")
    with store.session() as s:  # the store stays open under the new key
        assert (
            s.exec(select(TeamMember).where(TeamMember.name == "Cleo Ward")).one().public_key == ""
        )
    store.close()
    assert not opens(team_db, "Cleo Ward", VOL)
    assert opens(team_db, "Anna Price", COORD) and opens(team_db, "Ben Okafor", SUP)
    keyslots.file_for(team_db).write_bytes(old_keys)  # she kept a copy of the old key file
    assert not opens(team_db, "Cleo Ward", VOL)
    old_slot = keyslots.read(keyslots.file_for(team_db)).find("Cleo Ward")  # type: ignore[union-attr]
    assert old_slot is not None
    with pytest.raises(WrongPassphrase):  # the key it holds is the old one
        verify_key(team_db, keyslots.raw_key(keyslots.open_slot(old_slot, VOL)))


def test_changing_ones_passphrase_rewraps_only_ones_own_slot(team_db: Path) -> None:
    before = hashlib.sha256(team_db.read_bytes()).hexdigest()
    store = unlock(team_db, "Ben Okafor", SUP)
    accounts.change_own_passphrase(store, SUP, "ben's brand new one", "ben's brand new one")
    store.close()
    assert not opens(team_db, "Ben Okafor", SUP)
    assert opens(team_db, "Ben Okafor", "ben's brand new one")
    assert opens(team_db, "Anna Price", COORD)
    store = unlock(team_db, "Ben Okafor", "ben's brand new one", read_only=True)
    store.close()
    del before  # the database was written (last unlock) but never re-keyed: K is the same


def test_a_slot_whose_public_key_is_not_the_databases_is_refused(team_db: Path) -> None:
    """Someone with the key file and the key swaps a slot in: the database's copy of each
    person's public key decides."""
    store = unlock(team_db, "Anna Price", COORD)
    key = bytes.fromhex(
        (store.engine.url.password or "")[3:-1]
        if False
        else (store.engine.url.password or "")[2:-1]
    )
    with store.session() as s:
        cleo = s.exec(select(TeamMember).where(TeamMember.name == "Cleo Ward")).one()
    store.close()
    forged = keyslots.new_slot(cleo.id or 0, "Cleo Ward", "forged passphrase", key)
    slots = keyslots.read(keyslots.file_for(team_db))
    assert slots is not None
    keyslots.write(keyslots.file_for(team_db), slots.with_slot(forged))
    assert not opens(team_db, "Cleo Ward", "forged passphrase")


def test_removing_the_last_coordinator_or_oneself_is_refused(team_db: Path) -> None:
    store = unlock(team_db, "Anna Price", COORD)
    try:
        with pytest.raises(accounts.DomainError, match="cannot remove your own login"):
            accounts.remove_account(store, "Anna Price")
    finally:
        store.close()
    store = unlock(team_db, "Ben Okafor", SUP)
    try:
        with pytest.raises(accounts.permissions.Refused, match="Only a coordinator"):
            accounts.remove_account(store, "Anna Price")
    finally:
        store.close()


def test_an_old_database_becomes_the_first_coordinators_login(tmp_path: Path) -> None:
    db = tmp_path / "centre.db"
    old = Store.create(db, "the old shared passphrase")
    old.close()
    store = unlock(db, None, "the old shared passphrase")
    assert store.account is not None and store.account.name == "Coordinator"
    assert store.account.role == TeamRole.coordinator
    store.close()
    assert not keyslots.next_for(db).exists()
    with pytest.raises(WrongPassphrase):  # re-keyed: the passphrase alone opens nothing
        verify_key(db, "the old shared passphrase")
    assert opens(db, "Coordinator", "the old shared passphrase")
    assert json.loads(keyslots.file_for(db).read_text())["slots"][0]["first"] is True


@pytest.mark.slow
@pytest.mark.timeout(600)  # 24 child processes, each unlocking (Argon2) before its kill
def test_kill_during_removal_leaves_a_database_the_others_open(tmp_path: Path) -> None:
    template = tmp_path / "template" / "centre.db"
    make_team(template)
    store = unlock(template, None, COORD)  # some weight, so the re-key takes a while
    with store.session() as s:
        for n in range(400):
            s.add(TeamMember(name=f"Filler {n} " + "x" * 4000, role=TeamRole.volunteer))
    store.close()
    rng = random.Random(17)
    half_done = 0
    for round_ in range(24):
        work = tmp_path / f"round-{round_}"
        shutil.copytree(template.parent, work)
        db = work / "centre.db"
        run_and_kill("remove", str(db), COORD, "Cleo Ward", rng=rng, max_delay=0.35)
        began = keyslots.next_for(db).exists()
        half_done += began
        assert opens(db, "Ben Okafor", SUP), f"round {round_}: Ben is locked out"
        assert opens(db, "Anna Price", COORD), f"round {round_}: Anna is locked out"
        assert not keyslots.next_for(db).exists()  # the open finished the change
        slots = keyslots.read(keyslots.file_for(db))
        assert slots is not None
        if began or slots.find("Cleo Ward") is None:
            assert not opens(db, "Cleo Ward", VOL), f"round {round_}: Cleo still opens"
    assert half_done >= 2  # some kills landed inside the removal
