"""Every modal question the app asks goes through here, so tests replace one module."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

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


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None


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
