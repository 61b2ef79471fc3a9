"""Fonts and the stylesheet, loaded from resources/ so the app looks the same on a
machine with no fonts installed at all."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from contactcentre import paths

log = logging.getLogger(__name__)
FONT_FAMILY = "DejaVu Sans"


def apply(app: QApplication) -> None:
    for ttf in sorted(paths.resource("fonts").glob("*.ttf")):
        if QFontDatabase.addApplicationFont(str(ttf)) < 0:
            log.warning("could not load font %s", ttf.name)
    font = QFont(FONT_FAMILY)
    font.setPointSize(11)
    app.setFont(font)
    qss = paths.resource("style.qss")
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    icon = paths.resource("icons", "contactcentre.png")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
