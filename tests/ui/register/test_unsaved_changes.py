"""A family form with changes is never lost by a stray Escape, Cancel or close button:
the coordinator is asked first. An untouched form just closes, and so does the lock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from contactcentre.ui import prompts
from contactcentre.ui.context import Context
from contactcentre.ui.register.family_editor import FamilyEditor
from tests.factories import add_family


class CloseButton(QCloseEvent):
    """The close event a window manager sends when a person clicks the close button."""

    def spontaneous(self) -> bool:
        return True


def opened(qtbot: QtBot, ctx: Context) -> FamilyEditor:
    editor = FamilyEditor(ctx, add_family(ctx.store, "F-0001"))
    qtbot.addWidget(editor)
    editor.show()
    return editor


def asking(monkeypatch: pytest.MonkeyPatch, *answers: bool) -> list[str]:
    asked: list[str] = []
    replies = iter(answers)

    def confirm(_parent: object, _title: str, question: str, *, yes: str = "Yes") -> bool:
        asked.append(f"{question} [{yes}]")
        return next(replies)

    monkeypatch.setattr(prompts, "confirm", confirm)
    return asked


def test_an_untouched_family_closes_on_escape_without_a_question(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = asking(monkeypatch)
    editor = opened(qtbot, ctx)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible() and asked == []


def test_escape_with_changes_asks_and_keeps_the_typing_unless_discarded(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = asking(monkeypatch, False, True)
    editor = opened(qtbot, ctx)
    notes = editor.case.widgets["notes"]
    notes.setFocus()
    qtbot.keyClicks(notes, "Dad asked for later times")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert asked == [
        "This family has changes that are not saved. Close it and lose them? [Discard changes]"
    ]
    assert editor.isVisible()
    assert "Dad asked for later times" in editor.case.get("notes")

    cancel = editor.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert len(asked) == 2 and not editor.isVisible()


def test_the_close_button_asks_but_the_lock_closes_quietly(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = asking(monkeypatch, False)
    editor = opened(qtbot, ctx)
    editor.late.setValue(20)
    QApplication.sendEvent(editor, CloseButton())
    assert asked and editor.isVisible()

    editor.close()  # what the lock does, after keeping the typing as a draft
    assert not editor.isVisible() and len(asked) == 1


def test_typing_kept_over_a_lock_still_counts_as_unsaved(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = asking(monkeypatch, False)
    editor = opened(qtbot, ctx)
    draft = editor.collect(draft=True)
    restored = FamilyEditor(ctx, editor.family_id, draft=draft)
    qtbot.addWidget(restored)
    restored.show()
    qtbot.keyClick(restored, Qt.Key.Key_Escape)
    assert asked and restored.isVisible()
