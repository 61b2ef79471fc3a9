"""Arrears on the Today screen: for the coordinator of a centre that charges, and no one else."""

from __future__ import annotations

from datetime import UTC, date, datetime

from contactcentre.domain.charges import ledger
from contactcentre.domain.clock import FixedClock
from contactcentre.domain.today.summary import today_summary
from contactcentre.store.engine import Store
from contactcentre.store.models import Payer, TeamRole
from tests.domain.charges.helpers import charging_centre
from tests.factories import add_family

TODAY = date(2027, 3, 1)
NOW = datetime(2027, 3, 1, 12, tzinfo=UTC)
TITLE = "Arrears (unpaid after 30 days)"


def titles(store: Store) -> list[str]:
    with store.session() as s:
        return [need.title for need in today_summary(s, TODAY, NOW).needs]


def test_a_free_centre_has_no_arrears_section(store: Store) -> None:
    add_family(store)
    assert TITLE not in titles(store)


def test_a_family_owing_for_over_30_days_is_listed_for_the_coordinator_only(
    store: Store, clock: FixedClock
) -> None:
    add_family(store, "F-0001")
    add_family(store, "F-0002")
    charging_centre(store, clock)
    with store.session() as s:
        ledger.add_charge(s, "F-0001", "Copy of the file", 1250, Payer.resident, date(2027, 1, 2))
        ledger.add_charge(s, "F-0002", "Copy of the file", 900, Payer.resident, date(2027, 2, 20))
        [arrears] = [n for n in today_summary(s, TODAY, NOW).needs if n.title == TITLE]
    assert [(line.label, line.words) for line in arrears.families] == [
        ("F-0001 — Lily", "£12.50 owed since 02/01/2027")
    ]
    store.act_as("Sam", clock.now, TeamRole.volunteer)
    assert TITLE not in titles(store)
