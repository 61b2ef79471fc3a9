"""The level of contact a screening recommends: the rules, in one place, with their words.

Each rule looks at one checklist answer about one adult. A matching rule gives the level it
requires (the strictest level of all matching rules is the recommendation) and the words the
coordinator is shown. A rule that `blocks` stops supported contact outright until the
coordinator records an override with a reason (NACCC's protocol: such referrals do not go
to a supported centre).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from contactcentre.store.models.enums import Answer, Level, ScreeningItem

STRICTNESS = (Level.supported, Level.supervised, Level.not_suitable)
LEVEL_WORDS = {
    Level.supported: "Supported contact",
    Level.supervised: "Supervised contact",
    Level.not_suitable: "Not suitable for the centre",
}
QUESTIONS = {
    ScreeningItem.domestic_abuse: "Domestic abuse (and who is at risk)",
    ScreeningItem.orders: "Non-molestation, prohibited-steps or other orders",
    ScreeningItem.child_offences: "Convictions for offences against children",
    ScreeningItem.violence: "Convictions for violence",
    ScreeningItem.substance_misuse: "Substance misuse",
    ScreeningItem.abduction: "Risk of abduction",
    ScreeningItem.child_protection: "An open child-protection case",
    ScreeningItem.social_services: "Current social-services involvement",
    ScreeningItem.mental_health: "Mental-health concerns affecting safety",
    ScreeningItem.referrer_concerns: "Concerns the referrer raises",
}
ANSWER_WORDS = {Answer.yes: "Yes", Answer.no: "No", Answer.unknown: "Not known"}


@dataclass(frozen=True)
class Rule:
    item: ScreeningItem
    answer: Answer
    level: Level
    words: str
    blocks: bool = False  # supported contact is blocked unless overridden


RULES: tuple[Rule, ...] = (
    Rule(
        ScreeningItem.child_offences,
        Answer.yes,
        Level.supervised,
        "A conviction for an offence against a child is recorded: NACCC's protocol says "
        "the referral should not go to a supported centre.",
        blocks=True,
    ),
    Rule(
        ScreeningItem.child_protection,
        Answer.yes,
        Level.supervised,
        "An open child-protection case is recorded: NACCC's protocol says the referral "
        "should not go to a supported centre.",
        blocks=True,
    ),
    Rule(
        ScreeningItem.abduction,
        Answer.yes,
        Level.not_suitable,
        "There is a risk of abduction: a shared room with volunteers cannot prevent it.",
    ),
    Rule(
        ScreeningItem.violence,
        Answer.yes,
        Level.supervised,
        "A conviction for violence is recorded: contact needs a worker watching.",
    ),
    Rule(
        ScreeningItem.substance_misuse,
        Answer.yes,
        Level.supervised,
        "Substance misuse is recorded: contact needs a worker watching.",
    ),
    Rule(
        ScreeningItem.mental_health,
        Answer.yes,
        Level.supervised,
        "Mental-health concerns affect safety: contact needs a worker watching.",
    ),
    Rule(
        ScreeningItem.referrer_concerns,
        Answer.yes,
        Level.supervised,
        "The referrer raises concerns about safety: contact needs a worker watching.",
    ),
    Rule(
        ScreeningItem.domestic_abuse,
        Answer.yes,
        Level.supported,
        "Domestic abuse is recorded: the parents must not meet (staggered times).",
    ),
    Rule(
        ScreeningItem.orders,
        Answer.yes,
        Level.supported,
        "An order is recorded: check its terms allow contact here, and its expiry.",
    ),
    Rule(
        ScreeningItem.social_services,
        Answer.yes,
        Level.supported,
        "Social services are involved: ask them before the first session.",
    ),
    Rule(
        ScreeningItem.child_offences,
        Answer.unknown,
        Level.supervised,
        "Not known whether there is a conviction for an offence against a child: "
        "find out before offering supported contact.",
    ),
    Rule(
        ScreeningItem.child_protection,
        Answer.unknown,
        Level.supervised,
        "Not known whether there is an open child-protection case: find out before "
        "offering supported contact.",
    ),
)


@dataclass(frozen=True)
class Recommendation:
    level: Level
    reasons: tuple[str, ...]  # the words of every matching rule, strictest first
    blocked: tuple[str, ...]  # the words of the rules that block supported contact

    @property
    def words(self) -> str:
        return LEVEL_WORDS[self.level]


def recommend(answers: Iterable[tuple[ScreeningItem, Answer]]) -> Recommendation:
    """The level for one adult's answers (supported when no rule matches)."""
    given = set(answers)
    matched = [rule for rule in RULES if (rule.item, rule.answer) in given]
    matched.sort(key=lambda rule: -STRICTNESS.index(rule.level))
    level = matched[0].level if matched else Level.supported
    return Recommendation(
        level,
        tuple(rule.words for rule in matched),
        tuple(rule.words for rule in matched if rule.blocks),
    )


def strictest(levels: Iterable[Level]) -> Level:
    return max(levels, key=STRICTNESS.index, default=Level.supported)
