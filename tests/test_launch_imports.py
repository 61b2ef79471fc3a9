"""Starting the app loads only what the unlock screen and Today need: the libraries that
only some screens or commands use are imported when first used (each costs launch time
and resident memory on a coordinator's old laptop; README, Performance: P1 and P7)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from contactcentre.store import unlocking
from tests.conftest import COORDINATOR, PASSPHRASE

LOADED_LATER = (
    "contactcentre.documents",  # every document's data and renderer
    "alembic",  # migrations: only when one is due
    "holidays",  # bank holidays: from a cache, else on a thread while the key is derived
    "openpyxl",  # spreadsheet imports
    "phonenumbers",  # checking or showing a phone number
    "pypdf",
    "pypdfium2",  # printing
    "reportlab",  # documents
)


def test_starting_the_app_imports_none_of_the_libraries_some_screens_need() -> None:
    code = (
        "import sys\n"
        "from contactcentre.cli import main\n"  # what `contactcentre` imports first
        "from contactcentre.app import make_application\n"
        "from contactcentre.ui.main_window import MainWindow\n"
        f"print(' '.join(m for m in {LOADED_LATER!r} if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.split() == []


UNLOCK_TO_TODAY = """
import sys, threading
from pathlib import Path
from contactcentre.app import make_application
from contactcentre.ui.main_window import MainWindow
qt = make_application()
window = MainWindow(Path(sys.argv[1]))
window.show()
window.unlock.passphrase.setText(sys.argv[2])
window.unlock.submit()
qt.processEvents()
assert window.is_unlocked
for thread in threading.enumerate():
    if thread is not threading.main_thread():
        thread.join()
print("holidays" in sys.modules)
"""


def test_from_the_second_launch_today_needs_no_holiday_tables(
    data_dir: Path, tmp_path: Path
) -> None:
    db = data_dir / "centre.db"
    unlocking.create(db, COORDINATOR, PASSPHRASE, lambda _s: None).close()
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}

    def launch() -> str:
        done = subprocess.run(
            [sys.executable, "-c", UNLOCK_TO_TODAY, str(db), PASSPHRASE],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
            env=env,
        )
        return done.stdout.strip()

    assert launch() == "True"  # the first launch asks the library, and keeps its answers
    assert launch() == "False"
