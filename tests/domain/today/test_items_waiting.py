"""Today lists the items still to be read, decided or passed on: reference, kind, where
each stands and since when, never who sent it, what it says or an address."""

from __future__ import annotations

from contactcentre.domain.clock import FixedClock
from contactcentre.domain.indirect import arrangement, items
from contactcentre.domain.indirect.rules import Terms
from contactcentre.domain.today.summary import today_summary
from contactcentre.store.engine import Store
from tests.indirect_family import MARK_ADDRESS, TODAY, indirect_family, log

TITLE = "Items waiting to be read or passed on"


def waiting(store: Store, clock: FixedClock) -> dict[str, str]:
    with store.session() as s:
        found = today_summary(s, clock.today(), clock.now())
    [need] = [n for n in found.needs if n.title == TITLE]
    return {line.label: line.words for line in need.families}


def test_items_waiting_are_on_today_until_passed_on_or_returned(
    store: Store, clock: FixedClock
) -> None:
    f = indirect_family(store)
    assert waiting(store, clock) == {}
    first = log(store, f, description="ZqSecretCardQz")
    second = log(store, f, sender=f.sarah, to=f.mark, kind=items.ItemKind.photo)
    third = log(store, f, sender=f.gran)
    with store.session() as s:
        items.check_item(s, second)
        items.decide_item(s, second, "pass_on")
        items.decide_item(s, third, "return", "ZqReturnWhyQz")
    assert waiting(store, clock) == {
        "F-0001 — Lily": "I-0001 card: waiting to be read since Wed 10 Mar 2027; "
        "I-0002 photo: to pass on since Wed 10 Mar 2027"
    }
    with store.session() as s:
        items.check_item(s, first)
        items.decide_item(s, first, "pass_on")
        items.pass_on_item(s, first, on=TODAY, how="post", today=TODAY)
        items.pass_on_item(s, second, on=TODAY, how="hand", today=TODAY)
        arrangement.save_terms(s, f.id, Terms(restrained_id=f.mark))
    log(store, f)  # from Mark, now under an order: held
    words = waiting(store, clock)
    assert words == {"F-0001 — Lily": "I-0004 card: held for the coordinator since Wed 10 Mar 2027"}
    shown = repr(words)
    assert all(x not in shown for x in ("Mark", "Sarah", "Zq", *MARK_ADDRESS.splitlines()))
