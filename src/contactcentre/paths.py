"""Where things live: shipped files (frozen or from source) and the user's folders."""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "ContactCentre"
DB_FILENAME = "centre.db"


def bundle_root() -> Path:
    """The folder holding resources/ and forms/: inside a PyInstaller bundle, inside the
    installed package (a wheel carries them as contactcentre/shipped/), or the checkout's
    top folder (from source or an editable install, whose package is the checkout's src/)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    # A wheel installs as plain files, so the package's resources are a real folder that
    # ReportLab and Qt can open by path.
    shipped = Path(str(resources.files("contactcentre").joinpath("shipped")))
    if shipped.is_dir():
        return shipped
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


def cache_dir() -> Path:
    """What can be worked out again (bank holidays): never anything about anyone."""
    env = os.environ.get("CONTACTCENTRE_CACHE_DIR")
    if env:
        return Path(env)
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME
