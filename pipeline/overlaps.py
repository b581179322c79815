"""One overlap policy for the spans of every stage: leftmost-longest.

A span is anything with `start` and `end` (an Entity, a money Amount, a spaCy Span in tokens).

    leftmost_longest(spans)               non-overlapping and sorted: at each start the longest span wins
                                          and whatever it overlaps is dropped
    add_without_overlap(chosen, spans)    the chosen spans (disjoint, kept whole) and, leftmost-longest,
                                          the spans that overlap none of them

model.py (entities), components.py (rule spans in a spaCy doc) and money.py (amounts found by
successive matchers) use them; the policies of dates.py and names.py are to move here (issue 16).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
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


def add_without_overlap(chosen: Iterable[S], spans: Iterable[S]) -> list[S]:
    """The chosen spans plus the spans that overlap none of them, leftmost-longest first.

    `chosen` is disjoint; the result is disjoint and sorted. In O((n + m) log n), never pairwise.
    """
    kept = sorted(chosen, key=lambda s: s.start)
    starts = [s.start for s in kept]
    added: list[S] = []
    for span in sorted(spans, key=lambda s: (s.start, s.start - s.end)):
        # The spans come sorted by start: of those added, only the last one can reach past this start.
        if added and added[-1].end > span.start:
            continue
        # Of the disjoint chosen spans, only the last one starting before this span's end can overlap it.
        index = bisect_left(starts, span.end) - 1
        if index >= 0 and kept[index].end > span.start:
            continue
        added.append(span)
    return sorted([*kept, *added], key=lambda s: s.start)
