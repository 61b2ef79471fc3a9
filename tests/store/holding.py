"""Another process in the middle of writing: it holds SQLite's write lock until told to
commit, as a long import does. `with writer_holding_lock(db, passphrase): ...`"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from contactcentre.store import unlocking

WRITER = """
import sys, sqlcipher3
conn = sqlcipher3.connect(sys.argv[1], isolation_level=None)
conn.set_key(sys.argv[2])
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE centre SET phone = ?", (sys.argv[3],))
print("writing", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
conn.close()
"""


@contextmanager
def writer_holding_lock(db: Path, passphrase: str, phone: str = "0113 496 9999") -> Iterator[None]:
    """While the block runs another process is writing (it sets the centre's phone); it
    commits when the block ends. `passphrase` is the first coordinator's when the centre
    has key slots: the writer gets the key it unwraps."""
    key = unlocking.key_for(db, None, passphrase) or passphrase
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), key, phone],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        assert child.stdout.readline() == "writing\n"
        yield
    finally:
        child.stdin.write("\n")
        child.stdin.flush()
        child.wait(timeout=20)
    assert child.returncode == 0
