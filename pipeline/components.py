"""Every spaCy component of fr-extract, registered here and nowhere else.

    fr_money, fr_dates      the rule stages (below)
    fr_line_breaks          a line break starts a sentence, so that no name runs across it
    fr_names_ruler          the names ruler: listed names and name shapes, set before the model
    fr_place_names          known places, before or after the model (`before_model`)
    fr_name_contexts        names found by their context (`la start-up X`)

The names components are classes of pipeline/names.py (their order around `ner` is
`names.add_name_rules`). pyproject.toml lists each factory under the `spacy_factories` entry
points, so that a pipeline built from a config (`nlp.add_pipe("fr_money")`, a config file's
`factory = "fr_dates"`) finds it without importing anything of fr-extract first.

`fr_money` and `fr_dates` each wrap a plain finder (`text -> list[Entity]`) so that the same rules
serve the Extractor and any other spaCy pipeline. Rule spans go into `doc.ents`, replacing any
overlapping entity (an amount or a date wins over a model guess), and carry their normalised
fields on `span._.norm`.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.model import Entity
from pipeline.names import (
    CONTEXT_PATTERNS,
    RULER_PATTERNS,
    NameContexts,
    NamesRuler,
    PlaceNames,
    mark_line_breaks,
    place_patterns,
    ruler_patterns,
)
from pipeline.overlaps import add_without_overlap, leftmost_longest

if not Span.has_extension("norm"):
    Span.set_extension("norm", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)


def set_rule_entities(doc: Doc, entities: list[Entity]) -> Doc:
    """Put rule entities into doc.ents; they win over overlapping entities already there."""
    spans = []
    for entity in entities:
        span = doc.char_span(entity.start, entity.end, label=entity.label, alignment_mode="expand")
        if span is None:
            continue
        span._.norm = dict(entity.norm)
        spans.append(span)
    doc.ents = add_without_overlap(leftmost_longest(spans, drop_empty=False), doc.ents)
    return doc


class RuleComponent:
    def __init__(self, name: str, finder: Callable[[Doc], list[Entity]]):
        self.name = name
        self.finder = finder

    def __call__(self, doc: Doc) -> Doc:
        return set_rule_entities(doc, self.finder(doc))


@Language.factory("fr_money")
def make_money_component(nlp: Language, name: str) -> RuleComponent:
    from pipeline.money import find_money

    return RuleComponent(name, lambda doc: find_money(doc.text))


@Language.factory("fr_dates")
def make_dates_component(nlp: Language, name: str) -> RuleComponent:
    from pipeline.dates import find_dates

    return RuleComponent(name, lambda doc: find_dates(doc.text, published=doc._.published))


Language.component("fr_line_breaks", func=mark_line_breaks)


@Language.factory("fr_names_ruler", default_config={"patterns": RULER_PATTERNS})
def make_names_ruler(nlp: Language, name: str, patterns: str) -> NamesRuler:
    return NamesRuler(nlp, name, ruler_patterns(patterns))


@Language.factory("fr_place_names", default_config={"patterns": RULER_PATTERNS, "before_model": False})
def make_place_names(nlp: Language, name: str, patterns: str, before_model: bool) -> PlaceNames:
    return PlaceNames(nlp, name, place_patterns(nlp, patterns), before_model)


@Language.factory("fr_name_contexts", default_config={"patterns": CONTEXT_PATTERNS})
def make_name_contexts(nlp: Language, name: str, patterns: str) -> NameContexts:
    return NameContexts(nlp, name, patterns)
