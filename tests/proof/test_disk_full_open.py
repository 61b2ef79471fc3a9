"""A nearly full disk is reported as a full disk, not as a wrong passphrase: the real thing,
a small filesystem (tmpfs in a private mount namespace, so nothing outside the test sees
it) with about 16 kB left, too little for SQLite's 32 kB -shm file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from contactcentre.store.engine import Store
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.slow

# Runs as root in its own mount namespace: a tmpfs holding the database and a filler file
# that leaves 16 kB free; two commands with the disk full, then one after freeing space.
SCRIPT = """
set -e
mount -t tmpfs -o size=512k tmpfs "$MNT"
mkdir "$MNT/centre" && cp "$DB" "$MNT/centre/centre.db" && cp "$DB.anchor" "$DB.keys" "$MNT/centre/"
used=$(du -k "$MNT" | tail -1 | cut -f1)
dd if=/dev/zero of="$MNT/filler" bs=1k count=$((512 - used - 16)) 2>/dev/null
run() { "$PY" -m contactcentre --data-dir "$MNT/centre" "$@" 2>&1 || true; }
run check
run export-families "$MNT/families.csv"
rm "$MNT/filler"
run check
"""


def private_tmpfs_possible() -> bool:
    if sys.platform != "linux" or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
        timeout=20,
    )
    return probe.returncode == 0


@pytest.mark.skipif(not private_tmpfs_possible(), reason="needs a private tmpfs mount (root)")
def test_with_16_kb_free_commands_say_the_disk_is_full_and_work_once_space_is_freed(
    store: Store, tmp_path: Path
) -> None:
    store.close()
    mount = tmp_path / "small-disk"
    mount.mkdir()
    env = {
        **os.environ,
        "MNT": str(mount),
        "DB": str(store.path),
        "PY": sys.executable,
        "CONTACTCENTRE_PASSPHRASE": PASSPHRASE,
    }
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=90
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    full = "cannot be opened because the disk is full: free some space and try again"
    assert lines[0] == f"contactcentre check: The centre's database {full}. Nothing was changed."
    assert lines[1].startswith("contactcentre export-families: ") and full in lines[1]
    assert lines[2:] == ["ok"]  # the same database, once there is room
