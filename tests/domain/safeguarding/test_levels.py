"""The level rules, one row per answer a coordinator could record: what is recommended,
whether supported contact is blocked, and the words shown."""

from __future__ import annotations

import pytest

from contactcentre.domain.safeguarding import levels
from contactcentre.store.models import Answer, Level, ScreeningItem

Q, A, L = ScreeningItem, Answer, Level

# answers -> (level, blocked, a word the coordinator reads)
TABLE = [
    ([], L.supported, False, ""),
    ([(Q.domestic_abuse, A.no), (Q.child_offences, A.no)], L.supported, False, ""),
    ([(Q.child_offences, A.yes)], L.supervised, True, "offence against a child"),
    ([(Q.child_protection, A.yes)], L.supervised, True, "child-protection case"),
    ([(Q.child_offences, A.unknown)], L.supervised, False, "find out"),
    ([(Q.child_protection, A.unknown)], L.supervised, False, "find out"),
    ([(Q.abduction, A.yes)], L.not_suitable, False, "abduction"),
    ([(Q.violence, A.yes)], L.supervised, False, "violence"),
    ([(Q.substance_misuse, A.yes)], L.supervised, False, "Substance misuse"),
    ([(Q.mental_health, A.yes)], L.supervised, False, "Mental-health"),
    ([(Q.referrer_concerns, A.yes)], L.supervised, False, "referrer"),
    ([(Q.domestic_abuse, A.yes)], L.supported, False, "must not meet"),
    ([(Q.orders, A.yes)], L.supported, False, "expiry"),
    ([(Q.social_services, A.yes)], L.supported, False, "Social services"),
    ([(Q.abduction, A.yes), (Q.child_offences, A.yes)], L.not_suitable, True, "abduction"),
]


@pytest.mark.parametrize(("answers", "level", "blocked", "word"), TABLE)
def test_each_answer_recommends_its_level_in_words(
    answers: list[tuple[ScreeningItem, Answer]], level: Level, blocked: bool, word: str
) -> None:
    found = levels.recommend(answers)
    assert found.level == level
    assert bool(found.blocked) is blocked
    assert word in " ".join(found.reasons)
    if found.reasons:  # the strictest reason is read first
        strictest = max(
            levels.RULES,
            key=lambda r: (
                levels.STRICTNESS.index(r.level) if (r.item, r.answer) in set(answers) else -1
            ),
        )
        assert found.reasons[0] == strictest.words


def test_every_question_is_asked_and_every_rule_is_about_one_of_them() -> None:
    assert set(levels.QUESTIONS) == set(ScreeningItem)
    assert {rule.item for rule in levels.RULES} <= set(ScreeningItem)
    assert all(rule.words.endswith(".") for rule in levels.RULES)
