"""The Supervised screen's list: every supervised booking and escorted visit, past and
upcoming, with its record's state, filtered by family and period; nothing of supported
families, and nothing a supervisor may not see."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, time

import pytest

from contactcentre.domain import permissions
from contactcentre.domain.supervised import occasions, overview, records
from contactcentre.store.engine import Store
from contactcentre.store.models import TeamRole
from tests.domain.supervised.helpers import (
    CHECKER,
    DAY,
    WRITER,
    approved,
    as_,
    supervised_family,
    written,
)
from tests.factories import add_booking, add_family


def test_every_supervised_occasion_is_listed_with_its_record_state(store: Store) -> None:
    first, booked = supervised_family(store)
    second, other = supervised_family(store, "F-0004", date(2027, 3, 6))
    add_family(store, "F-0002")  # supported: never listed
    with store.session() as s:
        add_booking(s, first, date(2027, 3, 27))
        occasions.add_escorted_visit(
            s, second, date(2027, 3, 20), time(14), time(15), venue="Park", worker=WRITER
        )
    approved(store, other)
    written(store, booked)
    as_(store, CHECKER)
    with store.session() as s:
        assert overview.supervised_families(s) == [(first, "F-0001"), (second, "F-0004")]
        records.add_addendum(s, overview.lines(s)[0].record_id or 0, "Later word")
    with store.session() as s:
        found = overview.lines(s)
    assert [(f.occasion.day.day, f.family_ref, f.state, f.addenda) for f in found] == [
        (6, "F-0004", "approved", 1),
        (13, "F-0001", "submitted", 0),
        (20, "F-0004", "none", 0),
        (27, "F-0001", "none", 0),
    ]
    assert (found[0].author, found[0].approved_by) == (WRITER, CHECKER)
    assert found[2].occasion.escorted and found[2].escorted_visit_id is not None
    assert found[1].children == "Lily (7 years)"
    with store.session() as s:
        period = overview.lines(s, family_id=first, first=DAY, last=DAY)
    assert [(f.family_ref, f.occasion.day) for f in period] == [("F-0001", DAY)]


def test_a_line_has_no_field_for_an_address_a_phone_or_a_note() -> None:
    names = {f.name for f in fields(overview.Line)}
    assert not {n for n in names if any(w in n for w in ("address", "phone", "note"))}


def test_a_volunteer_sees_no_supervised_list(store: Store) -> None:
    supervised_family(store)
    as_(store, "Sam Volunteer", TeamRole.volunteer)
    with store.session() as s, pytest.raises(permissions.Refused):
        overview.lines(s)
