"""Settings for keeping the data safe: lock timing, backups, restore, the passphrase."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain import permissions
from contactcentre.domain.centre import get_centre, update_centre
from contactcentre.domain.errors import ValidationError
from contactcentre.domain.records import backups
from contactcentre.errors import UserError
from contactcentre.store.errors import StoreError, WrongPassphrase
from contactcentre.ui import prompts
from contactcentre.ui.admin.team_dialog import TeamLoginsDialog
from contactcentre.ui.context import Context
from contactcentre.ui.fields import ErrorLabel
from contactcentre.ui.unlock import BusyCursor

BACKUP_FILTER = "Contact Centre backup (*.ccbackup *.db)"
BACKUP_PASSPHRASE_LABEL = "A passphrase for this backup. Leave it empty to use your own passphrase."


def spin(name: str, accessible: str, low: int, high: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setObjectName(name)
    box.setAccessibleName(accessible)
    box.setRange(low, high)
    box.setSuffix(suffix)
    box.setMaximumWidth(130)
    return box


class SettingsDialog(QDialog):
    """`changed` after the settings are saved; `restore_requested(file, its passphrase)`
    once the coordinator has seen the backup's date and contents and said yes (None for
    the passphrase: the backup has the centre's own)."""

    changed = Signal()
    restore_requested = Signal(object, object)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self.setMinimumSize(560, 440)

        lock_box = QGroupBox("Locking")
        lock_form = QFormLayout(lock_box)
        self.idle_minutes = spin("idleLockMinutes", "Lock after minutes idle", 1, 120, " min")
        lock_form.addRow("Lock after no use for", self.idle_minutes)
        self.change_passphrase = QPushButton("Change my passphrase…")
        self.change_passphrase.setObjectName("changePassphrase")
        self.team_logins = QPushButton("Team logins…")
        self.team_logins.setObjectName("teamLoginsButton")
        self.team_logins.setAccessibleName("Team logins: add or remove who can unlock")
        with ctx.store.session() as s:  # the domain refuses anyone else; this saves a click
            self.team_logins.setVisible(permissions.may(s, "manage_accounts"))
        lock_row = QHBoxLayout()
        lock_row.addWidget(self.change_passphrase)
        lock_row.addWidget(self.team_logins)
        lock_row.addStretch(1)
        lock_form.addRow("", lock_row)

        backup_box = QGroupBox("Backups")
        backup_form = QFormLayout(backup_box)
        self.reminder_days = spin("backupReminderDays", "Backup reminder days", 1, 90, " days")
        backup_form.addRow("Remind me after", self.reminder_days)
        self.last_backup = QLabel()
        self.last_backup.setObjectName("lastBackup")
        backup_form.addRow("Last backup", self.last_backup)
        self.backup_now = QPushButton("Back up now…")
        self.backup_now.setObjectName("backupNow")
        self.backup_now.setShortcut(QKeySequence("Ctrl+B"))
        self.restore = QPushButton("Restore from backup…")
        self.restore.setObjectName("restoreBackup")
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.backup_now)
        buttons_row.addWidget(self.restore)
        buttons_row.addStretch(1)
        backup_form.addRow("", buttons_row)
        self.message = QLabel()
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        self.error = ErrorLabel()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setObjectName("saveSettings")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (lock_box, backup_box, self.message, self.error):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(buttons)

        self.change_passphrase.clicked.connect(self.open_change_passphrase)
        self.team_logins.clicked.connect(self.open_team_logins)
        self.backup_now.clicked.connect(self.make_backup)
        self.restore.clicked.connect(self.ask_restore)
        self.load()

    def load(self) -> None:
        with self.ctx.store.session() as s:
            centre = get_centre(s)
            self.idle_minutes.setValue(centre.idle_lock_minutes)
            self.reminder_days.setValue(centre.backup_reminder_days)
            last = centre.last_backup_at
        tz = self.ctx.clock.tz
        self.last_backup.setText(
            last.astimezone(tz).strftime("%a %d %b %Y %H:%M") if last else "never"
        )

    def save(self) -> None:
        with self.ctx.store.session() as s:
            update_centre(
                s,
                idle_lock_minutes=self.idle_minutes.value(),
                backup_reminder_days=self.reminder_days.value(),
            )
        self.changed.emit()
        self.accept()

    def open_team_logins(self) -> TeamLoginsDialog:
        dialog = TeamLoginsDialog(self.ctx, self)
        dialog.open()
        return dialog

    def open_change_passphrase(self) -> ChangePassphraseDialog:
        dialog = ChangePassphraseDialog(self.ctx, self)
        dialog.done_.connect(lambda: self.message.setText("The passphrase was changed."))
        dialog.open()
        return dialog

    def make_backup(self) -> None:
        day = self.ctx.clock.today()
        target = prompts.save_file(
            self, "Back up to", f"contactcentre-{day:%Y-%m-%d}.ccbackup", BACKUP_FILTER
        )
        if target is None:
            return
        secret = prompts.ask_secret(self, "Backup passphrase", BACKUP_PASSPHRASE_LABEL)
        if secret is None:
            return
        try:
            with BusyCursor():
                report = backups.make_backup(self.ctx.store, target, secret or None, self.ctx.clock)
        except UserError as error:
            self.error.show_error(str(error))
            return
        self.error.show_error("")
        self.message.setText(
            f"Backed up and checked in {report.seconds:.1f} s: {target.name} "
            f"({backups.describe_contents(report.counts)})."
        )
        self.load()
        self.changed.emit()

    def ask_restore(self) -> None:
        source = prompts.open_file(self, "Restore from backup", BACKUP_FILTER)
        if source is None:
            return
        secret = prompts.ask_secret(self, "Backup passphrase", BACKUP_PASSPHRASE_LABEL)
        if secret is None:
            return
        try:
            with BusyCursor():
                contents = backups.inspect(self.ctx.store, source, secret or None)
        except StoreError as error:
            self.error.show_error(str(error))
            return
        made = contents.made_at
        when = made.astimezone(self.ctx.clock.tz).strftime("%a %d %b %Y %H:%M") if made else "?"
        question = (
            f"This backup was made on {when} and holds "
            f"{backups.describe_contents(contents.counts)}.\n\n"
            "Restore it? Everything entered since then will not be in the restored records. "
            "The current database is kept in the data folder, not deleted."
        )
        if prompts.confirm(self, "Restore from backup", question, yes="Restore"):
            self.restore_requested.emit(Path(source), secret or None)
            self.accept()


class ChangePassphraseDialog(QDialog):
    """Current passphrase, then the new one twice; `done_` once it is changed."""

    done_ = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("changePassphraseDialog")
        self.setWindowTitle("Change my passphrase")
        form = QFormLayout(self)
        self.current = self._secret("currentPassphrase", "Current passphrase")
        self.new = self._secret("newPassphrase", "New passphrase")
        self.repeat = self._secret("repeatPassphrase", "New passphrase again")
        self.error = ErrorLabel()
        note = QLabel(
            "Only your own passphrase changes: everyone else keeps theirs. Backups made "
            "before keep the passphrase they were made with."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.change = buttons.addButton("Change", QDialogButtonBox.ButtonRole.AcceptRole)
        self.change.setObjectName("confirmChangePassphrase")
        for label, widget in [
            ("Current passphrase", self.current),
            ("New passphrase", self.new),
            ("New passphrase again", self.repeat),
        ]:
            form.addRow(label, widget)
        form.addRow(note)
        form.addRow(self.error)
        form.addRow(buttons)
        self.change.clicked.connect(self.submit)
        buttons.rejected.connect(self.reject)

    def _secret(self, name: str, accessible: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def submit(self) -> None:
        try:
            with BusyCursor():
                backups.change_passphrase(
                    self.ctx.store, self.current.text(), self.new.text(), self.repeat.text()
                )
        except ValidationError as error:
            self.error.show_error(next(iter(error.errors.values())))
            return
        except WrongPassphrase:
            self.error.show_error("The current passphrase is not right; nothing changed.")
            return
        except StoreError as error:
            self.error.show_error(str(error))
            return
        finally:
            for edit in (self.current, self.new, self.repeat):
                edit.clear()
        self.done_.emit()
        self.accept()
