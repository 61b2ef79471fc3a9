"""The printed agreement: one copy per adult (signed or not), or a blank one for pre-visits.

Each copy starts on a new page: the centre's letterhead, who it is for (or boxes to fill
in), the full text of the version concerned, and a signature block kept on one page. A
signature drawn on screen is redrawn from its strokes into a box of the pad's shape; a
paper signature is stated with its date and witness.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from contactcentre.documents import pdf
from contactcentre.documents.data import AgreementCopy, Stroke

SIGNATURE_ASPECT = 3.0  # width : height, as the on-screen pad (ui/signature_pad.py)
SIGNATURE_WIDTH = 84 * mm
SIGNATURE_FILL = colors.HexColor("#f4f7fa")  # the pale "sign here" area; tests look for it
SIGNATURE_INK = colors.HexColor("#10243e")
BASELINE = 0.78  # where the pad's "sign above the line" line sits, from the top
BULLET = re.compile(r"^[-*•]\s+")
HEADING = re.compile(r"^#+\s+")

BlockKind = Literal["heading", "bullet", "paragraph"]


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str


def blocks(text: str) -> Iterator[Block]:
    """The agreement's text as headings ('# '), bullets ('- ') and paragraphs.

    Lines that follow a bullet or paragraph without a blank line continue it, so text
    wrapped by hand in the editor flows as one paragraph on paper.
    """
    kind: BlockKind | None = None
    words: list[str] = []
    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        starts: BlockKind | None = (
            "heading" if HEADING.match(line) else "bullet" if BULLET.match(line) else None
        )
        if kind is not None and (not line or starts or kind == "heading"):
            yield Block(kind, " ".join(words))
            kind, words = None, []
        if not line:
            continue
        if kind is None:
            kind = starts or "paragraph"
            line = (HEADING if kind == "heading" else BULLET).sub("", line)
        words.append(line)


@dataclass(frozen=True)
class FormStyles:
    heading: ParagraphStyle
    bullet: ParagraphStyle
    body: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle


def form_styles() -> FormStyles:
    st = pdf.styles()
    body = ParagraphStyle("agreement_body", parent=st.body, spaceAfter=5)
    return FormStyles(
        heading=ParagraphStyle("agreement_heading", parent=st.heading, keepWithNext=1),
        bullet=ParagraphStyle(
            "agreement_bullet",
            parent=body,
            leftIndent=5 * mm,
            bulletIndent=1 * mm,
            bulletFontName=pdf.FONT,  # the default Helvetica's bullet does not copy as text
            spaceAfter=3,
        ),
        body=body,
        label=ParagraphStyle("agreement_label", parent=st.cell, textColor=pdf.ACCENT),
        value=ParagraphStyle("agreement_value", parent=st.cell_bold, fontSize=10.5, leading=13),
    )


def rules(text: str, fs: FormStyles) -> list[Flowable]:
    story: list[Flowable] = []
    for block in blocks(text):
        if block.kind == "heading":
            story.append(pdf.para(block.text, fs.heading))
        elif block.kind == "bullet":
            story.append(Paragraph(escape(block.text), fs.bullet, bulletText="•"))
        else:
            story.append(pdf.para(block.text, fs.body))
    return story


class SignatureBox(Flowable):
    """A pad-shaped box with the line to sign above, and the strokes if signed on screen."""

    def __init__(self, strokes: Sequence[Stroke], width: float = SIGNATURE_WIDTH) -> None:
        super().__init__()
        self.strokes = strokes
        self.width = width
        self.height = width / SIGNATURE_ASPECT

    def wrap(self, _avail_width: float, _avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c, w, h = self.canv, self.width, self.height
        c.saveState()
        c.setFillColor(SIGNATURE_FILL)
        c.setStrokeColor(pdf.RULE)
        c.setLineWidth(0.6)
        c.rect(0, 0, w, h, stroke=1, fill=1)
        baseline = h * (1 - BASELINE)
        c.line(w * 0.05, baseline, w * 0.95, baseline)
        c.setStrokeColor(SIGNATURE_INK)
        c.setLineWidth(1.3)
        c.setLineCap(1)
        c.setLineJoin(1)
        for stroke in self.strokes:
            points = [(x * w, (1 - y) * h) for x, y in stroke]
            if len(points) == 1:
                points.append(points[0])  # a dot: a zero-length line with round caps
            path = c.beginPath()
            path.moveTo(*points[0])
            for point in points[1:]:
                path.lineTo(*point)
            c.drawPath(path, stroke=1, fill=0)
        c.restoreState()


def _field_table(rows: list[list[Flowable | str]], widths: list[float], *, blank: bool) -> Table:
    """Labels and values in a ruled box; a blank copy gets tall empty cells to write in."""
    table = Table(rows, colWidths=widths, rowHeights=[10 * mm] * len(rows) if blank else None)
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, pdf.RULE),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, pdf.RULE),
                ("BACKGROUND", (0, 0), (0, -1), pdf.SHADE),
                ("BACKGROUND", (2, 0), (2, -1), pdf.SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def who_for(copy: AgreementCopy, fs: FormStyles, width: float) -> Table:
    """Family reference, name and role (empty boxes on a blank copy), and the version."""

    def label(text: str) -> Paragraph:
        return pdf.para(text, fs.label)

    def value(text: str | None) -> Paragraph | str:
        return pdf.para(text, fs.value) if text else ""

    rows: list[list[Flowable | str]] = [
        [label("Name"), value(copy.person_name), label("Family reference"), value(copy.family_ref)],
        [
            label("Role"),
            value(copy.role_label),
            label("Agreement version"),
            value(str(copy.version)),
        ],
    ]
    widths = [0.13 * width, 0.42 * width, 0.25 * width, 0.20 * width]
    return _field_table(rows, widths, blank=copy.person_name is None)


def signature_block(copy: AgreementCopy, fs: FormStyles, width: float) -> KeepTogether:
    """How this copy was signed, or a box and a date line to sign on; never split."""
    st = pdf.styles()
    signer = copy.person_name or ""
    if signer and copy.role_label:
        signer += f" ({copy.role_label.lower()})"
    story: list[Flowable] = [pdf.para("Signature", fs.heading)]
    if copy.method == "paper" and copy.signed_on:
        witness = f", witnessed by {copy.witnessed_by}" if copy.witnessed_by else ""
        story.append(pdf.para(f"Signed on paper on {copy.signed_on:%d/%m/%Y}{witness}.", fs.value))
        if signer:
            story.append(pdf.para(f"Signed by {signer}, version {copy.version}.", st.small))
        return KeepTogether(story)
    on_screen = copy.signed_on if copy.method == "screen" else None
    if on_screen:
        intro = f"Signed on screen by {signer or 'the person named above'}."
    elif signer:
        intro = f"I, {signer}, agree to these ground rules."
    else:
        intro = "I agree to these ground rules."
    story.append(pdf.para(intro, fs.body))
    box = SignatureBox(copy.strokes if on_screen else ())
    date_cell = pdf.para(f"{on_screen:%d/%m/%Y}", fs.value) if on_screen else ""
    sign_label = f"Signature of {copy.person_name}" if copy.person_name else "Signature"
    gap = 10 * mm
    table = Table(
        [[box, "", date_cell], [pdf.para(sign_label, st.small), "", pdf.para("Date", st.small)]],
        colWidths=[box.width, gap, width - box.width - gap],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                ("LINEBELOW", (2, 0), (2, 0), 0.6, pdf.RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 2),
            ]
        )
    )
    story.append(table)
    return KeepTogether(story)


def copy_story(copy: AgreementCopy, width: float) -> list[Flowable]:
    fs = form_styles()
    st = pdf.styles()
    return [
        *pdf.letterhead(copy.letterhead, width=width),
        pdf.para("Agreement and ground rules", st.title),
        Spacer(1, 2 * mm),
        who_for(copy, fs, width),
        Spacer(1, 3 * mm),
        *rules(copy.text, fs),
        Spacer(1, 4 * mm),
        signature_block(copy, fs, width),
    ]


def render_agreements(copies: Sequence[AgreementCopy]) -> bytes:
    """One PDF with every copy, each starting on a new page."""
    if not copies:
        raise ValueError("render_agreements needs at least one copy")
    width = pdf.frame_width()
    story: list[Flowable] = []
    for index, copy in enumerate(copies):
        if index:
            story += [PageBreak(), pdf.RestartPageNumbers()]
        story.extend(copy_story(copy, width))
    centre = copies[0].letterhead.name
    return pdf.build(story, title=f"Agreement — {centre}", footer=f"{centre} · Agreement")
