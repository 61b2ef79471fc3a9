"""The item log: receiving, reading, deciding, passing on and acknowledging an item.

Each step is one guarded unit of work, audited by field name (never the description or
a reason), its `*_by` read from the acting person. The rules are in rules.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from sqlmodel import Session, col, select

from contactcentre.domain import acting, audit, permissions, validate
from contactcentre.domain.errors import NotFound, ValidationError
from contactcentre.domain.indirect import arrangement, rules
from contactcentre.domain.indirect.rules import ItemRefused
from contactcentre.store.models import (
    Family,
    IndirectItem,
    ItemDecision,
    ItemKind,
    ItemRoute,
    Person,
)

ChoiceT = TypeVar("ChoiceT", ItemDecision, ItemRoute)
MAX_DESCRIPTION = 200
MAX_REASON = 500
KIND_LABELS = {
    ItemKind.letter: "Letter",
    ItemKind.card: "Card",
    ItemKind.gift: "Gift",
    ItemKind.photo: "Photo",
    ItemKind.email: "E-mail",
    ItemKind.other: "Other",
}
ROUTE_LABELS = {ItemRoute.post: "Post", ItemRoute.hand: "Hand-delivered", ItemRoute.email: "E-mail"}
DECISION_LABELS = {
    ItemDecision.pass_on: "Pass on",
    ItemDecision.hold: "Hold",
    ItemDecision.return_: "Return",
}


@dataclass(frozen=True)
class ItemLine:
    """One item as the log shows it: names, never an address."""

    id: int
    ref: str
    family_id: int
    family_ref: str
    received: date
    received_how: ItemRoute
    from_name: str
    to_name: str
    to_id: int | None  # the recipient (for "Show address"), None once removed
    kind: ItemKind
    description: str
    checked_by: str
    checked_at: datetime | None
    decision: ItemDecision | None
    decision_reason: str
    decided_by: str
    passed_on: date | None
    passed_how: ItemRoute | None
    acknowledged: date | None
    status: str  # in words: "waiting to be read", "held for the coordinator", ...
    waiting: bool  # the centre still has something to do with it


def next_item_ref(s: Session) -> str:
    """The next free reference in the I-0001 series."""
    highest = 0
    for ref in s.exec(select(IndirectItem.ref)):
        if ref[2:].isdigit():
            highest = max(highest, int(ref[2:]))
    return f"I-{highest + 1:04d}"


def _item(s: Session, item_id: int) -> IndirectItem:
    item = s.get(IndirectItem, item_id)
    if item is None:
        raise NotFound(f"Item {item_id} no longer exists.")
    return item


def item_by_ref(s: Session, ref: str) -> int:
    wanted = ref.strip().upper()
    found = s.exec(select(IndirectItem.id).where(col(IndirectItem.ref) == wanted)).first()
    if found is None:
        raise NotFound(f"No item with reference {ref.strip()[:40]!r}.")
    return found


def _person(s: Session, person_id: int | None, family_id: int) -> Person:
    person = s.get(Person, person_id) if person_id is not None else None
    if person is None or person.family_id != family_id:
        raise ItemRefused("The person this item names is no longer in the family.")
    return person


def _audit(s: Session, action: str, item: IndirectItem, fields: list[str]) -> None:
    audit.record(
        s, action, entity="indirect_item", entity_id=item.id, family_id=item.family_id,
        fields=fields,
    )  # fmt: skip


def _choice(key: str, label: str, kind: type[ChoiceT], value: object) -> ChoiceT:
    try:
        return validate.choice(kind, value)
    except ValueError as error:
        raise ValidationError.single(key, f"{label} {error}") from None


def _day(key: str, label: str, value: date | str | None, today: date) -> date:
    try:
        day = validate.parse_date(value, required=True)
        validate.past_date(day, today)
    except ValueError as error:
        raise ValidationError.single(key, f"{label} {error}") from None
    assert day is not None
    return day


def open_log(s: Session, family_id: int) -> None:
    """Refuse (ItemRefused, in words) a family that has no item log (rule 1)."""
    rules.may_have_items(arrangement.family(s, family_id), arrangement.terms(s, family_id))


def log_item(
    s: Session,
    family_id: int,
    *,
    from_id: int,
    to_id: int,
    kind: ItemKind | str,
    received: date | str,
    how: ItemRoute | str = ItemRoute.post,
    description: str = "",
    today: date,
) -> IndirectItem:
    """Log an item received for the family; returns it with its new reference. An item
    from an adult restrained by an order is held for the coordinator at once."""
    permissions.require(s, "log_items")
    family = arrangement.family(s, family_id)
    terms = arrangement.terms(s, family_id)
    rules.may_have_items(family, terms)
    c = validate.Checker()
    clean_kind = c.check("kind", "Kind", validate.choice, ItemKind, kind)
    clean_how = c.check("how", "How it came", validate.choice, ItemRoute, how)
    text = c.check("description", "Description", validate.text, description,
                   limit=MAX_DESCRIPTION, multiline=False)  # fmt: skip
    c.done()
    day = _day("received", "Received", received, today)
    sender, recipient = _person(s, from_id, family_id), _person(s, to_id, family_id)
    adults = arrangement.adults(s, family_id)
    rules.check_recipient(sender, recipient, adults, terms, family.ref)
    item = IndirectItem(
        ref=next_item_ref(s), family_id=family_id, received_on=day, received_how=clean_how,
        from_id=from_id, to_id=to_id, kind=clean_kind, description=text,
        logged_by=acting.actor(s), logged_at=acting.now(s),
    )  # fmt: skip
    held = rules.order_hold(sender, recipient, terms)
    if held:
        item.decision, item.decision_reason = ItemDecision.hold, held
        item.decided_by, item.decided_at = acting.actor(s), acting.now(s)
    s.add(item)
    s.flush()
    _audit(s, "item.log", item, ["received_on", "from_id", "to_id", "kind", "description"])
    return item


def check_item(s: Session, item_id: int) -> None:
    """Record that the item has been read (by the acting person, now)."""
    permissions.require(s, "check_items")
    item = _item(s, item_id)
    if item.checked_at is not None:
        raise ItemRefused(f"{item.ref} was already read by {item.checked_by}.")
    item.checked_by, item.checked_at = acting.actor(s), acting.now(s)
    _audit(s, "item.check", item, ["checked_by", "checked_at"])


def decide_item(s: Session, item_id: int, decision: ItemDecision | str, reason: str = "") -> None:
    """Pass on, hold or return. Hold and return need a reason; so does passing on an item
    held under an order."""
    permissions.require(s, "decide_items")
    item = _item(s, item_id)
    chosen = _choice("decision", "Decision", ItemDecision, decision)
    why = validate.free_text("reason", "Reason", reason, limit=MAX_REASON)
    if item.passed_on is not None:
        raise ItemRefused(f"{item.ref} was passed on {item.passed_on:%d/%m/%Y}: it stays decided.")
    terms = arrangement.terms(s, item.family_id)
    sender = _person(s, item.from_id, item.family_id)
    if chosen == ItemDecision.pass_on:
        rules.must_be_read(item.ref, terms.read_first, item.checked_at is not None)
        recipient = _person(s, item.to_id, item.family_id)
        ref = arrangement.family(s, item.family_id).ref
        rules.check_recipient(sender, recipient, arrangement.adults(s, item.family_id), terms, ref)
        if rules.order_hold(sender, recipient, terms) and not why:
            raise ItemRefused(
                f"{item.ref} is from someone a recorded order forbids from contacting the "
                "recipient: give the reason it may be passed on."
            )
    elif not why:
        done = "held" if chosen == ItemDecision.hold else "returned"
        raise ItemRefused(f"Say why {item.ref} is to be {done}.")
    item.decision, item.decision_reason = chosen, why
    item.decided_by, item.decided_at = acting.actor(s), acting.now(s)
    _audit(s, "item.decide", item, ["decision", "decision_reason"])


def pass_on_item(
    s: Session, item_id: int, *, on: date | str, how: ItemRoute | str, today: date
) -> None:
    """Record that the item went to its recipient (the one named when it was logged,
    checked against the rules again)."""
    permissions.require(s, "pass_on_items")
    item = _item(s, item_id)
    route = _choice("how", "How it went", ItemRoute, how)
    day = _day("passed_on", "Passed on", on, today)
    if item.decision != ItemDecision.pass_on:
        raise ItemRefused(
            f"{item.ref} is {status(item, True).lower()}: only an item decided "
            "'pass on' is passed on."
        )
    if item.passed_on is not None:
        raise ItemRefused(f"{item.ref} was already passed on {item.passed_on:%d/%m/%Y}.")
    if day < item.received_on:
        raise ItemRefused(f"{item.ref} was received {item.received_on:%d/%m/%Y}, after that.")
    terms = arrangement.terms(s, item.family_id)
    sender = _person(s, item.from_id, item.family_id)
    recipient = _person(s, item.to_id, item.family_id)
    ref = arrangement.family(s, item.family_id).ref
    rules.check_recipient(sender, recipient, arrangement.adults(s, item.family_id), terms, ref)
    item.passed_on, item.passed_how, item.passed_to_id = day, route, recipient.id
    item.passed_by = acting.actor(s)
    _audit(s, "item.pass_on", item, ["passed_on", "passed_how", "passed_to_id"])


def acknowledge_item(s: Session, item_id: int, *, on: date | str, today: date) -> None:
    permissions.require(s, "pass_on_items")
    item = _item(s, item_id)
    day = _day("acknowledged", "Acknowledged", on, today)
    if item.passed_on is None:
        raise ItemRefused(f"{item.ref} has not been passed on yet.")
    if day < item.passed_on:
        raise ItemRefused(f"{item.ref} was passed on {item.passed_on:%d/%m/%Y}, after that.")
    item.acknowledged_on = day
    _audit(s, "item.acknowledge", item, ["acknowledged_on"])


def status(item: IndirectItem, read_first: bool) -> str:
    if item.acknowledged_on is not None:
        return f"Passed on {item.passed_on:%d/%m/%Y}, acknowledged {item.acknowledged_on:%d/%m/%Y}"
    if item.passed_on is not None:
        return f"Passed on {item.passed_on:%d/%m/%Y}"
    if item.decision == ItemDecision.hold:
        return "Held for the coordinator"
    if item.decision == ItemDecision.return_:
        return "To be returned"
    if item.decision == ItemDecision.pass_on:
        return "To pass on"
    if read_first and item.checked_at is None:
        return "Waiting to be read"
    return "Waiting for a decision"


def waiting(item: IndirectItem) -> bool:
    return item.passed_on is None and item.decision != ItemDecision.return_


def lines(s: Session, items: list[IndirectItem]) -> list[ItemLine]:
    """The items as plain lines (no addresses: names only)."""
    names: dict[int, str] = {}
    for person in s.exec(select(Person).where(col(Person.id).in_(_people(items)))):
        names[person.id or 0] = f"{person.first_name} {person.last_name}".strip()
    refs = dict(s.exec(select(Family.id, Family.ref).where(
        col(Family.id).in_({i.family_id for i in items}))).all())  # fmt: skip
    return [
        ItemLine(
            id=item.id or 0,
            ref=item.ref,
            family_id=item.family_id,
            family_ref=refs.get(item.family_id, ""),
            received=item.received_on,
            received_how=item.received_how,
            from_name=names.get(item.from_id or -1, ""),
            to_name=names.get(item.to_id or -1, ""),
            to_id=item.to_id,
            kind=item.kind,
            description=item.description,
            checked_by=item.checked_by,
            checked_at=item.checked_at,
            decision=item.decision,
            decision_reason=item.decision_reason,
            decided_by=item.decided_by,
            passed_on=item.passed_on,
            passed_how=item.passed_how,
            acknowledged=item.acknowledged_on,
            status=status(item, arrangement.terms(s, item.family_id).read_first),
            waiting=waiting(item),
        )
        for item in items
    ]


def _people(items: list[IndirectItem]) -> set[int]:
    return {pid for i in items for pid in (i.from_id, i.to_id) if pid is not None}


def item_log(s: Session, family_id: int) -> list[ItemLine]:
    """The family's items, oldest first."""
    permissions.require(s, "see_items")
    arrangement.family(s, family_id)
    query = select(IndirectItem).where(col(IndirectItem.family_id) == family_id)
    return lines(s, list(s.exec(query.order_by(col(IndirectItem.id)))))


def item_line(s: Session, item_id: int) -> ItemLine:
    permissions.require(s, "see_items")
    return lines(s, [_item(s, item_id)])[0]


def waiting_on_today(s: Session) -> dict[int, str]:
    """For the Today screen: family id -> its items still waiting, in words ("I-0002
    letter: waiting to be read since Sat 13 Mar 2027"). Reference, kind, state and date
    only: nothing about who sent it or where anyone lives, so any volunteer may see it."""
    query = select(IndirectItem).where(
        col(IndirectItem.passed_on).is_(None),
        col(IndirectItem.decision).is_(None) | (col(IndirectItem.decision) != ItemDecision.return_),
    )
    words: dict[int, list[str]] = {}
    read_first: dict[int, bool] = {}
    for item in s.exec(query.order_by(col(IndirectItem.id))):
        if item.family_id not in read_first:
            read_first[item.family_id] = arrangement.terms(s, item.family_id).read_first
        state = status(item, read_first[item.family_id]).lower()
        words.setdefault(item.family_id, []).append(
            f"{item.ref} {KIND_LABELS[item.kind].lower()}: {state} since "
            f"{item.received_on:%a %d %b %Y}"
        )
    return {family_id: "; ".join(found) for family_id, found in words.items()}
