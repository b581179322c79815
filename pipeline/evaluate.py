"""The evaluation: score predictions against the gold set and write report.{md,json,html}.

    fr-extract evaluate --gold gold/gold.jsonl --pred out/extractions.jsonl -o out/report [--no-ablation]
    fr-extract evaluate --gold seeds=gold/gold.jsonl dev=gold/dev test=gold/test --pred out/*.jsonl -o out/report

With several gold sets (splits), each split gets its own full report (`out/report-dev.md` ...)
and `out/report.{md,json,html}` shows the splits side by side, with charts.

How spans, values and content are counted is written in `pipeline/scoring.py`; the report
files and the structure of report.json in `pipeline/report.py`.

Each gold document's text is read from its `path` (relative to the current folder, else to
the folders above the gold file, the repository root for gold/gold.jsonl) and must
have the gold's sha256: offsets mean nothing in another text.

The ablation (pipeline/ablation.py) reruns the pipeline on those texts stage by stage; it is the
only part that loads the model, imported only when it runs: scoring JSONL files never imports spaCy.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from pipeline.facts_eval import facts_section
from pipeline.model import Document, read_jsonl
from pipeline.reader import ReadError, read_source
from pipeline.report import report_paths, split_report, write_report, write_split_report
from pipeline.scoring import evaluate_documents
from pipeline.validate import gold_problems, prediction_problems, read_checked_jsonl, without_text_problems


def evaluate_files(
    gold_path: str | os.PathLike[str],
    pred_path: str | os.PathLike[str],
    output_prefix: str | os.PathLike[str],
    quiet: bool = False,
    ablation: bool = True,
    predictions: Sequence[Document] | None = None,
    models: dict[Any, Any] | None = None,
    facts_gold: Sequence[str | os.PathLike[str]] = (),
) -> dict[str, Any]:
    """Score `pred_path` against `gold_path`, write `output_prefix`.{md,json,html}; returns the report dict.

    `predictions`, when given, are the records already read (`pred_path` then only names them);
    `models` keeps the loaded pipelines of the ablation from one call to the next; the money facts
    are scored when a facts gold of the split is found (`facts_gold` files or folders, else
    `facts/*.jsonl` beside the gold file; see pipeline/facts_eval.py).
    """
    gold = read_records(gold_path, "gold")
    problems: list[str] = []
    pred = list(predictions) if predictions is not None else read_predictions(pred_path, problems)
    texts, warnings = load_texts(gold, Path(gold_path))
    # Both files are checked against the contract before scoring; what cannot be scored is left out and said.
    problems += gold_problems(gold, texts, path=os.fspath(gold_path))
    problems += prediction_problems(gold, pred, texts, path=os.fspath(pred_path))
    pred = [without_text_problems(document, texts.get(document.id)) for document in pred]
    report = evaluate_documents(gold, pred, texts)
    paths = {"gold": os.fspath(gold_path), "pred": os.fspath(pred_path), "output": os.fspath(output_prefix)}
    report["summary"].update({**paths, "warnings": warnings, "problems": problems})
    models = {} if models is None else models
    facts, facts_warnings = facts_section(gold, pred, texts, Path(gold_path), facts_gold, rerun=ablation, models=models)
    if facts is not None:
        report["facts"] = facts
    warnings.extend(facts_warnings)
    report["ablation"] = _ablation(gold, texts, models) if ablation else {"documents": [], "stages": []}
    full = [stage for stage in report["ablation"]["stages"] if stage["stage"] == "full"]
    if full and not report["summary"]["texts_missing"] and full[0]["all"] != report["micro"]["strict"]:
        warnings.append(
            f"the full pipeline rerun now scores strict F1 {full[0]['all']['f1']:.4f}, the predictions "
            f"{report['micro']['strict']['f1']:.4f}: {pred_path} was made by another version or configuration"
        )
    paths = write_report(report, output_prefix, gold, pred, texts)
    if not quiet:
        summary = report["summary"]
        print(
            f"fr-extract: report -> {', '.join(str(p) for p in paths.values())}; "
            f"strict F1 {summary['strict_f1']:.4f}, partial F1 {summary['partial_f1']:.4f}, "
            f"content F1 {summary['content_f1']:.4f}" + (_facts_figures(report["facts"]) if "facts" in report else ""),
            file=sys.stderr,
        )
        for warning in warnings:
            print(f"fr-extract: warning: {warning}", file=sys.stderr)
    return report


def _facts_figures(facts: dict[str, Any]) -> str:
    return f", facts pairs F1 {facts['pairs']['f1']:.4f}, tuples F1 {facts['tuples']['f1']:.4f}"


def split_spec(spec: str) -> tuple[str, Path]:
    """`NAME=PATH` or `PATH`; a folder stands for its gold.jsonl; the name defaults to the folder's name."""
    name, sep, raw = spec.partition("=")
    if not sep:
        name, raw = "", spec
    path = Path(raw)
    if path.is_dir():
        path = path / "gold.jsonl"
    return name or path.resolve().parent.name, path


def evaluate_splits(
    gold_specs: Sequence[str],
    pred_paths: Sequence[str | os.PathLike[str]],
    output_prefix: str | os.PathLike[str],
    quiet: bool = False,
    ablation: bool = True,
    facts_gold: Sequence[str | os.PathLike[str]] = (),
) -> dict[str, Any]:
    """Score predictions against several gold sets (splits): a full report per split, one side by side.

    With one gold set this is `evaluate_files`. The predictions may come in several files; they
    are matched to the gold by id, so every id must be unique across them.
    """
    splits = [split_spec(spec) for spec in gold_specs]
    names = [name for name, _ in splits]
    if len(set(names)) != len(names):
        raise ValueError(f"two gold sets have the same split name ({', '.join(names)}): name them NAME=PATH")
    pred: list[Document] = []
    read_problems: list[str] = []
    for path in pred_paths:
        pred.extend(read_predictions(path, read_problems))
    duplicated = sorted({d.id for d in pred if sum(o.id == d.id for o in pred) > 1})
    if duplicated:
        raise ValueError(f"the predictions hold two records with the id {duplicated[0]!r}")
    pred_label = " ".join(os.fspath(p) for p in pred_paths)
    if len(splits) == 1:
        report = evaluate_files(
            splits[0][1], pred_label, output_prefix, quiet, ablation, predictions=pred, facts_gold=facts_gold
        )
        report["summary"]["problems"] = read_problems + report["summary"]["problems"]
        return report

    reports: dict[str, Any] = {}
    models: dict[Any, Any] = {}
    known: set[str] = set()
    for name, gold_path in splits:
        gold = read_records(gold_path, "gold")
        ids = {document.id for document in gold}
        known |= ids
        mine = [document for document in pred if document.id in ids]
        reports[name] = evaluate_files(
            gold_path,
            pred_label,
            split_prefix(output_prefix, name),
            True,
            ablation,
            predictions=mine,
            models=models,
            facts_gold=facts_gold,
        )
    extra = sorted(document.id for document in pred if document.id not in known)
    warnings = [w for report in reports.values() for w in report["summary"]["warnings"]]
    if extra:
        warnings.append(f"{len(extra)} predicted documents are in no gold set (ignored): {', '.join(extra[:10])}")
    combined = split_report(reports, output_prefix, pred_label, warnings)
    combined["summary"]["problems"] = read_problems + [
        problem for report in reports.values() for problem in report["summary"]["problems"]
    ]
    paths = write_split_report(combined, output_prefix)
    if not quiet:
        figures = "; ".join(
            f"{name}: names F1 {r['groups']['names']['strict']['f1']:.4f}, content F1 {r['content']['micro']['f1']:.4f}"
            + (f", facts pairs F1 {r['facts']['pairs']['f1']:.4f}" if "facts" in r else "")
            for name, r in reports.items()
        )
        print(f"fr-extract: report -> {', '.join(str(p) for p in paths.values())}; {figures}", file=sys.stderr)
        for warning in warnings:
            print(f"fr-extract: warning: {warning}", file=sys.stderr)
    return combined


def split_prefix(output_prefix: str | os.PathLike[str], name: str) -> Path:
    """out/report -> out/report-dev: where a split's own full report goes."""
    prefix = report_paths(output_prefix)["json"].with_suffix("")
    return prefix.with_name(f"{prefix.name}-{name}")


def read_predictions(path: str | os.PathLike[str], problems: list[str]) -> list[Document]:
    """The predictions of a JSONL file that can be scored; what is wrong with each line goes to `problems`."""
    checked = read_checked_jsonl(path, "predictions")
    problems.extend(checked.problems)
    return checked.documents


def read_records(path: str | os.PathLike[str], what: str) -> list[Document]:
    """Records of a JSONL file; two records with one id make the file ambiguous."""
    documents = read_jsonl(path)
    seen: set[str] = set()
    for document in documents:
        if document.id in seen:
            raise ValueError(f"{path}: the {what} hold two records with the id {document.id!r}")
        seen.add(document.id)
    return documents


def text_candidates(document: Document, gold_path: Path) -> Iterator[Path]:
    if not document.path:
        return
    given = Path(document.path)
    yield given
    if not given.is_absolute():
        # A gold file's paths are relative to the project root: try each folder above it.
        for folder in gold_path.resolve().parents:
            yield folder / given


def load_texts(gold: Sequence[Document], gold_path: Path) -> tuple[dict[str, str], list[str]]:
    """The text of each gold document whose file is found and has the gold's sha256, and warnings."""
    texts: dict[str, str] = {}
    warnings: list[str] = []
    for document in gold:
        found = next((p for p in text_candidates(document, gold_path) if p.is_file()), None)
        if found is None:
            warnings.append(f"{document.id}: text not found at {document.path!r}")
            continue
        try:
            source = read_source(found)
        except ReadError as exc:
            warnings.append(f"{document.id}: cannot read {found}: {exc}")
            continue
        if document.sha256 and source.sha256 != document.sha256:
            warnings.append(f"{document.id}: {found} is not the text the gold was made on (sha256 differs)")
            continue
        texts[document.id] = source.text
    return texts, warnings


def _ablation(gold: Sequence[Document], texts: dict[str, str], models: dict[Any, Any]) -> dict[str, Any]:
    from pipeline.ablation import run_ablation  # loads the model: imported only when the ablation runs

    return run_ablation(gold, texts, models)
