"""Confidential addresses: shown only to a coordinator who asks, each time in the audit
trail (by field name, never the address); printed only on a label for an item to pass on."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from contactcentre.domain import permissions
from contactcentre.domain.indirect import addresses, items
from contactcentre.domain.indirect.rules import ItemRefused
from contactcentre.store.engine import Store
from contactcentre.store.models import AuditEntry, TeamRole
from contactcentre.store.types import utcnow
from tests.indirect_family import MARK_ADDRESS, SARAH_ADDRESS, indirect_family, log


def trail(store: Store, action: str) -> list[AuditEntry]:
    with store.session() as s:
        query = select(AuditEntry).where(col(AuditEntry.action) == action)
        return list(s.exec(query))


def test_a_coordinator_who_clicks_show_address_sees_it_and_the_trail_says_so(
    store: Store,
) -> None:
    f = indirect_family(store)
    store.act_as("Pat Coordinator", utcnow, TeamRole.coordinator)
    with store.session() as s:
        assert addresses.reveal_address(s, f.sarah) == SARAH_ADDRESS
    [entry] = trail(store, "address.reveal")
    assert (entry.actor, entry.entity, entry.entity_id) == ("Pat Coordinator", "person", f.sarah)
    assert entry.fields == "address" and "Elm" not in entry.detail


@pytest.mark.parametrize("role", [TeamRole.volunteer, TeamRole.supervisor])
def test_anyone_else_is_refused_and_nothing_is_shown_or_logged(
    store: Store, role: TeamRole
) -> None:
    f = indirect_family(store)
    store.act_as("Sam", utcnow, role)
    with store.session() as s, pytest.raises(permissions.Refused) as refused:
        addresses.reveal_address(s, f.sarah)
    assert str(refused.value) == "Only a coordinator can show a confidential address."
    assert trail(store, "address.reveal") == []


def test_the_label_names_the_recipient_and_the_centre_and_never_the_sender(
    store: Store,
) -> None:
    f = indirect_family(store)
    item_id = log(store, f)
    with store.session() as s, pytest.raises(ItemRefused) as refused:
        addresses.forwarding_label(s, item_id)
    assert str(refused.value) == (
        "I-0001 is waiting to be read: a label is printed only for an item to pass on."
    )
    with store.session() as s:
        items.check_item(s, item_id)
        items.decide_item(s, item_id, "pass_on")
        label = addresses.forwarding_label(s, item_id)
    assert (label.recipient_name, label.recipient_address) == ("Sarah Jones", SARAH_ADDRESS)
    assert (label.return_name, label.item_ref) == ("Test Contact Centre", "I-0001")
    assert MARK_ADDRESS not in repr(label) and "Mark" not in repr(label)
    assert [e.entity_id for e in trail(store, "item.label")] == [item_id]
