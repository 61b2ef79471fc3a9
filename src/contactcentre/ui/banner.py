"""A strip across the top of the workspace: a message, one action, and "Later".

Non-blocking on purpose: the backup reminder and the damage warning must be seen, but must
not stop a volunteer in the middle of a session day. A warning that stays true while the
records are open (damaged, read-only) has no "Later".
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class Banner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.label = QLabel()
        self.label.setObjectName("bannerText")
        self.label.setWordWrap(True)
        self.action = QPushButton()
        self.action.setObjectName("bannerAction")
        self.later = QPushButton("Later")
        self.later.setObjectName("bannerLater")
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action)
        layout.addWidget(self.later)
        self.later.clicked.connect(self.dismiss)
        self._callback: Callable[[], object] | None = None
        self.action.clicked.connect(self._act)
        self.hide()

    def show_message(
        self,
        text: str,
        action: str,
        callback: Callable[[], object],
        *,
        alarm: bool = False,
        dismissable: bool = True,
    ) -> None:
        self.setProperty("alarm", alarm)
        self.style().unpolish(self)
        self.style().polish(self)
        self.label.setText(text)
        self.action.setText(action)
        self.later.setVisible(dismissable)
        self._callback = callback
        self.show()

    def _act(self) -> None:
        if self._callback is not None:
            self._callback()

    def dismiss(self) -> None:
        self.hide()
        self.label.clear()
        self._callback = None
