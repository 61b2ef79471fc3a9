"""Logging to a rotating file in the user's log folder.

Log lines carry what happened (ids, counts, durations), never personal data or keys.
"""

from __future__ import annotations

import logging
import logging.handlers

from contactcentre import paths


def configure(level: int = logging.INFO) -> None:
    folder = paths.log_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # only the user's (and 0600 files)
    handler = logging.handlers.RotatingFileHandler(
        folder / "contactcentre.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)
