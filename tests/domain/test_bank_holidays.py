"""Bank holidays of England and Wales: known offline, and remembered between launches so
that a launch need not import the library's tables of every country."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from contactcentre.domain import schedule as bh
from contactcentre.domain.schedule import add_working_days, bank_holidays

SPRING_2027 = date(2027, 5, 31)


@pytest.fixture(autouse=True)
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setattr(bh.paths, "cache_dir", lambda: folder)
    bh._known.cache_clear()  # a new launch: nothing remembered in the process
    yield folder
    bh._known.cache_clear()


def next_launch(monkeypatch: pytest.MonkeyPatch) -> list[range]:
    """Forget what this process knows, as a new launch would, and count the library's use."""
    bh._known.cache_clear()
    asked: list[range] = []
    real = bh._from_library

    def counted(years: range) -> dict[int, dict[date, str]]:
        asked.append(years)
        return real(years)

    monkeypatch.setattr(bh, "_from_library", counted)
    return asked


def test_bank_holidays_of_england_and_wales_are_known_offline() -> None:
    found = bank_holidays(date(2027, 5, 1), date(2027, 6, 1))
    assert "Spring" in found[SPRING_2027]
    assert date(2027, 5, 3) in found
    assert add_working_days(date(2027, 5, 28), 1) == date(2027, 6, 1)  # Fri → Tue


def test_the_next_launch_answers_from_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    first = bank_holidays(date(2027, 1, 1), date(2028, 12, 31))
    asked = next_launch(monkeypatch)
    assert bank_holidays(date(2027, 1, 1), date(2028, 12, 31)) == first
    assert asked == []


def test_the_cache_holds_dates_and_holiday_names_only(cache_folder: Path) -> None:
    bank_holidays(date(2027, 1, 1), date(2027, 12, 31))
    kept = json.loads((cache_folder / bh.CACHE_NAME).read_text(encoding="utf-8"))
    assert set(kept) == {"edition", "years"}
    assert (
        kept["years"]["2027"][SPRING_2027.isoformat()]
        == bank_holidays(SPRING_2027, SPRING_2027)[SPRING_2027]
    )


def test_a_year_beyond_the_cache_is_asked_of_the_library_and_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bank_holidays(date(2027, 1, 1), date(2027, 12, 31))
    asked = next_launch(monkeypatch)
    later = bank_holidays(date(2040, 1, 1), date(2040, 12, 31))
    assert date(2040, 12, 25) in later and len(asked) == 1
    asked = next_launch(monkeypatch)
    assert bank_holidays(date(2027, 5, 1), date(2027, 6, 1))[SPRING_2027]
    assert bank_holidays(date(2040, 12, 1), date(2040, 12, 31)) == {
        d: n for d, n in later.items() if d.month == 12
    }
    assert asked == []


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b'{"edition": 1}', b'{"edition": "x", "years": []}', b"\xff\xfe"],
)
def test_a_damaged_cache_is_worked_out_again(
    cache_folder: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    cache_folder.mkdir()
    (cache_folder / bh.CACHE_NAME).write_bytes(damage)
    assert "Spring" in bank_holidays(SPRING_2027, SPRING_2027)[SPRING_2027]
    asked = next_launch(monkeypatch)
    assert SPRING_2027 in bank_holidays(SPRING_2027, SPRING_2027)
    assert asked == []  # rewritten whole


def test_a_new_version_of_the_library_is_asked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    bank_holidays(SPRING_2027, SPRING_2027)
    asked = next_launch(monkeypatch)
    monkeypatch.setattr(bh, "_edition", lambda: "holidays 999")
    assert SPRING_2027 in bank_holidays(SPRING_2027, SPRING_2027)
    assert len(asked) == 1


def test_a_cache_folder_that_cannot_be_written_still_answers(
    cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_folder.parent.mkdir(exist_ok=True)
    cache_folder.write_text("a file where the folder should be")
    assert "Spring" in bank_holidays(SPRING_2027, SPRING_2027)[SPRING_2027]
    asked = next_launch(monkeypatch)
    assert SPRING_2027 in bank_holidays(SPRING_2027, SPRING_2027)
    assert len(asked) == 1  # nothing was kept, so the library answers again
