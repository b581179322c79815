"""One overlap policy for the spans of every stage: leftmost-longest.

A span is anything with `start` and `end` (an Entity, a money Amount, a spaCy Span in tokens).

    leftmost_longest(spans)               non-overlapping and sorted: at each start the longest span wins
                                          and whatever it overlaps is dropped (of equal spans, the first given)
    outside(chosen, spans)                the spans that overlap none of the chosen ones, as given
    add_without_overlap(chosen, spans)    the chosen spans (disjoint, kept whole) and, leftmost-longest,
                                          the spans that overlap none of them

Users: the date expressions of the grammar (leftmost-longest, the rule listed first winning a tie), money's
amounts of successive matchers (add_without_overlap), the extractor (rule spans, then the names outside
them), components.py (rule spans in a spaCy doc win over the doc's entities). names.py (PatternSet's
spacy.util.filter_spans, EntitySet.put) and names_document.py still hold their own (issue 16).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar


class Span(Protocol):
    start: int
    end: int


S = TypeVar("S", bound=Span)


def leftmost_longest(spans: Iterable[S], drop_empty: bool = True) -> list[S]:
    """Non-overlapping spans, sorted: at each start the longest wins, and what it overlaps is dropped.

    Of two spans with the same start and end the first given wins. Empty spans are dropped, unless
    `drop_empty` is false (then one is kept where no span covers its position).
    """
    chosen: list[S] = []
    end = -1
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if drop_empty and span.start >= span.end:
            continue
        if span.start >= end:
            chosen.append(span)
            end = span.end
    return chosen


def outside(chosen: Sequence[S], spans: Iterable[S]) -> list[S]:
    """The spans that overlap none of the `chosen` ones (sorted by start, disjoint), in the order given; they may
    overlap one another. In O((n + m) log n), never pairwise."""
    starts = [s.start for s in chosen]
    kept = []
    for span in spans:
        # Of the disjoint chosen spans, only the last one starting before this span's end can overlap it.
        index = bisect_left(starts, span.end) - 1
        if index < 0 or chosen[index].end <= span.start:
            kept.append(span)
    return kept


def add_without_overlap(chosen: Iterable[S], spans: Iterable[S]) -> list[S]:
    """The chosen spans (disjoint, kept whole) plus, leftmost-longest, the spans that overlap none of them; sorted.

    Empty spans are kept where nothing covers them.
    """
    kept = sorted(chosen, key=lambda s: s.start)
    added = leftmost_longest(outside(kept, spans), drop_empty=False)
    return sorted([*kept, *added], key=lambda s: s.start)
