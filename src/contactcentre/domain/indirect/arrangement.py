"""A family's arrangement about items (the Items tab's top): whether indirect contact is
agreed, whether items are read first, the named recipient and the adult restrained by
an order. A family with no saved arrangement has the defaults of `rules.Terms`."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from contactcentre.domain import audit, permissions, validate
from contactcentre.domain.errors import NotFound
from contactcentre.domain.indirect import rules
from contactcentre.domain.indirect.rules import ItemRefused, Terms
from contactcentre.domain.vocabulary import ADULT_ROLES, ROLE_LABELS, person_name
from contactcentre.store.models import ContactType, Family, IndirectArrangement, Person


@dataclass(frozen=True)
class Adult:
    """An adult of the family as a pick-list shows them (no address, no phone)."""

    id: int
    name: str
    role_label: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.role_label.lower()})"


@dataclass(frozen=True)
class ArrangementView:
    family_ref: str
    indirect_type: bool  # contact type `indirect`: agreed by definition
    terms: Terms
    adults: tuple[Adult, ...]
    court_order: bool  # the register records a court order for this family


def family(s: Session, family_id: int) -> Family:
    found = s.get(Family, family_id)
    if found is None:
        raise NotFound(f"Family {family_id} no longer exists.")
    return found


def adults(s: Session, family_id: int) -> list[Person]:
    query = select(Person).where(
        col(Person.family_id) == family_id, col(Person.role).in_(ADULT_ROLES)
    )
    return list(s.exec(query.order_by(col(Person.id))))


def terms(s: Session, family_id: int) -> Terms:
    row = _row(s, family_id)
    if row is None:
        return Terms()
    return Terms(row.agreed, row.read_first, row.recipient_id, row.restrained_id)


def _row(s: Session, family_id: int) -> IndirectArrangement | None:
    query = select(IndirectArrangement).where(col(IndirectArrangement.family_id) == family_id)
    return s.exec(query).first()


def arrangement(s: Session, family_id: int) -> ArrangementView:
    found = family(s, family_id)
    people = tuple(
        Adult(p.id or 0, person_name(p), ROLE_LABELS[p.role]) for p in adults(s, family_id)
    )
    return ArrangementView(
        found.ref,
        found.contact_type == ContactType.indirect,
        terms(s, family_id),
        people,
        found.court_order,
    )


def save_terms(s: Session, family_id: int, new: Terms) -> None:
    """Set the family's arrangement (a coordinator's decision), audited by field name."""
    permissions.require(s, "arrange_items")
    family(s, family_id)
    ids = {p.id for p in adults(s, family_id)}
    for chosen, what in [(new.recipient_id, "recipient"), (new.restrained_id, "restrained")]:
        if chosen is not None and chosen not in ids:
            raise ItemRefused(f"The {what} chosen is not an adult of this family.")
    if new.recipient_id is not None and new.recipient_id == new.restrained_id:
        raise ItemRefused("The recipient cannot also be the adult the order restrains.")
    row = _row(s, family_id) or IndirectArrangement(family_id=family_id)
    changed = [
        name
        for name in ("agreed", "read_first", "recipient_id", "restrained_id")
        if getattr(row, name) != getattr(new, name) or row.id is None
    ]
    for name in changed:
        setattr(row, name, getattr(new, name))
    s.add(row)
    s.flush()
    if changed:
        audit.record(
            s,
            "items.arrange",
            entity="indirect_arrangement",
            entity_id=row.id,
            family_id=family_id,
            fields=changed,
        )


def adult_named(s: Session, family_id: int, typed: str, what: str) -> Person:
    """The adult of the family called `typed` ("First Last", accents and case ignored)."""
    ref = family(s, family_id).ref
    wanted = validate.folded(" ".join(typed.split()))
    people = adults(s, family_id)
    matches = [p for p in people if validate.folded(person_name(p)) == wanted]
    if len(matches) == 1:
        return matches[0]
    shown = repr(" ".join(typed.split())[:40])  # quoted, any control character escaped
    if matches:
        raise ItemRefused(f"Family {ref} has {len(matches)} adults called {shown}.")
    names = ", ".join(person_name(p) for p in people) or "none"
    raise ItemRefused(f"{what} {shown} is not an adult of family {ref} (its adults: {names}).")


def suggested_recipient(s: Session, family_id: int, sender_id: int) -> int | None:
    """Who an item from this adult would go to under the rules, or None (no one yet)."""
    people = adults(s, family_id)
    sender = next((p for p in people if p.id == sender_id), None)
    if sender is None:
        return None
    try:
        return rules.recipient_for(sender, people, terms(s, family_id), "").id
    except ItemRefused:
        return None
