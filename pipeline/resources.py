"""Access to the rule data in patterns/, installed as the `pipeline.patterns` package."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

# From a plain checkout (no install) the data is the repository's patterns/ folder, beside pipeline/.
_CHECKOUT_PATTERNS = Path(__file__).resolve().parent.parent / "patterns"


def pattern_text(name: str) -> str:
    try:
        folder = resources.files("pipeline.patterns")
    except ModuleNotFoundError:
        folder = _CHECKOUT_PATTERNS
    return folder.joinpath(name).read_text(encoding="utf-8")


@cache
def load_pattern(name: str) -> Any:
    """A JSON file of patterns/ (parsed once per process), or a JSONL file as a list of objects."""
    text = pattern_text(name)
    if name.endswith(".jsonl"):
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return json.loads(text)


def alternation(words: Iterable[str], transform: Callable[[str], str] = re.escape) -> str:
    """A regex alternation of words, longest first (`dollars américains` before `dollars`).

    Ties are broken alphabetically, so the pattern is the same in every process.
    """
    return "|".join(transform(word) for word in sorted(set(words), key=lambda word: (-len(word), word)))
