"""The first-run setup screen and the unlock screen.

Both emit `unlocked(Store)`; the window then shows the workspace. The passphrase lives
only in the line edit until the store is opened, then the edit is cleared.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain.centre import (
    CentreDetails,
    clean_details,
    passphrase_problem,
    passphrase_strength,
)
from contactcentre.domain.errors import ValidationError
from contactcentre.domain.records import backups
from contactcentre.domain.records.creation import new_centre
from contactcentre.store import unlocking
from contactcentre.store.errors import StoreError
from contactcentre.store.in_use import CentreInUse, InUseLock
from contactcentre.ui.fields import ErrorLabel, with_error
from contactcentre.ui.idle_lock import SessionNotice

log = logging.getLogger(__name__)

LOST_PASSPHRASE_WARNING = (
    "Write the passphrase down and keep it somewhere safe, away from the laptop. "
    "Everything is encrypted with it: if it is lost, nobody can recover the centre's "
    "records — not you, not us, not anyone."
)
OPEN_ELSEWHERE = (
    "The centre is already open in another Contact Centre window on this computer. "
    "Lock or close that window, then try again here."
)


def centred(content: QWidget) -> QVBoxLayout:
    """A layout that keeps a form narrow and in the middle of a big window.

    Centred by stretches, not by alignment: with alignment the layout asks the form's
    height for the whole window's width, so wrapped text (the passphrase warning) got
    the height of fewer lines than it shows at 560 pixels and its last line was cut."""
    content.setMaximumWidth(560)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(content)
    row.addStretch(1)
    outer = QVBoxLayout()
    outer.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)
    return outer


class BusyCursor:
    def __enter__(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *_: object) -> None:
        QApplication.restoreOverrideCursor()


class SetupScreen(QWidget):
    """First run: the centre's details and a new passphrase, then the encrypted store."""

    unlocked = Signal(object)

    def __init__(
        self, db_path: Path, parent: QWidget | None = None, *, in_use: InUseLock | None = None
    ) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.in_use = in_use or InUseLock(db_path)  # held from here while unlocked
        self.setObjectName("setupScreen")
        panel = QWidget()
        form = QFormLayout(panel)
        title = QLabel("Welcome. Let's set up your centre.")
        title.setObjectName("screenTitle")
        form.addRow(title)
        form.addRow(QLabel(f"The encrypted records will be kept in:\n{db_path.parent}"))

        self.errors: dict[str, ErrorLabel] = {}
        self.name = self._line("centreName", "Centre name")
        self.address = QPlainTextEdit()
        self.address.setObjectName("centreAddress")
        self.address.setAccessibleName("Centre address")
        self.address.setFixedHeight(80)
        self.address.setTabChangesFocus(True)  # Tab goes on to the phone, as in any form
        self.phone = self._line("centrePhone", "Centre phone")
        self.charity = self._line("charityNumber", "Charity number")
        self.coordinator = self._line("coordinatorName", "Coordinator's name")
        self.coordinator.setPlaceholderText("Signs the letters; you unlock with this name")
        self.passphrase = self._line("newPassphrase", "Passphrase", secret=True)
        self.repeat = self._line("repeatPassphrase", "Passphrase again", secret=True)
        self.strength = QProgressBar()
        self.strength.setObjectName("passphraseStrength")
        self.strength.setRange(0, 4)
        self.strength.setTextVisible(False)
        self.strength.setFixedHeight(8)
        self.hint = QLabel("Use a phrase of four or more words.")
        self.hint.setObjectName("passphraseHint")
        warning = QLabel(LOST_PASSPHRASE_WARNING)
        warning.setObjectName("warning")
        warning.setWordWrap(True)
        self.create = QPushButton("Create the centre")
        self.create.setObjectName("createCentre")
        self.create.setDefault(True)

        for label, key, widget in [
            ("Centre name", "name", self.name),
            ("Address", "address", self.address),
            ("Phone", "phone", self.phone),
            ("Charity number", "charity_number", self.charity),
            ("Coordinator's name", "coordinator_name", self.coordinator),
            ("Passphrase", "passphrase", self.passphrase),
        ]:
            self.errors[key] = ErrorLabel()
            form.addRow(label, with_error(widget, self.errors[key]))
        form.addRow("", self.strength)
        form.addRow("", self.hint)
        form.addRow("Passphrase again", self.repeat)
        form.addRow(warning)
        form.addRow(self.create)
        self.setLayout(centred(panel))

        self.passphrase.textChanged.connect(self._show_strength)
        self.create.clicked.connect(self.submit)
        self.repeat.returnPressed.connect(self.submit)

    def _line(self, name: str, accessible: str, *, secret: bool = False) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def _show_strength(self, text: str) -> None:
        score, hint = passphrase_strength(text)
        self.strength.setValue(score)
        self.hint.setText(hint)

    def details(self) -> CentreDetails:
        return CentreDetails(
            name=self.name.text(),
            address=self.address.toPlainText(),
            phone=self.phone.text(),
            charity_number=self.charity.text(),
            coordinator_name=self.coordinator.text(),
        )

    def submit(self) -> None:
        for label in self.errors.values():
            label.show_error("")
        problems: dict[str, str] = {}
        try:
            clean_details(self.details())
        except ValidationError as error:
            problems.update(error.errors)
        passphrase_error = passphrase_problem(self.passphrase.text(), self.repeat.text())
        if passphrase_error:
            problems["passphrase"] = passphrase_error
        if problems:
            for key, message in problems.items():
                self.errors[key].show_error(message)
            return
        try:
            self.in_use.acquire()
        except CentreInUse:
            self.errors["passphrase"].show_error(OPEN_ELSEWHERE)
            self.passphrase.clear()
            self.repeat.clear()
            return
        try:
            with BusyCursor():
                store = new_centre(self.db_path, self.passphrase.text(), self.details())
        except StoreError as error:
            self.in_use.release()
            self.errors["passphrase"].show_error(str(error))
            return
        except BaseException:
            self.in_use.release()  # a bug, not a holder: keep nobody else out
            raise
        finally:
            self.passphrase.clear()
            self.repeat.clear()
        log.info("centre created")
        self.unlocked.emit(store)


class UnlockScreen(QWidget):
    """Asks who you are and your passphrase; a wrong name or passphrase says only that and
    changes nothing on disk. The team's names are never listed to someone not yet in
    (docs/decisions/0001-key-slots.md); a blank name is the first coordinator's, as on
    the command line."""

    unlocked = Signal(object)
    unlocking = Signal()  # the key is about to be derived: a moment to get ready meanwhile

    def __init__(
        self, db_path: Path, parent: QWidget | None = None, *, in_use: InUseLock | None = None
    ) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.in_use = in_use or InUseLock(db_path)  # held from here while unlocked
        self.notices: list[str] = []  # what finish_interrupted put right, for the banner
        self.setObjectName("unlockScreen")
        panel = QWidget()
        layout = QVBoxLayout(panel)
        title = QLabel("Contact Centre is locked")
        title.setObjectName("screenTitle")
        layout.addWidget(title)
        self.session_notice = SessionNotice()  # a session in progress: its alerts wait
        layout.addWidget(self.session_notice)
        layout.addWidget(QLabel("Enter your name and your passphrase to open the records."))
        self.name = QLineEdit()
        self.name.setObjectName("unlockName")
        self.name.setAccessibleName("Your name")
        self.name.setPlaceholderText("Your name")
        self.name.setMaxLength(100)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setAccessibleName("Passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText("Your passphrase")
        self.error = ErrorLabel()
        self.unlock = QPushButton("Unlock")
        self.unlock.setObjectName("unlockButton")
        self.unlock.setDefault(True)
        layout.addWidget(self.name)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.error)
        layout.addWidget(self.unlock)
        self.setLayout(centred(panel))
        self.unlock.clicked.connect(self.submit)
        self.passphrase.returnPressed.connect(self.submit)
        self.name.returnPressed.connect(self.passphrase.setFocus)

    def showEvent(self, event: object) -> None:
        self.name.setFocus()
        if self.in_use.held_elsewhere():  # say so before anyone types the passphrase
            self.error.show_error(OPEN_ELSEWHERE)
        elif self.error.text() == OPEN_ELSEWHERE:
            self.error.show_error("")

    def finish_interrupted(self) -> None:
        """Finish a restore a crash interrupted, before the database is looked for."""
        try:
            notice = backups.before_opening(self.db_path)
        except StoreError as error:
            self.error.show_error(str(error))
            return
        if notice:
            self.notices.append(notice)

    def submit(self) -> None:
        secret = self.passphrase.text()
        self.passphrase.clear()
        name = self.name.text().strip() or None
        # Another window has the records: opening them here too (migrating, writing the
        # audit) is exactly what the lock is for, so nothing is tried until it is let go.
        try:
            self.in_use.acquire()
        except CentreInUse:
            self.error.show_error(OPEN_ELSEWHERE)
            return
        if not secret:
            self.in_use.release()
            self.error.show_error("Type the passphrase first.")
            return
        self.finish_interrupted()
        self.unlocking.emit()
        try:
            with BusyCursor():
                store = unlocking.unlock(self.db_path, name, secret)
        except StoreError as error:
            self.in_use.release()
            self.error.show_error(str(error))
            return
        except BaseException:
            self.in_use.release()  # a bug, not a holder: keep nobody else out
            raise
        self.error.show_error("")
        self.name.clear()  # whoever unlocks next types their own
        self.unlocked.emit(store)
