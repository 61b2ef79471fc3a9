"""Destroying what is due: the rows the registry says belong to each due family or
volunteer are deleted, the disclosure log keeps its entries without personal data, and
the destruction log says what kind of records went, how many, under which rule, when
and who approved — never whose.

Each destroyed family, volunteer or complaint gets an audit entry (`family.delete`,
`team_member.delete`, `complaint.delete`, ids only), so `audit --verify` knows those
records were destroyed in the open rather than tampered with. The caller runs
store.vacuum.vacuum afterwards, outside the unit of work (VACUUM cannot run in a
transaction)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, col, select

from contactcentre.domain import acting, audit, permissions
from contactcentre.domain.disclosure.log import recipient_lines
from contactcentre.domain.errors import DomainError
from contactcentre.domain.retention import registry
from contactcentre.domain.retention.due import Due, due_for_destruction
from contactcentre.domain.retention.rules import rule_words, rules
from contactcentre.store.models import Destruction, Disclosure


@dataclass(frozen=True)
class Destroyed:
    category: str
    records: int
    rule: str


def _children_first(tables: list[str]) -> list[str]:
    order = [t.name for t in reversed(SQLModel.metadata.sorted_tables)]
    return sorted(tables, key=order.index)


def _delete(s: Session, tables: list[str], key: str, owner_id: int) -> int:
    connection, deleted = s.connection(), 0
    for table in _children_first(tables):
        where = registry.DECLARATIONS[table].rows
        result = connection.execute(sa.text(f"DELETE FROM {table} WHERE {where}"), {key: owner_id})
        deleted += result.rowcount
    return deleted


def _strip_disclosures(s: Session, family_id: int) -> int:
    """Keep each entry's dates, outcome, digest and the recipient's organisation (the last
    part of "Name, Organisation"); drop the family and every name."""
    rows = list(s.exec(select(Disclosure).where(col(Disclosure.family_id) == family_id)))
    for row in rows:
        parts = recipient_lines(row.recipient)
        row.family_id = None
        row.recipient = parts[-1] if len(parts) > 1 else ""
        row.requested_by = row.produced_by = row.refusal_reason = ""
        s.add(row)
    s.flush()
    return len(rows)


def destroy_due(s: Session, today: date, *, expected: Due | None = None) -> list[Destroyed]:
    """Destroy exactly what `due_for_destruction(s, today)` lists (held families never).
    `expected`: the list the coordinator reviewed; if what is due has changed since, the
    destruction is refused rather than destroying something not reviewed."""
    permissions.require(s, "destroy_records")
    due = due_for_destruction(s, today)
    if expected is not None and not expected.same_as(due):
        raise DomainError("What is due has changed since it was reviewed: review it again.")
    found = rules(s)
    family_rows = disclosures = member_rows = complaint_rows = 0
    for family in due.families:
        disclosures += _strip_disclosures(s, family.family_id)
        family_rows += _delete(s, registry.family_tables(), "family", family.family_id)
        audit.record(
            s,
            "family.delete",
            entity="family",
            entity_id=family.family_id,
            family_id=family.family_id,
            detail="retention",
        )
    for member in due.members:
        member_rows += _delete(s, registry.member_tables(), "member", member.member_id)
        audit.record(
            s,
            "team_member.delete",
            entity="team_member",
            entity_id=member.member_id,
            detail="retention",
        )
    for complaint in due.complaints:
        complaint_rows += _delete(
            s, registry.complaint_tables(), "complaint", complaint.complaint_id
        )
        audit.record(
            s,
            "complaint.delete",
            entity="complaint",
            entity_id=complaint.complaint_id,
            detail="retention",
        )
    done = [
        Destroyed("family records", family_rows, rule_words(found["family"])),
        Destroyed(
            "disclosure log entries (personal data removed)",
            disclosures,
            rule_words(found["disclosure"]),
        ),
        Destroyed("volunteer files", member_rows, rule_words(found["volunteer"])),
        Destroyed("complaints", complaint_rows, rule_words(found["complaints"])),
    ]
    done = [d for d in done if d.records]
    for d in done:
        entry = Destruction(category=d.category, records=d.records, rule=d.rule)
        entry.destroyed_at, entry.approved_by = acting.now(s), acting.actor(s)
        s.add(entry)
    s.flush()
    return done


@dataclass(frozen=True)
class LogLine:
    at: datetime
    category: str
    records: int
    rule: str
    approved_by: str


def destruction_log(s: Session) -> list[LogLine]:
    """The destruction log, oldest first: what kind, how many, the rule, when, who approved."""
    permissions.require(s, "see_retention")
    rows = s.exec(select(Destruction).order_by(col(Destruction.id)))
    return [LogLine(r.destroyed_at, r.category, r.records, r.rule, r.approved_by) for r in rows]
