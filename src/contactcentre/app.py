"""Starts Qt: setup or unlock, then the main window."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from contactcentre import __version__, logs, paths
from contactcentre.ui import crash, theme
from contactcentre.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(paths.APP_NAME)
    app.setApplicationName(paths.APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("contactcentre")
    theme.apply(app)
    return app


def run_gui(args: argparse.Namespace) -> int:
    logs.configure()
    crash.install()
    app = make_application()
    folder = Path(args.data_dir) if args.data_dir else paths.default_data_dir()
    window = MainWindow(paths.database_path(folder))
    window.show()
    log.info("started %s", __version__)
    return app.exec()
