"""Leak canaries (issue 9): a unique marker in every free-text field, typed in through the
same domain functions and commands the GUI and scripts use; a full session day; every kind
of output the app makes; then every file the app wrote is searched for every marker.

A marker may appear only in the outputs the allow-table names for its field (a parent's
name on the sign-in sheet, the witness on the agreement, the recipient in a letter...).
The database, its -wal/-shm and the backup hold every marker, encrypted: their bytes must
not show a single one. Logs, temporary files, settings and caches may show none.

The test cannot pass by finding nothing: every marker is read back from the decrypted
store and from the decrypted backup, and every allowed output must really show its
markers.
"""

from __future__ import annotations

import logging
import logging.handlers
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlmodel import SQLModel, col, select

from contactcentre import logs, paths
from contactcentre.cli import disclosure_cmds
from contactcentre.documents.data import RiskOfHarmDisclosure
from contactcentre.documents.risk_of_harm_disclosure import render as render_disclosure
from contactcentre.domain.agreements import signing
from contactcentre.domain.agreements import versions as agreement_versions
from contactcentre.domain.bookings import attendance, cancelling, exclusion, session_calendar
from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.centre import update_centre
from contactcentre.domain.clock import FixedClock
from contactcentre.domain.disclosure import log as disclosure_log
from contactcentre.domain.disclosure import risk_of_harm
from contactcentre.domain.indirect import arrangement as item_terms
from contactcentre.domain.indirect import items as indirect_items
from contactcentre.domain.indirect.rules import Terms
from contactcentre.domain.register import families as family_register
from contactcentre.domain.register.family_forms import FamilyForm, PersonForm, RefereeForm
from contactcentre.domain.retention import withholding
from contactcentre.domain.safeguarding import complaints, incidents, screening
from contactcentre.domain.session_day import attendance_import, paper_entry, welcome_desk
from contactcentre.domain.supervised import cases as supervised_cases
from contactcentre.domain.supervised import occasions
from contactcentre.domain.supervised import records as observations
from contactcentre.domain.team import register, rota
from contactcentre.outputs import write_file
from contactcentre.store.engine import Store
from contactcentre.store.models import (
    Answer,
    CancelledBy,
    ContactType,
    EventKind,
    FamilyStatus,
    IncidentCategory,
    Person,
    RecipientRole,
    ReferralSource,
    Role,
    ScreeningItem,
    TeamRole,
)
from contactcentre.ui.main_window import MainWindow
from contactcentre.ui.screens import screens_for
from contactcentre.ui.today.today_screen import TodayScreen
from tests.canary import in_bytes, in_text
from tests.cli.conftest import Run, cli  # noqa: F401  (the `cli` fixture)
from tests.conftest import PASSPHRASE
from tests.factories import add_booking, add_family, make_ready
from tests.pdf_text import pdf_text
from tests.ui.conftest import no_modal_dialogs  # noqa: F401  (autouse: no modal hangs)

LONDON = ZoneInfo("Europe/London")
BOOKED_ON = date(2027, 3, 1)
DAY = date(2027, 3, 13)  # the session day (2nd Saturday of March 2027)
LATER_DAY = date(2027, 3, 27)  # the 4th Saturday: the centre cancels it
CLOSED_DAY = date(2027, 4, 10)  # the hall is booked
IMPORTED_DAY = date(2027, 2, 27)  # a past session typed in from the old register
PERIOD = ("2027-02-01", "2027-03-31")  # what the letters cover
LETTER_CLOCK = FixedClock(datetime(2027, 4, 1, 10, 0))

# --- the outputs ------------------------------------------------------------------------

SHEET = "the day's sign-in sheet (PDF)"
BLANK_SHEET = "the blank sign-in sheet (PDF)"
AGREE_A = "family A's agreements (PDF)"
AGREE_BLANK = "the blank agreement (PDF)"
LETTER_A = "family A's letter to the recipient asked for (PDF)"
BATCH = {family: f"batch letter for {family} (PDF)" for family in "ABDE"}
LETTERS = {LETTER_A, *BATCH.values()}
AGREEMENTS = {AGREE_A, AGREE_BLANK}
CSV_FAMILIES = "families CSV export"
CSV_PEOPLE = "people CSV export"
BACKUP = "the backup file"
DATABASE = "the data folder (database, -wal, -shm)"
TEMP = "the temp folder"
LOG = "the log folder"
USER_FOLDERS = "the user's config/cache/data/state folders (QSettings...)"
FILE_NAMES = "names of the files written"
CLI_SHEET = "`contactcentre sheet` output"
CLI_AGREEMENT = "`contactcentre agreement` output"
CLI_LETTER = "`contactcentre letter` output"
CLI_LETTERS = "`contactcentre letters` output"
CLI_EXPORT = "`contactcentre export-*` output"
CLI_BACKUP = "`contactcentre backup` output"
CLI_AUDIT = "`contactcentre audit` output (the audit list)"
CLI_VERIFY = "`contactcentre audit --verify` output"
CLI_CHECK = "`contactcentre check` output"
CLI_DISCLOSURES = "`contactcentre disclosures` output (the disclosure log)"
CLI_SESSIONS = "`contactcentre sessions` output"
CLI_ROTA = "`contactcentre rota` output"
TODAY = "the Today screen (its plain data and every word its widgets show)"
LABEL = "the forwarding label for family A's item (PDF)"
CLI_ITEMS = "`contactcentre items` output (the item log, text and --json)"
CLI_LABEL = "`contactcentre label` output"
RECEIPT = "the receipt for family A's payment (PDF)"
STATEMENT = "family A's statement (PDF)"
CLI_CHARGES = "`contactcentre charges` (and charge add / fees) output"
CHARGED = {RECEIPT, STATEMENT, CLI_CHARGES}  # where charges and payments are shown
STATS_REPORT = "the funders' report (PDF)"
STATS_CSV = "the NACCC return (CSV)"
CLI_STATS = "`contactcentre stats` output (table and --json)"
STATS_PERIOD = ("--from", "2027-01-01", "--to", "2027-06-30")
REPORT_F = "family F's supervised contact report (PDF)"
SUPERVISED_DAY = date(2027, 3, 20)  # F's supervised session (a session of its own)
ESCORTED_DAY = date(2027, 3, 21)  # G's escorted visit, in the park
HARM = "the risk-of-harm disclosure of family A's incident (PDF)"
CLI_INCIDENTS = "`contactcentre incidents` output (text and --json)"
CLI_COMPLAINTS = "`contactcentre complaint add` and `complaints` output"
CLI_SCREENING = "`contactcentre screening` output (text and --json)"
SAR_PDF = "the subject-access export for family A's resident parent (PDF)"
SAR_JSON = "the subject-access export for family A's resident parent (JSON)"
SAR = {SAR_PDF, SAR_JSON}
SAR_F_PDF = "the subject-access export for family F's resident parent (PDF)"
SAR_F_JSON = "the subject-access export for family F's resident parent (JSON)"
SAR_F = {SAR_F_PDF, SAR_F_JSON}
CLI_RETENTION = "`contactcentre retention` and `destructions` output"

# --- the markers and where each may appear ------------------------------------------------


@dataclass(frozen=True)
class Canary:
    field: str  # table.column, and whose
    typed: str  # what goes into the field
    needles: tuple[str, ...]  # what gives it away in a file
    allowed: frozenset[str]  # the outputs meant to carry it (each must show it)


CANARIES: dict[str, Canary] = {}


def plant(field: str, typed: str, *allowed: str | set[str], needles: tuple[str, ...] = ()) -> str:
    kinds: set[str] = set()
    for kind in allowed:
        kinds |= {kind} if isinstance(kind, str) else kind
    CANARIES[field] = Canary(field, typed, needles or (typed,), frozenset(kinds))
    return typed


def phone(field: str, last3: str, *allowed: str | set[str]) -> str:
    """A unique Ofcom drama number: found stored (+441134960NNN) or shown (0113 496 0NNN)."""
    return plant(
        field, f"0113 496 0{last3}", *allowed, needles=(f"1134960{last3}", f"113 496 0{last3}")
    )


def email(field: str, local: str, *allowed: str | set[str]) -> str:
    return plant(field, f"{local}@example.org", *allowed, needles=(local,))


PAPERS = (
    AGREEMENTS | LETTERS | {RECEIPT, STATEMENT, STATS_REPORT, REPORT_F, HARM, SAR_PDF, SAR_F_PDF}
)  # the letterhead's
M = {
    # centre settings
    "centre.name": plant("centre.name", "ZqCentreNameQz", SHEET, BLANK_SHEET, PAPERS, LABEL),
    "centre.address": plant(
        "centre.address", "ZqCentreAddrQz\nChapel Lane\nLeeds", PAPERS, LABEL
    ),  # the label's return address
    "centre.phone": phone("centre.phone", "766", PAPERS, LABEL),
    "centre.email": email("centre.email", "zqcentremailqz", PAPERS),
    "centre.charity_number": plant("centre.charity_number", "ZqCharityQz", PAPERS),
    "centre.accreditation_line": plant("centre.accreditation_line", "ZqAccreditQz", PAPERS),
    "centre.coordinator_name": plant("centre.coordinator_name", "ZqCoordQz", LETTERS),
    # the centre's agreement wording
    "agreement_version.text": plant(
        "agreement_version.text", "ZqAgreeTextQz", AGREEMENTS, SAR
    ),  # the resident parent's subject access holds the text she signed
    "agreement_version.created_by": plant("agreement_version.created_by", "ZqAgreeByQz"),
    # family A: self-referred with referees, a court order, every field filled
    "family.ref (A)": plant(
        "family.ref (A)",
        "ZqRefAQz",
        SHEET,
        AGREE_A,
        LETTER_A,
        BATCH["A"],
        CSV_FAMILIES,
        CSV_PEOPLE,
        CLI_AGREEMENT,
        CLI_DISCLOSURES,
        FILE_NAMES,  # batch letters are saved as <REF>.pdf
        TODAY,  # booked for the day's session, as the register lists it
        CLI_ROTA,  # the volunteer on duty declared they know family A: a warning
        CHARGED,
        HARM,  # the disclosure names the family by reference
        CLI_INCIDENTS,
        CLI_SCREENING,
        SAR,
    ),
    "family.referrer_name (A)": plant(
        "family.referrer_name (A)", "ZqReferrerQz", CSV_FAMILIES, BATCH["A"], CLI_DISCLOSURES
    ),
    "family.referrer_organisation (A)": plant(
        "family.referrer_organisation (A)",
        "ZqReferrerOrgQz",
        CSV_FAMILIES,
        BATCH["A"],
        CLI_DISCLOSURES,
        SAR,  # the batch letter went to it: a recipient of the parent's data
    ),
    "family.referrer_email (A)": email(
        "family.referrer_email (A)", "zqreferrermailqz", CSV_FAMILIES
    ),
    "family.referrer_phone (A)": phone("family.referrer_phone (A)", "744", CSV_FAMILIES),
    "family.referrer_reference (A)": plant(
        "family.referrer_reference (A)", "ZqTheirRefQz", CSV_FAMILIES
    ),
    "family.court_order_description (A)": plant(
        "family.court_order_description (A)", "ZqCourtOrderQz", CSV_FAMILIES
    ),
    "family.notes (A)": plant("family.notes (A)", "ZqFamilyNotesQz", CSV_FAMILIES),
}
ON_PAPER = {SHEET, AGREE_A, CSV_PEOPLE}  # an adult who attends: named on sheet and agreement
# Family A's items go from the visiting parent to the resident parent: both are named in
# the item log; only the recipient's name and address are on the label, never the sender's.
for who, slug, number, items_name, label in [
    ("resident parent", "Res", "711", {CLI_ITEMS}, {LABEL}),
    ("non-resident parent", "Nrp", "722", {CLI_ITEMS}, set()),
    ("relative", "Rel", "733", set(), set()),
]:
    # The resident parent asks for her data (subject access): everything of hers is in it;
    # of the other adults only their names, never their phone, e-mail, address or notes.
    own = SAR if who == "resident parent" else set()
    named = ON_PAPER | items_name | label | SAR | {CLI_SCREENING}  # levels, by name
    M[f"person.first_name ({who})"] = plant(f"person.first_name ({who})", f"Zq{slug}FirstQz", named)
    M[f"person.last_name ({who})"] = plant(f"person.last_name ({who})", f"Zq{slug}LastQz", named)
    M[f"person.phone ({who})"] = phone(f"person.phone ({who})", number, CSV_PEOPLE, own)
    M[f"person.email ({who})"] = email(f"person.email ({who})", f"zq{slug}mailqz", CSV_PEOPLE, own)
    M[f"person.address ({who})"] = plant(
        f"person.address ({who})", f"Zq{slug}AddrQz", CSV_PEOPLE, label, own
    )
    M[f"person.notes ({who})"] = plant(f"person.notes ({who})", f"Zq{slug}NotesQz", CSV_PEOPLE, own)
M |= {
    "person.relationship (relative)": plant(
        "person.relationship (relative)", "ZqRelKinQz", CSV_PEOPLE
    ),
    "person.first_name (child)": plant(
        "person.first_name (child)",
        "ZqKidFirstQz",
        SHEET,
        LETTER_A,
        BATCH["A"],
        CSV_PEOPLE,
        TODAY,  # the family's label, as the register shows it
        SAR,  # her parent's subject access: her child's record
    ),
    "person.last_name (child)": plant("person.last_name (child)", "ZqKidLastQz", CSV_PEOPLE, SAR),
    "person.needs (child)": plant("person.needs (child)", "ZqKidNeedsQz", CSV_PEOPLE, SAR),
    "person.notes (child)": plant("person.notes (child)", "ZqKidNotesQz", CSV_PEOPLE, SAR),
    "person.address (child)": plant("person.address (child)", "ZqKidAddrQz", CSV_PEOPLE),
    "referee.name": plant("referee.name", "ZqRefereeQz", CSV_FAMILIES),
    "referee.relationship": plant("referee.relationship", "ZqRefereeKinQz", CSV_FAMILIES),
    "referee.phone": phone("referee.phone", "755", CSV_FAMILIES),
    "referee.email": email("referee.email", "zqrefereemailqz", CSV_FAMILIES),
    # signing on paper, witnessed, with a scan kept in the database
    "signature.witnessed_by": plant("signature.witnessed_by", "ZqWitnessQz", AGREE_A),
    "signature.scan": plant("signature.scan", "ZqScanBytesQz"),
    "signature.scan_filename": plant("signature.scan_filename", "ZqScanFileQz"),
    # bookings and the calendar
    "booking.override_reason (B)": plant("booking.override_reason (B)", "ZqOverrideQz"),
    "booking.cancel_reason (B)": plant("booking.cancel_reason (B)", "ZqCancelWhyQz"),
    "contact_session.cancel_reason": plant(
        "contact_session.cancel_reason", "ZqSessionOffQz", CLI_SESSIONS, SAR
    ),  # the centre called off A's session: her subject access says why (the centre's reason)
    "closure.reason": plant("closure.reason", "ZqClosedDayQz", CLI_SESSIONS),
    "booking.notes (imported, E)": plant("booking.notes (imported, E)", "ZqImportNotesQz"),
    "person.first_name (B's child, cancelled)": plant(
        "person.first_name (B's child, cancelled)",
        "ZqCancelledKidQz",
        CSV_PEOPLE,
        BATCH["B"],
        TODAY,  # B's adults had no pre-visit: listed to arrange one, labelled as registered
    ),
    # the session day
    "attendance_event.recorded_by (live)": plant("attendance_event.recorded_by (live)", "ZqDoorQz"),
    "attendance_event.notes (live)": plant("attendance_event.notes (live)", "ZqEventNotesQz"),
    "attendance_event.reason (correction)": plant(
        "attendance_event.reason (correction)", "ZqCorrectWhyQz"
    ),
    "attendance_event.reason (no-show, E)": plant(
        "attendance_event.reason (no-show, E)", "ZqNoShowWhyQz"
    ),
    "attendance_event.notes (no-show, E)": plant(
        "attendance_event.notes (no-show, E)", "ZqNoShowNotesQz"
    ),
    "attendance_event.recorded_by (paper)": plant(
        "attendance_event.recorded_by (paper)", "ZqPaperByQz"
    ),
    "attendance_event.reason (paper no-show, D)": plant(
        "attendance_event.reason (paper no-show, D)", "ZqPaperWhyQz"
    ),
    "audit_entry.actor (alert dealt with by)": plant(
        "audit_entry.actor (alert dealt with by)", "ZqAckByQz", CLI_AUDIT
    ),
    # closing family C
    "family.closed_reason (C)": plant("family.closed_reason (C)", "ZqClosedWhyQz"),
    "family.closed_by (C)": plant("family.closed_by (C)", "ZqDecidedByQz"),
    # the disclosure log
    "disclosure.recipient (letter)": plant(
        "disclosure.recipient (letter)", "ZqRecipientQz", LETTER_A, CLI_DISCLOSURES
    ),
    "disclosure.requested_by (letter)": plant(
        "disclosure.requested_by (letter)", "ZqAskedByQz", CLI_DISCLOSURES
    ),
    "disclosure.requested_by (refused)": plant(
        "disclosure.requested_by (refused)", "ZqRefusedAskerQz", CLI_DISCLOSURES
    ),
    "disclosure.recipient (refused)": plant(
        "disclosure.recipient (refused)", "ZqRefusedToQz", CLI_DISCLOSURES
    ),
    "disclosure.refusal_reason": plant(
        "disclosure.refusal_reason", "ZqRefusedWhyQz", CLI_DISCLOSURES
    ),
    # indirect contact: family A's items, one passed on (with its label), one held
    # A's resident parent received the first card (her subject access holds it); the held
    # one never reached her, so neither its words nor why it was held are in her export.
    "indirect_item.description (passed on)": plant(
        "indirect_item.description (passed on)", "ZqItemSaysQz", CLI_ITEMS, SAR
    ),
    "indirect_item.description (held)": plant(
        "indirect_item.description (held)", "ZqHeldItemQz", CLI_ITEMS
    ),
    "indirect_item.decision_reason (passed on)": plant(
        "indirect_item.decision_reason (passed on)", "ZqPassWhyQz", CLI_ITEMS, SAR
    ),
    "indirect_item.decision_reason (held)": plant(
        "indirect_item.decision_reason (held)", "ZqHoldWhyQz", CLI_ITEMS
    ),
    "indirect_item.logged_by (at the door)": plant(
        "indirect_item.logged_by (at the door)", "ZqItemDoorQz", CLI_AUDIT
    ),
    "indirect_item.checked_by, decided_by, passed_by": plant(
        "indirect_item.checked_by, decided_by, passed_by", "ZqItemStaffQz", CLI_AUDIT, CLI_ITEMS
    ),  # `items --json` names who read it
}
# The team (issue 17): the lead's name and phone are on the day's sheet, the others' names
# only; the volunteer on duty is overdue for a DBS recheck and has a course to renew, so
# Today names them. Certificate numbers, referees, declarations, the override reason and
# the session's briefing and debrief reach no output at all.
M |= {
    "team_member.name (lead)": plant("team_member.name (lead)", "ZqTeamLeadQz", SHEET, CLI_ROTA),
    "team_member.phone (lead)": phone("team_member.phone (lead)", "777", SHEET),
    "team_member.name (volunteer)": plant(
        "team_member.name (volunteer)", "ZqTeamVolQz", SHEET, TODAY, CLI_ROTA
    ),
    "team_member.phone (volunteer)": phone("team_member.phone (volunteer)", "788"),
    "team_member.dbs_number": plant("team_member.dbs_number", "ZqDbsNumberQz"),
    "team_reference.referee": plant("team_reference.referee", "ZqTeamRefereeQz"),
    "team_training.course": plant("team_training.course", "ZqCourseQz", TODAY),
    "conflict_declaration.note": plant("conflict_declaration.note", "ZqKnowsFamilyQz"),
    "rota_entry.dbs_override_reason": plant("rota_entry.dbs_override_reason", "ZqDbsWhyQz"),
    "session_team_note.briefing": plant("session_team_note.briefing", "ZqBriefingQz"),
    "session_team_note.debrief": plant("session_team_note.debrief", "ZqDebriefQz"),
}
M |= {  # charges: what a charge by hand is for, who paid (never on a letter or a sheet)
    "charge.description (by hand, A)": plant(
        "charge.description (by hand, A)", "ZqChargeForQz", CHARGED
    ),
    "payment.payer_name (A)": plant("payment.payer_name (A)", "ZqPayerNameQz", CHARGED),
    "charge.void_reason (A's session, waived)": plant(
        "charge.void_reason (A's session, waived)", "ZqWaiveWhyQz", CLI_CHARGES
    ),
}
# Supervised contact (issue 18): family F's observed session, approved, with an addendum,
# reported to its recipient; family G's escorted visit, approved, never reported. Every
# observation field of F reaches F's report only (the names of who wrote and approved it
# also the audit list, which names actors); nothing of G reaches any output at all.
# F's resident parent asks for her data: the approved record is hers to see (her child's
# contact), bar who else was there and anyone's quoted words; the team's names never.
OBSERVED = observations.TEXT_FIELDS  # every text a worker writes in a record
OTHERS_IN_RECORD = ("brought_by", "collected_by", "others_present", "quotes", "second_worker")
for family, allowed in (("F", {REPORT_F}), ("G", set())):
    for column in OBSERVED:
        key = f"observation_record.{column} ({family})"
        slug = "".join(part.capitalize() for part in column.split("_"))
        hers = SAR_F if family == "F" and column not in OTHERS_IN_RECORD else set()
        M[key] = plant(key, f"Zq{family}{slug}Qz", allowed, hers)
    for column in ("author", "approved_by"):
        key = f"observation_record.{column} ({family})"
        M[key] = plant(key, f"Zq{family}{column.replace('_', '')}Qz", allowed, CLI_AUDIT)
    key = f"observation_addendum.text ({family})"
    M[key] = plant(key, f"Zq{family}AddendumQz", allowed, SAR_F if family == "F" else set())
M |= {
    "observation_addendum.added_by (F)": plant(
        "observation_addendum.added_by (F)", "ZqFAddedByQz", REPORT_F, CLI_AUDIT
    ),
    "supervised_case.case_number (F)": plant(
        "supervised_case.case_number (F)", "ZqCaseNumberQz", REPORT_F, SAR_F
    ),
    "report_recipient.name (F)": plant(
        "report_recipient.name (F)", "ZqReportToQz", REPORT_F, CLI_DISCLOSURES
    ),
    "report_recipient.organisation (F)": plant(
        "report_recipient.organisation (F)", "ZqReportOrgQz", REPORT_F, CLI_DISCLOSURES, SAR_F
    ),
    "report_recipient.name (F, not chosen)": plant(
        "report_recipient.name (F, not chosen)", "ZqOtherRecipientQz"
    ),
    "disclosure.requested_by (report)": plant(
        "disclosure.requested_by (report)", "ZqReportAskQz", REPORT_F, CLI_DISCLOSURES
    ),
    "escorted_visit.venue (G)": plant("escorted_visit.venue (G)", "ZqParkVenueQz"),
    "escorted_visit.route (G)": plant("escorted_visit.route (G)", "ZqParkRouteQz"),
    "escorted_visit.worker (G)": plant("escorted_visit.worker (G)", "ZqEscortWorkerQz"),
}
# Safeguarding (issue 19): family A's screening, risk statement and door instruction, an
# incident recorded at the door, signed off and disclosed, an exclusion and a complaint.
# Incident text reaches the risk-of-harm disclosure and the resident parent's subject
# access, bar the passages the coordinator marked as other people's words for her (who
# else was there, who witnessed it, what was said, the addendum): those reach the
# disclosure only. Family D's incident reaches no output at all (not A's subject access).
SAFEGUARDING_TEXT = {
    "screening_answer.note": "ZqScreenNoteQz",
    "screening_answer.order_type": "ZqOrderTypeQz",
    "safeguarding_plan.override_reason": "ZqBlockWhyQz",
    "safeguarding_plan.door_instruction": "ZqDoorSaysQz",
    "risk_item.nature": "ZqRiskNatureQz",
    "risk_item.managed": "ZqRiskManagedQz",
    "risk_item.before": "ZqRiskBeforeQz",
    "risk_item.during": "ZqRiskDuringQz",
    "risk_item.after": "ZqRiskAfterQz",
    "exclusion.reason": "ZqExcludeWhyQz",
    "complaint.how": "ZqComplaintHowQz",
    "complaint.from_whom": "ZqComplainantQz",
    "complaint.about": "ZqComplaintAboutQz",
    "complaint.outcome": "ZqComplaintOutcomeQz",
}
INCIDENT_TEXT = {
    f"incident.{name}": f"ZqIncident{name.replace('_', '').capitalize()}Qz"
    for name in incidents.TEXTS  # every free-text field of an incident
}
M |= {field: plant(field, typed) for field, typed in SAFEGUARDING_TEXT.items()}
OTHERS_WORDS = ("visitors", "witnesses", "said")  # marked, with the addendum, for her export
M |= {
    field: plant(field, typed, HARM, set() if field[9:] in OTHERS_WORDS else SAR)
    for field, typed in INCIDENT_TEXT.items()
}
M |= {
    "incident.seen (D)": plant("incident.seen (D)", "ZqOtherFamilySeenQz"),
    "incident.said (D)": plant("incident.said (D)", "ZqOtherFamilySaidQz"),
}
M |= {
    "incident.recorded_by (at the door)": plant(
        "incident.recorded_by (at the door)", "ZqIncidentDoorQz", CLI_AUDIT
    ),
    "incident_addendum.text": plant("incident_addendum.text", "ZqAddendumQz", HARM),
    "disclosure.recipient (risk of harm)": plant(
        "disclosure.recipient (risk of harm)", "ZqHarmToQz", HARM, CLI_DISCLOSURES
    ),
    "disclosure.reason (risk of harm)": plant(
        "disclosure.reason (risk of harm)", "ZqHarmWhyQz", HARM
    ),
}
# The resident parent's own rows in the tables her export reads: a charge to her, her own
# screening answer, her own exclusion. Each reaches her subject access (and the charge the
# statement and the charges listing); the visiting parent's in the same tables do not.
M |= {
    "charge.description (to the resident parent, A)": plant(
        "charge.description (to the resident parent, A)",
        "ZqHerChargeQz",
        STATEMENT,
        CLI_CHARGES,
        SAR,
    ),
    "screening_answer.note (resident parent)": plant(
        "screening_answer.note (resident parent)", "ZqHerScreenNoteQz", SAR
    ),
    "exclusion.reason (resident parent)": plant(
        "exclusion.reason (resident parent)", "ZqHerExcludeWhyQz", SAR
    ),
}
SCAN = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0ctEXtComment\x00" + M["signature.scan"].encode()


# --- planting, through the public paths -------------------------------------------------------


def local(day: date, hhmm: str) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def family_a() -> FamilyForm:
    def adult(role: Role, who: str, **extra: object) -> PersonForm:
        return PersonForm(
            role,
            M[f"person.first_name ({who})"],
            M[f"person.last_name ({who})"],
            phone=M[f"person.phone ({who})"],
            email=M[f"person.email ({who})"],
            address=M[f"person.address ({who})"],
            notes=M[f"person.notes ({who})"],
            **extra,  # type: ignore[arg-type]
        )

    return FamilyForm(
        ref=M["family.ref (A)"],
        contact_type=ContactType.supported,
        status=FamilyStatus.active,
        referral_date=date(2027, 1, 10),
        referral_source=ReferralSource.self,
        referrer_name=M["family.referrer_name (A)"],
        referrer_organisation=M["family.referrer_organisation (A)"],
        referrer_email=M["family.referrer_email (A)"],
        referrer_phone=M["family.referrer_phone (A)"],
        referrer_reference=M["family.referrer_reference (A)"],
        court_order=True,
        court_order_date=date(2026, 12, 1),
        court_order_description=M["family.court_order_description (A)"],
        notes=M["family.notes (A)"],
        people=[
            adult(Role.resident_parent, "resident parent", address_confidential=True),
            adult(Role.non_resident_parent, "non-resident parent"),
            adult(Role.relative, "relative", relationship=M["person.relationship (relative)"]),
            PersonForm(
                Role.child,
                M["person.first_name (child)"],
                M["person.last_name (child)"],
                date_of_birth=date(2019, 5, 1),
                needs=M["person.needs (child)"],
                address=M["person.address (child)"],
                notes=M["person.notes (child)"],
            ),
        ],
        referees=[
            RefereeForm(
                M["referee.name"],
                relationship=M["referee.relationship"],
                phone=M["referee.phone"],
                email=M["referee.email"],
            )
        ],
    )


def person_id(store: Store, family_id: int, role: Role) -> int:
    with store.session() as s:
        query = select(Person.id).where(col(Person.family_id) == family_id, Person.role == role)
        found = s.exec(query).first()
    assert found is not None
    return found


@dataclass
class Families:
    a: int
    b: int
    c: int
    d: int
    e: int


def set_up_centre_and_families(store: Store, inputs: Path) -> Families:
    with store.session() as s:
        update_centre(
            s,
            **{
                key.removeprefix("centre."): value
                for key, value in M.items()
                if key[:7] == "centre."
            },
        )
        agreement_versions.save_new_version(
            s,
            f"# Our agreement\n\nBe kind. {M['agreement_version.text']} applies to every adult.",
            created_by=M["agreement_version.created_by"],
        )
        a = family_register.save_family(s, family_a(), today=BOOKED_ON).id
    assert a is not None
    b = add_family(store, "F-0002", status=FamilyStatus.active)
    with store.session() as s:  # B's child gets a marker: B is cancelled, so off the sheet
        form = family_register.load_family_form(s, b)
        form.people[2].first_name = M["person.first_name (B's child, cancelled)"]
        family_register.save_family(s, form, today=BOOKED_ON, family_id=b)
    c = add_family(store, "F-0003")
    d = add_family(store, "F-0004", status=FamilyStatus.active)
    e = add_family(store, "F-0005", status=FamilyStatus.active)
    for ready in (a, d, e):
        make_ready(store, ready, on=BOOKED_ON)
    with store.session() as s:  # the resident parent signs again, on paper, witnessed
        signing.sign_on_paper(
            s,
            person_id(store, a, Role.resident_parent),
            BOOKED_ON,
            M["signature.witnessed_by"],
            scan=SCAN,
            scan_filename=f"/home/coordinator/{M['signature.scan_filename']}.png",
            today=BOOKED_ON,
        )
    with store.session() as s:
        family_register.end_family(
            s,
            c,
            FamilyStatus.closed,
            reason=M["family.closed_reason (C)"],
            on=BOOKED_ON,
            decided_by=M["family.closed_by (C)"],
            today=BOOKED_ON,
        )
    imported = inputs / "old-register.csv"
    imported.write_text(
        "family_ref,date,status,arrived,left,notes\n"
        f"F-0005,{IMPORTED_DAY.isoformat()},attended,10:00,11:55,"
        f"{M['booking.notes (imported, E)']}\n",
        encoding="utf-8",
    )
    with store.session() as s:
        attendance_import.import_attendance(s, imported, today=BOOKED_ON)
    return Families(a, b, c, d, e)


def run_the_session_day(store: Store, f: Families, clock: FixedClock) -> None:
    with store.session() as s:
        for family in (f.a, f.d, f.e):
            bookings.book(s, family, DAY, today=BOOKED_ON)
        bookings.book(s, f.a, LATER_DAY, today=BOOKED_ON)
        bookings.book(
            s, f.b, DAY, today=BOOKED_ON, override_reason=M["booking.override_reason (B)"]
        )
    with store.session() as s:
        cancelling.cancel_booking(
            s,
            f.b,
            DAY,
            by=CancelledBy.resident,
            reason=M["booking.cancel_reason (B)"],
            told_at=local(DAY, "08:00"),
        )
        session_calendar.cancel_session(s, LATER_DAY, M["contact_session.cancel_reason"])
        session_calendar.set_closure(s, CLOSED_DAY, True, M["closure.reason"])
    door = M["attendance_event.recorded_by (live)"]
    resident = person_id(store, f.a, Role.resident_parent)
    visiting = person_id(store, f.a, Role.non_resident_parent)
    with store.session() as s:
        booking_a = bookings.find_booking(s, f.a, DAY).id
        booking_d = bookings.find_booking(s, f.d, DAY).id
        booking_e = bookings.find_booking(s, f.e, DAY).id
    assert booking_a and booking_d and booking_e
    clock.set(local(DAY, "09:48"))
    with store.session() as s:
        arrived = attendance.record_event(
            s,
            booking_a,
            EventKind.nonresident_arrived,
            local(DAY, "09:47"),
            recorded_by=door,
            person_id=visiting,
            notes=M["attendance_event.notes (live)"],
        )
    with store.session() as s:
        attendance.record_event(
            s,
            booking_a,
            EventKind.child_dropped_off,
            local(DAY, "10:02"),
            recorded_by=door,
            person_id=resident,
        )
    with store.session() as s:  # the arrival was written down two minutes out
        assert arrived.id is not None
        attendance.correct_event(
            s,
            arrived.id,
            why=M["attendance_event.reason (correction)"],
            recorded_by=door,
            occurred_at=local(DAY, "09:45"),
        )
    with store.session() as s:
        welcome_desk.acknowledge(
            s, booking_a, "late-pickup", by=M["audit_entry.actor (alert dealt with by)"]
        )
        attendance.record_event(
            s,
            booking_e,
            EventKind.no_show,
            local(DAY, "10:30"),
            recorded_by=door,
            reason=M["attendance_event.reason (no-show, E)"],
            notes=M["attendance_event.notes (no-show, E)"],
        )
    for kind, hhmm, who in [
        (EventKind.child_collected, "11:58", resident),
        (EventKind.nonresident_left, "12:14", visiting),
    ]:
        with store.session() as s:
            attendance.record_event(
                s, booking_a, kind, local(DAY, hhmm), recorded_by=door, person_id=who
            )
    clock.set(local(DAY, "13:00"))
    with store.session() as s:  # D's line typed in afterwards from the paper sheet
        paper_entry.record_paper(
            s,
            [
                paper_entry.PaperLine(
                    booking_d, no_show=True, reason=M["attendance_event.reason (paper no-show, D)"]
                )
            ],
            recorded_by=M["attendance_event.recorded_by (paper)"],
        )
    with store.session() as s:
        disclosure_log.record_refusal(
            s,
            f.a,
            date(2027, 2, 1),
            date(2027, 3, 31),
            now=clock.now(),
            requested_by=M["disclosure.requested_by (refused)"],
            recipient=M["disclosure.recipient (refused)"],
            reason=M["disclosure.refusal_reason"],
        )


def pass_items_on(store: Store, family_a: int) -> None:
    """Family A agrees to indirect contact: a card from the visiting parent is logged at
    the door, read, decided and passed on; then an order is recorded against him, and his
    next card is held."""
    resident = person_id(store, family_a, Role.resident_parent)
    visiting = person_id(store, family_a, Role.non_resident_parent)
    door, staff = (
        M["indirect_item.logged_by (at the door)"],
        M["indirect_item.checked_by, decided_by, passed_by"],
    )

    def log(description: str) -> int:
        with store.session(actor=door) as s:
            item = indirect_items.log_item(
                s,
                family_a,
                from_id=visiting,
                to_id=resident,
                kind="card",
                received=DAY,
                description=description,
                today=DAY,
            )
        assert item.id is not None
        return item.id

    with store.session() as s:
        item_terms.save_terms(s, family_a, Terms(agreed=True, recipient_id=resident))
    first = log(M["indirect_item.description (passed on)"])
    with store.session(actor=staff) as s:
        indirect_items.check_item(s, first)
        indirect_items.decide_item(
            s, first, "pass_on", M["indirect_item.decision_reason (passed on)"]
        )
        indirect_items.pass_on_item(s, first, on=DAY, how="post", today=DAY)
    with store.session() as s:
        item_terms.save_terms(
            s, family_a, Terms(agreed=True, recipient_id=resident, restrained_id=visiting)
        )
    held = log(M["indirect_item.description (held)"])
    with store.session(actor=staff) as s:
        indirect_items.decide_item(s, held, "hold", M["indirect_item.decision_reason (held)"])


def set_up_the_team(store: Store, f: Families) -> None:
    """A lead and a volunteer on the day's rota, through the register and the rota."""
    with store.session() as s:
        lead = register.add_member(
            s,
            register.MemberDetails(
                name=M["team_member.name (lead)"],
                role=TeamRole.supervisor,
                phone=M["team_member.phone (lead)"],
                dbs_number=M["team_member.dbs_number"],
                dbs_issued_on=date(2026, 1, 5),
            ),
        )
        volunteer = register.add_member(
            s,
            register.MemberDetails(
                name=M["team_member.name (volunteer)"],
                phone=M["team_member.phone (volunteer)"],
                dbs_issued_on=date(2024, 3, 1),  # recheck overdue on the day
            ),
        )
        assert lead.id is not None and volunteer.id is not None
        register.add_reference(s, volunteer.id, M["team_reference.referee"], date(2024, 2, 1))
        register.add_training(
            s, volunteer.id, M["team_training.course"], "2024-03-20", "2027-03-20"
        )
        register.declare_conflict(s, volunteer.id, f.a, M["conflict_declaration.note"])
        rota.put_on_duty(s, DAY, lead.id, leads=True)
        rota.put_on_duty(s, DAY, volunteer.id, override_reason=M["rota_entry.dbs_override_reason"])
        rota.save_session_notes(
            s, DAY, M["session_team_note.briefing"], M["session_team_note.debrief"]
        )


def observe_supervised(store: Store) -> None:
    """F's session and G's escorted visit observed, submitted and approved by someone
    else; F's record gets an addendum after approval; F's case has two recipients."""
    f = add_family(store, "F-0006", status=FamilyStatus.active, contact_type=ContactType.supervised)
    g = add_family(store, "F-0007", status=FamilyStatus.active, contact_type=ContactType.supervised)
    with store.session() as s:
        booking = add_booking(s, f, SUPERVISED_DAY)
        for kind, hhmm in ((EventKind.nonresident_arrived, "10:00"),
                           (EventKind.nonresident_left, "11:30")):  # fmt: skip
            attendance.record_event(s, booking, kind, local(SUPERVISED_DAY, hhmm))
        visit = occasions.add_escorted_visit(
            s, g, ESCORTED_DAY, time(14), time(15), venue=M["escorted_visit.venue (G)"],
            worker=M["escorted_visit.worker (G)"], route=M["escorted_visit.route (G)"],
        )  # fmt: skip
        supervised_cases.set_case(
            s, f, case_number=M["supervised_case.case_number (F)"], court_ordered=False
        )
        for name in ("report_recipient.name (F, not chosen)", "report_recipient.name (F)"):
            supervised_cases.add_recipient(
                s, f, M[name], M["report_recipient.organisation (F)"] if "chosen" not in name
                else "", RecipientRole.cafcass,
            )  # fmt: skip
    for family, occasion in (
        ("F", {"booking_id": booking}),
        ("G", {"escorted_visit_id": visit.id}),
    ):
        with store.session(actor=M[f"observation_record.author ({family})"]) as s:
            record = observations.start_record(s, **occasion)
            assert record.id is not None
            observations.edit_record(
                s, record.id, safeguarding=True, ended_early=True,
                **{c: M[f"observation_record.{c} ({family})"] for c in OBSERVED},
            )  # fmt: skip
            observations.submit(s, record.id)
        with store.session(actor=M[f"observation_record.approved_by ({family})"]) as s:
            observations.approve(s, record.id)
        added_by = M["observation_addendum.added_by (F)"] if family == "F" else None
        with store.session(actor=added_by) as s:
            observations.add_addendum(s, record.id, M[f"observation_addendum.text ({family})"])


def record_safeguarding(store: Store, f: Families) -> RiskOfHarmDisclosure:
    """Family A screened (an order, a blocking answer overridden), its risk statement and
    door instruction; an incident recorded at the door, completed, signed off, added to and
    disclosed; the visiting parent excluded; a complaint logged, acknowledged and answered.
    Returns the disclosure to print."""
    visiting = person_id(store, f.a, Role.non_resident_parent)
    resident_id = person_id(store, f.a, Role.resident_parent)
    when = datetime(2026, 11, 14, 10, 40, tzinfo=LONDON)  # before any clock of the test
    text = {k.removeprefix("incident."): M[k] for k in INCIDENT_TEXT}
    with store.session() as s:
        screening.save_answer(
            s,
            visiting,
            screening.AnswerLine(
                ScreeningItem.orders,
                "",
                Answer.yes,
                M["screening_answer.note"],
                M["screening_answer.order_type"],
                date(2026, 6, 1),
                date(2027, 6, 1),
            ),
        )
        screening.save_answer(
            s, visiting, screening.AnswerLine(ScreeningItem.child_protection, "", Answer.no)
        )
        screening.override_block(s, f.a, M["safeguarding_plan.override_reason"])
        screening.set_door_instruction(s, f.a, M["safeguarding_plan.door_instruction"])
        screening.save_risks(
            s,
            f.a,
            [
                screening.RiskLine(
                    M["risk_item.nature"],
                    managed=M["risk_item.managed"],
                    before=M["risk_item.before"],
                    during=M["risk_item.during"],
                    after=M["risk_item.after"],
                )
            ],
            date(2027, 3, 1),
        )
    with store.session(actor=M["incident.recorded_by (at the door)"]) as s:
        form = incidents.IncidentForm(
            when,
            IncidentCategory.safeguarding_concern,
            f.a,
            **{k: v for k, v in text.items() if "decision" not in k},
        )
        incident_id = incidents.record_incident(s, form).id or 0
    with store.session() as s:
        incidents.update_incident(
            s,
            incident_id,
            incidents.IncidentForm(when, IncidentCategory.safeguarding_concern, f.a, **text),
        )
        incidents.sign_off(s, incident_id)
        incidents.add_addendum(s, incident_id, M["incident_addendum.text"])
        exclusion.exclude(
            s,
            f.a,
            reason=M["exclusion.reason"],
            today=date(2027, 4, 30),
            now=datetime(2027, 4, 30, 9, tzinfo=LONDON),
            person_id=visiting,
            incident_id=incident_id,
        )
        _, disclosed = risk_of_harm.disclose(
            s,
            incident_id,
            M["disclosure.recipient (risk of harm)"],
            M["disclosure.reason (risk of harm)"],
            now=datetime(2026, 11, 15, 9, tzinfo=LONDON),
        )
        ref = complaints.add_complaint(
            s,
            received=date(2026, 10, 1),
            from_whom=M["complaint.from_whom"],
            about=M["complaint.about"],
            how=M["complaint.how"],
            today=date(2026, 11, 1),
        ).ref
        complaints.update_complaint(
            s, ref, acknowledged_on=date(2026, 10, 5), outcome=M["complaint.outcome"]
        )
        # Another family's incident, signed off: nothing of it in A's subject access.
        other = incidents.IncidentForm(
            when, IncidentCategory.aggression, f.d, seen=M["incident.seen (D)"],
            said=M["incident.said (D)"], decision="Warning given",
        )  # fmt: skip
        incidents.sign_off(s, incidents.record_incident(s, other).id or 0)
        # The resident parent's subject access: others' words in A's incident withheld.
        resident = s.get(Person, resident_id)
        assert resident is not None
        withholding.mark(
            s,
            resident,
            frozenset(
                line.passage
                for line in withholding.passages(s, f.a)
                if line.passage.field in (*OTHERS_WORDS, withholding.ADDENDUM)
            ),
        )
    return disclosed


def her_own_rows(store: Store, family_a: int) -> None:
    """The resident parent's own screening answer and exclusion (after the visiting
    parent's, so no booking is left to cancel)."""
    resident = person_id(store, family_a, Role.resident_parent)
    with store.session() as s:
        note = M["screening_answer.note (resident parent)"]
        line = screening.AnswerLine(ScreeningItem.domestic_abuse, "", Answer.no, note)
        screening.save_answer(s, resident, line)
        exclusion.exclude(
            s, family_a, reason=M["exclusion.reason (resident parent)"], today=date(2027, 5, 1),
            now=datetime(2027, 5, 1, 9, tzinfo=LONDON), person_id=resident,
        )  # fmt: skip


# --- producing every output ----------------------------------------------------------------


def produce_outputs(command: Run, out: Path) -> tuple[dict[Path, str], dict[str, list[str]]]:
    """Every document, export, backup and command output; returns file -> kind and
    kind -> the text the commands printed."""
    files: dict[Path, str] = {}
    printed: dict[str, list[str]] = {}
    (out / "letters").mkdir()

    def run(kind: str, *args: str, expect: int = 0) -> None:
        code, stdout, stderr = command(*args)
        assert code == expect, f"contactcentre {' '.join(args)} failed: {stderr}"
        printed.setdefault(kind, []).append(stdout + stderr)

    def document(kind: str, name: str) -> str:
        files[out / name] = kind
        return str(out / name)

    # Charges first, so every document after them could show them if it leaked.
    ref, today = M["family.ref (A)"], date.today().isoformat()
    run(CLI_CHARGES, "fees", "--session", "3.00", "--late-cancel", "5.00")
    run(
        CLI_CHARGES,
        "charge",
        "add",
        ref,
        "--amount",
        "7.25",
        "--date",
        "2026-11-01",
        "--for",
        M["charge.description (by hand, A)"],
    )
    run(
        CLI_CHARGES,
        "payment",
        "add",
        ref,
        "--amount",
        "10",
        "--method",
        "cash",
        "--date",
        today,
        "--payer",
        M["payment.payer_name (A)"],
    )
    run(
        CLI_CHARGES,
        "charge",
        "void",
        "2",
        "--reason",
        M["charge.void_reason (A's session, waived)"],
    )
    run(CLI_CHARGES, "receipt", "P-0001", "-o", document(RECEIPT, "receipt.pdf"))
    # A charge to the resident parent, after the receipt (which shows what its payment paid).
    typed = f"charge add {ref} --amount 4.50 --date 2026-11-02 --payer resident --for"
    run(CLI_CHARGES, *typed.split(), M["charge.description (to the resident parent, A)"])
    run(
        CLI_CHARGES,
        "statement",
        ref,
        "--from",
        "2026-11-01",
        "--to",
        "2027-12-31",
        "-o",
        document(STATEMENT, "statement.pdf"),
    )
    run(CLI_CHARGES, "charges")
    run(CLI_CHARGES, "charges", "--json")
    run(CLI_SHEET, "sheet", DAY.isoformat(), "-o", document(SHEET, "sheet.pdf"))
    run(CLI_SHEET, "sheet", "--blank", "-o", document(BLANK_SHEET, "blank-sheet.pdf"))
    run(CLI_AGREEMENT, "agreement", M["family.ref (A)"], "-o", document(AGREE_A, "agree-a.pdf"))
    run(CLI_AGREEMENT, "agreement", "--blank", "-o", document(AGREE_BLANK, "agree-blank.pdf"))
    run(
        CLI_LETTER,
        "letter",
        M["family.ref (A)"],
        "--from",
        PERIOD[0],
        "--to",
        PERIOD[1],
        "--recipient",
        M["disclosure.recipient (letter)"] + ", Solicitors",
        "--requested-by",
        M["disclosure.requested_by (letter)"],
        "-o",
        document(LETTER_A, "letter-a.pdf"),
    )
    run(CLI_LETTERS, "letters", "--from", PERIOD[0], "--to", PERIOD[1], "-o", str(out / "letters"))
    for family, ref in [
        ("A", M["family.ref (A)"]),
        ("B", "F-0002"),
        ("D", "F-0004"),
        ("E", "F-0005"),
    ]:
        files[out / "letters" / f"{ref}.pdf"] = BATCH[family]
    run(
        CLI_DISCLOSURES,  # its one line on screen; the disclosure log is listed below
        "report", "F-0006", "--from", PERIOD[0], "--to", PERIOD[1],
        "--recipient",
        f"{M['report_recipient.name (F)']}, {M['report_recipient.organisation (F)']}",
        "--requested-by", M["disclosure.requested_by (report)"],
        "-o", document(REPORT_F, "report-f.pdf"),
    )  # fmt: skip
    run(CLI_EXPORT, "export-families", document(CSV_FAMILIES, "families.csv"))
    run(CLI_EXPORT, "export-people", document(CSV_PEOPLE, "people.csv"))
    run(CLI_DISCLOSURES, "disclosures")
    run(CLI_ITEMS, "items", M["family.ref (A)"])
    run(CLI_ITEMS, "items", M["family.ref (A)"], "--json")
    run(CLI_LABEL, "label", "I-0001", "-o", document(LABEL, "label.pdf"))
    run(CLI_LABEL, "label", "I-0002", "-o", str(out / "refused.pdf"), expect=1)  # held
    run(CLI_SESSIONS, "sessions", "--from", "2027-03-01", "--to", "2027-04-30")
    run(CLI_ROTA, "rota", DAY.isoformat())
    run(CLI_ROTA, "rota", DAY.isoformat(), "--json")
    run(CLI_SESSIONS, "sessions", "--from", "2027-03-01", "--to", "2027-04-30", "--json")
    run(CLI_STATS, "stats", *STATS_PERIOD)
    run(CLI_STATS, "stats", *STATS_PERIOD, "--json")
    run(
        CLI_STATS,
        "stats-report",
        *STATS_PERIOD,
        "-o",
        document(STATS_REPORT, "statistics.pdf"),
        "--csv",
        document(STATS_CSV, "naccc-return.csv"),
    )
    run(CLI_INCIDENTS, "incidents")
    run(CLI_INCIDENTS, "incidents", "--family", M["family.ref (A)"], "--json")
    run(CLI_SCREENING, "screening", M["family.ref (A)"])
    run(CLI_SCREENING, "screening", M["family.ref (A)"], "--json")
    run(
        CLI_COMPLAINTS,
        "complaint",
        "add",
        "--received",
        "2026-10-02",
        "--from",
        "A parent",
        "--about",
        "The door",
    )
    run(CLI_COMPLAINTS, "complaints")
    run(CLI_COMPLAINTS, "complaints", "--due", "--json")
    run(CLI_BACKUP, "backup", document(BACKUP, "centre-backup.db"))
    run(CLI_AUDIT, "audit")
    run(CLI_VERIFY, "audit", "--verify")
    run(CLI_CHECK, "check")
    run(CLI_RETENTION, "retention")
    run(CLI_RETENTION, "retention", "--json")
    run(CLI_RETENTION, "destructions")
    # Last: the export is logged in the disclosure log, under the person's own name.
    person = f"{M['person.first_name (resident parent)']} {M['person.last_name (resident parent)']}"
    family_a = M["family.ref (A)"]
    run(CLI_RETENTION, "subject-access", family_a, "--person", person, "-o", str(out / "sar"))
    files[out / "sar" / "subject-access.pdf"] = SAR_PDF
    files[out / "sar" / "subject-access.json"] = SAR_JSON
    run(CLI_RETENTION, "subject-access", "F-0006", "--person", "Sarah Jones", "-o", str(out / "f"))
    files[out / "f" / "subject-access.pdf"] = SAR_F_PDF
    files[out / "f" / "subject-access.json"] = SAR_F_JSON
    written = {p for p in out.rglob("*") if p.is_file()}
    assert written == set(files), f"unexpected files: {sorted(map(str, written ^ set(files)))}"
    return files, printed


def open_and_close_the_window(qtbot: QtBot, db: Path, clock: FixedClock) -> str:
    """The GUI as a coordinator uses it: unlock, every screen filled, close (QSettings).
    Returns what the Today tab (the first one) holds and shows."""
    window = MainWindow(db, clock)
    qtbot.addWidget(window)
    window.show()
    window.open_workspace(Store.open(db, PASSPHRASE))
    today = window.tabs.current_screen()
    assert isinstance(today, TodayScreen) and today.summary is not None
    today_text = f"{today.summary!r}\n{today.shown_text()}"
    for spec in screens_for(window.role):  # every screen, a group's too, built and loaded
        window.tabs.show_titled(spec.title)
        qtbot.wait(1)
    assert window.is_unlocked and window.screens
    window.close()  # saves the geometry and locks (closing the store it opened)
    assert not window.is_unlocked
    return today_text


# --- scanning --------------------------------------------------------------------------------


def decrypted_text(path: Path) -> str:
    """Every value of every table, as the store decrypts it (blobs as Latin-1)."""
    store = Store.open(path, PASSPHRASE)
    try:
        with store.session() as s:
            connection = s.connection()
            values = []
            for table in SQLModel.metadata.sorted_tables:
                for row in connection.execute(sa.select(table)):
                    for value in row:
                        data = value.decode("latin-1") if isinstance(value, bytes) else value
                        values.append(str(data))
    finally:
        store.close()
    return "\n".join(values)


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@pytest.fixture
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The temp folder the app uses during the test, so it can be scanned."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder


@pytest.fixture
def app_log() -> Iterator[Path]:
    """Logging as the app sets it up (contactcentre.logs.configure), undone afterwards."""
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    logs.configure()
    yield paths.log_dir()
    for handler in root.handlers:
        if handler not in before:
            handler.close()
            root.removeHandler(handler)
    root.setLevel(level)


@pytest.fixture
def app_names(qapp: QApplication) -> Iterator[None]:
    """The organisation and application names the real app sets (where QSettings go)."""
    names = qapp.organizationName(), qapp.applicationName()
    qapp.setOrganizationName(paths.APP_NAME)
    qapp.setApplicationName(paths.APP_NAME)
    yield
    qapp.setOrganizationName(names[0])
    qapp.setApplicationName(names[1])


def test_no_marker_leaks_from_any_field_into_any_file(
    store: Store,
    data_dir: Path,
    clock: FixedClock,
    cli: Run,  # noqa: F811
    qtbot: QtBot,
    sandbox_home: Path,
    tmp_path: Path,
    private_temp: Path,
    app_log: Path,
    app_names: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    needles = [(c.field, n) for c in CANARIES.values() for n in c.needles]
    for field, needle in needles:  # one marker inside another would confuse the report
        others = [f for f, n in needles if f != field and needle.lower() in n.lower()]
        assert not others, f"{field}'s marker is inside {others}'s"
    assert set(M) == set(CANARIES)

    inputs = tmp_path / "inputs"  # what the coordinator typed: not the app's output
    inputs.mkdir()
    out = tmp_path / "outputs"
    out.mkdir()
    families = set_up_centre_and_families(store, inputs)
    run_the_session_day(store, families, clock)
    pass_items_on(store, families.a)
    set_up_the_team(store, families)
    observe_supervised(store)
    disclosed = record_safeguarding(store, families)
    her_own_rows(store, families.a)
    monkeypatch.setattr(disclosure_cmds, "clock", lambda: LETTER_CLOCK)
    files, printed = produce_outputs(cli, out)
    harm = tmp_path / "disclosed" / "risk-of-harm.pdf"
    harm.parent.mkdir()
    write_file(harm, render_disclosure(disclosed), database=store.path)
    files[harm] = HARM
    printed[TODAY] = [open_and_close_the_window(qtbot, store.path, clock)]

    # The data folder as it is while the centre is unlocked (the -wal holds the latest
    # writes), then once closed (checkpointed into the database file itself).
    wal = store.path.with_name(store.path.name + "-wal")
    assert wal.exists(), "the store is open in WAL mode: its -wal file is scanned too"
    snapshots = [(DATABASE, f"{p} (open)", p.read_bytes()) for p in files_under(data_dir)]
    store.close()
    assert not wal.exists() and store.path.stat().st_size > 100_000, "checkpointed on close"
    snapshots += [(DATABASE, f"{p} (closed)", p.read_bytes()) for p in files_under(data_dir)]

    # Every marker really is stored: decrypted from the database and from the backup.
    backup_copy = tmp_path / "restored" / "centre.db"
    backup_copy.parent.mkdir()
    shutil.copyfile(out / "centre-backup.db", backup_copy)
    for where, path in [("database", store.path), ("backup", backup_copy)]:
        stored = decrypted_text(path)
        missing = [
            c.field for c in CANARIES.values() if not any(in_text(stored, n) for n in c.needles)
        ]
        assert not missing, f"not stored in the {where}, so nothing would be proved: {missing}"
    logging.getLogger("contactcentre").info("leak canary: scanning")
    for handler in logging.getLogger().handlers:
        handler.flush()

    # Everything else the app wrote: outputs, temp files, logs, settings and caches.
    assert tempfile.gettempdir() == str(private_temp), "temp files went to the scanned folder"
    log_dir = app_log.resolve()
    assert (log_dir / "contactcentre.log").is_file(), "the app's log file was written"
    settings = sandbox_home / "xdg_config_home" / paths.APP_NAME / f"{paths.APP_NAME}.conf"
    assert b"geometry" in settings.read_bytes(), "the window saved its QSettings"
    scanned: dict[Path, str] = dict(files)
    scanned |= {path: TEMP for path in files_under(private_temp)}
    for path in files_under(sandbox_home):
        scanned[path] = LOG if path.resolve().is_relative_to(log_dir) else USER_FOLDERS
    snapshots += [(kind, str(path), path.read_bytes()) for path, kind in scanned.items()]

    found: dict[tuple[str, str], set[str]] = {}  # (field, output) -> where

    def search(kind: str, where: str, raw: bytes | None, text: str | None) -> None:
        for canary in CANARIES.values():
            for needle in canary.needles:
                if (raw is not None and in_bytes(raw, needle)) or (
                    text is not None and in_text(text, needle)
                ):
                    found.setdefault((canary.field, kind), set()).add(where)

    for kind, where, raw in snapshots:
        text = pdf_text(raw) if where.endswith(".pdf") else None  # fonts are subset
        search(kind, where, raw, text)
        search(FILE_NAMES, where, None, Path(where).name)
    for kind, outputs in printed.items():
        search(kind, kind, None, "\n".join(outputs))

    for field in CANARIES:  # where each marker appears (shown with -rP, or on failure)
        shown = sorted(kind for (f, kind) in found if f == field)
        print(f"{field}: {'; '.join(shown) or 'only inside the encrypted store and backup'}")
    report = [
        f"{field} ({CANARIES[field].typed!r}) leaked into {kind}: {', '.join(sorted(where))}"
        for (field, kind), where in sorted(found.items())
        if kind not in CANARIES[field].allowed
    ]
    missing = [
        f"{c.field} ({c.typed!r}) is missing from {kind}, which should show it"
        for c in CANARIES.values()
        for kind in sorted(c.allowed)
        if (c.field, kind) not in found
    ]
    assert not report, "markers found where they must not be:\n" + "\n".join(report)
    assert not missing, "allowed outputs that do not show their field:\n" + "\n".join(missing)
