"""A subject-access export as a readable A4 PDF: everything the centre holds about one
person, section by section, each record a small two-column table. Whatever was withheld
as a third party's data already reads "[withheld: third party]" in the dataclass."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from contactcentre.documents import pdf
from contactcentre.documents.data import WITHHELD, SubjectAccess

LONG = 400  # a value longer than this (an agreement's text) follows its record, page-wide


def _record(rows: tuple[tuple[str, str], ...], width: float) -> list[Flowable]:
    st = pdf.styles()
    short = [(k, v) for k, v in rows if len(v) <= LONG]
    table = Table(
        [[pdf.para(k, st.cell), pdf.para(v or "—", st.cell)] for k, v in short],
        colWidths=[width * 0.3, width * 0.7],
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, pdf.RULE),
                ("BACKGROUND", (0, 0), (0, -1), pdf.SHADE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    found: list[Flowable] = [table]
    for k, v in rows:
        if len(v) > LONG:
            found += [pdf.para(k, st.cell_bold), pdf.para(v, st.small)]
    return found


def render_subject_access(export: SubjectAccess) -> bytes:
    st = pdf.styles()
    width = pdf.frame_width()
    story: list[Flowable] = [
        *pdf.letterhead(export.letterhead, width=width),
        pdf.para(f"Information we hold about {export.subject}", st.title),
        pdf.para(
            f"Family reference {export.family_ref}. Produced {export.produced_on:%d/%m/%Y} "
            f"in answer to a subject-access request. Information about other people is "
            f"shown as {WITHHELD}."
        ),
    ]
    for section in export.sections:
        # Each record stays on one page (a long text that follows it may run on), and a
        # section's heading stays with its first record.
        kept = [[*_record(record, width), Spacer(1, 2 * mm)] for record in section.records]
        first = kept.pop(0) if kept else [pdf.para("None held.", st.small)]
        story.append(KeepTogether([pdf.para(section.title, st.heading), *first]))
        story += [KeepTogether(record) for record in kept]
    title = f"Subject access: {export.family_ref}"
    return pdf.build(story, title=title, footer=title)
