"""A damaged database opened read-only: everything still reads, nothing can be written, and
the file on disk is never changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from contactcentre.domain.register.family_lists import register_rows
from contactcentre.store import keys, migrations
from contactcentre.store.engine import Store
from contactcentre.store.errors import StoreReadOnly
from contactcentre.store.integrity import problems
from tests.conftest import PASSPHRASE
from tests.damage import damage_spare_index, sha256
from tests.factories import add_family


@pytest.fixture
def damaged(store: Store) -> Path:
    for ref in ("F-0001", "F-0002"):
        add_family(store, ref)
    store.close()
    damage_spare_index(store.path, PASSPHRASE)
    return store.path


def test_a_damaged_database_opens_read_only_and_still_reads(damaged: Path) -> None:
    before = sha256(damaged)
    store = Store.open(damaged, PASSPHRASE, read_only=True)
    try:
        assert store.read_only
        assert problems(store, quick=True)  # the unlock's quick check finds the damage
        full = problems(store)  # and the full check says which page
        assert any("HMAC verification failed for page" in line for line in full), full
        with store.session() as s:
            assert [row.ref for row in register_rows(s)] == ["F-0001", "F-0002"]
        assert migrations.current_revision(store.engine) == migrations.head_revision()
    finally:
        store.close()
    assert sha256(damaged) == before


def test_read_only_sessions_refuse_every_write_in_plain_words(damaged: Path) -> None:
    before = sha256(damaged)
    store = Store.open(damaged, PASSPHRASE, read_only=True)
    try:
        with pytest.raises(StoreReadOnly, match="open read-only: nothing can be changed"):
            add_family(store, "F-0003")  # through the domain, as a screen would
        with pytest.raises(StoreReadOnly), store.session() as s:
            s.execute(text("DELETE FROM family"))
        with store.session() as s:
            assert [row.ref for row in register_rows(s)] == ["F-0001", "F-0002"]
    finally:
        store.close()
    assert sha256(damaged) == before


def test_a_healthy_store_opened_read_only_is_not_changed_by_opening_it(store: Store) -> None:
    add_family(store, "F-0001")
    store.close()
    before = sha256(store.path)
    read_only = Store.open(store.path, PASSPHRASE, read_only=True)
    try:
        assert read_only.read_only and not store.read_only
        with pytest.raises(StoreReadOnly):
            add_family(read_only, "F-0002")
    finally:
        read_only.close()
    assert sha256(store.path) == before
    writable = Store.open(store.path, PASSPHRASE)
    try:
        assert not writable.read_only
        add_family(writable, "F-0002")  # the file is not left locked or read-only
    finally:
        writable.close()


def test_the_passphrase_of_a_read_only_store_cannot_be_changed(damaged: Path) -> None:
    before = sha256(damaged)
    store = Store.open(damaged, PASSPHRASE, read_only=True)
    try:
        with pytest.raises(StoreReadOnly):
            keys.change_passphrase(store, PASSPHRASE, "a new long phrase")
    finally:
        store.close()
    assert sha256(damaged) == before
    Store.open(damaged, PASSPHRASE, read_only=True).close()  # still the old passphrase
