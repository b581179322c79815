"""Throughput of the money stage against Microsoft Recognizers-Text's French currency model.

    python scripts/bench_money.py                  # the seeds, each repeated 20 times
    python scripts/bench_money.py --repeat 50 --seeds seeds/

Measures characters per second of `find_money` (the plain finder), of the `fr_money`
component alone in `spacy.blank("fr")` (tokenizer included), and of Recognizers-Text's
French currency model (`recognizers-text-suite`) on the same documents, with the ratio.
Recognizers-Text is a benchmark-only dependency, kept out of the runtime ones because it
pins `emoji<1.0`: install it with `pip install recognizers-text-suite "emoji<1.0"`.
Each measure is the best of `--rounds` runs, after one warm-up run.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.money import find_money  # noqa: E402

RECOGNIZERS_INSTALL = 'pip install recognizers-text-suite "emoji<1.0"'


def read_documents(seeds: Path, repeat: int) -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(seeds.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no .txt document in {seeds}")
    return texts * repeat


def best_time(run: Callable[[list[str]], int], documents: list[str], rounds: int) -> tuple[float, int]:
    """The fastest of `rounds` runs over all documents, and the number of amounts found."""
    found = run(documents)
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        run(documents)
        best = min(best, time.perf_counter() - start)
    return best, found


def run_finder(documents: list[str]) -> int:
    return sum(len([e for e in find_money(text) if e.label == "MONEY"]) for text in documents)


def component_runner() -> Callable[[list[str]], int]:
    import spacy

    import pipeline.components  # noqa: F401  (registers fr_money without the installed entry points)

    nlp = spacy.blank("fr")
    nlp.add_pipe("fr_money")
    return lambda documents: sum(
        len([e for e in doc.ents if e.label_ == "MONEY"]) for doc in nlp.pipe(documents, batch_size=64)
    )


def recognizers_runner() -> Callable[[list[str]], int] | None:
    try:
        from recognizers_number_with_unit import NumberWithUnitRecognizer
        from recognizers_text import Culture
    except ImportError:
        return None
    model = NumberWithUnitRecognizer(Culture.French).get_currency_model()
    return lambda documents: sum(len(model.parse(text)) for text in documents)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="folder of .txt documents")
    parser.add_argument("--repeat", type=int, default=20, help="how many times each document is repeated")
    parser.add_argument("--rounds", type=int, default=3, help="timed runs; the best one counts")
    args = parser.parse_args(argv)

    documents = read_documents(args.seeds, args.repeat)
    characters = sum(len(text) for text in documents)
    print(f"{len(documents)} documents, {characters} characters ({args.seeds}, each repeated {args.repeat} times)")

    runners: list[tuple[str, Callable[[list[str]], int] | None]] = [
        ("find_money (plain finder)", run_finder),
        ("fr_money in spacy.blank('fr')", component_runner()),
        ("Recognizers-Text French currency", recognizers_runner()),
    ]
    speeds = {}
    print(f"{'':36}{'seconds':>10}{'chars/s':>14}{'MONEY found':>14}")
    for name, runner in runners:
        if runner is None:
            print(f"{name:36}{'not installed: ' + RECOGNIZERS_INSTALL:>38}")
            continue
        seconds, found = best_time(runner, documents, args.rounds)
        speeds[name] = characters / seconds
        print(f"{name:36}{seconds:>10.3f}{speeds[name]:>14,.0f}{found:>14}")

    reference = speeds.get("Recognizers-Text French currency")
    if reference:
        for name in ("find_money (plain finder)", "fr_money in spacy.blank('fr')"):
            print(f"ratio {name} / Recognizers-Text: {speeds[name] / reference:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
