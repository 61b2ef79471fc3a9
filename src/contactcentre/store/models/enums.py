"""The closed sets of the schema, in one place: str enums, stored as their value."""

from __future__ import annotations

import enum


class ContactType(enum.StrEnum):
    supported = "supported"
    supervised = "supervised"
    handover = "handover"
    indirect = "indirect"


class FamilyStatus(enum.StrEnum):
    referred = "referred"
    active = "active"
    closed = "closed"
    excluded = "excluded"


class ReferralSource(enum.StrEnum):
    cafcass = "cafcass"
    social_services = "social_services"
    solicitor = "solicitor"
    mediator = "mediator"
    court = "court"
    self = "self"


class Role(enum.StrEnum):
    child = "child"
    resident_parent = "resident_parent"
    non_resident_parent = "non_resident_parent"
    relative = "relative"


class ComesWith(enum.StrEnum):
    """The parent a named relative comes with (and so whose planned times are hers)."""

    resident_parent = "resident_parent"
    non_resident_parent = "non_resident_parent"


class SignMethod(enum.StrEnum):
    screen = "screen"
    paper = "paper"


class SessionStatus(enum.StrEnum):
    scheduled = "scheduled"
    cancelled = "cancelled"


class SessionKind(enum.StrEnum):
    pattern = "pattern"  # an occurrence of the opening pattern, stored once it is used
    extra = "extra"  # a one-off session the coordinator added
    historical = "historical"  # created by an attendance import for a past date


class ClosureKind(enum.StrEnum):
    closed = "closed"  # the centre is shut that day (hall booked, holiday)
    reopened = "reopened"  # open after all on a day closed by default (a bank holiday)


class BookingStatus(enum.StrEnum):
    booked = "booked"
    cancelled = "cancelled"


class CancelledBy(enum.StrEnum):
    resident = "resident"
    non_resident = "non_resident"
    centre = "centre"


class EventKind(enum.StrEnum):
    nonresident_arrived = "nonresident_arrived"
    nonresident_left = "nonresident_left"
    child_dropped_off = "child_dropped_off"
    child_collected = "child_collected"
    resident_arrived = "resident_arrived"
    relative_arrived = "relative_arrived"
    relative_left = "relative_left"
    no_show = "no_show"
    voided = "voided"  # a correction that withdraws the event it supersedes


class EventSource(enum.StrEnum):
    live = "live"
    paper = "paper"
    import_ = "import"


class DisclosureOutcome(enum.StrEnum):
    produced = "produced"  # an attendance-only letter (supported contact)
    refused = "refused"
    report = "report"  # a supervised contact report (issue 18)
    harm = "harm"  # a risk-of-harm disclosure of a signed-off incident


class TeamRole(enum.StrEnum):
    """What a member of the centre's team may do (domain/permissions.py holds the rules)."""

    coordinator = "coordinator"
    supervisor = "supervisor"
    volunteer = "volunteer"


class ItemKind(enum.StrEnum):
    """What an item passed on through the centre (indirect contact) is."""

    letter = "letter"
    card = "card"
    gift = "gift"
    photo = "photo"
    email = "email"
    other = "other"


class ItemRoute(enum.StrEnum):
    """How an item reached the centre, or left it."""

    post = "post"
    hand = "hand"  # hand-delivered
    email = "email"


class ItemDecision(enum.StrEnum):
    pass_on = "pass_on"
    hold = "hold"
    return_ = "return"


class Payer(enum.StrEnum):
    """Who usually pays a fee (and who owes a charge)."""

    non_resident = "non_resident"  # the parent having contact
    resident = "resident"
    cafcass = "cafcass"
    local_authority = "local_authority"
    solicitor = "solicitor"


class ChargeKind(enum.StrEnum):
    session = "session"  # a supported (or handover) session attended
    supervised_session = "supervised_session"
    late_cancellation = "late_cancellation"
    referral = "referral"
    report = "report"
    manual = "manual"  # raised by hand, with its own description


class PaymentMethod(enum.StrEnum):
    cash = "cash"
    card = "card"
    transfer = "transfer"
    cheque = "cheque"


class ObservationState(enum.StrEnum):
    """Where a supervised observation record is: written, handed in, checked, sent."""

    draft = "draft"
    submitted = "submitted"
    approved = "approved"  # quality-checked by someone other than the author: locked
    released = "released"  # in a report that left the centre


class RecipientRole(enum.StrEnum):
    """Who may receive a supervised contact report for a case."""

    parent = "parent"
    cafcass = "cafcass"
    social_worker = "social_worker"
    solicitor = "solicitor"
    court = "court"


class Answer(enum.StrEnum):
    """A screening question's answer."""

    yes = "yes"
    no = "no"
    unknown = "unknown"


class ScreeningItem(enum.StrEnum):
    """The referral risk checklist, asked about each adult (issue 19)."""

    domestic_abuse = "domestic_abuse"
    orders = "orders"  # non-molestation, prohibited steps or other orders
    child_offences = "child_offences"  # convictions for offences against children
    violence = "violence"  # convictions for violence
    substance_misuse = "substance_misuse"
    abduction = "abduction"
    child_protection = "child_protection"  # an open child-protection case
    social_services = "social_services"  # other current social-services involvement
    mental_health = "mental_health"
    referrer_concerns = "referrer_concerns"  # what the referrer says


class Level(enum.StrEnum):
    """The kind of contact a screening recommends."""

    supported = "supported"
    supervised = "supervised"
    not_suitable = "not_suitable"


class Rating(enum.StrEnum):
    """A risk's seriousness or likelihood, in the risk statement."""

    low = "low"
    medium = "medium"
    high = "high"


class IncidentCategory(enum.StrEnum):
    safeguarding_concern = "safeguarding_concern"
    aggression = "aggression"
    breach_of_rules = "breach_of_rules"
    accident = "accident"
    other = "other"


class ComplaintStage(enum.StrEnum):
    informal = "informal"
    stage_1 = "stage_1"  # in writing
    stage_2 = "stage_2"  # to an impartial trustee
    naccc = "naccc"  # referred to NACCC


class CaseOutcome(enum.StrEnum):
    """How a family's case ended, recorded when it is closed (the statistics count it)."""

    moved_on = "moved_on"  # moved on to arrangements of their own
    handover_only = "handover_only"  # stepped down to handover only
    stepped_up = "stepped_up"  # stepped up to supervised contact
    other_centre = "other_centre"  # moved to another centre
    court_stopped = "court_stopped"  # contact stopped by the court
    withdrew = "withdrew"  # one party withdrew
    excluded = "excluded"
    other = "other"  # with text


class AccessStatus(enum.StrEnum):
    """Where a subject-access request stands."""

    open = "open"
    sent = "sent"
    withdrawn = "withdrawn"
