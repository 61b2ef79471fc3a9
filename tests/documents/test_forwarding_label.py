"""The forwarding label for an item: the recipient's name and address, the centre as the
return address, the item's reference, and nothing else from the store. Every free-text
field is planted with a marker (the sender's address, names and notes, the item's
description and reasons, the family's details...) and none may reach the label."""

from __future__ import annotations

import dataclasses
import json

from contactcentre.documents.forwarding_label import render_label
from contactcentre.domain.indirect import addresses, items
from contactcentre.store.engine import Store
from tests.canary import plant_markers
from tests.indirect_family import TODAY, indirect_family, log
from tests.pdf_text import pdf_text

ON_THE_LABEL = {
    ("centre", "name"),
    ("centre", "address"),
    ("centre", "phone"),
    ("indirect_item", "ref"),
}


def test_no_label_shows_the_senders_address_or_any_other_free_text(store: Store) -> None:
    f = indirect_family(store)
    first = log(store, f, description="A card for Lily")
    second = log(store, f, sender=f.sarah, to=f.mark, description="School photo")
    with store.session() as s:
        for item_id in (first, second):
            items.check_item(s, item_id)
            items.decide_item(s, item_id, "pass_on", "Read: fine to pass on")
        items.pass_on_item(s, first, on=TODAY, how="post", today=TODAY)
    recipient_columns = {"first_name", "last_name", "address"}
    labels = {first: f.sarah, second: f.mark}
    for item_id, recipient in labels.items():
        only_where = {("person", c): f"id != {recipient}" for c in recipient_columns}
        planted = plant_markers(store, keep=ON_THE_LABEL, only_where=only_where)
        sender = f.mark if recipient == f.sarah else f.sarah
        assert f"Qzpersonaddress{sender}zQ" in planted  # the sender's address is a marker
        assert {("indirect_item", "description"), ("indirect_item", "decision_reason")} <= set(
            planted.values()
        )
        with store.session() as s:
            label = addresses.forwarding_label(s, item_id)
        pdf = render_label(label)
        text = pdf_text(pdf).replace(" ", "")
        data = json.dumps(dataclasses.asdict(label))
        assert [m for m in planted if m in text or m in data or m.encode() in pdf] == []
        shown = pdf_text(pdf)  # what must be there is there
        assert label.recipient_name in shown and label.item_ref in shown
        assert "Test Contact Centre" in shown and "Chapel Lane" in shown
        assert all(line in shown for line in label.recipient_address.splitlines())
