"""The item rules as a coordinator meets them: who an item may go to, what is held for
the coordinator, what must be read first, and which families have an item log."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import col, select

from contactcentre.domain.indirect import arrangement, items
from contactcentre.domain.indirect.rules import RULES_IN_WORDS, ItemRefused, Terms
from contactcentre.store.engine import Store
from contactcentre.store.models import ContactType, FamilyStatus, ItemDecision, Person, TeamRole
from contactcentre.store.types import utcnow
from tests.indirect_family import TODAY, IndirectFamily, indirect_family, log


@pytest.fixture
def family(store: Store) -> IndirectFamily:
    return indirect_family(store)


def line(store: Store, item_id: int) -> items.ItemLine:
    with store.session() as s:
        return items.item_line(s, item_id)


def set_terms(store: Store, f: IndirectFamily, **terms: object) -> None:
    with store.session() as s:
        arrangement.save_terms(s, f.id, Terms(**terms))  # type: ignore[arg-type]


def test_an_item_from_the_visiting_parent_goes_to_the_resident_parent_and_waits_to_be_read(
    store: Store, family: IndirectFamily
) -> None:
    item = line(store, log(store, family))
    assert (item.ref, item.from_name, item.to_name) == ("I-0001", "Mark Jones", "Sarah Jones")
    assert item.status == "Waiting to be read" and item.waiting
    assert line(store, log(store, family, sender=family.sarah, to=family.mark)).ref == "I-0002"


def test_an_item_addressed_to_anyone_but_the_recipient_is_refused(
    store: Store, family: IndirectFamily
) -> None:
    with pytest.raises(ItemRefused) as refused:
        log(store, family, to=family.gran)
    assert str(refused.value) == (
        "Items from Mark Jones go only to Sarah Jones, family F-0001's recipient, "
        "not to Joan Jones."
    )
    # A grandmother who comes with the visiting parent is on his side: hers go to Sarah.
    assert line(store, log(store, family, sender=family.gran)).to_name == "Sarah Jones"


def test_a_child_neither_sends_nor_receives_items(store: Store, family: IndirectFamily) -> None:
    with store.session() as s:
        lily = s.exec(select(Person.id).where(col(Person.first_name) == "Lily")).one()
    assert lily is not None
    with pytest.raises(ItemRefused, match="not from a child"):
        log(store, family, sender=lily)
    with pytest.raises(ItemRefused, match="go only to Sarah Jones"):
        log(store, family, to=lily)


def test_a_named_recipient_is_the_only_one_items_go_to(
    store: Store, family: IndirectFamily
) -> None:
    set_terms(store, family, recipient_id=family.sarah)
    with pytest.raises(ItemRefused, match="Sarah Jones is family F-0001's named recipient"):
        log(store, family, sender=family.sarah, to=family.mark)
    assert line(store, log(store, family, sender=family.gran)).to_name == "Sarah Jones"


def test_an_item_from_the_adult_an_order_restrains_is_held_for_the_coordinator(
    store: Store, family: IndirectFamily
) -> None:
    set_terms(store, family, restrained_id=family.mark)
    item = line(store, log(store, family))
    assert item.decision == ItemDecision.hold and item.status == "Held for the coordinator"
    assert item.decision_reason == (
        "Held for the coordinator: a recorded order forbids Mark Jones from contacting Sarah Jones."
    )
    with store.session() as s:
        items.check_item(s, item.id)
    with store.session() as s, pytest.raises(ItemRefused, match="give the reason"):
        items.decide_item(s, item.id, ItemDecision.pass_on)
    with store.session() as s:
        items.decide_item(s, item.id, ItemDecision.pass_on, "Order allows cards via the centre")
    assert line(store, item.id).status == "To pass on"
    # Sarah is not restrained: her photo for Mark waits to be read as usual.
    assert line(store, log(store, family, sender=family.sarah, to=family.mark)).decision is None


def test_an_item_is_passed_on_only_once_read_where_the_family_agreed_items_are_read(
    store: Store, family: IndirectFamily
) -> None:
    item_id = log(store, family)
    with store.session() as s, pytest.raises(ItemRefused, match="has not been read yet"):
        items.decide_item(s, item_id, ItemDecision.pass_on)
    set_terms(store, family, read_first=False)
    assert line(store, item_id).status == "Waiting for a decision"
    with store.session() as s:
        items.decide_item(s, item_id, ItemDecision.pass_on)
        items.pass_on_item(s, item_id, on=TODAY, how="hand", today=TODAY)
    with store.session() as s:
        items.acknowledge_item(s, item_id, on="2027-03-13", today=TODAY)
    done = line(store, item_id)
    assert done.status == "Passed on 13/03/2027, acknowledged 13/03/2027" and not done.waiting


def test_holding_or_returning_needs_a_reason_and_a_passed_on_item_stays_decided(
    store: Store, family: IndirectFamily
) -> None:
    item_id = log(store, family)
    with store.session() as s, pytest.raises(ItemRefused, match="Say why I-0001 is to be held"):
        items.decide_item(s, item_id, "hold")
    with store.session() as s:
        items.decide_item(s, item_id, "return", "Not suitable for a child of six")
    assert line(store, item_id).status == "To be returned"
    with store.session() as s, pytest.raises(ItemRefused, match="only an item decided"):
        items.pass_on_item(s, item_id, on=TODAY, how="post", today=TODAY)


def test_a_family_without_indirect_contact_has_no_item_log_until_it_is_agreed(
    store: Store,
) -> None:
    f = indirect_family(store, contact_type=ContactType.supported)
    with pytest.raises(ItemRefused, match="has no indirect contact: its contact type is supported"):
        log(store, f)
    set_terms(store, f, agreed=True)
    assert line(store, log(store, f)).ref == "I-0001"


def test_a_closed_family_logs_no_items(store: Store) -> None:
    f = indirect_family(store, status=FamilyStatus.closed)
    with pytest.raises(ItemRefused, match="F-0001 is closed"):
        log(store, f)


def test_a_recipient_must_be_an_adult_of_the_family_and_not_the_one_restrained(
    store: Store, family: IndirectFamily
) -> None:
    other = indirect_family(store, "F-0002")
    with pytest.raises(ItemRefused, match="not an adult of this family"):
        set_terms(store, family, recipient_id=other.sarah)
    with pytest.raises(ItemRefused, match="cannot also be"):
        set_terms(store, family, recipient_id=family.mark, restrained_id=family.mark)


def test_a_volunteer_may_log_an_item_at_the_door_but_not_decide_it(
    store: Store, family: IndirectFamily
) -> None:
    store.act_as("Sam Volunteer", utcnow, TeamRole.volunteer)
    item_id = log(store, family)
    with store.session() as s, pytest.raises(Exception, match="Only a coordinator can decide"):
        items.decide_item(s, item_id, "hold", "why")
    with store.session() as s, pytest.raises(Exception, match="Only a coordinator or a supervisor"):
        items.item_log(s, family.id)
    store.act_as("Pat Coordinator", utcnow, TeamRole.coordinator)
    assert line(store, item_id).status == "Waiting to be read"


def test_received_dates_in_the_future_are_refused(store: Store, family: IndirectFamily) -> None:
    with store.session() as s, pytest.raises(Exception, match="14/03/2027 is in the future"):
        items.log_item(
            s, family.id, from_id=family.mark, to_id=family.sarah, kind="card",
            received=date(2027, 3, 14), today=TODAY,
        )  # fmt: skip


def test_the_rules_are_said_in_words() -> None:
    assert any("held for the coordinator" in rule for rule in RULES_IN_WORDS)
    assert any("sender's address" in rule for rule in RULES_IN_WORDS)
