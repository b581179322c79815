"""The gold set of money facts: reading, finding and validating it.

One JSONL file per split, kept apart from the entity gold (`gold/facts/seeds.jsonl`,
`gold/facts/dev.jsonl`, `gold/facts/test.jsonl`), one line per document:

    {"id": "...", "facts": [{"money": [start, end], "actor": [start, end] | null, "kind": "investment",
                             "purpose": [start, end] | null, "place": [start, end] | null,
                             "date": [start, end] | "published" | null}]}

Offsets point into the page text of the split (the `path` of the entity gold's record). The
files are compiled from hand-written sources, `gold/facts/src/<split>.txt`, by
`python scripts/facts_gold.py compile`; the labelling rules are §6 of gold/GUIDELINES.md.

`facts_gold_problems` checks a facts file against its split's entity gold and texts: every
offset inside the text and the content, `money` a MONEY entity of the gold (and every MONEY
entity given exactly one fact), `actor` a PER, ORG or LOC entity, `place` a LOC entity, `date`
a DATE entity or `published` (the document has a publication date), `purpose` a non-empty
span without white space at its edges, `kind` one of FACT_KINDS.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.model import FACT_KINDS, PUBLISHED, Argument, Document, Entity, Fact

ACTOR_LABELS = ("PER", "ORG", "LOC")
PLACE_LABELS = ("LOC",)
FACT_FIELDS = ("money", "actor", "kind", "purpose", "place", "date")

Offsets = tuple[int, int]


@dataclass(frozen=True)
class GoldFact:
    money: Offsets
    kind: str
    actor: Offsets | None = None
    purpose: Offsets | None = None
    place: Offsets | None = None
    date: Offsets | str | None = None

    def to_dict(self) -> dict[str, Any]:
        def pair(value: Offsets | None) -> list[int] | None:
            return None if value is None else [value[0], value[1]]

        return {
            "money": pair(self.money),
            "actor": pair(self.actor),
            "kind": self.kind,
            "purpose": pair(self.purpose),
            "place": pair(self.place),
            "date": self.date if isinstance(self.date, str) or self.date is None else pair(self.date),
        }

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> GoldFact:
        def pair(value: Any, name: str) -> Offsets | None:
            if value is None:
                return None
            if (
                not isinstance(value, list)
                or len(value) != 2
                or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            ):
                raise ValueError(f"{name} must be [start, end] or null, not {value!r}")
            return value[0], value[1]

        unknown = set(record) - set(FACT_FIELDS)
        if unknown:
            raise ValueError(f"unknown fields {sorted(unknown)}")
        money = pair(record.get("money"), "money")
        if money is None:
            raise ValueError("a fact needs its money [start, end]")
        date = record.get("date")
        return cls(
            money=money,
            kind=record.get("kind"),  # type: ignore[arg-type]
            actor=pair(record.get("actor"), "actor"),
            purpose=pair(record.get("purpose"), "purpose"),
            place=pair(record.get("place"), "place"),
            date=date if date is None or date == PUBLISHED else pair(date, "date"),
        )


def read_facts_gold(path: str | os.PathLike[str]) -> dict[str, list[GoldFact]]:
    """The facts of a gold file by document id; a line that cannot be read raises ValueError."""
    by_id: dict[str, list[GoldFact]] = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                doc_id = record["id"]
                facts = [GoldFact.from_dict(f) for f in record["facts"]]
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{path}:{number}: not a facts gold line ({exc})") from exc
            if doc_id in by_id:
                raise ValueError(f"{path}:{number}: a second line for the document {doc_id!r}")
            by_id[doc_id] = facts
    return by_id


def write_facts_gold(facts: Mapping[str, Sequence[GoldFact]], order: Iterable[str]) -> str:
    """The JSONL text of a facts gold file, documents in `order`."""
    lines = []
    for doc_id in order:
        record = {"id": doc_id, "facts": [fact.to_dict() for fact in facts.get(doc_id, [])]}
        lines.append(json.dumps(record, ensure_ascii=False, separators=(", ", ": ")) + "\n")
    return "".join(lines)


def facts_gold_candidates(gold_path: Path, explicit: Sequence[str | os.PathLike[str]] = ()) -> list[Path]:
    """Facts files to try for one split: those given (files, or folders of *.jsonl), else `facts/*.jsonl`
    in the gold file's folder or the folder above it (gold/facts serves gold/gold.jsonl and gold/dev/gold.jsonl)."""
    paths: list[Path] = []
    given = [Path(p) for p in explicit]
    near = [gold_path.parent / "facts", gold_path.parent.parent / "facts"]
    folders = [p for p in given if p.is_dir()] if given else near
    paths += [p for p in given if p.is_file()]
    for folder in folders:
        if folder.is_dir():
            paths += sorted(folder.glob("*.jsonl"))
    return list(dict.fromkeys(p.resolve() for p in paths))


def find_facts_gold(
    gold: Sequence[Document], gold_path: Path, explicit: Sequence[str | os.PathLike[str]] = ()
) -> Path | None:
    """The facts file of this split: among the candidates, the one whose documents all belong to it."""
    ids = {document.id for document in gold}
    for path in facts_gold_candidates(gold_path, explicit):
        try:
            facts = read_facts_gold(path)
        except (OSError, ValueError):
            continue
        if facts and set(facts) <= ids:
            return path
    return None


def _inside(span: Offsets, content: Sequence[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in content)


def facts_gold_problems(
    facts: Mapping[str, Sequence[GoldFact]], gold: Sequence[Document], texts: Mapping[str, str]
) -> list[str]:
    """Every way the facts gold breaks its rules against the split's entity gold; empty when valid."""
    problems: list[str] = []
    by_id = {document.id: document for document in gold}
    for doc_id, doc_facts in facts.items():
        document = by_id.get(doc_id)
        if document is None:
            problems.append(f"{doc_id}: not a document of the entity gold")
            continue
        text = texts.get(doc_id)
        entities = {(e.start, e.end): e for e in document.entities}
        money = sorted(span for span, e in entities.items() if e.label == "MONEY")
        seen: set[Offsets] = set()
        for index, fact in enumerate(doc_facts, 1):
            where = f"{doc_id} fact {index}"
            spans = {"money": fact.money, "actor": fact.actor, "purpose": fact.purpose, "place": fact.place}
            if isinstance(fact.date, tuple):
                spans["date"] = fact.date
            for name, span in spans.items():
                if span is None:
                    continue
                start, end = span
                if not 0 <= start < end or (text is not None and end > len(text)):
                    problems.append(f"{where}: {name} [{start}, {end}] is empty or outside the text")
                elif not _inside(span, document.content):
                    problems.append(f"{where}: {name} [{start}, {end}] lies outside content")
                elif text is not None and text[start:end] != text[start:end].strip():
                    problems.append(f"{where}: {name} {text[start:end]!r} has white space at its edges")
            if fact.kind not in FACT_KINDS:
                problems.append(f"{where}: kind {fact.kind!r} is not one of {', '.join(FACT_KINDS)}")
            if entities.get(fact.money, Entity(0, 0, "", "")).label != "MONEY":
                problems.append(f"{where}: money {list(fact.money)} is not a MONEY entity of the gold")
            elif fact.money in seen:
                problems.append(f"{where}: a second fact for the money {list(fact.money)}")
            seen.add(fact.money)
            for name, span, labels in (("actor", fact.actor, ACTOR_LABELS), ("place", fact.place, PLACE_LABELS)):
                if span is not None and entities.get(span, Entity(0, 0, "", "")).label not in labels:
                    problems.append(f"{where}: {name} {list(span)} is not a {'/'.join(labels)} entity of the gold")
            if isinstance(fact.date, tuple):
                if entities.get(fact.date, Entity(0, 0, "", "")).label != "DATE":
                    problems.append(f"{where}: date {list(fact.date)} is not a DATE entity of the gold")
            elif fact.date == PUBLISHED and not document.published:
                problems.append(f"{where}: date is `published` but the document has no publication date")
        for span in money:
            if span not in seen:
                problems.append(f"{doc_id}: the MONEY entity {entities[span].text!r} at {span[0]} has no fact")
    for document in gold:
        if document.id not in facts and any(e.label == "MONEY" for e in document.entities):
            problems.append(f"{document.id}: the facts gold has no line for this document")
    return problems


def gold_facts(document: Document, text: str | None, facts: Sequence[GoldFact]) -> list[Fact]:
    """The gold facts of one document as Facts (texts filled in), the shape the pipeline writes."""
    entities = {(e.start, e.end): e for e in document.entities}

    def argument(span: Offsets | None) -> Argument | None:
        if span is None:
            return None
        entity = entities.get(span)
        words = text[span[0] : span[1]] if text is not None else (entity.text if entity else "")
        label = entity.label if entity is not None and entity.label != "MONEY" else None
        value = entity.norm.get("value") if entity is not None and entity.label == "DATE" else None
        return Argument(span[0], span[1], words, label=label, value=value)

    result = []
    for fact in facts:
        date = fact.date if fact.date is None or fact.date == PUBLISHED else argument(fact.date)  # type: ignore[arg-type]
        result.append(
            Fact(
                money=argument(fact.money),  # type: ignore[arg-type]
                kind=fact.kind,
                actor=argument(fact.actor),
                purpose=argument(fact.purpose),
                place=argument(fact.place),
                date=date,
                rule="gold",
            )
        )
    return result
