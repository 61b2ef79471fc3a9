"""Starts Qt: setup or unlock, then the main window."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication

from contactcentre import __version__, hardening, logs, paths
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
    """Prove a (frozen) build works offline: shipped files, an encrypted store, a family,
    a PDF, the setup screen and the main window.

    `ContactCentre --self-check` (and `make bundle-test`). Uses a throwaway folder and a
    random passphrase, and points QSettings and the cache there too, so the user's data,
    settings, window geometry and cache are never touched and nothing is left behind.
    Prints one line per step; exits 0 only if every step passed, else prints one
    `self-check: FAILED: ...` line.
    """
    import os
    import tempfile
    import traceback

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    checking = ["starting"]

    def passed(message: str) -> None:
        print(f"self-check: {message}", flush=True)

    try:
        with tempfile.TemporaryDirectory(prefix="cc-self-check-") as folder:
            # Today's bank holidays are cached there too, not in the user's cache folder
            os.environ["CONTACTCENTRE_CACHE_DIR"] = os.path.join(folder, "cache")
            _self_check_steps(Path(folder), checking, passed)
        if Path(folder).exists():
            raise RuntimeError(f"the temporary folder {folder} was left behind")
    except Exception as error:  # anything at all is a failed check, with one clear line
        traceback.print_exc(file=sys.stderr)
        print(f"self-check: FAILED: {checking[0]}: {type(error).__name__}: {error}", flush=True)
        return 1
    passed("ok")
    return 0


class _SelfCheckError(Exception):
    pass


def _self_check_steps(folder: Path, checking: list[str], passed: Callable[[str], None]) -> None:
    import secrets
    from datetime import date, time

    from PySide6.QtCore import QSettings, QtMsgType, qInstallMessageHandler

    from contactcentre.domain import forms

    def qt_message(kind: QtMsgType, context: object, message: str) -> None:
        if "propagateSizeHints" not in message:  # the offscreen platform's only chatter
            print(message, file=sys.stderr, flush=True)

    qInstallMessageHandler(qt_message)

    def expect(condition: bool, problem: str) -> None:
        if not condition:
            raise _SelfCheckError(problem)

    checking[0] = "shipped files"
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"):
        expect(paths.resource("fonts", name).is_file(), f"resources/fonts/{name} is missing")
    expect(paths.resource("icons", "contactcentre.png").is_file(), "the app icon is missing")
    forms.load("signin_notes.md")
    forms.load("agreement.md")
    forms.load("funders_report.md")
    forms.load("report_caution.md")  # supervised contact reports
    forms.load("observation_prompts.md")
    passed(f"resources/ and forms/ found in {paths.bundle_root()}")

    checking[0] = "imports"
    import sqlcipher3  # noqa: F401  (the encrypted SQLite the store runs on)
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    from contactcentre.documents.data import SheetAdult, SheetFamily, SigninSheet
    from contactcentre.documents.signin_sheet import render_signin_sheet
    from contactcentre.domain.centre import CentreDetails, create_centre
    from contactcentre.domain.register.families import save_family
    from contactcentre.domain.register.family_forms import FamilyForm, PersonForm
    from contactcentre.domain.register.family_lists import register_rows
    from contactcentre.store.engine import Store
    from contactcentre.store.models.enums import Role
    from contactcentre.ui.admin.about import AboutDialog
    from contactcentre.ui.register.register_screen import RegisterScreen

    checking[0] = "setup screen"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    app = make_application()
    db = folder / "centre.db"
    first_run = MainWindow(db)
    first_run.show()
    app.processEvents()
    expect(first_run.stack.currentWidget() is first_run.setup, "first run did not show setup")
    first_run.close()
    first_run.deleteLater()
    passed("first-run setup screen shown")

    checking[0] = "encrypted store"
    secret = secrets.token_urlsafe(24)
    store = Store.create(db, secret)
    try:
        with store.session() as s:
            create_centre(s, CentreDetails(name="Self-check Centre"))
            form = FamilyForm(
                ref="F-0001",
                referral_date=date(2026, 1, 5),
                people=[PersonForm(Role.child, "Zoë", "Łukasiewicz")],
            )
            save_family(s, form, today=date(2026, 1, 5))
    finally:
        store.close()
    expect(db.read_bytes()[:16] != b"SQLite format 3\x00", "the database is not encrypted")
    expect(b"\xc5\x81ukasiewicz" not in db.read_bytes(), "a name is readable in the database file")
    store = Store.open(db, secret)
    try:
        with store.session() as s:
            rows = register_rows(s)
        expect([r.children for r in rows] == ["Zoë"], "the family did not read back")
        passed("encrypted store written, reopened and read back")

        checking[0] = "sign-in sheet"
        sheet = SigninSheet(
            centre_name="Self-check Centre",
            day=date(2026, 1, 10),
            start=time(10),
            end=time(12),
            families=(
                SheetFamily(
                    ref="F-0001",
                    children_first_names=("Zoë",),
                    adults=(SheetAdult("Łukasz", "Nowak", "Visiting parent", time(9, 45), None),),
                    dropoff=time(10),
                    pickup=time(12),
                ),
            ),
            notes=forms.load("signin_notes.md").body,
        )
        pdf = render_signin_sheet(sheet)
        expect(pdf.startswith(b"%PDF"), "the sign-in sheet is not a PDF")
        expect(b"DejaVuSans" in pdf, "the sign-in sheet does not embed the shipped font")
        passed(f"sign-in sheet rendered ({len(pdf)} bytes, DejaVu Sans embedded)")
        from contactcentre.ui.printing import page_images  # pdfium, for Print…

        pages = list(page_images(pdf, dpi=50))
        expect(bool(pages) and not pages[0].isNull(), "pdfium did not render the sheet")
        passed(f"sign-in sheet rendered for printing by pdfium ({len(pages)} page(s))")

        checking[0] = "ReportLab with Pillow"
        canvas = Canvas(str(folder / "image.pdf"))
        canvas.drawImage(ImageReader(Image.new("RGB", (4, 4), "navy")), 10, 10, 20, 20)
        canvas.save()
        expect((folder / "image.pdf").read_bytes().startswith(b"%PDF"), "no image PDF")
        passed("ReportLab drew a Pillow image")

        checking[0] = "main window"
        window = MainWindow(db)
        window.show()
        app.processEvents()
        expect(window.stack.currentWidget() is window.unlock, "the unlock screen was not shown")
        window.open_workspace(store)
        app.processEvents()
        expect(__version__ in window.windowTitle(), "the window title has no version")
        register = window.tabs.show_screen(RegisterScreen)  # built and loaded when shown
        expect(register is not None, "the workspace opened without the register")
        app.processEvents()
        shown = register.model.rowCount()  # type: ignore[union-attr]
        expect(shown == 1, f"the register showed {shown} families, not 1")
        about = AboutDialog(db, window)
        expect(str(db) in about.text.text(), "the About box does not name the data folder")
        expect(not app.windowIcon().isNull(), "the app icon did not load")
        about.deleteLater()
        window.lock()  # closes the store
        window.close()
        window.deleteLater()
        app.processEvents()
        passed("unlock screen, main window with the register, About box")
    finally:
        store.close()


def run_gui(args: argparse.Namespace) -> int:
    hardening.harden()
    logs.configure()
    crash.install()
    app = make_application()
    folder = Path(args.data_dir) if args.data_dir else paths.default_data_dir()
    window = MainWindow(paths.database_path(folder))
    window.show()
    log.info("started %s", __version__)
    return app.exec()
