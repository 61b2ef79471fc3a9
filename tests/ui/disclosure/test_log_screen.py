"""The disclosure screen as a coordinator uses it: write a letter and see what it says,
log a refused request, filter by family, re-open a letter, write a month's letters."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.register.families import family_by_ref
from contactcentre.store.models import ContactType, FamilyStatus
from contactcentre.ui import printing, prompts
from contactcentre.ui.context import Context
from contactcentre.ui.disclosure.dialogs import (
    BatchDialog,
    NewLetterDialog,
    PeriodDialog,
    RefusalDialog,
)
from contactcentre.ui.disclosure.log_screen import DisclosuresScreen
from contactcentre.ui.fields import FormDialog
from tests.factories import add_family, ready_family
from tests.letter_history import ATTENDED, book_spring
from tests.pdf_text import pdf_text


@pytest.fixture
def screen(qtbot: QtBot, ctx: Context) -> DisclosuresScreen:
    book_spring(ctx.store, ready_family(ctx.store, "F-0001", status=FamilyStatus.active))
    ready_family(ctx.store, "F-0002", status=FamilyStatus.active)
    add_family(ctx.store, "F-0003", contact_type=ContactType.supervised)
    screen = DisclosuresScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    return screen


def log_rows(screen: DisclosuresScreen) -> list[list[str]]:
    table = screen.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def fill_period(dialog: PeriodDialog, ref: str | None, first: date, last: date) -> None:
    if ref is not None:
        assert dialog.family is not None
        dialog.family.setCurrentIndex(dialog.family.findText(ref, Qt.MatchFlag.MatchStartsWith))
    dialog.first.set_value(first)
    dialog.last.set_value(last)


def click_ok(qtbot: QtBot, dialog: FormDialog) -> None:
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)


def new_letter(
    qtbot: QtBot, screen: DisclosuresScreen, monkeypatch: pytest.MonkeyPatch, path: Path | None
) -> NewLetterDialog:
    monkeypatch.setattr(prompts, "save_file", lambda *_a: path)
    monkeypatch.setattr(prompts, "confirm", lambda *_a, **_k: False)  # not opened
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert isinstance(dialog, NewLetterDialog)
    fill_period(dialog, "F-0001", date(2027, 3, 1), date(2027, 6, 30))
    qtbot.keyClicks(dialog.recipient, "Ms J Patel")
    qtbot.keyClick(dialog.recipient, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.recipient, "Patel & Co Solicitors")
    qtbot.keyClicks(dialog.requested_by, "Mother's solicitor")
    click_ok(qtbot, dialog)
    return dialog


def test_a_new_letter_is_saved_logged_and_previewed(
    qtbot: QtBot, screen: DisclosuresScreen, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    dialog = new_letter(qtbot, screen, monkeypatch, tmp_path / "F-0001.pdf")
    assert not dialog.isVisible()
    text = pdf_text((tmp_path / "F-0001.pdf").read_bytes())
    assert "Ms J Patel Patel & Co Solicitors" in text
    assert all(t in text for times in ATTENDED.values() for t in times)
    [row] = log_rows(screen)
    assert row[0] == "D-0001" and row[2:4] == ["F-0001", "Letter"]
    assert row[4:7] == [
        "01/03/2027 – 30/06/2027",
        "Ms J Patel, Patel & Co Solicitors",
        "Mother's solicitor",
    ]
    assert screen.status.text().startswith(f"Saved {tmp_path / 'F-0001.pdf'} and logged as D-0001")
    preview = screen.preview.toPlainText()
    assert "Sat 13 Mar 2027" in preview and "09:47" in preview and "12:16" in preview
    assert "Cancelled by the non-resident parent" in preview


def test_a_letter_is_saved_under_a_dated_name_beside_an_earlier_one_and_can_be_opened(
    qtbot: QtBot,
    screen: DisclosuresScreen,
    monkeypatch: pytest.MonkeyPatch,
    save_folder: Path,
    ctx: Context,
) -> None:
    earlier = save_folder / f"F-0001 letter {ctx.clock.today():%Y-%m-%d}.pdf"
    earlier.write_bytes(b"the letter sent last week")
    suggested: list[Path] = []
    opened: list[Path] = []
    monkeypatch.setattr(
        prompts, "save_file", lambda _p, _t, name, _f: suggested.append(Path(name)) or Path(name)
    )
    monkeypatch.setattr(prompts, "confirm", lambda _p, _t, question, yes: yes == "Open")
    monkeypatch.setattr(printing, "open_in_viewer", opened.append)
    dialog = screen.new_letter()
    assert isinstance(dialog, NewLetterDialog)
    fill_period(dialog, "F-0001", date(2027, 3, 1), date(2027, 6, 30))
    click_ok(qtbot, dialog)

    second = save_folder / f"F-0001 letter {ctx.clock.today():%Y-%m-%d} (2).pdf"
    assert suggested == [second] and opened == [second]
    assert earlier.read_bytes() == b"the letter sent last week"
    assert second.read_bytes().startswith(b"%PDF")


def test_only_supported_families_are_offered_and_a_bad_period_is_explained(
    qtbot: QtBot, screen: DisclosuresScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prompts, "save_file", lambda *_a: pytest.fail("asked for a file"))
    dialog = screen.new_letter()
    assert isinstance(dialog, NewLetterDialog) and dialog.family is not None
    offered = [dialog.family.itemText(i) for i in range(dialog.family.count())]
    assert [o.split(" — ")[0] for o in offered] == ["F-0001", "F-0002", "F-0003"]
    assert offered[2] == "F-0003 — Lily — supervised — reports, not letters"
    listed = dialog.family.model()
    assert isinstance(listed, QStandardItemModel)
    assert [listed.item(i).isEnabled() for i in range(3)] == [True, True, False]
    fill_period(dialog, "F-0001", date(2027, 6, 30), date(2027, 3, 1))
    click_ok(qtbot, dialog)
    assert dialog.message.text() == "The period ends before it starts."
    assert log_rows(screen) == []


def test_a_supervised_family_cannot_be_chosen_for_a_letter(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_family(ctx.store, "F-0009", contact_type=ContactType.supervised)
    screen = DisclosuresScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    monkeypatch.setattr(prompts, "save_file", lambda *_a: pytest.fail("asked for a file"))
    dialog = screen.new_letter()
    assert isinstance(dialog, NewLetterDialog) and dialog.family is not None
    assert dialog.family.itemText(0) == "F-0009 — Lily — supervised — reports, not letters"
    dialog.family.setCurrentIndex(0)
    click_ok(qtbot, dialog)
    assert dialog.message.text() == "Choose a family first."
    assert log_rows(screen) == []


def test_choosing_no_file_logs_nothing(
    qtbot: QtBot, screen: DisclosuresScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = new_letter(qtbot, screen, monkeypatch, None)
    assert dialog.isVisible() and dialog.produced is None
    screen.load_log()
    assert log_rows(screen) == []


def test_a_refused_request_is_logged_and_the_log_filters_by_family(
    qtbot: QtBot, screen: DisclosuresScreen, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    new_letter(qtbot, screen, monkeypatch, tmp_path / "a.pdf")
    qtbot.mouseClick(screen.refuse_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert isinstance(dialog, RefusalDialog)
    fill_period(dialog, "F-0003", date(2027, 3, 1), date(2027, 3, 31))
    click_ok(qtbot, dialog)
    assert "Say who asked" in dialog.message.text() and dialog.isVisible()
    qtbot.keyClicks(dialog.requested_by, "Father's solicitor")
    qtbot.keyClicks(dialog.reason, "Asked for the volunteers' observations")
    click_ok(qtbot, dialog)
    assert [r[:4] for r in log_rows(screen)] == [
        ["D-0001", "13/03/2027 09:30", "F-0001", "Letter"],
        [
            "D-0002",
            "13/03/2027 09:30",
            "F-0003",
            "Refused: Asked for the volunteers' observations",
        ],
    ]
    screen.family.setCurrentIndex(screen.family.findText("F-0003"))
    assert [r[0] for r in log_rows(screen)] == ["D-0002"]
    screen.family.setCurrentIndex(screen.family.findText("F-0002"))
    assert log_rows(screen) == []


def test_reopening_a_letter_says_whether_the_records_still_match(
    qtbot: QtBot,
    ctx: Context,
    screen: DisclosuresScreen,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    new_letter(qtbot, screen, monkeypatch, tmp_path / "a.pdf")
    screen.table.selectRow(0)
    qtbot.mouseClick(screen.reopen_button, Qt.MouseButton.LeftButton)
    assert screen.status.text().startswith("✓ D-0001:")
    assert "digest matches" in screen.status.text()
    with ctx.store.session() as s:
        family_id = family_by_ref(s, "F-0001").id or 0
        bookings.book(s, family_id, date(2027, 6, 26), today=date(2027, 3, 13))
    qtbot.mouseClick(screen.reopen_button, Qt.MouseButton.LeftButton)
    assert screen.status.text().startswith("⚠ D-0001: the records have changed")
    assert "Sat 26 Jun 2027" in screen.preview.toPlainText()


def start_batch(
    qtbot: QtBot, screen: DisclosuresScreen, monkeypatch: pytest.MonkeyPatch, folder: Path
) -> BatchDialog:
    monkeypatch.setattr(prompts, "choose_folder", lambda *_a: folder)
    qtbot.mouseClick(screen.batch_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert isinstance(dialog, BatchDialog)
    fill_period(dialog, None, date(2027, 3, 1), date(2027, 3, 31))
    click_ok(qtbot, dialog)
    assert dialog.run is not None
    return dialog


def test_letters_for_a_period_are_written_one_per_family_with_progress(
    qtbot: QtBot,
    ctx: Context,
    screen: DisclosuresScreen,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    with ctx.store.session() as s:
        family_id = family_by_ref(s, "F-0002").id or 0
        bookings.book(s, family_id, date(2027, 3, 27), today=date(2027, 3, 13))
    folder = tmp_path / "letters"
    folder.mkdir()
    dialog = start_batch(qtbot, screen, monkeypatch, folder)
    assert dialog.run is not None and dialog.run.progress.maximum() == 2
    qtbot.waitUntil(lambda: screen.status.text().startswith("Wrote"), timeout=10_000)
    assert screen.status.text() == f"Wrote 2 of 2 letters to {folder}."
    assert sorted(p.name for p in folder.iterdir()) == ["F-0001.pdf", "F-0002.pdf"]
    assert [r[2] for r in log_rows(screen)] == ["F-0001", "F-0002"]


def test_cancelling_a_batch_keeps_the_letters_already_written(
    qtbot: QtBot,
    ctx: Context,
    screen: DisclosuresScreen,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    for ref in ("F-0004", "F-0005", "F-0006"):
        family_id = ready_family(ctx.store, ref, status=FamilyStatus.active)
        with ctx.store.session() as s:
            bookings.book(s, family_id, date(2027, 3, 27), today=date(2027, 3, 13))
    folder = tmp_path / "letters"
    folder.mkdir()
    run = start_batch(qtbot, screen, monkeypatch, folder).run
    assert run is not None and run.progress.maximum() == 4
    qtbot.waitUntil(lambda: run.written >= 1, timeout=10_000)
    cancel = run.progress.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    written = run.written
    assert 1 <= written < 4
    assert screen.status.text() == f"Wrote {written} of 4 letters to {folder} (stopped)."
    assert len(list(folder.iterdir())) == len(log_rows(screen)) == written


def test_one_letter_already_in_the_folder_is_asked_about_in_the_singular(
    qtbot: QtBot, screen: DisclosuresScreen, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "F-0001.pdf").write_bytes(b"an older letter")
    asked: list[str] = []
    monkeypatch.setattr(prompts, "choose_folder", lambda *_a: folder)
    monkeypatch.setattr(prompts, "confirm", lambda _p, _t, q, **_k: asked.append(q) or False)
    qtbot.mouseClick(screen.batch_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert isinstance(dialog, BatchDialog)
    fill_period(dialog, None, date(2027, 3, 1), date(2027, 3, 31))
    click_ok(qtbot, dialog)
    assert asked == ["1 of these letters is already in that folder. Replace it?"]
    assert (folder / "F-0001.pdf").read_bytes() == b"an older letter"


@pytest.mark.parametrize("sent", [True, False])
def test_a_new_letter_can_be_printed_directly_and_is_logged_once_produced(
    qtbot: QtBot, screen: DisclosuresScreen, monkeypatch: pytest.MonkeyPatch, sent: bool
) -> None:
    """Print letter… shows the letter itself in the print preview, saves no file, and logs
    it as Save does; a cancelled print says so, since the letter was produced."""
    shown: list[printing.PdfPreview] = []

    def run(dialog: printing.PdfPreview) -> int:
        shown.append(dialog)
        return 1 if sent else 0

    monkeypatch.setattr(printing, "run_preview", run)
    monkeypatch.setattr(prompts, "save_file", _no_save_dialog)
    dialog = screen.new_letter()
    assert isinstance(dialog, NewLetterDialog)
    fill_period(dialog, "F-0001", date(2027, 3, 1), date(2027, 6, 30))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)

    [preview] = shown
    text = pdf_text(preview.pdf)
    assert all(t in text for times in ATTENDED.values() for t in times)
    assert not dialog.isVisible() and dialog.saved_to is None
    [row] = log_rows(screen)
    assert row[0] == "D-0001" and row[2:4] == ["F-0001", "Letter"]
    said = "Printed and logged" if sent else "Not printed (the print was cancelled), but logged"
    assert screen.status.text().startswith(f"{said} as D-0001")


def _no_save_dialog(*_args: object) -> Path:
    raise AssertionError("printing a letter must not ask where to save it")
