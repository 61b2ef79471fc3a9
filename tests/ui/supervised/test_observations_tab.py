"""The Observations tab as a coordinator and a supervisor use it: a worker writes and
submits a record, cannot approve it (the button says why), another approves it, and the
coordinator produces the report."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from contactcentre.domain.disclosure import log as disclosure_log
from contactcentre.store.models import TeamRole
from contactcentre.ui import prompts
from contactcentre.ui.context import Context
from contactcentre.ui.disclosure.log_screen import DisclosuresScreen
from contactcentre.ui.register.family_editor import FamilyEditor
from contactcentre.ui.supervised.observations_tab import ObservationsTab
from contactcentre.ui.supervised.record_dialog import RecordDialog
from contactcentre.ui.supervised.report_dialog import ReportDialog
from tests.domain.supervised.helpers import CHECKER, WRITER, supervised_family
from tests.factories import add_family
from tests.pdf_text import pdf_text

NOW = datetime(2027, 3, 13, 13, 0, tzinfo=UTC)
SHOTS = os.environ.get("CC_SCREENSHOTS")  # a folder: save what the tab and editor look like


def shot(widget: object, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))  # type: ignore[attr-defined]


def test_write_submit_approve_by_another_and_produce_the_report(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    family_id, _ = supervised_family(ctx.store)
    ctx.store.act_as(WRITER, lambda: NOW, TeamRole.coordinator)  # the worker (coordinator here)
    editor = FamilyEditor(ctx, family_id)
    qtbot.addWidget(editor)
    tab = editor.observations_tab
    assert editor.tabs.tabText(editor.tabs.indexOf(tab)) == "Observations"
    monkeypatch.setattr(prompts, "choose", lambda _p, _t, _l, options: next(iter(options.values())))
    tab.new_button.click()
    dialog = tab.actions.dialog
    assert isinstance(dialog, RecordDialog) and dialog.editable
    assert "6–11" in dialog.findChild(object, "observationPrompts").text()  # Lily is 7
    dialog.fields["what_happened"].setPlainText("Lily and Mark played snap; Mark praised her.")
    dialog.fields["aim"].setPlainText("Rebuild play")  # type: ignore[union-attr]
    editor.resize(1280, 700)
    shot(dialog, "record-dialog")
    dialog.save_button.click()
    tab.table.selectRow(0)
    tab.actions.submit_button.click()
    tab.table.selectRow(0)
    assert tab.views[0].record.state.value == "submitted"
    assert not tab.actions.approve_button.isEnabled()
    assert "You wrote this record" in tab.actions.why.text()
    editor.tabs.setCurrentWidget(tab)
    shot(editor, "observations-tab")

    ctx.store.act_as(CHECKER, lambda: NOW, TeamRole.supervisor)
    tab.refresh()
    tab.table.selectRow(0)
    assert tab.actions.approve_button.isEnabled() and tab.actions.why.text() == ""
    tab.actions.approve_button.click()
    assert tab.views[0].record.approved_by == CHECKER

    ctx.store.act_as("Coordinator", lambda: NOW, TeamRole.coordinator)
    tab.refresh()
    target = tmp_path / "report.pdf"
    monkeypatch.setattr(prompts, "save_file", lambda *_a: target)
    monkeypatch.setattr(prompts, "confirm", lambda *_a, **_k: False)
    tab.report_button.click()
    report = tab.report_dialog
    assert isinstance(report, ReportDialog)
    report.draft.setChecked(False)
    report.recipient.setText("Nia Hughes, Cafcass")
    report.ok.click()
    text = pdf_text(target.read_bytes())
    assert "Lily and Mark played snap; Mark praised her." in text
    assert f"approved by {CHECKER}" in text and "10:00" in text
    assert tab.views[0].record.state.value == "released"
    with ctx.store.session() as s:
        assert [e.recipient for e in disclosure_log.log_entries(s)] == ["Nia Hughes, Cafcass"]
    log = DisclosuresScreen(ctx)  # the disclosure log re-opens the report, as a letter
    qtbot.addWidget(log)
    log.refresh()
    log.table.selectRow(0)
    log.reopen_button.click()
    assert "the digest matches the report sent" in log.status.text()


def test_a_supported_family_has_no_observations_tab(qtbot: QtBot, ctx: Context) -> None:
    editor = FamilyEditor(ctx, add_family(ctx.store, "F-0003"))
    qtbot.addWidget(editor)
    assert not editor.findChildren(ObservationsTab)
