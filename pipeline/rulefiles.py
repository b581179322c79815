"""Checks of the rule files of patterns/ on load: a misspelt key, a missing label, a duplicate entry
or one name under two labels is an error that names the file and the entry, never silently ignored."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pipeline.model import NAME_LABELS

RULER_KEYS = {"label", "pattern", "id"}
CONTEXT_KEYS = {"label", "id", "before", "after", "keep", "list", "pattern", "why"}


class RuleFileError(ValueError):
    """A rule file that does not follow its schema."""


def _where(name: str, index: int, entry: dict[str, Any]) -> str:
    return f"patterns/{name}, entry {index + 1} ({entry.get('id', '?')})"


def check_ruler(name: str, entries: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Entity-ruler entries: exactly `label`, `pattern`, `id`; a known label; no entry twice; one label a pattern."""
    seen: dict[str, tuple[int, str]] = {}
    for index, entry in enumerate(entries):
        where = _where(name, index, entry)
        unknown = set(entry) - RULER_KEYS
        missing = RULER_KEYS - set(entry)
        if unknown or missing:
            raise RuleFileError(f"{where}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
        if entry["label"] not in NAME_LABELS:
            raise RuleFileError(f"{where}: label {entry['label']!r} is not one of {', '.join(NAME_LABELS)}")
        if not isinstance(entry["pattern"], str | list) or not entry["pattern"]:
            raise RuleFileError(f"{where}: a pattern is a phrase or a non-empty list of token patterns")
        key = json.dumps(entry["pattern"], sort_keys=True, ensure_ascii=False)
        if key in seen:
            first, label = seen[key]
            what = "the same entry as" if label == entry["label"] else f"the pattern, labelled {label}, of"
            raise RuleFileError(f"{where}: {what} entry {first + 1}")
        seen[key] = (index, entry["label"])
    return list(entries)


def check_contexts(name: str, entries: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Context rules: known keys only; a label; `before` and `after` leave a name between them."""
    for index, entry in enumerate(entries):
        where = _where(name, index, entry)
        unknown = set(entry) - CONTEXT_KEYS
        if unknown:
            raise RuleFileError(f"{where}: unknown keys {sorted(unknown)} (known: {', '.join(sorted(CONTEXT_KEYS))})")
        if entry.get("label") not in NAME_LABELS or not entry.get("id") or not entry.get("pattern"):
            raise RuleFileError(f"{where}: a context rule needs a label of {', '.join(NAME_LABELS)}, an id, a pattern")
        before, after = entry.get("before", 0), entry.get("after", 0)
        if before + after >= len(entry["pattern"]):
            raise RuleFileError(f"{where}: before={before} and after={after} leave no name in the pattern")
        if not set(entry.get("keep", [])) <= set(NAME_LABELS):
            raise RuleFileError(f"{where}: keep lists labels of {', '.join(NAME_LABELS)}")
    return list(entries)


# The boilerplate markers (patterns/boilerplate_markers.json, or a file given with --markers): each section and
# the field its entries are in: "patterns"/"pattern" are regular expressions, "words"/"phrases" literal strings.
# The sections read by the publication-date reader (byline_words, scraper_header, agency_dateline) are checked when
# present, but only the shipped file's are used.
MARKER_SECTIONS: dict[str, tuple[str, ...]] = {
    "end_of_article": ("patterns",),
    "article_over": ("patterns",),
    "comment_counts": ("patterns",),
    "caption_credits": ("patterns",),
    "inline_box": ("pattern", "bare_heads"),
    "page_furniture": ("patterns",),
    "comment_form": ("patterns",),
    "inline_furniture": ("patterns",),
    "promotion": ("patterns",),
    "list_heads": ("patterns",),
    "article_lines": ("patterns",),
    "share_words": ("words",),
    "glued": ("phrases",),
    "count_words": ("words",),
}
OTHER_MARKER_SECTIONS = {"byline_words", "scraper_header", "agency_dateline"}
REGEX_FIELDS = {"patterns", "pattern", "bare_heads"}


def check_markers(where: str, data: Any) -> dict[str, Any]:
    """Boilerplate markers: every section of MARKER_SECTIONS with its field, no unknown section or field, each
    pattern a valid regular expression, each word list non-empty strings. `where` names the file in errors."""
    import re

    if not isinstance(data, dict):
        raise RuleFileError(f"{where}: the markers are a JSON object of sections ({', '.join(MARKER_SECTIONS)})")
    unknown = set(data) - set(MARKER_SECTIONS) - OTHER_MARKER_SECTIONS - {"about"}
    if unknown:
        raise RuleFileError(f"{where}: unknown sections {sorted(unknown)} (known: {', '.join(MARKER_SECTIONS)})")
    missing = [name for name in MARKER_SECTIONS if name not in data]
    if missing:
        raise RuleFileError(f"{where}: missing sections {missing}")
    for name, wanted in MARKER_SECTIONS.items():
        section = data[name]
        if not isinstance(section, dict):
            raise RuleFileError(f"{where}, section {name}: an object with {', '.join(wanted)}")
        extra = set(section) - set(wanted) - {"about"}
        if extra or any(field not in section for field in wanted):
            fields = ", ".join(wanted)
            raise RuleFileError(f"{where}, section {name}: fields {fields} (and about), got {sorted(section)}")
        for field in wanted:
            value = section[field]
            entries = [value] if isinstance(value, str) else value
            strings = isinstance(entries, list) and all(isinstance(e, str) and e.strip() for e in entries)
            if not strings or not entries:
                raise RuleFileError(f"{where}, section {name}: {field} is a non-empty list of non-empty strings")
            if field in REGEX_FIELDS:
                for entry in entries:
                    try:
                        re.compile(entry)
                    except re.error as exc:
                        message = f"{where}, section {name}: {entry!r} is not a regular expression: {exc}"
                        raise RuleFileError(message) from exc
    return data


def check_stoplist(where: str, text: str) -> frozenset[str]:
    """A stoplist: one lower-case word a line (elided forms without their apostrophe), `#` comments, blank lines;
    at least one word. `where` names the file in errors."""
    words = set()
    for number, line in enumerate(text.splitlines(), 1):
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if any(c.isspace() for c in word) or word != word.casefold() or not any(c.isalpha() for c in word):
            raise RuleFileError(f"{where}, line {number}: {word!r} is not one lower-case word (one word a line)")
        words.add(word)
    if not words:
        raise RuleFileError(f"{where}: no stop word (one lower-case word a line, # for comments)")
    return frozenset(words)
