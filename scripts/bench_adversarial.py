"""Seconds per megabyte of hostile texts against normal French text: the matchers run in linear time.

    python scripts/bench_adversarial.py                      # 200,000 characters per family, rules and pipeline
    python scripts/bench_adversarial.py --chars 1000000 --rules-only

Each family of `pipeline/adversarial.py` (grouped digits, comma digits, runs of number words,
chained `dizaines de`, dense `5 EUR` and `5 %`, listed days, random mixes of digits, separators,
number words and currency words) is cut to `--chars` characters and timed twice:

- rules: the rule stages over the whole text (boilerplate, publication date, money and percent,
  dates), without spaCy: the part that was quadratic (issue 18);
- pipeline: `Extractor.extract` with every stage but boilerplate stripping, so that the whole text
  goes through the model and the rules (a hostile text is not always dropped as boilerplate).

Normal text is `NORMAL_PARAGRAPH` repeated to the same length. The table gives seconds per
megabyte (10^6 characters) and the ratio to normal text; `growth` is the ratio of the time per
character at `--chars` to the time per character at a quarter of it (about 1 when linear, about 4
when quadratic).
"""

from __future__ import annotations

import argparse
import gc
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.adversarial import FAMILIES, normal_text, rule_stages  # noqa: E402


def seconds(run: Callable[[str], object], text: str, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter()
        run(text)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=200_000, help="characters per family (default 200000)")
    parser.add_argument("--rounds", type=int, default=1, help="best of this many runs (default 1)")
    parser.add_argument("--rules-only", action="store_true", help="skip the pipeline column (no spaCy)")
    parser.add_argument("--family", action="append", help="only this family (repeatable)")
    args = parser.parse_args(argv)

    runners: dict[str, Callable[[str], object]] = {"rules": rule_stages}
    if not args.rules_only:
        from pipeline.extractor import Extractor, Stages

        extractor = Extractor(stages=Stages(boilerplate=False))
        runners["pipeline"] = lambda text: extractor.extract(text, doc_id="bench")
    for run in runners.values():
        run(normal_text(5_000))  # warm-up: patterns compiled, model loaded

    families = {"normal French text": normal_text, **FAMILIES}
    if args.family:
        families = {name: make for name, make in families.items() if name in args.family or name.startswith("normal")}
    megabytes = args.chars / 1e6
    normal: dict[str, float] = {}
    header = "| family |" + "".join(f" {name} s/MB | × normal | growth |" for name in runners)
    print(f"Command: `python scripts/bench_adversarial.py {' '.join(sys.argv[1:] if argv is None else argv)}`".strip())
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}; {args.chars:,} characters per family\n")
    print(header)
    print("|---|" + "---:|---:|---:|" * len(runners))
    worst: dict[str, float] = dict.fromkeys(runners, 0.0)
    for name, make in families.items():
        text, quarter = make(args.chars), make(args.chars // 4)
        cells = []
        for stage, run in runners.items():
            full = seconds(run, text, args.rounds)
            small = seconds(run, quarter, args.rounds)
            per_mb = full / megabytes
            normal.setdefault(stage, per_mb)
            ratio = per_mb / normal[stage]
            if name in FAMILIES:
                worst[stage] = max(worst[stage], ratio)
            growth = (full / len(text)) / (small / len(quarter))
            cells.append(f" {per_mb:,.2f} | {ratio:.2f} | {growth:.2f} |")
        print(f"| {name} |" + "".join(cells), flush=True)
    print()
    for stage, ratio in worst.items():
        print(f"worst family, {stage}: {ratio:.2f} × normal text")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
