"""Signing the agreement: on screen (the full text above a signature pad) or on paper
(date, witness, and an optional scan kept only inside the encrypted database)."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain.agreements import scans as signature_scans
from contactcentre.domain.agreements import signing
from contactcentre.domain.agreements import versions as agreement_versions
from contactcentre.domain.centre import get_centre
from contactcentre.domain.errors import DomainError, ValidationError
from contactcentre.domain.register import family_lists
from contactcentre.ui import prompts
from contactcentre.ui.agreements.signature_pad import SignaturePad
from contactcentre.ui.context import Context
from contactcentre.ui.fields import DateField, ErrorLabel, fit_to_screen, with_error

SCAN_FILTER = "Scans (*.pdf *.png *.jpg *.jpeg);;All files (*)"


def for_reading(text: str) -> str:
    """The agreement as Markdown with its '# ' headings shown a size smaller."""
    return re.sub(r"(?m)^# ", "### ", text)


class SignOnScreenDialog(QDialog):
    """The agreement in force, read in full, then signed on the pad."""

    signed = Signal(int)  # person id

    def __init__(self, ctx: Context, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.person_id = ctx, person_id
        self.setObjectName("signOnScreenDialog")
        with ctx.store.session() as s:
            self.name = family_lists.full_name(s, person_id)
            version = agreement_versions.current_version(s)
            self.version = version.version
            text = agreement_versions.filled_text(s, version.text)
            centre = get_centre(s).name
        self.setWindowTitle(f"Sign the agreement — {self.name}")
        fit_to_screen(self, 760, 760)

        heading = QLabel(f"<b>{escape(centre)}: agreement, version {self.version}</b>")
        heading.setObjectName("agreementHeading")
        self.text = QTextBrowser()
        self.text.setObjectName("agreementText")
        self.text.setAccessibleName("The agreement to read before signing")
        self.text.setMarkdown(for_reading(text))
        self.text.setOpenLinks(False)
        declaration = QLabel(
            f"I, <b>{escape(self.name)}</b>, have read this agreement (or had it read to me) "
            "and agree to keep to it."
        )
        declaration.setWordWrap(True)
        self.pad = SignaturePad()
        self.pad_error = ErrorLabel()
        self.signed_on = DateField(today=ctx.clock.today())
        self.signed_on.setObjectName("signedOn")
        self.signed_on.setAccessibleName("Date signed")
        self.signed_on.set_value(ctx.clock.today())
        self.date_error = ErrorLabel()
        self.summary = ErrorLabel()

        buttons = QDialogButtonBox()
        self.sign_button = buttons.addButton("Sign", QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_button.setObjectName("confirmSignature")
        self.sign_button.setShortcut(QKeySequence.StandardKey.Save)
        self.sign_button.setEnabled(False)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.sign_button.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        self.pad.changed.connect(lambda: self.sign_button.setEnabled(not self.pad.is_empty()))

        date_row = QHBoxLayout()
        date_row.addWidget(QLabel("Date signed"))
        date_row.addWidget(with_error(self.signed_on, self.date_error))
        date_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.text, 1)
        layout.addWidget(declaration)
        layout.addWidget(self.pad)
        layout.addWidget(self.pad_error)
        layout.addLayout(date_row)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)

    def submit(self) -> bool:
        try:
            with self.ctx.store.session() as s:
                signing.sign_on_screen(
                    s,
                    self.person_id,
                    self.pad.strokes(),
                    self.signed_on.checked_value(),  # type: ignore[arg-type]
                    today=self.ctx.clock.today(),
                )
        except ValidationError as error:
            self.pad_error.show_error(error.errors.get("strokes", ""))
            self.date_error.show_error(error.errors.get("signed_on", ""))
            return False
        except DomainError as error:
            self.summary.show_error(str(error))
            return False
        self.signed.emit(self.person_id)
        self.accept()
        return True


class SignedOnPaperDialog(QDialog):
    """Mark the agreement as signed on paper, who witnessed it, and attach a scan."""

    signed = Signal(int)

    def __init__(self, ctx: Context, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.person_id = ctx, person_id
        self.scan: bytes | None = None
        self.scan_name = ""
        self.setObjectName("signedOnPaperDialog")
        with ctx.store.session() as s:
            self.version = agreement_versions.current_version(s).version
            coordinator = get_centre(s).coordinator_name
        with ctx.store.session() as s:
            name = family_lists.full_name(s, person_id)
        self.setWindowTitle(f"Signed on paper — {name}")
        self.setMinimumWidth(520)

        intro = QLabel(
            f"<b>{escape(name)}</b> signed a printed copy of the agreement "
            f"(version {self.version})."
        )
        intro.setWordWrap(True)
        self.signed_on = DateField(today=ctx.clock.today())
        self.signed_on.setObjectName("paperSignedOn")
        self.signed_on.setAccessibleName("Date signed")
        self.signed_on.set_value(ctx.clock.today())
        self.witness = QLineEdit(coordinator)
        self.witness.setObjectName("witnessedBy")
        self.witness.setAccessibleName("Witnessed by")
        self.scan_label = QLabel("No scan attached")
        self.scan_label.setObjectName("scanLabel")
        attach = QPushButton("Attach scan…")
        attach.setObjectName("attachScan")
        attach.clicked.connect(self.pick_scan)
        self.remove_scan = QPushButton("Remove")
        self.remove_scan.setObjectName("removeScan")
        self.remove_scan.clicked.connect(lambda: self.set_scan(None, ""))
        self.remove_scan.setEnabled(False)
        scan_row = QHBoxLayout()
        scan_row.setContentsMargins(0, 0, 0, 0)
        scan_row.addWidget(self.scan_label, 1)
        scan_row.addWidget(attach)
        scan_row.addWidget(self.remove_scan)
        scan_box = QWidget()
        scan_box.setLayout(scan_row)
        self.errors = {key: ErrorLabel() for key in ("signed_on", "witnessed_by", "scan")}
        note = QLabel("A scan or photo (PDF, PNG or JPG, up to 10 MB) is kept encrypted.")
        note.setObjectName("hint")
        note.setWordWrap(True)

        buttons = QDialogButtonBox()
        save = buttons.addButton("Save", QDialogButtonBox.ButtonRole.AcceptRole)
        save.setObjectName("savePaperSignature")
        save.setShortcut(QKeySequence.StandardKey.Save)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        save.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        self.summary = ErrorLabel()

        form = QFormLayout()
        form.addRow("Date signed", with_error(self.signed_on, self.errors["signed_on"]))
        form.addRow("Witnessed by", with_error(self.witness, self.errors["witnessed_by"]))
        form.addRow("Scan", with_error(scan_box, self.errors["scan"]))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)

    def pick_scan(self) -> None:
        path = prompts.open_file(self, "Attach the signed agreement", SCAN_FILTER)
        if path is not None:
            self.load_scan(path)

    def load_scan(self, path: Path) -> None:
        """Read the chosen file into memory (it is only ever written into the database)."""
        try:
            if path.stat().st_size > signature_scans.MAX_SCAN_BYTES:
                self.errors["scan"].show_error(
                    f"The scan is larger than {signature_scans.MAX_SCAN_BYTES // 1024 // 1024} MB: "
                    "scan at a lower resolution."
                )
                return
            data = path.read_bytes()
            signature_scans.check_scan(data)
        except OSError:
            self.errors["scan"].show_error("The file could not be read.")
            return
        except ValueError as error:
            self.errors["scan"].show_error(f"The scan {error}.")
            return
        self.set_scan(data, path.name)

    def set_scan(self, data: bytes | None, name: str) -> None:
        self.scan, self.scan_name = data, name
        self.errors["scan"].show_error("")
        if data is None:
            self.scan_label.setText("No scan attached")
        else:
            self.scan_label.setText(f"{name} ({max(1, len(data) // 1024)} kB)")
        self.remove_scan.setEnabled(data is not None)

    def submit(self) -> bool:
        try:
            with self.ctx.store.session() as s:
                signing.sign_on_paper(
                    s,
                    self.person_id,
                    self.signed_on.checked_value(),  # type: ignore[arg-type]
                    self.witness.text(),
                    self.scan,
                    "",
                    self.scan_name,
                    today=self.ctx.clock.today(),
                )
        except ValidationError as error:
            for key, label in self.errors.items():
                label.show_error(error.errors.get(key, ""))
            return False
        except DomainError as error:
            self.summary.show_error(str(error))
            return False
        self.signed.emit(self.person_id)
        self.accept()
        return True
