"""The printed sign-in sheet for a session (A4 landscape), and the blank one.

Each booked family gets a block: its reference, the children's first names, and one row
per named adult with the planned times and empty boxes, big enough to write in by hand,
for the real times and signatures; under the title, the team on duty and who leads.
Everything printed comes from the `SigninSheet` handed in, which has no field for
addresses, notes, referral or court details, a volunteer's phone or the team's briefing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from contactcentre.documents import pdf
from contactcentre.documents.data import SheetAdult, SheetFamily, SheetTeam, SigninSheet

PAGE = landscape(A4)
FOOTER = "Confidential — enter into the register and shred"
WRITE_ROW = 13 * mm  # tall enough to write a time or a signature by hand
BLANK_ROWS = 15  # two pages, the visitors' rows at the end of the second
VISITOR_ROWS = 3
TIME_IN, SIGN, TIME_OUT = "Time in", "Signature", "Time out"
# (heading, share of the width): writing boxes wide enough for a time or a signature.
FAMILY_COLUMNS = [
    ("Name", 66),
    ("Planned in", 21),
    (TIME_IN, 24),
    (SIGN, 52),
    ("Planned out", 21),
    (TIME_OUT, 24),
    (SIGN, 52),
]
BLANK_COLUMNS = [
    ("Family ref", 26),
    ("Name (first name and surname)", 64),
    ("Role", 32),
    (TIME_IN, 24),
    (SIGN, 45),
    (TIME_OUT, 24),
    (SIGN, 45),
]
VISITOR_COLUMNS = [
    ("Name", 60),
    ("Here for which family?", 42),
    (TIME_IN, 24),
    (SIGN, 45),
    (TIME_OUT, 24),
    (SIGN, 45),
    ("Seen by", 20),
]


def _hhmm(value: time | None) -> str:
    return f"{value:%H:%M}" if value else "—"


def _grid(
    columns: Sequence[tuple[str, int]],
    rows: Sequence[Sequence[object]],
    *,
    caption: Flowable | None = None,
    extra: Sequence[tuple[object, ...]] = (),
) -> Table:
    """A ruled table: an optional caption row across it, column heads, then tall rows."""
    st = pdf.styles()
    heads = [pdf.para(label, st.small) for label, _width in columns]
    data: list[Sequence[object]] = ([[caption]] if caption is not None else []) + [heads]
    header_rows = len(data)
    data += rows
    total = sum(weight for _label, weight in columns)
    table = Table(
        data,
        colWidths=[pdf.frame_width(PAGE) * weight / total for _label, weight in columns],
        rowHeights=[None] * header_rows + [WRITE_ROW] * len(rows),
        repeatRows=header_rows,
    )
    style: list[tuple[object, ...]] = [*pdf.grid_style(header_rows=header_rows)]
    if caption is not None:
        style += [("SPAN", (0, 0), (-1, 0)), ("LINEABOVE", (0, 0), (-1, 0), 1.2, pdf.ACCENT)]
    table.setStyle(TableStyle([*style, *extra]))
    return table


def _caption(left: str, right: str = "") -> Table:
    """A block's title line: `left` (markup) and, at the right, `right` (plain text)."""
    st = pdf.styles()
    style = ParagraphStyle("caption", parent=st.body, fontSize=10.5, leading=14)
    width = pdf.frame_width(PAGE) - 4 * mm  # inside the cell's padding
    cells: list[Flowable] = [Paragraph(left, style)]
    widths = [width]
    if right:
        cells.append(pdf.para(right, ParagraphStyle("r", parent=style, alignment=TA_RIGHT)))
        widths = [width * 0.64, width * 0.36]
    table = Table([cells], colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _heading(sheet: SigninSheet) -> list[Flowable]:
    st = pdf.styles()
    if sheet.day is None:
        when = "Date: ____________________\nSession: ________ to ________"
    else:
        when = f"{sheet.day:%a %d %b %Y}"
        if sheet.start and sheet.end:
            when += f"\nSession {sheet.start:%H:%M}–{sheet.end:%H:%M}"
    width = pdf.frame_width(PAGE)
    right = ParagraphStyle("when", parent=st.title, alignment=TA_RIGHT, leading=22)
    table = Table(
        [
            [
                [pdf.para(sheet.centre_name, st.title), pdf.para("Sign-in sheet", st.heading)],
                pdf.para(when, right),
            ]
        ],
        colWidths=[width * 0.55, width * 0.45],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 0), (-1, 0), 1.2, pdf.ACCENT),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
            ]
        )
    )
    story: list[Flowable] = [table, Spacer(1, 3 * mm)]
    story += [
        Paragraph(_team_line(sheet.team, blank=sheet.day is None), st.body),
        Spacer(1, 2 * mm),
    ]
    if sheet.notes.strip():
        story += [pdf.para(" ".join(sheet.notes.split()), st.body), Spacer(1, 4 * mm)]
    return story


def _team_line(team: SheetTeam, *, blank: bool) -> str:
    """ "Team on duty: Kim Lee leads (07700 900123) · Sam Jones, Ola Late" (markup)."""
    if blank or not (team.lead or team.others):
        return "<b>Team on duty:</b> " + "_" * 60
    parts = []
    if team.lead:
        phone = f" ({escape(team.lead_phone)})" if team.lead_phone else ""
        parts.append(f"<b>{escape(team.lead)}</b> leads{phone}")
    if team.others:
        parts.append(escape(", ".join(team.others)))
    return "<b>Team on duty:</b> " + "&nbsp;&nbsp;·&nbsp;&nbsp;".join(parts)


def _adult_row(adult: SheetAdult) -> list[object]:
    st = pdf.styles()
    name = f"{adult.first_name} {adult.last_name}".strip()
    who = [pdf.para(name, st.cell_bold), pdf.para(adult.role_label, st.small)]
    return [who, _hhmm(adult.planned_arrive), "", "", _hhmm(adult.planned_leave), "", ""]


def _family_block(family: SheetFamily) -> Flowable:
    st = pdf.styles()
    children = ", ".join(family.children_first_names) or "no children named"
    handover = ""
    if family.dropoff and family.pickup:
        handover = (
            f"&nbsp;&nbsp;·&nbsp;&nbsp;planned handover {_hhmm(family.dropoff)}, "
            f"collection {_hhmm(family.pickup)}"
        )
    caption = _caption(
        f"<b>{escape(family.ref)}</b>&nbsp;&nbsp;·&nbsp;&nbsp;Children: "
        f"<b>{escape(children)}</b>{handover}",
        "☐ Did not come — reason: ____________________",
    )
    rows = [_adult_row(adult) for adult in family.adults] or [
        [pdf.para("No adults named: ask the coordinator", st.small), "", "", "", "", "", ""]
    ]
    planned = [
        ("ALIGN", (1, 2), (1, -1), "CENTER"),
        ("ALIGN", (4, 2), (4, -1), "CENTER"),
        ("FONT", (1, 2), (1, -1), pdf.FONT, 11),
        ("FONT", (4, 2), (4, -1), pdf.FONT, 11),
        ("TEXTCOLOR", (1, 2), (1, -1), pdf.ACCENT),
        ("TEXTCOLOR", (4, 2), (4, -1), pdf.ACCENT),
    ]
    table = _grid(FAMILY_COLUMNS, rows, caption=caption, extra=planned)
    return KeepTogether([table, Spacer(1, 4 * mm)])


def _visitors() -> Flowable:
    caption = _caption(
        "<b>Unexpected visitors</b>&nbsp;&nbsp;·&nbsp;&nbsp;anyone not named on this sheet waits "
        "at the desk for the coordinator"
    )
    rows = [[""] * len(VISITOR_COLUMNS) for _ in range(VISITOR_ROWS)]
    return KeepTogether([Spacer(1, 2 * mm), _grid(VISITOR_COLUMNS, rows, caption=caption)])


def render_signin_sheet(sheet: SigninSheet) -> bytes:
    """The sheet as PDF bytes: one block per family, or rows to fill in when blank."""
    story = _heading(sheet)
    if sheet.day is None:
        rows = [[""] * len(BLANK_COLUMNS) for _ in range(BLANK_ROWS)]
        story.append(_grid(BLANK_COLUMNS, rows))
    elif not sheet.families:
        story.append(pdf.para("No families are booked for this session.", pdf.styles().body))
    story += [_family_block(family) for family in sheet.families]
    story.append(_visitors())
    title = f"Sign-in sheet {sheet.day:%d/%m/%Y}" if sheet.day else "Sign-in sheet"
    return pdf.build(story, title=title, footer=FOOTER, pagesize=PAGE)
