"""Post-processing of the names stage: plain text and entities in, entities out (`clean_names`)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from pipeline.folding import APOSTROPHE, APOSTROPHES, lowered
from pipeline.model import Entity
from pipeline.names_ruler import name_rules
from pipeline.overlaps import leftmost_longest

# How far post-processing looks around a name (characters, never across a line break).
CONTEXT_WINDOW = 80

_APOS = re.escape(APOSTROPHES)  # inside a character class
_LEADING_WORD = re.compile(rf"[^\s{_APOS}]+{APOSTROPHE}|[^\s{_APOS}]+(?=\s)")
_WORD = re.compile(rf"[^\s{_APOS}]+{APOSTROPHE}?")
_LINE_BREAK = re.compile(r"\r\n?|\n")
_SENTENCE_AFTER = re.compile(r"\s*(?:$|[A-ZÀ-Ý\n])")


class Lines:
    """The lines of a text, found once: which line holds an offset, and the text around it on that line."""

    def __init__(self, text: str):
        self.text = text
        breaks = list(_LINE_BREAK.finditer(text))
        self.starts = [0] + [m.end() for m in breaks]
        self.ends = [m.start() for m in breaks] + [len(text)]

    def bounds(self, position: int) -> tuple[int, int]:
        index = bisect_right(self.starts, position) - 1
        return self.starts[index], self.ends[index]

    def before(self, position: int) -> str:
        start = max(self.bounds(position)[0], position - CONTEXT_WINDOW)
        return self.text[start:position]

    def after(self, position: int) -> str:
        end = min(self.bounds(position)[1], position + CONTEXT_WINDOW)
        return self.text[position:end]


def _strip_edges(text: str, start: int, end: int, characters: str) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in characters):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in characters):
        end -= 1
    return start, end


def _strip_leading_words(text: str, start: int, end: int, words: frozenset[str]) -> tuple[int, int]:
    """Drop leading words of `words`; an elided one (`l'`) may be glued to the next word."""
    while start < end:
        match = _LEADING_WORD.match(text, start, end)
        if not match or lowered(match.group()) not in words:
            break
        start = match.end()
        while start < end and text[start].isspace():
            start += 1
    return start, end


def _starts_sentence(lines: Lines, position: int) -> bool:
    before = lines.before(position).rstrip(" \t")
    return not before or before[-1] in '.!?:;…«“"(—–-•*'


# An opening mark and the mark that closes it.
_CLOSING = {"«": "»", "“": "”", "(": ")", '"': '"'}


def _fills_marks(text: str, start: int, end: int) -> bool:
    """The span is all the text between quotation marks or parentheses (`« La Digue »`, `(Le Pacte)`): a title or
    a name quoted whole, whose capitalised article is its own (D32: `« Le Chat »`)."""
    before = text[max(0, start - 3) : start].rstrip(" \u00a0\u202f")
    after = text[end : end + 3].lstrip(" \u00a0\u202f")
    return bool(before) and before[-1] in _CLOSING and after[:1] == _CLOSING[before[-1]]


def split_lines(entity: Entity) -> list[Entity]:
    """An entity cut at its line breaks, one piece per line: names never cross a line."""
    if "\n" not in entity.text and "\r" not in entity.text:
        return [entity]
    return [
        replace(entity, start=entity.start + m.start(), end=entity.start + m.end(), text=m.group())
        for m in re.finditer(r"[^\r\n]+", entity.text)
    ]


def trim_name(lines: Lines, entity: Entity) -> Entity | None:
    """The entity without what the guidelines leave out of a name, or None when no name is left.

    Off the edges: quotation marks and punctuation, a sentence's full stop, a weekday or month,
    and for a model span a determiner or elided article (a capitalised article inside a
    sentence belongs to the name: `à La Haye`, `selon Les Echos`); off a person, role titles
    (`le président Emmanuel Macron`). A role with its complement and no name (`président de la
    République`) is no person.
    """
    rules, text = name_rules(), lines.text
    start, end = entity.start, entity.end
    while True:
        before = (start, end)
        start, end = _strip_edges(text, start, end, rules.edge_characters)
        if text.endswith(".", start, end) and lowered(text[start:end].split()[-1]) not in rules.abbreviations:
            end -= 1
        if entity.source == "model" and (
            text[start : start + 1].islower() or (_starts_sentence(lines, start) and not _fills_marks(text, start, end))
        ):
            start, end = _strip_leading_words(text, start, end, rules.determiners)
        start, end = _strip_leading_words(text, start, end, rules.calendar_words)
        # Off a person, any role title; off another model name, a role in lower case (`ministre de l'Économie`).
        if entity.label == "PER" or (entity.source == "model" and text[start : start + 1].islower()):
            after_role = _strip_leading_words(text, start, end, rules.role_titles)
            if after_role != (start, end):
                rest = [*text[after_role[0] : after_role[1]].split()[:2], ""]
                first = lowered(rest[0])
                if first.startswith("d'") or (
                    first in rules.role_complements and not (first == "de" and rest[1][:1].isupper())
                ):
                    return None  # `président de la République`; but `Général de Gaulle` keeps `de Gaulle`
                start, end = after_role
        if (start, end) == before:
            break
    if start >= end:
        return None
    if text[end - 1] in APOSTROPHES and text[end : end + 1] == "s" and not text[end + 1 : end + 2].isalpha():
        end += 1  # an English possessive name cut at its apostrophe (`Sainsbury’s`, `Christie's`)
    elif (
        text[end : end + 1] == "."
        and lowered(text[start:end].split()[-1] + ".") in rules.abbreviations
        and not _SENTENCE_AFTER.match(text, end + 1)
    ):
        end += 1  # a company abbreviation cut before its period (`Warner Bros.)`); at a sentence end, a full stop
    return replace(entity, start=start, end=end, text=text[start:end])


def is_name(entity: Entity) -> bool:
    """False for what is never a name: a common noun, a weekday or month, a role, a model span with no capital."""
    rules = name_rules()
    if lowered(entity.text) in rules.not_names:
        return False
    words = [lowered(w) for w in _WORD.findall(entity.text)]
    if all(w in rules.calendar_words or w in rules.date_filler or w.isdigit() for w in words):
        return False
    if all(w in rules.role_titles for w in words):
        return False  # a role without a name (`Première ministre`)
    return entity.source != "model" or any(c.isupper() for c in entity.text)


def is_figurative(lines: Lines, entity: Entity) -> bool:
    """A name used as a common noun: `un véritable « Airbus de l'IA »`, `un CERN pour l'IA`."""
    rules = name_rules()
    left = lowered(lines.before(entity.start)).rstrip(" " + rules.quotes)
    right = lowered(lines.after(entity.end)).lstrip(" " + rules.quotes)
    return bool(rules.figurative_before.search(left) and rules.figurative_after.match(right))


def label_seat(lines: Lines, entity: Entity) -> Entity:
    """An institution named after its seat (`Élysée`) is a place after `à`, `devant`, ...; else an actor."""
    rules = name_rules()
    if lowered(entity.text) not in rules.seats:
        return entity
    label = "LOC" if rules.at_place.search(lowered(lines.before(entity.start))) else "ORG"
    if entity.label == label:
        return entity
    return replace(entity, label=label, source="patterns", rule="names:seat-by-use")


_LIST_ITEM = re.compile(r"^\s*(?:\d{1,3}[.)°]|[-•*·▪►])\s")


def is_heading(line: str) -> bool:
    """A short line in title case (`Investissements Colossaux en France, Focus sur les Centres`)."""
    settings = name_rules().heading
    if len(line) > settings["max_chars"] or line.rstrip().endswith((".", "!", "?")):
        return False
    if _LIST_ITEM.match(line):
        return False  # a ranked or bulleted list item (`1. Nom (Club) 60 M€`) is no heading
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", line)[1:]
    long_words = [w for w in words if len(w) >= settings["min_letters"] and lowered(w) not in name_rules().stop_words]
    if len(long_words) < settings["min_words"]:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised / len(long_words) >= settings["capitalised_share"]


def clean_names(text: str, entities: Sequence[Entity]) -> list[Entity]:
    """The post-processing rules over the names of one document (offsets into `text`): sorted, no overlaps."""
    lines = Lines(text)
    cleaned = []
    for entity in entities:
        for piece in split_lines(entity):
            trimmed = trim_name(lines, piece)
            if trimmed is not None and is_name(trimmed) and not is_figurative(lines, trimmed):
                cleaned.append(label_seat(lines, trimmed))

    headings: dict[tuple[int, int], bool] = {}

    def in_heading(entity: Entity) -> bool:
        bounds = lines.bounds(entity.start)
        if bounds not in headings:
            headings[bounds] = bounds[1] - bounds[0] <= name_rules().heading["max_chars"] and is_heading(
                text[bounds[0] : bounds[1]]
            )
        return headings[bounds]

    # A title-case heading capitalises every word: the model's names there need a second mention.
    confirmed = {lowered(e.text) for e in cleaned if e.source == "patterns" or not in_heading(e)}
    rule_labels: dict[str, str] = {}
    for entity in cleaned:
        if entity.source == "patterns":
            rule_labels.setdefault(lowered(entity.text), entity.label)  # the first mention introduces the name
    kept = []
    for entity in cleaned:
        folded = lowered(entity.text)
        if entity.source == "model":
            if folded not in confirmed:
                continue
            label = rule_labels.get(folded, entity.label)
            if label != entity.label and folded not in name_rules().seats:
                entity = replace(entity, label=label, source="patterns", rule="names:label-of-the-rule-mention")
        kept.append(entity)
    return leftmost_longest(kept)
