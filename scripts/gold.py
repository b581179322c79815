"""Compile the gold sources (gold/src/*.txt, inline marks) into gold/gold.jsonl, or check it is up to date.

python scripts/gold.py compile            # writes gold/gold.jsonl
python scripts/gold.py check              # exit 1 if gold.jsonl differs from its sources
python scripts/gold.py compile --src-dir gold/agreement/src --out /tmp/ann3.jsonl
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.annotation import MarkupError, compile_marked  # noqa: E402
from pipeline.model import Document, iter_jsonl_lines  # noqa: E402
from pipeline.reader import read_source  # noqa: E402


def compile_sources(src_dir: Path, seeds_dir: Path, only: list[str] | None = None) -> list[Document]:
    documents = []
    failures = []
    for src in sorted(src_dir.glob("*.txt")):
        if only and src.stem not in only:
            continue
        seed_path = seeds_dir / src.name
        if not seed_path.exists():
            failures.append(f"{src}: no seed {seed_path}")
            continue
        seed = read_source(seed_path)
        try:
            documents.append(
                compile_marked(src.read_text(encoding="utf-8"), seed.text, seed.sha256, f"seeds/{src.name}")
            )
        except MarkupError as exc:
            failures.append(f"{src}: {exc}")
    if failures:
        raise SystemExit("\n".join(failures))
    return documents


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["compile", "check"])
    parser.add_argument("--src-dir", type=Path, default=ROOT / "gold" / "src")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--out", type=Path, default=ROOT / "gold" / "gold.jsonl")
    parser.add_argument("--only", action="append", help="compile only this document id (repeatable)")
    args = parser.parse_args(argv)

    documents = compile_sources(args.src_dir, args.seeds, args.only)
    compiled = "".join(iter_jsonl_lines(documents))
    if args.command == "check":
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != compiled:
            print(
                f"{args.out} is out of date with {args.src_dir}: run `python scripts/gold.py compile`", file=sys.stderr
            )
            return 1
        print(f"{args.out}: up to date ({len(documents)} documents)")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(compiled, encoding="utf-8")
    for doc in documents:
        counts: dict[str, int] = {}
        for entity in doc.entities:
            counts[entity.label] = counts.get(entity.label, 0) + 1
        summary = " ".join(f"{label}={n}" for label, n in sorted(counts.items()))
        print(f"{doc.id}: {len(doc.content)} content ranges, {len(doc.entities)} entities ({summary})")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
