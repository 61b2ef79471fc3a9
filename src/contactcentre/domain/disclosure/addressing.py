"""How a letter is addressed and named: the greeting that fits its recipient, the default
recipient (the family's referrer), and the file names of a batch, never two alike."""

from __future__ import annotations

from collections.abc import Sequence

from contactcentre.domain.disclosure import log as disclosure_log
from contactcentre.domain.validate import folded
from contactcentre.store.models import Family

# Words that make a recipient's first line an organisation, not a person to greet by name.
_ORGANISATION_WORDS = (
    "cafcass council court courts solicitor solicitors ltd limited llp plc services service"
    " department team centre center office chambers trust nhs school authority county city"
    " borough legal law mediation associates partnership group agency unit"
)
ORGANISATION_WORDS = frozenset(_ORGANISATION_WORDS.split())


def salutation(recipient: tuple[str, ...]) -> tuple[str, str]:
    """The greeting and the closing: "Dear <name>," and "Yours sincerely," when the
    recipient's first line names a person; "Dear Sir or Madam," for an organisation and
    "To whom it may concern," with no recipient, each with "Yours faithfully,"."""
    if not recipient:
        return "To whom it may concern,", "Yours faithfully,"
    first = recipient[0]
    words = folded(first).replace(".", " ").split()
    person = (
        2 <= len(words) <= 5
        and not any(ch.isdigit() or ch in "&@/" for ch in first)
        and not ORGANISATION_WORDS.intersection(words)
    )
    if person:
        return f"Dear {first},", "Yours sincerely,"
    return "Dear Sir or Madam,", "Yours faithfully,"


def default_recipient(family: Family) -> str:
    """The family's referrer (name and organisation), or '' when nobody referred them."""
    return disclosure_log.clean_recipient(f"{family.referrer_name}\n{family.referrer_organisation}")


def file_name(family_ref: str) -> str:
    """`<REF>.pdf` for batch letters; a '/' in a reference would make a folder, so '_'."""
    return family_ref.replace("/", "_") + ".pdf"


def batch_file_names(family_refs: Sequence[str]) -> list[str]:
    """A file name for each reference, never two alike, even ignoring case as Windows and
    macOS do: `A_B` keeps `A_B.pdf` and `A/B` becomes `A_B (2).pdf` ('(' is never in a
    reference, so a numbered name cannot be another family's)."""
    taken = {file_name(ref).casefold() for ref in family_refs if "/" not in ref}
    names = []
    for ref in family_refs:
        name, number = file_name(ref), 1
        if "/" in ref:
            while name.casefold() in taken:
                number += 1
                name = f"{file_name(ref).removesuffix('.pdf')} ({number}).pdf"
            taken.add(name.casefold())
        names.append(name)
    return names
