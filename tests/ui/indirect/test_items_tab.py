"""The Items tab as a coordinator uses it: log a card that came by post, read it, decide
to pass it on, print its label, record it passed on, and look up the recipient's address
(a volunteer cannot)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from contactcentre.store.models import AuditEntry, TeamRole
from contactcentre.store.types import utcnow
from contactcentre.ui import printing
from contactcentre.ui.context import Context
from contactcentre.ui.indirect.dialogs import DecideItemDialog, ItemDateDialog, LogItemDialog
from contactcentre.ui.indirect.items_tab import HIDDEN, ItemsTab
from tests.indirect_family import indirect_family, log
from tests.pdf_text import pdf_text


def shown(tab: ItemsTab) -> list[list[str]]:
    table = tab.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def ok(qtbot: QtBot, dialog: object) -> None:
    button = dialog.ok  # type: ignore[attr-defined]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_logging_a_card_and_passing_it_on(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = indirect_family(ctx.store)
    tab = ItemsTab(ctx, f.id)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.mouseClick(tab.buttons["logItem"], Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, LogItemDialog)
    dialog.sender.setCurrentIndex(dialog.sender.findData(f.mark))
    assert dialog.recipient.currentData() == f.sarah  # the rules fill in the other parent
    kind = dialog.findChild(QComboBox, "itemKind")
    assert kind is not None
    kind.setCurrentIndex(kind.findText("Card"))
    dialog.received.edit.setText("")
    qtbot.keyClicks(dialog.received.edit, "10/03/2027")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "itemDescription"), "Birthday card")
    ok(qtbot, dialog)
    assert tab.message.text() == "I-0001 logged."
    assert shown(tab) == [
        ["I-0001", "Wed 10 Mar 2027", "Card", "Mark Jones", "Sarah Jones",
         "Waiting to be read", "Birthday card"],
    ]  # fmt: skip

    tab.table.selectRow(0)
    qtbot.mouseClick(tab.buttons["decideItem"], Qt.MouseButton.LeftButton)
    decide = tab.dialog
    assert isinstance(decide, DecideItemDialog)
    ok(qtbot, decide)  # passing on an unread item is refused, in the dialog
    assert "has not been read yet" in decide.message.text() and decide.isVisible()
    decide.reject()
    qtbot.mouseClick(tab.buttons["checkItem"], Qt.MouseButton.LeftButton)
    assert tab.message.text() == "I-0001 marked as read."
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.buttons["decideItem"], Qt.MouseButton.LeftButton)
    ok(qtbot, tab.dialog)
    assert shown(tab)[0][5] == "To pass on"

    printed: list[bytes] = []
    monkeypatch.setattr(printing, "print_pdf", lambda _p, _t, pdf: printed.append(pdf) or True)
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.buttons["printItemLabel"], Qt.MouseButton.LeftButton)
    [label] = printed
    assert "Sarah Jones" in pdf_text(label) and "Secret Road" not in pdf_text(label)

    tab.table.selectRow(0)
    qtbot.mouseClick(tab.buttons["passOnItem"], Qt.MouseButton.LeftButton)
    passing = tab.dialog
    assert isinstance(passing, ItemDateDialog)
    ok(qtbot, passing)
    assert shown(tab)[0][5] == "Passed on 13/03/2027"
    assert tab.message.text() == "I-0001 passed on."


def reveals(ctx: Context) -> int:
    with ctx.store.session() as s:
        query = select(AuditEntry).where(col(AuditEntry.action) == "address.reveal")
        return len(s.exec(query).all())


def test_the_recipients_address_shows_only_after_a_coordinators_click(
    qtbot: QtBot, ctx: Context
) -> None:
    f = indirect_family(ctx.store)
    log(ctx.store, f)
    tab = ItemsTab(ctx, f.id)
    qtbot.addWidget(tab)
    tab.table.selectRow(0)
    assert tab.address.text() == HIDDEN and "Elm" not in tab.address.text()
    qtbot.mouseClick(tab.show_address, Qt.MouseButton.LeftButton)
    assert tab.address.text() == "Sarah Jones: 12 Elm Street, Leeds LS6 2AB"
    assert reveals(ctx) == 1
    tab.table.clearSelection()  # choosing again hides it
    assert tab.address.text() == HIDDEN

    ctx.store.act_as("Sam Volunteer", utcnow, TeamRole.volunteer)
    tab.refresh()
    assert tab.message.text() == "Only a coordinator or a supervisor can see the item log."
    assert tab.table.rowCount() == 0 and tab.buttons["logItem"].isEnabled()
    assert not tab.buttons["printItemLabel"].isEnabled()
