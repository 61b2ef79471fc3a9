"""`contactcentre item add`, `items` and `label` as a script uses them (issue 22's
contract), and the one-line refusals for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from contactcentre.domain.indirect import arrangement
from contactcentre.domain.indirect.rules import Terms
from contactcentre.store.engine import Store
from contactcentre.store.models import ContactType
from tests.cli.conftest import Run
from tests.indirect_family import MARK_ADDRESS, indirect_family
from tests.pdf_text import pdf_text

MARK_TO_SARAH = ("--from", "Mark Jones", "--to", "Sarah Jones")
JSON_KEYS = {
    "ref", "received", "how", "from", "to", "kind", "description", "checked_by", "checked_at",
    "decision", "decision_reason", "passed_on", "acknowledged", "status",
}  # fmt: skip


def add(cli: Run, *extra: str, ref: str = "F-0001") -> tuple[int, str, str]:
    return cli("item", "add", ref, *MARK_TO_SARAH, "--kind", "card", "--received", "2026-11-10",
               *extra)  # fmt: skip


def test_item_add_prints_the_reference_and_items_lists_the_log(cli: Run, store: Store) -> None:
    indirect_family(store)
    assert add(cli, "--description", "Birthday card, £10 inside") == (0, "I-0001\n", "")
    code, printed, _ = cli("items", "F-0001")
    assert code == 0
    assert printed == (
        "I-0001\t2026-11-10\tcard\tMark Jones → Sarah Jones\tWaiting to be read\t"
        "Birthday card, £10 inside\n"
    )
    code, printed, _ = cli("items", "f-0001", "--json")
    [item] = json.loads(printed)
    assert set(item) == JSON_KEYS
    assert item | {"description": ""} == {
        "ref": "I-0001", "received": "2026-11-10", "how": "post", "from": "Mark Jones",
        "to": "Sarah Jones", "kind": "card", "description": "", "checked_by": None,
        "checked_at": None, "decision": None, "decision_reason": "", "passed_on": None,
        "acknowledged": None, "status": "Waiting to be read",
    }  # fmt: skip


def test_a_label_is_refused_until_the_item_is_decided_pass_on_then_saved(
    cli: Run, store: Store, tmp_path: Path
) -> None:
    indirect_family(store)
    add(cli)
    target = tmp_path / "label.pdf"
    code, _, err = cli("label", "I-0001", "-o", str(target))
    assert (code, err) == (
        1,
        "contactcentre label: I-0001 is waiting to be read: a label is printed only for an "
        "item to pass on.\n",
    )
    assert not target.exists()
    assert cli("item", "check", "I-0001")[:2] == (0, "I-0001: read\n")
    assert cli("item", "decide", "I-0001", "hold", "--reason", "Ask Sarah first")[1] == (
        "I-0001: held for the coordinator\n"
    )
    assert cli("label", "I-0001", "-o", str(target))[0] == 1
    assert cli("item", "decide", "I-0001", "pass-on")[1] == "I-0001: to pass on\n"
    assert cli("label", "I-0001", "-o", str(target)) == (0, "I-0001: label saved\n", "")
    text = pdf_text(target)
    assert "Sarah Jones" in text and "Elm Street" in text and "Mark" not in text
    assert all(line not in text for line in MARK_ADDRESS.splitlines())
    assert cli("item", "pass-on", "I-0001", "--date", "2026-11-20", "--how", "post")[1] == (
        "I-0001: passed on to Sarah Jones\n"
    )
    assert cli("item", "acknowledge", "I-0001", "--date", "2026-11-20")[0] == 0
    [item] = json.loads(cli("items", "F-0001", "--json")[1])
    assert (item["decision"], item["passed_on"], item["acknowledged"]) == (
        "pass_on", "2026-11-20", "2026-11-20",
    )  # fmt: skip
    assert item["checked_by"] and item["checked_at"].startswith("2")


def test_an_item_from_the_restrained_adult_is_held_and_says_why(cli: Run, store: Store) -> None:
    f = indirect_family(store)
    with store.session() as s:
        arrangement.save_terms(s, f.id, Terms(restrained_id=f.mark))
    assert add(cli) == (
        0,
        "I-0001\n",
        "contactcentre: I-0001: Held for the coordinator: a recorded order forbids Mark Jones "
        "from contacting Sarah Jones.\n",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--received", "2027-02-30"), "Received '2027-02-30' is not a date"),
        (("--received", "next tuesday"), "Received 'next tuesday' is not a date"),
        (("--received", "2099-01-01"), "Received 01/01/2099 is in the future"),
        (("--kind", "parcel"), "Kind 'parcel' is not one of letter|card|gift|photo|email|other"),
        (("--how", "pigeon"), "How it came 'pigeon' is not one of post|hand|email"),
        (("--description", "Card\x1b[31m"), "Description contains a control character"),
        (("--description", "x" * 201), "Description is too long (201 characters; at most 200)"),
        (("--from", "Bob Smith"), "--from 'Bob Smith' is not an adult of family F-0001"),
        (("--from", "Mark\x1b[2J Jones"), "--from 'Mark\\x1b[2J Jones' is not an adult"),
        (("--to", "Lily Jones"), "--to 'Lily Jones' is not an adult of family F-0001"),
        (("--to", "Joan Jones"), "go only to Sarah Jones, family F-0001's recipient"),
        (("--from", "Sarah Jones"), "go only to Mark Jones, family F-0001's recipient"),
    ],
)
def test_bad_input_is_refused_in_one_line_and_nothing_is_logged(
    cli: Run, store: Store, args: tuple[str, str], message: str
) -> None:
    indirect_family(store)
    options = dict(zip(MARK_TO_SARAH[::2], MARK_TO_SARAH[1::2], strict=True))
    options |= {"--kind": "card", "--received": "2026-11-10"} | dict([args])
    flat = [part for pair in options.items() for part in pair]
    code, printed, err = cli("item", "add", "F-0001", *flat)
    assert (code, printed) == (1, "")
    assert err.startswith("contactcentre item: ") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err and "\x1b" not in err
    assert cli("items", "F-0001")[1] == ""


def test_an_unknown_family_or_item_or_one_without_indirect_contact_is_one_line(
    cli: Run, store: Store, tmp_path: Path
) -> None:
    indirect_family(store, "F-0002", contact_type=ContactType.supported)
    code, _, err = add(cli, ref="F-0099")
    assert (code, err) == (1, "contactcentre item: No family with reference 'F-0099'.\n")
    code, _, err = add(cli, ref="F-0002")
    assert code == 1 and "Family F-0002 has no indirect contact" in err
    code, _, err = cli("label", "I-0404", "-o", str(tmp_path / "x.pdf"))
    assert (code, err) == (1, "contactcentre label: No item with reference 'I-0404'.\n")


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (("decide", "I-0001", "maybe"), "Decision 'maybe' is not one of pass_on|hold|return"),
        (("decide", "I-0001", "return"), "Say why I-0001 is to be returned."),
        (("check", "I-0001\x07"), "No item with reference 'I-0001\\x07'."),
        (
            ("pass-on", "I-0001", "--date", "2026-11-20", "--how", "carrier pigeon"),
            "How it went 'carrier pigeon' is not one of post|hand|email",
        ),
        (
            ("pass-on", "I-0001", "--date", "20/13/2026", "--how", "post"),
            "Passed on '20/13/2026' is not a date",
        ),
        (
            ("pass-on", "I-0001", "--date", "2026-11-20", "--how", "post"),
            "I-0001 is waiting to be read: only an item decided 'pass on' is passed on.",
        ),
        (("acknowledge", "I-0001", "--date", "2026-11-20"), "I-0001 has not been passed on yet."),
    ],
)
def test_a_later_step_refused_is_one_line(
    cli: Run, store: Store, step: tuple[str, ...], message: str
) -> None:
    indirect_family(store)
    add(cli)
    code, printed, err = cli("item", *step)
    assert (code, printed) == (1, "") and err.count("\n") == 1
    assert err.startswith("contactcentre item: ") and message in err, err


def test_a_label_is_never_written_through_a_link_and_then_nothing_is_logged(
    cli: Run, store: Store, tmp_path: Path
) -> None:
    indirect_family(store)
    add(cli)
    cli("item", "check", "I-0001")
    cli("item", "decide", "I-0001", "pass-on")
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("someone else's file\n", encoding="utf-8")
    link = tmp_path / "label.pdf"
    link.symlink_to(elsewhere)
    code, _, err = cli("label", "I-0001", "-o", str(link))
    assert code == 1 and err.count("\n") == 1 and err.startswith("contactcentre label: ")
    assert elsewhere.read_text(encoding="utf-8") == "someone else's file\n"
    code, printed, _ = cli("audit")
    assert "item.decide" in printed and "item.label" not in printed  # gone with the write
