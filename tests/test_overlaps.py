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


@dataclass
class Tagged:
    start: int
    end: int
    tag: str


def test_longest_first_keeps_the_longest_span_wherever_it_starts():
    from pipeline.overlaps import longest_first

    given = [S(0, 5), S(3, 9), S(9, 11), S(10, 14), S(20, 21)]
    assert spans(longest_first(given)) == [(3, 9), (10, 14), (20, 21)]
    assert spans(leftmost_longest(given)) == [(0, 5), (9, 11), (20, 21)]  # the policies differ


def test_longest_first_breaks_a_tie_of_length_by_the_earliest_start_then_the_first_given():
    from pipeline.overlaps import longest_first

    assert spans(longest_first([S(4, 8), S(2, 6), S(6, 10)])) == [(2, 6), (6, 10)]
    twins = longest_first([Tagged(1, 3, "late"), Tagged(0, 1, "x"), Tagged(1, 3, "early")][::-1])
    assert [(s.start, s.end, s.tag) for s in twins] == [(0, 1, "x"), (1, 3, "early")]
    assert longest_first([S(2, 2), S(5, 5)]) == []  # empty spans are dropped


def test_longest_first_is_spacys_filter_spans():
    from hypothesis import given
    from hypothesis import strategies as st
    from spacy.util import filter_spans

    from pipeline.overlaps import longest_first

    bounds = st.tuples(st.integers(0, 30), st.integers(1, 8))

    @given(st.lists(bounds, max_size=25))
    def check(pairs):
        given_spans = [Tagged(start, start + length, str(i)) for i, (start, length) in enumerate(pairs)]
        assert longest_first(given_spans) == filter_spans(given_spans)

    check()


def test_first_come_keeps_each_span_that_comes_before_any_span_it_overlaps():
    from pipeline.overlaps import first_come

    chosen = [S(10, 20), S(15, 25)]  # the chosen spans may overlap one another
    given = [S(30, 33), S(0, 12), S(28, 40), S(0, 10), S(25, 30), S(2, 4), S(31, 32)]
    assert spans(first_come(chosen, given)) == [(30, 33), (0, 10), (25, 30)]  # in the order given
    tie = first_come([], [Tagged(5, 9, "first"), Tagged(5, 9, "second"), Tagged(4, 12, "longer")])
    assert [s.tag for s in tie] == ["first"]
    assert first_come([S(3, 3)], [S(3, 3), S(2, 4)]) == [S(2, 4)]  # empty spans are dropped, chosen or given


def test_overlapping_finds_the_chosen_spans_sharing_a_position_with_a_range():
    from pipeline.overlaps import overlapping

    chosen = [S(0, 2), S(4, 6), S(6, 9), S(12, 13)]
    assert spans(overlapping(chosen, 5, 7)) == [(4, 6), (6, 9)]
    assert spans(overlapping(chosen, 2, 4)) == []  # touching is no overlap
    assert spans(overlapping(chosen, 1, 20)) == [(0, 2), (4, 6), (6, 9), (12, 13)]
    assert overlapping(chosen, 5, 5) == []  # an empty range overlaps nothing
    assert overlapping([], 0, 10) == []


def test_the_newest_span_is_put_in_whole_and_drops_what_it_overlaps():
    from pipeline.overlaps import newest_wins

    chosen = [S(0, 3), S(5, 8), S(8, 10), S(14, 16)]
    assert spans(newest_wins(chosen, S(7, 12))) == [(0, 3), (7, 12), (14, 16)]
    assert spans(newest_wins(chosen, S(3, 5))) == [(0, 3), (3, 5), (5, 8), (8, 10), (14, 16)]  # into a gap
    same = newest_wins([Tagged(2, 4, "old")], Tagged(2, 4, "new"))
    assert [s.tag for s in same] == ["new"]  # of equal spans the newest wins
    assert spans(newest_wins(chosen, S(9, 9))) == spans(chosen)  # an empty span is dropped
    assert spans(newest_wins([], S(1, 2))) == [(1, 2)]
