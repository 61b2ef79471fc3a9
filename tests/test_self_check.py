"""The bundle's self-check, run as the bundle runs it: a separate process, offline."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow
def test_self_check_passes_and_leaves_nothing_behind(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TMPDIR": str(tmp_path),  # its throwaway folder goes here, so we can see it is gone
        "HOME": str(tmp_path / "home"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    env.pop("CONTACTCENTRE_DATA_DIR", None)
    env.pop("CONTACTCENTRE_PASSPHRASE", None)
    done = subprocess.run(
        [sys.executable, "-m", "contactcentre", "--self-check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1] == "self-check: ok"
    assert all(line.startswith("self-check: ") for line in lines)
    assert "FAILED" not in done.stdout
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("cc-self-check-")]
    assert not (tmp_path / "cache").exists()  # Today's bank holidays were kept in its folder
