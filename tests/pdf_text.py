"""Reading a PDF as a person would: its text, whitespace runs made single spaces."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf


def pdf_text(pdf: bytes | Path) -> str:
    """The text of every page, in order, with all runs of whitespace made single spaces."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
