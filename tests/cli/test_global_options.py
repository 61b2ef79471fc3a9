"""Global options work before or after the command's name, as the CLI contract says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from contactcentre import __version__
from contactcentre.cli import main
from contactcentre.domain.demo.families import DEMO_PASSPHRASE


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
