"""`stats` and `stats-report`: the contract in issue 21, on the hand-counted centre."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from contactcentre.store.engine import Store
from tests.cli.conftest import Run
from tests.domain.statistics.dataset import EXPECTED, build
from tests.pdf_text import pdf_text

QUARTER = ("--from", "2027-04-01", "--to", "2027-06-30")


def test_stats_json_gives_the_contract_keys_with_the_hand_counts(store: Store, cli: Run) -> None:
    build(store)
    code, out, err = cli("stats", *QUARTER, "--json")
    assert code == 0, err
    figures = json.loads(out)
    for key in (
        "referrals_by_source",
        "families_seen",
        "children_seen",
        "sessions_held",
        "places_available",
        "places_booked",
        "places_attended",
        "capacity_use_percent",
        "no_shows",
        "cancellations_by",
        "outcomes",
        "contact_hours",
    ):
        assert figures[key] == EXPECTED[key], key
    assert set(figures["referrals_by_source"]) == {
        "cafcass", "social_services", "solicitor", "mediator", "court", "self"
    }  # fmt: skip
    assert set(figures["cancellations_by"]) == {"resident", "non_resident", "centre"}
    assert figures["outcomes"]["withdrew"] == 1 and "outcomes" not in figures["not_recorded"]
    assert figures["outcomes_not_recorded"] == 1


def test_stats_prints_a_readable_table(store: Store, cli: Run) -> None:
    build(store)
    code, out, _ = cli("stats", *QUARTER)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Statistics for Apr–Jun 2027 (01/04/2027 to 30/06/2027)"
    assert any(line.split() == ["Places", "available", "40"] for line in lines)
    assert any(line.split() == ["Complaints", "received", "2"] for line in lines)
    assert any(line.split() == ["Incidents:", "aggression", "1"] for line in lines)


def test_stats_report_writes_the_pdf_and_the_naccc_csv(
    store: Store, cli: Run, tmp_path: Path
) -> None:
    build(store)
    pdf, return_csv = tmp_path / "report.pdf", tmp_path / "naccc.csv"
    code, out, err = cli("stats-report", *QUARTER, "-o", str(pdf), "--csv", str(return_csv))
    assert code == 0, err
    assert "Saved the funders' report for Apr–Jun 2027" in out
    text = pdf_text(pdf)
    assert "Places available 40" in text and "Capacity use (%) 30.0" in text
    assert "Contact hours delivered 18.0" in text
    rows = list(csv.DictReader(io.StringIO(return_csv.read_text(encoding="utf-8"))))
    assert [row["key"] for row in rows[:2]] == ["referrals_received", "referrals_by_source.cafcass"]
    by_key = {row["key"]: row["value"] for row in rows}
    assert by_key["no_shows"] == "1" and by_key["cancellations_by.centre"] == "2"
    assert by_key["complaints_received"] == "2"
    assert by_key["incidents_by_category.aggression"] == "1"


def test_bad_periods_and_no_output_are_one_line(store: Store, cli: Run) -> None:
    code, _, err = cli("stats", "--from", "2027-06-30", "--to", "2027-04-01")
    assert code == 1
    assert err.strip() == (
        "contactcentre stats: The period ends (01/04/2027) before it starts (30/06/2027)."
    )
    code, _, err = cli("stats-report", *QUARTER)
    assert code == 1 and len(err.strip().splitlines()) == 1 and "-o FILE.pdf" in err
