"""Demo items for the indirect-contact families: a card passed on and acknowledged, a
letter read and waiting to be passed on, and a photo still to be read (on Today)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, col, select

from contactcentre.domain.indirect import arrangement, items
from contactcentre.domain.indirect.rules import ItemRefused
from contactcentre.domain.vocabulary import OPEN_STATUSES
from contactcentre.store.models import ContactType, Family, ItemKind, Role

STEPS = [  # kind, days ago received, description, how far it has gone
    (ItemKind.card, 24, "Birthday card with a drawing", "acknowledged"),
    (ItemKind.letter, 9, "Letter about the school play", "decided"),
    (ItemKind.photo, 2, "Two holiday photos", "received"),
]


def fill_items(s: Session, today: date) -> None:
    query = select(Family.id).where(
        col(Family.contact_type) == ContactType.indirect, col(Family.status).in_(OPEN_STATUSES)
    )
    for family_id in s.exec(query.order_by(col(Family.id)).limit(2)):
        assert family_id is not None
        adults = {p.role: p.id for p in arrangement.adults(s, family_id)}
        sender, recipient = adults.get(Role.non_resident_parent), adults.get(Role.resident_parent)
        if sender is None or recipient is None:
            continue
        try:
            for kind, ago, description, reached in STEPS:
                received = today - timedelta(days=ago)
                item = items.log_item(
                    s, family_id, from_id=sender, to_id=recipient, kind=kind,
                    received=received, description=description, today=today,
                )  # fmt: skip
                if reached == "received" or item.id is None:
                    continue
                items.check_item(s, item.id)
                items.decide_item(s, item.id, "pass_on")
                if reached == "acknowledged":
                    passed = received + timedelta(days=3)
                    items.pass_on_item(s, item.id, on=passed, how="post", today=today)
                    items.acknowledge_item(s, item.id, on=passed + timedelta(days=7), today=today)
        except ItemRefused:  # a family the rules give no recipient: it gets no items
            continue
