"""The Screening tab records an adult's answers and shows the level in words; the
disclosure can only be made once its wording, as it stands, has been shown."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from contactcentre.domain.disclosure import log as disclosure_log
from contactcentre.domain.safeguarding import incidents, screening
from contactcentre.store.models import Answer, IncidentCategory, ScreeningItem
from contactcentre.ui import printing, prompts
from contactcentre.ui.context import Context
from contactcentre.ui.safeguarding.dialogs import DiscloseDialog
from contactcentre.ui.safeguarding.screening_tab import ScreeningTab
from tests.factories import add_family
from tests.pdf_text import pdf_text


def test_answering_yes_to_a_child_abuse_conviction_shows_the_block_in_words(
    qtbot: QtBot, ctx: Context
) -> None:
    family_id = add_family(ctx.store, "F-0001")
    tab = ScreeningTab(ctx, family_id)
    qtbot.addWidget(tab)
    tab.adult.setCurrentIndex(tab.adult.findText("Mark Jones", Qt.MatchFlag.MatchStartsWith))
    combo = tab.combos[ScreeningItem.child_offences]
    combo.setCurrentIndex(combo.findData(Answer.yes))
    tab.notes[ScreeningItem.child_offences].setText("2019, Leeds Crown Court")
    qtbot.mouseClick(tab.save_answers, Qt.MouseButton.LeftButton)
    assert "Recommended: Supervised contact" in tab.level.text()
    assert "Supported contact BLOCKED" in tab.level.text()
    tab.override.setText("Spent conviction; Cafcass assessed the risk as low")
    qtbot.mouseClick(tab.save_override, Qt.MouseButton.LeftButton)
    assert "overridden by" in tab.level.text()
    with ctx.store.session() as s:
        mark = next(a for a in screening.screening(s, family_id).adults if a.name == "Mark Jones")
    line = next(x for x in mark.answers if x.item == ScreeningItem.child_offences)
    assert (line.answer, line.note) == (Answer.yes, "2019, Leeds Crown Court")


def test_disclosing_needs_the_wording_reviewed_then_logs_and_saves_the_pdf(
    qtbot: QtBot, ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    family_id = add_family(ctx.store, "F-0001")
    with ctx.store.session() as s:
        row = incidents.record_incident(
            s,
            incidents.IncidentForm(
                datetime(2026, 11, 14, 10, 40, tzinfo=UTC),
                IncidentCategory.safeguarding_concern,
                family_id,
                seen="Bruise on Lily's arm",
                decision="Tell social services",
            ),
        )
        incidents.sign_off(s, row.id or 0)
    dialog = DiscloseDialog(ctx, row.id or 0, None)
    qtbot.addWidget(dialog)
    dialog.recipient.setText("Duty team, Leeds Children's Services")
    dialog.reason.setPlainText("Lily may be at risk of harm at home")
    assert not dialog.ok.isEnabled()
    qtbot.mouseClick(dialog.review, Qt.MouseButton.LeftButton)
    assert "Bruise on Lily's arm" in dialog.wording.toPlainText() and dialog.ok.isEnabled()
    dialog.recipient.setText("Someone else")  # changed after the review: review again
    assert not dialog.ok.isEnabled()
    dialog.recipient.setText("Duty team, Leeds Children's Services")
    qtbot.mouseClick(dialog.review, Qt.MouseButton.LeftButton)
    target = tmp_path / "disclosure.pdf"
    monkeypatch.setattr(printing, "ask_save_path", lambda *a: target)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert "Bruise on Lily's arm" in pdf_text(target.read_bytes())
    with ctx.store.session() as s:
        [entry] = disclosure_log.log_entries(s)
    assert entry.recipient == "Duty team, Leeds Children's Services"
    assert entry.outcome.value == "harm"


def test_the_risk_statement_is_saved_with_its_next_review_and_the_tab_says_when(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    family_id = add_family(ctx.store, "F-0001")
    tab = ScreeningTab(ctx, family_id)
    qtbot.addWidget(tab)
    told: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda _p, _t, message: told.append(message))
    qtbot.mouseClick(tab.add_risk, Qt.MouseButton.LeftButton)
    tab.risks.item(0, 0).setText("Verbal aggression at handover")
    qtbot.keyClicks(tab.review_on.edit, "31/02/2027")
    qtbot.mouseClick(tab.save_risks, Qt.MouseButton.LeftButton)
    assert told and "February 2027 has 28 days" in told[0]
    tab.review_on.set_value(None)  # empty: the centre's three months from today
    qtbot.mouseClick(tab.save_risks, Qt.MouseButton.LeftButton)
    with ctx.store.session() as s:
        found = screening.screening(s, family_id)
    assert found.statement_reviewed_on == date(2027, 3, 13)  # today (the tests' clock)
    assert found.review_on == date(2027, 6, 13)
    assert f"Risk statement to be reviewed by {found.review_on:%a %d %b %Y}." in tab.level.text()
    tab.review_on.set_value(date(2027, 4, 30))
    qtbot.mouseClick(tab.save_risks, Qt.MouseButton.LeftButton)
    assert "to be reviewed by Fri 30 Apr 2027." in tab.level.text()
