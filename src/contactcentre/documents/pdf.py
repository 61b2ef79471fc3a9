"""What every PDF shares: the shipped fonts, paragraph styles, the letterhead and a
footer with page numbers. Renderers build a story of flowables and call `build()`.

Fonts come from resources/ (DejaVu Sans) so names such as Łukasz or Zoë print on any
machine; ReportLab embeds only the glyphs used.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from contactcentre import paths
from contactcentre.documents.data import Letterhead

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#1f4e79")
RULE = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#eef2f6")
MARGIN = 18 * mm
FRAME_PADDING = 6  # what SimpleDocTemplate's frame keeps inside the margins
TEXT_LEFT = MARGIN + FRAME_PADDING  # where text starts on the page


class Subset(bytes):
    """The glyphs of a font a document embeds, compressed once however often embedded."""

    @cached_property
    def deflated(self) -> bytes:
        return zlib.compress(self)  # as ReportLab's own Flate filter does


class _FlateKeepingSubsets(pdfdoc.PDFStreamFilterZCompress):
    def encode(self, text: Any) -> bytes:
        return text.deflated if isinstance(text, Subset) else super().encode(text)


def keeping_subsets(font: TTFont) -> TTFont:
    """`font`, keeping the glyph subsets it embeds, compressed: a batch of documents embeds
    the same few again and again (200 letters: 600 subsets, 144 different), and a subset
    depends on nothing but the glyphs in it, in their order."""
    make = font.face.makeSubset
    made = lru_cache(maxsize=64)(lambda glyphs: Subset(make(list(glyphs))))
    font.face.makeSubset = lambda subset: made(tuple(subset))
    return font


@cache
def register_fonts() -> None:
    # ReportLab compresses every embedded subset with this one filter: let it use the
    # compressed form a kept Subset carries (any other stream is compressed as before)
    pdfdoc.PDFZCompress = _FlateKeepingSubsets()
    for name in (FONT, FONT_BOLD, FONT_ITALIC):
        font = TTFont(name, str(paths.resource("fonts", f"{name}.ttf")))
        pdfmetrics.registerFont(keeping_subsets(font))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC)


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    right: ParagraphStyle


@cache
def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13.5, textColor=INK)
    return Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        title=ParagraphStyle(
            "title", parent=body, fontName=FONT_BOLD, fontSize=15, leading=19, spaceAfter=4
        ),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=11,
            leading=14,
            textColor=ACCENT,
            spaceBefore=8,
            spaceAfter=3,
        ),
        cell=ParagraphStyle("cell", parent=body, fontSize=9, leading=11.5),
        cell_bold=ParagraphStyle("cell_bold", parent=body, fontName=FONT_BOLD, fontSize=9),
        right=ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
    )


def para(text: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph of plain text: markup characters are escaped, line breaks kept."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style or styles().body)


def letterhead(head: Letterhead, *, width: float) -> list[Flowable]:
    """The centre's name large on the left, its contact details on the right, a rule."""
    st = styles()
    details = [line.strip() for line in head.address.splitlines() if line.strip()]
    details += [x for x in (head.phone, head.email) if x]
    if head.charity_number:
        details.append(f"Registered charity no. {head.charity_number}")
    left = [para(head.name, st.title)]
    if head.accreditation_line:
        left.append(para(head.accreditation_line, st.small))
    right = para("\n".join(details), ParagraphStyle("lh", parent=st.small, alignment=TA_RIGHT))
    table = Table([[left, right]], colWidths=[width * 0.55, width * 0.45])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT),  # else the table sets (unused) Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 0), (-1, 0), 1.2, ACCENT),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 6),
            ]
        )
    )
    return [table, Spacer(1, 6 * mm)]


def grid_style(*, header_rows: int = 1) -> list[tuple[Any, ...]]:
    """The house style for tables: thin grid, shaded header, vertically centred."""
    return [
        ("FONT", (0, 0), (-1, -1), FONT, 9),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
        ("FONT", (0, 0), (-1, header_rows - 1), FONT_BOLD, 9),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]


class RestartPageNumbers(Flowable):
    """Starts the next document of a file holding several (letters, one agreement per
    person): from the page this lands on, pages count "Page 1 of N" afresh."""

    def wrap(self, _avail_width: float, _avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.restart_page_numbers()


def _watermark(canvas: Canvas, text: str) -> None:
    """`text` large, pale and diagonal across the middle of the page."""
    width, height = canvas._pagesize
    canvas.saveState()
    canvas.setFont(FONT_BOLD, 34)
    canvas.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.22))
    canvas.translate(width / 2, height / 2)
    canvas.rotate(45)
    canvas.drawCentredString(0, 0, text)
    canvas.restoreState()


def _numbered_canvas(footer: str, watermark: str = "") -> type[Canvas]:
    """A canvas that writes `footer` and "Page N of M" on every page once M is known,
    and `watermark` across every page when one is given."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # The canvas's starting font, else ReportLab lists a Helvetica it never uses
            # (and never embeds) in every page's resources.
            kwargs["initialFontName"] = FONT
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._starts = [0]  # index of the first page of each document in the file

        def restart_page_numbers(self) -> None:
            if self._starts[-1] != len(self._pages):
                self._starts.append(len(self._pages))

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            ends = [*self._starts[1:], len(self._pages)]
            for start, end in zip(self._starts, ends, strict=True):
                for index in range(start, end):
                    self.__dict__.update(self._pages[index])
                    if watermark:
                        _watermark(self, watermark)
                    width, _height = self._pagesize
                    self.setFont(FONT, 7.5)
                    self.setFillColor(colors.HexColor("#555555"))
                    self.drawString(TEXT_LEFT, 10 * mm, footer)
                    self.drawRightString(
                        width - TEXT_LEFT, 10 * mm, f"Page {index - start + 1} of {end - start}"
                    )
                    super().showPage()
            super().save()

    return NumberedCanvas


def build(
    story: Sequence[Flowable],
    *,
    title: str,
    footer: str = "",
    pagesize: tuple[float, float] = A4,
    watermark: str = "",
) -> bytes:
    """Lay out `story` and return the PDF bytes (nothing touches the disk)."""
    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=title,
        author="",
        subject="",
        creator="Contact Centre",
        invariant=1,
    )
    doc.build(list(story), canvasmaker=_numbered_canvas(footer, watermark))
    return buffer.getvalue()


def frame_width(pagesize: tuple[float, float] = A4) -> float:
    """The width flowables may fill: the page less its margins and the frame's padding.

    A table any wider is centred over the margins and no longer lines up with the text.
    """
    return pagesize[0] - 2 * TEXT_LEFT
