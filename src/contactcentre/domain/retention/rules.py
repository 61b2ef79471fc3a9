"""The retention rules: how long each kind of record is kept, and why.

Each has a default (the periods member centres publish) that the coordinator may change
on the Centre screen, with the reason shown beside it; a change is a RetentionRule row."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from contactcentre.domain import acting, audit, permissions, validate
from contactcentre.domain.errors import DomainError, ValidationError
from contactcentre.store.models import RetentionRule


@dataclass(frozen=True)
class Rule:
    key: str
    label: str  # what it keeps, as the Centre screen names it
    years: int
    after: str  # the event that starts the clock
    reason: str
    default_years: int


DEFAULTS: dict[str, Rule] = {
    r.key: r
    for r in (
        Rule(
            "family",
            "A closed family's records",
            3,
            "the last attendance or contact with the centre",
            "Member centres destroy family records unused for 3 years (NACCC guidance).",
            3,
        ),
        Rule(
            "incidents",
            "Incidents and safeguarding concerns",
            6,
            "the family's case was closed",
            "Safeguarding records are kept longer: 6 years, or longer where decided.",
            6,
        ),
        Rule(
            "volunteer",
            "A volunteer's file",
            6,
            "leaving the centre",
            "Volunteer files are kept 6 years after leaving (references, DBS checks).",
            6,
        ),
        Rule(
            "complaints",
            "Complaints",
            1,
            "the complaint was resolved",
            "Complaints are kept 1 year after they are resolved.",
            1,
        ),
        Rule(
            "disclosure",
            "The disclosure log",
            0,
            "the family's records being destroyed",
            "The entry (dates, recipient organisation, digest) stays; its personal data goes.",
            0,
        ),
    )
}
MAX_YEARS = 50


def rules(s: Session) -> dict[str, Rule]:
    """Every rule as it stands: the default, or the coordinator's change with its reason."""
    changed = {r.key: r for r in s.exec(select(RetentionRule))}
    found = {}
    for key, rule in DEFAULTS.items():
        row = changed.get(key)
        found[key] = (
            rule
            if row is None
            else Rule(key, rule.label, row.years, rule.after, row.reason, rule.default_years)
        )
    return found


def rule_words(rule: Rule) -> str:
    """'3 years after the last attendance or contact with the centre'."""
    if rule.years == 0:
        return f"kept without personal data after {rule.after}"
    unit = "year" if rule.years == 1 else "years"
    return f"{rule.years} {unit} after {rule.after}"


def set_rule(s: Session, key: str, years: int, reason: str) -> Rule:
    """Change how long `key` is kept; the reason is required and shown beside the rule."""
    permissions.require(s, "retention_rules")
    if key not in DEFAULTS or key == "disclosure":
        raise DomainError(f"There is no retention rule {key!r} to change.")
    c = validate.Checker()
    words = c.check("reason", "Reason", validate.text, reason, limit=500)
    if not words:
        c.add("reason", "Reason is required")
    if not 1 <= years <= MAX_YEARS:
        c.add("years", f"Years must be between 1 and {MAX_YEARS}")
    if c.errors:
        raise ValidationError(c.errors)
    row = s.exec(select(RetentionRule).where(RetentionRule.key == key)).first()
    row = row or RetentionRule(key=key, years=years)
    row.years, row.reason = years, words
    row.changed_by, row.changed_at = acting.actor(s), acting.now(s)
    s.add(row)
    s.flush()
    audit.record(s, "retention.rule", entity="retention_rule", entity_id=row.id, fields=["years"])
    return rules(s)[key]
