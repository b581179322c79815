"""Checks of a record against the contract: used on predictions and on the gold set alike."""

from __future__ import annotations

import calendar
import json
import math
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from pipeline.model import LABELS, Document
from pipeline.reader import sha256_of

_DAY = r"(?:\d{4}|XXXX)(?:-(?:0[1-9]|1[0-2]|XX)(?:-(?:0[1-9]|[12]\d|3[01]|XX))?)?"
_WEEK = r"(?:\d{4}|XXXX)-W(?:0[1-9]|[1-4]\d|5[0-3]|XX)(?:-[1-7]|-WE)?"
_SEASON = r"(?:\d{4}|XXXX)-(?:SP|SU|FA|WI|Q[1-4]|H[12])"
_DECADE = r"\d{3}X|\d{2}XX"
_POINT = rf"(?:{_WEEK}|{_SEASON}|{_DECADE}|{_DAY})"
TIMEX3 = re.compile(rf"{_POINT}(?:/{_POINT})?")
QUALIFIERS = {None, "approx", "min", "max"}
ISO_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")


def iso_date_problem(value: str) -> str | None:
    """Why `value` is not an ISO date of the calendar at year, month or day precision; None when it is one."""
    match = ISO_DATE.fullmatch(value)
    if match is None:
        return "not an ISO date (2025-02-12, 2025-02 or 2025)"
    year, month, day = (int(part) if part else None for part in match.groups())
    if year == 0:
        return "there is no year 0000"
    if month is not None and not 1 <= month <= 12:
        return f"there is no month {month:02d}"
    if day is not None:
        days = calendar.monthrange(year, month)[1]  # type: ignore[arg-type]
        if not 1 <= day <= days:
            return f"{value} is not a day of the calendar ({days} days in that month)"
    return None


@cache
def iso_4217_codes() -> frozenset[str]:
    # CLDR's list of ISO 4217 codes, current and historical (FRF), through Babel's public API: not
    # price-parser's private table, which also holds non-ISO codes (RMB, NTD).
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def entity_field_problems(entity) -> list[str]:
    where = f"{entity.label} {entity.text!r} at {entity.start}"
    norm = entity.norm
    problems = []
    if entity.label == "MONEY":
        for name in ("value", "min", "max"):
            if norm.get(name) is not None and not _is_number(norm[name]):
                problems.append(f"{where}: {name} {norm[name]!r} is not a number")
        currency = norm.get("currency")
        if currency is not None and currency not in iso_4217_codes():
            problems.append(f"{where}: currency {currency!r} is not an ISO 4217 code")
        if norm.get("qualifier") not in QUALIFIERS:
            problems.append(f"{where}: qualifier {norm.get('qualifier')!r} is not one of approx, min, max, null")
        for name in ("currency_inferred", "vague"):
            if not isinstance(norm.get(name), bool):
                problems.append(f"{where}: {name} must be true or false")
        is_range = norm.get("min") is not None or norm.get("max") is not None
        if is_range and norm.get("value") is not None:
            problems.append(f"{where}: a range has value null")
        if norm.get("vague") and norm.get("value") is not None:
            problems.append(f"{where}: a vague amount has value null")
        if norm.get("currency_inferred") and currency is None:
            problems.append(f"{where}: an inferred currency cannot be null")
    elif entity.label == "DATE":
        value = norm.get("value")
        if not isinstance(value, str) or not TIMEX3.fullmatch(value):
            problems.append(f"{where}: value {value!r} is not a TIMEX3 date")
    elif entity.label == "PERCENT":
        # null only for a value too large for a JSON number (the record's warnings say so)
        if norm.get("value") is not None and not _is_number(norm.get("value")):
            problems.append(f"{where}: value {norm.get('value')!r} is not a number")
    return problems


def record_problems(document: Document, raw_text: str | None = None, raw_bytes: bytes | None = None) -> list[str]:
    """Every way a record breaks the contract; an empty list when it is valid."""
    problems = []
    if raw_bytes is not None and document.sha256 != sha256_of(raw_bytes):
        problems.append(f"{document.id}: sha256 does not match the file")
    if document.error is not None:
        if document.content or document.entities:
            problems.append(f"{document.id}: an error record has empty content and entities")
        return problems
    previous_end = 0
    for start, end in document.content:
        if not (previous_end <= start < end):
            problems.append(f"{document.id}: content range [{start}, {end}) is empty, unsorted or overlapping")
        if raw_text is not None and end > len(raw_text):
            problems.append(f"{document.id}: content range [{start}, {end}) runs past the text")
        previous_end = end
    previous_end = 0
    for entity in document.entities:
        if entity.label not in LABELS:
            problems.append(f"{document.id}: unknown label {entity.label!r}")
        if not (previous_end <= entity.start < entity.end):
            problems.append(
                f"{document.id}: entity {entity.text!r} at {entity.start} is empty, unsorted or overlapping"
            )
        previous_end = max(previous_end, entity.end)
        if raw_text is not None and raw_text[entity.start : entity.end] != entity.text:
            problems.append(
                f"{document.id}: entity text {entity.text!r} differs from the text at "
                f"[{entity.start}, {entity.end}): {raw_text[entity.start : entity.end]!r}"
            )
        if not any(s <= entity.start and entity.end <= e for s, e in document.content):
            problems.append(f"{document.id}: entity {entity.text!r} at {entity.start} lies outside content")
        problems.extend(f"{document.id}: {p}" for p in entity_field_problems(entity))
    return problems


# --- checks of the files `evaluate` reads (issue 18) -------------------------------------------------
#
# `evaluate` validates both files against the contract before scoring: read each file with
# `read_checked_jsonl` (never raises on its content; every problem with its line), then check the
# records against the gold set and the texts with `prediction_problems` and `gold_problems`, and score
# `without_text_problems` of each. Every problem is one line "PATH:LINE: id X: what is wrong".


@dataclass
class CheckedRecords:
    """The records of a JSONL file that can be scored, where each was, and what is wrong with the file."""

    documents: list[Document] = field(default_factory=list)  # usable records, their unusable entities left out
    lines: dict[str, int] = field(default_factory=dict)  # id -> line number in the file
    problems: list[str] = field(default_factory=list)


def read_checked_jsonl(path: str | os.PathLike[str], what: str = "predictions") -> CheckedRecords:
    """Read a JSONL file of records (`what`: predictions or gold) line by line, checking each against the contract.

    Never raises on the content of the file (an unreadable file raises OSError). A line that is not a
    JSON object with a non-empty string id is left out; so is a record whose id came earlier in the
    file; an entity with offsets that are not whole numbers (strings, floats), negative or empty, an
    unknown label or a text that is not a string is left out of its record. Wrong normalised fields
    (a currency that is not ISO 4217, a DATE that is not TIMEX3...) are reported and kept. A file
    with no record at all is a problem too.
    """
    shown = os.fspath(path)
    checked = CheckedRecords()
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            where = f"{shown}:{number}"
            record = _json_object(raw, where, checked.problems)
            if record is None:
                continue
            doc_id = record.get("id")
            if not isinstance(doc_id, str) or not doc_id:
                checked.problems.append(f"{where}: a record without an id (a non-empty string); left out")
                continue
            where = f"{where}: id {doc_id}"
            if doc_id in checked.lines:
                checked.problems.append(f"{where}: the id is already at line {checked.lines[doc_id]}; left out")
                continue
            document = _checked_document(record, where, checked.problems)
            if document is not None:
                checked.lines[doc_id] = number
                checked.documents.append(document)
    if not checked.documents:
        checked.problems.append(f"{shown}: no {what} records (an empty file?)")
    return checked


def _json_object(raw: bytes, where: str, problems: list[str]) -> dict | None:
    try:
        record = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError as exc:
        problems.append(f"{where}: not UTF-8 ({exc.reason} at byte {exc.start}); left out")
        return None
    except ValueError as exc:
        problems.append(f"{where}: not JSON ({exc}); left out")
        return None
    if not isinstance(record, dict):
        problems.append(f"{where}: a JSON {type(record).__name__}, not a record; left out")
        return None
    return record


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _is_offset(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _checked_document(record: dict, where: str, problems: list[str]) -> Document | None:
    content = record.get("content", [])
    if not isinstance(content, list):
        problems.append(f"{where}: content must be a list of [start, end] pairs; content left out")
        content = []
    kept_content = []
    for item in content:
        if not (isinstance(item, list | tuple) and len(item) == 2 and all(_is_offset(v) for v in item)):
            problems.append(f"{where}: content range {item!r} is not a pair of whole numbers; left out")
        elif not 0 <= item[0] < item[1]:
            problems.append(f"{where}: content range {item!r} is negative or empty; left out")
        else:
            kept_content.append(list(item))
    entities = record.get("entities", [])
    if not isinstance(entities, list):
        problems.append(f"{where}: entities must be a list; entities left out")
        entities = []
    kept_entities = []
    for index, entity in enumerate(entities):
        problem = _entity_shape_problem(entity)
        if problem:
            problems.append(f"{where}: entity {index}: {problem}; left out")
            continue
        kept_entities.append(entity)
    try:
        document = Document.from_dict({**record, "content": kept_content, "entities": kept_entities})
    except (KeyError, TypeError, ValueError) as exc:
        problems.append(f"{where}: not a fr-extract record ({exc}); left out")
        return None
    for entity in document.entities:
        problems.extend(f"{where}: {problem}" for problem in entity_field_problems(entity))
    return document


def _entity_shape_problem(entity) -> str | None:
    if not isinstance(entity, dict):
        return f"a JSON {type(entity).__name__}, not an entity"
    start, end = entity.get("start"), entity.get("end")
    if not (_is_offset(start) and _is_offset(end)):
        return f"offsets must be whole numbers, not {start!r} and {end!r}"
    if not 0 <= start < end:
        return f"offsets [{start}, {end}) are negative or empty"
    if entity.get("label") not in LABELS:
        return f"unknown label {entity.get('label')!r} (known: {', '.join(LABELS)})"
    if not isinstance(entity.get("text"), str):
        return f"text must be a string, not {entity.get('text')!r}"
    return None


def text_problems(document: Document, text: str) -> list[str]:
    """Offsets that run past the text, and entity texts that are not the text at their offsets."""
    problems = []
    for start, end in document.content:
        if end > len(text):
            problems.append(f"content range [{start}, {end}) runs past the end of the text ({len(text)} characters)")
    for entity in document.entities:
        if entity.end > len(text):
            problems.append(
                f"{entity.label} {entity.text!r} at [{entity.start}, {entity.end}) runs past the end of the text "
                f"({len(text)} characters)"
            )
        elif text[entity.start : entity.end] != entity.text:
            problems.append(
                f"{entity.label} {entity.text!r} at [{entity.start}, {entity.end}) is not the text there: "
                f"{text[entity.start : entity.end]!r}"
            )
    return problems


def without_text_problems(document: Document, text: str | None) -> Document:
    """A copy of the record without the entities and content ranges `text_problems` finds: what can be scored."""
    if text is None:
        return document
    entities = [e for e in document.entities if e.end <= len(text) and text[e.start : e.end] == e.text]
    content = [(start, end) for start, end in document.content if end <= len(text)]
    return replace(document, entities=entities, content=content)


def _where(path: str, lines: Mapping[str, int] | None, doc_id: str) -> str:
    line = (lines or {}).get(doc_id)
    return f"{path}:{line}: id {doc_id}" if line else f"{path}: id {doc_id}"


def prediction_problems(
    gold_docs: Sequence[Document],
    pred_docs: Sequence[Document],
    texts: Mapping[str, str],
    lines: Mapping[str, int] | None = None,
    path: str = "predictions",
) -> list[str]:
    """What is wrong with predictions against the gold set and the texts at hand (`texts`: id -> text).

    Ids in the predictions and not in the gold, gold documents without a prediction, no prediction at
    all, and for each document whose text is at hand the offsets past its end and the entity texts
    that are not the text at their offsets. `lines` (id -> line number, from `read_checked_jsonl`)
    puts the line in each message.
    """
    problems = []
    if not pred_docs:
        problems.append(f"{path}: no prediction records")
    gold_ids = {document.id for document in gold_docs}
    pred_ids = {document.id for document in pred_docs}
    for document in pred_docs:
        where = _where(path, lines, document.id)
        if document.id not in gold_ids:
            problems.append(f"{where}: not a document of the gold set (unknown id)")
            continue
        if document.id in texts:
            problems.extend(f"{where}: {problem}" for problem in text_problems(document, texts[document.id]))
    for document in gold_docs:
        if document.id not in pred_ids:
            problems.append(f"{path}: no prediction for the gold document {document.id} (scored as all missed)")
    return problems


def gold_problems(
    gold_docs: Sequence[Document],
    texts: Mapping[str, str],
    lines: Mapping[str, int] | None = None,
    path: str = "gold",
) -> list[str]:
    """What is wrong with gold records against their texts: offsets past the end, entity texts that differ."""
    problems = []
    for document in gold_docs:
        if document.id in texts:
            where = _where(path, lines, document.id)
            problems.extend(f"{where}: {problem}" for problem in text_problems(document, texts[document.id]))
    return problems
