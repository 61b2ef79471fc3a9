"""The attendance-only letter for supported contact, as an A4 PDF ready to post.

It prints exactly the fields of `AttendanceLetter` (dates, times, outcomes, the fixed
paragraph) and, in the footer, the log reference and the SHA-256 digest of that data.
"""

from __future__ import annotations

from datetime import date, time

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from contactcentre.documents import pdf
from contactcentre.documents.data import AttendanceLetter, IssuedLetter, LetterRow, LetterTotals

# Two header rows: the times are grouped under who they belong to.
HEADER = (
    ("Date", "Session", "Outcome", "Non-resident parent", "", "Child", ""),
    ("", "", "", "arrived", "left", "dropped off", "collected"),
)
WIDTHS = (31, 24, 43, 18, 18, 18, 18)  # proportions of the frame's width


def day_text(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def time_text(at: time | None) -> str:
    return f"{at:%H:%M}" if at is not None else "–"


def _re_line(letter: AttendanceLetter) -> str:
    children = "; ".join(
        f"{c.first_name}, born {c.date_of_birth:%d/%m/%Y}" if c.date_of_birth else c.first_name
        for c in letter.children
    )
    return f"Re: family reference {letter.family_ref}" + (f" – {children}" if children else "")


def _heading_block(letter: AttendanceLetter, width: float) -> list[Flowable]:
    st = pdf.styles()
    recipient = pdf.para("\n".join(letter.recipient))
    dated = pdf.para(
        f"{letter.letter_date.day} {letter.letter_date:%B %Y}\nOur ref: {letter.reference}",
        st.right,
    )
    table = Table([[recipient, dated]], colWidths=[width * 0.6, width * 0.4])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [table, Spacer(1, 7 * mm)]


def _sessions_table(rows: tuple[LetterRow, ...], width: float) -> Table:
    st = pdf.styles()
    scale = width / sum(WIDTHS)
    room = WIDTHS[2] * scale - 12  # the outcome column, less the cell's padding
    data: list[list[object]] = [list(line) for line in HEADER]
    for row in rows:
        fits = stringWidth(row.outcome, pdf.FONT, 9) <= room  # most: "Attended"
        data.append(
            [
                day_text(row.day),
                f"{row.start:%H:%M}–{row.end:%H:%M}",
                row.outcome if fits else pdf.para(row.outcome, st.cell),  # else it wraps
                *(time_text(t) for t in (row.arrived, row.left, row.dropped_off, row.collected)),
            ]
        )
    table = Table(data, colWidths=[w * scale for w in WIDTHS], repeatRows=2)
    table.setStyle(
        TableStyle(
            [
                *pdf.grid_style(header_rows=2),
                *(("SPAN", (c, 0), (c, 1)) for c in range(3)),
                ("SPAN", (3, 0), (4, 0)),
                ("SPAN", (5, 0), (6, 0)),
                ("ALIGN", (3, 0), (-1, -1), "CENTER"),
                ("FONT", (3, 0), (-1, 0), pdf.FONT_BOLD, 8.5),
                ("FONT", (3, 1), (-1, 1), pdf.FONT, 8),
            ]
        )
    )
    return table


def _totals_table(totals: LetterTotals, width: float) -> Table:
    """The counts as a strip: a shaded row of labels over a row of numbers."""
    counts = [
        ("Sessions booked", totals.offered),
        ("Attended", totals.attended),
        ("Cancelled by the resident parent", totals.cancelled_by_resident),
        ("Cancelled by the non-resident parent", totals.cancelled_by_non_resident),
        ("Cancelled by the centre", totals.cancelled_by_centre),
        ("Did not attend", totals.not_attended),
    ]
    if totals.not_recorded:
        counts.append(("No attendance recorded", totals.not_recorded))
    if totals.not_yet_held:
        counts.append(("Not yet held", totals.not_yet_held))
    head = ParagraphStyle("totals", parent=pdf.styles().cell_bold, fontSize=8, leading=10)
    data = [[pdf.para(label, head) for label, _ in counts], [str(n) for _, n in counts]]
    table = Table(data, colWidths=[width / len(counts)] * len(counts))
    table.setStyle(TableStyle([*pdf.grid_style(), ("ALIGN", (0, 1), (-1, 1), "CENTER")]))
    return table


def _story(letter: AttendanceLetter) -> list[Flowable]:
    st = pdf.styles()
    width = pdf.frame_width()
    first, last = day_text(letter.period_from), day_text(letter.period_to)
    story = pdf.letterhead(letter.letterhead, width=width)
    story += _heading_block(letter, width)
    story.append(pdf.para(letter.salutation))
    story.append(Spacer(1, 3 * mm))
    story.append(pdf.para(_re_line(letter), st.cell_bold))
    story.append(Spacer(1, 3 * mm))
    if letter.rows:
        story.append(
            pdf.para(
                f"Below are the contact sessions at {letter.letterhead.name} that this family "
                f"was booked for between {first} and {last}, with the times recorded on the "
                "day (24-hour clock, UK time)."
            )
        )
        story += [
            Spacer(1, 3 * mm),
            _sessions_table(letter.rows, width),
            Spacer(1, 3 * mm),
            KeepTogether(_totals_table(letter.totals, width)),
        ]
    else:
        story.append(
            pdf.para(
                f"This family was not booked for any contact session at "
                f"{letter.letterhead.name} between {first} and {last}."
            )
        )
    story.append(Spacer(1, 4 * mm))
    *paragraphs, closing = letter.statement.split("\n\n")
    for paragraph in paragraphs:
        story += [pdf.para(paragraph), Spacer(1, 2.5 * mm)]
    # The last paragraph goes over the page with the signature, never the signature alone.
    ending = [
        pdf.para(closing),
        Spacer(1, 5 * mm),
        pdf.para(letter.closing),
        Spacer(1, 13 * mm),
        pdf.para(letter.coordinator_name or " ", st.cell_bold),
        pdf.para(f"Coordinator, {letter.letterhead.name}"),
    ]
    story.append(KeepTogether(ending))
    return story


def render_letter(issued: IssuedLetter) -> bytes:
    letter = issued.letter
    footer = f"{letter.reference} · {letter.family_ref} · SHA-256 {issued.digest}"
    return pdf.build(
        _story(letter),
        title=f"Attendance letter {letter.family_ref} {letter.reference}",
        footer=footer,
    )
