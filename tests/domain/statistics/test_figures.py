"""Each figure against a centre counted by hand (dataset.py says who did what)."""

from __future__ import annotations

from datetime import date

import pytest

from contactcentre.domain import permissions
from contactcentre.domain.statistics import figures
from contactcentre.domain.statistics.periods import Period
from contactcentre.domain.statistics.summary import as_json, naccc_csv, naccc_rows, statistics_for
from contactcentre.store.engine import Store
from contactcentre.store.models import ContactType, ReferralSource, TeamRole
from contactcentre.store.types import utcnow
from tests.domain.statistics.dataset import EXPECTED, HELD, QUARTER, Centre, build


@pytest.fixture
def quarter_json(store: Store) -> dict[str, object]:
    build(store)
    with store.session() as s:
        return as_json(statistics_for(s, QUARTER))


def test_every_figure_for_the_quarter_is_the_hand_count(quarter_json: dict[str, object]) -> None:
    assert {key: quarter_json[key] for key in EXPECTED} == EXPECTED


def test_volunteer_hours_are_not_recorded_while_nobody_is_on_the_rota(store: Store) -> None:
    centre = Centre(store)
    centre.family("F-0001", date(2027, 1, 10), ReferralSource.cafcass, kids=("Lily",))
    centre.came("F-0001", HELD[0])
    with store.session() as s:
        figures_json = as_json(statistics_for(s, QUARTER))
    assert figures_json["volunteer_hours"] is None
    assert figures_json["not_recorded"] == ["volunteer_hours"]
    assert figures_json["complaints_received"] == 0  # the log exists: none is a count


def test_a_child_who_came_ten_times_is_one_child_seen(store: Store) -> None:
    centre = Centre(store)
    centre.family("F-0001", date(2027, 1, 10), ReferralSource.cafcass, kids=("Lily",))
    for day in HELD:
        centre.came("F-0001", day)
    with store.session() as s:
        stats = statistics_for(s, QUARTER)
    assert stats.places.places_attended == 10
    assert (stats.seen.families, stats.seen.children) == (1, 1)
    assert stats.seen.children_by_contact_type[ContactType.supported] == 1


def test_the_family_either_side_of_the_boundary_is_seen_in_each_period(store: Store) -> None:
    build(store)
    with store.session() as s:
        march = figures.seen(s, Period(date(2027, 3, 1), date(2027, 3, 31)))
        july = figures.seen(s, Period(date(2027, 7, 1), date(2027, 7, 31)))
    # March: F-0001 and F-0002, both new then; July: F-0002 alone, continuing.
    assert (march.families, march.families_new) == (2, 2)
    assert (july.families, july.families_new, july.families_continuing) == (1, 0, 1)


def test_an_empty_period_has_no_capacity_use_rather_than_zero(store: Store) -> None:
    build(store)
    with store.session() as s:
        stats = statistics_for(s, Period(date(2025, 1, 1), date(2025, 3, 31)))
    assert stats.places.places_available == 0
    assert stats.capacity_use_percent is None
    assert as_json(stats)["capacity_use_percent"] is None
    shown = {figure: value for _s, figure, _k, value in naccc_rows(stats)}
    assert shown["Capacity use (%)"] == "no sessions held"
    assert shown["Average days at the centre (first session to closing)"] == "no families closed"


def test_the_return_lists_every_figure_in_order_with_not_recorded_spelled_out(
    store: Store,
) -> None:
    build(store)
    with store.session() as s:
        lines = naccc_csv(s, QUARTER).decode().splitlines()
    assert lines[0] == "section,figure,key,value"
    assert lines[1] == "Referrals,Referrals received,referrals_received,4"
    assert "Availability,Capacity use (%),capacity_use_percent,30.0" in lines
    assert "Outcomes,Outcome: moved on to arrangements of their own,outcomes.moved_on,0" in lines
    assert "Outcomes,Outcome: a parent withdrew,outcomes.withdrew,1" in lines
    assert (
        "Outcomes,Outcome not recorded (closed before outcomes were kept),"
        "outcomes_not_recorded,1" in lines
    )
    keys = [line.split(",")[2] for line in lines[1:]]
    assert keys.index("referrals_received") < keys.index("families_seen")
    assert keys.index("families_seen") < keys.index("volunteers") < keys.index("sessions_held")


def test_a_volunteer_may_not_see_the_figures_and_a_supervisor_may_not_export_them(
    store: Store,
) -> None:
    store.act_as("Val Volunteer", utcnow, TeamRole.volunteer)
    with store.session() as s, pytest.raises(permissions.Refused) as refused:
        statistics_for(s, QUARTER)
    assert str(refused.value) == (
        "Only a coordinator or a supervisor can see the centre's statistics."
    )
    store.act_as("Sue Supervisor", utcnow, TeamRole.supervisor)
    with store.session() as s:
        statistics_for(s, QUARTER)
        with pytest.raises(permissions.Refused):
            naccc_csv(s, QUARTER)
