"""A wrong passphrase changes nothing on disk, even when a crashed session left its -wal
file behind: the database, -wal and -shm stay byte for byte as they were, and the right
passphrase then still finds every committed change."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from contactcentre.store.engine import Store
from contactcentre.store.errors import WrongPassphrase
from contactcentre.store.models import Centre
from tests.conftest import PASSPHRASE

# Commits a new centre name (it stays in the -wal), starts a change it never commits,
# then waits to be killed: what a power cut or a crash leaves behind.
CRASHING = """
import sys, time
from pathlib import Path
from sqlalchemy import text
from contactcentre.store.engine import Store
store = Store.open(Path(sys.argv[1]), sys.argv[2])
with store.session() as s:
    s.execute(text("UPDATE centre SET name = 'Committed before the crash'"))
conn = store.engine.connect()
conn.execute(text("UPDATE centre SET phone = 'never committed'"))
print("ready", flush=True)
time.sleep(60)
"""


def centre_as_saved(db: Path) -> Centre:
    """The centre's row as the right passphrase finds it."""
    store = Store.open(db, PASSPHRASE)
    try:
        with store.session() as s:
            return s.exec(select(Centre)).one()
    finally:
        store.close()


def folder_digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def crashed(store: Store) -> Path:
    store.close()
    child = subprocess.Popen(
        [sys.executable, "-c", CRASHING, str(store.path), PASSPHRASE],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    assert Path(f"{store.path}-wal").stat().st_size > 0  # committed pages wait in the -wal
    return store.path


@pytest.mark.parametrize(
    "wrong", ["correct horse battery stapl", "", "Correct horse battery staple", "x" * 300]
)
def test_a_wrong_passphrase_after_a_crash_changes_no_byte_and_loses_nothing(
    crashed: Path, wrong: str
) -> None:
    before = folder_digest(crashed.parent)
    assert {"centre.db", "centre.db-wal", "centre.db-shm"} <= before.keys()
    for _ in range(2):
        with pytest.raises(Exception) as raised:
            Store.open(crashed, wrong)
        assert isinstance(raised.value, WrongPassphrase) or not wrong  # "" is refused first
        assert folder_digest(crashed.parent) == before
    centre = centre_as_saved(crashed)
    assert centre.name == "Committed before the crash" and centre.phone != "never committed"


def test_a_wrong_passphrase_with_the_shm_file_gone_still_folds_nothing_in(crashed: Path) -> None:
    Path(f"{crashed}-shm").unlink()
    db_and_wal = {k: v for k, v in folder_digest(crashed.parent).items() if "shm" not in k}
    with pytest.raises(WrongPassphrase):
        Store.open(crashed, "not the passphrase")
    after = folder_digest(crashed.parent)
    assert {k: v for k, v in after.items() if "shm" not in k} == db_and_wal
    assert centre_as_saved(crashed).name == "Committed before the crash"
