"""Printing and saving the documents the app makes (sign-in sheets, letters, agreements).

"Print…" shows the system's print dialog with a preview of the very PDF that "Save as
PDF…" would write: the pages are rendered by pypdfium2 from the bytes in memory (QtPdf is
not in PySide6-Essentials) and drawn onto the printer, so no copy of a page of personal
data ever lands in a temporary file. "Save as PDF…" suggests a dated name that is not
taken yet, so an earlier letter is only ever replaced through the save dialog's own
question, and then offers to open what it wrote.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from PySide6.QtCore import QRect, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from contactcentre import outputs
from contactcentre.domain.errors import DomainError
from contactcentre.ui import prompts
from contactcentre.ui.fields import fit_to_screen

PRINT_DPI = 300  # the sheet's small type stays sharp on paper
PDF_FILTER = "PDF (*.pdf)"
_last_folder: list[Path] = []  # where the last document was saved, in memory, this run only


def page_images(pdf: bytes, dpi: int = PRINT_DPI) -> Iterator[QImage]:
    """Each page of `pdf` as an image, rendered from the bytes in memory."""
    import pypdfium2  # only to print: the screens that offer printing open without it

    document = pypdfium2.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            bitmap = document[index].render(scale=dpi / 72, rev_byteorder=True)
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB888,
            )
            yield image.copy()  # owns its pixels: the bitmap's buffer goes with the bitmap
    finally:
        document.close()


def orientation(pdf: bytes) -> QPageLayout.Orientation:
    """Landscape if the first page is wider than tall (the sign-in sheet), else portrait."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        width, height = document[0].get_size() if len(document) else (0, 1)
    finally:
        document.close()
    wide = width > height
    return QPageLayout.Orientation.Landscape if wide else QPageLayout.Orientation.Portrait


def paint_pdf(printer: QPrinter, pdf: bytes) -> int:
    """Draw every page of `pdf` onto `printer`, one sheet each, as large as the printable
    area allows; returns the number of pages drawn."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    drawn = 0
    try:
        for image in page_images(pdf):
            if drawn:
                printer.newPage()
            area = printer.pageLayout().fullRectPixels(printer.resolution()).size()
            size = image.size().scaled(area, Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(0, 0, size.width(), size.height()), image)
            drawn += 1
    finally:
        painter.end()
    return drawn


class PdfPreview(QPrintPreviewDialog):
    """The system's print preview of one PDF; its Print button opens the print dialog."""

    def __init__(self, parent: QWidget | None, title: str, pdf: bytes) -> None:
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # lives with the dialog
        self.printer.setDocName(title)
        self.printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        self.printer.setFullPage(True)  # the PDF has its own margins: paper edge to edge
        self.printer.setPageOrientation(orientation(pdf))
        super().__init__(self.printer, parent)
        self.setObjectName("printPreview")
        self.setWindowTitle(title)
        fit_to_screen(self, 1200, 1000)  # the whole toolbar (Print at its end), a tall A4 page
        self.pdf = pdf
        self.pages_drawn = 0
        self.paintRequested.connect(self.paint)

    def paint(self, printer: QPrinter) -> None:
        self.pages_drawn = paint_pdf(printer, self.pdf)


def run_preview(dialog: PdfPreview) -> int:
    """Show the preview, modal (a seam: tests look at the dialog instead)."""
    return dialog.exec()


def print_pdf(parent: QWidget | None, title: str, pdf: bytes) -> bool:
    """The system print dialog, with a preview of `pdf`; True if it was sent to print."""
    return run_preview(PdfPreview(parent, title, pdf)) == QDialog.DialogCode.Accepted


def free_name(folder: Path, name: str) -> Path:
    """`folder/name`, or the first of `… (2).pdf`, `… (3).pdf` not taken there yet."""
    candidate, number = folder / name, 1
    stem, suffix = Path(name).stem, Path(name).suffix
    while candidate.exists():
        number += 1
        candidate = folder / f"{stem} ({number}){suffix}"
    return candidate


def dated_name(label: str, kind: str, day: date) -> str:
    """A document's default file name, e.g. `F-0001 letter 2026-12-12.pdf` (a '/' in a
    family reference would make a folder: it becomes '_')."""
    return f"{label.replace('/', '_')} {kind} {day:%Y-%m-%d}.pdf"


def default_folder() -> Path:
    """The folder last saved to in this run, else the user's Documents folder."""
    if _last_folder:
        return _last_folder[-1]
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def open_in_viewer(path: Path) -> None:
    """Open the file in the system's PDF viewer (a seam for tests)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def ask_save_path(parent: QWidget | None, title: str, name: str) -> Path | None:
    """The save dialog, suggesting `name` in the last folder, numbered if taken there."""
    return prompts.save_file(parent, title, str(free_name(default_folder(), name)), PDF_FILTER)


def write_pdf(path: Path, pdf: bytes, *, database: Path) -> None:
    """Write the PDF where the coordinator chose; DomainError if it cannot be."""
    try:
        outputs.write_file(path, pdf, database=database)
    except OSError as error:
        raise DomainError(f"The PDF could not be saved: {error.strerror}") from error
    _last_folder[:] = [path.parent]


def offer_open(parent: QWidget | None, title: str, path: Path) -> None:
    if prompts.confirm(parent, title, f"Saved {path.name}. Open it now?", yes="Open"):
        open_in_viewer(path)


def save_pdf(
    parent: QWidget | None, title: str, name: str, pdf: bytes, *, database: Path
) -> Path | None:
    """Ask where to save `pdf`, write it and offer to open it. None if cancelled;
    DomainError if it cannot be written."""
    path = ask_save_path(parent, title, name)
    if path is not None:
        write_pdf(path, pdf, database=database)
        offer_open(parent, title, path)
    return path
