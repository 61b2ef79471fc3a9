"""What each printed document may show, as plain frozen dataclasses.

`domain/` builds these; a renderer in `documents/` turns one into PDF bytes and never
queries the store. Whatever has no field here cannot reach the paper: there is no field
for notes, observations, referral or court details, and addresses appear only in the
centre's own letterhead (and, in a letter, the recipient's block).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

Point = tuple[float, float]
Stroke = tuple[Point, ...]


@dataclass(frozen=True)
class Letterhead:
    """The centre's own details, printed at the top of letters and agreements."""

    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    charity_number: str = ""
    accreditation_line: str = ""


@dataclass(frozen=True)
class AgreementCopy:
    """One printable agreement: blank (no person) or for one adult, signed or not."""

    letterhead: Letterhead
    version: int
    text: str
    family_ref: str | None
    person_name: str | None
    role_label: str | None
    signed_on: date | None
    method: str | None  # "screen" or "paper" once signed
    strokes: tuple[Stroke, ...]  # a signature drawn on screen, in 0..1 pad units
    witnessed_by: str


@dataclass(frozen=True)
class SheetAdult:
    first_name: str
    last_name: str
    role_label: str
    planned_arrive: time | None
    planned_leave: time | None


@dataclass(frozen=True)
class SheetFamily:
    ref: str
    children_first_names: tuple[str, ...]
    adults: tuple[SheetAdult, ...]
    dropoff: time | None
    pickup: time | None


@dataclass(frozen=True)
class SheetTeam:
    """The team on duty as the sheet prints it: names, who leads, and only the lead's
    phone (the number to ring on the day)."""

    lead: str = ""
    lead_phone: str = ""
    others: tuple[str, ...] = ()


@dataclass(frozen=True)
class SigninSheet:
    """A session's sign-in sheet; `day` None (and no families) is the blank sheet."""

    centre_name: str
    day: date | None
    start: time | None
    end: time | None
    families: tuple[SheetFamily, ...]
    notes: str
    team: SheetTeam = SheetTeam()


@dataclass(frozen=True)
class LetterChild:
    first_name: str
    date_of_birth: date | None


@dataclass(frozen=True)
class LetterRow:
    """One booked session: its outcome, and the times recorded when the family attended."""

    day: date
    start: time
    end: time
    outcome: str  # a fixed label: "Attended", "Cancelled by the centre", …
    arrived: time | None  # the visiting parent
    left: time | None
    dropped_off: time | None  # the child
    collected: time | None


@dataclass(frozen=True)
class LetterTotals:
    offered: int
    attended: int
    cancelled_by_resident: int
    cancelled_by_non_resident: int
    cancelled_by_centre: int
    not_attended: int
    not_recorded: int  # past sessions with nothing recorded
    not_yet_held: int  # sessions after the letter's date


@dataclass(frozen=True)
class AttendanceLetter:
    """An attendance-only letter for supported contact: dates, times and outcomes only.

    There is deliberately no field for notes, observations, reasons or any address but
    the recipient's. The SHA-256 digest printed on the letter covers exactly these fields.
    """

    letterhead: Letterhead
    letter_date: date
    reference: str  # the disclosure log's short reference, e.g. "L-0012"
    recipient: tuple[str, ...]  # lines of the recipient block; empty = "to whom it may concern"
    family_ref: str
    children: tuple[LetterChild, ...]
    period_from: date
    period_to: date
    rows: tuple[LetterRow, ...]
    totals: LetterTotals
    statement: str  # the fixed paragraph from forms/letter_supported.md
    coordinator_name: str
    # "Dear Ms J Patel," / "Dear Sir or Madam," / "To whom it may concern,": said from the
    # recipient's lines, so the digest (which covers those) leaves it out
    salutation: str = "To whom it may concern,"
    closing: str = "Yours faithfully,"  # "Yours sincerely," after "Dear <name>,"


@dataclass(frozen=True)
class IssuedLetter:
    """A letter with the digest of its data, as printed in its footer and the log."""

    letter: AttendanceLetter
    digest: str


@dataclass(frozen=True)
class ForwardingLabel:
    """A label / cover sheet for an item passed on through the centre (indirect contact).

    It has a field for the recipient's address and the centre's, and none for the
    sender: their name, address and the item's description cannot reach it."""

    item_ref: str
    kind_label: str  # "Letter", "Card"...
    recipient_name: str
    recipient_address: str
    return_name: str  # the centre, as the return address
    return_address: str
    return_phone: str


PAYMENT_METHODS = {"cash": "Cash", "card": "Card", "transfer": "Bank transfer", "cheque": "Cheque"}


@dataclass(frozen=True)
class Receipt:
    """A receipt for one payment (documents/receipt.py)."""

    letterhead: Letterhead
    number: str  # the payment's reference, P-0001
    family_ref: str
    paid_on: date
    amount: str  # "£12.50"
    method: str  # a key of PAYMENT_METHODS
    payer: str
    paid_for: tuple[tuple[str, str], ...]  # (what, "£3.00")
    balance: str  # the family's balance after it, in words


@dataclass(frozen=True)
class StatementLine:
    on: date
    what: str
    charged: str  # "£3.00" or ""
    paid: str
    balance: str


@dataclass(frozen=True)
class Statement:
    """A family's charges and payments over a period (documents/receipt.py)."""

    letterhead: Letterhead
    family_ref: str
    start: date
    end: date
    brought_forward: str
    lines: tuple[StatementLine, ...]
    balance: str


@dataclass(frozen=True)
class ChartSeries:
    """One series of a chart: a name for the legend and one value per category (None:
    nothing to plot there)."""

    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Chart:
    """A chart as plain data, drawn the same on screen (QPainter) and on paper
    (reportlab.graphics): `kind` "bars" (grouped, one bar per series per category) or
    "line" (one line per series). No series at all: nothing is recorded, and `note` says
    so where the chart would be."""

    title: str
    kind: str  # "bars" | "line"
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    unit: str = ""  # "%" for percentages
    note: str = ""  # a caption: why there is nothing to draw, or how to read it


@dataclass(frozen=True)
class StatisticsRow:
    """One line of the figures table: a section heading (value None, `heading` True) or a
    figure and its value as printed ("12", "41.7%", "not recorded")."""

    label: str
    value: str | None
    heading: bool = False


@dataclass(frozen=True)
class StatisticsReport:
    """The funders' report: counts only. There is no field that could carry a name, a
    reference or free text from the register; the paragraph is the centre's fixed text
    from forms/funders_report.md."""

    letterhead: Letterhead
    period_label: str
    period_from: date
    period_to: date
    produced_on: date
    rows: tuple[StatisticsRow, ...]
    charts: tuple[Chart, ...]
    statement: str


# Supervised contact reports (issue 18): documents/supervised_report.py renders these.


@dataclass(frozen=True)
class ReportAddendum:
    text: str
    added_by: str
    added_on: date


@dataclass(frozen=True)
class ReportSession:
    """One approved observation record, as the report states it."""

    day: date
    start: time
    end: time
    venue: str
    escorted: bool
    route: str
    children: tuple[tuple[str, str], ...]  # first name, age on the day
    brought_by: str
    collected_by: str
    others_present: str
    workers: tuple[str, ...]
    aim: str
    what_happened: str
    quotes: tuple[str, ...]
    child_response: str
    interventions: str
    safeguarding: bool
    safeguarding_details: str
    critical_incidents: str
    ended_early: bool
    ended_early_reason: str
    # From the attendance log (centre sessions): the centre's local times.
    arrived: time | None
    left: time | None
    dropped_off: time | None
    collected: time | None
    author: str
    approved_by: str
    approved_on: date | None
    addenda: tuple[ReportAddendum, ...]


@dataclass(frozen=True)
class SupervisedReport:
    letterhead: Letterhead
    report_date: date
    reference: str
    family_ref: str
    case_number: str
    period_from: date
    period_to: date
    recipient: tuple[str, ...]
    requested_by: str
    caution: str
    sessions: tuple[ReportSession, ...]
    draft: bool


@dataclass(frozen=True)
class IssuedReport:
    report: SupervisedReport
    digest: str


@dataclass(frozen=True)
class RiskOfHarmDisclosure:
    letterhead: Letterhead
    reference: str  # the disclosure log's reference
    incident_ref: str
    family_ref: str
    recipient: tuple[str, ...]  # the agency, line by line
    reason: str  # why it is disclosed
    dated: str  # "2 December 2026"
    sections: tuple[tuple[str, str], ...]  # (heading, text) from the incident, in order
    signed_off: str  # "Signed off by Pat Coordinator on 13/03/2027 at 12:40"
    disclosed_by: str

    def wording(self) -> str:
        """The text as the coordinator reviews it on screen before disclosing."""
        parts = [
            f"To: {', '.join(self.recipient)}",
            f"Our ref: {self.reference}   Incident: {self.incident_ref}   "
            f"Family: {self.family_ref}",
            f"Why we are telling you: {self.reason}",
        ]
        parts += [f"{heading}:\n{text}" for heading, text in self.sections]
        parts += [self.signed_off, f"Disclosed by {self.disclosed_by} on {self.dated}."]
        return "\n\n".join(parts)


WITHHELD = "[withheld: third party]"


@dataclass(frozen=True)
class AccessSection:
    title: str
    records: tuple[tuple[tuple[str, str], ...], ...]  # each record: (field, value) pairs


@dataclass(frozen=True)
class SubjectAccess:
    letterhead: Letterhead
    subject: str
    family_ref: str
    produced_on: date
    sections: tuple[AccessSection, ...]
