"""The risk-of-harm disclosure: the only way an incident's text leaves the app.

From a signed-off incident, a coordinator discloses it to a named agency: `draft` builds the
document's data (its wording reviewed on screen), `disclose` logs it in the disclosure log
as a risk-of-harm disclosure (who, to whom, why, the digest of exactly what was sent) and
returns the data to render. Supported letters never carry any of it (they are built from
attendance alone)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from contactcentre.documents.data import RiskOfHarmDisclosure
from contactcentre.domain import acting, audit, permissions
from contactcentre.domain.centre import get_centre, letterhead
from contactcentre.domain.disclosure import log as disclosure_log
from contactcentre.domain.errors import DomainError, NotFound, ValidationError
from contactcentre.domain.safeguarding import incidents
from contactcentre.domain.validate import free_text
from contactcentre.store.models import Disclosure, DisclosureOutcome, Family, Incident

HEADINGS = (
    ("occurred_at", "When"),
    ("place", "Where"),
    ("category", "What kind"),
    ("involved", "Who was involved"),
    ("visitors", "Others involved"),
    ("witnesses", "Who witnessed it"),
    ("seen", "What was seen"),
    ("said", "What was said"),
    ("actions", "What was done at once"),
    ("told", "Who was told, and when"),
    ("decision", "The coordinator's decision"),
    ("decision_reasons", "Reasons"),
)


def _local(moment: datetime | None, tz: ZoneInfo) -> str:
    return f"{moment.astimezone(tz):%a %d %b %Y %H:%M}" if moment is not None else ""


def _sections(s: Session, row: Incident, tz: ZoneInfo) -> tuple[tuple[str, str], ...]:
    told = [
        f"{who}: {_local(getattr(row, name), tz)}"
        for name, who in (
            ("police_told_at", "Police"),
            ("social_services_told_at", "Social services"),
            ("referrer_told_at", "The referrer"),
        )
        if getattr(row, name) is not None
    ]
    values = {
        "occurred_at": _local(row.occurred_at, tz),
        "category": incidents.CATEGORY_WORDS[row.category],
        "told": "\n".join(told),
    }
    sections = [
        (heading, values.get(name, getattr(row, name, "")) or "") for name, heading in HEADINGS
    ]
    assert row.id is not None
    for added in incidents.addenda(s, row.id):
        sections.append((f"Addendum by {added.added_by}, {_local(added.added_at, tz)}", added.text))
    return tuple((heading, text) for heading, text in sections if text)


def _signed_off(s: Session, incident_id: int) -> tuple[Incident, Family]:
    row = s.get(Incident, incident_id)
    if row is None:
        raise NotFound(f"There is no incident {incidents.reference(incident_id)}.")
    if row.signed_off_at is None:
        raise DomainError(
            f"{incidents.reference(incident_id)} is not signed off: a coordinator signs it "
            "off before it can be disclosed."
        )
    family = s.get(Family, row.family_id) if row.family_id is not None else None
    if family is None:
        raise DomainError(f"{incidents.reference(incident_id)} is not about a family.")
    return row, family


def draft(
    s: Session,
    incident_id: int,
    recipient: str,
    reason: str,
    *,
    now: datetime,
    reference: str = "(not yet logged)",
) -> RiskOfHarmDisclosure:
    """The disclosure as it would be sent, for the coordinator to review."""
    permissions.require(s, "disclose_incident")
    row, family = _signed_off(s, incident_id)
    to = disclosure_log.recipient_lines(disclosure_log.clean_recipient(recipient))
    why = free_text("reason", "Why it is disclosed", reason, limit=2000)
    if not to or not why:
        raise ValidationError.single(
            "recipient" if not to else "reason", "Name the agency and say why it is told."
        )
    tz = ZoneInfo(get_centre(s).timezone)
    assert row.signed_off_at is not None
    return RiskOfHarmDisclosure(
        letterhead=letterhead(s),
        reference=reference,
        incident_ref=incidents.reference(incident_id),
        family_ref=family.ref,
        recipient=to,
        reason=why,
        dated=f"{now.astimezone(tz).day} {now.astimezone(tz):%B %Y}",
        sections=_sections(s, row, tz),
        signed_off=f"Signed off by {row.signed_off_by} on {_local(row.signed_off_at, tz)}.",
        disclosed_by=acting.actor(s),
    )


def digest(data: RiskOfHarmDisclosure) -> str:
    plain = json.dumps(asdict(data), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(plain.encode()).hexdigest()


def disclose(
    s: Session, incident_id: int, recipient: str, reason: str, *, now: datetime
) -> tuple[disclosure_log.LogEntry, RiskOfHarmDisclosure]:
    """Log the disclosure (one transaction) and return what to print."""
    permissions.require(s, "disclose_incident")
    row, family = _signed_off(s, incident_id)
    checked = draft(s, incident_id, recipient, reason, now=now)
    logged = Disclosure(
        at=now,
        produced_by=acting.actor(s),
        family_id=family.id or 0,
        recipient=", ".join(checked.recipient),
        period_from=row.occurred_at.date(),
        period_to=row.occurred_at.date(),
        outcome=DisclosureOutcome.harm,
        incident_id=incident_id,
        reason=checked.reason,
    )
    s.add(logged)
    s.flush()
    assert logged.id is not None
    data = draft(
        s, incident_id, recipient, reason, now=now, reference=disclosure_log.reference(logged.id)
    )
    logged.digest = digest(data)
    audit.record(
        s, "disclosure.harm", entity="disclosure", entity_id=logged.id, family_id=family.id
    )
    return disclosure_log.entry(logged, family.ref), data
