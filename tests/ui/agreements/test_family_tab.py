"""The Agreement tab, signing on screen and on paper, and editing the agreement's text."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot
from sqlmodel import select

from contactcentre.domain.agreements import readiness, signing
from contactcentre.domain.agreements import versions as agreement_versions
from contactcentre.store.models import AgreementVersion, Person, Signature, SignMethod
from contactcentre.ui import prompts
from contactcentre.ui.agreements.family_tab import AgreementTab
from contactcentre.ui.agreements.signing_dialogs import SignedOnPaperDialog, SignOnScreenDialog
from contactcentre.ui.agreements.text_screen import AgreementScreen
from contactcentre.ui.context import Context
from contactcentre.ui.register.family_editor import FamilyEditor
from tests.factories import add_family


def person_id(ctx: Context, first_name: str) -> int:
    with ctx.store.session() as s:
        person = s.exec(select(Person).where(Person.first_name == first_name)).one()
        assert person.id is not None
        return person.id


def open_tab(qtbot: QtBot, ctx: Context) -> tuple[FamilyEditor, AgreementTab]:
    family_id = add_family(ctx.store)
    editor = FamilyEditor(ctx, family_id)
    qtbot.addWidget(editor)
    tab = editor.agreement_tab
    assert tab is not None
    editor.tabs.setCurrentWidget(tab)
    editor.show()
    return editor, tab


def draw(qtbot: QtBot, pad, points: list[tuple[int, int]]) -> None:  # type: ignore[no-untyped-def]
    """Sign like a person: press, drag through the points, release."""
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def test_a_new_family_has_no_agreement_tab(qtbot: QtBot, ctx: Context) -> None:
    editor = FamilyEditor(ctx, None)
    qtbot.addWidget(editor)
    assert editor.agreement_tab is None
    assert [editor.tabs.tabText(i) for i in range(editor.tabs.count())] == [
        "Family",
        "Referral",
        "People",
    ]


def test_the_tab_shows_each_adult_and_why_the_family_is_not_ready(
    qtbot: QtBot, ctx: Context
) -> None:
    editor, tab = open_tab(qtbot, ctx)
    assert editor.tabs.tabText(3) == "Agreement"
    assert tab.verdict.text().count("Not ready for contact") == 1
    assert "Mark Jones has not signed the agreement (version 1)" in tab.reasons.text()
    assert "Stage: Referred" in tab.stage.text()
    assert [row.adult.name for row in tab.rows] == ["Mark Jones", "Sarah Jones"]
    assert [row.state.text() for row in tab.rows] == ["Not signed", "Not signed"]


def test_sign_on_screen_with_the_mouse_stores_the_signature(qtbot: QtBot, ctx: Context) -> None:
    _editor, tab = open_tab(qtbot, ctx)
    mark = person_id(ctx, "Mark")
    qtbot.mouseClick(tab.row_for(mark).sign_screen, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, SignOnScreenDialog)
    qtbot.waitExposed(dialog)
    assert "alcohol" in dialog.text.toPlainText()
    assert "Test Contact Centre" in dialog.text.toPlainText()
    assert not dialog.sign_button.isEnabled()  # nothing signed yet

    pad = dialog.pad
    w, h = pad.width(), pad.height()
    draw(
        qtbot,
        pad,
        [(w // 10, h // 2), (w // 4, h // 3), (w // 2, h * 2 // 3), (w * 3 // 4, h // 2)],
    )
    draw(qtbot, pad, [(w // 3, h // 4), (w // 3, h * 3 // 4)])
    assert len(pad.strokes()) == 2
    assert all(0 <= x <= 1 and 0 <= y <= 1 for stroke in pad.strokes() for x, y in stroke)
    assert dialog.sign_button.isEnabled()
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == dialog.DialogCode.Accepted
    with ctx.store.session() as s:
        signature = s.exec(select(Signature).where(Signature.person_id == mark)).one()
        strokes = signing.parse_strokes(signature.strokes)
        assert signature.method == SignMethod.screen
        assert signature.version == 1
        assert signature.signed_on == date(2027, 3, 13)
        assert "Test Contact Centre" in signature.text_signed
    assert len(strokes) == 2 and len(strokes[0]) >= 4
    assert strokes[0][0][0] == pytest.approx(0.1, abs=0.02)
    assert tab.row_for(mark).state.text() == "Signed v1 on screen 13/03/2027"


def test_clear_empties_the_pad(qtbot: QtBot, ctx: Context) -> None:
    _editor, tab = open_tab(qtbot, ctx)
    dialog = tab.open_dialog(SignOnScreenDialog, tab.rows[0].adult)
    qtbot.waitExposed(dialog)
    draw(qtbot, dialog.pad, [(20, 20), (80, 60), (140, 30)])
    assert dialog.sign_button.isEnabled()
    qtbot.mouseClick(dialog.pad.clear_button, Qt.MouseButton.LeftButton)
    assert dialog.pad.strokes() == []
    assert not dialog.sign_button.isEnabled()


def test_signed_on_paper_with_a_scan_attached(
    qtbot: QtBot, ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _editor, tab = open_tab(qtbot, ctx)
    sarah = person_id(ctx, "Sarah")
    scan = tmp_path / "sarah-signed.jpg"
    content = b"\xff\xd8\xff\xe0" + os.urandom(3000)
    scan.write_bytes(content)
    monkeypatch.setattr(prompts, "open_file", lambda *_a: scan)
    qtbot.mouseClick(tab.row_for(sarah).sign_paper, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, SignedOnPaperDialog)
    qtbot.mouseClick(
        dialog.findChild(type(tab.print_button), "attachScan"), Qt.MouseButton.LeftButton
    )
    assert "sarah-signed.jpg" in dialog.scan_label.text()

    dialog.witness.clear()
    dialog.submit()
    assert "Witnessed by is required" in dialog.errors["witnessed_by"].text()
    qtbot.keyClicks(dialog.witness, "Ann Coordinator")
    assert dialog.submit()

    with ctx.store.session() as s:
        signature = s.exec(select(Signature).where(Signature.person_id == sarah)).one()
        assert signature.scan == content and signature.scan_mime == "image/jpeg"
        assert signature.witnessed_by == "Ann Coordinator"
    row = tab.row_for(sarah)
    assert row.state.text() == "Signed v1 on paper 13/03/2027"
    assert not row.save_scan.isHidden()


def test_a_file_that_is_not_a_scan_is_refused_in_place(
    qtbot: QtBot, ctx: Context, tmp_path: Path
) -> None:
    _editor, tab = open_tab(qtbot, ctx)
    dialog = tab.open_dialog(SignedOnPaperDialog, tab.rows[0].adult)
    assert isinstance(dialog, SignedOnPaperDialog)
    bogus = tmp_path / "notes.jpg"
    bogus.write_bytes(b"just some text pretending to be a photo")
    dialog.load_scan(bogus)
    assert dialog.scan is None
    assert "must be a PDF, PNG or JPG" in dialog.errors["scan"].text()


def test_pre_visit_dates_and_signatures_make_the_family_ready(qtbot: QtBot, ctx: Context) -> None:
    _editor, tab = open_tab(qtbot, ctx)
    for adult_row in list(tab.rows):
        person = adult_row.adult.person_id
        row = tab.row_for(person)
        row.visit.pre_visit.set_value(date(2027, 3, 6))
        assert row.visit.save_date.isEnabled()
        qtbot.mouseClick(row.visit.save_date, Qt.MouseButton.LeftButton)
        with ctx.store.session() as s:
            signing.sign_on_paper(s, person, date(2027, 3, 6), "Ann Coordinator")
    tab.refresh()
    assert "Ready for contact" in tab.verdict.text()
    assert "Not ready" not in tab.verdict.text()
    assert "Stage: Agreement signed" in tab.stage.text()


def test_a_pre_visit_today_means_ready_from_tomorrow(qtbot: QtBot, ctx: Context) -> None:
    _editor, tab = open_tab(qtbot, ctx)
    with ctx.store.session() as s:
        for row in tab.rows:
            signing.sign_on_paper(s, row.adult.person_id, date(2027, 3, 13), "Ann Coordinator")
    for adult_row in list(tab.rows):
        row = tab.row_for(adult_row.adult.person_id)
        row.visit.pre_visit.set_value(date(2027, 3, 13))
        qtbot.mouseClick(row.visit.save_date, Qt.MouseButton.LeftButton)
    assert "Ready for contact from 14/03/2027" in tab.verdict.text()
    assert "The pre-visit for Mark Jones is on the same day" in tab.reasons.text()


def test_a_future_pre_visit_date_is_refused_next_to_the_field(qtbot: QtBot, ctx: Context) -> None:
    _editor, tab = open_tab(qtbot, ctx)
    row = tab.rows[0]
    row.visit.pre_visit.set_value(date(2027, 4, 1))
    qtbot.mouseClick(row.visit.save_date, Qt.MouseButton.LeftButton)
    assert "in the future" in row.visit.date_error.text()


def test_editing_the_agreement_text_saves_a_new_version_and_flags_re_signing(
    qtbot: QtBot, ctx: Context
) -> None:
    family_id = add_family(ctx.store)
    mark = person_id(ctx, "Mark")
    with ctx.store.session() as s:
        signing.sign_on_paper(s, mark, date(2027, 3, 6), "Ann Coordinator")
    screen = AgreementScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    assert screen.history.count() == 1
    assert not screen.save_button.isEnabled()
    assert screen.resign.isChecked()

    screen.editor.moveCursor(screen.editor.textCursor().MoveOperation.End)
    qtbot.keyClick(screen.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(screen.editor, "Please bring the child's favourite toy.")
    assert screen.save_button.isEnabled()
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)

    assert "Saved as version 2" in screen.message.text()
    assert screen.history.count() == 2
    assert screen.viewer.isReadOnly()
    screen.history.setCurrentRow(1)
    assert "favourite toy" not in screen.viewer.toPlainText()
    with ctx.store.session() as s:
        assert s.exec(select(AgreementVersion).where(AgreementVersion.version == 2)).one()
        assert [a.name for a in agreement_versions.needs_resign(s, family_id)] == ["Mark Jones"]


def test_printed_agreements_show_who_signed_on_screen_and_who_has_yet_to_sign(
    qtbot: QtBot, ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _editor, tab = open_tab(qtbot, ctx)
    dialog = tab.open_dialog(SignOnScreenDialog, tab.row_for(person_id(ctx, "Mark")).adult)
    qtbot.waitExposed(dialog)
    draw(qtbot, dialog.pad, [(40, 60), (120, 30), (200, 80), (280, 40)])
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "agreements.pdf"
    suggested: list[str] = []
    monkeypatch.setattr(
        prompts, "save_file", lambda _p, _t, name, _f: suggested.append(Path(name).name) or saved
    )
    monkeypatch.setattr(prompts, "confirm", lambda *_a, **_k: False)

    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)

    assert suggested == [f"F-0001 agreements {ctx.clock.today():%Y-%m-%d}.pdf"]
    assert tab.message.text() == "Saved 2 agreements to agreements.pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(saved).pages)
    assert "Signed on screen by Mark Jones (non-resident parent)." in text
    assert "13/03/2027\nSignature of Mark Jones" in text
    assert "I, Sarah Jones (resident parent/carer), agree to these ground rules." in text


def test_a_blank_copy_for_pre_visits_is_saved_from_the_agreement_screen(
    qtbot: QtBot, ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_family(ctx.store)
    screen = AgreementScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    saved = tmp_path / "blank.pdf"
    monkeypatch.setattr(prompts, "save_file", lambda *_a: saved)
    monkeypatch.setattr(prompts, "confirm", lambda *_a, **_k: False)

    qtbot.mouseClick(screen.blank_save, Qt.MouseButton.LeftButton)

    assert screen.message.text() == "Saved a blank agreement to blank.pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(saved).pages)
    assert "Agreement version\n1\n" in text and "I agree to these ground rules." in text
    assert "Jones" not in text


def test_a_childs_optional_pre_visit_is_recorded_and_counts_for_the_same_day_rule(
    qtbot: QtBot, ctx: Context
) -> None:
    _editor, tab = open_tab(qtbot, ctx)
    with ctx.store.session() as s:
        for row in tab.rows:
            readiness.record_pre_visit(s, row.adult.person_id, date(2027, 3, 6))
            signing.sign_on_paper(s, row.adult.person_id, date(2027, 3, 6), "Ann Coordinator")
    tab.refresh()
    assert "Ready for contact" in tab.verdict.text()  # a child needs no pre-visit
    lily = person_id(ctx, "Lily")
    visit = tab.child_visits[lily]
    assert visit.pre_visit.value() is None

    visit.pre_visit.set_value(date(2027, 3, 13))
    qtbot.mouseClick(visit.save_date, Qt.MouseButton.LeftButton)

    with ctx.store.session() as s:
        child = s.get(Person, lily)
        assert child is not None and child.pre_visit_date == date(2027, 3, 13)
    assert "Ready for contact from 14/03/2027" in tab.verdict.text()
    assert "The pre-visit for Lily Jones is on the same day (13/03/2027)" in tab.reasons.text()
    assert tab.child_visits[lily].pre_visit.value() == date(2027, 3, 13)
