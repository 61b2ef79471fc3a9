"""`complaint add`, `complaints`, `incidents` and `screening`, as scripts read them."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from contactcentre.domain.safeguarding import incidents, screening
from contactcentre.store.engine import Store
from contactcentre.store.models import Answer, IncidentCategory, ScreeningItem
from tests.cli.conftest import Run
from tests.factories import add_family

SECRET = "He said he would take her to Poland"


def test_complaint_add_prints_the_reference_and_both_due_dates(cli: Run) -> None:
    code, stdout, _ = cli(
        "complaint",
        "add",
        "--received",
        "2026-03-24",
        "--from",
        "Mrs Evans",
        "--about",
        "Waited twenty minutes at the door",
    )
    assert code == 0
    assert stdout.split() == [
        "C-0001",
        "acknowledge",
        "by",
        "2026-03-31",
        "respond",
        "by",
        "2026-04-23",
    ]
    code, stdout, _ = cli("complaints", "--json")
    assert json.loads(stdout) == [
        {
            "ref": "C-0001",
            "received": "2026-03-24",
            "acknowledge_by": "2026-03-31",
            "respond_by": "2026-04-23",
            "stage": "informal",
            "status": "received",
        }
    ]
    code, stdout, _ = cli("complaints", "--due", "--json")
    assert [row["ref"] for row in json.loads(stdout)] == ["C-0001"]  # long overdue by now


def test_a_bad_date_is_one_line_and_a_non_zero_exit(cli: Run) -> None:
    code, stdout, stderr = cli(
        "complaint", "add", "--received", "24/13/2026", "--from", "A", "--about", "B"
    )
    assert code != 0 and stdout == ""
    assert len(stderr.strip().splitlines()) == 1 and "not a date" in stderr


def test_incidents_list_never_shows_the_text(cli: Run, store: Store) -> None:
    family_id = add_family(store, "F-0001")
    with store.session() as s:
        incidents.record_incident(
            s,
            incidents.IncidentForm(
                datetime(2026, 11, 14, 10, 40, tzinfo=UTC),
                IncidentCategory.safeguarding_concern,
                family_id,
                seen="Bruise on the arm",
                said=f'"{SECRET}"',
            ),
        )
    for args in (("incidents",), ("incidents", "--family", "F-0001", "--json")):
        code, stdout, _ = cli(*args)
        assert code == 0 and "INC-0001" in stdout
        assert SECRET not in stdout and "Bruise" not in stdout
    [row] = json.loads(stdout)
    assert row == {
        "reference": "INC-0001",
        "family": "F-0001",
        "when": "2026-11-14T10:40+00:00",
        "category": "safeguarding_concern",
        "signed_off": False,
        "disclosed": False,
    }


def test_screening_gives_each_adults_level_and_reasons_in_words(cli: Run, store: Store) -> None:
    family_id = add_family(store, "F-0001")
    with store.session() as s:
        mark = next(a for a in screening.screening(s, family_id).adults if a.name == "Mark Jones")
        screening.save_answer(
            s,
            mark.person_id,
            screening.AnswerLine(ScreeningItem.child_offences, "", Answer.yes, "2019 conviction"),
        )
    code, stdout, _ = cli("screening", "F-0001")
    assert code == 0
    assert "Mark Jones (Non-resident parent): Supervised contact" in stdout
    assert "Supported contact blocked" in stdout and "2019 conviction" not in stdout
    code, stdout, _ = cli("screening", "F-0001", "--json")
    found = json.loads(stdout)
    assert found["level"] == "supervised" and found["blocked"]
    assert {a["name"]: a["level"] for a in found["adults"]} == {
        "Sarah Jones": "supported",
        "Mark Jones": "supervised",
    }
