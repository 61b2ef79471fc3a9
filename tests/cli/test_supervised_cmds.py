"""The supervised contact commands' contract: import-observations, approve-observations,
report."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from contactcentre.store.engine import Store
from contactcentre.store.models import ContactType, TeamRole
from tests.cli.conftest import Run
from tests.conftest import COORDINATOR
from tests.domain.supervised.helpers import supervised_family
from tests.factories import add_booking, add_family
from tests.pdf_text import pdf_text

HEADER = "family_ref,date,worker,aim,observation,child_response,safeguarding,safeguarding_details"
MARCH = ("--from", "2027-03-01", "--to", "2027-03-31")
ROW = (
    "F-0001,2027-03-13,Dafydd ap Siôn,Play together,"
    '"Lily and Mark built a tower, then read.",Smiled at Mark,no,'
)


def sheet(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "observations.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_import_approve_and_report_end_to_end(cli: Run, store: Store, tmp_path: Path) -> None:
    supervised_family(store)
    store.close()
    code, out, err = cli("import-observations", str(sheet(tmp_path, ROW)))
    assert (code, err) == (0, "")
    assert "Imported 1 observation record" in out
    code, _, err = cli("report", "F-0001", *MARCH, "-o", str(tmp_path / "r.pdf"))
    assert code == 1 and "Not every record in the period is approved" in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "r.pdf").exists()
    code, _, err = cli("report", "F-0001", *MARCH, "-o", str(tmp_path / "d.pdf"), "--draft")
    assert code == 0, err
    assert "DRAFT — not for release" in pdf_text((tmp_path / "d.pdf").read_bytes())
    code, out, err = cli("approve-observations", "F-0001", *MARCH)
    assert (code, out.strip()) == (0, "Approved 1 record of F-0001"), err
    code, out, err = cli(
        "report", "F-0001", *MARCH, "-o", str(tmp_path / "r.pdf"),
        "--recipient", "Nia Hughes, Cafcass", "--requested-by", "Cafcass, section 7",
    )  # fmt: skip
    assert code == 0, err
    text = pdf_text((tmp_path / "r.pdf").read_bytes())
    assert "Lily and Mark built a tower, then read." in text
    assert "10:00" in text and "11:55" in text  # attendance times
    assert f"approved by {COORDINATOR}" in text
    code, out, _ = cli("disclosures")
    assert "  F-0001  report  2027-03-01..2027-03-31  " in out


def test_the_acting_user_cannot_approve_what_they_wrote(
    cli: Run, store: Store, tmp_path: Path
) -> None:
    supervised_family(store)
    store.close()
    mine = ROW.replace("Dafydd ap Siôn", COORDINATOR)  # as the acting login
    assert cli("import-observations", str(sheet(tmp_path, mine)))[0] == 0
    code, _, err = cli("approve-observations", "F-0001", *MARCH)
    assert code == 1
    assert err.strip().endswith("You wrote this record: another supervisor or a coordinator "
                                "must approve it.")  # fmt: skip


def test_import_is_all_or_nothing_with_a_line_per_bad_row(
    cli: Run, store: Store, tmp_path: Path
) -> None:
    supervised_family(store)
    supported = add_family(store, "F-0002", contact_type=ContactType.supported)
    with store.session() as s:
        add_booking(s, supported, __import__("datetime").date(2027, 3, 20))
    store.close()
    rows = (
        ROW,
        ROW,  # the same session twice
        ROW.replace("F-0001", "F-0002").replace("2027-03-13", "2027-03-20"),
        ROW.replace("2027-03-13", "2027-03-14"),
        ROW.replace(",no,", ",maybe,"),
        ROW.replace(",no,", ",yes,"),
        ROW.replace("F-0001", "F-0404"),
        ROW.replace("Dafydd ap Siôn", ""),
        "F-0001,13/13/2027,Dafydd,,x,,no,",
    )
    code, _, err = cli("import-observations", str(sheet(tmp_path, *rows)))
    assert code == 1
    for line in (
        "row 2: F-0001 already has a record for 13/03/2027",
        "row 3: F-0002 has supported contact, not supervised",
        "row 4: F-0001 has no booking on 14/03/2027",
        "row 5: safeguarding must be yes or no",
        "row 6: safeguarding is yes: give the safeguarding_details",
        "row 7: no family with reference 'F-0404'",
        "row 8: worker is required",
        "row 9: date '13/13/2027' is not a date",
    ):
        assert line in err
    assert "row 1:" not in err
    code, _, _ = cli("report", "F-0001", *MARCH, "-o", str(tmp_path / "d.pdf"), "--draft")
    assert code == 1  # nothing was imported: no records to report


def test_import_reads_a_workbook(cli: Run, store: Store, tmp_path: Path) -> None:
    supervised_family(store)
    store.close()
    book = openpyxl.Workbook()
    book.active.append(HEADER.split(","))
    book.active.append(["F-0001", "2027-03-13", "Dafydd ap Siôn", "Play", "Read books", "",
                        "no", ""])  # fmt: skip
    book.save(tmp_path / "o.xlsx")
    code, _, err = cli("import-observations", str(tmp_path / "o.xlsx"))
    assert code == 0, err


def test_report_for_a_supported_family_points_to_letter_and_letter_points_to_report(
    cli: Run, store: Store, tmp_path: Path
) -> None:
    add_family(store, "F-0002", contact_type=ContactType.supported)
    supervised_family(store)
    store.close()
    code, _, err = cli("report", "F-0002", *MARCH, "-o", str(tmp_path / "r.pdf"))
    assert code == 1
    assert err.strip().endswith("supported contact has no observations to report: use `letter`")
    code, _, err = cli("letter", "F-0001", *MARCH, "-o", str(tmp_path / "l.pdf"))
    assert code == 1 and "use `report`" in err


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (ROW.replace("Play together", "Play \x1b[31mtogether"), "row 1: "),  # terminal escape
        (ROW.replace("Dafydd ap Siôn", "Dafydd\u202eap"), "row 1: worker contains a hidden"),
        (ROW + ",one cell too many", "row 1: more cells than columns"),
        (ROW.replace("F-0001", "=HYPERLINK(1)"), "row 1: no family with reference"),
    ],
    ids=["escape", "bidi", "extra cell", "formula"],
)
def test_hostile_cells_are_refused_by_row_and_nothing_is_imported(
    cli: Run, store: Store, tmp_path: Path, row: str, problem: str
) -> None:
    supervised_family(store)
    store.close()
    code, _, err = cli("import-observations", str(sheet(tmp_path, ROW.replace("13", "14"), row)))
    assert code == 1
    assert problem.replace("row 1", "row 2") in err
    assert "\x1b" not in err and "\u202e" not in err  # never echoed as they are
    code, _, _ = cli("report", "F-0001", *MARCH, "-o", str(tmp_path / "d.pdf"), "--draft")
    assert code == 1  # nothing was imported


def test_the_coordinator_sets_up_a_case_escorted_visit_and_recipients(
    cli: Run, store: Store, tmp_path: Path
) -> None:
    supervised_family(store)
    store.close()
    code, out, err = cli(
        "escort", "add", "F-0001", "--date", "2027-03-20", "--start", "14:00", "--end", "15:30",
        "--venue", "Park, Clapton Square", "--worker", "Dafydd ap Siôn",
        "--route", "Along the canal", "--return-by", "15:45",
    )  # fmt: skip
    assert (code, err) == (0, ""), err
    assert out.strip() == (
        "Arranged an escorted visit for F-0001: Sat 20 Mar 2027, 14:00–15:30 "
        "at Park, Clapton Square"
    )
    code, out, err = cli("case", "F-0001", "--number", "ZE27C00042", "--court-ordered")
    assert (code, err) == (0, "")
    assert out.strip() == "F-0001: case number ZE27C00042; court-ordered reports"
    code, out, _ = cli(
        "recipient", "add", "F-0001", "--name", "Nia Hughes", "--organisation", "Cafcass",
        "--role", "cafcass", "--named-in-order",
    )  # fmt: skip
    assert (code, out.strip()) == (0, "Added Nia Hughes, Cafcass (cafcass) to F-0001's recipients")
    assert cli("recipient", "add", "F-0001", "--name", "Sarah Jones", "--role", "parent")[0] == 0
    code, out, _ = cli("case", "F-0001")
    assert out.splitlines() == [
        "F-0001: case number ZE27C00042; court-ordered reports",
        "  cafcass: Nia Hughes, Cafcass (named in the order)",
        "  parent: Sarah Jones",
    ]
    code, _, err = cli("import-observations", str(sheet(tmp_path, ROW)))
    assert code == 0, err
    assert cli("approve-observations", "F-0001", *MARCH)[0] == 0
    args = ("report", "F-0001", *MARCH, "-o", str(tmp_path / "r.pdf"))
    code, _, err = cli(*args, "--recipient", "Sarah Jones")  # not named in the order
    assert code == 1 and "the court order names: Nia Hughes, Cafcass" in err
    assert cli(*args)[0] == 0  # to the one the order names
    text = pdf_text((tmp_path / "r.pdf").read_bytes())
    assert "ZE27C00042" in text and "Nia Hughes" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--start", "15:00", "--end", "14:00"), "The visit ends before it starts."),
        (("--venue", " "), "Say where the escorted visit takes place."),
    ],
)
def test_escort_add_refuses_bad_input_in_one_line(
    cli: Run, store: Store, args: tuple[str, ...], message: str
) -> None:
    supervised_family(store)
    store.close()
    given = {"--start": "14:00", "--end": "15:00", "--venue": "Park"}
    given.update(dict(zip(args[::2], args[1::2], strict=True)))
    flat = [part for pair in given.items() for part in pair]
    code, out, err = cli(
        "escort", "add", "F-0001", "--date", "2027-03-20", "--worker", "Dafydd", *flat
    )
    assert (code, out) == (1, "") and err.strip().endswith(message)
    assert len(err.strip().splitlines()) == 1


def test_escort_add_refuses_a_time_that_is_not_one(
    cli: Run, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        cli("escort", "add", "F-0001", "--date", "2027-03-20", "--start", "25:00",
            "--end", "15:00", "--venue", "Park", "--worker", "Dafydd")  # fmt: skip
    assert "argument --start: '25:00' is not a time of day" in capsys.readouterr().err


def test_a_supervisor_may_not_set_up_a_case(
    cli: Run, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    supervised_family(store)
    store.close()
    real = Store.act_as

    def as_supervisor(self: Store, actor: str, now: object, role: object = None) -> None:
        real(self, "Gwenllian Morgan", now, TeamRole.supervisor)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "act_as", as_supervisor)
    code, _, err = cli("case", "F-0001", "--number", "X1")
    assert code == 1
    assert err.strip().endswith(
        "Only a coordinator can set a supervised case's number or report recipients."
    )
    code, _, err = cli(
        "escort", "add", "F-0001", "--date", "2027-03-20", "--start", "14:00", "--end", "15:00",
        "--venue", "Park", "--worker", "Dafydd",
    )  # fmt: skip
    assert code == 1 and err.strip().endswith("Only a coordinator can arrange an escorted visit.")
