"""The Retention screen as a coordinator uses it: review the due list, approve it, see the
destruction log; and produce a subject-access export after reviewing it on screen."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from contactcentre.domain.retention import holds
from contactcentre.ui import prompts
from contactcentre.ui.context import Context
from contactcentre.ui.retention.access_dialog import SubjectAccessDialog
from contactcentre.ui.retention.retention_screen import RetentionScreen
from tests.domain.retention.helpers import closed_family
from tests.factories import add_family
from tests.pdf_text import pdf_text


def cells(table: object) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]  # type: ignore[attr-defined]
        for r in range(table.rowCount())  # type: ignore[attr-defined]
    ]


def test_approving_the_due_list_destroys_it_and_logs_it_leaving_the_held_family(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed_family(ctx.store, "F-0001", date(2023, 6, 1))
    closed_family(ctx.store, "F-0002", date(2023, 6, 1))
    with ctx.store.session() as s:
        holds.set_hold(s, "F-0002", "Court hearing pending")
    screen = RetentionScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    assert cells(screen.due_table) == [["Family records", "F-0001", "01/06/2023", "01/06/2026"]]
    assert cells(screen.held_table)[0][:2] == ["F-0002", "legal hold: Court hearing pending"]
    asked: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(prompts, "confirm", lambda _p, _t, q, **_k: asked.append(q) or True)
    monkeypatch.setattr(prompts, "info", lambda _p, _t, m: told.append(m))
    screen.approve_button.click()
    assert "family records: 1" in asked[0]
    assert told == [
        "family records: 7 destroyed\ndisclosure log entries (personal data removed): 1 destroyed"
    ]
    assert cells(screen.due_table) == []
    assert [row[1:3] for row in cells(screen.log_table)] == [
        ["family records", "7"],
        ["disclosure log entries (personal data removed)", "1"],
    ]
    assert not screen.approve_button.isEnabled()


def test_a_resolved_complaint_is_on_the_due_list_and_approving_destroys_it(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    from contactcentre.domain.safeguarding import complaints

    with ctx.store.session() as s:  # today is Sat 13 Mar 2027
        complaints.add_complaint(
            s, received=date(2026, 1, 5), from_whom="A grandparent", about="The car park",
            today=date(2026, 1, 5),
        )  # fmt: skip
        complaints.update_complaint(
            s, "C-0001", responded_on=date(2026, 2, 1), outcome="Apologised"
        )
    screen = RetentionScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    assert cells(screen.due_table) == [["Complaint", "C-0001", "resolved 01/02/2026", "01/02/2027"]]
    assert "complaints: 1 year after the complaint was resolved" in screen.rules.text()
    asked: list[str] = []
    monkeypatch.setattr(prompts, "confirm", lambda _p, _t, q, **_k: asked.append(q) or True)
    monkeypatch.setattr(prompts, "info", lambda *_a: None)
    screen.approve_button.click()
    assert "complaints: 1 (1 year after the complaint was resolved)" in asked[0]
    assert cells(screen.due_table) == []
    assert [row[1:3] for row in cells(screen.log_table)] == [["complaints", "1"]]


def test_declining_the_confirmation_destroys_nothing(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed_family(ctx.store, "F-0001", date(2023, 6, 1))
    screen = RetentionScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    monkeypatch.setattr(prompts, "confirm", lambda *_a, **_k: False)
    screen.approve_button.click()
    screen.refresh()
    assert len(cells(screen.due_table)) == 1 and cells(screen.log_table) == []


def test_a_subject_access_export_is_reviewed_then_written_and_logged(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    add_family(ctx.store, "F-0001")
    dialog = SubjectAccessDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.person, "Sarah Jones")
    assert not dialog.write_button.isEnabled()
    dialog.review_button.click()
    shown = json.loads(dialog.preview.toPlainText())
    assert shown["subject"] == "Sarah Jones"
    assert shown["sections"]["Your children"][0]["Name"] == "Lily Jones"
    # Mark's phone is the other parent's: withheld, and the summary says so.
    assert "0113 496 0002" not in dialog.preview.toPlainText()
    assert "withheld as third-party data" in dialog.summary.text()
    assert "Other people in the family 1" in dialog.by_rule.text()  # where, before writing
    monkeypatch.setattr(prompts, "choose_folder", lambda *_a: tmp_path)
    monkeypatch.setattr(prompts, "info", lambda *_a: None)
    dialog.write_button.click()
    assert (tmp_path / "subject-access.pdf").read_bytes().startswith(b"%PDF")
    assert json.loads((tmp_path / "subject-access.json").read_text()) == shown
    from contactcentre.domain.disclosure.log import log_entries

    with ctx.store.session() as s:
        assert [e.recipient for e in log_entries(s)] == ["Sarah Jones, subject access"]


def test_an_unknown_person_is_refused_in_one_line(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_family(ctx.store, "F-0001")
    dialog = SubjectAccessDialog(ctx)
    qtbot.addWidget(dialog)
    errors: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda _p, _t, m: errors.append(m))
    qtbot.keyClicks(dialog.person, "Nobody Here")
    dialog.review_button.click()
    assert errors == ["F-0001 has no adult called 'Nobody Here'."]
    assert not dialog.write_button.isEnabled()


def test_an_overdue_and_a_due_soon_request_show_on_the_today_screen(
    qtbot: QtBot, ctx: Context
) -> None:
    from contactcentre.domain.retention import requests
    from contactcentre.ui.today.today_screen import TodayScreen

    add_family(ctx.store, "F-0001")
    add_family(ctx.store, "F-0002")
    add_family(ctx.store, "F-0003")
    ctx.store.act_as("Cath", ctx.clock.now)
    with ctx.store.session() as s:  # today is Sat 13 Mar 2027
        requests.log_request(s, "F-0001", "Sarah Jones", date(2027, 2, 12))  # due 12 Mar
        requests.log_request(s, "F-0002", "Sarah Jones", date(2027, 2, 18))  # due 18 Mar
        requests.log_request(s, "F-0003", "Sarah Jones", date(2027, 3, 1))  # due 1 Apr
    screen = TodayScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    text = screen.shown_text()
    assert "Subject access for F-0001 overdue since Fri 12 Mar 2027" in text
    assert "Subject access for F-0002 due Thu 18 Mar 2027" in text
    assert "Subject access for F-0003" not in text  # due 1 Apr: more than a week away


def test_a_rule_changed_on_the_centre_screen_shows_its_reason_and_is_used(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    from contactcentre.ui.admin.centre_screen import CentreScreen

    closed_family(ctx.store, "F-0001", date(2023, 6, 1))
    centre = CentreScreen(ctx)
    qtbot.addWidget(centre)
    centre.refresh()
    box = centre.retention
    assert box.years["family"].value() == 3 and "NACCC" in box.reasons["family"].text()
    errors: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda _p, _t, m: errors.append(m))
    monkeypatch.setattr(prompts, "info", lambda *_a: None)
    box.years["family"].setValue(5)
    box.reasons["family"].clear()
    box.change("family")
    assert errors == ["Reason is required"]
    qtbot.keyClicks(box.reasons["family"], "Our insurer asks for five years")
    box.change("family")
    screen = RetentionScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    assert cells(screen.due_table) == []  # 5 years from June 2023: not yet
    assert "family records: 5 years after" in screen.rules.text()


def test_a_request_is_logged_and_extended_from_the_screen(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_family(ctx.store, "F-0001")
    ctx.store.act_as("Cath", ctx.clock.now)
    screen = RetentionScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    answers = iter(["Sarah Jones", "Her solicitor", "Hundreds of pages to check"])
    monkeypatch.setattr(prompts, "choose", lambda _p, _t, _l, options: list(options.values())[-1])
    monkeypatch.setattr(prompts, "ask_text", lambda *_a, **_k: next(answers))
    screen.request_button.click()
    assert cells(screen.requests_table) == [
        ["F-0001", "Sarah Jones", "Her solicitor", "13/03/2027", "13/04/2027", "open"]
    ]
    screen.requests_table.selectRow(0)
    screen.extend_button.click()  # by the last option: two months
    assert cells(screen.requests_table)[0][4] == "13/06/2027"


def test_ticking_an_incident_passage_withholds_it_in_the_review_and_the_files(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from datetime import UTC, datetime

    from contactcentre.domain.safeguarding import incidents
    from contactcentre.store.models import IncidentCategory

    family_id = add_family(ctx.store, "F-0001")
    ctx.store.act_as("Cath", ctx.clock.now)
    with ctx.store.session() as s:
        form = incidents.IncidentForm(
            datetime(2027, 3, 6, 10, 40, tzinfo=UTC), IncidentCategory.aggression,
            family_id=family_id, seen="Raised voices at the door", said="QzMarkSaidzQ",
        )  # fmt: skip
        incidents.record_incident(s, form)
    dialog = SubjectAccessDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.person, "Sarah Jones")
    dialog.review_button.click()
    labels = [dialog.passages.item(r).text() for r in range(dialog.passages.count())]
    assert labels == [
        "INC-0001, What was seen: Raised voices at the door",
        "INC-0001, What was said: QzMarkSaidzQ",
    ]
    assert "QzMarkSaidzQ" in dialog.preview.toPlainText()  # unmarked: in the export
    dialog.passages.item(1).setCheckState(Qt.CheckState.Checked)  # other people's words
    assert "QzMarkSaidzQ" not in dialog.preview.toPlainText()
    assert "Raised voices at the door" in dialog.preview.toPlainText()
    monkeypatch.setattr(prompts, "choose_folder", lambda *_a: tmp_path)
    monkeypatch.setattr(prompts, "info", lambda *_a: None)
    dialog.write_button.click()
    for name in ("subject-access.json", "subject-access.pdf"):
        data = (tmp_path / name).read_bytes()
        text = pdf_text(data) if name.endswith(".pdf") else data.decode()
        assert "QzMarkSaidzQ" not in text and "[withheld: third party]" in text
        assert "Raised voices at the door" in text
    again = SubjectAccessDialog(ctx)  # the next review starts from the stored ticks
    qtbot.addWidget(again)
    qtbot.keyClicks(again.person, "Sarah Jones")
    again.review_button.click()
    assert again.passages.item(1).checkState() == Qt.CheckState.Checked
    assert "QzMarkSaidzQ" not in again.preview.toPlainText()
