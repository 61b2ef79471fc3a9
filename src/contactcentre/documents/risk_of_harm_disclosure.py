"""The risk-of-harm disclosure: a signed-off incident told to a named agency, as an A4 PDF.

The only document that carries an incident's text. It prints exactly the fields of
`RiskOfHarmDisclosure`, which the domain builds from the signed-off incident."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from contactcentre.documents import pdf
from contactcentre.documents.data import RiskOfHarmDisclosure


def render(data: RiskOfHarmDisclosure) -> bytes:
    st = pdf.styles()
    width = pdf.frame_width()
    story: list[Flowable] = pdf.letterhead(data.letterhead, width=width)
    story += [
        pdf.para("\n".join(data.recipient)),
        Spacer(1, 12),
        pdf.para(f"{data.dated}\nOur ref: {data.reference}", st.right),
        pdf.para("Disclosure of a risk of harm", st.title),
        pdf.para(f"Incident {data.incident_ref}, family reference {data.family_ref}"),
        pdf.para("Why we are telling you", st.heading),
        pdf.para(data.reason),
    ]
    for heading, text in data.sections:
        story += [pdf.para(heading, st.heading), pdf.para(text)]
    story += [
        Spacer(1, 12),
        pdf.para(data.signed_off, st.small),
        pdf.para(f"Disclosed by {data.disclosed_by} on {data.dated}.", st.small),
    ]
    footer = f"{data.reference} · confidential: a risk-of-harm disclosure"
    return pdf.build(story, title=f"Risk-of-harm disclosure {data.reference}", footer=footer)
