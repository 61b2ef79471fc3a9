"""The agreement: versions, signing on screen and on paper, re-sign detection, scans."""

from __future__ import annotations

import os
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from contactcentre.domain import forms
from contactcentre.domain.agreements import scans as signature_scans
from contactcentre.domain.agreements import signing
from contactcentre.domain.agreements import versions as agreement_versions
from contactcentre.domain.errors import ValidationError
from contactcentre.domain.register.families import end_family
from contactcentre.store.engine import Store
from contactcentre.store.models import AuditEntry, FamilyStatus, Person, Role, Signature
from tests.conftest import PASSPHRASE
from tests.factories import add_family

TODAY = date(2027, 3, 13)
LINE = [[(0.1, 0.5), (0.5, 0.4), (0.9, 0.6)]]
PNG = b"\x89PNG\r\n\x1a\n" + os.urandom(4096)


def adults(store: Store, family_id: int) -> dict[str, int]:
    with store.session() as s:
        return {a.name: a.person_id for a in agreement_versions.adult_agreements(s, family_id)}


def test_first_use_seeds_version_1_from_the_shipped_form(store: Store) -> None:
    shipped = forms.load("agreement.md")
    with store.session() as s:
        current = agreement_versions.current_version(s)
        assert current.version == shipped.version == 1
        assert "{centre_name}" in current.text
        text = agreement_versions.filled_text(s, current.text)
    assert "Test Contact Centre" in text
    assert "{centre_name}" not in text
    for rule in ["alcohol", "switched off", "named on the referral", "racist", "complain"]:
        assert rule in text.lower()


def test_editing_makes_a_new_version_and_old_signatures_keep_their_text(store: Store) -> None:
    family_id = add_family(store)
    mark = adults(store, family_id)["Mark Jones"]
    with store.session() as s:
        signing.sign_on_screen(s, mark, LINE, TODAY, today=TODAY)
        old_text = agreement_versions.filled_text(s, agreement_versions.current_version(s).text)
    with store.session() as s:
        new = agreement_versions.save_new_version(
            s, "Be kind at {centre_name}.", created_by="Ann Coordinator"
        )
        assert new.version == 2
    with store.session() as s:
        history = agreement_versions.versions(s)
        assert [row.version for row in history] == [2, 1]
        assert history[1].text == forms.load("agreement.md").body  # version 1 untouched
        signature = agreement_versions.latest_signature(s, mark)
        assert signature is not None
        assert signature.version == 1
        assert signature.text_signed == old_text
        assert "Be kind" not in signature.text_signed


def test_saving_the_same_text_or_nothing_is_refused(store: Store) -> None:
    with store.session() as s:
        current = agreement_versions.current_version(s)
        with pytest.raises(ValidationError, match="same as version 1"):
            agreement_versions.save_new_version(s, current.text)
        with pytest.raises(ValidationError, match="cannot be empty"):
            agreement_versions.save_new_version(s, "   \n ")


def test_a_change_that_needs_re_signing_flags_the_adults_who_signed_before(store: Store) -> None:
    family_id = add_family(store)
    people = adults(store, family_id)
    with store.session() as s:
        for person_id in people.values():
            signing.sign_on_screen(s, person_id, LINE, TODAY)
        assert agreement_versions.needs_resign(s, family_id) == []
        agreement_versions.save_new_version(s, "Version two {centre_name}", requires_resign=True)
    with store.session() as s:
        flagged = {a.name: a.summary for a in agreement_versions.needs_resign(s, family_id)}
    assert flagged == {
        "Mark Jones": "Re-sign needed (signed v1 on screen 13/03/2027)",
        "Sarah Jones": "Re-sign needed (signed v1 on screen 13/03/2027)",
    }
    with store.session() as s:
        signing.sign_on_screen(s, people["Mark Jones"], LINE, TODAY)
        states = {a.name: a.summary for a in agreement_versions.adult_agreements(s, family_id)}
    assert states["Mark Jones"] == "Signed v2 on screen 13/03/2027"
    assert states["Sarah Jones"].startswith("Re-sign needed")


def test_many_families_adults_to_sign_again_are_the_ones_each_family_shows(
    store: Store,
) -> None:
    """Today's list asks for many families at once: the same adults, in the same order
    (non-resident parent first), as each family's own Agreement tab flags."""
    both, one, none = (add_family(store, ref) for ref in ("F-0001", "F-0002", "F-0003"))
    people = {family_id: adults(store, family_id) for family_id in (both, one, none)}
    with store.session() as s:
        for family_id in (both, one, none):
            for person_id in people[family_id].values():
                signing.sign_on_screen(s, person_id, LINE, TODAY)
        agreement_versions.save_new_version(s, "Version two {centre_name}", requires_resign=True)
    with store.session() as s:
        signing.sign_on_screen(s, people[one]["Mark Jones"], LINE, TODAY)
        for person_id in people[none].values():
            signing.sign_on_screen(s, person_id, LINE, TODAY)
    with store.session() as s:
        found = agreement_versions.adults_to_sign_again(s, [both, one, none])
        named = {
            fid: [f"{p.first_name} {p.last_name}" for p in people] for fid, people in found.items()
        }
        each = {
            fid: [a.name for a in agreement_versions.needs_resign(s, fid)] for fid in (both, one)
        }
    assert named == each == {both: ["Mark Jones", "Sarah Jones"], one: ["Sarah Jones"]}


def test_a_change_that_needs_no_re_signing_keeps_earlier_signatures_valid(store: Store) -> None:
    family_id = add_family(store)
    mark = adults(store, family_id)["Mark Jones"]
    with store.session() as s:
        signing.sign_on_screen(s, mark, LINE, TODAY)
        agreement_versions.save_new_version(s, "Typo fixed {centre_name}", requires_resign=False)
    with store.session() as s:
        assert agreement_versions.sign_state(s, mark) == "signed"
        # ... but a later change that does need re-signing catches them
        agreement_versions.save_new_version(s, "Real change {centre_name}", requires_resign=True)
        agreement_versions.save_new_version(s, "Another typo {centre_name}", requires_resign=False)
    with store.session() as s:
        assert agreement_versions.sign_state(s, mark) == "resign"
        assert agreement_versions.person_needs_resign(s, mark)


def test_children_do_not_sign_and_ended_families_cannot_sign(store: Store) -> None:
    family_id = add_family(store)
    with store.session() as s:
        child = s.exec(
            select(Person).where(Person.family_id == family_id, Person.role == Role.child)
        ).one()
        assert child.id is not None
        with pytest.raises(signing.SigningRefused, match="Only adults"):
            signing.sign_on_screen(s, child.id, LINE, TODAY)
    mark = adults(store, family_id)["Mark Jones"]
    with store.session() as s:
        end_family(
            s,
            family_id,
            FamilyStatus.excluded,
            reason="Aggressive to a volunteer",
            on=TODAY,
            decided_by="Ann Coordinator",
            today=TODAY,
        )
    with store.session() as s, pytest.raises(signing.SigningRefused, match="excluded"):
        signing.sign_on_screen(s, mark, LINE, TODAY)


def test_an_empty_pad_or_a_future_date_is_refused(store: Store) -> None:
    family_id = add_family(store)
    mark = adults(store, family_id)["Mark Jones"]
    with store.session() as s:
        with pytest.raises(ValidationError, match="pad is empty"):
            signing.sign_on_screen(s, mark, [], TODAY)
        with pytest.raises(ValidationError, match="in the future"):
            signing.sign_on_screen(s, mark, LINE, date(2027, 4, 1), today=TODAY)


def test_strokes_are_stored_in_pad_units(store: Store) -> None:
    family_id = add_family(store)
    mark = adults(store, family_id)["Mark Jones"]
    with store.session() as s:
        signature = signing.sign_on_screen(
            s, mark, [[(0.1, 0.2), (1.5, -0.3)], [(0.3, 0.3)]], TODAY
        )
        assert signing.parse_strokes(signature.strokes) == (((0.1, 0.2), (1.0, 0.0)), ((0.3, 0.3),))


def test_paper_signature_needs_a_witness(store: Store) -> None:
    family_id = add_family(store)
    sarah = adults(store, family_id)["Sarah Jones"]
    with store.session() as s:
        with pytest.raises(ValidationError, match="Witnessed by is required"):
            signing.sign_on_paper(s, sarah, TODAY, "")
        signature = signing.sign_on_paper(s, sarah, TODAY, "Ann Coordinator")
        assert signature.scan is None
    with store.session() as s:
        states = {a.name: a.summary for a in agreement_versions.adult_agreements(s, family_id)}
    assert states["Sarah Jones"] == "Signed v1 on paper 13/03/2027"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"GIF89a" + b"\0" * 100, "PDF, PNG or JPG"),
        (b"MZ\x90\x00 not a picture", "PDF, PNG or JPG"),
        (b"%PDF-" + b"\0" * (signature_scans.MAX_SCAN_BYTES + 1), "too large"),
    ],
)
def test_scans_other_than_pdf_png_jpg_or_too_large_are_refused(
    store: Store, data: bytes, message: str
) -> None:
    family_id = add_family(store)
    sarah = adults(store, family_id)["Sarah Jones"]
    with store.session() as s, pytest.raises(ValidationError, match=message):
        signing.sign_on_paper(s, sarah, TODAY, "Ann Coordinator", data, "", "scan.jpg")


def test_a_scan_round_trips_byte_for_byte_and_never_leaves_the_encrypted_store(
    store: Store, data_dir: Path, tmp_path: Path, sandbox_home: Path
) -> None:
    started = time.time() - 1  # files written before the test cannot hold its scan
    family_id = add_family(store)
    sarah = adults(store, family_id)["Sarah Jones"]
    marker = b"SCAN-MARKER-" + os.urandom(8).hex().encode()
    scan = PNG + marker + os.urandom(2048)
    with store.session() as s:
        signature = signing.sign_on_paper(
            s, sarah, TODAY, "Ann Coordinator", scan, "image/png", "/home/ann/Scans/sarah.png"
        )
        signature_id = signature.id
    assert signature_id is not None
    store.close()

    reopened = Store.open(data_dir / "centre.db", PASSPHRASE)
    try:
        with reopened.session() as s:
            stored = signature_scans.signature_scan(s, signature_id)
            entries = list(s.exec(select(AuditEntry)))
        assert stored.data == scan
        assert stored.mime == "image/png"
        assert stored.filename == "sarah.png"  # the name only, never the folder
        assert all("sarah" not in (e.detail + e.fields).lower() for e in entries)
    finally:
        reopened.close()

    for folder in {tmp_path, data_dir, sandbox_home, Path(tempfile.gettempdir())}:
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                try:
                    if path.stat().st_mtime < started:
                        continue
                    content = path.read_bytes()
                except OSError:
                    continue
                assert marker not in content, f"scan bytes found in {path}"


def test_signing_is_audited_without_personal_data(store: Store) -> None:
    family_id = add_family(store)
    mark = adults(store, family_id)["Mark Jones"]
    with store.session() as s:
        signing.sign_on_paper(s, mark, TODAY, "Witness Person", PNG, "image/png", "mark.png")
    with store.session() as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "signature.create")).one()
        signature = s.exec(select(Signature)).one()
    assert entry.family_id == family_id and entry.entity_id == signature.id
    assert "Witness" not in entry.detail + entry.fields
    assert "mark" not in entry.detail.lower()


def test_the_register_learns_which_open_families_must_sign_again(store: Store) -> None:
    first = add_family(store, "F-0001")
    second = add_family(store, "F-0002")
    ended = add_family(store, "F-0003")
    never_signed = add_family(store, "F-0004")
    mark = adults(store, first)["Mark Jones"]
    with store.session() as s:
        for family_id in (first, second, ended):
            for adult in agreement_versions.adult_agreements(s, family_id):
                signing.sign_on_screen(s, adult.person_id, LINE, TODAY)
        assert agreement_versions.families_needing_resign(s) == set()
        agreement_versions.save_new_version(s, "Version two {centre_name}", requires_resign=True)
        end_family(
            s, ended, FamilyStatus.closed, reason="Moved", on=TODAY, decided_by="", today=TODAY
        )
    with store.session() as s:
        assert agreement_versions.families_needing_resign(s) == {first, second}
        for adult in agreement_versions.adult_agreements(s, second):
            signing.sign_on_screen(s, adult.person_id, LINE, TODAY)
        signing.sign_on_screen(s, mark, LINE, TODAY)
    with store.session() as s:
        assert agreement_versions.families_needing_resign(s) == {
            first
        }  # Sarah Jones has still to sign
        assert never_signed not in agreement_versions.families_needing_resign(s)
