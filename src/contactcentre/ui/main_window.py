"""The main window: setup or unlock first, then the workspace of screens.

It only wires things together: each screen gets a Context through its constructor.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from contactcentre import __version__
from contactcentre.domain import acting, audit, permissions
from contactcentre.domain.centre import get_centre
from contactcentre.domain.clock import Clock
from contactcentre.domain.records import backups
from contactcentre.store.engine import Store
from contactcentre.store.errors import StoreError, StoreReplaced
from contactcentre.store.in_use import CentreInUse, InUseLock
from contactcentre.store.integrity import problems
from contactcentre.store.models.enums import TeamRole
from contactcentre.ui import prompts, window_actions
from contactcentre.ui.banner import Banner
from contactcentre.ui.clipboard import ClipboardGuard
from contactcentre.ui.context import Context, Screen
from contactcentre.ui.fields import fit_to_screen
from contactcentre.ui.idle_lock import IdleWatcher, LiveSession
from contactcentre.ui.screens import screens_for
from contactcentre.ui.unlock import OPEN_ELSEWHERE, BusyCursor, SetupScreen, UnlockScreen
from contactcentre.ui.workspace import Workspace

if TYPE_CHECKING:  # each is imported when first opened
    from contactcentre.store.backup import RestoreReport
    from contactcentre.ui.admin.about import AboutDialog
    from contactcentre.ui.admin.guide import GuideDialog
    from contactcentre.ui.admin.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    REPLACED_CHECK_MS = 2_000

    def __init__(self, db_path: Path, clock: Clock | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.clock = clock or Clock()
        self.store: Store | None = None
        self.role = TeamRole.coordinator  # whose window it is: set again at each unlock
        self.setObjectName("mainWindow")
        self.setWindowTitle("Contact Centre")
        fit_to_screen(self, 1100, 720)

        self.stack = QStackedWidget()
        self.banner = Banner()  # above the stack; only ever shown while unlocked
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.addWidget(self.banner)
        central_layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        # Held while the records are unlocked here: a second copy of the app cannot unlock,
        # nor the CLI restore or rekey, until this one locks or closes.
        self.in_use = InUseLock(db_path)
        self.setup = SetupScreen(db_path, in_use=self.in_use)
        self.unlock = UnlockScreen(db_path, in_use=self.in_use)
        self.tabs = Workspace(self._built)
        self.tabs.shown.connect(self._screen_shown)
        self._loaded_at: dict[Screen, int] = {}  # screen -> audit.last_id it loaded at
        for screen in (self.setup, self.unlock, self.tabs):
            self.stack.addWidget(screen)
        self.setup.unlocked.connect(self.open_workspace)
        self.unlock.unlocked.connect(self.open_workspace)
        self.unlock.unlocking.connect(self.tabs.prepare)

        self.toolbar, self.lock_action, self.settings_action = window_actions.toolbar(self)
        self.idle = IdleWatcher(self.clock, self)
        self.clipboard = ClipboardGuard(self)  # copies of personal data do not linger
        self.idle.idle.connect(self.lock)
        # A restore by an older copy, or a file manager, can put another file in place of
        # the database while it is open here: look every few seconds (a stat), and lock.
        self.replaced_watch = QTimer(self)
        self.replaced_watch.setInterval(self.REPLACED_CHECK_MS)
        self.replaced_watch.timeout.connect(self.lock_if_replaced)
        self.ctx: Context | None = None
        self._drafts: dict[type, object] = {}
        self._shown: type | None = None  # the screen on view when it locked
        self.quit_action = window_actions.menus(self)

        self.unlock.finish_interrupted()  # a half-done restore may be all there is
        self.stack.setCurrentWidget(self.unlock if db_path.exists() else self.setup)
        self._restore_geometry()

    @property
    def is_unlocked(self) -> bool:
        return self.store is not None

    def open_workspace(self, store: Store) -> None:
        try:
            self.in_use.acquire()  # the setup and unlock screens took it already
        except CentreInUse:
            store.close()
            self.unlock.error.show_error(OPEN_ELSEWHERE)
            self.stack.setCurrentWidget(self.unlock)
            return
        self.store = store
        who = store.account  # who unlocked, in their role (none: an old store's OS account)
        role = TeamRole(who.role) if who else TeamRole.coordinator
        store.act_as(who.name if who else acting.os_account(), self.clock.now, role)
        with store.session() as s:  # the window of whoever the store now acts as
            self.offer_for(acting.role(s))
        self.ctx = ctx = Context(store=store, clock=self.clock)
        self.toolbar.setVisible(True)
        self.stack.setCurrentWidget(self.tabs)
        self.tabs.empty()
        self.idle.start(IdleWatcher.DEFAULT_MINUTES)
        damage = problems(store, quick=True)
        if damage:  # write nothing: show what can still be read, and offer the way back
            log.warning("damage found on unlock")
            self.store = store = self._read_only(store)
            self.ctx = ctx = Context(store=store, clock=self.clock)
            self.banner.show_message(
                f"The database is damaged ({damage[0]}). "
                + (
                    "It is open read-only: nothing can be changed until it is restored "
                    "from the latest backup."
                    if store.read_only
                    else "Please stop entering records and restore the latest backup."
                ),
                "Restore from backup…",
                lambda: self.open_settings().ask_restore(),
                alarm=True,
                dismissable=False,
            )
            if not store.read_only:
                return  # not even readable: show no half-read records
        try:
            with store.session() as s:
                centre = get_centre(s)
                self.clock.set_zone(centre.timezone)
                read_only = " — read-only" if store.read_only else ""
                self.setWindowTitle(f"{centre.name} — Contact Centre {__version__}{read_only}")
                if not store.read_only:
                    audit.record(s, "unlock")
                self.idle.start(centre.idle_lock_minutes)
        except StoreError as error:  # a CLI import writing meanwhile, a full disk
            self._lock_saying(str(error))
            return
        self.replaced_watch.start()
        # Each screen is built and loaded when it is first shown (see _screen_shown):
        # unlocking builds Today alone, however many families the centre has. Drafts of
        # screens this person does not have (a coordinator's half-typed family when a
        # volunteer unlocks) stay in memory for the next unlock that builds them.
        self.tabs.fill(ctx, screens_for(self.role))
        self.unlock.session_notice.show_session(None, self.clock)
        if self._shown is not None:  # back where the lock found it
            self.tabs.show_screen(self._shown)
        self._shown = None
        self.remind_backup()
        told = [*self.unlock.notices, backups.after_unlocking(store, at_the_screen=True)]
        self.unlock.notices.clear()
        if any(told):  # what was put right after a crash: said once, above the backup prompt
            text = " ".join(notice for notice in told if notice)
            self.banner.show_message(text, "OK", self.remind_backup, dismissable=False)
        log.info("workspace opened")

    def offer_for(self, role: TeamRole) -> None:
        """Make this the window of someone in `role`: the screens built on unlocking and
        the toolbar's actions are those they may use; the others are not there at all."""
        self.role = role
        self.toolbar.removeAction(self.settings_action)
        if permissions.role_may(role, "centre_settings"):
            self.toolbar.addAction(self.settings_action)

    def _read_only(self, store: Store) -> Store:
        """The damaged store reopened read-only, or itself if even that fails."""
        if store.read_only:
            return store
        try:
            read_only = store.reopened_read_only()
        except StoreError:
            log.warning("the damaged database could not be opened read-only")
            return store
        store.close()
        return read_only

    def _refresh(self, screen: Screen) -> None:
        assert self.store is not None
        try:
            with self.store.session() as s:
                self._loaded_at[screen] = audit.last_id(s)
            with audit.refusals_recorded(self.store):
                screen.refresh()
        except permissions.Refused as refused:  # the domain's check, whatever was built
            screen.clear()
            self.banner.show_message(str(refused), "OK", self.banner.dismiss, alarm=True)
        except StoreError:  # a damaged page, or a first use that would write
            if not self.store.read_only:
                raise
            log.warning("a screen could not be loaded from the damaged database")

    @property
    def screens(self) -> list[Screen]:
        """The screens built so far (each is built when first shown)."""
        return self.tabs.screens

    def _built(self, screen: Screen) -> None:
        draft = self._drafts.pop(type(screen), None)
        if draft is not None:
            screen.restore_draft(draft)

    def _screen_shown(self, screen: Screen) -> None:
        """Load the screen coming into view the first time it is shown, and reload it if
        anything it watches was written since (every change adds an audit entry): one
        cheap query, and only that screen. A screen holding unsaved typing is left as it
        is, to be reloaded when next shown without it."""
        if self.store is None:
            return  # locking
        if screen not in self._loaded_at:
            self._refresh(screen)
            return
        if screen.has_unsaved_edits():
            return
        with self.store.session() as s:
            topics = audit.topics_since(s, self._loaded_at[screen])
        if self.tabs.spec_of(screen).reloads_after(topics):
            self._refresh(screen)

    def remind_backup(self) -> None:
        assert self.store is not None
        if self.store.read_only:
            return  # the damage warning stays: a backup of a damaged database is no help
        if not permissions.role_may(self.role, "backup"):
            return  # only a coordinator can act on it
        due = backups.backup_due(self.store, self.clock.now())
        if due is None:
            self.banner.dismiss()
            return
        self.banner.show_message(
            f"{due.reason} Make a backup on a USB stick and keep it somewhere safe.",
            "Back up now…",
            lambda: self.open_settings().make_backup(),
        )

    def open_settings(self) -> SettingsDialog:
        from contactcentre.ui.admin.settings_dialog import SettingsDialog

        assert self.ctx is not None
        dialog = SettingsDialog(self.ctx, self)
        dialog.changed.connect(self._settings_changed)
        dialog.restore_requested.connect(self.restore_from)
        dialog.open()
        return dialog

    def _settings_changed(self) -> None:
        assert self.store is not None
        with self.store.session() as s:
            self.idle.start(get_centre(s).idle_lock_minutes)
        self.remind_backup()

    def restore_from(self, backup_file: Path, backup_passphrase: str | None) -> None:
        """Lock, put the backup in place (the current database is kept aside), reopen.
        `backup_passphrase` None: the backup has the centre's own passphrase."""
        assert self.store is not None
        results: list[tuple[Store, RestoreReport]] = []

        def restore(store: Store) -> None:  # in place of closing it: the restore closes it
            with BusyCursor():
                results.append(backups.restore_over(store, backup_file, backup_passphrase))

        try:
            # The in-use lock stays held: nothing else opens the database meanwhile.
            self._close_records(close=restore)
        except StoreError as error:
            self.in_use.release()
            prompts.error(self, "Restore from backup", f"{error}\n\nNothing was restored.")
            return  # locked: unlocking opens the records as they were
        except BaseException:
            self.in_use.release()  # locked here, so let the database go as lock() does
            raise
        store, report = results[0]
        self.open_workspace(store)
        kept = (
            f" The previous records are kept as {report.set_aside.name}."
            if report.set_aside
            else ""
        )
        prompts.info(self, "Restore from backup", f"The backup was restored.{kept}")

    def show_guide(self) -> GuideDialog:
        from contactcentre.ui.admin.guide import GuideDialog

        dialog = GuideDialog(self)
        dialog.open()
        return dialog

    def show_about(self) -> AboutDialog:
        from contactcentre.ui.admin.about import AboutDialog

        dialog = AboutDialog(self.db_path, self)
        dialog.open()
        return dialog

    def lock(self) -> None:
        """Drop every view of personal data and the key; show the unlock screen; let
        another copy of the app, or the CLI's restore or rekey, have the database."""
        self._close_records()
        self.in_use.release()

    def lock_if_replaced(self) -> None:
        """Lock if the database file is no longer the one unlocked here: whatever is saved
        from now on would go into a file nobody opens again (the store refuses it too)."""
        if self.store is not None and self.store.is_replaced():
            log.warning("the database was replaced while unlocked; locking")
            self._lock_saying(str(StoreReplaced()))

    def _lock_saying(self, message: str) -> None:
        """Lock without writing (the lock entry could not be saved either) and say why."""
        self._close_records(record=False)
        self.in_use.release()
        self.unlock.error.show_error(message)

    def _close_records(
        self, close: Callable[[Store], None] = Store.close, *, record: bool = True
    ) -> None:
        """Put every screen away and close the store (`close`: how; `record`: note the
        lock in the audit trail)."""
        if self.store is None:
            return
        self.idle.stop()
        self.replaced_watch.stop()
        self.clipboard.forget_now()
        self.banner.dismiss()
        live = self._live_session()
        current = self.tabs.current_screen()
        self._shown = type(current) if current is not None else None
        for screen in self.screens:
            draft = screen.take_draft()
            if draft is not None:
                self._drafts[type(screen)] = draft  # memory only, restored after unlock
        for dialog in self.findChildren(QDialog):
            dialog.close()
        for screen in self.screens:
            screen.clear()
        self.tabs.empty()
        self._loaded_at.clear()
        store, self.store, self.ctx = self.store, None, None
        self.toolbar.setVisible(False)
        self.setWindowTitle("Contact Centre")
        self.stack.setCurrentWidget(self.unlock)
        self.unlock.session_notice.show_session(live, self.clock)
        try:
            if record and not store.read_only:  # nothing may be written to a damaged one
                with store.session() as s:
                    audit.record(s, "lock")
        except Exception:  # a damaged or full disk must never keep the records unlocked
            log.exception("the lock could not be recorded")
        finally:
            close(store)
        log.info("locked")

    def _live_session(self) -> LiveSession | None:
        """Today's session in progress, in numbers only, for the lock screen to tell of."""
        from contactcentre.ui.session_day.board_screen import SessionDayScreen

        board = [s for s in self.screens if isinstance(s, SessionDayScreen)]
        try:
            return board[0].live_session() if board else None
        except Exception:  # nothing may stop the lock: without it, the screen says nothing
            log.exception("the session in progress could not be read before locking")
            return None

    # --- window state (geometry only: nothing about people goes in QSettings) ---
    def _restore_geometry(self) -> None:
        geometry = QSettings().value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("window/geometry", self.saveGeometry())
        self.lock()
        event.accept()
