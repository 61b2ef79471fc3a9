"""A child process for P1 (launch time) and P7 (resident memory).

`python launch_child.py app DB PASSPHRASE`: start the app as `contactcentre` does (through
the command line's entry point, as `run_gui` does, without entering the event loop), type
the passphrase on the unlock screen (the name left blank: the first coordinator), and wait
until the main window shows its first tab (Today, loaded). `register` instead of `app`:
then open the register tab and wait until it lists the families.
`python launch_child.py floor DB PASSPHRASE`: the floor, exactly the work unlocking cannot
avoid: a bare PySide6 window, the first coordinator's key slot opened (one Argon2id
derivation of the passphrase, then X25519 + AES-GCM to unseal the database key) and the
database opened with that raw key (SQLCipher derives nothing from a raw key) and one page
read. Either prints "ready RSS_KB PEAK_KB CPU_SECONDS" and exits at once.
"""

from __future__ import annotations

import os
import resource
import sys
from pathlib import Path


def memory_kb() -> tuple[int, int]:
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.split()[0] if value.split() else "0"
    return int(fields["VmRSS"]), int(fields["VmHWM"])


def app(db: Path, secret: str, register: bool = False) -> None:
    from contactcentre.loading import modules_loading

    with modules_loading():  # as `contactcentre` (cli.main) loads the app's modules
        from contactcentre import hardening, logs
        from contactcentre.app import make_application
        from contactcentre.cli import main  # noqa: F401  (what `contactcentre` imports first)
        from contactcentre.ui import crash
        from contactcentre.ui.main_window import MainWindow

    hardening.harden()
    logs.configure()
    crash.install()
    qt = make_application()
    window = MainWindow(db)
    window.show()
    qt.processEvents()
    window.unlock.passphrase.setText(secret)
    window.unlock.submit()
    qt.processEvents()
    assert window.is_unlocked and window.screens[0].summary is not None  # type: ignore[attr-defined]
    if register:
        from contactcentre.ui.register.register_screen import RegisterScreen

        shown = window.tabs.show_titled("Register")
        qt.processEvents()
        assert isinstance(shown, RegisterScreen) and shown.model.rowCount() > 0


def floor(db: Path, secret: str) -> None:
    import sqlcipher3
    from PySide6.QtWidgets import QApplication, QLabel

    from contactcentre.store import keyslots  # argon2-cffi and cryptography, nothing else

    qt = QApplication(sys.argv[:1])
    window = QLabel("Contact Centre")
    window.resize(1100, 720)
    window.show()
    qt.processEvents()
    slots = keyslots.read(keyslots.file_for(db))
    assert slots is not None, "the demo store has no key slots"
    slot = slots.find(None)
    assert slot is not None
    key = keyslots.raw_key(keyslots.open_slot(slot, secret))  # the Argon2id derivation
    conn = sqlcipher3.connect(f"file:{db}?mode=ro", uri=True)
    conn.execute(f'PRAGMA key = "{key}"')
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


if __name__ == "__main__":
    kind, db, secret = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    if kind == "register":
        app(db, secret, register=True)
    else:
        {"app": app, "floor": floor}[kind](db, secret)
    rss, peak = memory_kb()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"ready {rss} {peak} {usage.ru_utime + usage.ru_stime:.3f}", flush=True)
    os._exit(0)  # the measurement is taken; skip teardown
