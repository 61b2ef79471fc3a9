"""The personal-data registry: one declaration per table of the schema, saying whose data
it holds, the retention rule that applies, the event that starts the clock, and whether
a subject-access export includes it.

tests/domain/retention/test_registry.py reflects SQLModel.metadata and fails when a
table has no declaration here: a new table is one line in DECLARATIONS. `rows` is the
SQL condition selecting a family's (`:family`) or a team member's (`:member`) rows of
that table (a complaint's own row: `:complaint`); destruction deletes exactly those rows,
children first.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Owner(enum.StrEnum):
    family = "family"  # a family's case: its people, bookings, letters
    person = "person"  # one person of a family (kept and destroyed with the family)
    team_member = "team_member"
    complainant = "complainant"  # who complained, in words: never linked to a family
    none = "none"  # no personal data (settings, counts) or ids only (the audit trail)


@dataclass(frozen=True)
class Declaration:
    owner: Owner
    rule: str  # a key of rules.DEFAULTS, "" when nothing is destroyed
    clock: str  # the event that starts the clock, as a coordinator reads it
    subject_access: bool  # a subject-access export includes it
    rows: str = ""  # SQL: this table's rows of one family (:family) or member (:member)


FAMILY_ROWS = "family_id = :family"
# `subject_access` True: access.py reads the table, under the third-party rule its
# docstring gives for it (one line a table). False: a third party's data or the centre's own.
LAST_CONTACT = "the last attendance or contact, once the family is closed"


def _family(
    rows: str = FAMILY_ROWS, *, sar: bool = True, owner: Owner = Owner.family
) -> Declaration:
    return Declaration(owner, "family", LAST_CONTACT, sar, rows)


def _member(rows: str = "member_id = :member") -> Declaration:
    return Declaration(Owner.team_member, "volunteer", "leaving the centre", False, rows)


def _none(why: str) -> Declaration:
    return Declaration(Owner.none, "", why, False)


DECLARATIONS: dict[str, Declaration] = {
    "family": _family("id = :family"),
    "person": _family(owner=Owner.person),
    "referee": _family(sar=False),  # a third party's details
    "status_change": _family(),
    "booking": _family(),
    "attendance_event": _family(
        "booking_id IN (SELECT id FROM booking WHERE family_id = :family)", owner=Owner.person
    ),
    "signature": _family(
        "person_id IN (SELECT id FROM person WHERE family_id = :family)", owner=Owner.person
    ),
    "charge": _family(),
    "payment": _family(),
    "indirect_arrangement": _family(),
    "indirect_item": _family(),
    "supervised_case": _family(),
    "report_recipient": _family(sar=False),  # the agencies' people
    "escorted_visit": _family(),
    "observation_record": _family(),
    "observation_addendum": _family(
        "record_id IN (SELECT id FROM observation_record WHERE family_id = :family)",
    ),
    "screening_answer": _family(
        "person_id IN (SELECT id FROM person WHERE family_id = :family)",
        owner=Owner.person,
    ),
    "safeguarding_plan": _family(),
    "risk_item": _family(),
    "exclusion": _family(),
    # Destroyed with the family, which due.py keeps until the incidents rule has run too
    # (6 years after closing); in a subject-access export, bar the passages the
    # coordinator marked as other people's words (withheld_passage).
    "incident": _family(),
    "incident_addendum": _family(
        "incident_id IN (SELECT id FROM incident WHERE family_id = :family)"
    ),
    "withheld_passage": _family(
        "person_id IN (SELECT id FROM person WHERE family_id = :family)",
        sar=False,
        owner=Owner.person,
    ),
    # Kept apart from the families' files: due on its own clock, never held by a family.
    "complaint": Declaration(
        Owner.complainant, "complaints", "the complaint being resolved", False, "id = :complaint"
    ),
    "legal_hold": _family(sar=False),
    "access_request": _family(sar=False),
    # The entry stays (dates, recipient organisation, digest); its personal data goes.
    "disclosure": Declaration(
        Owner.family, "disclosure", "the family's records being destroyed", True, FAMILY_ROWS
    ),
    "team_member": _member("id = :member"),
    "team_reference": _member(),
    "team_training": _member(),
    "rota_entry": _member(),
    "conflict_declaration": _member(),
    "agreement_version": _none("the agreement's wording: no personal data"),
    "audit_anchor": _none("hashes of the audit trail"),
    "audit_entry": _none("ids and field names only, never personal values"),
    "centre": _none("the centre's own details"),
    "closure": _none("the centre's closed days"),
    "contact_session": _none("the centre's sessions"),
    "fee_schedule": _none("the centre's fees"),
    "session_team_note": _none("the team's briefing for a session, kept with the sessions"),
    "retention_rule": _none("the centre's rules"),
    "destruction": _none("counts and rules, never who"),
}


def family_tables() -> list[str]:
    """The tables whose rows destruction removes with a family (not the disclosure log)."""
    return [t for t, d in DECLARATIONS.items() if d.rows and d.rule == "family"]


def member_tables() -> list[str]:
    return [t for t, d in DECLARATIONS.items() if d.owner == Owner.team_member]


def complaint_tables() -> list[str]:
    return [t for t, d in DECLARATIONS.items() if d.owner == Owner.complainant]
