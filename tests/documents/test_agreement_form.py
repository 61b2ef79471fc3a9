"""The printed agreement: who it is for, the full rules of that version, how it was signed."""

from __future__ import annotations

import io
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

from PIL import Image, ImageChops
from pypdf import PdfReader

from contactcentre.documents.agreement_form import SIGNATURE_FILL, blocks, render_agreements
from contactcentre.documents.data import AgreementCopy, Letterhead
from contactcentre.domain import forms

HEAD = Letterhead(
    name="Meadowbank Child Contact Centre",
    address="St Mark's Church Hall\nChapel Lane\nLeeds LS6 3BW",
    phone="0113 496 0000",
    charity_number="1234567",
)
TEXT = forms.fill(forms.load("agreement.md").body, centre_name=HEAD.name)
HEADINGS = [b.text for b in blocks(TEXT) if b.kind == "heading"]
SIGNATURE = (
    tuple((0.08 + i / 100, 0.5 + (0.2 if i % 10 < 5 else -0.2)) for i in range(50)),
    ((0.65, 0.3), (0.7, 0.7), (0.8, 0.3), (0.9, 0.7)),
)
BLANK = AgreementCopy(
    letterhead=HEAD,
    version=3,
    text=TEXT,
    family_ref=None,
    person_name=None,
    role_label=None,
    signed_on=None,
    method=None,
    strokes=(),
    witnessed_by="",
)
UNSIGNED = replace(
    BLANK, family_ref="F-0042", person_name="Zoë Łukasz", role_label="Non-resident parent"
)
ON_SCREEN = replace(UNSIGNED, signed_on=date(2027, 3, 13), method="screen", strokes=SIGNATURE)
ON_PAPER = replace(
    UNSIGNED,
    person_name="Sarah Jones",
    role_label="Resident parent/carer",
    signed_on=date(2027, 3, 6),
    method="paper",
    witnessed_by="Ann Coordinator",
)


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def signature_area(pdf: bytes, tmp_path: Path) -> Image.Image:
    """The inside of the pale signature box on the copy's last page, rendered at 80 dpi."""
    path = tmp_path / "agreement.pdf"
    path.write_bytes(pdf)
    last = str(len(pages(pdf)))
    prefix = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", last, "-l", last, str(path), str(prefix)],
        check=True,
    )
    (png,) = tmp_path.glob("page*.png")
    image = Image.open(png).convert("RGB")
    target = [round(channel * 255) for channel in SIGNATURE_FILL.rgb()]
    bands = [
        band.point(lambda v, t=t: 255 if abs(v - t) <= 2 else 0)
        for band, t in zip(image.split(), target, strict=True)
    ]
    fill = ImageChops.multiply(ImageChops.multiply(bands[0], bands[1]), bands[2])
    width, height = image.size
    rows = [y for y in range(height) if fill.crop((0, y, width, y + 1)).histogram()[255] > 100]
    cols = [x for x in range(width) if fill.crop((x, 0, x + 1, height)).histogram()[255] > 40]
    assert rows and cols, "no signature box on the page"
    box = (min(cols) + 1, min(rows) + 1, max(cols), max(rows))
    assert abs((box[2] - box[0]) / (box[3] - box[1]) - 3) < 0.2  # the pad's shape, 3 : 1
    return image.crop(box)


def dark_pixels(area: Image.Image) -> list[tuple[int, int]]:
    grey = area.convert("L")
    return [
        (x, y) for y in range(area.height) for x in range(area.width) if grey.getpixel((x, y)) < 128
    ]


def test_a_named_copy_shows_who_it_is_for_the_version_and_every_rule() -> None:
    text = pages(render_agreements([UNSIGNED]))
    first, whole = text[0], "\n".join(text)
    assert "Meadowbank Child Contact Centre" in first and "Registered charity no. 1234567" in first
    for label, value in [
        ("Name", "Zoë Łukasz"),
        ("Role", "Non-resident parent"),
        ("Family reference", "F-0042"),
        ("Agreement version", "3"),
    ]:
        assert f"{label}\n{value}\n" in first
    assert len(HEADINGS) >= 8
    for heading in HEADINGS:
        assert f"\n{heading}\n" in whole
    assert "alcohol" in whole and "Cafcass" in whole
    assert "#" not in whole and "{centre_name}" not in whole
    assert "I, Zoë Łukasz (non-resident parent), agree to these ground rules." in whole
    assert "Signed" not in whole


def test_the_rules_text_prints_headings_bullets_and_wrapped_lines_as_such() -> None:
    text = "# Be kind\nSpeak\ngently.\n- No shouting, and\n  no swearing.\n- Phones off.\n"
    assert [(b.kind, b.text) for b in blocks(text)] == [
        ("heading", "Be kind"),
        ("paragraph", "Speak gently."),
        ("bullet", "No shouting, and no swearing."),
        ("bullet", "Phones off."),
    ]
    (page,) = pages(render_agreements([replace(UNSIGNED, text=text)]))
    assert "\nBe kind\nSpeak gently.\n" in page
    assert "• No shouting, and no swearing.\n• Phones off.\n" in page


def test_a_blank_copy_names_nobody_and_leaves_the_boxes_to_fill_in() -> None:
    text = "\n".join(pages(render_agreements([BLANK])))
    assert "Name\nFamily reference\nRole\nAgreement version\n3\n" in text
    assert "I agree to these ground rules." in text
    for name in ["Zoë", "Sarah", "Jones", "F-00"]:
        assert name not in text


def test_each_copy_starts_on_its_own_page_with_its_own_page_numbers() -> None:
    copies = [ON_SCREEN, ON_PAPER, UNSIGNED]
    text = pages(render_agreements(copies))
    starts = [i for i, page in enumerate(text) if "Page 1 of" in page]
    assert len(starts) == 3
    per_copy = len(text) // 3
    assert starts == [0, per_copy, 2 * per_copy]
    for start, copy in zip(starts, copies, strict=True):
        assert f"Name\n{copy.person_name}\n" in text[start]
        assert f"Page {per_copy} of {per_copy}" in text[start + per_copy - 1]


def test_a_paper_signature_says_when_and_who_witnessed_it() -> None:
    text = "\n".join(pages(render_agreements([ON_PAPER])))
    assert "Signed on paper on 06/03/2027, witnessed by Ann Coordinator." in text
    assert "Signature of" not in text  # no empty line to sign on


def test_a_signature_drawn_on_screen_is_inked_in_the_box_with_its_date(tmp_path: Path) -> None:
    pdf = render_agreements([ON_SCREEN])
    text = pages(pdf)[-1]
    assert "Signed on screen by Zoë Łukasz (non-resident parent)." in text
    assert "13/03/2027\nSignature of Zoë Łukasz\nDate" in text
    ink = dark_pixels(signature_area(pdf, tmp_path))
    assert len(ink) > 150
    assert len({y for _x, y in ink}) > 15  # strokes, not a line


def test_an_unsigned_copy_has_an_empty_box_but_for_the_line_to_sign_on(tmp_path: Path) -> None:
    area = signature_area(render_agreements([UNSIGNED]), tmp_path)
    assert dark_pixels(area) == []
    target = tuple(round(channel * 255) for channel in SIGNATURE_FILL.rgb())
    marked_rows = {
        y
        for y in range(area.height)
        for x in range(area.width)
        if max(abs(a - b) for a, b in zip(area.getpixel((x, y)), target, strict=True)) > 8
    }
    assert marked_rows, "the line to sign on is missing"
    assert max(marked_rows) - min(marked_rows) <= 2  # one thin line and nothing else
    assert 0.7 < min(marked_rows) / area.height < 0.85  # where the pad draws it
