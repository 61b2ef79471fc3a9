"""The rules of indirect contact, in one place and in words.

The screen shows `RULES_IN_WORDS`; every refusal below is a sentence a coordinator (or a
script's user) reads as it is. The rules:

1. A family has an item log if its contact type is `indirect`, or indirect contact has
   been agreed for it (the arrangement's `agreed` flag), and it is still open.
2. Items go only to the family's named recipient: the adult named on the family's Items
   tab, or, when none is named, the other parent (an item from the visiting parent goes
   to the resident parent and back; a relative is on the side of the parent she comes
   with). Logging, deciding and passing on all check it again.
3. An item from the adult a recorded order forbids from contacting the recipient (the
   arrangement's `restrained_id`, "Order against contacting the recipient") is held for
   the coordinator when it is logged; passing it on then needs a coordinator's reason.
   The order itself stays where the register records it (court order, date,
   description); the arrangement names whom it restrains.
4. Where the family's items are read before passing on (the default), an item is passed
   on only once someone has recorded reading it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from contactcentre.domain.errors import DomainError
from contactcentre.domain.vocabulary import ADULT_ROLES, OPEN_STATUSES, person_name
from contactcentre.store.models import ComesWith, ContactType, Family, Person, Role

RULES_IN_WORDS = (
    "Items are logged for families with indirect contact (contact type Indirect, or agreed "
    "on this tab) that are still open.",
    "Items go only to the named recipient: the adult named here, or else the other parent.",
    "An item from someone a recorded order forbids from contacting the recipient is held "
    "for the coordinator.",
    "Where items are read before passing on, an item goes on only once it has been read.",
    "A label or cover sheet never shows the sender's address.",
)
OTHER_PARENT = {
    Role.resident_parent: Role.non_resident_parent,
    Role.non_resident_parent: Role.resident_parent,
}
SIDE = {
    ComesWith.resident_parent: Role.resident_parent,
    ComesWith.non_resident_parent: Role.non_resident_parent,
}


class ItemRefused(DomainError):
    """An item rule says no; the message says which and why."""


@dataclass(frozen=True)
class Terms:
    """A family's arrangement about items as the rules read it (defaults when none saved)."""

    agreed: bool = False
    read_first: bool = True
    recipient_id: int | None = None
    restrained_id: int | None = None


def may_have_items(family: Family, terms: Terms) -> None:
    """Rule 1: refuse (ItemRefused) a family that has no item log."""
    if family.contact_type != ContactType.indirect and not terms.agreed:
        raise ItemRefused(
            f"Family {family.ref} has no indirect contact: its contact type is "
            f"{family.contact_type.value} and indirect contact has not been agreed on its "
            "Items tab."
        )
    if family.status not in OPEN_STATUSES:
        raise ItemRefused(f"Family {family.ref} is {family.status.value}: no items are logged.")


def recipient_for(sender: Person, adults: Sequence[Person], terms: Terms, ref: str) -> Person:
    """Rule 2: the one adult an item from `sender` may go to."""
    if sender.role not in ADULT_ROLES:
        raise ItemRefused(f"Items come from an adult of family {ref}, not from a child.")
    if terms.recipient_id is not None:
        named = next((p for p in adults if p.id == terms.recipient_id), None)
        if named is not None:
            if named.id == sender.id:
                raise ItemRefused(
                    f"{person_name(sender)} is family {ref}'s named recipient: items go only "
                    "to them, so none can be passed on from them."
                )
            return named
    side: Role | None = sender.role
    if sender.role == Role.relative:
        side = SIDE[sender.comes_with] if sender.comes_with is not None else None
    if side is None:
        raise ItemRefused(
            f"{person_name(sender)} is a relative not linked to a parent yet (People tab, "
            f"Comes with), so family {ref}'s items from her have no recipient: name one."
        )
    others = [p for p in adults if p.role == OTHER_PARENT.get(side)]
    if len(others) != 1:
        raise ItemRefused(
            f"Family {ref} has {len(others)} adults who could receive items from "
            f"{person_name(sender)}: name the recipient on its Items tab."
        )
    return others[0]


def check_recipient(
    sender: Person, to: Person, adults: Sequence[Person], terms: Terms, ref: str
) -> None:
    """Rule 2, for an item addressed to `to`."""
    recipient = recipient_for(sender, adults, terms, ref)
    if recipient.id != to.id:
        raise ItemRefused(
            f"Items from {person_name(sender)} go only to {person_name(recipient)}, family "
            f"{ref}'s recipient, not to {person_name(to)}."
        )


def order_hold(sender: Person, recipient: Person, terms: Terms) -> str:
    """Rule 3: why an item from `sender` is held for the coordinator, or ""."""
    if terms.restrained_id is None or sender.id != terms.restrained_id:
        return ""
    return (
        f"Held for the coordinator: a recorded order forbids {person_name(sender)} from "
        f"contacting {person_name(recipient)}."
    )


def must_be_read(ref: str, read_first: bool, checked: bool) -> None:
    """Rule 4: refuse passing on an unread item where items are read first."""
    if read_first and not checked:
        raise ItemRefused(
            f"{ref} has not been read yet, and this family's items are read before they are "
            "passed on: record the check first."
        )
