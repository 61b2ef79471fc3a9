"""A process the kill -9 tests stop at random moments.

`python crash_child.py rekey DB A B`: re-key DB from A to B and back, forever.
`python crash_child.py backup DB PASSPHRASE TARGET`: back DB up to TARGET, forever.
`python crash_child.py restore DB PASSPHRASE BACKUP`: restore BACKUP over DB, forever.
`python crash_child.py remove DB PASSPHRASE NAME`: unlock as the first coordinator, say
"ready", take NAME's login away (re-keying), then wait to be killed.
It prints "ready" once the imports are done, so the parent times its kill from there.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from contactcentre.domain.records.backups import restore_backup
from contactcentre.domain.team.accounts import remove_account
from contactcentre.store.backup import backup
from contactcentre.store.engine import Store
from contactcentre.store.keys import rekey_file
from contactcentre.store.unlocking import unlock


def run_and_kill(*args: str, rng: random.Random, max_delay: float) -> None:
    """Start this script with `args`, let it work for a random while, then SIGKILL it."""
    child = subprocess.Popen(
        [sys.executable, __file__, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, max_delay))
    finally:
        os.kill(child.pid, signal.SIGKILL)
        _, errors = child.communicate(timeout=10)
    assert child.returncode == -signal.SIGKILL, f"the child stopped by itself: {errors}"


def main(mode: str, db: str, first: str, second: str) -> None:
    if mode == "remove":
        store = unlock(Path(db), None, first)
        print("ready", flush=True)
        remove_account(store, second)
        time.sleep(60)
    print("ready", flush=True)
    if mode == "rekey":
        old, new = first, second
        while True:
            rekey_file(Path(db), old, new)
            old, new = new, old
    if mode == "restore":
        while True:
            restored, _ = restore_backup(Path(second), Path(db), first, first)
            restored.close()
    store = Store.open(Path(db), first)
    while True:
        backup(store, Path(second), first, now=datetime.now(UTC))


if __name__ == "__main__":
    main(*sys.argv[1:5])
