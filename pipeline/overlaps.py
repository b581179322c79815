"""One overlap policy for the spans of every stage: leftmost-longest, and the named variants the stages need.

A span is anything with `start` and `end` (an Entity, a money Amount, a spaCy Span in tokens). "Overlap" means
sharing at least one position: [0, 3) and [3, 5) do not overlap.

    leftmost_longest(spans)               non-overlapping and sorted: at each start the longest span wins
                                          and whatever it overlaps is dropped (of equal spans, the first given)
    longest_first(spans)                  non-overlapping and sorted: the longest span wins wherever it is, then
                                          of equal lengths the earliest, then the first given (spaCy's
                                          `filter_spans`)
    outside(chosen, spans)                the spans that overlap none of the chosen ones, as given
    add_without_overlap(chosen, spans)    the chosen spans (disjoint, kept whole) and, leftmost-longest,
                                          the spans that overlap none of them
    first_come(chosen, spans)             the spans, in the order given, that overlap neither a chosen span nor
                                          a span kept before them (the first to come keeps its place)
    overlapping(chosen, start, end)       the chosen spans (sorted, disjoint) that overlap [start, end)
    newest_wins(chosen, span)             the chosen spans (sorted, disjoint) with `span` put in whole and the
                                          spans it overlaps dropped

Users: leftmost_longest — the date expressions of the grammar (the rule listed first winning a tie), the
extractor (rule spans, then the names outside them, via `outside`), the names' post-processing (names_clean.py)
and document rules (names_document.py); add_without_overlap — money's amounts of successive matchers,
components.py (rule spans in a spaCy doc win over the doc's entities); longest_first — the ruler's pattern
matches (names_ruler.PatternSet: `EU AI Act` over `AI Act`); outside — the ruler adds its (disjoint) matches
where no entity stands yet (names_ruler.NameRuler); first_come — the uncovered repeats of resolved names
(names_document.consistent_names); overlapping and newest_wins — names_ruler.EntitySet, through which the
context rules (names_contexts.py) and the known places put a span over the entities it overlaps.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
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


def longest_first(spans: Iterable[S]) -> list[S]:
    """Non-overlapping spans, sorted: the longest span wins wherever it stands and what it overlaps is dropped;
    of equal lengths the earliest start wins, of equal spans the first given. Empty spans are dropped.

    The policy of `spacy.util.filter_spans` (and of spaCy's EntityRuler), for any span: of `[0, 5)` and `[3, 9)`,
    `leftmost_longest` keeps `[0, 5)` (it starts first) and `longest_first` keeps `[3, 9)` (it is longer).
    """
    kept: list[S] = []  # sorted by start, disjoint
    for span in sorted((s for s in spans if s.start < s.end), key=lambda s: (s.start - s.end, s.start)):
        index = bisect_left(kept, span.end, key=lambda s: s.start)
        # Of the disjoint kept spans, only the last one starting before this span's end can overlap it.
        if index == 0 or kept[index - 1].end <= span.start:
            kept.insert(index, span)
    return kept


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


def first_come(chosen: Iterable[Span], spans: Iterable[S]) -> list[S]:
    """The spans, in the order given, that overlap neither a chosen span nor a span kept before them: each span
    keeps its place if it comes first, whatever its length. The chosen spans may overlap one another and are not
    returned; empty spans (chosen or given) are dropped."""
    covered: list[list[int]] = []  # the positions the chosen and kept spans cover, as disjoint sorted [start, end)
    for span in sorted((s for s in chosen if s.start < s.end), key=lambda s: s.start):
        if covered and span.start < covered[-1][1]:
            covered[-1][1] = max(covered[-1][1], span.end)
        else:
            covered.append([span.start, span.end])
    kept = []
    for span in spans:
        if span.start >= span.end:
            continue
        index = bisect_left(covered, span.end, key=lambda c: c[0])
        if index == 0 or covered[index - 1][1] <= span.start:
            covered.insert(index, [span.start, span.end])
            kept.append(span)
    return kept


def _overlapped(chosen: Sequence[Span], start: int, end: int) -> tuple[int, int]:
    """The index range of the chosen spans (sorted by start, disjoint, none empty) that overlap [start, end)."""
    if start >= end:
        return 0, 0
    low = bisect_right(chosen, start, key=lambda s: s.end)  # the first span ending after `start`
    high = bisect_left(chosen, end, key=lambda s: s.start)  # past the last span starting before `end`
    return low, max(low, high)


def overlapping(chosen: Sequence[S], start: int, end: int) -> list[S]:
    """The chosen spans (sorted by start, disjoint, none empty) that overlap [start, end), in order; none for an
    empty range. In O(log n) plus the spans found."""
    low, high = _overlapped(chosen, start, end)
    return list(chosen[low:high])


def newest_wins(chosen: Sequence[S], span: S) -> list[S]:
    """The chosen spans (sorted by start, disjoint, none empty) with `span` put in whole and every span it overlaps
    dropped: the newest span wins. An empty span is dropped (the chosen spans come back unchanged)."""
    if span.start >= span.end:
        return list(chosen)
    low, high = _overlapped(chosen, span.start, span.end)
    return [*chosen[:low], span, *chosen[high:]]
