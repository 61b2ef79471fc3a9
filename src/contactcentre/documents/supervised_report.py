"""The supervised contact report: the quality-checked observation records of one case
over a period, for one recipient, as an A4 PDF.

It prints exactly the fields of `SupervisedReport`: the letterhead, the case, the period,
the recipient, the cautionary note, and each approved record with its attendance times,
addenda, author and approver. The footer carries the log reference and the SHA-256 digest
of that data. A draft says "DRAFT — not for release" across every page.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from contactcentre.documents import pdf
from contactcentre.documents.attendance_letter import day_text, time_text
from contactcentre.documents.data import IssuedReport, ReportSession, SupervisedReport

DRAFT_MARK = "DRAFT — not for release"


def _pairs(rows: list[tuple[str, str]], width: float) -> Table:
    """Label and value rows, the labels shaded, long values wrapping."""
    st = pdf.styles()
    data = [
        [pdf.para(label, st.cell_bold), pdf.para(value or "–", st.cell)] for label, value in rows
    ]
    table = Table(data, colWidths=[width * 0.28, width * 0.72])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, pdf.RULE),
                ("BACKGROUND", (0, 0), (0, -1), pdf.SHADE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _times(session: ReportSession) -> str:
    if session.escorted:
        return "Escorted contact: outside the centre, no attendance log"
    return (
        f"Parent arrived {time_text(session.arrived)}, left {time_text(session.left)}; "
        f"child dropped off {time_text(session.dropped_off)}, "
        f"collected {time_text(session.collected)}"
    )


def _session(session: ReportSession, width: float) -> list[Flowable]:
    st = pdf.styles()
    children = "; ".join(f"{n} ({age})" if age else n for n, age in session.children)
    header = [
        ("Date", day_text(session.day)),
        ("Time", f"{session.start:%H:%M}–{session.end:%H:%M}"),
        ("Venue", session.venue + (" (escorted contact)" if session.escorted else "")),
        ("Attendance times", _times(session)),
        ("Children (age on the day)", children),
        ("Brought by", session.brought_by),
        ("Collected by", session.collected_by),
        ("Others present", session.others_present),
        ("Worker(s)", ", ".join(session.workers)),
        ("Aim of the session", session.aim),
    ]
    if session.escorted and session.route:
        header.insert(3, ("Route", session.route))
    body = [
        ("What happened", session.what_happened),
        ("Quotes", "\n".join(f"“{q}”" for q in session.quotes)),
        ("Child's response on arrival and leaving", session.child_response),
        ("Interventions by the worker", session.interventions),
        (
            "Safeguarding concern",
            ("Yes: " + session.safeguarding_details) if session.safeguarding else "No",
        ),
        ("Critical incidents", session.critical_incidents),
        (
            "Ended early",
            ("Yes: " + session.ended_early_reason) if session.ended_early else "No",
        ),
    ]
    approved = f" on {session.approved_on:%d/%m/%Y}" if session.approved_on else ""
    flow: list[Flowable] = [
        KeepTogether(
            [pdf.para(f"Session of {day_text(session.day)}", st.heading), _pairs(header, width)]
        ),
        Spacer(1, 2 * mm),
        _pairs(body, width),
        Spacer(1, 1.5 * mm),
        pdf.para(
            f"Written by {session.author}; approved by {session.approved_by or '–'}{approved}.",
            st.small,
        ),
    ]
    for addendum in session.addenda:
        flow.append(
            pdf.para(
                f"Addendum by {addendum.added_by}, {addendum.added_on:%d/%m/%Y}: {addendum.text}",
                st.cell,
            )
        )
    return flow


def _story(report: SupervisedReport) -> list[Flowable]:
    st = pdf.styles()
    width = pdf.frame_width()
    story = pdf.letterhead(report.letterhead, width=width)
    story.append(pdf.para("Supervised contact report", st.title))
    case = [
        ("Family reference", report.family_ref),
        ("Case number", report.case_number),
        ("Period", f"{day_text(report.period_from)} to {day_text(report.period_to)}"),
        ("For", ", ".join(report.recipient)),
        ("Requested by", report.requested_by),
        ("Date of report", f"{report.report_date:%d/%m/%Y}"),
        ("Our ref", report.reference),
    ]
    story += [_pairs(case, width), Spacer(1, 3 * mm)]
    story.append(pdf.para("The limits of this report", st.heading))
    for paragraph in report.caution.split("\n\n"):
        story += [pdf.para(paragraph), Spacer(1, 2 * mm)]
    if not report.sessions:
        story.append(pdf.para("No observation records in this period."))
    for session in report.sessions:
        story += _session(session, width)
    return story


def render_report(issued: IssuedReport) -> bytes:
    report = issued.report
    footer = f"Ref {report.reference} · {report.family_ref} · SHA-256 {issued.digest}"
    return pdf.build(
        _story(report),
        title=f"Supervised contact report {report.family_ref}",
        footer=footer,
        watermark=DRAFT_MARK if report.draft else "",
    )
