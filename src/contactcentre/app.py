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


def self_check() -> int:
    """Prove a (frozen) build works offline: encrypted store, a family, a PDF, the window.

    Uses a throwaway folder and passphrase; prints one line per step and exits 0 only if
    every step passed.
    """
    import os
    import secrets
    import tempfile
    from datetime import date

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from contactcentre.documents.data import SigninSheet
    from contactcentre.documents.signin_sheet import render_signin_sheet
    from contactcentre.domain.centre import CentreDetails, create_centre
    from contactcentre.domain.register import FamilyForm, PersonForm, register_rows, save_family
    from contactcentre.store.engine import Store
    from contactcentre.store.models import Role

    def step(message: str) -> None:
        print(f"self-check: {message}", flush=True)

    with tempfile.TemporaryDirectory(prefix="cc-self-check-") as folder:
        db = Path(folder) / "centre.db"
        secret = secrets.token_urlsafe(16)
        store = Store.create(db, secret)
        with store.session() as s:
            create_centre(s, CentreDetails(name="Self-check Centre"))
            form = FamilyForm(
                ref="F-0001",
                referral_date=date(2026, 1, 5),
                people=[PersonForm(Role.child, "Zoë", "Łukasiewicz")],
            )
            save_family(s, form, today=date(2026, 1, 5))
        store.close()
        if db.read_bytes()[:16] == b"SQLite format 3\x00":
            raise SystemExit("self-check: FAILED: the database is not encrypted")
        store = Store.open(db, secret)
        with store.session() as s:
            rows = register_rows(s)
        if [r.children for r in rows] != ["Zoë"]:
            raise SystemExit("self-check: FAILED: the family did not read back")
        step("encrypted store written and read back")
        pdf = render_signin_sheet(
            SigninSheet(
                centre_name="Self-check Centre",
                day=None,
                start=None,
                end=None,
                families=(),
                notes="",
            )
        )
        if not pdf.startswith(b"%PDF"):
            raise SystemExit("self-check: FAILED: the sign-in sheet is not a PDF")
        step(f"sign-in sheet rendered ({len(pdf)} bytes)")
        app = make_application()
        window = MainWindow(db)
        window.open_workspace(store)
        window.show()
        app.processEvents()
        shown = window.screens[0].model.rowCount()  # type: ignore[attr-defined]
        window.lock()
        window.close()
        if shown != 1:
            raise SystemExit("self-check: FAILED: the register did not show the family")
        step("main window shown with the register")
    step("ok")
    return 0


def run_gui(args: argparse.Namespace) -> int:
    logs.configure()
    crash.install()
    app = make_application()
    folder = Path(args.data_dir) if args.data_dir else paths.default_data_dir()
    window = MainWindow(paths.database_path(folder))
    window.show()
    log.info("started %s", __version__)
    return app.exec()
