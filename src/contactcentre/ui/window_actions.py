"""The main window's toolbar and menus: each action named, with its shortcut and tip."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar


def action(
    owner: QMainWindow | QMenu,
    text: str,
    name: str,
    shortcut: QKeySequence | str,
    tip: str,
    slot: Callable[..., Any],
) -> QAction:
    made = owner.addAction(text) if isinstance(owner, QMenu) else QAction(text, owner)
    made.setObjectName(name)
    made.setShortcut(QKeySequence(shortcut))
    if tip:
        made.setToolTip(tip)
    made.triggered.connect(slot)
    return made


def toolbar(window: Any) -> tuple[QToolBar, QAction, QAction]:
    """The toolbar (hidden until unlocked) with Lock and Settings…."""
    bar = QToolBar("Main")
    bar.setObjectName("mainToolbar")
    bar.setMovable(False)
    window.addToolBar(bar)
    lock = action(
        window, "Lock", "lockAction", "Ctrl+L", "Lock the centre's records (Ctrl+L)", window.lock
    )
    bar.addAction(lock)
    settings = action(
        window,
        "Settings…",
        "settingsAction",
        "Ctrl+,",
        "Lock timing, backups, restore, passphrase (Ctrl+,)",
        window.open_settings,
    )
    bar.addAction(settings)
    bar.setVisible(False)
    return bar, lock, settings


def menus(window: Any) -> QAction:
    """File (Quit) and Help (Guide, About); returns Quit."""
    file_menu = window.menuBar().addMenu("&File")
    quit_action = action(
        file_menu,
        "Quit",
        "quitAction",
        "Ctrl+Q",
        "Lock the records and close Contact Centre (Ctrl+Q)",
        window.close,  # closeEvent locks first
    )
    help_menu = window.menuBar().addMenu("&Help")
    help_key = QKeySequence(QKeySequence.StandardKey.HelpContents)
    action(help_menu, "Guide", "guideAction", help_key, "", window.show_guide)
    action(help_menu, "About Contact Centre", "aboutAction", "", "", window.show_about)
    return quit_action
