"""Starting the app loads only what the unlock screen and Today need: the libraries that
only some screens or commands use are imported when first used (each costs launch time
and resident memory on a coordinator's old laptop; README, Performance: P1 and P7)."""

from __future__ import annotations

import subprocess
import sys

LOADED_LATER = (
    "contactcentre.documents",  # every document's data and renderer
    "alembic",  # migrations: only when one is due
    "holidays",  # bank holidays: on a thread while the key is derived
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
