"""Counts read as English: "1 family", "1 alert needs", never "1 families" or "alert(s)"."""

from __future__ import annotations

from contactcentre.domain.vocabulary import counted


def test_one_of_a_thing_is_said_in_the_singular_and_more_in_the_plural() -> None:
    assert counted(1, "family", "families") == "1 family"
    assert counted(2, "family", "families") == "2 families"
    assert counted(0, "family", "families") == "0 families"
    assert counted(1, "letter") == "1 letter"
    assert counted(3, "letter") == "3 letters"
    assert counted(1, "alert needs", "alerts need") == "1 alert needs"
    assert counted(4, "alert needs", "alerts need") == "4 alerts need"
