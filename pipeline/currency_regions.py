"""Which currency an ambiguous currency word means on a page: francs, FCFA, dollars, livres, centimes...

    index = RegionIndex(text)
    index.resolve("franc", start, end)  -> ("CHF", "sentence: Genève")

The vocabulary is data in patterns/money_regions.json: families of ambiguous words (`francs`,
`fr.`, `frs`; `FCFA`, `francs CFA`; `dollars`, `$`; `livres`; `centimes`...) and regions (a country
or a currency zone) with the code each family takes there and the cues that name the region:
places, demonyms, institutions, currency codes. The evidence is read in this order:

1. a cue in the amount's own sentence ("En Suisse, un ménage paie 27,7 centimes"): the nearest one;
2. the page: the region named most often (at least twice), over the whole text;
3. for a family with a historical currency (`francs` -> FRF), a year before the euro in the sentence;
4. the page: a region named once, for a family without a default (`francs`, `livres`);
5. the family's default (`dollars` -> USD, `FCFA` -> XOF), possibly none (`francs` alone).

Regions of one family compete: a page that names the United States more than Canada keeps its
`dollars` in USD, whatever Canadian fund it mentions.

The cues are found in one pass over the words of the text (a dictionary look-up per word), only
when an ambiguous amount asks for them, so a page with none costs nothing. Every answer says what
decided it (`currency_evidence`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache

from pipeline import folding
from pipeline.resources import load_pattern

# How far a sentence is read on each side of an amount, in characters.
SENTENCE_REACH = 300
# A region named this many times in the page wins over a year in the sentence.
STRONG_PAGE_EVIDENCE = 2
SENTENCE_BREAK = re.compile(r"[.!?;]\s|\n")
YEAR = re.compile(r"(?<!\d)(1[0-9]\d\d|20\d\d)(?![\d,.]\d|\d)")


@dataclass(frozen=True)
class Family:
    name: str
    default: str | None
    needs_evidence: bool
    historical: str | None
    historical_before: int | None


@dataclass(frozen=True)
class Regions:
    families: dict[str, Family]
    family_of_form: dict[str, str]
    currencies: dict[str, dict[str, str]]  # region -> family -> code
    region_of_cue: dict[str, str]
    # Cues by their first token: (the cue, its region), longest first ("Côte d'Ivoire", "Banque du Canada").
    cues_by_token: dict[str, list[tuple[str, str]]]


# A token: a run of letters (apostrophes and hyphens split words: "l'Australie", "Hydro-Québec") or a currency sign.
TOKEN = re.compile(r"[^\W\d_]+|[£$€]")


@cache
def regions() -> Regions:
    data = load_pattern("money_regions.json")
    families, family_of_form = {}, {}
    for name, entry in data["families"].items():
        families[name] = Family(
            name,
            entry.get("default"),
            bool(entry.get("needs_evidence")),
            entry.get("historical"),
            entry.get("historical_before"),
        )
        for form in entry["forms"]:
            family_of_form[folding.key(form)] = name
    currencies, region_of_cue = {}, {}
    cues_by_token: dict[str, list[tuple[str, str]]] = {}
    for region, entry in data["regions"].items():
        currencies[region] = entry["currencies"]
        for cue in entry["cues"]:
            cue = folding.straight(cue)
            region_of_cue[cue] = region
            first = TOKEN.match(cue)
            key = first.group() if first else cue[0]
            cues_by_token.setdefault(key, []).append((cue, region))
    for listed in cues_by_token.values():
        listed.sort(key=lambda item: -len(item[0]))
    return Regions(families, family_of_form, currencies, region_of_cue, cues_by_token)


def family_of(written: str | None) -> str | None:
    """The family of an ambiguous written currency ('francs' -> 'franc'), None for an unambiguous one."""
    if not written:
        return None
    return regions().family_of_form.get(folding.key(written))


def family(name: str) -> Family:
    return regions().families[name]


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end), read at most SENTENCE_REACH characters each way."""
    left_edge = max(0, start - SENTENCE_REACH)
    left = left_edge
    for match in SENTENCE_BREAK.finditer(text, left_edge, start):
        left = match.end()
    found = SENTENCE_BREAK.search(text, end, min(len(text), end + SENTENCE_REACH))
    right = found.start() if found else min(len(text), end + SENTENCE_REACH)
    return left, right


class RegionIndex:
    """The region cues of one text, found once on first use."""

    def __init__(self, text: str):
        self.text = text
        self._positions: list[int] | None = None
        self._cues: list[tuple[str, str]] = []

    def _scan(self) -> None:
        """Every cue of the text, in one pass over its tokens (a dictionary look-up each, no alternation)."""
        if self._positions is not None:
            return
        table = regions()
        self._positions = []
        text = self.text
        for token in TOKEN.finditer(text):
            listed = table.cues_by_token.get(token.group())
            if not listed:
                continue
            for cue, region in listed:
                end = token.start() + len(cue)
                if folding.straight(text[token.start() : end]) != cue:
                    continue
                if cue[-1].isalnum() and end < len(text) and (text[end].isalnum() or text[end] == "_"):
                    continue
                self._positions.append(token.start())
                self._cues.append((cue, region))
                break

    def cues_between(self, start: int, end: int) -> list[tuple[int, str, str]]:
        self._scan()
        assert self._positions is not None
        first, last = bisect_left(self._positions, start), bisect_right(self._positions, end)
        return [(self._positions[i], *self._cues[i]) for i in range(first, last)]

    def page_counts(self, family_name: str) -> list[tuple[str, int, str]]:
        """Regions that give this family a code, most named first: (region, mentions, first cue)."""
        self._scan()
        currencies = regions().currencies
        counts: Counter[str] = Counter()
        first_cue: dict[str, str] = {}
        for cue, region in self._cues:
            if family_name in currencies[region]:
                counts[region] += 1
                first_cue.setdefault(region, cue)
        return [(region, count, first_cue[region]) for region, count in counts.most_common()]

    def sentence_evidence(
        self, family_name: str, left: int, right: int, position: int
    ) -> tuple[str | None, str | None]:
        """The code a cue of the sentence [left, right) gives this family (the cue nearest `position`), if any."""
        table = regions()
        near = [
            (abs(found - position), cue, region)
            for found, cue, region in self.cues_between(left, right)
            if family_name in table.currencies[region]
        ]
        if not near:
            return None, None
        _, cue, region = min(near)
        return table.currencies[region][family_name], f"sentence: {cue}"

    def resolve(self, family_name: str, start: int, end: int) -> tuple[str | None, str]:
        """The code of an amount of this family at [start, end) and the evidence that decided it."""
        table = regions()
        info = table.families[family_name]
        left, right = sentence_bounds(self.text, start, end)
        code, evidence = self.sentence_evidence(family_name, left, right, start)
        if evidence is not None:
            return code, evidence
        page = self.page_counts(family_name)
        if page and page[0][1] >= STRONG_PAGE_EVIDENCE:
            region, count, cue = page[0]
            return table.currencies[region][family_name], f"page: {cue} ({count} mentions of {region})"
        if info.historical and info.historical_before:
            for match in YEAR.finditer(self.text, left, right):
                if int(match.group(1)) < info.historical_before:
                    return info.historical, f"year: {match.group(1)}"
        if page and info.default is None:
            region, count, cue = page[0]
            return table.currencies[region][family_name], f"page: {cue} ({count} mention of {region})"
        return info.default, "default"
