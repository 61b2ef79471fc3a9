"""Every user action is one transaction: all of it is saved, or none of it."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlmodel import func, select

from contactcentre.domain.register.families import next_ref, save_family
from contactcentre.domain.register.family_lists import register_rows
from contactcentre.store.engine import Store
from contactcentre.store.models import Family
from tests.factories import family_form

TODAY = date(2027, 3, 1)


def family_count(store: Store) -> int:
    with store.session() as s:
        return s.exec(select(func.count()).select_from(Family)).one()


def test_a_unit_of_work_that_fails_after_a_savepoint_saves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.session() as s:
        with s.begin_nested():
            save_family(s, family_form("F-0001"), today=TODAY)
        save_family(s, family_form("F-0002"), today=TODAY)
        raise RuntimeError("the coordinator's save failed half-way")
    assert family_count(store) == 0


def test_families_added_from_several_threads_each_get_their_own_reference(store: Store) -> None:
    errors: list[BaseException] = []

    def add_five() -> None:
        for _ in range(5):
            try:
                with store.session() as s:
                    save_family(s, family_form(next_ref(s)), today=TODAY)
            except BaseException as error:  # collected and reported by the assertion
                errors.append(error)

    threads = [threading.Thread(target=add_five) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with store.session() as s:
        refs = sorted(row.ref for row in register_rows(s))
    assert refs == [f"F-{n:04d}" for n in range(1, 21)]
