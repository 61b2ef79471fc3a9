"""The referral risk screening (per adult), the recommended level, the supported block and
its override, the risk statement with its next review date, and the door instruction.

All of it is the coordinator's; a volunteer sees only the door instruction (door.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from sqlmodel import Session, col, select

from contactcentre.domain import acting, audit, permissions
from contactcentre.domain.centre import get_centre
from contactcentre.domain.errors import DomainError, NotFound, ValidationError
from contactcentre.domain.safeguarding import levels
from contactcentre.domain.validate import choice, free_text
from contactcentre.domain.vocabulary import OPEN_STATUSES, ROLE_LABELS, person_name
from contactcentre.store.models import (
    Answer,
    ContactType,
    Family,
    Level,
    Person,
    Rating,
    RiskItem,
    Role,
    SafeguardingPlan,
    ScreeningAnswer,
    ScreeningItem,
)

ADULTS = (Role.resident_parent, Role.non_resident_parent, Role.relative)


class SupportedBlocked(DomainError):
    """Supported contact is blocked by the screening, and no override is recorded."""


@dataclass(frozen=True)
class AnswerLine:
    item: ScreeningItem
    question: str
    answer: Answer = Answer.unknown
    note: str = ""
    order_type: str = ""
    order_made_on: date | None = None
    order_expires_on: date | None = None


@dataclass(frozen=True)
class AdultScreening:
    person_id: int
    name: str
    role: str
    answers: tuple[AnswerLine, ...]
    recommendation: levels.Recommendation


@dataclass(frozen=True)
class RiskLine:
    nature: str
    seriousness: Rating = Rating.medium
    likelihood: Rating = Rating.medium
    managed: str = ""
    before: str = ""
    during: str = ""
    after: str = ""


@dataclass(frozen=True)
class FamilyScreening:
    family_id: int
    family_ref: str
    adults: tuple[AdultScreening, ...]
    level: Level
    blocked: tuple[str, ...]  # why supported contact is blocked (empty: it is not)
    override_reason: str = ""
    override_by: str = ""
    override_at: datetime | None = None
    reviewed_on: date | None = None
    reviewed_by: str = ""
    statement_reviewed_on: date | None = None
    review_on: date | None = None  # when the risk statement is next to be reviewed
    door_instruction: str = ""
    risks: tuple[RiskLine, ...] = field(default_factory=tuple)

    @property
    def level_words(self) -> str:
        return levels.LEVEL_WORDS[self.level]


def _family(s: Session, family_id: int) -> Family:
    family = s.get(Family, family_id)
    if family is None:
        raise NotFound(f"Family {family_id} no longer exists.")
    return family


def stored_plan(s: Session, family_id: int) -> SafeguardingPlan | None:
    return s.exec(select(SafeguardingPlan).where(SafeguardingPlan.family_id == family_id)).first()


def plan_for(s: Session, family_id: int) -> SafeguardingPlan:
    """The family's plan row, made on first change."""
    plan = stored_plan(s, family_id)
    if plan is None:
        plan = SafeguardingPlan(family_id=family_id)
        s.add(plan)
    return plan


def _adults(s: Session, family_id: int) -> list[Person]:
    query = (
        select(Person)
        .where(Person.family_id == family_id, col(Person.role).in_(ADULTS))
        .order_by(col(Person.id))
    )
    return list(s.exec(query))


def _answers(s: Session, person_id: int) -> dict[ScreeningItem, ScreeningAnswer]:
    rows = s.exec(select(ScreeningAnswer).where(ScreeningAnswer.person_id == person_id))
    return {row.item: row for row in rows}


def _adult(s: Session, person: Person) -> AdultScreening:
    assert person.id is not None
    stored = _answers(s, person.id)
    lines = []
    for item, question in levels.QUESTIONS.items():
        row = stored.get(item)
        lines.append(
            AnswerLine(item, question)
            if row is None
            else AnswerLine(
                item,
                question,
                row.answer,
                row.note,
                row.order_type,
                row.order_made_on,
                row.order_expires_on,
            )
        )
    return AdultScreening(
        person.id,
        person_name(person),
        ROLE_LABELS[person.role],
        tuple(lines),
        levels.recommend((line.item, line.answer) for line in lines if line.item in stored),
    )


@dataclass(frozen=True)
class Adult:
    person_id: int
    name: str


def adults_of(s: Session, family_id: int) -> list[Adult]:
    """The family's adults by name (to choose whom to exclude)."""
    permissions.require(s, "exclude")
    return [Adult(p.id or 0, person_name(p)) for p in _adults(s, family_id)]


def _blocking(s: Session, family_id: int) -> tuple[str, ...]:
    words: list[str] = []
    for person in _adults(s, family_id):
        for reason in _adult(s, person).recommendation.blocked:
            words.append(f"{person_name(person)}: {reason}")
    return tuple(words)


def screening(s: Session, family_id: int) -> FamilyScreening:
    """The family's screening: each adult's answers and recommendation, in words."""
    permissions.require(s, "screening")
    family = _family(s, family_id)
    adults = tuple(_adult(s, person) for person in _adults(s, family_id))
    plan = stored_plan(s, family_id) or SafeguardingPlan(family_id=family_id)
    risks = s.exec(
        select(RiskItem).where(RiskItem.family_id == family_id).order_by(col(RiskItem.id))
    )
    return FamilyScreening(
        family_id=family_id,
        family_ref=family.ref,
        adults=adults,
        level=levels.strictest(a.recommendation.level for a in adults),
        blocked=tuple(f"{a.name}: {words}" for a in adults for words in a.recommendation.blocked),
        override_reason=plan.override_reason,
        override_by=plan.override_by,
        override_at=plan.override_at,
        reviewed_on=plan.reviewed_on,
        reviewed_by=plan.reviewed_by,
        statement_reviewed_on=plan.statement_reviewed_on,
        review_on=plan.review_on,
        door_instruction=plan.door_instruction,
        risks=tuple(
            RiskLine(r.nature, r.seriousness, r.likelihood, r.managed, r.before, r.during, r.after)
            for r in risks
        ),
    )


def save_answer(s: Session, person_id: int, line: AnswerLine) -> None:
    """Record (or change) one checklist answer about one adult."""
    permissions.require(s, "screening")
    person = s.get(Person, person_id)
    if person is None or person.role not in ADULTS:
        raise NotFound("That adult is no longer on the family.")
    item, answer = choice(ScreeningItem, line.item), choice(Answer, line.answer)
    if line.order_made_on and line.order_expires_on and line.order_expires_on < line.order_made_on:
        raise ValidationError.single("order_expires_on", "The order expires before it was made.")
    row = _answers(s, person_id).get(item) or ScreeningAnswer(person_id=person_id, item=item)
    row.answer = answer
    row.note = free_text("note", "The note", line.note, limit=2000)
    row.order_type = free_text("order_type", "The order's type", line.order_type, limit=200)
    row.order_made_on, row.order_expires_on = line.order_made_on, line.order_expires_on
    row.answered_by, row.answered_at = acting.actor(s), acting.now(s)
    s.add(row)
    s.flush()
    audit.record(
        s,
        "screening.answer",
        entity="screening_answer",
        entity_id=row.id,
        family_id=person.family_id,
        fields=[item.value],
    )


def _change_plan(
    s: Session, family_id: int, action: str, detail: str = "", **values: object
) -> SafeguardingPlan:
    """Set `values` on the family's plan and audit it as `screening.<action>` (field
    names only, never the values)."""
    _family(s, family_id)
    plan = plan_for(s, family_id)
    for name, value in values.items():
        setattr(plan, name, value)
    s.flush()
    audit.record(
        s,
        f"screening.{action}",
        entity="safeguarding_plan",
        entity_id=plan.id,
        family_id=family_id,
        fields=list(values),
        detail=detail,
    )
    return plan


def review_screening(s: Session, family_id: int, on: date) -> None:
    """The screening was gone through again at the pre-visit."""
    permissions.require(s, "screening")
    _change_plan(s, family_id, "review", reviewed_on=on, reviewed_by=acting.actor(s))


def override_block(s: Session, family_id: int, reason: str) -> None:
    """Allow supported contact despite a blocking answer: the coordinator's decision, with
    a reason, audited. An empty reason takes the override back."""
    permissions.require(s, "screening")
    why = free_text("override", "The reason", reason, limit=2000)
    _change_plan(
        s,
        family_id,
        "override",
        "set" if why else "withdrawn",
        override_reason=why,
        override_by=acting.actor(s) if why else "",
        override_at=acting.now(s) if why else None,
    )


def set_door_instruction(s: Session, family_id: int, instruction: str) -> None:
    """What the volunteers at the door must act on, e.g. "Do not release the child to
    anyone but the named resident parent"."""
    permissions.require(s, "screening")
    text = free_text(
        "door_instruction", "The door instruction", instruction, limit=200, multiline=False
    )
    _change_plan(s, family_id, "door", door_instruction=text)


def _risk_text(number: int, name: str, value: str) -> str:
    return free_text(f"risk{number}.{name}", f"Risk {number}'s {name!r}", value, limit=2000)


def save_risks(
    s: Session,
    family_id: int,
    risks: list[RiskLine],
    reviewed_on: date,
    review_on: date | None = None,
) -> None:
    """Replace the family's risk statement, reviewed on `reviewed_on`, to be reviewed
    again on `review_on` (by default the centre's review interval later: 3 months)."""
    permissions.require(s, "screening")
    _family(s, family_id)
    if review_on is None:
        review_on = reviewed_on + relativedelta(months=get_centre(s).review_months)
    elif review_on <= reviewed_on:
        raise ValidationError.single(
            "review_on", "The next review must be after the day the statement is reviewed."
        )
    for old in s.exec(select(RiskItem).where(RiskItem.family_id == family_id)):
        s.delete(old)
    for number, risk in enumerate(risks, 1):
        nature = free_text(f"risk{number}", f"Risk {number}'s nature", risk.nature, limit=1000)
        if not nature:
            raise ValidationError.single(f"risk{number}", f"Say what risk {number} is.")
        s.add(
            RiskItem(
                family_id=family_id,
                nature=nature,
                seriousness=choice(Rating, risk.seriousness),
                likelihood=choice(Rating, risk.likelihood),
                managed=_risk_text(number, "managed", risk.managed),
                before=_risk_text(number, "before", risk.before),
                during=_risk_text(number, "during", risk.during),
                after=_risk_text(number, "after", risk.after),
            )
        )
    _change_plan(
        s,
        family_id,
        "risks",
        str(len(risks)),
        statement_reviewed_on=reviewed_on,
        statement_reviewed_by=acting.actor(s),
        review_on=review_on,
    )


def reviews_by(s: Session, last_day: date) -> dict[int, date]:
    """Open families whose risk statement is to be reviewed on or before `last_day`
    (family id -> the review date), for the coordinator's reminders."""
    permissions.require(s, "screening")
    query = (
        select(SafeguardingPlan)
        .join(Family, col(Family.id) == col(SafeguardingPlan.family_id))
        .where(col(Family.status).in_(OPEN_STATUSES), col(SafeguardingPlan.review_on) <= last_day)
    )
    return {plan.family_id: plan.review_on for plan in s.exec(query) if plan.review_on}


def check_supported(s: Session, family: Family) -> None:
    """Refuse (SupportedBlocked) supported contact while a blocking answer is recorded and
    no override is: called where a supported family is accepted or booked."""
    if family.contact_type != ContactType.supported or family.id is None:
        return
    blocked = _blocking(s, family.id)
    plan = stored_plan(s, family.id)
    if not blocked or (plan is not None and plan.override_reason):
        return
    raise SupportedBlocked(
        f"{family.ref} cannot have supported contact: {blocked[0]} "
        "(record an override with a reason on its Screening tab, or offer supervised contact)."
    )
