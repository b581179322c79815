"""Checks of a record against the contract: used on predictions and on the gold set alike."""

from __future__ import annotations

import calendar
import math
import re
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
    # price-parser ships the ISO 4217 table; it is a runtime dependency already.
    from price_parser._currencies import CURRENCIES

    return frozenset(CURRENCIES)


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
