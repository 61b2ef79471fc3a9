"""Who may do what: the one table of role rules, checked in the domain.

A guarded domain function starts with `require(s, "action")`. The table says which roles
may do each action and how to say so to someone who may not ("Only a coordinator can
export the register"). Hiding a button is a courtesy; this is the check. Every action
named here has a row in tests/domain/test_permissions.py's role table, and a guarded
function without a rule fails that test. A refusal is audited in a unit of work of its own
(`audit.refusals_recorded`), so the rolled-back one does not take it with it.

How the roles were decided, as a coordinator would:

- A **coordinator** runs the centre: every action here.
- A **volunteer** runs the session day: the Today screen, the calendar (the day's families
  by reference and children's first names, with their times; no notes, override or
  cancellation reasons), the session-day board and door check (with the day's contact
  number, which the board needs to ring a late parent), paper entry and sign-in sheets.
  Volunteers record attendance, which is what they see happen; they do not book or cancel
  families, nor add, cancel or close sessions: a booking is an arrangement with both
  parents and often the referrer, made after the pre-visit, and the coordinator answers
  for it. Nor do they open a family's record (addresses, notes, referral and court
  details, phone numbers), the register, exports and imports, letters, the disclosure log,
  agreement copies or signing, the audit trail, backups or the centre's settings.
- A **supervisor** is a volunteer as far as today's actions go, and writes and checks
  supervised observations (issue 18): a supervisor or coordinator writes the record of
  the session they supervised, and another of them approves it (domain/supervised checks
  that the approver is not the author). Reports leave the centre only by a coordinator.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from contactcentre.domain import acting
from contactcentre.domain.errors import DomainError
from contactcentre.store.models.enums import TeamRole

COORDINATOR = frozenset({TeamRole.coordinator})
SUPERVISORS = frozenset({TeamRole.coordinator, TeamRole.supervisor})
EVERYONE = frozenset(TeamRole)


@dataclass(frozen=True)
class Rule:
    doing: str  # completes "Only a coordinator can …"
    roles: frozenset[TeamRole]


RULES: dict[str, Rule] = {
    "export_register": Rule("export the register", COORDINATOR),
    "import_records": Rule("import families, people or attendance", COORDINATOR),
    "see_register": Rule("open the register", COORDINATOR),
    "see_family": Rule("open a family's record", COORDINATOR),
    "edit_family": Rule("change a family's record", COORDINATOR),
    "see_private_details": Rule(
        "see notes, addresses, phone numbers and referral or court details", COORDINATOR
    ),
    "book": Rule("book or cancel a family's sessions", COORDINATOR),
    "manage_sessions": Rule("add, cancel or close sessions", COORDINATOR),
    "sign_agreements": Rule("record a signed agreement", COORDINATOR),
    "agreement_copies": Rule("print a family's agreement copies", COORDINATOR),
    "edit_agreement": Rule("change the agreement's wording", COORDINATOR),
    "produce_letters": Rule("produce letters", COORDINATOR),
    "disclosure_log": Rule("see the disclosure log", COORDINATOR),
    "read_audit": Rule("see or check the audit trail", COORDINATOR),
    "backup": Rule("make or restore a backup", COORDINATOR),
    "centre_settings": Rule("change the centre's settings", COORDINATOR),
    # Indirect contact (issue 22). A volunteer at the door may take in an item and log its
    # receipt (who it is from, for whom, what it is: what they hold in their hand); reading
    # it, the log's descriptions and reasons, and passing it on are for the staff who
    # handle it; what to do with it, the family's arrangement, and anything that shows a
    # confidential address (on screen or on a label) are the coordinator's.
    "log_items": Rule("log an item received", EVERYONE),
    "see_items": Rule("see the item log", SUPERVISORS),
    "check_items": Rule("record reading an item", SUPERVISORS),
    "pass_on_items": Rule("record passing on an item", SUPERVISORS),
    "decide_items": Rule("decide whether an item is passed on", COORDINATOR),
    "arrange_items": Rule("change a family's arrangement for items", COORDINATOR),
    "print_label": Rule("print a forwarding label", COORDINATOR),
    "reveal_address": Rule("show a confidential address", COORDINATOR),
    "manage_volunteer_register": Rule("keep the volunteer register", COORDINATOR),
    "edit_rota": Rule("change the rota", COORDINATOR),
    "record_session_notes": Rule("read or write a session's briefing and debrief", SUPERVISORS),
    # Charges are the coordinator's (issue 17: volunteers see no charges). A volunteer at
    # the door who is handed cash gives it to the coordinator, who records it: recording
    # a payment shows the family's balance, and two hands on cash is the charities' rule.
    "see_charges": Rule("see charges and payments", COORDINATOR),
    "manage_charges": Rule("set fees or raise and void charges", COORDINATOR),
    "record_payment": Rule("record a payment", COORDINATOR),
    # Counts carry no personal data, but the team issue keeps reports from volunteers.
    "see_statistics": Rule("see the centre's statistics", SUPERVISORS),
    "export_statistics": Rule("produce the funders' report or the NACCC return", COORDINATOR),
    "manage_accounts": Rule("manage the team's logins", COORDINATOR),
    # Supervised contact (issue 18).
    "write_observations": Rule("write or read observation records", SUPERVISORS),
    "approve_observations": Rule("approve observation records", SUPERVISORS),
    "return_observations": Rule("return or withdraw a submitted observation record", SUPERVISORS),
    "produce_reports": Rule("produce supervised contact reports", COORDINATOR),
    # Arranging contact outside the centre is a booking in all but name (see "book"); the
    # case number and who may receive reports come from the court or Cafcass.
    "arrange_escorted": Rule("arrange an escorted visit", COORDINATOR),
    "case_details": Rule("set a supervised case's number or report recipients", COORDINATOR),
    # Safeguarding (issue 19). Whoever saw an incident writes it down, whatever their role;
    # reading incidents back, signing them off, disclosing them, excluding, the referral
    # screening and the complaints log are the coordinator's. A volunteer sees only the
    # door instruction and who is excluded, on the door check.
    "record_incident": Rule("record an incident", EVERYONE),
    "read_incidents": Rule("read or complete incidents", COORDINATOR),
    "sign_off_incident": Rule("sign off an incident", COORDINATOR),
    "disclose_incident": Rule("disclose an incident to an agency", COORDINATOR),
    "exclude": Rule("exclude a person or a family", COORDINATOR),
    "screening": Rule("see or change the risk screening", COORDINATOR),
    "complaints": Rule("see or change the complaints log", COORDINATOR),
    # Retention (issue 20): destroying records, holds and subject access are the
    # coordinator's, who answers to the ICO for them.
    "see_retention": Rule("see what is due for destruction", COORDINATOR),
    "destroy_records": Rule("destroy records", COORDINATOR),
    "hold_records": Rule("set or release a legal hold", COORDINATOR),
    "retention_rules": Rule("change the retention rules", COORDINATOR),
    "subject_access": Rule("handle a subject-access request", COORDINATOR),
}


class Refused(DomainError):
    """The acting person's role may not do this; the message names who may."""

    recorded = False  # in the audit trail already (see audit.refusals_recorded)

    def __init__(self, action: str, role: TeamRole) -> None:
        self.action, self.role = action, role
        super().__init__(f"Only {who_may(action)} can {RULES[action].doing}.")


def who_may(action: str) -> str:
    """ "a coordinator", "a coordinator or a supervisor": the roles allowed, in words."""
    roles = [role for role in TeamRole if role in RULES[action].roles]
    return " or ".join(f"a {role.value}" for role in roles)


def role_may(role: TeamRole, action: str) -> bool:
    """Whether someone in `role` may do `action` (a face choosing what to build)."""
    return role in RULES[action].roles


def may(s: Session, action: str) -> bool:
    """Whether this unit of work's actor may do `action` (for a face deciding what to offer,
    or a view leaving out what this person may not see)."""
    return role_may(acting.role(s), action)


def require(s: Session, action: str) -> None:
    """Refuse (Refused) unless this unit of work's actor may do `action`."""
    role = acting.role(s)
    if not role_may(role, action):
        raise Refused(action, role)
