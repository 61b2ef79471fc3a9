"""The team's logins from a script: --user, user add/list/remove, rekey of one's own."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from contactcentre.domain import audit
from contactcentre.store.engine import Store
from contactcentre.store.models.team import TeamMember
from contactcentre.store.unlocking import unlock
from tests.cli.conftest import Run
from tests.conftest import COORDINATOR, PASSPHRASE

VOLUNTEER = "a volunteer's own phrase"


@pytest.fixture
def team(cli: Run, store: Store, monkeypatch: pytest.MonkeyPatch) -> Run:
    """The test centre with a volunteer, Sam Okoro, who has a login."""
    store.close()
    monkeypatch.setenv("CONTACTCENTRE_NEW_PASSPHRASE", VOLUNTEER)
    assert cli("user", "add", "Sam Okoro", "--role", "volunteer")[0] == 0
    monkeypatch.delenv("CONTACTCENTRE_NEW_PASSPHRASE")
    return cli


def test_user_list_json_names_each_login_with_role_dbs_recheck_and_last_unlock(
    team: Run, store: Store
) -> None:
    opened = unlock(store.path, None, PASSPHRASE)
    with opened.session() as s:
        sam = s.exec(select(TeamMember).where(TeamMember.name == "Sam Okoro")).one()
        sam.dbs_issued_on = date(2025, 2, 3)
    opened.close()
    code, out, _ = team("user", "list", "--json")
    assert code == 0
    rows = {row["name"]: row for row in json.loads(out)}
    assert set(rows) == {COORDINATOR, "Sam Okoro"}
    assert rows["Sam Okoro"] == {
        "name": "Sam Okoro",
        "role": "volunteer",
        "dbs_recheck_due": "2028-02-03",
        "last_unlock": None,
    }
    assert rows[COORDINATOR]["role"] == "coordinator"  # (an unlock is noted in the app)


def test_user_option_and_environment_say_who_acts_and_the_trail_names_them(
    team: Run, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", VOLUNTEER)
    code, _, err = team("--user", "Sam Okoro", "user", "add", "Eve", "--role", "volunteer")
    assert (code, err.strip()) == (
        1,
        "contactcentre user: Only a coordinator can manage the team's logins.",
    )
    monkeypatch.setenv("CONTACTCENTRE_USER", "sam okoro")
    assert (
        team("sessions", "--from", "2027-03-01", "--to", "2027-03-31")[0] == 0
    )  # a volunteer may open the centre
    code, _, err = team("user", "list")
    assert code == 1 and "Only a coordinator" in err
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", PASSPHRASE)
    code, _, err = team(
        "sessions", "--from", "2027-03-01", "--to", "2027-03-31"
    )  # the coordinator's passphrase is not Sam's
    assert (code, err.strip()) == (1, "contactcentre sessions: The name or passphrase is wrong.")
    opened = unlock(store.path, None, PASSPHRASE)
    with opened.session() as s:
        added = next(e for e in audit.entries(s) if e.action == "account.add")
    opened.close()
    assert added.actor == COORDINATOR


def test_user_remove_rekeys_refuses_the_last_coordinator_and_locks_the_person_out(
    team: Run, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys_before = Path(f"{store.path}.keys").read_bytes()
    code, out, _ = team("user", "remove", "Sam Okoro")
    assert code == 0 and "new key" in out
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", VOLUNTEER)
    code, _, err = team(
        "--user", "Sam Okoro", "sessions", "--from", "2027-03-01", "--to", "2027-03-31"
    )
    assert code == 1 and "name or passphrase is wrong" in err
    keys_now = Path(f"{store.path}.keys").read_bytes()
    Path(f"{store.path}.keys").write_bytes(keys_before)  # Sam kept a copy of the old one
    code, _, err = team("--user", "Sam Okoro", "check")
    # Refused still: the old key file's key no longer opens the re-keyed database.
    assert code == 1 and "does not open with the key in its key file" in err
    Path(f"{store.path}.keys").write_bytes(keys_now)
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", PASSPHRASE)
    code, _, err = team("user", "remove", COORDINATOR)
    assert code == 1 and "own login" in err


def test_rekey_changes_only_the_callers_own_passphrase(
    team: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", VOLUNTEER)
    monkeypatch.setenv("CONTACTCENTRE_NEW_PASSPHRASE", "sam's new phrase")
    assert team("--user", "Sam Okoro", "rekey")[0] == 0
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", "sam's new phrase")
    assert (
        team("--user", "Sam Okoro", "sessions", "--from", "2027-03-01", "--to", "2027-03-31")[0]
        == 0
    )
    monkeypatch.setenv("CONTACTCENTRE_PASSPHRASE", PASSPHRASE)  # the others' are as they were
    assert team("check")[0] == 0
