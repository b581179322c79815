"""Every matcher runs in time linear in the length of its text, whatever the text (issue 18).

Benchmark-style checks: each hostile family of pipeline/adversarial.py is timed at two lengths in
the same run and the time per character must not grow (quadratic growth gives a ratio near 4 here,
linear near 1). No absolute time is asserted. The caps that bound the work per candidate are tested
on their own below.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest

from pipeline.adversarial import FAMILIES, normal_text, rule_stages

SMALL = 1_500
FACTOR = 4
MAX_GROWTH = 2.0


def _seconds(run: Callable[[str], object], text: str, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        gc.disable()  # no collection inside a measure (a full collection costs much in a session with the model)
        try:
            start = time.perf_counter()
            run(text)
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return best


def growth(run: Callable[[str], object], make: Callable[[int], str], rounds: int = 1) -> float:
    """Time per character at FACTOR × SMALL characters over time per character at SMALL characters."""
    small, large = make(SMALL), make(SMALL * FACTOR)
    per_small = _seconds(run, small, rounds + 1) / len(small)
    per_large = _seconds(run, large, rounds) / len(large)
    return per_large / per_small


def slow_families(run: Callable[[str], object], families: dict[str, Callable[[int], str]]) -> dict[str, float]:
    run(normal_text(2_000))  # warm-up: patterns compiled, caches filled
    slow = {}
    for name, make in families.items():
        ratio = growth(run, make)
        if ratio >= MAX_GROWTH:
            ratio = growth(run, make, rounds=3)  # measured again, so that one hiccup of the machine does not fail
        if ratio >= MAX_GROWTH:
            slow[name] = round(ratio, 2)
    return slow


def test_the_rule_stages_take_the_same_time_per_character_at_every_length():
    assert slow_families(rule_stages, FAMILIES) == {}


def test_the_name_rules_take_the_same_time_per_character_at_every_length(extractor):
    nlp = extractor.nlp

    def name_rules(text: str) -> None:
        doc = nlp.make_doc(text)
        for name, component in nlp.pipeline:
            if name != "ner":  # the statistical model is linear; the rules around it are what is checked
                doc = component(doc)

    families = {
        "capitalised words": lambda size: ("Paris " * (size // 6 + 1))[:size],
        "name and suffix": lambda size: ("Mistral AI " * (size // 11 + 1))[:size],
        "list of names": lambda size: ("KKR, EQT et Ardian, " * (size // 20 + 1))[:size],
    }
    assert slow_families(name_rules, families) == {}


# --- the caps ---------------------------------------------------------------------------------


def test_a_number_in_words_up_to_the_cap_is_read_whole():
    from pipeline.money import MAX_NUMBER_WORDS, parse_amount

    words = "neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf"
    assert len(words.replace("-", " ").split()) <= MAX_NUMBER_WORDS
    assert parse_amount(f"{words} euros")["value"] == 999_999


def test_a_run_of_number_words_past_the_cap_is_read_no_further_than_the_cap():
    from pipeline.money import MAX_NUMBER_WORDS, find_money

    text = "un " * (5 * MAX_NUMBER_WORDS) + "euros"
    for entity in find_money(text):
        assert len(entity.text.split()) <= MAX_NUMBER_WORDS + 1


def test_chained_collectives_up_to_the_cap_are_a_vague_amount():
    from pipeline.money import MAX_COLLECTIVES, find_money

    assert MAX_COLLECTIVES >= 2
    (entity,) = find_money("Il a perdu des dizaines de milliers de milliards d'euros.")
    assert entity.text == "dizaines de milliers de milliards d'euros" and entity.norm["vague"]
    long_chain = "dizaines de " * (MAX_COLLECTIVES + 5) + "milliards d'euros"
    for entity in find_money(long_chain):
        assert entity.text.count("dizaines") <= MAX_COLLECTIVES + 1


def test_listed_days_up_to_the_cap_are_one_span():
    from pipeline.dates import MAX_LISTED_DAYS, find_dates

    assert MAX_LISTED_DAYS >= 30
    (entity,) = find_dates("Les réunions auront lieu les 3, 4, 5, 6 et 7 février 2025.")
    assert entity.text == "3, 4, 5, 6 et 7 février 2025" and entity.norm["value"] == "2025-02-03/2025-02-07"


def test_a_long_grouped_number_is_read_whole():
    from pipeline.money import find_money

    (entity,) = find_money("Un fonds de 1 000 000 000 000 000 000 euros.")
    assert entity.norm["value"] == 10**18


@pytest.mark.parametrize(("operator", "bounded_to"), [("+", "{1,8}"), ("*", "{0,8}"), ("?", "?")])
def test_token_patterns_repeat_a_token_a_bounded_number_of_times(operator, bounded_to):
    from pipeline.names import MAX_PATTERN_REPEAT, bounded

    assert MAX_PATTERN_REPEAT == 8
    assert bounded({"IS_TITLE": True, "OP": operator})["OP"] == bounded_to


def test_the_model_sees_spaces_in_place_of_a_long_run_without_letters():
    from pipeline.names import MIN_LETTERLESS_RUN, ContentText

    run = "1-" * MIN_LETTERLESS_RUN
    raw = f"Paris {run}\n{run} Lyon 12 %"
    joined = ContentText.build(raw, [(0, len(raw))]).text
    assert len(joined) == len(raw) and joined.count("\n") == 1
    assert joined.startswith("Paris ") and joined.endswith(" Lyon 12 %") and "1-" not in joined


def test_amounts_are_added_without_overlap_as_the_pairwise_rule_does():
    """The sorted sweep of `add_without_overlap` keeps what the pairwise check it replaced kept."""
    import random

    from pipeline.money import Amount
    from pipeline.overlaps import add_without_overlap

    def pairwise(chosen, candidates):
        result = list(chosen)
        for candidate in sorted(candidates, key=lambda a: (a.start, a.start - a.end)):
            if not any(candidate.overlaps(other) for other in result):
                result.append(candidate)
        return sorted(result, key=lambda a: a.start)

    chooser = random.Random(18)
    for _ in range(300):
        spans = [(start, start + chooser.randint(1, 8)) for start in chooser.sample(range(60), 12)]
        candidates = [Amount(start, end) for start, end in spans]
        chosen = pairwise([], [Amount(start, end) for start, end in chooser.sample(spans, 4)])
        expected = [(a.start, a.end) for a in pairwise(chosen, candidates)]
        assert [(a.start, a.end) for a in add_without_overlap(chosen, candidates)] == expected


def test_a_run_of_number_words_is_read_from_its_first_word_only():
    from pipeline.money import find_money

    # "chacun" ends like "un" but is no number word: "deux euros" after it is an amount
    assert [(e.text, e.norm["value"]) for e in find_money("Ils ont reçu chacun deux euros.")] == [("deux euros", 2)]
    # a run that is no number keeps its last words (text2num reads them), found from the run's first word
    assert [(e.text, e.norm["value"]) for e in find_money("trois deux euros")] == [("deux euros", 2)]
    assert [(e.text, e.norm["value"]) for e in find_money("vingt et un euros")] == [("vingt et un euros", 21)]
