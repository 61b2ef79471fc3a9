"""How scripts use the CLI: global options before or after the command's name (the CLI
contract), and output piped into a reader that stops early."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from contactcentre import __version__
from contactcentre.cli import main
from contactcentre.domain.demo.families import DEMO_PASSPHRASE
from contactcentre.store.engine import Store
from tests.conftest import PASSPHRASE


def test_data_dir_may_come_after_the_command_and_its_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "demo"
    assert main(["demo", "--families", "3", "--no-gui", "--data-dir", str(folder)]) == 0
    assert (folder / "centre.db").is_file()
    capsys.readouterr()

    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", DEMO_PASSPHRASE)
    days = ["--from", "2027-03-01", "--to", "2027-03-31", "--json"]
    for argv in (
        ["--data-dir", str(folder), "sessions", *days],
        ["sessions", "--data-dir", str(folder), *days],
        ["sessions", *days, "--data-dir", str(folder)],
    ):
        assert main(argv) == 0, argv
        assert [d["date"] for d in json.loads(capsys.readouterr().out)] == [
            "2027-03-13",
            "2027-03-27",
        ]


def test_version_is_answered_before_or_after_a_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for argv in (["--version"], ["sessions", "--version"]):
        with pytest.raises(SystemExit) as done:
            main(argv)
        assert done.value.code == 0
        assert capsys.readouterr().out.strip() == f"contactcentre {__version__}"


def test_output_into_a_reader_that_has_gone_ends_without_a_traceback(
    store: Store, data_dir: Path
) -> None:
    store.close()
    days = ["--from", "2027-01-01", "--to", "2027-12-31", "--json"]
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `| head` that has already stopped reading
    try:
        done = subprocess.run(
            [sys.executable, "-m", "contactcentre", "sessions", *days, "--data-dir", str(data_dir)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "CONTACTCENTRE_PASSPHRASE": PASSPHRASE},
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 1
    assert done.stderr == ""
