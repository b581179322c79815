"""CI floors: figures of the sealed test split that may not drop, pinned in `gold/floors.json`.

As trafilatura gates its evaluation, a test scores the pipeline on the test split and fails
when a figure falls below its floor. A floor is raised by editing the file on purpose; it is
never written by a program, and it is never lowered without a line in `lowered` that says
why (a test compares the file with every earlier version in git).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

# floor name -> where the figure is in a report (pipeline.scoring.evaluate_documents).
FIGURES: dict[str, tuple[str, ...]] = {
    "names_strict_f1": ("groups", "names", "strict", "f1"),
    "money_strict_f1": ("labels", "MONEY", "strict", "f1"),
    "money_value_accuracy": ("normalisation", "MONEY", "value", "accuracy"),
    "date_strict_f1": ("labels", "DATE", "strict", "f1"),
    "date_value_accuracy": ("normalisation", "DATE", "value", "accuracy"),
    "percent_strict_f1": ("labels", "PERCENT", "strict", "f1"),
    "content_f1": ("content", "micro", "f1"),
}


def read_floors(path: str | Path) -> dict[str, Any]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    unknown = set(data.get("floors", {})) - set(FIGURES)
    if unknown:
        raise ValueError(f"{path}: unknown floors {sorted(unknown)} (known: {', '.join(FIGURES)})")
    return data


def figure_of(report: Mapping[str, Any], name: str) -> float | None:
    value: Any = report
    for key in FIGURES[name]:
        if not isinstance(value, Mapping) or key not in value:
            return None
        value = value[key]
    return value


def floor_failures(report: Mapping[str, Any], floors: Mapping[str, float]) -> list[str]:
    """Each figure below its floor, as 'name: figure < floor'; an empty list when all hold."""
    failures = []
    for name, floor in floors.items():
        value = figure_of(report, name)
        if value is None or value < floor:
            failures.append(f"{name}: {value if value is None else f'{value:.4f}'} < floor {floor:.4f}")
    return failures
