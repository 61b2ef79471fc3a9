"""The team's logins, for a coordinator: who can unlock, add a person, remove one.

Removing a login re-keys the database (docs/decisions/0001-key-slots.md), so the dialog
asks first and says so. The volunteer register (DBS, references, rota) is its own screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain.errors import DomainError, ValidationError
from contactcentre.domain.team import accounts
from contactcentre.store.errors import StoreError
from contactcentre.store.models.enums import TeamRole
from contactcentre.ui import prompts
from contactcentre.ui.context import Context
from contactcentre.ui.fields import ErrorLabel
from contactcentre.ui.unlock import BusyCursor


class TeamLoginsDialog(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("teamLoginsDialog")
        self.setWindowTitle("Team logins")
        self.setMinimumSize(520, 460)
        self.logins = QListWidget()
        self.logins.setObjectName("teamLogins")
        self.logins.setAccessibleName("People who can unlock")
        self.remove = QPushButton("Remove login…")
        self.remove.setObjectName("removeLogin")
        self.remove.setAccessibleName("Remove the chosen person's login")

        add_box = QGroupBox("Add a person")
        form = QFormLayout(add_box)
        self.name = self._line("newLoginName", "Name of the person to add")
        self.role = QComboBox()
        self.role.setObjectName("newLoginRole")
        self.role.setAccessibleName("Their role")
        for role in TeamRole:
            self.role.addItem(role.value.capitalize(), role.value)
        self.role.setCurrentIndex(self.role.findData(TeamRole.volunteer.value))  # most are
        self.passphrase = self._line("newLoginPassphrase", "Their first passphrase", True)
        self.repeat = self._line("newLoginRepeat", "Their first passphrase again", True)
        self.add = QPushButton("Add")
        self.add.setObjectName("addLogin")
        self.add.setAccessibleName("Add this person's login")
        form.addRow("Name", self.name)
        form.addRow("Role", self.role)
        form.addRow("First passphrase", self.passphrase)
        form.addRow("Again", self.repeat)
        form.addRow("", self.add)
        self.error = ErrorLabel()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.addWidget(self.logins, 1)
        layout.addLayout(row)
        layout.addWidget(add_box)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.add.clicked.connect(self.submit)
        self.remove.clicked.connect(self.remove_chosen)
        self.load()

    def _line(self, name: str, accessible: str, secret: bool = False) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def load(self) -> None:
        self.logins.clear()
        with self.ctx.store.session() as s:
            rows = accounts.list_accounts(s)
        tz = self.ctx.clock.tz
        for row in rows:
            last = row.last_unlock
            when = (
                f"last unlocked {last.astimezone(tz):%d/%m/%Y %H:%M}" if last else "never unlocked"
            )
            item = QListWidgetItem(f"{row.name} — {row.role.value}, {when}")
            item.setData(Qt.ItemDataRole.UserRole, row.name)
            self.logins.addItem(item)

    def submit(self) -> None:
        self.error.show_error("")
        try:
            with BusyCursor():
                accounts.add_account(
                    self.ctx.store,
                    self.name.text(),
                    TeamRole(self.role.currentData()),
                    self.passphrase.text(),
                    self.repeat.text(),
                )
        except ValidationError as error:
            self.error.show_error(next(iter(error.errors.values())))
            return
        except (DomainError, StoreError) as error:
            self.error.show_error(str(error))
            return
        finally:
            self.passphrase.clear()
            self.repeat.clear()
        self.name.clear()
        self.load()

    def remove_chosen(self) -> None:
        item = self.logins.currentItem()
        if item is None:
            self.error.show_error("Choose the person whose login to remove.")
            return
        name = str(item.data(Qt.ItemDataRole.UserRole))
        question = (
            f"Remove {name}'s login? Their passphrase will no longer open the records. The "
            "database is re-encrypted with a new key (a few seconds); everyone else keeps "
            "their own passphrase."
        )
        if not prompts.confirm(self, "Remove login", question, yes="Remove and re-key"):
            return
        try:
            with BusyCursor():
                accounts.remove_account(self.ctx.store, name)
        except (DomainError, StoreError) as error:
            self.error.show_error(str(error))
            return
        self.error.show_error("")
        self.load()
