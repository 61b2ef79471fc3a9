"""Confidential addresses in indirect contact: shown only to a coordinator who asks (each
time audited), and printed only on a forwarding label, which has no field for the
sender's address."""

from __future__ import annotations

from sqlmodel import Session

from contactcentre.documents.data import ForwardingLabel
from contactcentre.domain import audit, permissions
from contactcentre.domain.centre import letterhead
from contactcentre.domain.errors import NotFound
from contactcentre.domain.indirect import items
from contactcentre.domain.indirect.rules import ItemRefused
from contactcentre.domain.vocabulary import person_name
from contactcentre.store.models import IndirectItem, ItemDecision, Person


def reveal_address(s: Session, person_id: int) -> str:
    """A person's address, for a coordinator who clicked "Show address"; audited."""
    permissions.require(s, "reveal_address")
    person = s.get(Person, person_id)
    if person is None:
        raise NotFound(f"Person {person_id} no longer exists.")
    audit.record(
        s,
        "address.reveal",
        entity="person",
        entity_id=person_id,
        family_id=person.family_id,
        fields=["address"],
    )
    return person.address


def forwarding_label(s: Session, item_id: int) -> ForwardingLabel:
    """What the label for an item decided "pass on" shows: its recipient's name and
    address, the centre as the return address, the item's reference. Audited."""
    permissions.require(s, "print_label")
    item = s.get(IndirectItem, item_id)
    if item is None:
        raise NotFound(f"Item {item_id} no longer exists.")
    if item.decision != ItemDecision.pass_on:
        state = items.status(item, True).lower()
        raise ItemRefused(f"{item.ref} is {state}: a label is printed only for an item to pass on.")
    recipient = s.get(Person, item.to_id) if item.to_id is not None else None
    if recipient is None:
        raise ItemRefused(f"{item.ref} has no recipient any more.")
    if not recipient.address.strip():
        raise ItemRefused(
            f"{person_name(recipient)} has no address on record for {item.ref}'s label."
        )
    centre = letterhead(s)
    audit.record(
        s,
        "item.label",
        entity="indirect_item",
        entity_id=item.id,
        family_id=item.family_id,
        fields=["address"],
    )
    return ForwardingLabel(
        item_ref=item.ref,
        kind_label=items.KIND_LABELS[item.kind],
        recipient_name=person_name(recipient),
        recipient_address=recipient.address,
        return_name=centre.name,
        return_address=centre.address,
        return_phone=centre.phone,
    )
