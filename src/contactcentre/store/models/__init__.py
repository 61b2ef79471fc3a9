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
    Answer,
    BookingStatus,
    CancelledBy,
    CaseOutcome,
    ChargeKind,
    ClosureKind,
    ComesWith,
    ComplaintStage,
    ContactType,
    DisclosureOutcome,
    EventKind,
    EventSource,
    FamilyStatus,
    IncidentCategory,
    ItemDecision,
    ItemKind,
    ItemRoute,
    Level,
    ObservationState,
    Payer,
    PaymentMethod,
    Rating,
    RecipientRole,
    ReferralSource,
    Role,
    ScreeningItem,
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
from contactcentre.store.models.safeguarding import (
    Complaint,
    Exclusion,
    Incident,
    IncidentAddendum,
    RiskItem,
    SafeguardingPlan,
    ScreeningAnswer,
)
from contactcentre.store.models.supervised import (
    EscortedVisit,
    ObservationAddendum,
    ObservationRecord,
    ReportRecipient,
    SupervisedCase,
)
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
    "Answer",
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
    "Complaint",
    "ComplaintStage",
    "ConflictDeclaration",
    "ContactSession",
    "ContactType",
    "Destruction",
    "Disclosure",
    "DisclosureOutcome",
    "EscortedVisit",
    "EventKind",
    "EventSource",
    "Exclusion",
    "Family",
    "FamilyStatus",
    "FeeSchedule",
    "Incident",
    "IncidentAddendum",
    "IncidentCategory",
    "IndirectArrangement",
    "IndirectItem",
    "ItemDecision",
    "ItemKind",
    "ItemRoute",
    "LegalHold",
    "Level",
    "ObservationAddendum",
    "ObservationRecord",
    "ObservationState",
    "Payer",
    "Payment",
    "PaymentMethod",
    "Person",
    "Rating",
    "RecipientRole",
    "Referee",
    "ReferralSource",
    "ReportRecipient",
    "RetentionRule",
    "RiskItem",
    "Role",
    "RotaEntry",
    "SafeguardingPlan",
    "ScreeningAnswer",
    "ScreeningItem",
    "SessionKind",
    "SessionStatus",
    "SessionTeamNote",
    "SignMethod",
    "Signature",
    "StatusChange",
    "SupervisedCase",
    "TeamMember",
    "TeamReference",
    "TeamRole",
    "TeamTraining",
    "utcnow",
]
