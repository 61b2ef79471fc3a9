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


def test_a_supervised_family_is_refused_in_one_line_nothing_is_written_and_it_is_logged(
    cli: Run, store: Store, tmp_path: Path
) -> None:
    add_family(store, "F-0009", contact_type=ContactType.supervised)
    store.close()
    out_file = tmp_path / "letter.pdf"
    code, out, err = cli(
        "letter", "F-0009", *SPRING, "-o", str(out_file), "--requested-by", "Father's solicitor"
    )
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "use `report` for its supervised contact report" in err
    assert not out_file.exists()
    code, out, _ = cli("disclosures")
    [line] = out.splitlines()  # NACCC: every request is logged, a refused one too
    assert "  F-0009  refused  2027-03-01..2027-06-30  to: -  " in line
    assert "requested by: Father's solicitor" in line
    assert "reason: F-0009 has supervised contact: an attendance-only letter is only" in line
    assert "sha256" not in line


def test_a_refused_letter_with_nobody_named_as_asking_is_still_logged(
    cli: Run, store: Store, tmp_path: Path
) -> None:
    add_family(store, "F-0008", contact_type=ContactType.handover)
    store.close()
    code, _, err = cli("letter", "F-0008", *SPRING, "-o", str(tmp_path / "a.pdf"))
    assert code == 1 and "only for supported contact" in err
    [line] = cli("disclosures")[1].splitlines()
    assert "  refused  " in line and "requested by: not stated" in line


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


def test_letters_makes_the_folder_and_its_parents(cli: Run, store: Store, tmp_path: Path) -> None:
    book_spring(store, ready_family(store, "F-0001", status=FamilyStatus.active))
    store.close()
    folder = tmp_path / "letters" / "2027" / "spring"
    code, out, err = cli("letters", *SPRING, "-o", str(folder))
    assert code == 0, err
    assert out.strip() == f"Wrote 1 letter to {folder}"
    assert [p.name for p in folder.iterdir()] == ["F-0001.pdf"]


def test_letters_into_a_file_is_refused(cli: Run, store: Store, tmp_path: Path) -> None:
    store.close()
    blocker = tmp_path / "march"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    code, _, err = cli("letters", *SPRING, "-o", str(blocker))
    assert code == 1 and err.strip().endswith(f"{blocker} is not a folder.")
    code, _, err = cli("letters", *SPRING, "-o", str(blocker / "inside"))
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "cannot be made: Not a directory." in err
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"
    assert cli("disclosures")[1] == ""


def test_letters_for_references_that_make_the_same_file_name_each_get_their_own_file(
    cli: Run, store: Store, tmp_path: Path
) -> None:
    for ref in ("A/B", "A_B", "a/b/c", "A_B_C"):
        ready_family(store, ref, status=FamilyStatus.active)
    store.close()
    for ref in ("A/B", "A_B", "a/b/c", "A_B_C"):
        assert cli("book", ref, "2027-03-13")[0] == 0
    folder = tmp_path / "march"
    code, out, err = cli("letters", *SPRING, "-o", str(folder))
    assert code == 0, err
    assert out.splitlines() == [
        "A/B: A_B (2).pdf (A_B.pdf is another family's letter)",
        "a/b/c: a_b_c (2).pdf (a_b_c.pdf is another family's letter)",
        f"Wrote 4 letters to {folder}",
    ]
    files = {p.name: pdf_text(p) for p in folder.iterdir()}
    assert sorted(files) == ["A_B (2).pdf", "A_B.pdf", "A_B_C.pdf", "a_b_c (2).pdf"]
    assert "Re: family reference A/B " in files["A_B (2).pdf"]
    assert "Re: family reference A_B " in files["A_B.pdf"]
    assert "Re: family reference a/b/c " in files["a_b_c (2).pdf"]
    logged = [line.split("  ")[2] for line in cli("disclosures")[1].splitlines()]
    assert sorted(logged) == ["A/B", "A_B", "A_B_C", "a/b/c"]


def test_disclosures_for_an_unknown_family_is_an_error(cli: Run, store: Store) -> None:
    store.close()
    code, _, err = cli("disclosures", "--family", "F-9999")
    assert code == 1 and "No family with reference 'F-9999'" in err
