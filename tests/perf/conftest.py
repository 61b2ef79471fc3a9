"""Benchmark fixtures: the demo stores, and the table of medians printed at the end.

Each test measures a figure and its floor in the same run and records them with
`bench.record(...)`. Run with `make bench`. Nothing here asserts on time: the table is
the result.
"""

from __future__ import annotations

import compileall
import os
import platform
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import contactcentre
from contactcentre.domain.demo.families import DEMO_PASSPHRASE, create_demo
from contactcentre.store import keyslots
from tests.perf.harness import BENCH, TODAY, Bench


def machine() -> str:
    return (
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform(terse=True)}; load average at the start: {load()}."
    )


def load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg()) + " (1, 5, 15 min)"


@pytest.fixture(scope="session")
def bench() -> Bench:
    return BENCH


def pytest_sessionstart(session: pytest.Session) -> None:
    BENCH.note(machine())
    # An installed copy runs compiled bytecode: pip compiles a wheel's modules as it
    # installs them, and the bundle carries them compiled. A development checkout may have
    # none, and may not write any (PYTHONDONTWRITEBYTECODE), so that every launch measured
    # would compile the app's modules again (~0.3 s of P1): compile them once, as an
    # install does.
    compileall.compile_dir(str(Path(contactcentre.__file__).parent), quiet=1)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if BENCH.rows:
        BENCH.note(f"Load average at the end: {load()}.")
        terminalreporter.write_sep("=", "benchmark medians")
        terminalreporter.write_line(BENCH.table())


def _demo(folder: Path, families: int, bench: Bench, years: int | None = None) -> Path:
    path = folder / "centre.db"
    start = time.perf_counter()
    create_demo(path, DEMO_PASSPHRASE, families=families, today=TODAY, years=years)
    history = f" with {years} year(s) of history (`demo --years {years}`)" if years else ""
    bench.note(
        f"Creating the {families:,}-family demo store{history} took "
        f"{time.perf_counter() - start:.1f} s (measured once)."
    )
    return path


@pytest.fixture(scope="session")
def demo_2k(tmp_path_factory: pytest.TempPathFactory, bench: Bench) -> Path:
    return _demo(tmp_path_factory.mktemp("demo2k"), 2_000, bench)


@pytest.fixture(scope="session")
def demo_20k(tmp_path_factory: pytest.TempPathFactory, bench: Bench) -> Path:
    return _demo(tmp_path_factory.mktemp("demo20k"), 20_000, bench)


@pytest.fixture(scope="session")
def demo_2k_1y(tmp_path_factory: pytest.TempPathFactory, bench: Bench) -> Path:
    """P8: the 2,000-family demo with a year of sessions, bookings and attendance."""
    return _demo(tmp_path_factory.mktemp("demo2k1y"), 2_000, bench, years=1)


@pytest.fixture(scope="session")
def demo_2k_10y(tmp_path_factory: pytest.TempPathFactory, bench: Bench) -> Path:
    """P8: the same with ten years (~50,000 bookings, ~250,000 attendance events)."""
    return _demo(tmp_path_factory.mktemp("demo2k10y"), 2_000, bench, years=10)


@pytest.fixture
def demo_2k_copy(demo_2k: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the 2,000-family store this test may write to."""
    target = tmp_path / "centre.db"
    shutil.copyfile(demo_2k, target)
    shutil.copyfile(keyslots.file_for(demo_2k), keyslots.file_for(target))  # the logins
    yield target
