"""Unlocking as a person, and the changes to who holds a key (docs/decisions/0001-key-slots.md).

`unlock(path, name, passphrase)` finds the person's slot, opens the database with the key
sealed in it and checks the slot against the person's row inside the database. It also
finishes whatever a crash left half done: a `centre.db.keys.next` file is the state being
moved to (a removal, or an old database's first slot), and whichever key opens the
database says how far the change got. Nothing is written before the key is proven good.
A removal finished so leaves a note (`centre.db.keys.finished`, the member's id) for the
audit trail, which this layer cannot write.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import exc
from sqlmodel import Session, col, select

from contactcentre.store import keyslots
from contactcentre.store.engine import (
    Store,
    check_passphrase_allowed,
    looks_like_store,
    make_engine,
    verify_key,
)
from contactcentre.store.errors import (
    KeyDoesNotOpen,
    NotADatabase,
    StoreError,
    StoreMissing,
    WrongPassphrase,
)
from contactcentre.store.keys import current_passphrase, rekey_file
from contactcentre.store.keyslots import Slot, SlotFile, WrongNameOrPassphrase
from contactcentre.store.models.centre import Centre
from contactcentre.store.models.enums import TeamRole
from contactcentre.store.models.team import TeamMember
from contactcentre.store.types import utcnow

log = logging.getLogger(__name__)
FIRST_COORDINATOR = "Coordinator"  # an old database's first account when no name is set


def _slot_for(slots: SlotFile, name: str | None, passphrase: str) -> tuple[Slot, bytes]:
    slot = slots.find(name)
    if slot is None:
        keyslots.waste_time_like_unwrapping(passphrase)
        raise WrongNameOrPassphrase()
    return slot, keyslots.open_slot(slot, passphrase)


def _opens(path: Path, key: str, *, writing: bool = False) -> bool:
    """Whether `key` opens the database, read-only. After a kill during a re-key, the -wal
    and -shm it left may need a writer to recover them: `writing` then tries a read-write
    open too — only ever with a key from an authenticated slot, one of the file's two."""
    try:
        verify_key(path, key)
    except WrongPassphrase:
        if not writing:
            return False
    else:
        return True
    engine = make_engine(path, key)
    try:
        with engine.connect():
            return True
    except exc.DatabaseError:
        return False
    finally:
        engine.dispose()


def unlock(path: Path, name: str | None, passphrase: str, *, read_only: bool = False) -> Store:
    """The centre's store opened as `name` (None: the first coordinator), or
    WrongNameOrPassphrase with nothing on disk changed."""
    path = Path(path)
    if not path.is_file():
        raise StoreMissing(path)
    if not looks_like_store(path):
        raise NotADatabase(path)
    check_passphrase_allowed(passphrase)
    current = keyslots.read(keyslots.file_for(path))
    pending = keyslots.read(keyslots.next_for(path))
    if pending is not None and not read_only:
        slot, key = _finish(path, current, pending, name, passphrase)
    elif current is None:
        if read_only:  # an old database, damaged: read it with its passphrase, convert later
            return Store.open(path, passphrase, read_only=True)
        slot, key = _convert(path, passphrase)
    else:
        slot, key = _slot_for(current, name, passphrase)
    try:
        store = Store.open(path, keyslots.raw_key(key), read_only=read_only)
    except WrongPassphrase:  # the slot opened, so the passphrase is right: not the key's
        raise KeyDoesNotOpen(path) from None
    try:
        _recognise(store, slot, passphrase)
    except BaseException:
        store.close()
        raise
    return store


def _recognise(store: Store, slot: Slot, passphrase: str) -> None:
    """Check the slot against the person's row (the database's copy of their public key);
    the store then acts as them. Nothing is written: a damaged file stays as it was."""
    # A read (no write lock): unlocking beside a long import neither waits nor is refused.
    with Session(store.engine.execution_options(reading=True), expire_on_commit=False) as s:
        member = s.get(TeamMember, slot.member_id)
        if member is None or member.public_key != slot.public_key or not member.public_key:
            raise WrongNameOrPassphrase()
        store.account = keyslots.Account(member.id or 0, slot.slot_id, member.name, member.role)
    store.passphrase = passphrase
    store.act_as(member.name, utcnow, TeamRole(member.role))


def key_for(path: Path, name: str | None, passphrase: str) -> str | None:
    """The database key `name`'s slot holds (for a restore with no database to open), or
    None when there is no slot file (an old database: its passphrase is the key)."""
    current = keyslots.read(keyslots.file_for(Path(path)))
    if current is None:
        return None
    return keyslots.raw_key(_slot_for(current, name, passphrase)[1])


def _finish(
    path: Path, current: SlotFile | None, pending: SlotFile, name: str | None, passphrase: str
) -> tuple[Slot, bytes]:
    """Carry a half-done change through, as a person of the state it moves to."""
    slot, new_key = _slot_for(pending, name, passphrase)
    new = keyslots.raw_key(new_key)
    if not _opens(path, new):
        before = current.find(name) if current is not None else None
        if before is not None:
            old = keyslots.raw_key(keyslots.open_slot(before, passphrase))
        else:  # converting an old database: its passphrase is the old key
            old = passphrase
        if _opens(path, old, writing=True):
            rekey_file(path, old, new)
        elif not _opens(path, new, writing=True):
            raise WrongNameOrPassphrase()
    removed = pending.pending.get("remove")
    if isinstance(removed, int):
        store = Store.open(path, new)
        try:
            clear_login(store, removed)
        finally:
            store.close()
        # The removal's own audit entry never came: the faces record this finish instead,
        # as whoever unlocked (domain/team/accounts.record_finished_removal).
        keyslots.note_finished_removal(path, removed)
    keyslots.promote(path, pending)
    log.info("an interrupted change of keys was finished")
    return slot, new_key


def clear_login(store: Store, member_id: int) -> None:
    with store.session() as s:
        member = s.get(TeamMember, member_id)
        if member is not None:
            member.public_key = ""


def _convert(path: Path, passphrase: str) -> tuple[Slot, bytes]:
    """An old database (one passphrase, no slots): its passphrase becomes the first
    coordinator's slot, and the file is re-keyed to a random key."""
    if not _opens(path, passphrase):
        raise WrongNameOrPassphrase()
    old = Store.open(path, passphrase)  # brings the schema up to date (team_member)
    key = keyslots.new_database_key()
    try:
        with old.session() as s:
            centre = s.exec(select(Centre)).first()
            name = (centre.coordinator_name.strip() if centre else "") or FIRST_COORDINATOR
            member = s.exec(select(TeamMember).where(col(TeamMember.name) == name)).first()
            if member is None:
                member = TeamMember(name=name, role=TeamRole.coordinator)
                s.add(member)
                s.flush()
            slot = keyslots.new_slot(member.id or 0, name, passphrase, key, first=True)
            member.public_key = slot.public_key
    finally:
        old.close()
    keyslots.write(keyslots.next_for(path), SlotFile((slot,), {"convert": True}))
    try:
        rekey_file(path, passphrase, keyslots.raw_key(key))
    except Exception:  # refused whole (a full disk, a writer): still the old passphrase
        keyslots.next_for(path).unlink(missing_ok=True)
        raise
    keyslots.promote(path, SlotFile((slot,)))
    log.info("an old database was given its first key slot")
    return slot, key


def create(path: Path, name: str, passphrase: str, fill: Callable[[Store], None]) -> Store:
    """A new database whose first coordinator is `name`, open as them (see Store.create)."""
    check_passphrase_allowed(passphrase)
    key = keyslots.new_database_key()
    made: list[Slot] = []

    def fill_and_key(store: Store) -> None:
        fill(store)
        with store.session() as s:
            member = TeamMember(name=name.strip(), role=TeamRole.coordinator)
            s.add(member)
            s.flush()
            slot = keyslots.new_slot(member.id or 0, name, passphrase, key, first=True)
            member.public_key = slot.public_key
        keyslots.write(keyslots.file_for(store.path), SlotFile((slot,)))
        made.append(slot)

    store = Store.create(path, keyslots.raw_key(key), fill_and_key)
    try:
        _recognise(store, made[0], passphrase)
    except BaseException:
        store.close()
        raise
    return store


def _slots(store: Store) -> SlotFile:
    found = keyslots.read(keyslots.file_for(store.path))
    if found is None:
        raise StoreError("This centre has no key file: unlock it once to make one.")
    return found


def _database_key(store: Store) -> bytes:
    key = current_passphrase(store)
    if not keyslots.is_raw_key(key):
        raise StoreError("This centre has no key file: unlock it once to make one.")
    return bytes.fromhex(key[2:-1])


def add_login(store: Store, member: TeamMember, passphrase: str) -> None:
    """Give `member` (a row in the caller's unit of work, flushed) a slot and their public
    key; the slot file is written before the unit of work commits."""
    check_passphrase_allowed(passphrase)
    slots = _slots(store)
    slot = keyslots.new_slot(member.id or 0, member.name, passphrase, _database_key(store))
    member.public_key = slot.public_key
    keyslots.write(keyslots.file_for(store.path), slots.with_slot(slot))


def change_own(store: Store, old: str, new: str) -> None:
    """Rewrap the acting person's slot under `new` (fast: no re-key)."""
    check_passphrase_allowed(new)
    if store.account is None:
        raise StoreError("Unlock as a person to change your passphrase.")
    slots = _slots(store)
    slot = next(s for s in slots.slots if s.slot_id == store.account.slot_id)
    try:
        changed = keyslots.rewrapped(slot, old, new)
    except WrongNameOrPassphrase:
        raise WrongPassphrase() from None
    keyslots.write(keyslots.file_for(store.path), slots.with_slot(changed))
    store.passphrase = new


def remove_login(store: Store, member_id: int) -> None:
    """Take `member_id`'s slot away and re-key the database with a fresh key sealed to
    everyone else (their public keys as the database holds them). The store stays open."""
    if store.read_only:
        raise StoreError("A database opened read-only cannot be re-keyed.")
    slots = _slots(store)
    with store.session() as s:
        public = {
            m.id: m.public_key
            for m in s.exec(select(TeamMember).where(col(TeamMember.public_key) != ""))
        }
    new_key = keyslots.new_database_key()
    remaining = tuple(
        keyslots.resealed(slot, new_key, public[slot.member_id])
        for slot in slots.slots
        if slot.member_id != member_id and slot.member_id in public
    )
    if not remaining:
        raise StoreError("Removing the last login would leave nobody able to unlock.")
    pending = SlotFile(remaining, {"remove": member_id})
    keyslots.write(keyslots.next_for(store.path), pending)
    old, typed = current_passphrase(store), store.passphrase
    store.close()
    new = keyslots.raw_key(new_key)
    try:
        rekey_file(store.path, old, new)
    except BaseException:
        keyslots.next_for(store.path).unlink(missing_ok=True)
        store.reopen(old)
        store.passphrase = typed
        raise
    store.reopen(new)
    store.passphrase = typed
    clear_login(store, member_id)
    keyslots.promote(store.path, pending)
    log.info("a login was removed and the database re-keyed")
