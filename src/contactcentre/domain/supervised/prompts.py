"""Age-banded prompts for the worker writing a record (forms/observation_prompts.md):
help shown beside the body, never fields of the record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from contactcentre.domain import forms

FORM = "observation_prompts.md"
BANDS = ("Under 1", "1–5", "6–11", "Adolescents")


@dataclass(frozen=True)
class Band:
    title: str
    prompts: tuple[str, ...]


def bands() -> tuple[Band, ...]:
    """The form's sections ("## Under 1" and its "- prompt" lines), in order."""
    found: list[Band] = []
    for line in forms.load(FORM).body.splitlines():
        stripped = line.strip()
        if stripped.startswith("## "):
            found.append(Band(stripped[3:].strip(), ()))
        elif stripped.startswith("- ") and found:
            found[-1] = Band(found[-1].title, (*found[-1].prompts, stripped[2:].strip()))
    return tuple(found)


def band_title(born: date, day: date) -> str:
    years = relativedelta(day, born).years
    if years < 1:
        return BANDS[0]
    if years <= 5:
        return BANDS[1]
    if years <= 11:
        return BANDS[2]
    return BANDS[3]


def prompts_for(births: list[date | None], day: date) -> tuple[Band, ...]:
    """The bands of the children's ages on the day (all of them when no age is known)."""
    titles = {band_title(born, day) for born in births if born is not None}
    return tuple(b for b in bands() if not titles or b.title in titles)
