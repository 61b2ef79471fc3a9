"""Key slots: the database key sealed to each person, in `centre.db.keys` beside it.

docs/decisions/0001-key-slots.md explains the design. In short: the database key K is 32
random bytes (SQLCipher opens it as a raw key, `x'<hex>'`); each person has an X25519 key
pair whose private key is wrapped under Argon2id(passphrase) with AES-GCM, and K is sealed
to their public key (ephemeral X25519 + HKDF-SHA256 + AES-GCM). The file holds no names:
a salted hash of the normalised name finds a person's slot.

This module is pure crypto and file format; store/accounts_keys.py opens the database.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from contactcentre.store.errors import StoreError, WrongPassphrase

SUFFIX = ".keys"
NEXT_SUFFIX = ".keys.next"
FINISHED_SUFFIX = ".keys.finished"  # a removal an unlock finished, not yet in the trail
FORMAT = "contactcentre-keyslots"
VERSION = 1
KEY_BYTES = 32
# Argon2id: 64 MiB, 3 passes, 2 lanes (~0.11 s on the test laptop; shared/FACTS.md).
KDF = {"memory_kib": 65_536, "time_cost": 3, "parallelism": 2}
WRONG = "name or passphrase is wrong"


class WrongNameOrPassphrase(WrongPassphrase):
    """No slot for that name, or the passphrase does not unwrap it. One message for both."""

    def __init__(self) -> None:
        StoreError.__init__(self, f"The {WRONG}.")


class DamagedSlots(StoreError):
    """The key-slot file is unreadable (hand-edited, truncated)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The key file {path.name} beside the database cannot be read. Restore it from "
            "the folder's copy, or ask whoever looks after the laptop."
        )


def file_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + SUFFIX)


def next_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + NEXT_SUFFIX)


def finished_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + FINISHED_SUFFIX)


def note_finished_removal(db_path: Path, member_id: int) -> None:
    """Durably note (the member's id, nothing else) that an unlock finished removing
    `member_id`'s login after a crash interrupted it, until the trail records it."""
    _write_private(finished_for(db_path), json.dumps({"removed": member_id}))


def finished_removal(db_path: Path) -> int | None:
    """The member whose interrupted removal an unlock finished, not yet in the trail (None
    too for a note someone edited by hand: it is written whole, by a rename)."""
    try:
        removed = json.loads(finished_for(db_path).read_text(encoding="utf-8"))["removed"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return removed if isinstance(removed, int) else None


def forget_finished_removal(db_path: Path) -> None:
    finished_for(db_path).unlink(missing_ok=True)


def has_slots(db_path: Path) -> bool:
    return file_for(db_path).exists() or next_for(db_path).exists()


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def raw_key(key: bytes) -> str:
    """The string SQLCipher takes as a raw key (no key derivation): `x'<64 hex>'`."""
    return f"x'{key.hex()}'"


def is_raw_key(secret: str) -> bool:
    return secret.startswith("x'") and secret.endswith("'")


def normalised(name: str) -> str:
    """A name as typed, made comparable: Unicode NFKC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def name_hash(salt: bytes, name: str) -> str:
    return hashlib.sha256(salt + normalised(name).encode()).hexdigest()


@dataclass(frozen=True)
class Slot:
    """One person's slot. Binary values are hex strings (the JSON file's form)."""

    slot_id: str
    member_id: int
    name_salt: str
    name_hash: str
    public_key: str
    kdf_salt: str
    kdf: dict[str, int]
    wrapped_private: str  # nonce ‖ AES-GCM(private key)
    sealed_key: str  # ephemeral public ‖ nonce ‖ AES-GCM(K)
    first: bool = False

    def is_for(self, name: str) -> bool:
        found = name_hash(bytes.fromhex(self.name_salt), name)
        return hmac.compare_digest(found, self.name_hash)


@dataclass(frozen=True)
class SlotFile:
    slots: tuple[Slot, ...]
    # While a change is half done (only in a `.keys.next` file): the member whose login is
    # being removed, or "convert" for an old database being given its first slot.
    pending: dict[str, Any] = field(default_factory=dict)

    def find(self, name: str | None) -> Slot | None:
        """The slot for `name` (None: the first coordinator's)."""
        for slot in self.slots:
            if slot.first if name is None else slot.is_for(name):
                return slot
        return None

    def without(self, slot_id: str) -> SlotFile:
        return replace(self, slots=tuple(s for s in self.slots if s.slot_id != slot_id))

    def with_slot(self, slot: Slot) -> SlotFile:
        kept = tuple(s for s in self.slots if s.slot_id != slot.slot_id)
        return replace(self, slots=(*kept, slot))


def _aad(slot_id: str, what: str) -> bytes:
    return f"{FORMAT}/{VERSION}/{slot_id}/{what}".encode()


def _kek(passphrase: str, salt: bytes, kdf: dict[str, int]) -> bytes:
    return hash_secret_raw(
        passphrase.encode(),
        salt,
        time_cost=kdf["time_cost"],
        memory_cost=kdf["memory_kib"],
        parallelism=kdf["parallelism"],
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _raw_public(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _seal_key(key: bytes, public_hex: str, slot_id: str) -> str:
    recipient = X25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
    ephemeral = X25519PrivateKey.generate()
    eph_public = _raw_public(ephemeral.public_key())
    aead = AESGCM(_shared(ephemeral, recipient, eph_public))
    nonce = secrets.token_bytes(12)
    return (eph_public + nonce + aead.encrypt(nonce, key, _aad(slot_id, "key"))).hex()


def _shared(private: X25519PrivateKey, other: X25519PublicKey, eph_public: bytes) -> bytes:
    secret = private.exchange(other)
    info = FORMAT.encode() + b" database key"
    return HKDF(hashes.SHA256(), KEY_BYTES, salt=eph_public, info=info).derive(secret)


def _open_sealed(private: X25519PrivateKey, slot: Slot) -> bytes:
    sealed = bytes.fromhex(slot.sealed_key)
    eph_public, nonce, body = sealed[:32], sealed[32:44], sealed[44:]
    other = X25519PublicKey.from_public_bytes(eph_public)
    return AESGCM(_shared(private, other, eph_public)).decrypt(
        nonce, body, _aad(slot.slot_id, "key")
    )


def _wrap(private: X25519PrivateKey, passphrase: str, slot_id: str) -> tuple[str, str]:
    salt = secrets.token_bytes(16)
    raw = private.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    nonce = secrets.token_bytes(12)
    body = AESGCM(_kek(passphrase, salt, KDF)).encrypt(nonce, raw, _aad(slot_id, "private"))
    return salt.hex(), (nonce + body).hex()


def unwrap_private(slot: Slot, passphrase: str) -> X25519PrivateKey:
    """The slot's private key, or WrongNameOrPassphrase."""
    wrapped = bytes.fromhex(slot.wrapped_private)
    kek = _kek(passphrase, bytes.fromhex(slot.kdf_salt), slot.kdf)
    try:
        raw = AESGCM(kek).decrypt(wrapped[:12], wrapped[12:], _aad(slot.slot_id, "private"))
    except InvalidTag:
        raise WrongNameOrPassphrase() from None
    return X25519PrivateKey.from_private_bytes(raw)


def open_slot(slot: Slot, passphrase: str) -> bytes:
    """K, from the slot with this person's passphrase (or WrongNameOrPassphrase)."""
    private = unwrap_private(slot, passphrase)
    try:
        return _open_sealed(private, slot)
    except InvalidTag:
        raise WrongNameOrPassphrase() from None


def waste_time_like_unwrapping(passphrase: str) -> None:
    """The Argon2 a real unwrap costs, for a name with no slot: both refusals take as long."""
    _kek(passphrase, bytes(16), KDF)


def new_slot(
    member_id: int, name: str, passphrase: str, key: bytes, *, first: bool = False
) -> Slot:
    """A new person's slot: a fresh key pair, its private key under their passphrase."""
    slot_id = secrets.token_hex(8)
    private = X25519PrivateKey.generate()
    public_hex = _raw_public(private.public_key()).hex()
    kdf_salt, wrapped = _wrap(private, passphrase, slot_id)
    name_salt = secrets.token_bytes(16)
    return Slot(
        slot_id=slot_id,
        member_id=member_id,
        name_salt=name_salt.hex(),
        name_hash=name_hash(name_salt, name),
        public_key=public_hex,
        kdf_salt=kdf_salt,
        kdf=dict(KDF),
        wrapped_private=wrapped,
        sealed_key=_seal_key(key, public_hex, slot_id),
        first=first,
    )


def rewrapped(slot: Slot, old: str, new: str) -> Slot:
    """The same slot under a new passphrase (the same key pair and sealed K)."""
    private = unwrap_private(slot, old)
    kdf_salt, wrapped = _wrap(private, new, slot.slot_id)
    return replace(slot, kdf_salt=kdf_salt, kdf=dict(KDF), wrapped_private=wrapped)


def resealed(slot: Slot, key: bytes, public_hex: str) -> Slot:
    """The slot with `key` sealed to `public_hex` (the database's copy of the public key)."""
    return replace(slot, public_key=public_hex, sealed_key=_seal_key(key, public_hex, slot.slot_id))


def read(path: Path) -> SlotFile | None:
    """The slot file at `path`, or None when there is none."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        raise DamagedSlots(path) from None
    try:
        if data["format"] != FORMAT or data["version"] != VERSION:
            raise DamagedSlots(path)
        slots = tuple(Slot(**slot) for slot in data["slots"])
        return SlotFile(slots, dict(data.get("pending") or {}))
    except (KeyError, TypeError):
        raise DamagedSlots(path) from None


def write(path: Path, slots: SlotFile) -> None:
    """Write the slot file durably: a private temporary file, fsync, rename, fsync folder."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "slots": [asdict(slot) for slot in slots.slots],
    }
    if slots.pending:
        data["pending"] = slots.pending
    _write_private(path, json.dumps(data, indent=1))


def _write_private(path: Path, text: str) -> None:
    """A file only this account reads, written durably: a private temporary file, fsync,
    rename, fsync folder."""
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    from contactcentre.store import swap  # which imports this module, and the ORM

    swap.sync_dir(path.parent)


def promote(db_path: Path, slots: SlotFile) -> None:
    """The last step of a change: `slots` (the `.keys.next` file's, pending done) becomes
    the slot file, then the `.keys.next` file goes. Run again after a crash, it ends alike."""
    write(file_for(db_path), replace(slots, pending={}))
    next_for(db_path).unlink(missing_ok=True)
    from contactcentre.store import swap

    swap.sync_dir(db_path.parent)


@dataclass(frozen=True)
class Account:
    """Who unlocked: their team_member row, their slot, their name and role (from the
    database, never from the slot file)."""

    member_id: int
    slot_id: str
    name: str
    role: str
