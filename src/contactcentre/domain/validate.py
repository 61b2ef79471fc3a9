"""Field checks shared by forms and imports. Each returns the clean value or raises
ValueError with a message fit to show next to the field."""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any, TypeVar

MAX_NAME = 100
MAX_TEXT = 10_000
T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Unicode's invisible text-direction controls: embeddings and overrides (U+202A-U+202E),
# isolates (U+2066-U+2069) and marks (U+200E, U+200F, U+061C). In a name, a right-to-left
# override makes 'Jo\u202enhoJ' show as another name than the one stored and searched.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)


def _no_controls(value: str, *, multiline: bool) -> str:
    allowed = {"\n", "\t"} if multiline else set()
    for ch in value:
        if unicodedata.category(ch) in {"Cc", "Cs"} and ch not in allowed:
            raise ValueError("contains a control character that cannot be stored")
    return value


def text(value: str, *, limit: int = MAX_TEXT, multiline: bool = True) -> str:
    value = _no_controls((value or "").replace("\r\n", "\n"), multiline=multiline).strip()
    if len(value) > limit:
        raise ValueError(f"is too long ({len(value)} characters; at most {limit})")
    return value


def free_text(
    key: str, label: str, value: str, *, limit: int = MAX_TEXT, multiline: bool = True
) -> str:
    """`text()` for a single field outside a form: a problem is a ValidationError naming it."""
    from contactcentre.domain.errors import ValidationError

    try:
        return text(value, limit=limit, multiline=multiline)
    except ValueError as error:
        raise ValidationError.single(key, f"{label} {error}") from None


def name(value: str, *, required: bool = True) -> str:
    value = " ".join(text(value, limit=MAX_NAME, multiline=False).split())
    hidden = next((ch for ch in value if ch in BIDI_CONTROLS), None)
    if hidden is not None:
        raise ValueError(
            f"contains a hidden text-direction character (U+{ord(hidden):04X}) that can make "
            "it show as a different name: type it again instead of pasting it"
        )
    if required and not value:
        raise ValueError("is required")
    if value and not any(ch.isalpha() for ch in value):
        raise ValueError("must contain letters")
    return value


# Ofcom's numbers kept for drama, training and examples, which phonenumbers refuses (the
# London, Leeds, ... drama ranges it already accepts): 07700 900000-900999, 01632 960xxx.
OFCOM_DRAMA = re.compile(r"\+44(7700900|1632960)\d{3}")


def uk_phone(value: str, *, required: bool = False) -> str:
    """A UK phone number in E.164 (+447700900123), or '' when empty and optional."""
    raw = text(value, limit=40, multiline=False)
    if not raw:
        if required:
            raise ValueError("is required (a contact number is needed before a child is left)")
        return ""
    import phonenumbers  # imported when first needed: 20 ms and 3 MB that launching can skip

    try:
        number = phonenumbers.parse(raw, "GB")
    except phonenumbers.NumberParseException:
        raise ValueError(f"{quoted(raw)} is not a phone number") from None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if not (phonenumbers.is_valid_number(number) or OFCOM_DRAMA.fullmatch(e164)):
        raise ValueError(f"{quoted(raw)} is not a valid UK phone number")
    if number.extension:
        # E.164 has no room for it: refuse rather than silently drop what was typed.
        raise ValueError(
            f"{quoted(raw)} has an extension ({number.extension}); give the number without it "
            "and put the extension in the notes"
        )
    return e164


def display_phone(e164: str) -> str:
    """How a stored number is shown and exported: national format for UK numbers."""
    if not e164:
        return ""
    import phonenumbers  # see uk_phone

    try:
        number = phonenumbers.parse(e164, "GB")
    except phonenumbers.NumberParseException:
        return e164  # stored by an older version or by hand: shown as it is, never a crash
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 44
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, fmt)


def quoted(value: str, limit: int = 40) -> str:
    """What was typed, quoted in a message, cut short so the message stays one short line."""
    return f"'{value}'" if len(value) <= limit else f"'{value[: limit - 1]}…'"


def email(value: str) -> str:
    value = text(value, limit=254, multiline=False)
    if value and not EMAIL.match(value):
        raise ValueError(f"{quoted(value)} is not an email address")
    return value


def parse_date(value: str | date | None, *, required: bool = False) -> date | None:
    """Accepts a date, YYYY-MM-DD or DD/MM/YYYY."""
    if isinstance(value, date):
        return value
    raw = (value or "").strip()
    if not raw:
        if required:
            raise ValueError("is required")
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"'{raw[:40]}' is not a date (use YYYY-MM-DD or DD/MM/YYYY)")


def past_date(value: date | None, today: date, *, earliest: date = date(1900, 1, 1)) -> None:
    if value is None:
        return
    if value > today:
        raise ValueError(f"{value:%d/%m/%Y} is in the future")
    if value < earliest:
        raise ValueError(f"{value:%d/%m/%Y} is too long ago")


def choice(kind: type[E], value: object) -> E:
    """A member of a closed set, from its value ("supported"), with a helpful refusal."""
    if isinstance(value, kind):
        return value
    raw = str(value or "").strip().lower()
    try:
        return kind(raw)
    except ValueError:
        options = "|".join(member.value for member in kind)
        raise ValueError(f"'{raw[:30]}' is not one of {options}") from None


def yes_no(value: str | bool) -> bool:
    if isinstance(value, bool):
        return value
    raw = (value or "").strip().lower()
    if raw in {"yes", "y", "true", "1"}:
        return True
    if raw in {"no", "n", "false", "0", ""}:
        return False
    raise ValueError(f"'{raw[:20]}' must be yes or no")


# Letters Unicode does not decompose into a base letter plus an accent, as people type
# them on an English keyboard ('lukasz' finds 'Łukasz', 'soren' finds 'Søren').
UNDECOMPOSED = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ı": "i",
        "ŧ": "t",
        "ŀ": "l",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ŋ": "n",
    }
)


def folded(value: str) -> str:
    """Lower-case with accents removed, for forgiving search ('zoe' finds 'Zoë')."""
    if value.isascii():  # most names: nothing to decompose (20,000 families' in 0.1 s)
        return value.lower()
    decomposed = unicodedata.normalize("NFKD", value.casefold().translate(UNDECOMPOSED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class Checker:
    """Collects field errors so a form can show every problem at once.

    `check(key, label, fn, *args)` returns fn's clean value, or `None` after noting
    "<label> <problem>" under key. `done()` raises ValidationError if anything was noted.
    """

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def check(self, key: str, label: str, fn: Callable[..., T], *args: Any, **kw: Any) -> T:
        try:
            return fn(*args, **kw)
        except ValueError as error:
            self.errors.setdefault(key, f"{label} {error}")
            return None  # type: ignore[return-value]

    def add(self, key: str, message: str) -> None:
        self.errors.setdefault(key, message)

    def done(self) -> None:
        if self.errors:
            from contactcentre.domain.errors import ValidationError

            raise ValidationError(self.errors)


def quick_time(value: str) -> time:
    """A time typed fast from a paper sheet: `1012`, `10:12`, `10.12`, `912` → 09:12."""
    raw = value.strip().replace(".", ":").replace("h", ":")
    if ":" in raw:
        hours, _, minutes = raw.partition(":")
    elif raw.isdecimal() and len(raw) in (3, 4):
        hours, minutes = raw[:-2], raw[-2:]
    else:
        raise ValueError(f"'{value.strip()[:10]}' is not a time (type 1012 or 10:12)")
    if not (hours.isdecimal() and minutes.isdecimal() and len(minutes) == 2):
        raise ValueError(f"'{value.strip()[:10]}' is not a time (type 1012 or 10:12)")
    h, m = int(hours), int(minutes)
    if h > 23 or m > 59:
        raise ValueError(f"'{value.strip()[:10]}' is not a time of day")
    return time(h, m)
