"""One exception hook for the GUI: log the bug and show a copyable report.

The report names the exception type and where it happened, never its message or any
values: a message can carry a child's name, and this text is meant to be sent on.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from types import TracebackType

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from contactcentre import __version__
from contactcentre.errors import UserError
from contactcentre.ui import prompts

log = logging.getLogger(__name__)


def _where(filename: str) -> str:
    """A file's path from its package on, never the folders above it (they can hold a name)."""
    path = "/" + filename.replace("\\", "/").lstrip("/")
    if "/site-packages/" in path:
        return path.rsplit("/site-packages/", 1)[1]
    if "/contactcentre/" in path:
        return "contactcentre/" + path.rsplit("/contactcentre/", 1)[1]
    return path.rsplit("/", 1)[1]


def report(kind: type[BaseException], tb: TracebackType | None) -> str:
    frames = traceback.extract_tb(tb)
    lines = [
        f"Contact Centre {__version__}, Python {platform.python_version()}, {platform.system()}",
        f"Error: {kind.__module__}.{kind.__qualname__}",
        "Where:",
        *(f"  {_where(frame.filename)}:{frame.lineno} in {frame.name}" for frame in frames),
    ]
    return "\n".join(lines)


class CrashDialog(QDialog):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.setWindowTitle("Something went wrong")
        self.setObjectName("crashDialog")
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Contact Centre hit a problem it did not expect. Your saved records are safe.\n"
                "Please copy this report (it holds no personal data) and send it to whoever "
                "looks after the app."
            )
        )
        self.text = QPlainTextEdit(text)
        self.text.setReadOnly(True)
        self.text.setTabChangesFocus(True)
        self.text.setObjectName("crashReport")
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton("Copy report", QDialogButtonBox.ButtonRole.ActionRole)
        copy.setDefault(True)
        # The stylesheet makes the default button bold, which Qt leaves out of its size.
        bold = QFont(copy.font())
        bold.setBold(True)
        copy.setMinimumWidth(QFontMetrics(bold).horizontalAdvance(copy.text()) + 40)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(text))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    if issubclass(kind, UserError):
        # An expected failure no screen caught (a full disk while saving): its message is
        # written for the coordinator, so show it instead of reporting a bug. Only the
        # type is logged, as for bugs.
        log.warning("%s was not handled by the screen", kind.__qualname__)
        if QApplication.instance() is not None:
            prompts.error(None, "Contact Centre", str(value))
        return
    text = report(kind, tb)
    log.error("unexpected error\n%s", text)
    if QApplication.instance() is not None:
        CrashDialog(text).exec()


def install() -> None:
    sys.excepthook = excepthook
