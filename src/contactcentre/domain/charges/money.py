"""Money as integer pence: typed amounts in ("12.50", "£1,200", "3") and out ("£12.50").

Never a float: "12.50" goes through decimal.Decimal, and a third decimal place is refused
rather than rounded (a coordinator typing 12.505 has made a typo, not asked for rounding).
"""

from __future__ import annotations

import re
from decimal import Decimal

from contactcentre.domain.errors import ValidationError

MAX_PENCE = 10_000_000 - 1  # £99,999.99: far beyond any fee, short of a typo's extra zeros
_AMOUNT = re.compile(r"£?\s*(?P<pounds>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<pence>\d{1,2}))?", re.ASCII)


def parse_pence(
    value: str, *, field: str = "amount", label: str = "The amount", allow_zero: bool = False
) -> int:
    """Pence from an amount as a person types it; ValidationError naming what is wrong."""
    typed = value.strip()
    if not typed:
        raise ValidationError.single(field, f"{label} is missing: type it as 12.50.")
    if typed.startswith("-") or typed.startswith("£-"):
        raise ValidationError.single(field, f"{label} cannot be negative ({typed}).")
    match = _AMOUNT.fullmatch(typed)
    if match is None:
        if re.fullmatch(r"£?\s*[\d,]+\.\d{3,}", typed, re.ASCII):
            raise ValidationError.single(
                field, f"{label} has more than two decimal places ({typed}): pounds and pence."
            )
        raise ValidationError.single(
            field, f"{label} {typed!r} is not an amount of money: type it as 12.50."
        )
    pounds = Decimal(match["pounds"].replace(",", ""))
    pence = int(pounds * 100 + Decimal((match["pence"] or "0").ljust(2, "0")))
    if pence > MAX_PENCE:
        raise ValidationError.single(
            field, f"{label} {typed} is too large (at most {format_pence(MAX_PENCE)})."
        )
    if pence == 0 and not allow_zero:
        raise ValidationError.single(field, f"{label} must be more than £0.00.")
    return pence


def format_pence(pence: int) -> str:
    """ "£12.50", "£1,200.00", "-£3.00" (a credit)."""
    sign = "-" if pence < 0 else ""
    pounds, rest = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}.{rest:02d}"
