"""Nothing recorded is lost: a killed writer, many threads at once, and a full disk.

The writer runs in a child process (tests/proof/crash_writer.py) and is killed with
SIGKILL at random moments; every family it reported as saved must be there afterwards,
whole, in a database that passes SQLite's and SQLCipher's integrity checks.
"""

from __future__ import annotations

import csv
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from contactcentre.cli import main
from contactcentre.domain.register.csv_io import FAMILY_COLUMNS
from contactcentre.domain.register.families import save_family
from contactcentre.store import engine as store_engine
from contactcentre.store.engine import Store
from contactcentre.store.errors import StoreFull
from contactcentre.store.integrity import problems
from contactcentre.store.models import AttendanceEvent, Booking, Family, Person
from tests.conftest import PASSPHRASE
from tests.factories import family_form
from tests.proof.disk import limit_pages

WRITER = Path(__file__).with_name("crash_writer.py")
ROUNDS = 100  # committed writes the kills must interrupt, at least
KILLS = 10  # separate SIGKILLs, at least
TODAY = date(2027, 3, 1)

pytestmark = pytest.mark.slow


@pytest.fixture
def db(store: Store) -> Path:
    """The seeded test store's file, closed so other processes can open it."""
    store.close()
    return store.path


def _start_writer(db: Path, first: int) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), "serial", str(db), PASSPHRASE, str(first)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    ready = proc.stdout.readline().strip()
    assert ready == "ready", proc.stderr.read() if proc.stderr else ready
    return proc


def _write_seconds(reported_at: list[float]) -> float:
    """How long one write took in this round (between reports), at least 15 ms."""
    return max(0.015, (reported_at[-1] - reported_at[0]) / (len(reported_at) - 1))


# No deadline on the clock: on a loaded machine each writer takes longer to start and to
# write, so the test takes longer, but it still makes every kill and interrupts every write
# it must (each round reports at least 5), and each kill still lands anywhere inside a
# transaction (the wait is scaled to the time a write took). The timeout guards a hang.
@pytest.mark.timeout(900)
def test_killing_the_writer_at_random_moments_loses_no_saved_family(db: Path) -> None:
    seed = int(os.environ.get("CRASH_SEED", random.randrange(1_000_000)))
    rng = random.Random(seed)
    saved: list[str] = []
    kills = 0
    while len(saved) < ROUNDS or kills < KILLS:
        proc = _start_writer(db, first=kills * 10_000)
        assert proc.stdout is not None
        reported_at = []
        for _ in range(rng.randint(5, 40)):
            saved.append(proc.stdout.readline().strip())
            reported_at.append(time.monotonic())
        time.sleep(rng.uniform(0, _write_seconds(reported_at)))  # inside the next write
        proc.send_signal(signal.SIGKILL)
        rest, err = proc.communicate()
        saved += rest.split()  # printed before the kill, so committed too
        assert proc.returncode == -signal.SIGKILL, err
        kills += 1

    store = Store.open(db, PASSPHRASE)
    try:
        assert problems(store) == [], f"seed {seed}"
        with store.session() as s:
            refs = set(s.exec(select(Family.ref).where(col(Family.ref).like("K-%"))))
            missing = sorted(set(saved) - refs)
            assert missing == [], f"seed {seed}: saved families lost after a crash: {missing}"
            # At most one family per kill was committed but not yet reported.
            assert len(refs) - len(saved) <= kills
            # Each family was one transaction: never a family without its people or event.
            people = dict(
                s.exec(select(Person.family_id, func.count()).group_by(col(Person.family_id))).all()
            )
            events = dict(
                s.exec(
                    select(Booking.family_id, func.count())
                    .join(AttendanceEvent)
                    .group_by(col(Booking.family_id))
                ).all()
            )
            family_ids = s.exec(select(Family.id).where(col(Family.ref).like("K-%"))).all()
            assert {people.get(i) for i in family_ids} == {3}, f"seed {seed}"
            assert {events.get(i) for i in family_ids} == {1}, f"seed {seed}"
    finally:
        store.close()


def test_twelve_threads_saving_at_once_all_succeed(db: Path) -> None:
    """12 threads × 40 families through one Store, in a child so a crash shows as one."""
    result = subprocess.run(
        [sys.executable, str(WRITER), "threads", str(db), PASSPHRASE],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert (result.returncode, result.stdout.strip()) == (0, "saved 480 errors 0"), result.stderr
    store = Store.open(db, PASSPHRASE)
    try:
        with store.session() as s:
            assert s.exec(select(func.count()).select_from(Family)).one() == 480
            assert s.exec(select(func.count()).select_from(Person)).one() == 480 * 3
        assert problems(store) == []
    finally:
        store.close()


def _fill_until_full(store: Store) -> tuple[int, StoreFull]:
    for n in range(1, 1000):
        form = family_form(f"B-{n:04d}", notes=f"Family {n}. " + "x" * 9_000)
        try:
            with store.session() as s:
                save_family(s, form, today=TODAY)
        except StoreFull as error:
            return n, error
    raise AssertionError("the capped database never filled up")


def test_a_full_disk_gives_a_clear_message_and_keeps_what_was_saved(store: Store) -> None:
    with store.session() as s:
        for n in range(1, 6):
            save_family(s, family_form(f"F-{n:04d}"), today=TODAY)
    limit_pages(store.engine, extra_pages=40)

    failed_at, error = _fill_until_full(store)

    assert failed_at > 1  # some families fitted before the disk filled
    assert "disk is full" in str(error) and "Nothing was lost" in str(error)
    path = store.path
    store.close()
    reopened = Store.open(path, PASSPHRASE)  # uncapped: the disk has space again
    try:
        assert problems(reopened) == []
        with reopened.session() as s:
            refs = set(s.exec(select(Family.ref)))
            notes = dict(s.exec(select(Family.ref, Family.notes)).all())
        expected = {f"F-{n:04d}" for n in range(1, 6)} | {f"B-{n:04d}" for n in range(1, failed_at)}
        assert refs == expected  # earlier data intact, the failed family absent
        assert all(notes[f"B-{n:04d}"].startswith(f"Family {n}. ") for n in range(1, failed_at))
        with reopened.session() as s:  # and the centre goes on working
            save_family(s, family_form("F-0099"), today=TODAY)
    finally:
        reopened.close()


@pytest.fixture
def capped_cli_engines(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Every engine the CLI makes can grow the file by a few pages only; yields the real
    factory."""
    real = store_engine.make_engine

    def capped(*args: Any, **kwargs: Any) -> Any:
        engine = real(*args, **kwargs)
        limit_pages(engine, extra_pages=3)
        return engine

    monkeypatch.setattr(store_engine, "make_engine", capped)
    yield real
    monkeypatch.setattr(store_engine, "make_engine", real)


def test_the_cli_says_the_disk_is_full_in_one_line_and_imports_nothing(
    db: Path,
    tmp_path: Path,
    capped_cli_engines: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", PASSPHRASE)
    csv_file = tmp_path / "families.csv"
    with csv_file.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, FAMILY_COLUMNS, restval="")
        writer.writeheader()
        for n in range(1, 41):
            writer.writerow(
                {
                    "ref": f"F-{n:04d}",
                    "contact_type": "supported",
                    "referral_date": "2026-01-10",
                    "notes": "A long note. " * 700,
                }
            )

    code = main(["--data-dir", str(db.parent), "import-families", str(csv_file)])

    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "disk is full" in err and "Traceback" not in err
    monkeypatch.setattr(store_engine, "make_engine", capped_cli_engines)
    store = Store.open(db, PASSPHRASE)
    try:
        with store.session() as s:
            assert s.exec(select(func.count()).select_from(Family)).one() == 0
        assert problems(store) == []
    finally:
        store.close()
