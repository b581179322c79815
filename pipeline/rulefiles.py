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
