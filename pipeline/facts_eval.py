"""Scoring money facts against the facts gold: pairs, full tuples, and each argument.

Plain values in (gold facts and predicted records), plain values out (dicts ready for JSON).
`pipeline/evaluate.py` calls `facts_report` for every split whose facts gold it finds
(`--facts-gold`, or `facts/*.jsonl` beside the split's gold file); `pipeline/report.py` shows
the result with `facts_markdown` and `facts_html`.

How facts are counted
---------------------
A fact is keyed by its amount: the MONEY span (start, end) in its document. Actors are
compared by name, normalised as the consolidation normalises them (`pipeline.consolidate.
actor_key`: case, accents, articles, legal suffixes, known aliases), so that any mention of the
right party counts.

(actor, amount) pairs: the gold pairs are the gold facts with an actor; the predicted pairs
the predicted facts with an actor. A predicted pair is a true positive when the gold has a
pair with the same document, amount span and actor key. Precision, recall and F1 as for
entities (0.0 when a denominator is 0).

When the text of a document is known (`texts`), an ORG or LOC name and the acronym the document defines for
it in brackets (`Ligue de football professionnel (LFP)`, or `LFP (Ligue de football professionnel)`) are the same
party: both sides' actors are read through the same definitions, so the match stays symmetric. Nothing else
is joined (a short form, `Norvane` for `Norvane Flavours Ltd`, may be another party: a subsidiary).

Full tuple (actor, kind, amount, purpose): every gold fact and every predicted fact counts. A
predicted fact is a true positive when the gold fact of the same amount has the same actor key
(or both none), the same kind, and a matching purpose: both none, or two spans whose overlap
is at least half of their union (character Jaccard ≥ 0.5).

Argument accuracy: on the facts whose amount is in both (the predicted MONEY span equals the
gold one), the share with the same actor key, kind, purpose (as above), place (same span, or
both none) and date (the same TIMEX3 value, `published` standing for the document's date).
Documents whose prediction is missing or an error record count all their gold facts as
false negatives; predicted documents outside the gold are ignored.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from pipeline.model import FACT_KINDS, PUBLISHED, Argument, Document, Fact
from pipeline.scoring import DIGITS, Counts, ratio

PURPOSE_JACCARD = 0.5
ARGUMENTS = ("actor", "kind", "purpose", "place", "date")


def _actor_key(argument: Argument | None, aliases: Mapping[str, str] | None = None) -> str | None:
    from pipeline.consolidate import actor_key

    if argument is None:
        return None
    key = actor_key(argument.text)
    return aliases.get(key, key) if aliases else key


ACRONYM = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý0-9&.-]{1,9}")
BRACKETED = re.compile(r"\s*\(\s*([^()]{2,80}?)\s*\)")


def document_aliases(text: str | None, entities: Sequence[Any]) -> dict[str, str]:
    """The acronyms a document defines for its parties, as actor keys: acronym key -> long name key.
    `Long Form (ACR)` after an ORG or LOC entity, or `ACR (Long Form)` with the long form an entity; the acronym
    begins with the long form's first letter."""
    from pipeline.consolidate import actor_key

    if not text:
        return {}
    # a person is never written as an acronym (`Olivier Zbinden (PLR)` names his party, not him)
    parties = [e for e in entities if e.label in ("ORG", "LOC")]
    starts = {e.start: e for e in parties}
    aliases: dict[str, str] = {}
    for entity in parties:
        match = BRACKETED.match(text, entity.end)
        if match is None:
            continue
        inside = match.group(1)
        if ACRONYM.fullmatch(inside) and not ACRONYM.fullmatch(entity.text):
            short, long = inside, entity.text  # `Ligue de football professionnel (LFP)`
        elif ACRONYM.fullmatch(entity.text) and match.start(1) in starts:
            short, long = entity.text, starts[match.start(1)].text  # `LFP (Ligue de football professionnel)`
        else:
            continue
        if actor_key(short)[:1] == actor_key(long)[:1] and actor_key(short) != actor_key(long):  # `(LFP)` of `Ligue`
            aliases[actor_key(short)] = actor_key(long)
    return aliases


def purposes_match(gold: Argument | None, pred: Argument | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    overlap = min(gold.end, pred.end) - max(gold.start, pred.start)
    union = max(gold.end, pred.end) - min(gold.start, pred.start)
    return overlap > 0 and overlap / union >= PURPOSE_JACCARD


def _date_value(date: Argument | str | None, published: str | None) -> str | None:
    if date is None:
        return None
    if isinstance(date, str):
        return published if date == PUBLISHED else date
    return date.value or date.text


def _same(
    name: str, gold: Fact, pred: Fact, gold_doc: Document, pred_doc: Document, aliases: Mapping[str, str]
) -> bool:
    if name == "actor":
        return _actor_key(gold.actor, aliases) == _actor_key(pred.actor, aliases)
    if name == "kind":
        return gold.kind == pred.kind
    if name == "purpose":
        return purposes_match(gold.purpose, pred.purpose)
    if name == "place":
        g, p = gold.place, pred.place
        return (g is None and p is None) or (g is not None and p is not None and (g.start, g.end) == (p.start, p.end))
    return _date_value(gold.date, gold_doc.published) == _date_value(pred.date, pred_doc.published)


def _block(counts: Counts) -> dict[str, Any]:
    return counts.to_dict()


def score_facts(
    gold: Sequence[Document],
    gold_facts: Mapping[str, Sequence[Fact]],
    pred: Sequence[Document],
    texts: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The facts section of a split's report (see the module docstring); `texts` (id -> text) lets the actors
    be read through the acronyms each document defines."""
    predictions = {document.id: document for document in pred}
    pairs, tuples = Counts(), Counts()
    correct: Counter[str] = Counter()
    matched = 0
    confusion: dict[str, Counter[str]] = {kind: Counter() for kind in FACT_KINDS}
    documents: dict[str, Any] = {}
    errors: list[dict[str, Any]] = []
    predicted_facts = 0
    without_facts: list[str] = []
    for document in gold:
        facts = list(gold_facts.get(document.id, []))
        predicted = predictions.get(document.id)
        usable = predicted is not None and not predicted.error
        if usable and predicted.facts is None and facts:  # type: ignore[union-attr]
            without_facts.append(document.id)
        mine = list(predicted.facts or []) if usable else []  # type: ignore[union-attr]
        predicted_facts += len(mine)
        by_money = {(f.money.start, f.money.end): f for f in mine}
        aliases = document_aliases((texts or {}).get(document.id), document.entities)
        doc_pairs, doc_tuples = Counts(), Counts()
        gold_pairs = {(f.money.start, f.money.end, _actor_key(f.actor, aliases)) for f in facts if f.actor is not None}
        pred_pairs = {(f.money.start, f.money.end, _actor_key(f.actor, aliases)) for f in mine if f.actor is not None}
        doc_pairs = Counts(len(gold_pairs & pred_pairs), len(pred_pairs - gold_pairs), len(gold_pairs - pred_pairs))
        tp = 0
        for fact in facts:
            other = by_money.get((fact.money.start, fact.money.end))
            if other is None:
                errors.append(_error(document.id, fact, None, ["amount"]))
                continue
            matched += 1
            same = {name: _same(name, fact, other, document, predicted, aliases) for name in ARGUMENTS}  # type: ignore[arg-type]
            correct.update(name for name, ok in same.items() if ok)
            confusion.setdefault(fact.kind, Counter())[other.kind] += 1
            if same["actor"] and same["kind"] and same["purpose"]:
                tp += 1
            wrong = [name for name, ok in same.items() if not ok]
            if wrong:
                errors.append(_error(document.id, fact, other, wrong))
        doc_tuples = Counts(tp, len(mine) - tp, len(facts) - tp)
        pairs += doc_pairs
        tuples += doc_tuples
        documents[document.id] = {
            "gold_facts": len(facts),
            "predicted_facts": len(mine),
            "pairs": _block(doc_pairs),
            "tuples": _block(doc_tuples),
        }
    return {
        "summary": {
            "gold_facts": sum(len(gold_facts.get(d.id, [])) for d in gold),
            "predicted_facts": predicted_facts,
            "matched_amounts": matched,
            "predictions_without_facts": without_facts,
        },
        "pairs": _block(pairs),
        "tuples": _block(tuples),
        "arguments": {
            name: {"correct": correct[name], "total": matched, "accuracy": round(ratio(correct[name], matched), DIGITS)}
            for name in ARGUMENTS
        },
        "kinds": {gold_kind: dict(sorted(row.items())) for gold_kind, row in confusion.items() if row},
        "documents": documents,
        "errors": errors,
    }


def _text(argument: Argument | str | None) -> str | None:
    if argument is None or isinstance(argument, str):
        return argument
    return argument.text


def _error(doc_id: str, gold: Fact, pred: Fact | None, wrong: list[str]) -> dict[str, Any]:
    def view(fact: Fact | None) -> dict[str, Any] | None:
        if fact is None:
            return None
        return {
            "actor": _text(fact.actor),
            "kind": fact.kind,
            "purpose": _text(fact.purpose),
            "place": _text(fact.place),
            "date": _text(fact.date),
            "rule": fact.rule,
        }

    return {
        "document": doc_id,
        "start": gold.money.start,
        "end": gold.money.end,
        "money": gold.money.text,
        "wrong": wrong,
        "gold": view(gold),
        "pred": view(pred),
    }


# ---------------------------------------------------------------------------- the report's facts section


def facts_section(
    gold: Sequence[Document],
    pred: Sequence[Document],
    texts: Mapping[str, str],
    gold_path: Any,
    explicit: Sequence[Any] = (),
    rerun: bool = False,
    models: dict[Any, Any] | None = None,
) -> tuple[dict[str, Any] | None, list[str]]:
    """The facts section of a split's report, or None when no facts gold belongs to the split; and warnings.

    With `rerun`, the facts stage is also run on the gold documents themselves (gold entities and
    content) and scored the same way, under `on_gold_entities`: the facts stage's own share of the
    errors, apart from the entities the pipeline missed. `models` keeps its parser between calls.
    """
    from pathlib import Path

    from pipeline.facts_gold import facts_gold_problems, find_facts_gold, gold_facts, read_facts_gold

    path = find_facts_gold(gold, Path(gold_path), explicit)
    if path is None:
        return None, []
    facts = read_facts_gold(path)
    warnings = [f"facts gold {path}: {problem}" for problem in facts_gold_problems(facts, gold, texts)[:10]]
    by_id = {document.id: gold_facts(document, texts.get(document.id), facts.get(document.id, [])) for document in gold}
    section = score_facts(gold, by_id, pred, texts)
    section["summary"]["gold"] = str(path)
    if rerun:
        import copy

        from pipeline.facts import FactExtractor

        models = {} if models is None else models
        extractor = models.setdefault("facts", FactExtractor())
        readable = [document for document in gold if document.id in texts]
        rerun_docs = []
        for document, found in zip(readable, extractor.pipe((d, texts[d.id]) for d in readable), strict=True):
            copied = copy.copy(document)
            copied.facts = found
            rerun_docs.append(copied)
        scored = score_facts(readable, by_id, rerun_docs, texts)
        section["on_gold_entities"] = {key: scored[key] for key in ("pairs", "tuples", "arguments", "kinds")}
    missing = section["summary"]["predictions_without_facts"]
    if missing:
        warnings.append(
            f"{len(missing)} predicted documents carry no facts (run `fr-extract run --facts`): "
            + ", ".join(missing[:5])
        )
    return section, warnings


def _tables(section: Mapping[str, Any]) -> list[tuple[str, Any]]:
    from pipeline.report import Table

    headline = Table(
        ["", "precision", "recall", "F1", "support", "tp", "fp", "fn"],
        [
            [name, b["precision"], b["recall"], b["f1"], b["support"], b["tp"], b["fp"], b["fn"]]
            for name, b in (
                ("(actor, amount) pairs", section["pairs"]),
                ("full tuple (actor, kind, amount, purpose)", section["tuples"]),
            )
        ],
    )
    arguments = Table(
        ["argument", "correct", "total", "accuracy"],
        [[name, a["correct"], a["total"], a["accuracy"]] for name, a in section["arguments"].items()],
    )
    kinds = sorted({k for row in section["kinds"].values() for k in row} | set(section["kinds"]), key=FACT_KINDS.index)
    confusion = Table(
        ["gold ↓ predicted →", *kinds],
        [
            [f"gold {g}"] + [section["kinds"].get(g, {}).get(p, 0) for p in kinds]
            for g in kinds
            if g in section["kinds"]
        ],
    )
    errors = Table(
        ["document", "amount", "wrong", "gold (actor | kind | purpose)", "predicted (actor | kind | purpose)", "rule"],
        [
            [
                e["document"],
                e["money"],
                ", ".join(e["wrong"]),
                _view(e["gold"]),
                _view(e["pred"]) if e["pred"] else "no such amount",
                (e["pred"] or {}).get("rule", ""),
            ]
            for e in section["errors"]
        ],
    )
    tables = [("Headline", headline)]
    if "on_gold_entities" in section:
        oracle = section["on_gold_entities"]
        tables.append(
            (
                "The facts stage on the gold entities (the same documents, the gold's entities and content)",
                Table(
                    ["", "precision", "recall", "F1", "support"] + [f"{a} accuracy" for a in ARGUMENTS],
                    [
                        [name, b["precision"], b["recall"], b["f1"], b["support"]]
                        + [oracle["arguments"][a]["accuracy"] for a in ARGUMENTS]
                        for name, b in (("pairs", oracle["pairs"]), ("tuples", oracle["tuples"]))
                    ],
                ),
            )
        )
    return tables + [
        ("Arguments of the facts whose amount was found", arguments),
        ("Kinds (rows gold, columns predicted)", confusion),
        (f"Facts with a wrong argument ({len(section['errors'])})", errors),
    ]


def _view(view: Mapping[str, Any] | None) -> str:
    if view is None:
        return ""
    return " | ".join("–" if view[k] is None else str(view[k]) for k in ("actor", "kind", "purpose"))


def facts_markdown(section: Mapping[str, Any]) -> str:
    from pipeline.report import markdown_table

    summary = section["summary"]
    lines = [
        f"Facts gold `{summary.get('gold', '?')}`: {summary['gold_facts']} facts; {summary['predicted_facts']} "
        f"predicted, {summary['matched_amounts']} on a gold amount. How they are counted: `pipeline/facts_eval.py`.",
        "",
    ]
    for title, table in _tables(section):
        lines += [f"### {title}", "", markdown_table(table), ""]
    return "\n".join(lines).rstrip()


def facts_html(section: Mapping[str, Any]) -> str:
    import html

    from pipeline.report import html_table

    summary = section["summary"]
    parts = [
        f"<p>Facts gold <code>{html.escape(str(summary.get('gold', '?')))}</code>: {summary['gold_facts']} facts; "
        f"{summary['predicted_facts']} predicted, {summary['matched_amounts']} on a gold amount.</p>"
    ]
    for title, table in _tables(section):
        parts.append(f"<h3>{html.escape(title)}</h3>{html_table(table)}")
    return "".join(parts)


def split_facts(report: Mapping[str, Any]) -> dict[str, Any] | None:
    """What the side-by-side report keeps of a split's facts section."""
    section = report.get("facts")
    if not section:
        return None
    return {
        key: section[key] for key in ("summary", "pairs", "tuples", "arguments", "on_gold_entities") if key in section
    }


def split_facts_table(combined: Mapping[str, Any], order: Sequence[str]) -> Any:
    """Facts figures per split, side by side (splits without facts gold show –)."""
    from pipeline.report import Table, figure

    rows = []
    for name, path in (
        ("(actor, amount) pairs P", ("facts", "pairs", "precision")),
        ("(actor, amount) pairs R", ("facts", "pairs", "recall")),
        ("(actor, amount) pairs F1", ("facts", "pairs", "f1")),
        ("full tuple P", ("facts", "tuples", "precision")),
        ("full tuple R", ("facts", "tuples", "recall")),
        ("full tuple F1", ("facts", "tuples", "f1")),
        *((f"{arg} accuracy", ("facts", "arguments", arg, "accuracy")) for arg in ARGUMENTS),
        ("on gold entities: pairs F1", ("facts", "on_gold_entities", "pairs", "f1")),
        ("on gold entities: full tuple F1", ("facts", "on_gold_entities", "tuples", "f1")),
        ("gold facts", ("facts", "summary", "gold_facts")),
        ("gold (actor, amount) pairs", ("facts", "pairs", "support")),
    ):
        rows.append([name] + [figure(combined["splits"][s], path) for s in order])
    return Table(["money facts", *order], rows)
