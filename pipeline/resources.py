"""Access to the rule data in patterns/, installed as the `pipeline.patterns` package."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def pattern_text(name: str) -> str:
    return resources.files("pipeline.patterns").joinpath(name).read_text(encoding="utf-8")


@cache
def load_pattern(name: str) -> Any:
    """A JSON file of patterns/ (parsed once per process), or a JSONL file as a list of objects."""
    text = pattern_text(name)
    if name.endswith(".jsonl"):
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return json.loads(text)
