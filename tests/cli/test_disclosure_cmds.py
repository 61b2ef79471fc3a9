"""The letter commands' contract: letter, letters, disclosures."""

from __future__ import annotations

from pathlib import Path

from contactcentre.store.engine import Store
from contactcentre.store.models import ContactType, FamilyStatus
from tests.cli.conftest import Run
from tests.factories import add_family, ready_family
from tests.letter_history import ATTENDED, book_spring
from tests.pdf_text import pdf_text

SPRING = ("--from", "2027-03-01", "--to", "2027-06-30")


def test_letter_writes_the_pdf_and_logs_it_with_its_digest(
    cli: Run, store: Store, tmp_path: Path
) -> None:
    book_spring(store, ready_family(store, "F-0001", status=FamilyStatus.active))
    store.close()
    out_file = tmp_path / "letter.pdf"
    code, out, err = cli(
        "letter",
        "F-0001",
        *SPRING,
        "-o",
        str(out_file),
        "--recipient",
        "Ms J Patel, Patel & Co Solicitors",
        "--requested-by",
        "Mother's solicitor, letter of 1 July",
    )
    assert code == 0, err
    text = pdf_text(out_file.read_bytes())
    digest = out.split("SHA-256 ")[1].split(")")[0]
    assert f"Wrote {out_file} (D-0001, SHA-256 {digest})" in out
    assert "Ms J Patel Patel & Co Solicitors" in text and "Dana Scully" not in text
    assert all(time in text for times in ATTENDED.values() for time in times)
    assert f"SHA-256 {digest}" in text

    code, out, _ = cli("disclosures")
    assert code == 0
    [line] = out.splitlines()
    assert line.startswith("D-0001  ") and "  F-0001  letter  2027-03-01..2027-06-30  " in line
    assert "to: Ms J Patel, Patel & Co Solicitors" in line
    assert "requested by: Mother's solicitor, letter of 1 July" in line
    assert line.endswith(f"sha256: {digest}")


def test_letter_defaults_to_the_referrer(cli: Run, store: Store, tmp_path: Path) -> None:
    ready_family(store, "F-0001")
    store.close()
    code, _, err = cli("letter", "F-0001", *SPRING, "-o", str(tmp_path / "a.pdf"))
    assert code == 0, err
    assert "Dana Scully Cafcass" in pdf_text((tmp_path / "a.pdf").read_bytes())


def test_a_supervised_family_is_refused_in_one_line_and_nothing_is_written(
    cli: Run, store: Store, tmp_path: Path
) -> None:
    add_family(store, "F-0009", contact_type=ContactType.supervised)
    store.close()
    out_file = tmp_path / "letter.pdf"
    code, out, err = cli("letter", "F-0009", *SPRING, "-o", str(out_file))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "supervised contact reports are not available yet" in err
    assert not out_file.exists()
    assert cli("disclosures") == (0, "", "")


def test_an_unwritable_file_is_an_error_and_is_not_logged(
    cli: Run, store: Store, tmp_path: Path
) -> None:
    ready_family(store, "F-0001")
    store.close()
    code, _, err = cli("letter", "F-0001", *SPRING, "-o", str(tmp_path / "no" / "a.pdf"))
    assert code == 1 and "Cannot write" in err and len(err.strip().splitlines()) == 1
    assert cli("disclosures")[1] == ""


def test_letters_writes_one_pdf_per_active_supported_family_booked_in_the_period(
    cli: Run, store: Store, tmp_path: Path
) -> None:
    book_spring(store, ready_family(store, "F-0001", status=FamilyStatus.active))
    ready_family(store, "F/2027/2", status=FamilyStatus.active)
    ready_family(store, "F-0003", status=FamilyStatus.active)  # nothing booked
    ready_family(store, "F-0004")  # booked, but only referred: not active
    store.close()
    for ref in ("F/2027/2", "F-0004"):
        assert cli("book", ref, "2027-03-13")[0] == 0
    folder = tmp_path / "march"
    folder.mkdir()
    code, out, err = cli("letters", *SPRING, "-o", str(folder))
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == ["F-0001.pdf", "F_2027_2.pdf"]
    assert "Re: family reference F/2027/2" in pdf_text((folder / "F_2027_2.pdf").read_bytes())
    assert out.strip() == f"Wrote 2 letters to {folder}"
    code, out, _ = cli("disclosures", "--family", "F/2027/2")
    assert [line.split("  ")[2] for line in out.splitlines()] == ["F/2027/2"]
    assert len(cli("disclosures")[1].splitlines()) == 2


def test_letters_needs_an_existing_folder(cli: Run, store: Store, tmp_path: Path) -> None:
    store.close()
    code, _, err = cli("letters", *SPRING, "-o", str(tmp_path / "missing"))
    assert code == 1 and "is not a folder" in err


def test_disclosures_for_an_unknown_family_is_an_error(cli: Run, store: Store) -> None:
    store.close()
    code, _, err = cli("disclosures", "--family", "F-9999")
    assert code == 1 and "No family with reference 'F-9999'" in err
