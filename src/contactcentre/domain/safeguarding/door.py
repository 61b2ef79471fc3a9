"""What the door must act on: each family's door instruction and who is excluded.

This is all of safeguarding a volunteer sees: no answers, notes, risks or incidents."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlmodel import Session, col, select

from contactcentre.domain.vocabulary import person_name
from contactcentre.store.models import Exclusion, Person, SafeguardingPlan


@dataclass(frozen=True)
class DoorNotes:
    lines: tuple[str, ...] = ()  # "Do not release the child to anyone but …", "Do not admit …"
    excluded: frozenset[int] = frozenset()  # person ids not to admit
    everyone_excluded: bool = False  # the whole family is excluded

    def admits(self, person_id: int) -> bool:
        return not self.everyone_excluded and person_id not in self.excluded


def door_notes(s: Session, family_ids: Collection[int]) -> dict[int, DoorNotes]:
    """family id -> what the door check shows for it (families with nothing are left out)."""
    lines: dict[int, list[str]] = {}
    excluded: dict[int, set[int]] = {}
    everyone: set[int] = set()
    plans = select(SafeguardingPlan).where(col(SafeguardingPlan.family_id).in_(family_ids))
    for plan in s.exec(plans):
        if plan.door_instruction:
            lines.setdefault(plan.family_id, []).append(plan.door_instruction)
    query = (
        select(Exclusion, Person)
        .join(Person, isouter=True)
        .where(col(Exclusion.family_id).in_(family_ids))
        .order_by(col(Exclusion.id))
    )
    for exclusion, person in s.exec(query):
        family_id = exclusion.family_id
        if person is None:
            everyone.add(family_id)
            lines.setdefault(family_id, []).append(
                "Do not admit anyone from this family: excluded."
            )
        else:
            excluded.setdefault(family_id, set()).add(person.id or 0)
            lines.setdefault(family_id, []).append(f"Do not admit {person_name(person)}: excluded.")
    return {
        family_id: DoorNotes(
            tuple(lines[family_id]), frozenset(excluded.get(family_id, ())), family_id in everyone
        )
        for family_id in lines
    }
