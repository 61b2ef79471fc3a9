"""The "Agreement text" screen: edit the centre's agreement and save it as a new version.

Saved versions are listed and shown read-only: nobody can change what was signed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from contactcentre.domain.agreements import copies as agreement_copies
from contactcentre.domain.agreements import versions as agreement_versions
from contactcentre.domain.centre import get_centre
from contactcentre.domain.errors import DomainError, ValidationError
from contactcentre.ui import printing, prompts
from contactcentre.ui.agreements.signing_dialogs import for_reading
from contactcentre.ui.context import Context, KeepsNoDraft
from contactcentre.ui.fields import ErrorLabel


class AgreementScreen(KeepsNoDraft, QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("agreementScreen")
        self._current_text = ""
        self._current_version = 0
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

        # left: the saved versions, read-only
        self.history = QListWidget()
        self.history.setObjectName("agreementVersions")
        self.history.setAccessibleName("Saved versions of the agreement")
        self.viewer = QTextBrowser()
        self.viewer.setObjectName("agreementVersionText")
        self.viewer.setAccessibleName("The selected version (read-only)")
        self.viewer.setOpenLinks(False)
        self.history.setMaximumHeight(140)
        self.history.currentItemChanged.connect(self._show_version)
        self.blank_button = QPushButton("Print blank copy…")
        self.blank_button.setObjectName("printBlankAgreement")
        self.blank_button.setToolTip("An unnamed copy of the agreement in force, for pre-visits")
        self.blank_button.clicked.connect(self.print_blank)
        self.blank_save = QPushButton("Save blank as PDF…")
        self.blank_save.setObjectName("saveBlankAgreement")
        self.blank_save.clicked.connect(self.save_blank)
        blank_row = QHBoxLayout()
        blank_row.addWidget(self.blank_button)
        blank_row.addWidget(self.blank_save)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("<b>Saved versions</b> (read-only)"))
        left_layout.addWidget(self.history)
        left_layout.addWidget(self.viewer, 1)
        left_layout.addLayout(blank_row)

        # right: the editor for the next version
        self.heading = QLabel()
        self.heading.setObjectName("agreementEditorHeading")
        hint = QLabel(
            "Headings start with '# ', list items with '- '. "
            "{centre_name} is replaced by the centre's name."
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("agreementEditor")
        self.editor.setAccessibleName("The agreement's wording")
        self.editor.setFont(mono)
        self.editor.setTabChangesFocus(True)  # Markdown needs no tabs; Tab leaves the box
        self.editor.textChanged.connect(self._changed)
        self.resign = QCheckBox("Everyone must sign again")
        self.resign.setObjectName("requiresResign")
        self.resign.setChecked(True)
        self.resign.setToolTip(
            "Untick only for changes that do not alter what people agree to (a spelling fix)."
        )
        self.saved_by = QLineEdit()
        self.saved_by.setObjectName("agreementSavedBy")
        self.saved_by.setAccessibleName("Saved by")
        self.saved_by.setPlaceholderText("Your name")
        self.save_button = QPushButton("Save as new version")
        self.save_button.setObjectName("saveAgreementVersion")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("Undo changes")
        self.revert_button.setObjectName("revertAgreement")
        self.revert_button.clicked.connect(lambda: self.editor.setPlainText(self._current_text))
        self.error = ErrorLabel()
        self.message = QLabel()
        self.message.setObjectName("agreementSaved")
        actions = QHBoxLayout()
        actions.addWidget(self.resign)
        actions.addWidget(QLabel("Saved by"))
        actions.addWidget(self.saved_by)
        actions.addStretch(1)
        actions.addWidget(self.revert_button)
        actions.addWidget(self.save_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(hint)
        right_layout.addWidget(self.editor, 1)
        right_layout.addWidget(self.error)
        right_layout.addWidget(self.message)
        right_layout.addLayout(actions)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([420, 680])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def refresh(self) -> None:
        with self.ctx.store.session() as s:
            rows = [
                (row.version, row.text, row.requires_resign, row.created_by, row.created_at)
                for row in agreement_versions.versions(s)
            ]
            coordinator = get_centre(s).coordinator_name
        self.history.clear()
        for version, text, resign, who, at in rows:
            when = at.astimezone(self.ctx.clock.tz)
            label = f"Version {version} — {when:%d/%m/%Y}"
            if who:
                label += f" — {who}"
            if not resign:
                label += " (no re-signing)"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, text)
            self.history.addItem(item)
        self._current_version, self._current_text = rows[0][0], rows[0][1]
        self.heading.setText(
            f"<b>Edit the wording</b> — version {self._current_version} is in force; "
            f"saving makes version {self._current_version + 1}"
        )
        self.editor.setPlainText(self._current_text)
        if not self.saved_by.text():
            self.saved_by.setText(coordinator)
        self.history.setCurrentRow(0)
        self._changed()

    def has_unsaved_edits(self) -> bool:
        """Wording typed but not saved (a refresh would put the saved text back)."""
        return self.editor.toPlainText().strip() != self._current_text.strip()

    def clear(self) -> None:
        self.history.clear()
        self.viewer.clear()
        self.editor.clear()
        self.saved_by.clear()
        self.message.clear()

    def _show_version(self, item: QListWidgetItem | None) -> None:
        text = item.data(Qt.ItemDataRole.UserRole) if item is not None else ""
        self.viewer.setMarkdown(for_reading(text))

    def _changed(self) -> None:
        dirty = self.editor.toPlainText().strip() != self._current_text.strip()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        if dirty:
            self.message.clear()

    def save(self) -> bool:
        try:
            with self.ctx.store.session() as s:
                row = agreement_versions.save_new_version(
                    s,
                    self.editor.toPlainText(),
                    requires_resign=self.resign.isChecked(),
                    created_by=self.saved_by.text(),
                )
                version, resign = row.version, row.requires_resign
        except ValidationError as error:
            self.error.show_error("; ".join(error.errors.values()))
            return False
        self.error.show_error("")
        self.resign.setChecked(True)
        self.refresh()
        again = " Families who signed before will show 'Re-sign needed'." if resign else ""
        self.message.setText(f"Saved as version {version}.{again}")
        return True

    def _blank(self) -> bytes:
        with self.ctx.store.session() as s:
            copy = agreement_copies.blank_copy(s)
        from contactcentre.documents.agreement_form import render_agreements

        return render_agreements([copy])

    def print_blank(self) -> None:
        try:
            pdf = self._blank()
        except DomainError as error:
            prompts.error(self, "Print blank copy", str(error))
            return
        if printing.print_pdf(self, "Blank agreement", pdf):
            self.message.setText("Sent a blank agreement to the printer")

    def save_blank(self) -> None:
        try:
            name = printing.dated_name("agreement", "blank", self.ctx.clock.today())
            path = printing.save_pdf(
                self,
                "Save a blank agreement",
                name,
                self._blank(),
                database=self.ctx.store.path,
            )
        except DomainError as error:
            prompts.error(self, "Save blank copy", str(error))
            return
        if path is not None:
            self.message.setText(f"Saved a blank agreement to {path.name}")
