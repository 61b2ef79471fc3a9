"""CLI test fixtures: run `contactcentre` on the test store, as a script would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from contactcentre.cli import main
from contactcentre.store.engine import Store
from tests.conftest import PASSPHRASE

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(
    store: Store,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Run:
    """`cli("sheet", "--blank", "-o", f)` -> (exit code, stdout, stderr). The passphrase
    comes from the environment; close the store first if the command must open it alone."""
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", PASSPHRASE)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--data-dir", str(data_dir), *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
