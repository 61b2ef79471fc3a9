"""A subject-access export holds the family's incidents as written, bar the passages the
coordinator marked as other people's words; the marks are kept for that person only, and
no other family's incident is in it."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from contactcentre.documents.data import WITHHELD
from contactcentre.domain.retention import access, withholding
from contactcentre.domain.safeguarding import incidents
from contactcentre.store.engine import Store
from contactcentre.store.models import IncidentCategory
from tests.factories import add_family

TODAY = date(2027, 3, 13)
SAID = "QzMarkShoutedzQ"
WITNESSES = "QzAnotherMumzQ"
ADDED = "QzAddedLaterzQ"


@pytest.fixture
def centre(store: Store) -> Store:
    """F-0001 (Sarah, Mark, Lily) with a signed-off incident and an addendum; F-0002
    with an incident of its own."""
    ours = add_family(store, "F-0001")
    theirs = add_family(store, "F-0002")
    store.act_as("Cath", lambda: datetime(2027, 3, 13, 10, tzinfo=UTC))
    with store.session() as s:
        for family_id, seen in ((ours, "QzSeenAtDoorzQ"), (theirs, "QzOtherFamilyzQ")):
            form = incidents.IncidentForm(
                datetime(2027, 3, 6, 10, 40, tzinfo=UTC), IncidentCategory.aggression,
                family_id=family_id, seen=seen, said=SAID if family_id == ours else "",
                witnesses=WITNESSES if family_id == ours else "", decision="Warning given",
            )  # fmt: skip
            row = incidents.record_incident(s, form)
            incidents.sign_off(s, row.id or 0)
            if family_id == ours:
                incidents.add_addendum(s, row.id or 0, ADDED)
    return store


def exported(store: Store, who: str = "Sarah Jones") -> str:
    with store.session() as s:
        return access.export_json(access.subject_access_export(s, "F-0001", who, TODAY)).decode()


def mark(store: Store, who: str, fields: set[str]) -> None:
    with store.session() as s:
        _, subject, _ = access.find_subject(s, "F-0001", who)
        lines = withholding.passages(s, subject.family_id or 0)
        chosen = frozenset(ln.passage for ln in lines if ln.passage.field in fields)
        withholding.mark(s, subject, chosen)


def test_unmarked_the_familys_incident_is_in_the_export_as_written(centre: Store) -> None:
    data = json.loads(exported(centre))
    [incident] = data["sections"]["Incidents and concerns"]
    assert incident["Reference"] == "INC-0001" and incident["What kind"] == "Aggression"
    assert incident["What was seen"] == "QzSeenAtDoorzQ"
    assert (incident["What was said"], incident["Who witnessed it"]) == (SAID, WITNESSES)
    assert [v for k, v in incident.items() if k.startswith("Addendum 1")] == [ADDED]
    assert "QzOtherFamilyzQ" not in exported(centre)  # another family's incident: never


def test_marked_passages_read_withheld_and_are_kept_for_the_next_export(centre: Store) -> None:
    mark(centre, "Sarah Jones", {"said", "witnesses", withholding.ADDENDUM})
    text = exported(centre)  # a later export (the CLI's) uses the stored marks
    for planted in (SAID, WITNESSES, ADDED, "QzOtherFamilyzQ"):
        assert planted not in text, planted
    [incident] = json.loads(text)["sections"]["Incidents and concerns"]
    assert incident["What was said"] == incident["Who witnessed it"] == WITHHELD
    assert incident["What was seen"] == "QzSeenAtDoorzQ"  # unmarked: hers to see
    # Marks are for Sarah: Mark's own export still holds what he said.
    assert SAID in exported(centre, "Mark Jones")
    mark(centre, "Sarah Jones", set())  # unmarked again
    assert SAID in exported(centre) and ADDED in exported(centre)


def test_marks_chosen_in_the_review_are_used_before_they_are_stored(centre: Store) -> None:
    with centre.session() as s:
        _, subject, _ = access.find_subject(s, "F-0001", "Sarah Jones")
        said = {ln.passage for ln in withholding.passages(s, subject.family_id or 0)}
        said = {p for p in said if p.field == "said"}
        export = access.subject_access_export(
            s, "F-0001", "Sarah Jones", TODAY, withheld=frozenset(said)
        )
    assert SAID not in access.export_json(export).decode()
    assert SAID in exported(centre)  # nothing was stored
