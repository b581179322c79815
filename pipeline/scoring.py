"""Scoring predictions against gold: spans, normalised values, content ranges, confusions.

Plain values in (Documents and their texts), plain values out (dicts ready for JSON).
`pipeline/report.py` writes them; `pipeline/evaluate.py` reads the files and runs the ablation.

How things are counted
----------------------
Documents are matched by `id`. A gold document without a prediction (or whose prediction is
an error record) counts every gold entity as a false negative; predicted documents that are
not in the gold set are listed and ignored.

Strict match: a predicted entity and a gold entity with the same `start`, `end` and `label`.

Partial match: a predicted and a gold entity with the same label whose spans overlap by at
least one character (`[start, end)` ranges: touching spans such as [0, 5) and [5, 9) do not
overlap). Matching is one-to-one: the candidate pairs are taken greedily, largest overlap
first (ties: the tighter pair, i.e. the smaller union, then the earlier gold, then the
earlier prediction), and a pair is kept when neither side is matched yet. Matched pairs are
true positives, unmatched predictions false positives, unmatched gold entities false
negatives. Every strict match is also a partial match (when neither side has overlapping
spans, as CONTRACT.md requires).

Precision = tp / (tp + fp), recall = tp / (tp + fn), F1 = 2PR / (P + R); each is 0.0 when its
denominator is 0 (as spaCy's `PRFScore`), so empty gold, empty predictions or both give 0.0
with `support` 0 or `tp` 0 telling why. Support is the number of gold entities (tp + fn).
Micro averages pool the counts of every label; macro averages are the unweighted means of
the per-label precision, recall and F1 over the labels that occur in the gold set or in the
predictions (a label absent from both is not averaged in).

Normalisation accuracy is computed on strictly matched pairs only: MONEY `value` (value, min
and max all equal), `currency`, `qualifier`, and `all` (every MONEY field, including
`currency_inferred` and `vague`); DATE `value`; PERCENT `value`. Numbers are compared
exactly. Accuracy = correct / total, 0.0 when total is 0.

Content: character precision, recall and F1 of the predicted `content` ranges against the
gold ones, counting only non-whitespace characters (a character counts when it is not white
space and lies inside a range). Without the document text every character counts.

Confusion: gold and predicted entities are paired one-to-one by overlap, whatever their
labels (same greedy rule as partial matching); each pair adds one to cell
[gold label][predicted label] (the diagonal holds the overlapping spans labelled alike);
an unpaired gold entity adds one to [label]["none"], an unpaired prediction to ["none"][label].

Errors: every strict false positive and false negative, with 40 characters of context on
each side and a `kind`: `boundary` (it has a partial match: same label, other span), `label`
(it overlaps an entity of another label), `missed` (gold, nothing overlaps) or `spurious`
(prediction, nothing overlaps); `partner` is the overlapping entity on the other side.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.model import LABELS, NAME_LABELS, RULE_LABELS, Document, Entity

DIGITS = 4
CONTEXT_CHARS = 40
NONE = "none"
MONEY_VALUE_FIELDS = ("value", "min", "max")
MONEY_FIELDS = ("value", "min", "max", "currency", "currency_inferred", "qualifier", "vague")
# The checks of normalisation accuracy: label -> check name -> the fields that must all be equal.
NORMALISATION_CHECKS: dict[str, dict[str, tuple[str, ...]]] = {
    "MONEY": {
        "value": MONEY_VALUE_FIELDS,
        "currency": ("currency",),
        "qualifier": ("qualifier",),
        "all": MONEY_FIELDS,
    },
    "DATE": {"value": ("value",)},
    "PERCENT": {"value": ("value",)},
}
LABEL_GROUPS = {"names": NAME_LABELS, "rules": RULE_LABELS}


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


@dataclass
class Counts:
    """True positives, false positives and false negatives, and the scores they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, DIGITS),
            "recall": round(self.recall, DIGITS),
            "f1": round(self.f1, DIGITS),
            "support": self.support,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def total(counts: Iterable[Counts]) -> Counts:
    return sum(counts, Counts())


# ---------------------------------------------------------------------------- matching


def strict_pairs(gold: Sequence[Entity], pred: Sequence[Entity]) -> list[tuple[int, int]]:
    """Index pairs (gold, prediction) with the same start, end and label, one-to-one."""
    waiting: dict[tuple[int, int, str], list[int]] = {}
    for index, entity in enumerate(gold):
        waiting.setdefault(entity.key, []).append(index)
    pairs = []
    for index, entity in enumerate(pred):
        if waiting.get(entity.key):
            pairs.append((waiting[entity.key].pop(0), index))
    return sorted(pairs)


def overlap(a: Entity, b: Entity) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def overlap_pairs(gold: Sequence[Entity], pred: Sequence[Entity], same_label: bool = True) -> list[tuple[int, int]]:
    """Index pairs (gold, prediction) of overlapping spans, one-to-one, greedy by largest overlap."""
    candidates = []
    for g, gold_entity in enumerate(gold):
        for p, pred_entity in enumerate(pred):
            if same_label and gold_entity.label != pred_entity.label:
                continue
            shared = overlap(gold_entity, pred_entity)
            if shared:
                union = max(gold_entity.end, pred_entity.end) - min(gold_entity.start, pred_entity.start)
                candidates.append((-shared, union, gold_entity.start, pred_entity.start, g, p))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for *_, g, p in candidates:
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            pairs.append((g, p))
    return sorted(pairs)


def counts_by_label(
    gold: Sequence[Entity], pred: Sequence[Entity], pairs: Iterable[tuple[int, int]]
) -> dict[str, Counts]:
    """Per-label counts: paired entities are true positives, the rest false positives or negatives."""
    counts: dict[str, Counts] = {}
    matched_gold: set[int] = set()
    matched_pred: set[int] = set()
    for g, p in pairs:
        matched_gold.add(g)
        matched_pred.add(p)
        counts.setdefault(gold[g].label, Counts()).tp += 1
    for g, entity in enumerate(gold):
        if g not in matched_gold:
            counts.setdefault(entity.label, Counts()).fn += 1
    for p, entity in enumerate(pred):
        if p not in matched_pred:
            counts.setdefault(entity.label, Counts()).fp += 1
    return counts


def span_counts(gold: Sequence[Entity], pred: Sequence[Entity], mode: str = "strict") -> dict[str, Counts]:
    """Per-label counts of one document, `mode` "strict" or "partial"."""
    if mode == "strict":
        return counts_by_label(gold, pred, strict_pairs(gold, pred))
    if mode == "partial":
        return counts_by_label(gold, pred, overlap_pairs(gold, pred))
    raise ValueError(f"unknown matching mode {mode!r}: strict or partial")


# ---------------------------------------------------------------------------- content


def content_counts(
    gold_ranges: Sequence[tuple[int, int]], pred_ranges: Sequence[tuple[int, int]], text: str | None = None
) -> Counts:
    """Character counts of predicted against gold content ranges; non-whitespace characters only when text is given."""
    length = max([end for _, end in [*gold_ranges, *pred_ranges]], default=0)
    if text is not None:
        length = max(length, len(text))
    in_gold = _range_mask(gold_ranges, length)
    in_pred = _range_mask(pred_ranges, length)
    counts = Counts()
    for position in range(length):
        if text is not None and (position >= len(text) or text[position].isspace()):
            continue
        gold_has, pred_has = in_gold[position], in_pred[position]
        if gold_has and pred_has:
            counts.tp += 1
        elif pred_has:
            counts.fp += 1
        elif gold_has:
            counts.fn += 1
    return counts


def _range_mask(ranges: Sequence[tuple[int, int]], length: int) -> bytearray:
    mask = bytearray(length)
    for start, end in ranges:
        start, end = max(0, start), min(length, end)
        if start < end:
            mask[start:end] = b"\x01" * (end - start)
    return mask


# ---------------------------------------------------------------------------- normalisation


def same_value(a: Any, b: Any) -> bool:
    """Exact equality, with booleans kept apart from numbers (True is not 1)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return a == b


def normalisation_results(gold: Sequence[Entity], pred: Sequence[Entity]) -> list[tuple[int, int, str, bool]]:
    """(gold index, prediction index, check, correct) for every check of every strict pair."""
    results = []
    for g, p in strict_pairs(gold, pred):
        checks = NORMALISATION_CHECKS.get(gold[g].label, {})
        for check, fields in checks.items():
            correct = all(same_value(gold[g].norm.get(f), pred[p].norm.get(f)) for f in fields)
            results.append((g, p, check, correct))
    return results


# ---------------------------------------------------------------------------- confusion and errors


def confusion_counts(gold: Sequence[Entity], pred: Sequence[Entity]) -> Counter[tuple[str, str]]:
    """(gold label, predicted label) counts of overlapping spans; "none" for the unpaired."""
    cells: Counter[tuple[str, str]] = Counter()
    pairs = overlap_pairs(gold, pred, same_label=False)
    for g, p in pairs:
        cells[gold[g].label, pred[p].label] += 1
    paired_gold = {g for g, _ in pairs}
    paired_pred = {p for _, p in pairs}
    for g, entity in enumerate(gold):
        if g not in paired_gold:
            cells[entity.label, NONE] += 1
    for p, entity in enumerate(pred):
        if p not in paired_pred:
            cells[NONE, entity.label] += 1
    return cells


def context(text: str | None, start: int, end: int, width: int = CONTEXT_CHARS) -> tuple[str, str]:
    """The `width` characters left and right of a span, white space runs shown as one space."""
    if text is None:
        return "", ""
    left, right = text[max(0, start - width) : start], text[end : end + width]
    return _one_line(left, keep_edge="right"), _one_line(right, keep_edge="left")


def _one_line(text: str, keep_edge: str) -> str:
    """Runs of white space as one space; the space next to the span kept so words stay apart."""
    squeezed = " ".join(text.split())
    if keep_edge == "right" and text[-1:].isspace():
        squeezed += " "
    if keep_edge == "left" and text[:1].isspace():
        squeezed = " " + squeezed
    return squeezed


def entity_ref(entity: Entity) -> dict[str, Any]:
    return {"start": entity.start, "end": entity.end, "label": entity.label, "text": entity.text}


def span_errors(doc_id: str, gold: Sequence[Entity], pred: Sequence[Entity], text: str | None) -> list[dict[str, Any]]:
    """Every strict false negative and false positive of one document, with kind, partner and context."""
    strict = strict_pairs(gold, pred)
    partial = overlap_pairs(gold, pred)
    return _one_side_errors(doc_id, "FN", "missed", gold, pred, {g for g, _ in strict}, dict(partial), text) + (
        _one_side_errors(doc_id, "FP", "spurious", pred, gold, {p for _, p in strict}, {p: g for g, p in partial}, text)
    )


def _one_side_errors(
    doc_id: str,
    error_type: str,
    alone: str,
    entities: Sequence[Entity],
    others: Sequence[Entity],
    matched: set[int],
    partner_of: dict[int, int],
    text: str | None,
) -> list[dict[str, Any]]:
    """The errors of one side (gold: FN, prediction: FP): a boundary, a label, or nothing on the other side."""
    errors = []
    for index, entity in enumerate(entities):
        if index in matched:
            continue
        if index in partner_of:
            kind, partner = "boundary", others[partner_of[index]]
        else:
            partner = _largest_overlap(entity, others)
            kind = "label" if partner is not None else alone
        errors.append(_error(doc_id, error_type, kind, entity, partner, text))
    return errors


def _largest_overlap(entity: Entity, others: Sequence[Entity]) -> Entity | None:
    best = max(others, key=lambda other: (overlap(entity, other), -other.start), default=None)
    return best if best is not None and overlap(entity, best) else None


def _error(
    doc_id: str, error_type: str, kind: str, entity: Entity, partner: Entity | None, text: str | None
) -> dict[str, Any]:
    left, right = context(text, entity.start, entity.end)
    return {
        "document": doc_id,
        "type": error_type,
        "kind": kind,
        **entity_ref(entity),
        "left": left,
        "right": right,
        "partner": entity_ref(partner) if partner is not None else None,
    }


def normalisation_errors(
    doc_id: str, gold: Sequence[Entity], pred: Sequence[Entity], text: str | None
) -> list[dict[str, Any]]:
    """Strictly matched entities whose normalised fields differ, with the fields on each side."""
    errors = []
    for g, p in strict_pairs(gold, pred):
        label = gold[g].label
        if label not in NORMALISATION_CHECKS:
            continue
        fields = MONEY_FIELDS if label == "MONEY" else ("value",)
        wrong = {
            name: {"gold": gold[g].norm.get(name), "pred": pred[p].norm.get(name)}
            for name in fields
            if not same_value(gold[g].norm.get(name), pred[p].norm.get(name))
        }
        if wrong:
            left, right = context(text, gold[g].start, gold[g].end)
            errors.append({"document": doc_id, **entity_ref(gold[g]), "fields": wrong, "left": left, "right": right})
    return errors


# ---------------------------------------------------------------------------- the whole evaluation


@dataclass
class DocumentScore:
    """Everything counted on one gold document."""

    doc_id: str
    status: str  # "scored", "missing" (no prediction) or "error" (the prediction is an error record)
    strict: dict[str, Counts]
    partial: dict[str, Counts]
    content: Counts
    whitespace_excluded: bool
    normalisation: list[tuple[str, str, bool]]  # (label, check, correct)
    confusion: Counter[tuple[str, str]]
    errors: list[dict[str, Any]]
    normalisation_errors: list[dict[str, Any]]
    gold_entities: int
    predicted_entities: int


def score_document(gold: Document, pred: Document | None, text: str | None = None) -> DocumentScore:
    """Score one gold document against its prediction (None when the prediction is missing)."""
    if pred is None:
        status, pred_entities, pred_content = "missing", [], []
    elif pred.error:
        status, pred_entities, pred_content = "error", [], []
    else:
        status, pred_entities, pred_content = "scored", _sorted(pred.entities), list(pred.content)
    gold_entities = _sorted(gold.entities)
    return DocumentScore(
        doc_id=gold.id,
        status=status,
        strict=span_counts(gold_entities, pred_entities, "strict"),
        partial=span_counts(gold_entities, pred_entities, "partial"),
        content=content_counts(gold.content, pred_content, text),
        whitespace_excluded=text is not None,
        normalisation=[
            (gold_entities[g].label, check, correct)
            for g, _, check, correct in normalisation_results(gold_entities, pred_entities)
        ],
        confusion=confusion_counts(gold_entities, pred_entities),
        errors=span_errors(gold.id, gold_entities, pred_entities, text),
        normalisation_errors=normalisation_errors(gold.id, gold_entities, pred_entities, text),
        gold_entities=len(gold_entities),
        predicted_entities=len(pred_entities),
    )


def _sorted(entities: Iterable[Entity]) -> list[Entity]:
    return sorted(entities, key=lambda e: (e.start, e.end, e.label))


def evaluate_documents(
    gold: Sequence[Document], pred: Sequence[Document], texts: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The evaluation as one JSON-ready dict (the structure of report.json without `summary` paths)."""
    texts = texts or {}
    predictions = {doc.id: doc for doc in pred}
    gold_ids = {doc.id for doc in gold}
    scores = [score_document(doc, predictions.get(doc.id), texts.get(doc.id)) for doc in gold]
    scores.sort(key=lambda s: s.doc_id)
    result = aggregate(scores)
    result["published"] = published_matches(gold, predictions)
    result["summary"].update(
        {
            "extra_predictions": sorted(doc_id for doc_id in predictions if doc_id not in gold_ids),
            "texts_missing": sorted(doc.id for doc in gold if doc.id not in texts),
        }
    )
    return result


def published_matches(gold: Sequence[Document], predictions: Mapping[str, Document]) -> dict[str, Any]:
    """The publication date compared per document, exact string match (`2025-02` is not `2025-02-12`).

    `all`: over every gold document whose prediction is not missing or an error (a page stating no date must
    be predicted null); `stated`: over the pages whose gold states a date; `errors`: the mismatches.
    """
    outcomes = []
    for doc in gold:
        pred = predictions.get(doc.id)
        if pred is not None and not pred.error:
            outcomes.append((doc.id, doc.published, pred.published))

    def block(rows: Sequence[tuple[str, str | None, str | None]]) -> dict[str, Any]:
        correct = sum(g == p for _, g, p in rows)
        return {"correct": correct, "total": len(rows), "accuracy": round(ratio(correct, len(rows)), DIGITS)}

    return {
        "all": block(outcomes),
        "stated": block([row for row in outcomes if row[1] is not None]),
        "errors": [{"document": d, "gold": g, "pred": p} for d, g, p in outcomes if g != p],
    }


def aggregate(scores: Sequence[DocumentScore]) -> dict[str, Any]:
    """Pool document scores into labels, micro and macro averages, groups and the rest."""
    strict = _pool(s.strict for s in scores)
    partial = _pool(s.partial for s in scores)
    labels = list(LABELS) + sorted(set(strict) - set(LABELS))
    seen = [label for label in labels if label in strict]
    micro = {"strict": total(strict.values()), "partial": total(partial.values())}
    content = total(s.content for s in scores)
    return {
        "summary": {
            "documents": len(scores),
            "scored": sum(s.status == "scored" for s in scores),
            "missing_predictions": [s.doc_id for s in scores if s.status == "missing"],
            "prediction_errors": [s.doc_id for s in scores if s.status == "error"],
            "gold_entities": sum(s.gold_entities for s in scores),
            "predicted_entities": sum(s.predicted_entities for s in scores),
            "strict_f1": round(micro["strict"].f1, DIGITS),
            "partial_f1": round(micro["partial"].f1, DIGITS),
            "macro_strict_f1": _macro(strict, seen)["f1"],
            "content_f1": round(content.f1, DIGITS),
        },
        "labels": {
            label: {
                "strict": strict.get(label, Counts()).to_dict(),
                "partial": partial.get(label, Counts()).to_dict(),
            }
            for label in labels
        },
        "micro": {mode: counts.to_dict() for mode, counts in micro.items()},
        "macro": {"strict": _macro(strict, seen), "partial": _macro(partial, seen)},
        "groups": {
            group: {
                "strict": total(strict.get(label, Counts()) for label in members).to_dict(),
                "partial": total(partial.get(label, Counts()) for label in members).to_dict(),
            }
            for group, members in LABEL_GROUPS.items()
        },
        "documents": {
            s.doc_id: {
                "status": s.status,
                "gold_entities": s.gold_entities,
                "predicted_entities": s.predicted_entities,
                "strict": total(s.strict.values()).to_dict(),
                "partial": total(s.partial.values()).to_dict(),
                "content": s.content.to_dict(),
            }
            for s in scores
        },
        "normalisation": _normalisation(scores),
        "content": {
            "micro": content.to_dict(),
            "documents": {s.doc_id: s.content.to_dict() for s in scores},
            "whitespace_excluded": all(s.whitespace_excluded for s in scores),
        },
        "confusion": _confusion(scores, labels),
        "errors": _ordered_errors(e for s in scores for e in s.errors),
        "normalisation_errors": [e for s in scores for e in s.normalisation_errors],
    }


def _pool(per_document: Iterable[dict[str, Counts]]) -> dict[str, Counts]:
    pooled: dict[str, Counts] = {}
    for counts in per_document:
        for label, value in counts.items():
            pooled[label] = pooled.get(label, Counts()) + value
    return pooled


def _macro(counts: Mapping[str, Counts], labels: Sequence[str]) -> dict[str, Any]:
    n = len(labels)
    return {
        "precision": round(sum(counts[label].precision for label in labels) / n, DIGITS) if n else 0.0,
        "recall": round(sum(counts[label].recall for label in labels) / n, DIGITS) if n else 0.0,
        "f1": round(sum(counts[label].f1 for label in labels) / n, DIGITS) if n else 0.0,
        "labels": list(labels),
    }


def _normalisation(scores: Sequence[DocumentScore]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for label, checks in NORMALISATION_CHECKS.items():
        result[label] = {}
        for check in checks:
            outcomes = [ok for s in scores for lab, name, ok in s.normalisation if (lab, name) == (label, check)]
            correct = sum(outcomes)
            result[label][check] = {
                "correct": correct,
                "total": len(outcomes),
                "accuracy": round(ratio(correct, len(outcomes)), DIGITS),
            }
    return result


def _confusion(scores: Sequence[DocumentScore], labels: Sequence[str]) -> dict[str, Any]:
    cells: Counter[tuple[str, str]] = Counter()
    for s in scores:
        cells.update(s.confusion)
    axis = list(labels) + sorted({label for pair in cells for label in pair} - set(labels) - {NONE}) + [NONE]
    return {
        "labels": axis,
        "matrix": {gold: {pred: cells[gold, pred] for pred in axis} for gold in axis},
    }


def _ordered_errors(errors: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(errors, key=lambda e: (e["document"], e["start"], e["end"], e["type"], e["label"]))
