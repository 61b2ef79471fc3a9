"""Scans of paper signatures: which files may be attached, and getting one back."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from contactcentre.domain import permissions
from contactcentre.domain.errors import NotFound
from contactcentre.store.models import Signature

MAX_SCAN_BYTES = 10 * 1024 * 1024
SCAN_TYPES = {  # magic bytes -> mime type; nothing else is accepted
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}
SCAN_LABELS = {"application/pdf": "PDF", "image/png": "PNG", "image/jpeg": "JPG"}


def scan_mime_of(data: bytes) -> str | None:
    """The file's real type from its first bytes (PDF, PNG or JPEG), else None."""
    for magic, mime in SCAN_TYPES.items():
        if data.startswith(magic):
            return mime
    return None


def check_scan(data: bytes, scan_mime: str = "") -> str:
    """The scan's mime type, or ValueError saying why it cannot be attached."""
    if not data:
        raise ValueError("is an empty file")
    if len(data) > MAX_SCAN_BYTES:
        raise ValueError(
            f"is too large ({len(data) / 1024 / 1024:.1f} MB; at most "
            f"{MAX_SCAN_BYTES // 1024 // 1024} MB): scan at a lower resolution"
        )
    mime = scan_mime_of(data)
    if mime is None:
        raise ValueError("must be a PDF, PNG or JPG file")
    if scan_mime and scan_mime.lower() not in SCAN_LABELS:
        raise ValueError("must be a PDF, PNG or JPG file")
    return mime


@dataclass(frozen=True)
class Scan:
    data: bytes
    mime: str
    filename: str

    @property
    def suffix(self) -> str:
        return {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}[self.mime]


def signature_scan(s: Session, signature_id: int) -> Scan:
    permissions.require(s, "see_family")
    signature = s.get(Signature, signature_id)
    if signature is None or not signature.scan:
        raise NotFound("There is no scan attached to this signature.")
    return Scan(signature.scan, signature.scan_mime, signature.scan_filename)
