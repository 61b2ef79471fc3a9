"""Legal holds: a family's records that must not be destroyed, and why.

A hold is set by hand (a court case pending, a complaint to the ICO). Every other reason
to hold records joins in `reasons_held`, the one place destruction asks."""

from __future__ import annotations

from sqlmodel import Session, col, select

from contactcentre.domain import acting, audit, permissions, validate
from contactcentre.domain.errors import DomainError, ValidationError
from contactcentre.domain.register.families import family_by_ref
from contactcentre.domain.safeguarding import incidents
from contactcentre.store.models import LegalHold


def _standing(s: Session, family_id: int) -> LegalHold | None:
    query = select(LegalHold).where(
        LegalHold.family_id == family_id, col(LegalHold.released_at).is_(None)
    )
    return s.exec(query).first()


def set_hold(s: Session, family_ref: str, reason: str) -> LegalHold:
    """Hold the family's records: nothing of theirs is destroyed until it is released."""
    permissions.require(s, "hold_records")
    family = family_by_ref(s, family_ref)
    assert family.id is not None
    words = validate.text(reason, limit=500)
    if not words:
        raise ValidationError({"reason": "Reason is required"})
    if _standing(s, family.id) is not None:
        raise DomainError(f"{family.ref} is already held; release it first to change why.")
    hold = LegalHold(family_id=family.id, reason=words, set_by=acting.actor(s))
    hold.set_at = acting.now(s)
    s.add(hold)
    s.flush()
    audit.record(s, "hold.set", entity="legal_hold", entity_id=hold.id, family_id=family.id)
    return hold


def release_hold(s: Session, family_ref: str) -> LegalHold:
    permissions.require(s, "hold_records")
    family = family_by_ref(s, family_ref)
    assert family.id is not None
    hold = _standing(s, family.id)
    if hold is None:
        raise DomainError(f"{family.ref} is not held.")
    hold.released_at, hold.released_by = acting.now(s), acting.actor(s)
    s.add(hold)
    audit.record(s, "hold.release", entity="legal_hold", entity_id=hold.id, family_id=family.id)
    return hold


def reasons_held(s: Session) -> dict[int, str]:
    """Why each held family's records may not be destroyed: family id -> the reason.

    Holds set by hand, and every family with an incident not yet signed off ("an incident
    is open"): the one place holds join, so destruction, the `retention` list and the
    Retention screen all see them alike."""
    held = dict.fromkeys(incidents.families_with_open_incidents(s), "an incident is open")
    query = select(LegalHold).where(col(LegalHold.released_at).is_(None))
    for hold in s.exec(query.order_by(col(LegalHold.id))):
        held[hold.family_id] = f"legal hold: {hold.reason}"
    return held
