"""A named relative comes with one parent: she is let in, held and timed like that parent
and never given the other's times (so she never meets the parent she must not). The link
is `Person.comes_with`; a relative without one (older data) is given no times at all and
shown as not set until the coordinator says which parent she comes with."""

from __future__ import annotations

from contactcentre.domain import validate
from contactcentre.domain.vocabulary import ROLE_LABELS
from contactcentre.store.models import ComesWith, Role

NOT_SET = "comes with: not set — ask the coordinator"
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
