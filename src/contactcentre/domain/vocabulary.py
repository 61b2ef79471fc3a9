"""The words and sets that every feature shares: how roles, contact types, statuses and
referral sources are shown, which roles are adults, which families are still open, and
how a person is named. Features import this instead of each other."""

from __future__ import annotations

from contactcentre.store.models import (
    CaseOutcome,
    ContactType,
    FamilyStatus,
    Person,
    ReferralSource,
    Role,
)

ADULT_ROLES = frozenset({Role.resident_parent, Role.non_resident_parent, Role.relative})
ROLE_LABELS = {
    Role.child: "Child",
    Role.resident_parent: "Resident parent/carer",
    Role.non_resident_parent: "Non-resident parent",
    Role.relative: "Named relative",
}
CONTACT_LABELS = {
    ContactType.supported: "Supported",
    ContactType.supervised: "Supervised",
    ContactType.handover: "Handover only",
    ContactType.indirect: "Indirect",
}
STATUS_LABELS = {
    FamilyStatus.referred: "Referred",
    FamilyStatus.active: "Active",
    FamilyStatus.closed: "Closed",
    FamilyStatus.excluded: "Excluded",
}
SOURCE_LABELS = {
    ReferralSource.cafcass: "CAFCASS",
    ReferralSource.social_services: "Social services",
    ReferralSource.solicitor: "Solicitor",
    ReferralSource.mediator: "Mediator",
    ReferralSource.court: "Court",
    ReferralSource.self: "Self-referral",
}
# How a case ended (chosen when it is closed), short enough for a chart's axis.
OUTCOME_LABELS = {
    CaseOutcome.moved_on: "Own arrangements",
    CaseOutcome.handover_only: "Handover only",
    CaseOutcome.stepped_up: "Supervised",
    CaseOutcome.other_centre: "Other centre",
    CaseOutcome.court_stopped: "Court stopped",
    CaseOutcome.withdrew: "Withdrew",
    CaseOutcome.excluded: "Excluded",
    CaseOutcome.other: "Other",
}
# Families still in the centre's care: closed and excluded ones leave the lists.
OPEN_STATUSES = frozenset({FamilyStatus.referred, FamilyStatus.active})


def person_name(person: Person) -> str:
    return f"{person.first_name} {person.last_name}".strip()


def counted(n: int, one: str, many: str = "") -> str:
    """A count with its noun (and verb) agreeing: counted(1, "alert needs", "alerts need")
    is "1 alert needs"; the plural defaults to the singular with an s."""
    return f"{n} {one if n == 1 else many or one + 's'}"
