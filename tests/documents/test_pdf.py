"""What every PDF shares: the shipped fonts embed only the glyphs a document uses, and a
batch of documents builds and compresses each different subset once."""

from __future__ import annotations

import zlib
from collections.abc import Callable

import pytest
from reportlab.platypus import Paragraph

from contactcentre.documents import pdf
from tests.pdf_text import pdf_text


def document(text: str) -> bytes:
    return pdf.build([Paragraph(text, pdf.styles().body)], title="Test")


def counting_subsets(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The font subsets compressed from now on, as a list that grows."""
    compressed: list[bytes] = []
    real: Callable[[bytes], bytes] = zlib.compress

    def compress(data: bytes) -> bytes:
        if isinstance(data, pdf.Subset):
            compressed.append(bytes(data))
        return real(data)

    monkeypatch.setattr(pdf.zlib, "compress", compress)
    return compressed


def test_documents_with_the_same_glyphs_compress_their_font_subset_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "Zoë Łukasiewicz attended on Sat 13 Mar 2027 — cached once"
    compressed = counting_subsets(monkeypatch)
    first, second = document(text), document(text)
    assert len(compressed) == 1
    assert text in pdf_text(first) and text in pdf_text(second)


def test_other_glyphs_get_their_own_subset_and_still_read_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compressed = counting_subsets(monkeypatch)
    before = document("Visits in June: Ørjan, Zuzanna and Śmiały")
    after = document("Other words: Grzegorz, Ýr and Þóra — quite other glyphs")
    assert len(compressed) == 2 and compressed[0] != compressed[1]
    assert "Ørjan, Zuzanna and Śmiały" in pdf_text(before)
    assert "Grzegorz, Ýr and Þóra" in pdf_text(after)
