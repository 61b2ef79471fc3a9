"""The main window: setup or unlock first, then the workspace of screens.

It only wires things together: each screen gets a Context through its constructor.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QTabWidget, QToolBar, QWidget

from contactcentre import __version__
from contactcentre.domain import audit
from contactcentre.domain.centre import get_centre
from contactcentre.domain.clock import Clock
from contactcentre.store.engine import Store
from contactcentre.ui.about import AboutDialog
from contactcentre.ui.agreement_screen import AgreementScreen
from contactcentre.ui.calendar_screen import CalendarScreen
from contactcentre.ui.context import Context
from contactcentre.ui.register_screen import RegisterScreen
from contactcentre.ui.session_day import SessionDayScreen
from contactcentre.ui.unlock import SetupScreen, UnlockScreen

log = logging.getLogger(__name__)

# The workspace's screens, in tab order. Each takes (Context, parent) and has a `title`,
# `refresh()` (load from the store) and `clear()` (forget personal data on lock).
SCREENS: list[Callable[[Context, QWidget], QWidget]] = [
    RegisterScreen,
    CalendarScreen,
    SessionDayScreen,
    AgreementScreen,
]


class MainWindow(QMainWindow):
    def __init__(self, db_path: Path, clock: Clock | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.clock = clock or Clock()
        self.store: Store | None = None
        self.screens: list[QWidget] = []
        self.setObjectName("mainWindow")
        self.setWindowTitle("Contact Centre")
        self.resize(1100, 720)

        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.setup = SetupScreen(db_path)
        self.unlock = UnlockScreen(db_path)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("workspaceTabs")
        self.tabs.setDocumentMode(True)
        for screen in (self.setup, self.unlock, self.tabs):
            self.stack.addWidget(screen)
        self.setup.unlocked.connect(self.open_workspace)
        self.unlock.unlocked.connect(self.open_workspace)

        self.toolbar = QToolBar("Main")
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.lock_action = QAction("Lock", self)
        self.lock_action.setObjectName("lockAction")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setToolTip("Lock the centre's records (Ctrl+L)")
        self.lock_action.triggered.connect(self.lock)
        self.toolbar.addAction(self.lock_action)
        self.toolbar.setVisible(False)
        help_menu = self.menuBar().addMenu("&Help")
        about = help_menu.addAction("About Contact Centre")
        about.setObjectName("aboutAction")
        about.triggered.connect(self.show_about)

        self.stack.setCurrentWidget(self.unlock if db_path.exists() else self.setup)
        self._restore_geometry()

    @property
    def is_unlocked(self) -> bool:
        return self.store is not None

    def open_workspace(self, store: Store) -> None:
        self.store = store
        ctx = Context(store=store, clock=self.clock)
        with store.session() as s:
            centre = get_centre(s)
            self.setWindowTitle(f"{centre.name} — Contact Centre {__version__}")
            audit.record(s, "unlock")
        self.tabs.clear()
        self.screens = [factory(ctx, self.tabs) for factory in SCREENS]
        for screen in self.screens:
            self.tabs.addTab(screen, getattr(screen, "title", screen.objectName()))
            screen.refresh()  # type: ignore[attr-defined]
        self.toolbar.setVisible(True)
        self.stack.setCurrentWidget(self.tabs)
        log.info("workspace opened")

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self.db_path, self)
        dialog.open()
        return dialog

    def lock(self) -> None:
        """Drop every view of personal data and the key; show the unlock screen."""
        if self.store is None:
            return
        for screen in self.screens:
            screen.clear()  # type: ignore[attr-defined]
        self.tabs.clear()
        for screen in self.screens:
            screen.deleteLater()
        self.screens = []
        with self.store.session() as s:
            audit.record(s, "lock")
        self.store.close()
        self.store = None
        self.toolbar.setVisible(False)
        self.setWindowTitle("Contact Centre")
        self.stack.setCurrentWidget(self.unlock)
        log.info("locked")

    # --- window state (geometry only: nothing about people goes in QSettings) ---
    def _restore_geometry(self) -> None:
        geometry = QSettings().value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("window/geometry", self.saveGeometry())
        self.lock()
        event.accept()
