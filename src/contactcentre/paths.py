"""Where things live: shipped files (frozen or from source) and the user's folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "ContactCentre"
DB_FILENAME = "centre.db"


def bundle_root() -> Path:
    """The folder holding resources/ and forms/, from source or inside a PyInstaller bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def resource(*parts: str) -> Path:
    return bundle_root().joinpath("resources", *parts)


def form(name: str) -> Path:
    return bundle_root().joinpath("forms", name)


def default_data_dir() -> Path:
    env = os.environ.get("CONTACTCENTRE_DATA_DIR")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def demo_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "demo"


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME
