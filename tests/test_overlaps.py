"""The one overlap policy (pipeline/overlaps.py) and the one text folding (pipeline/folding.py)."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.folding import fold, key
from pipeline.overlaps import add_without_overlap, leftmost_longest


@dataclass
class S:
    start: int
    end: int


def spans(found):
    return [(s.start, s.end) for s in found]


def test_at_each_start_the_longest_span_wins_and_what_it_overlaps_is_dropped():
    assert spans(leftmost_longest([S(5, 9), S(0, 3), S(0, 6), S(6, 8), S(9, 12)])) == [(0, 6), (6, 8), (9, 12)]


def test_an_empty_span_is_dropped_unless_asked_to_keep_it():
    assert spans(leftmost_longest([S(2, 2), S(2, 4)])) == [(2, 4)]
    assert spans(leftmost_longest([S(2, 2), S(2, 4)], drop_empty=False)) == [(2, 4)]
    assert spans(leftmost_longest([S(1, 1), S(2, 4)], drop_empty=False)) == [(1, 1), (2, 4)]


def test_the_chosen_spans_stay_whole_and_the_others_fill_the_gaps_leftmost_longest():
    chosen = [S(10, 20)]
    found = add_without_overlap(chosen, [S(0, 4), S(2, 12), S(18, 25), S(20, 22), S(3, 8), S(20, 24)])
    assert spans(found) == [(0, 4), (10, 20), (20, 24)]


def test_folding_drops_case_and_accents_and_a_key_has_one_apostrophe_and_one_space():
    assert fold("Évry-Courcouronnes") == "evry-courcouronnes"
    assert key("l’Union  Euro-péenne") == "l'union euro peenne"
    assert key("d‘euros") == key("dʼeuros") == key("d'euros") == "d'euros"


def test_every_apostrophe_folds_alike_and_accents_can_be_kept():
    from pipeline.folding import APOSTROPHES, accented_key, lowered, straight

    assert {straight(f"l{a}an") for a in APOSTROPHES} == {"l'an"}
    assert lowered("L‘État") == "l'état"
    assert accented_key("Annoncé–t‑il  l‘an") == "annoncé t il l'an"  # annoncé is not annonce
    assert accented_key("annonce") != accented_key("annoncé")


def test_a_word_regex_matches_every_apostrophe_and_optionally_the_plain_letters():
    import re

    from pipeline.folding import APOSTROPHES, word_regex

    strict = re.compile(word_regex("d'ici à", r"\s+"))
    assert all(strict.fullmatch(f"d{a}ici  à") for a in APOSTROPHES)
    assert not strict.fullmatch("d'ici a")
    loose = re.compile(word_regex("d'ici à", r"\s+", accents_optional=True))
    assert loose.fullmatch("d‘ici a")


def test_outside_keeps_as_given_the_spans_that_overlap_no_chosen_one():
    from pipeline.overlaps import outside

    chosen = [S(10, 20), S(30, 40)]
    given = [S(25, 28), S(5, 11), S(0, 10), S(20, 30), S(22, 26), S(39, 45), S(40, 41)]
    assert spans(outside(chosen, given)) == [(25, 28), (0, 10), (20, 30), (22, 26), (40, 41)]
