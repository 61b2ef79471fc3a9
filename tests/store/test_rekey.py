"""Changing the passphrase: the old one stops working, the new one opens everything, and
a rekey killed at any moment leaves a file that opens with exactly one of the two."""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import exc

from contactcentre.cli import main
from contactcentre.domain import audit
from contactcentre.domain.centre import CentreDetails, create_centre
from contactcentre.domain.register.family_lists import register_rows
from contactcentre.store.engine import Store, make_engine
from contactcentre.store.errors import StoreError, WrongPassphrase
from contactcentre.store.keys import change_passphrase
from tests.conftest import PASSPHRASE
from tests.factories import add_family
from tests.store.crash_child import run_and_kill

NEW = "a different horse entirely"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """An old-style centre (one passphrase, no key slots): the whole-file re-key these
    tests prove is what a login's removal and an old database's conversion rest on."""
    store = Store.create(data_dir / "centre.db", PASSPHRASE)
    with store.session() as s:
        create_centre(s, CentreDetails(name="Test Contact Centre"))
    yield store
    store.close()


def opens_with(path: Path, passphrase: str) -> bool:
    try:
        Store.open(path, passphrase).close()
    except WrongPassphrase:
        return False
    return True


def test_changed_passphrase_opens_the_same_records_and_the_old_one_no_longer_does(
    store: Store,
) -> None:
    add_family(store)
    change_passphrase(store, PASSPHRASE, NEW)
    with store.session() as s:  # the same open store keeps working under the new key
        assert [r.ref for r in register_rows(s)] == ["F-0001"]
    store.close()
    assert not opens_with(store.path, PASSPHRASE)
    reopened = Store.open(store.path, NEW)
    with reopened.session() as s:
        assert [r.ref for r in register_rows(s)] == ["F-0001"]
        assert audit.verify(s) is None
    reopened.close()


@pytest.mark.parametrize(
    "old, new", [("not the passphrase", NEW), (PASSPHRASE, ""), (PASSPHRASE, PASSPHRASE)]
)
def test_a_refused_change_leaves_the_store_open_under_the_old_passphrase(
    store: Store, old: str, new: str
) -> None:
    with pytest.raises(StoreError):
        change_passphrase(store, old, new)
    assert store.is_open
    store.close()
    assert opens_with(store.path, PASSPHRASE)


@pytest.fixture
def big_db(tmp_path: Path) -> Path:
    """An 8 MB database, so a rekey spends a visible time rewriting pages."""
    path = tmp_path / "big.db"
    engine = make_engine(path, PASSPHRASE, create=True)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE filler (b BLOB)")
        conn.exec_driver_sql(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
            "INSERT INTO filler SELECT randomblob(4000) FROM n"
        )
    engine.dispose()
    return path


def raw_opens_with(path: Path, passphrase: str) -> bool:
    """Whether `passphrase` opens the file; if it does, every row and page must be intact."""
    engine = make_engine(path, passphrase)
    try:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT count(*) FROM filler").scalar()
            check = conn.exec_driver_sql("PRAGMA cipher_integrity_check").fetchall()
    except exc.DatabaseError as error:
        assert "not a database" in str(error)  # the wrong key, not damage
        return False
    finally:
        engine.dispose()
    assert rows == 2000, f"{rows} of 2000 rows read back"
    assert check == [], f"{len(check)} pages fail their HMAC: {check[:2]}"
    return True


@pytest.mark.slow
def test_rekey_killed_at_random_moments_leaves_exactly_one_passphrase_working(
    big_db: Path,
) -> None:
    rng = random.Random(7)
    current, other = PASSPHRASE, NEW
    seen = set()
    for _ in range(20):
        run_and_kill("rekey", str(big_db), current, other, rng=rng, max_delay=0.8)
        with_current, with_other = raw_opens_with(big_db, current), raw_opens_with(big_db, other)
        assert with_current != with_other, "the file must open with exactly one passphrase"
        if with_other:
            current, other = other, current
        seen.add(current)
    assert seen == {PASSPHRASE, NEW}  # the kills landed on both sides of some rekeys


FULL_DISK_CHILD = """
import resource, signal, sys
from contactcentre.cli import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, as on a full disk
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.exit(main(["--data-dir", sys.argv[2], "rekey"]))
"""


def test_a_rekey_that_cannot_write_says_so_in_one_line_and_the_old_passphrase_still_works(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_family(store)
    store.close()
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("CONTACTCENTRE_NEW_PASSPHRASE", NEW)
    room = store.path.stat().st_size // 2  # rewriting every page needs the file's size again
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK_CHILD, str(room), str(store.path.parent)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    # (An old database: its first unlock re-keys it to a random key, and that is refused.)
    assert result.stderr.count("\n") == 1 and "nothing was changed" in result.stderr.lower()
    assert opens_with(store.path, PASSPHRASE) and not opens_with(store.path, NEW)
    assert not Path(f"{store.path}.rekey-pending").exists()  # nothing to recover next time


def test_a_rekey_cut_off_before_its_audit_entry_is_recorded_and_told_at_the_next_unlock(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    change_passphrase(store, PASSPHRASE, NEW)  # the file is re-keyed; then the power goes
    store.close()
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", NEW)
    for told in (True, False):  # said once, then never again
        assert main(["--data-dir", str(store.path.parent), "check"]) == 0
        err = capsys.readouterr().err
        assert ("passphrase change was interrupted" in err) is told
    reopened = Store.open(store.path, NEW)
    with reopened.session() as s:
        actions = [e.action for e in audit.entries(s)]
        assert audit.verify(s) is None
    reopened.close()
    assert actions.count("passphrase.change") == 1
