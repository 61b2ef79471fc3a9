"""Printing straight from the app: "Print…" opens the system print dialog with a preview of
every page of the document, and "Save as PDF…" suggests a dated name that never replaces
an earlier file unasked, then offers to open it."""

from __future__ import annotations

import io
import tempfile
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPageLayout
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from contactcentre.domain import audit
from contactcentre.domain.bookings import booking as bookings
from contactcentre.ui import printing, prompts
from contactcentre.ui.agreements.text_screen import AgreementScreen
from contactcentre.ui.context import Context
from contactcentre.ui.session_day.board_screen import SessionDayScreen
from tests.factories import ready_family

DAY = date(2027, 3, 13)


def board(qtbot: QtBot, ctx: Context) -> SessionDayScreen:
    """The board on a session with two families booked (a two-page sign-in sheet)."""
    for ref in ("F-0001", "F-0002"):
        with ctx.store.session() as s:
            bookings.book(s, ready_family(ctx.store, ref), DAY, today=date(2027, 3, 1))
    screen = SessionDayScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    return screen


def previews(
    monkeypatch: pytest.MonkeyPatch, answer: QDialog.DialogCode
) -> list[printing.PdfPreview]:
    """Each print preview opened, as the coordinator would see it; `answer`: Print or Cancel."""
    shown: list[printing.PdfPreview] = []

    def run(dialog: printing.PdfPreview) -> int:
        shown.append(dialog)
        dialog.findChild(QPrintPreviewWidget).updatePreview()  # what exec() would paint
        return int(answer.value)

    monkeypatch.setattr(printing, "run_preview", run)
    return shown


def dark_pixels(dialog: QDialog) -> int:
    """Pixels of the preview pane darker than mid-grey: the ink on the previewed page."""
    dialog.resize(900, 700)
    image = dialog.findChild(QPrintPreviewWidget).grab().toImage()
    return sum(
        QColor(image.pixel(x, y)).lightness() < 100
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    )


def signin_entries(ctx: Context) -> list[str]:
    with ctx.store.session() as s:
        return [e.detail for e in audit.entries(s) if e.action == "document.signin_sheet"]


def test_print_on_the_board_previews_every_page_of_the_sheet_and_prints_it(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = board(qtbot, ctx)
    shown = previews(monkeypatch, QDialog.DialogCode.Accepted)

    qtbot.mouseClick(screen.print_sheet, Qt.MouseButton.LeftButton)

    [dialog] = shown
    pages = len(PdfReader(io.BytesIO(dialog.pdf)).pages)
    assert "Mark Jones" in PdfReader(io.BytesIO(dialog.pdf)).pages[0].extract_text()
    assert dialog.pages_drawn == pages
    assert dialog.findChild(QPrintPreviewWidget).pageCount() == pages
    assert dark_pixels(dialog) > 200, "the previewed page is blank"
    landscape = QPageLayout.Orientation.Landscape  # as the sheet is: not shrunk onto portrait
    assert dialog.printer.pageLayout().orientation() == landscape
    assert screen.sheet_status.text() == "Sent to the printer"
    assert len(signin_entries(ctx)) == 1  # a printed sheet names people: it is recorded


def test_a_cancelled_print_prints_and_records_nothing(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = board(qtbot, ctx)
    shown = previews(monkeypatch, QDialog.DialogCode.Rejected)
    qtbot.mouseClick(screen.print_sheet, Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and shown[0].pages_drawn >= 1
    assert screen.sheet_status.text() == "" and signin_entries(ctx) == []


def test_a_blank_sheet_and_a_blank_agreement_print_with_a_preview_too(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = board(qtbot, ctx)
    agreement = AgreementScreen(ctx)
    qtbot.addWidget(agreement)
    agreement.refresh()
    shown = previews(monkeypatch, QDialog.DialogCode.Accepted)

    qtbot.mouseClick(screen.print_blank, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(agreement.blank_button, Qt.MouseButton.LeftButton)

    assert [d.windowTitle() for d in shown] == ["Sign-in sheet", "Blank agreement"]
    assert all(d.pages_drawn == len(PdfReader(io.BytesIO(d.pdf)).pages) for d in shown)
    assert agreement.message.text() == "Sent a blank agreement to the printer"
    assert [d.printer.pageLayout().orientation().name for d in shown] == [
        "Landscape",
        "Portrait",
    ]


def test_save_as_pdf_suggests_the_sessions_date_never_an_earlier_file_and_offers_to_open(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch, save_folder: Path
) -> None:
    screen = board(qtbot, ctx)
    suggested: list[Path] = []
    opened: list[Path] = []

    def save_file(_parent: object, _title: str, name: str, _filter: str) -> Path:
        suggested.append(Path(name))
        return Path(name)  # the coordinator keeps the suggestion

    monkeypatch.setattr(prompts, "save_file", save_file)
    monkeypatch.setattr(prompts, "confirm", lambda _p, _t, question, yes: yes == "Open")
    monkeypatch.setattr(printing, "open_in_viewer", opened.append)

    screen.save_sheet(blank=False)
    screen.save_sheet(blank=False)

    first = save_folder / "sign-in sheet 2027-03-13.pdf"
    second = save_folder / "sign-in sheet 2027-03-13 (2).pdf"
    assert suggested == [first, second]
    assert opened == [first, second]
    assert PdfReader(first).pages and PdfReader(second).pages
    assert screen.sheet_status.text() == f"Saved to {second.name}"


def test_a_saved_file_is_not_opened_when_the_coordinator_says_no(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch, save_folder: Path
) -> None:
    screen = board(qtbot, ctx)
    asked: list[str] = []
    monkeypatch.setattr(prompts, "save_file", lambda _p, _t, name, _f: Path(name))
    monkeypatch.setattr(prompts, "confirm", lambda _p, _t, q, yes: asked.append(q) and False)
    screen.save_sheet(blank=True)
    assert asked == ["Saved sign-in sheet blank.pdf. Open it now?"]
    assert (save_folder / "sign-in sheet blank.pdf").exists()  # open_in_viewer refuses


def test_printing_a_sheet_writes_no_temporary_file(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The sheet names families: its pages are rendered from memory, never via a file."""
    screen = board(qtbot, ctx)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    shown = previews(monkeypatch, QDialog.DialogCode.Accepted)
    qtbot.mouseClick(screen.print_sheet, Qt.MouseButton.LeftButton)
    assert shown[0].pages_drawn >= 1
    assert list(temporary.iterdir()) == []
