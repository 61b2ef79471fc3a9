"""What the Today screen is told: the next session and each kind of need, in words."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from contactcentre.domain.clock import FixedClock
from contactcentre.domain.records import backups
from contactcentre.domain.today import summary as today_module
from contactcentre.domain.today.summary import Need, TodaySummary, today_summary
from contactcentre.store.engine import Store
from tests.domain.today.centre import DAY, build
from tests.factories import add_family


def summary(store: Store, clock: FixedClock) -> TodaySummary:
    with store.session() as s:
        return today_summary(s, clock.today(), clock.now())


def need(found: TodaySummary, title: str) -> Need:
    return next(n for n in found.needs if n.title == title)


def words_of(need: Need) -> dict[str, str]:
    return {line.label: line.words for line in need.families}


def test_the_next_session_counts_places_and_says_who_is_not_ready_and_why(
    store: Store, clock: FixedClock
) -> None:
    build(store)
    session = summary(store, clock).next_session
    assert session is not None
    assert (session.day, f"{session.start:%H:%M}–{session.end:%H:%M}") == (DAY, "10:00–12:00")
    assert (session.booked, session.capacity, session.places_left) == (2, 4, 2)
    assert session.not_ready == 1
    first, second = session.families  # the one that needs the coordinator comes first
    assert first.label == "F-0002 — Lily"
    assert first.words.startswith("Not ready: ")
    assert "Sarah Jones has not signed the agreement (version 2)" in first.words
    assert "Mark Jones has not had a pre-visit" in first.words
    assert (second.label, second.words) == ("F-0001 — Lily", "Ready")


def test_each_kind_of_need_names_its_family_and_says_what_is_needed(
    store: Store, clock: FixedClock
) -> None:
    build(store)
    found = summary(store, clock)
    assert words_of(need(found, "Reviews due or overdue")) == {
        "F-0003 — Lily": "Review overdue: Mon 01 Mar 2027"
    }
    assert words_of(need(found, "Pre-visits to arrange")) == {
        "F-0002 — Lily": "Pre-visit to arrange for Sarah Jones and Mark Jones"
    }
    assert words_of(need(found, "Agreements to sign again")) == {
        "F-0004 — Lily": "Mark Jones and Sarah Jones must sign the agreement again "
        "(version 2 is in force)"
    }
    assert words_of(need(found, "Referrals waiting")) == {
        "F-0002 — Lily": "Referred Sun 10 Jan 2027 (62 days ago): pre-visits to arrange"
    }
    assert words_of(need(found, "Two no-shows in a row")) == {
        "F-0005 — Lily": "2 no-shows in a row: the place may be reallocated"
    }
    assert (found.backup.words, found.backup.due) == (
        "Never backed up",
        "This centre's records have never been backed up.",
    )


def test_a_review_a_fortnight_away_is_due_and_a_quiet_centre_has_nothing_to_do(
    store: Store, clock: FixedClock
) -> None:
    found = summary(store, clock)
    assert found.next_session is not None and found.next_session.families == ()
    assert all(n.families == () for n in found.needs)

    build(store)
    clock.advance(days=-13)  # Sun 28 Feb 2027: the review is tomorrow
    assert words_of(need(summary(store, clock), "Reviews due or overdue")) == {
        "F-0003 — Lily": "Review due: Mon 01 Mar 2027"
    }


def test_the_backup_line_gives_its_age_and_stays_quiet_when_none_is_due(
    store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    backups.make_backup(store, tmp_path / "b.ccbackup", "usb stick phrase", clock)
    assert summary(store, clock).backup.words == "Last backup today"
    clock.advance(days=3)
    backup = summary(store, clock).backup
    assert (backup.words, backup.due) == ("Last backup 3 days ago", "")
    assert date(2027, 3, 16) == clock.today()
    clock.advance(days=-5)  # the laptop's clock set back before the backup was made
    assert summary(store, clock).backup.words == "Last backup today"


def test_the_teams_reminders_are_the_coordinators_and_no_volunteers(
    store: Store, clock: FixedClock
) -> None:
    from contactcentre.store.models import TeamRole
    from contactcentre.store.types import utcnow
    from tests.domain.team.people import add_person

    add_person(store, "Nia New", dbs_issued_on=None)
    (reminder,) = summary(store, clock).team
    assert (reminder.name, reminder.words, reminder.overdue) == (
        "Nia New",
        "No DBS check on record",
        True,
    )
    store.act_as("Sam Jones", utcnow, TeamRole.volunteer)
    assert summary(store, clock).team == ()


def test_a_long_need_gives_its_first_families_by_reference_and_how_many_in_all(
    store: Store, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Thousands of referrals waiting at a big centre: Today words the first lines only
    (by reference, as the register lists them) and says how many there are in all."""
    monkeypatch.setattr(today_module, "MOST_LINES", 2)
    for ref in ("F-0003", "F-0001", "F-0002"):
        add_family(store, ref)
    referrals = need(summary(store, clock), "Referrals waiting")
    assert [line.label for line in referrals.families] == ["F-0001 — Lily", "F-0002 — Lily"]
    assert referrals.total == 3
