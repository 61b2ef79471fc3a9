"""The centre's tables, one module per feature, with the closed sets in `enums`.

The whole schema is here; store/migrations tracks its history. Importing this package
registers every table. Free text that may hold personal data is never copied into logs:
see domain/audit.py for what history records instead.
"""

from contactcentre.store.models.agreements import AgreementVersion, Signature
from contactcentre.store.models.audit import AuditAnchor, AuditEntry
from contactcentre.store.models.bookings import AttendanceEvent, Booking, Closure, ContactSession
from contactcentre.store.models.centre import Centre
from contactcentre.store.models.charges import Charge, FeeSchedule, Payment
from contactcentre.store.models.disclosure import Disclosure
from contactcentre.store.models.enums import (
    AccessStatus,
    BookingStatus,
    CancelledBy,
    CaseOutcome,
    ChargeKind,
    ClosureKind,
    ComesWith,
    ContactType,
    DisclosureOutcome,
    EventKind,
    EventSource,
    FamilyStatus,
    ItemDecision,
    ItemKind,
    ItemRoute,
    Payer,
    PaymentMethod,
    ReferralSource,
    Role,
    SessionKind,
    SessionStatus,
    SignMethod,
    TeamRole,
)
from contactcentre.store.models.indirect import IndirectArrangement, IndirectItem
from contactcentre.store.models.register import Family, Person, Referee, StatusChange
from contactcentre.store.models.retention import (
    AccessRequest,
    Destruction,
    LegalHold,
    RetentionRule,
)
from contactcentre.store.models.rota import RotaEntry, SessionTeamNote
from contactcentre.store.models.team import (
    ConflictDeclaration,
    TeamMember,
    TeamReference,
    TeamTraining,
)
from contactcentre.store.types import utcnow

__all__ = [
    "AccessRequest",
    "AccessStatus",
    "AgreementVersion",
    "AttendanceEvent",
    "AuditAnchor",
    "AuditEntry",
    "Booking",
    "BookingStatus",
    "CancelledBy",
    "CaseOutcome",
    "Centre",
    "Charge",
    "ChargeKind",
    "Closure",
    "ClosureKind",
    "ComesWith",
    "ConflictDeclaration",
    "ContactSession",
    "ContactType",
    "Destruction",
    "Disclosure",
    "DisclosureOutcome",
    "EventKind",
    "EventSource",
    "Family",
    "FamilyStatus",
    "FeeSchedule",
    "IndirectArrangement",
    "IndirectItem",
    "ItemDecision",
    "ItemKind",
    "ItemRoute",
    "LegalHold",
    "Payer",
    "Payment",
    "PaymentMethod",
    "Person",
    "Referee",
    "ReferralSource",
    "RetentionRule",
    "Role",
    "RotaEntry",
    "SessionKind",
    "SessionStatus",
    "SessionTeamNote",
    "SignMethod",
    "Signature",
    "StatusChange",
    "TeamMember",
    "TeamReference",
    "TeamRole",
    "TeamTraining",
    "utcnow",
]
