"""Every modal question the app asks goes through here, so tests replace one module."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

T = TypeVar("T")


def confirm(parent: QWidget | None, title: str, question: str, *, yes: str = "Yes") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is yes_button


def error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def info(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


class TextQuestion(QDialog):
    """A question answered in one line. Unlike QInputDialog, a long question (a refusal
    listing every adult not ready) wraps instead of making the dialog wider than the screen."""

    WIDTH = 560

    def __init__(self, parent: QWidget | None, title: str, label: str, text: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("textQuestion")
        self.question = QLabel(label)
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.answer = QLineEdit(text)
        self.answer.setObjectName("textAnswer")
        self.answer.setAccessibleName(label.splitlines()[-1] if label else title)
        self.question.setBuddy(self.answer)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.answer)
        layout.addWidget(buttons)
        self.setFixedWidth(self.WIDTH)
        margins = layout.contentsMargins()
        inner = self.WIDTH - margins.left() - margins.right()
        self.question.setMinimumHeight(self.question.heightForWidth(inner))  # every line shows


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    dialog = TextQuestion(parent, title, label, text)
    return dialog.answer.text() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_secret(parent: QWidget | None, title: str, label: str) -> str | None:
    """A passphrase, typed unseen; None if cancelled ("" if left empty)."""
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
    return value if ok else None


def save_file(parent: QWidget | None, title: str, suggested: str, filter_: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filter_)
    return Path(name) if name else None


def open_file(parent: QWidget | None, title: str, filter_: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, "", filter_)
    return Path(name) if name else None


def choose_folder(parent: QWidget | None, title: str) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title)
    return Path(name) if name else None


def choose(parent: QWidget | None, title: str, label: str, options: dict[str, T]) -> T | None:
    """Pick one of several labelled options; None if cancelled."""
    names = list(options)
    name, ok = QInputDialog.getItem(parent, title, label, names, 0, False)
    return options[name] if ok and name in options else None
