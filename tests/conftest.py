"""Shared fixtures. Qt runs offscreen and every user folder points into a temp dir, so
tests never touch the real machine's data, settings or logs (and leak tests can scan them)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

# Offscreen, on the smallest screen the app must fit: 1280×720 (tests/ui/test_fits_small_screen.py).
_SCREEN = Path(__file__).with_name("screen_1280x720.json")
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")
_SANDBOX = Path(tempfile.mkdtemp(prefix="cc-test-home-"))
for _var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_var] = str(_SANDBOX / _var.lower())
os.environ.pop("CONTACTCENTRE_DATA_DIR", None)
os.environ.pop("CONTACTCENTRE_PASSPHRASE", None)

import pytest  # noqa: E402

from contactcentre.domain.centre import CentreDetails, create_centre  # noqa: E402
from contactcentre.domain.clock import FixedClock  # noqa: E402
from contactcentre.store import unlocking  # noqa: E402
from contactcentre.store.engine import Store  # noqa: E402

PASSPHRASE = "correct horse battery staple"
COORDINATOR = "Test Coordinator"  # the `store` fixture's first login
# A Saturday: the 2nd Saturday of March 2027, before the session opens.
SESSION_DAY_MORNING = datetime(2027, 3, 13, 9, 30)


@pytest.fixture
def sandbox_home() -> Path:
    """The folder standing in for the user's home folders during this test run."""
    return _SANDBOX


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(SESSION_DAY_MORNING)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "centre"
    folder.mkdir()
    return folder


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """A fresh encrypted store with a seeded centre, unlocked as its first coordinator
    (COORDINATOR, whose passphrase is PASSPHRASE), closed after the test."""
    store = unlocking.create(data_dir / "centre.db", COORDINATOR, PASSPHRASE, lambda _s: None)
    with store.session() as s:
        create_centre(
            s,
            CentreDetails(
                name="Test Contact Centre",
                address="Church Hall\nChapel Lane\nLeeds LS6 3BW",
                phone="0113 496 0000",
                charity_number="1234567",
            ),
        )
    yield store
    store.close()


def database_key(db: Path, passphrase: str = PASSPHRASE) -> str:
    """What SQLCipher itself takes to open `db` (for tests that go round the app): the raw
    key the first coordinator's slot holds, or an old database's passphrase."""
    return unlocking.key_for(db, None, passphrase) or passphrase
