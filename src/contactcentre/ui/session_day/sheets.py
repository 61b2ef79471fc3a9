"""The board's sign-in sheets: this session's (names and planned times) or a blank one,
previewed and printed or saved as a PDF; a named sheet that left the laptop is recorded."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from contactcentre.documents.signin_sheet import render_signin_sheet
from contactcentre.domain.errors import DomainError
from contactcentre.domain.session_day import signin_sheet
from contactcentre.ui import printing, prompts
from contactcentre.ui.context import Context

TITLE = "Sign-in sheet"


def sheet_buttons(
    print_now: Callable[..., None], save: Callable[..., None]
) -> tuple[QPushButton, QPushButton, QPushButton]:
    """Print this session's sheet, print a blank one, save either as a PDF (a menu); each
    calls `print_now` or `save` with `blank=`."""
    print_sheet = QPushButton("Print sign-in sheet…")
    print_sheet.setObjectName("printSheet")
    print_sheet.setAccessibleName("Print this session's sign-in sheet")
    print_sheet.setToolTip("Print this session's sign-in sheet, with a preview")
    print_sheet.clicked.connect(lambda: print_now(blank=False))
    print_blank = QPushButton("Print blank sheet…")
    print_blank.setObjectName("printBlankSheet")
    print_blank.setAccessibleName("Print a blank sign-in sheet")
    print_blank.setToolTip("A sheet with no names, for when the laptop is not there")
    print_blank.clicked.connect(lambda: print_now(blank=True))
    save_pdf = QPushButton("Save as PDF…")
    save_pdf.setObjectName("saveSheetPdf")
    save_pdf.setAccessibleName("Save a sign-in sheet as a PDF")
    save_menu = QMenu(save_pdf)
    save_menu.addAction("This session's sheet…", lambda: save(blank=False))
    save_menu.addAction("Blank sheet…", lambda: save(blank=True))
    save_pdf.setMenu(save_menu)
    return print_sheet, print_blank, save_pdf


def _sheet(
    parent: QWidget, ctx: Context, day: date | None, booked: bool, *, blank: bool
) -> tuple[str, bytes] | None:
    """The sheet's default file name and PDF (this session's, or blank); None, having said
    why, if there is none to give."""
    if not blank and (day is None or not booked):
        prompts.error(parent, TITLE, "No families are booked for this session.")
        return None
    try:
        with ctx.store.session() as s:
            if blank or day is None:
                sheet = signin_sheet.blank_signin_sheet(s)
            else:
                sheet = signin_sheet.signin_sheet(s, day)
    except DomainError as error:
        prompts.error(parent, TITLE, str(error))
        return None
    dated = day or ctx.clock.today()
    name = "sign-in sheet blank.pdf" if blank else f"sign-in sheet {dated:%Y-%m-%d}.pdf"
    return name, render_signin_sheet(sheet)


def _produced(ctx: Context, day: date | None, pdf: bytes, *, blank: bool) -> None:
    if not blank and day is not None:  # a blank sheet names nobody: not recorded
        with ctx.store.session() as s:
            signin_sheet.record_saved_sheet(s, day, pdf)


def print_sheet(
    parent: QWidget, ctx: Context, day: date | None, booked: bool, *, blank: bool
) -> str:
    """The print dialog with a preview of the sheet; what to tell ('' when not printed)."""
    sheet = _sheet(parent, ctx, day, booked, blank=blank)
    if sheet is not None and printing.print_pdf(parent, TITLE, sheet[1]):
        _produced(ctx, day, sheet[1], blank=blank)
        return "Sent to the printer"
    return ""


def save_sheet(
    parent: QWidget, ctx: Context, day: date | None, booked: bool, *, blank: bool
) -> str:
    """Ask where to save the sheet and write the PDF; what to tell ('' when not saved)."""
    sheet = _sheet(parent, ctx, day, booked, blank=blank)
    if sheet is None:
        return ""
    name, pdf = sheet
    try:
        path = printing.save_pdf(
            parent, "Save the sign-in sheet", name, pdf, database=ctx.store.path
        )
    except DomainError as error:
        prompts.error(parent, TITLE, str(error))
        return ""
    if path is None:
        return ""
    _produced(ctx, day, pdf, blank=blank)
    return f"Saved to {path.name}"
