"""Writing the evaluation report: report.json for machines, report.md and report.html for people.

The same tables feed the Markdown and the HTML; the JSON is the evaluation dict itself, with
sorted keys and scores rounded to 4 decimals, so two runs on the same files give the same bytes.

The structure of report.json
----------------------------
A score block is `{"precision", "recall", "f1", "support", "tp", "fp", "fn"}` (support = tp + fn,
the number of gold items).

- `summary`: `gold`, `pred`, `output` (the paths given), `documents` (gold documents), `scored`,
  `missing_predictions`, `prediction_errors`, `extra_predictions`, `texts_missing` (lists of
  ids), `gold_entities`, `predicted_entities`, `strict_f1`, `partial_f1` (micro),
  `macro_strict_f1`, `content_f1` (micro), `warnings` (list of strings).
- `labels`: for each label (PER ORG LOC MISC MONEY DATE PERCENT, then any other label seen),
  `{"strict": score block, "partial": score block}`.
- `micro`: `{"strict": score block, "partial": score block}` over every label.
- `macro`: `{"strict": {...}, "partial": {...}}`, each `{"precision", "recall", "f1", "labels"}`:
  the means over the labels listed.
- `groups`: `{"names": ..., "rules": ...}`, each `{"strict", "partial"}` score blocks, over
  PER ORG LOC MISC and over MONEY DATE PERCENT.
- `documents`: for each gold id, `{"status", "gold_entities", "predicted_entities", "strict",
  "partial", "content"}` (score blocks over every label; content in characters); status is
  `scored`, `missing` (no prediction) or `error` (the prediction is an error record).
- `normalisation`: `{"MONEY": {"value", "currency", "qualifier", "all"}, "DATE": {"value"},
  "PERCENT": {"value"}}`, each `{"correct", "total", "accuracy"}`.
- `content`: `{"micro": score block, "documents": {id: score block}, "whitespace_excluded"}`.
- `published`: the predicted publication date against the gold's, exact match: `{"all", "stated"}`
  (every scored document; those whose gold states a date), each `{"correct", "total", "accuracy"}`,
  and `errors`: `[{"document", "gold", "pred"}]`.
- `confusion`: `{"labels": [...], "matrix": {gold label: {predicted label: count}}}`, with
  `none` for unpaired entities.
- `errors`: every strict false positive and false negative, sorted by document and offset:
  `{"document", "type" (FP or FN), "kind" (boundary, label, missed, spurious), "start", "end",
  "label", "text", "left", "right" (context), "partner" (the overlapping entity or null)}`.
- `normalisation_errors`: strictly matched entities whose fields differ: `{"document", "start",
  "end", "label", "text", "fields": {field: {"gold", "pred"}}, "left", "right"}`.
- `facts` (only when the split has a facts gold, pipeline/facts_eval.py): `{"summary", "pairs",
  "tuples" (score blocks), "arguments": {actor, kind, purpose, place, date: {"correct", "total",
  "accuracy"}}, "kinds": {gold kind: {predicted kind: count}}, "documents": {id: {"gold_facts",
  "predicted_facts", "pairs", "tuples"}}, "errors": [{"document", "start", "end", "money", "wrong",
  "gold", "pred"}]}`; with the ablation, `on_gold_entities`: the same scores of the facts stage
  rerun on the gold documents. In the side-by-side report each split keeps `summary`, `pairs`,
  `tuples`, `arguments` and `on_gold_entities`.
- `ablation`: `{"documents": [ids], "stages": [...]}` (empty stages with `--no-ablation`); each
  stage `{"stage", "description", "names", "all", "content"}` (strict micro score blocks over
  PER ORG LOC MISC, over every label, and content characters), `"labels"` (label: its strict
  score block), `"below_model"` (the labels whose strict F1 is below the bare model's, the first
  stage) and `"lift"`: `{"names_f1", "all_f1", "content_f1"}`, the F1 gained over the previous
  stage (null for the first).
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline import scoring
from pipeline.facts_eval import split_facts, split_facts_table
from pipeline.model import LABELS, Document, Entity, write_text_atomic

REPORT_SUFFIXES = (".md", ".json", ".html")
LABEL_COLOURS = {
    "PER": "#aa9cfc",
    "ORG": "#7aecec",
    "LOC": "#feca74",
    "MISC": "#c8e6a0",
    "MONEY": "#e4e7d2",
    "DATE": "#bfe1d9",
    "PERCENT": "#e0c5f5",
}
# In the side-by-side view a wrong span is marked by the colour and a sign after its label.
BOUNDARY_MARK, WRONG_MARK = "~", "✗"
BOUNDARY_COLOUR, WRONG_COLOUR = "#ffd166", "#ff7b7b"


def _section(docstring: str | None, title: str) -> str:
    """The paragraphs of a module docstring under `title` (its underline dropped)."""
    text = docstring or ""
    start = text.index(title) + len(title)
    body = text[start:].lstrip("\n")
    if body.startswith("-"):
        body = body.split("\n", 1)[1]
    return body.strip()


def definitions() -> str:
    return _section(scoring.__doc__, "How things are counted")


def json_structure() -> str:
    return _section(__doc__, "The structure of report.json")


# ---------------------------------------------------------------------------- tables


@dataclass
class Table:
    """A table both renderers share: a header row and rows of cells (strings or numbers)."""

    headers: list[str]
    rows: list[list[Any]]


def cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def signed(value: float | None) -> str:
    return "–" if value is None else f"{value:+.4f}"


def ordered_labels(labels: Iterable[str]) -> list[str]:
    """Labels in the order of CONTRACT.md, then any other label alphabetically (JSON keys come sorted)."""
    known = [label for label in LABELS if label in labels]
    return known + sorted(set(labels) - set(LABELS))


def headline_table(report: Mapping[str, Any]) -> Table:
    rows = []
    for name, block in (
        ("strict, micro", report["micro"]["strict"]),
        ("partial, micro", report["micro"]["partial"]),
        ("strict, macro", report["macro"]["strict"]),
        ("partial, macro", report["macro"]["partial"]),
        ("names (PER ORG LOC MISC), strict", report["groups"]["names"]["strict"]),
        ("rules (MONEY DATE PERCENT), strict", report["groups"]["rules"]["strict"]),
        ("content characters, micro", report["content"]["micro"]),
    ):
        rows.append([name, block["precision"], block["recall"], block["f1"], block.get("support", "")])
    return Table(["", "precision", "recall", "F1", "support"], rows)


def label_table(report: Mapping[str, Any]) -> Table:
    rows = []
    for label in ordered_labels(report["labels"]):
        s, p = report["labels"][label]["strict"], report["labels"][label]["partial"]
        rows.append(
            [label, s["precision"], s["recall"], s["f1"], p["precision"], p["recall"], p["f1"], s["support"]]
            + [s["tp"], s["fp"], s["fn"]]
        )
    headers = ["label", "strict P", "strict R", "strict F1", "partial P", "partial R", "partial F1", "support"]
    return Table(headers + ["tp", "fp", "fn"], rows)


def label_f1_table(report: Mapping[str, Any]) -> Table:
    """Per label strict and partial F1 with support: the short form the README shows."""
    labels = report["labels"]
    rows = [
        [label, labels[label]["strict"]["f1"], labels[label]["partial"]["f1"], labels[label]["strict"]["support"]]
        for label in ordered_labels(labels)
    ]
    rows.append(
        [
            "micro",
            report["micro"]["strict"]["f1"],
            report["micro"]["partial"]["f1"],
            report["micro"]["strict"]["support"],
        ]
    )
    rows.append(["macro", report["macro"]["strict"]["f1"], report["macro"]["partial"]["f1"], ""])
    return Table(["label", "strict F1", "partial F1", "support"], rows)


def document_table(report: Mapping[str, Any]) -> Table:
    rows = []
    for doc_id, doc in report["documents"].items():
        s, p, c = doc["strict"], doc["partial"], doc["content"]
        rows.append(
            [doc_id, doc["status"], doc["gold_entities"], doc["predicted_entities"], s["precision"], s["recall"]]
            + [s["f1"], p["f1"], c["precision"], c["recall"], c["f1"]]
        )
    headers = ["document", "status", "gold", "predicted", "strict P", "strict R", "strict F1", "partial F1"]
    return Table(headers + ["content P", "content R", "content F1"], rows)


def normalisation_table(report: Mapping[str, Any]) -> Table:
    rows = []
    for label in ordered_labels(report["normalisation"]):
        checks = report["normalisation"][label]
        for check in sorted(checks, key=list(scoring.NORMALISATION_CHECKS.get(label, checks)).index):
            rows.append([label, check, checks[check]["correct"], checks[check]["total"], checks[check]["accuracy"]])
    return Table(["label", "field", "correct", "total", "accuracy"], rows)


def published_table(report: Mapping[str, Any]) -> Table:
    """The publication date, exact match per document, then each mismatch."""
    published = report.get("published") or {}
    rows: list[list[Any]] = [
        [name, block["correct"], block["total"], block["accuracy"]]
        for name, block in (("every document", published.get("all")), ("pages stating a date", published.get("stated")))
        if block
    ]
    rows += [
        [f"error: {e['document']}", f"gold {e['gold']}", f"predicted {e['pred']}", ""]
        for e in published.get("errors", [])
    ]
    return Table(["published", "correct", "total", "exact match"], rows)


def content_table(report: Mapping[str, Any]) -> Table:
    content = report["content"]
    rows = [
        [doc_id, c["precision"], c["recall"], c["f1"], c["support"], c["tp"] + c["fp"]]
        for doc_id, c in content["documents"].items()
    ]
    micro = content["micro"]
    rows.append(
        ["micro", micro["precision"], micro["recall"], micro["f1"], micro["support"], micro["tp"] + micro["fp"]]
    )
    return Table(["document", "precision", "recall", "F1", "gold characters", "predicted characters"], rows)


def confusion_table(report: Mapping[str, Any]) -> Table:
    confusion = report["confusion"]
    axis = confusion["labels"]
    rows = [[f"gold {gold}"] + [confusion["matrix"][gold][pred] for pred in axis] for gold in axis]
    return Table(["gold ↓ predicted →"] + axis, rows)


def ablation_table(report: Mapping[str, Any]) -> Table:
    rows = []
    for stage in report.get("ablation", {}).get("stages", []):
        names, every, content, lift = stage["names"], stage["all"], stage["content"], stage["lift"]
        rows.append(
            [stage["description"], names["precision"], names["recall"], names["f1"]]
            + [every["precision"], every["recall"], every["f1"], content["f1"]]
            + [signed(lift["names_f1"]), signed(lift["all_f1"]), signed(lift["content_f1"])]
        )
    headers = ["stage", "names P", "names R", "names F1", "all P", "all R", "all F1", "content F1"]
    return Table(headers + ["lift names F1", "lift all F1", "lift content F1"], rows)


def ablation_label_table(stages: Mapping[str, Sequence[Mapping[str, Any]]]) -> Table:
    """Strict F1 of each label at each stage of the ablation of each split (split name: its stages), and the
    labels below the bare model's F1; the split column only when there are several."""
    labels = ordered_labels({label for rows in stages.values() for stage in rows for label in stage.get("labels", {})})
    several = len(stages) > 1
    rows = [
        ([split] if several else [])
        + [stage["description"]]
        + [figure(stage, ("labels", label, "f1")) for label in labels]
        + [" ".join(stage.get("below_model", [])) or "none"]
        for split, split_stages in stages.items()
        for stage in split_stages
    ]
    return Table((["split"] if several else []) + ["stage", *labels, "below the bare model"], rows)


def error_table(errors: Sequence[Mapping[str, Any]]) -> Table:
    rows = []
    for error in errors:
        partner = error["partner"]
        rows.append(
            [
                error["type"],
                error["kind"],
                error["label"],
                f"{error['start']}–{error['end']}",
                ("…", error["left"], error["text"], error["right"], "…"),
                f"{partner['label']} «{partner['text']}»" if partner else "",
            ]
        )
    return Table(["", "kind", "label", "offsets", "context", "other side"], rows)


def normalisation_error_table(errors: Sequence[Mapping[str, Any]]) -> Table:
    rows = []
    for error in errors:
        fields = "; ".join(
            f"{name}: gold {_json(values['gold'])}, predicted {_json(values['pred'])}"
            for name, values in error["fields"].items()
        )
        rows.append([error["document"], error["label"], ("", error["left"], error["text"], error["right"], ""), fields])
    return Table(["document", "label", "context", "differences"], rows)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


# ---------------------------------------------------------------------------- Markdown


def _md_escape(text: str) -> str:
    # Only what would break a table cell or turn text into markup; `_` inside words is left alone.
    for char in "\\|*`[]<>":
        text = text.replace(char, "\\" + char)
    return text


def _md_cell(value: Any) -> str:
    if isinstance(value, tuple):  # (before, left, span, right, after): the span in bold
        before, left, span, right, after = value
        return f"{before}{_md_escape(left)}**{_md_escape(span)}**{_md_escape(right)}{after}"
    return _md_escape(cell(value))


def markdown_table(table: Table) -> str:
    lines = ["| " + " | ".join(_md_escape(h) for h in table.headers) + " |"]
    lines.append("|" + "|".join("---" for _ in table.headers) + "|")
    for row in table.rows:
        lines.append("| " + " | ".join(_md_cell(value) for value in row) + " |")
    return "\n".join(lines)


def _summary_lines(report: Mapping[str, Any]) -> list[str]:
    summary = report["summary"]
    lines = [
        f"Gold `{summary.get('gold', '?')}`: {summary['documents']} documents, {summary['gold_entities']} entities. "
        f"Predictions `{summary.get('pred', '?')}`: {summary['predicted_entities']} entities on "
        f"{summary['scored']} scored documents.",
    ]
    notes = {
        "missing_predictions": "gold documents without a prediction (their entities count as false negatives)",
        "prediction_errors": "predictions that are error records (their gold entities count as false negatives)",
        "extra_predictions": "predicted documents not in the gold set (ignored)",
        "texts_missing": "documents whose text could not be read (content counted with white space, no context)",
    }
    for key, note in notes.items():
        if summary.get(key):
            lines.append(f"- {note}: {', '.join(summary[key])}")
    lines.extend(f"- {warning}" for warning in summary.get("warnings", []))
    return lines


def render_markdown(report: Mapping[str, Any]) -> str:
    parts = ["# fr-extract evaluation report", "", *_summary_lines(report), ""]

    def section(title: str, *body: str) -> None:
        parts.extend([f"## {title}", "", *body, ""])

    section("Headline", markdown_table(headline_table(report)))
    section("Per label", markdown_table(label_table(report)))
    section("Per document", markdown_table(document_table(report)))
    section("Normalisation (strictly matched spans)", markdown_table(normalisation_table(report)))
    section("Publication date", markdown_table(published_table(report)))
    section("Content (non-whitespace characters)", markdown_table(content_table(report)))
    section(
        "Confusion of labels (overlapping spans)",
        "Rows are gold labels, columns predicted labels; `none` is the other side's missing entity.",
        "",
        markdown_table(confusion_table(report)),
    )
    section("Ablation", *_ablation_markdown(report))
    errors = report["errors"]
    section(
        f"Errors ({len(errors)}: every strict false positive and false negative)",
        "FN: a gold entity the prediction lacks; FP: a predicted entity the gold lacks. "
        "Context: 40 characters each side, the span in bold.",
    )
    for doc_id in report["documents"]:
        mine = [e for e in errors if e["document"] == doc_id]
        if mine:
            parts.extend([f"### {doc_id} ({len(mine)})", "", markdown_table(error_table(mine)), ""])
    if report["normalisation_errors"]:
        section(
            f"Normalisation errors ({len(report['normalisation_errors'])})",
            markdown_table(normalisation_error_table(report["normalisation_errors"])),
        )
    if report.get("facts"):
        from pipeline.facts_eval import facts_markdown

        section("Money facts", facts_markdown(report["facts"]))
    section("How the figures are counted", definitions())
    section("The structure of report.json", json_structure())
    return "\n".join(parts).rstrip() + "\n"


def _ablation_markdown(report: Mapping[str, Any]) -> list[str]:
    ablation = report.get("ablation") or {}
    if not ablation.get("stages"):
        return [ablation.get("note", "Not run (`--no-ablation`).")]
    return [
        f"Each stage rerun on the {len(ablation['documents'])} gold documents' texts; strict micro scores, "
        "names = PER ORG LOC MISC; lift = F1 gained over the stage above.",
        "",
        markdown_table(ablation_table(report)),
        "",
        "Strict F1 per label at each stage; a label below the bare model (the first stage) is named in the last "
        "column.",
        "",
        markdown_table(ablation_label_table({"": ablation["stages"]})),
    ]


# ---------------------------------------------------------------------------- HTML

CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1400px; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
td.text { text-align: left; }
th { background: #f2f2f2; }
.side-by-side { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.5em; }
.side-by-side > div { overflow-wrap: anywhere; }
.side-by-side h4 { margin: 0.2em 0; }
.boilerplate { color: #aaa; white-space: pre-wrap; font-size: 0.85em; }
.boilerplate mark { opacity: 0.6; }
.errors-FN td:first-child { color: #b00; }
.errors-FP td:first-child { color: #b60; }
.legend span { padding: 0.1em 0.5em; border-radius: 0.3em; margin-right: 0.5em; }
details { margin: 1em 0; }
pre { white-space: pre-wrap; }
"""


def _html_cell(value: Any) -> str:
    if isinstance(value, tuple):
        before, left, span, right, after = value
        return (
            f'<td class="text">{html.escape(before + left)}<b>{html.escape(span)}</b>{html.escape(right + after)}</td>'
        )
    klass = "" if isinstance(value, int | float) else ' class="text"'
    return f"<td{klass}>{html.escape(cell(value))}</td>"


def html_table(table: Table, klass: str = "") -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in table.headers)
    body = "".join("<tr>" + "".join(_html_cell(v) for v in row) + "</tr>" for row in table.rows)
    attribute = f' class="{klass}"' if klass else ""
    return f"<table{attribute}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _marked(entities: Sequence[Entity], strict: set[int], partial: set[int]) -> list[dict[str, Any]]:
    """displaCy spans, the label followed by a mark when the entity is not strictly matched."""
    spans = []
    for index, entity in enumerate(entities):
        label = entity.label
        if index not in strict:
            label += " " + (BOUNDARY_MARK if index in partial else WRONG_MARK)
        spans.append({"start": entity.start, "end": entity.end, "label": label})
    return spans


def _colours(labels: Sequence[str]) -> dict[str, str]:
    colours = {}
    for label in labels:
        colours[label] = LABEL_COLOURS.get(label, "#ddd")
        colours[f"{label} {BOUNDARY_MARK}"] = BOUNDARY_COLOUR
        colours[f"{label} {WRONG_MARK}"] = WRONG_COLOUR
    return colours


def render_text(text: str, content: Sequence[tuple[int, int]], spans: Sequence[dict[str, Any]], colours) -> str:
    """The text with its spans drawn by displaCy, boilerplate (outside content) greyed."""
    from spacy import displacy

    cuts = sorted({0, len(text), *(p for r in content for p in r if 0 <= p <= len(text))})
    parts = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        inside = any(s <= start and end <= e for s, e in content)
        pieces = [
            {"start": max(s["start"], start) - start, "end": min(s["end"], end) - start, "label": s["label"]}
            for s in spans
            if s["start"] < end and start < s["end"]
        ]
        segment = text[start:end]
        if not inside and not pieces:
            parts.append(f'<div class="boilerplate">{html.escape(segment)}</div>')
            continue
        drawn = displacy.render(
            [{"text": segment, "ents": pieces, "title": None}],
            style="ent",
            manual=True,
            page=False,
            options={"colors": colours},
        )
        parts.append(drawn if inside else f'<div class="boilerplate">{drawn}</div>')
    return "\n".join(parts)


def _document_html(
    doc_id: str, report: Mapping[str, Any], gold: Document, pred: Document | None, text: str | None
) -> str:
    figures = report["documents"][doc_id]
    title = (
        f'<h3 id="{html.escape(doc_id)}">{html.escape(doc_id)}</h3><p>{html.escape(figures["status"])}: '
        f"strict F1 {figures['strict']['f1']:.4f}, partial F1 {figures['partial']['f1']:.4f}, "
        f"content F1 {figures['content']['f1']:.4f}</p>"
    )
    errors = [e for e in report["errors"] if e["document"] == doc_id]
    listing = ""
    for error_type in ("FN", "FP"):
        mine = [e for e in errors if e["type"] == error_type]
        if mine:
            listing += f"<h4>{error_type} ({len(mine)})</h4>" + html_table(error_table(mine), f"errors-{error_type}")
    if text is None:
        return title + "<p>The text could not be read: no side-by-side view.</p>" + listing
    gold_entities = sorted(gold.entities, key=lambda e: (e.start, e.end, e.label))
    pred_entities = sorted(pred.entities, key=lambda e: (e.start, e.end, e.label)) if pred and not pred.error else []
    strict = scoring.strict_pairs(gold_entities, pred_entities)
    partial = scoring.overlap_pairs(gold_entities, pred_entities)
    labels = sorted({e.label for e in gold_entities + pred_entities} | set(LABELS))
    colours = _colours(labels)
    gold_view = render_text(
        text, gold.content, _marked(gold_entities, {g for g, _ in strict}, {g for g, _ in partial}), colours
    )
    pred_content = pred.content if pred and not pred.error else []
    pred_view = render_text(
        text, pred_content, _marked(pred_entities, {p for _, p in strict}, {p for _, p in partial}), colours
    )
    return (
        title
        + listing
        + '<details open><summary>gold and prediction side by side</summary><div class="side-by-side">'
        + f"<div><h4>gold</h4>{gold_view}</div><div><h4>prediction</h4>{pred_view}</div></div></details>"
    )


def render_html(
    report: Mapping[str, Any],
    gold: Sequence[Document],
    pred: Sequence[Document],
    texts: Mapping[str, str],
) -> str:
    predictions = {doc.id: doc for doc in pred}
    gold_by_id = {doc.id: doc for doc in gold}
    summary = "".join(f"<p>{html.escape(line.lstrip('- '))}</p>" for line in _summary_lines(report))
    legend = (
        '<p class="legend">In the side-by-side view: '
        f'<span style="background:{WRONG_COLOUR}">LABEL {WRONG_MARK}</span> no match of the same label '
        f"(false negative on the gold side, false positive on the prediction side); "
        f'<span style="background:{BOUNDARY_COLOUR}">LABEL {BOUNDARY_MARK}</span> same label, other span '
        "(a partial match); other colours: strict matches. Grey text is boilerplate (outside content).</p>"
    )
    ablation = report.get("ablation") or {}
    sections = [
        ("Headline", html_table(headline_table(report))),
        ("Per label", html_table(label_table(report))),
        ("Per document", html_table(document_table(report))),
        ("Normalisation (strictly matched spans)", html_table(normalisation_table(report))),
        ("Publication date", html_table(published_table(report))),
        ("Content (non-whitespace characters)", html_table(content_table(report))),
        ("Confusion of labels (overlapping spans; rows gold, columns predicted)", html_table(confusion_table(report))),
        (
            "Ablation",
            html_table(ablation_table(report))
            if ablation.get("stages")
            else f"<p>{html.escape(ablation.get('note', 'Not run (--no-ablation).'))}</p>",
        ),
    ]
    if report["normalisation_errors"]:
        sections.append(("Normalisation errors", html_table(normalisation_error_table(report["normalisation_errors"]))))
    if report.get("facts"):
        from pipeline.facts_eval import facts_html

        sections.append(("Money facts", facts_html(report["facts"])))
    documents = "".join(
        _document_html(doc_id, report, gold_by_id[doc_id], predictions.get(doc_id), texts.get(doc_id))
        for doc_id in report["documents"]
    )
    sections.append(("Documents: gold and prediction, errors marked", legend + documents))
    sections.append(("How the figures are counted", f"<pre>{html.escape(definitions())}</pre>"))
    sections.append(("The structure of report.json", f"<pre>{html.escape(json_structure())}</pre>"))
    body = "".join(f"<h2>{html.escape(title)}</h2>{content}" for title, content in sections)
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>fr-extract evaluation report</title>'
        f"<style>{CSS}</style></head><body><h1>fr-extract evaluation report</h1>{summary}{body}</body></html>\n"
    )


# ---------------------------------------------------------------------------- files


def render_json(report: Mapping[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False) + "\n"


def report_paths(output_prefix: str | os.PathLike[str]) -> dict[str, Path]:
    """out/report -> out/report.md, .json, .html (a suffix given by mistake is dropped)."""
    prefix = Path(output_prefix)
    if prefix.suffix in REPORT_SUFFIXES:
        prefix = prefix.with_suffix("")
    return {suffix.lstrip("."): prefix.with_name(prefix.name + suffix) for suffix in REPORT_SUFFIXES}


def write_report(
    report: Mapping[str, Any],
    output_prefix: str | os.PathLike[str],
    gold: Sequence[Document],
    pred: Sequence[Document],
    texts: Mapping[str, str],
) -> dict[str, Path]:
    """Write report.json, report.md and report.html; returns their paths by kind."""
    paths = report_paths(output_prefix)
    write_text_atomic(paths["json"], render_json(report))
    write_text_atomic(paths["md"], render_markdown(report))
    write_text_atomic(paths["html"], render_html(report, gold, pred, texts))
    return paths


# ---------------------------------------------------------------------------- splits side by side

# The figures compared across splits (seeds, dev, test): (row name, path in a split's report).
SPLIT_FIGURES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("names (PER ORG LOC MISC), strict F1", ("groups", "names", "strict", "f1")),
    ("rules (MONEY DATE PERCENT), strict F1", ("groups", "rules", "strict", "f1")),
    ("all labels, strict micro F1", ("micro", "strict", "f1")),
    ("all labels, partial micro F1", ("micro", "partial", "f1")),
    ("content characters, F1", ("content", "micro", "f1")),
    ("MONEY value accuracy", ("normalisation", "MONEY", "value", "accuracy")),
    ("MONEY currency accuracy", ("normalisation", "MONEY", "currency", "accuracy")),
    ("MONEY all fields accuracy", ("normalisation", "MONEY", "all", "accuracy")),
    ("DATE value accuracy", ("normalisation", "DATE", "value", "accuracy")),
    ("PERCENT value accuracy", ("normalisation", "PERCENT", "value", "accuracy")),
    ("published exact match, pages stating a date", ("published", "stated", "accuracy")),
    ("published exact match, every document", ("published", "all", "accuracy")),
)
SPLIT_COLOURS = ("#4c78a8", "#f58518", "#54a24b", "#b279a2", "#9d755d")


def figure(report: Mapping[str, Any], path: Sequence[str]) -> Any:
    """A value deep in a report, or None where the report has no such entry."""
    value: Any = report
    for key in path:
        if not isinstance(value, Mapping) or key not in value:
            return None
        value = value[key]
    return value


def split_report(
    reports: Mapping[str, Mapping[str, Any]], output_prefix: str | os.PathLike[str], pred: str, warnings: list[str]
) -> dict[str, Any]:
    """The side-by-side report: for each split its headline blocks, without documents and errors."""
    kept = ("labels", "micro", "macro", "groups", "normalisation", "ablation")
    published = ("all", "stated")
    splits = {}
    for name, report in reports.items():
        summary = report["summary"]
        splits[name] = {key: report[key] for key in kept}
        splits[name]["content"] = {"micro": report["content"]["micro"]}
        if "published" in report:
            splits[name]["published"] = {key: report["published"][key] for key in published}
        facts = split_facts(report)
        if facts is not None:
            splits[name]["facts"] = facts
        splits[name]["summary"] = {
            key: summary[key] for key in ("gold", "documents", "gold_entities", "predicted_entities", "output")
        }
    return {
        "order": list(reports),
        "splits": splits,
        "summary": {"pred": pred, "output": os.fspath(output_prefix), "warnings": warnings},
    }


def split_figure_table(combined: Mapping[str, Any], order: Sequence[str] | None = None) -> Table:
    order = list(order or combined["order"])
    rows = [[name] + [figure(combined["splits"][s], path) for s in order] for name, path in SPLIT_FIGURES]
    rows.append(["documents"] + [combined["splits"][s]["summary"]["documents"] for s in order])
    rows.append(["gold entities"] + [combined["splits"][s]["summary"]["gold_entities"] for s in order])
    return Table(["figure", *order], rows)


def split_label_table(combined: Mapping[str, Any], order: Sequence[str] | None = None) -> Table:
    order = list(order or combined["order"])
    labels = ordered_labels({label for s in order for label in combined["splits"][s]["labels"]})
    rows = []
    for label in labels:
        row: list[Any] = [label]
        for s in order:
            block = figure(combined["splits"][s], ("labels", label, "strict"))
            row += [block["f1"], block["support"]] if block else [None, 0]
        rows.append(row)
    headers = ["label"] + [f"{s} {what}" for s in order for what in ("strict F1", "support")]
    return Table(headers, rows)


def split_ablation_table(combined: Mapping[str, Any], order: Sequence[str] | None = None) -> Table:
    order = list(order or combined["order"])
    stages: dict[str, dict[str, Any]] = {}
    for s in order:
        for stage in combined["splits"][s]["ablation"].get("stages", []):
            stages.setdefault(stage["description"], {})[s] = stage
    rows = []
    for description, by_split in stages.items():
        row: list[Any] = [description]
        for s in order:
            stage = by_split.get(s)
            row += [stage["names"]["f1"], stage["all"]["f1"]] if stage else [None, None]
        rows.append(row)
    return Table(["stage"] + [f"{s} {what}" for s in order for what in ("names F1", "all F1")], rows)


def bar_chart(title: str, groups: Sequence[tuple[str, Sequence[float | None]]], series: Sequence[str]) -> str:
    """A grouped bar chart as inline SVG: one group per row name, one bar per series, scale 0–1."""
    bar, gap, height, left, top = 14, 18, 160, 34, 24
    width = left + len(groups) * (len(series) * bar + gap) + gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + top + 70}" role="img" '
        f'aria-label="{html.escape(title)}"><title>{html.escape(title)}</title>',
        f'<text x="{left}" y="14" font-size="12" font-weight="bold">{html.escape(title)}</text>',
    ]
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        y = top + height - tick * height
        parts.append(f'<line x1="{left}" x2="{width}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="9" text-anchor="end">{tick:g}</text>')
    x = left + gap
    for name, values in groups:
        for index, value in enumerate(values):
            if value is not None:
                h = max(0.0, min(1.0, float(value))) * height
                colour = SPLIT_COLOURS[index % len(SPLIT_COLOURS)]
                parts.append(
                    f'<rect x="{x + index * bar}" y="{top + height - h:.1f}" width="{bar - 2}" height="{h:.1f}" '
                    f'fill="{colour}"><title>{html.escape(series[index])}: {value:.4f}</title></rect>'
                )
        label_x = x + len(values) * bar / 2
        parts.append(
            f'<text x="{label_x:.1f}" y="{top + height + 12}" font-size="9" text-anchor="end" '
            f'transform="rotate(-35 {label_x:.1f} {top + height + 12})">{html.escape(name)}</text>'
        )
        x += len(values) * bar + gap
    legend_y = top + height + 62
    for index, name in enumerate(series):
        colour = SPLIT_COLOURS[index % len(SPLIT_COLOURS)]
        parts.append(f'<rect x="{left + index * 80}" y="{legend_y - 9}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{left + index * 80 + 14}" y="{legend_y}" font-size="10">{html.escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def split_charts(combined: Mapping[str, Any]) -> list[str]:
    """One chart per label (strict F1 per split), one of the headline figures, one ablation chart per split."""
    order = combined["order"]
    splits = combined["splits"]
    charts = []
    labels = ordered_labels({label for s in order for label in splits[s]["labels"]})
    for label in labels:
        values = [figure(splits[s], ("labels", label, "strict", "f1")) for s in order]
        partial = [figure(splits[s], ("labels", label, "partial", "f1")) for s in order]
        charts.append(bar_chart(f"{label}: F1 per split", [("strict", values), ("partial", partial)], order))
    charts.append(
        bar_chart(
            "Headline figures per split",
            [(n, [figure(splits[s], p) for s in order]) for n, p in SPLIT_FIGURES[:5]],
            order,
        )
    )
    for s in order:
        stages = splits[s]["ablation"].get("stages", [])
        if stages:
            groups = [
                (stage["stage"], [stage["names"]["f1"], stage["all"]["f1"], stage["content"]["f1"]]) for stage in stages
            ]
            charts.append(bar_chart(f"Ablation on {s}", groups, ["names F1", "all F1", "content F1"]))
    return charts


def render_split_markdown(combined: Mapping[str, Any]) -> str:
    order = combined["order"]
    lines = [
        "# fr-extract evaluation report: splits side by side",
        "",
        f"Predictions `{combined['summary']['pred']}`. Each split's full report (per document, errors, "
        "side-by-side texts) is in its own files:",
        "",
    ]
    for s in order:
        summary = combined["splits"][s]["summary"]
        lines.append(
            f"- **{s}**: gold `{summary['gold']}`, {summary['documents']} documents, "
            f"{summary['gold_entities']} entities; report `{summary['output']}.md`"
        )
    lines += [f"- warning: {w}" for w in combined["summary"]["warnings"]]
    lines += ["", "## Headline", "", markdown_table(split_figure_table(combined)), ""]
    lines += ["## Per label (strict)", "", markdown_table(split_label_table(combined)), ""]
    if any("facts" in combined["splits"][s] for s in order):
        lines += ["## Money facts", "", markdown_table(split_facts_table(combined, order)), ""]
    lines += ["## Ablation (strict micro F1)", "", markdown_table(split_ablation_table(combined)), ""]
    per_label = {s: stages for s in order if (stages := combined["splits"][s]["ablation"].get("stages"))}
    if per_label:
        lines += ["## Ablation per label (strict F1)", "", markdown_table(ablation_label_table(per_label)), ""]
    lines += ["## How the figures are counted", "", definitions(), ""]
    return "\n".join(lines).rstrip() + "\n"


def render_split_html(combined: Mapping[str, Any]) -> str:
    order = combined["order"]
    links = "".join(
        f"<li><b>{html.escape(s)}</b>: {combined['splits'][s]['summary']['documents']} documents, "
        f"{combined['splits'][s]['summary']['gold_entities']} gold entities; "
        f'<a href="{html.escape(Path(combined["splits"][s]["summary"]["output"]).name)}.html">full report</a></li>'
        for s in order
    )
    warnings = "".join(f"<p>warning: {html.escape(w)}</p>" for w in combined["summary"]["warnings"])
    charts = "".join(f'<div class="chart">{chart}</div>' for chart in split_charts(combined))
    body = (
        f"<p>Predictions <code>{html.escape(combined['summary']['pred'])}</code>.</p><ul>{links}</ul>{warnings}"
        f"<h2>Headline</h2>{html_table(split_figure_table(combined))}"
        f'<h2>Charts</h2><div class="charts">{charts}</div>'
        f"<h2>Per label (strict)</h2>{html_table(split_label_table(combined))}"
        + (
            f"<h2>Money facts</h2>{html_table(split_facts_table(combined, order))}"
            if any("facts" in combined["splits"][s] for s in order)
            else ""
        )
        + f"<h2>Ablation (strict micro F1)</h2>{html_table(split_ablation_table(combined))}"
        f"<h2>How the figures are counted</h2><pre>{html.escape(definitions())}</pre>"
    )
    css = CSS + ".charts { display: flex; flex-wrap: wrap; gap: 1em; }\n"
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>fr-extract evaluation: splits</title>'
        f"<style>{css}</style></head><body><h1>fr-extract evaluation report: splits side by side</h1>{body}"
        "</body></html>\n"
    )


def write_split_report(combined: Mapping[str, Any], output_prefix: str | os.PathLike[str]) -> dict[str, Path]:
    paths = report_paths(output_prefix)
    write_text_atomic(paths["json"], render_json(combined))
    write_text_atomic(paths["md"], render_split_markdown(combined))
    write_text_atomic(paths["html"], render_split_html(combined))
    return paths
