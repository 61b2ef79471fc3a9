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

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from contactcentre import __version__

log = logging.getLogger(__name__)


def report(kind: type[BaseException], tb: TracebackType | None) -> str:
    frames = traceback.extract_tb(tb)
    lines = [
        f"Contact Centre {__version__}, Python {platform.python_version()}, {platform.system()}",
        f"Error: {kind.__module__}.{kind.__qualname__}",
        "Where:",
        *(
            f"  {frame.filename.rsplit('site-packages', 1)[-1]}:{frame.lineno} in {frame.name}"
            for frame in frames
        ),
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
        self.text.setObjectName("crashReport")
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton("Copy report", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(text))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    text = report(kind, tb)
    log.error("unexpected error\n%s", text)
    if QApplication.instance() is not None:
        CrashDialog(text).exec()


def install() -> None:
    sys.excepthook = excepthook
