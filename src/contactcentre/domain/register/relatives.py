"""A named relative comes with one parent: she is let in, held and timed like that parent
and never given the other's times (so she never meets the parent she must not). The link
is `Person.comes_with`; a relative without one (older data) is given no times at all and
shown as not set until the coordinator says which parent she comes with."""

from __future__ import annotations

from collections.abc import Sequence

from contactcentre.domain import validate
from contactcentre.domain.vocabulary import ROLE_LABELS
from contactcentre.store.models import ComesWith, Person, Role

NOT_SET = "comes with: not set — ask the coordinator"
WHOM = {
    ComesWith.resident_parent: "the resident parent",
    ComesWith.non_resident_parent: "the visiting parent",
}
# The family editor's choice for a relative, "not set" first (an unlinked relative).
CHOICES: dict[ComesWith | None, str] = {
    None: "Not set — ask the coordinator",
    ComesWith.resident_parent: "The resident parent/carer",
    ComesWith.non_resident_parent: "The non-resident (visiting) parent",
}


def clean_comes_with(
    c: validate.Checker, key: str, role: Role | None, value: object
) -> ComesWith | None:
    """The parent a relative comes with, or None (not set); refused for any other role."""
    if value is None or not str(value).strip():
        return None
    parent: ComesWith | None = c.check(
        f"{key}.comes_with", "Comes with", validate.choice, ComesWith, value
    )
    if parent is not None and role is not None and role != Role.relative:
        c.add(
            f"{key}.comes_with",
            f"Comes with is only for a named relative, not a {ROLE_LABELS[role].lower()}",
        )
        return None
    return parent


def parent_of(comes_with: ComesWith | None) -> Role | None:
    """The role whose planned times a relative keeps (None: not set, no times)."""
    return Role(comes_with.value) if comes_with else None


def with_whom(comes_with: ComesWith | None, people: Sequence[Person]) -> str:
    """ "comes with Mark" (the first of that parent's role who attends), or NOT_SET."""
    role = parent_of(comes_with)
    if comes_with is None or role is None:
        return NOT_SET
    named = [p for p in people if p.role == role]
    parent = next((p for p in named if p.attends), named[0] if named else None)
    return f"comes with {parent.first_name if parent else WHOM[comes_with]}"
