"""CI floors on the sealed test split (gold/floors.json): the pipeline may not fall below them."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from conftest import ROOT

from pipeline.floors import FIGURES, floor_failures, read_floors
from pipeline.model import read_jsonl
from pipeline.reader import read_source
from pipeline.scoring import evaluate_documents

FLOORS = ROOT / "gold" / "floors.json"
TEST_GOLD = ROOT / "gold" / "test" / "gold.jsonl"


def score_test_split(extractor, documents: int | None = None) -> dict:
    """The scores of the test split (of its first `documents` only, when given)."""
    gold = read_jsonl(TEST_GOLD)[:documents]
    sources = [read_source(ROOT / doc.path) for doc in gold]
    predicted = list(extractor.pipe(sources))
    return evaluate_documents(gold, predicted, {doc.id: source.text for doc, source in zip(gold, sources, strict=True)})


@pytest.fixture(scope="module")
def test_split_report(extractor):
    return score_test_split(extractor)


def test_every_figure_of_the_test_split_holds_its_floor(test_split_report):
    floors = read_floors(FLOORS)["floors"]
    assert set(floors) == set(FIGURES), "every gated figure has a floor"
    assert floor_failures(test_split_report, floors) == []


def test_a_broken_stage_falls_below_the_floors(extractor):
    """The gate can fail: the same pipeline without its money, percent and date rules does."""
    from pipeline.extractor import Extractor, Stages

    broken = Extractor(nlp=extractor.nlp, stages=Stages(boilerplate=True, name_rules=True, rules=False))
    # Without its rules the pipeline finds no amount, date or percentage at all: three documents show it.
    failures = floor_failures(score_test_split(broken, documents=3), read_floors(FLOORS)["floors"])
    failed = {failure.split(":")[0] for failure in failures}
    assert {"money_strict_f1", "date_strict_f1", "percent_strict_f1"} <= failed


def test_floor_failures_names_the_figure_and_the_floor():
    report = {"labels": {"MONEY": {"strict": {"f1": 0.5}}}}
    assert floor_failures(report, {"money_strict_f1": 0.9}) == ["money_strict_f1: 0.5000 < floor 0.9000"]
    assert floor_failures(report, {"money_strict_f1": 0.5}) == []
    assert floor_failures(report, {"date_strict_f1": 0.1}) == ["date_strict_f1: None < floor 0.1000"]


def _committed_versions() -> list[tuple[str, dict]]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        return []
    log = subprocess.run(
        ["git", "-C", str(ROOT), "log", "--format=%H", "--", "gold/floors.json"], capture_output=True, text=True
    )
    versions = []
    for commit in log.stdout.split():
        shown = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{commit}:gold/floors.json"], capture_output=True, text=True
        )
        if shown.returncode == 0:
            versions.append((commit[:10], json.loads(shown.stdout)))
    return versions


def test_no_floor_is_lowered_without_a_reason():
    current = read_floors(FLOORS)
    explained = {entry["floor"] for entry in current.get("lowered", []) if entry.get("why")}
    for commit, earlier in _committed_versions():
        for name, floor in earlier.get("floors", {}).items():
            if name in explained:
                continue
            assert current["floors"].get(name, -1) >= floor, (
                f"{name} was {floor} at {commit} and is now {current['floors'].get(name)}: "
                "lowering a floor needs an entry in `lowered` with `why`"
            )
