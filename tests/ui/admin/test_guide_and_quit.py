"""Help → Guide explains the kinds of contact and how a Saturday runs, offline; File → Quit
(Ctrl+Q) locks the records and closes the app."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from contactcentre import paths
from contactcentre.domain import audit
from contactcentre.store.engine import Store
from contactcentre.ui.admin.guide import GUIDE_FORM, GuideDialog
from contactcentre.ui.main_window import MainWindow
from tests.conftest import PASSPHRASE


def menu_action(window: MainWindow, name: str) -> QAction:
    action = window.findChild(QAction, name)
    assert action is not None, name
    return action


def test_the_help_menu_opens_a_guide_to_contact_and_to_a_saturday(
    window: MainWindow, qtbot: QtBot
) -> None:
    guide = menu_action(window, "guideAction")
    assert guide.text() == "Guide"
    guide.trigger()
    [dialog] = window.findChildren(GuideDialog)
    qtbot.waitExposed(dialog)
    text = dialog.text.toPlainText()
    for words in [
        "Supported contact",
        "Supervised contact",
        "Handover only",
        "Indirect contact",
        "pre-session check",
        "The door",
        "Staggered arrival",
        "Handover.",
        "Collection.",
        "After the session",
    ]:
        assert words in text, words
    assert "version: 1" not in text  # the form's header is not shown
    assert paths.form(GUIDE_FORM).is_file()  # shipped with the app (forms/ is in the wheel)
    dialog.close()


def test_quit_with_ctrl_q_locks_the_records_and_closes_the_window(
    window: MainWindow, store: Store
) -> None:
    quit_action = menu_action(window, "quitAction")
    assert quit_action.text() == "Quit"
    QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    assert not window.is_unlocked and not store.is_open
    reopened = Store.open(store.path, PASSPHRASE)
    try:
        with reopened.session() as s:
            assert audit.entries(s)[0].action == "lock"
    finally:
        reopened.close()
