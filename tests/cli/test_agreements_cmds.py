"""`contactcentre agreement`: a family's agreements (signed state shown) or a blank one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from contactcentre.domain.agreements import signing
from contactcentre.domain.agreements import versions as agreement_versions
from contactcentre.domain.register.family_forms import PersonForm
from contactcentre.store.engine import Store
from contactcentre.store.models import Role
from tests.cli.conftest import Run
from tests.factories import add_family, family_form

SIGNED_ON = date(2027, 3, 6)


def copies(pdf: Path) -> list[str]:
    """The text of each agreement in the file (each restarts at "Page 1 of N")."""
    result: list[str] = []
    for page in PdfReader(pdf).pages:
        text = page.extract_text()
        if "Page 1 of" in text:
            result.append("")
        result[-1] += text
    return result


def test_a_familys_pdf_has_one_agreement_per_adult_showing_how_each_signed(
    cli: Run, store: Store, tmp_path: Path
) -> None:
    people = [
        *family_form("F-0007").people,
        PersonForm(Role.relative, "June", "Jones", phone="0113 496 0003"),
    ]
    family_id = add_family(store, "F-0007", people=people)
    with store.session() as s:
        ids = {a.name: a.person_id for a in agreement_versions.adult_agreements(s, family_id)}
        signing.sign_on_screen(
            s, ids["Mark Jones"], [[(0.1, 0.5), (0.5, 0.3), (0.9, 0.6)]], SIGNED_ON
        )
        signing.sign_on_paper(s, ids["Sarah Jones"], SIGNED_ON, "Ann Coordinator")
    store.close()
    out_pdf = tmp_path / "agreements.pdf"

    code, out, err = cli("agreement", "F-0007", "-o", str(out_pdf))

    assert (code, err) == (0, "")
    assert out.strip() == (f"Saved 3 agreements for F-0007 (2 signed, 1 not signed) to {out_pdf}")
    mark, sarah, june = copies(out_pdf)
    assert "Name\nMark Jones\n" in mark and "Non-resident parent" in mark
    assert "Signed on screen by Mark Jones" in mark and "06/03/2027" in mark
    assert "Name\nSarah Jones\n" in sarah
    assert "Signed on paper on 06/03/2027, witnessed by Ann Coordinator." in sarah
    assert "Name\nJune Jones\n" in june and "Named relative" in june
    assert "I, June Jones (named relative), agree to these ground rules." in june
    for text in (mark, sarah, june):
        assert "Family reference\nF-0007\n" in text
        assert "Agreement version\n1\n" in text
        assert "Test Contact Centre" in text


def test_blank_saves_one_unnamed_agreement(cli: Run, store: Store, tmp_path: Path) -> None:
    add_family(store, "F-0001")
    store.close()
    out_pdf = tmp_path / "blank.pdf"

    code, out, _ = cli("agreement", "--blank", "-o", str(out_pdf))

    assert code == 0
    assert out.strip() == f"Saved a blank agreement (version 1) to {out_pdf}"
    (blank,) = copies(out_pdf)
    assert "Agreement version\n1\n" in blank and "I agree to these ground rules." in blank
    assert "Jones" not in blank and "F-0001" not in blank


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["F-9999"], "No family with reference 'F-9999'."),
        (["F-0001", "--blank"], "Give either a family reference or --blank (not both)."),
        ([], "Give either a family reference or --blank (not both)."),
    ],
)
def test_a_wrong_request_is_one_line_on_stderr_and_writes_nothing(
    cli: Run, store: Store, tmp_path: Path, args: list[str], message: str
) -> None:
    add_family(store, "F-0001")
    store.close()
    out_pdf = tmp_path / "out.pdf"

    code, out, err = cli("agreement", *args, "-o", str(out_pdf))

    assert (code, out) == (1, "")
    assert err == f"contactcentre agreement: {message}\n"
    assert not out_pdf.exists()


def test_a_missing_output_folder_is_named(cli: Run, store: Store, tmp_path: Path) -> None:
    store.close()
    code, _, err = cli("agreement", "--blank", "-o", str(tmp_path / "nowhere" / "blank.pdf"))
    assert code == 1
    assert err == f"contactcentre agreement: The folder {tmp_path / 'nowhere'} does not exist.\n"
