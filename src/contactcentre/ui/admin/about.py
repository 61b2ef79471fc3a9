"""The About box: version, licence, where the data lives, and that nothing goes online."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from contactcentre import __version__, paths
from contactcentre.ui.fields import fit_to_screen


def about_text(db_path: Path) -> str:
    return (
        f"<h2>Contact Centre {__version__}</h2>"
        "<p>Runs one child contact centre from this laptop: the family register, "
        "agreements, sessions and handovers, sign-in sheets and attendance letters.</p>"
        "<p><b>Works fully offline.</b> It never connects to the internet: no updates, "
        "no web fonts, no telemetry.</p>"
        f"<p>The centre's encrypted records are kept in:<br><code>{db_path}</code></p>"
        "<p>Licence: GNU GPL version 3 or later. Fonts: DejaVu (Bitstream Vera licence).</p>"
    )


class AboutDialog(QDialog):
    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About Contact Centre")
        icon = QLabel()
        icon.setPixmap(QPixmap(str(paths.resource("icons", "contactcentre.png"))).scaledToWidth(96))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(about_text(db_path))
        self.text.setObjectName("aboutText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        # Tall enough for every wrapped line (the paths can be long), never taller than the screen.
        fit_to_screen(self, 560, max(320, layout.totalHeightForWidth(560)))
