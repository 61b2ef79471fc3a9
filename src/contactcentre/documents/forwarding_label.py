"""The forwarding label / cover sheet for an item passed on through the centre, as an A4
PDF: a box to cut out (or show through a window envelope) with the recipient's name and
address, the centre as the return address, and the item's reference.

It prints exactly the fields of `ForwardingLabel`, which has none for the sender.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from contactcentre.documents import pdf
from contactcentre.documents.data import ForwardingLabel

LABEL_WIDTH = 110 * mm
LABEL_HEIGHT = 52 * mm


def _address(name: str, address: str) -> str:
    return "\n".join([name, *(line.strip() for line in address.splitlines() if line.strip())])


def _box(rows: list[list[object]], style: list[tuple[object, ...]], height: float) -> Table:
    """A fixed-size box: it is cut out, or shows through a window envelope."""
    table = Table(rows, colWidths=[LABEL_WIDTH], rowHeights=[height])
    table.hAlign = "LEFT"
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), *style]))
    return table


def _story(label: ForwardingLabel) -> list[Flowable]:
    st = pdf.styles()
    big = ParagraphStyle("recipient", parent=st.body, fontSize=13, leading=17)
    recipient = _box(
        [[pdf.para(_address(label.recipient_name, label.recipient_address), big)]],
        [
            ("BOX", (0, 0), (-1, -1), 0.8, pdf.RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 6 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 5 * mm),
        ],
        LABEL_HEIGHT,
    )
    sender = "\n".join(
        [
            "If undelivered, please return to:",
            _address(label.return_name, label.return_address),
            *([label.return_phone] if label.return_phone else []),
        ]
    )
    return [
        Spacer(1, 22 * mm),  # where a DL window envelope shows the address
        recipient,
        Spacer(1, 6 * mm),
        pdf.para(sender, st.small),
        Spacer(1, 14 * mm),
        pdf.para(f"Item {label.item_ref} · {label.kind_label}", st.heading),
        pdf.para(
            f"This {label.kind_label.lower()} was passed on to you by {label.return_name}. "
            f"Please quote {label.item_ref} if you contact the centre about it."
        ),
    ]


def render_label(label: ForwardingLabel) -> bytes:
    return pdf.build(
        _story(label), title=f"Forwarding label {label.item_ref}", footer=label.item_ref
    )
