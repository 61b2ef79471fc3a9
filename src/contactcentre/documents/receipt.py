"""A receipt for one payment, and a family's statement for a period, as A4 PDFs.

Both print exactly the fields of their dataclass: the centre's letterhead (with its
charity number), the family's reference, amounts already in pounds and pence ("£12.50"),
dates and what was paid for. The receipt number is the payment's reference (P-0001).
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from contactcentre.documents import pdf
from contactcentre.documents.data import PAYMENT_METHODS, Receipt, Statement


def _day(on: date) -> str:
    return f"{on:%a} {on.day} {on:%b %Y}"


def _table(rows: list[list[object]], widths: list[float], *, right_from: int) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([*pdf.grid_style(), ("ALIGN", (right_from, 0), (-1, -1), "RIGHT")]))
    return table


def render_receipt(receipt: Receipt) -> bytes:
    st = pdf.styles()
    width = pdf.frame_width()
    details = Table(
        [
            ["Receipt number", receipt.number],
            ["Date paid", _day(receipt.paid_on)],
            ["Received from", pdf.para(receipt.payer, st.cell)],
            ["Family reference", receipt.family_ref],
            ["Amount", receipt.amount],
            ["Paid by", PAYMENT_METHODS.get(receipt.method, receipt.method)],
        ],
        colWidths=[width * 0.3, width * 0.7],
    )
    details.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), pdf.FONT, 9),
                ("GRID", (0, 0), (-1, -1), 0.5, pdf.RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (0, -1), pdf.SHADE),
                ("FONT", (0, 0), (0, -1), pdf.FONT_BOLD, 9),
                ("FONT", (1, 4), (1, 4), pdf.FONT_BOLD, 11),
            ]
        )
    )
    paid_for = [["For", "Amount"]] + [
        [pdf.para(what, st.cell), amount] for what, amount in receipt.paid_for
    ]
    story: list[Flowable] = [
        *pdf.letterhead(receipt.letterhead, width=width),
        pdf.para(f"Receipt {receipt.number}", st.title),
        Spacer(1, 3 * mm),
        details,
        pdf.para("What it paid", st.heading),
        _table(paid_for, [width * 0.75, width * 0.25], right_from=1),
        Spacer(1, 4 * mm),
        pdf.para(f"Balance for family {receipt.family_ref} after this payment: {receipt.balance}."),
        Spacer(1, 4 * mm),
        pdf.para(f"Thank you. Received by {receipt.letterhead.name}.", st.small),
    ]
    return pdf.build(story, title=f"Receipt {receipt.number}", footer=f"Receipt {receipt.number}")


def render_statement(statement: Statement) -> bytes:
    st = pdf.styles()
    width = pdf.frame_width()
    period = f"{statement.start:%d/%m/%Y} to {statement.end:%d/%m/%Y}"
    rows: list[list[object]] = [["Date", "Details", "Charged", "Paid", "Balance"]]
    rows.append(["", "Balance brought forward", "", "", statement.brought_forward])
    rows += [
        [f"{line.on:%d/%m/%Y}", pdf.para(line.what, st.cell), line.charged, line.paid, line.balance]
        for line in statement.lines
    ]
    widths = [width * w for w in (0.14, 0.47, 0.13, 0.13, 0.13)]
    story: list[Flowable] = [
        *pdf.letterhead(statement.letterhead, width=width),
        pdf.para(f"Statement for family {statement.family_ref}", st.title),
        pdf.para(period),
        Spacer(1, 4 * mm),
        _table(rows, widths, right_from=2),
        Spacer(1, 4 * mm),
        pdf.para(f"Balance on {statement.end:%d/%m/%Y}: {statement.balance}."),
    ]
    footer = f"Statement · {statement.family_ref} · {period}"
    return pdf.build(story, title=f"Statement {statement.family_ref}", footer=footer)
