"""Inter-annotator agreement: the gold set against the independent second annotation.

    python scripts/agreement.py                          # gold/gold.jsonl vs gold/agreement/src
    python scripts/agreement.py --gold first-pass.jsonl  # against another version of the gold
    python scripts/agreement.py --split test             # gold/test/gold.jsonl vs gold/agreement/test/src

Agreement is the pairwise F1 of one annotation against the other (symmetric: which side is
"gold" only swaps precision and recall), strict (same span and label) per label and
overall, and content agreement over non-blank characters. It reuses the project's scorer.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from gold import SPLITS, compile_sources  # noqa: E402
from pipeline.model import read_jsonl  # noqa: E402
from pipeline.scoring import evaluate_documents  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["seeds", "test"], default="seeds", help="which split was labelled twice")
    parser.add_argument("--gold", type=Path, help="the first annotation (default: the split's gold.jsonl)")
    parser.add_argument("--second", type=Path, help="the second annotation's sources (default: gold/agreement/...)")
    args = parser.parse_args(argv)
    _, raw_dir, gold_path, _ = SPLITS[args.split]
    gold_path = args.gold or gold_path
    second_dir = args.second or ROOT / "gold" / "agreement" / ("src" if args.split == "seeds" else "test/src")

    second = compile_sources(second_dir, raw_dir)
    ids = {doc.id for doc in second}
    first = [doc for doc in read_jsonl(gold_path) if doc.id in ids]
    texts = {doc.id: doc.text for doc in second}
    result = evaluate_documents(first, second, texts)

    print(f"agreement on {len(ids)} documents ({', '.join(sorted(ids))})")
    print("| label | strict F1 | partial F1 | first | second | agreed |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, scores in result["labels"].items():
        strict, partial = scores["strict"], scores["partial"]
        if strict["support"] or strict["fp"]:
            print(
                f"| {label} | {strict['f1']:.3f} | {partial['f1']:.3f} | {strict['support']} | "
                f"{strict['tp'] + strict['fp']} | {strict['tp']} |"
            )
    micro = result["micro"]["strict"]
    print(
        f"| all | {micro['f1']:.3f} | {result['micro']['partial']['f1']:.3f} | {micro['support']} | "
        f"{micro['tp'] + micro['fp']} | {micro['tp']} |"
    )
    print(f"content agreement (non-blank characters, F1): {result['content']['micro']['f1']:.4f}")
    norm = result["normalisation"]
    for label, fields in norm.items():
        for field, counts in fields.items():
            if isinstance(counts, dict) and counts.get("total"):
                print(f"{label} {field}: {counts['correct']}/{counts['total']} agreed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
