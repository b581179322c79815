"""Speed of the consolidation of money facts (`fr-extract facts`) on synthetic records.

    python scripts/bench_facts.py                    # 10,000 records; prints the table
    python scripts/bench_facts.py --records 2000 --facts-per-record 12 --json out/bench_facts.json

The records are made up, deterministically (a seeded random generator): each is a short text of
sentences `<Party> investit <N> millions d'euros dans <purpose>.` with its MONEY and ORG entities
and its facts, the parties drawn from a pool so that the same commitment comes back in many
records (with some amounts given as ranges or with `environ`, some facts without an actor, a few
kinds). Two timings: `consolidate()` on the records in memory, and the whole command (reading the
JSONL, consolidating, writing CSV, JSONL and HTML) in this process. Not a test: a measurement of
this machine, the target being under a second per thousand records.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.cli import main as cli_main  # noqa: E402
from pipeline.consolidate import consolidate  # noqa: E402

KINDS = ("investment", "fund_raising", "acquisition", "revenue", "public_budget", "price")
PURPOSES = ("une usine", "des centres de données", "la recherche", "un nouveau siège", "le réseau", "des logements")
SYLLABLES = ("ar", "bel", "cor", "dan", "el", "for", "gal", "hor", "iv", "jal", "kor", "lum", "mor", "nor", "ol")


def party_names(rng: random.Random, count: int) -> list[str]:
    names = set()
    while len(names) < count:
        names.add("".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize())
    return sorted(names)


def make_record(rng: random.Random, index: int, parties: list[str], facts_per_record: int) -> dict:
    text, entities, facts = "", [], []
    for _ in range(facts_per_record):
        party = rng.choice(parties)
        millions = rng.choice((5, 10, 20, 50, 120, 300, 800))
        shape = rng.random()
        if shape < 0.1:
            amount, norm = (
                f"entre {millions // 2} et {millions} millions d'euros",
                {
                    "value": None,
                    "min": millions * 5e5,
                    "max": millions * 1e6,
                },
            )
        else:
            amount, norm = f"{millions} millions d'euros", {"value": millions * 1e6, "min": None, "max": None}
        qualifier = "approx" if 0.1 <= shape < 0.2 else None
        with_actor = rng.random() > 0.2
        start = len(text)
        sentence = f"{party if with_actor else 'Un investisseur'} investit {amount} dans {rng.choice(PURPOSES)}. "
        text += sentence
        actor = None
        if with_actor:
            actor = {"start": start, "end": start + len(party), "text": party, "label": "ORG"}
            entities.append(
                {"start": start, "end": start + len(party), "label": "ORG", "text": party, "source": "model"}
            )
        money_start = start + sentence.index(amount)
        money = {"start": money_start, "end": money_start + len(amount), "text": amount}
        entities.append(
            {
                **money,
                "label": "MONEY",
                "source": "rules",
                "currency": "EUR",
                "currency_inferred": False,
                "qualifier": qualifier,
                "vague": False,
                **norm,
            }
        )
        facts.append(
            {
                "money": money,
                "actor": actor,
                "kind": rng.choice(KINDS),
                "purpose": None,
                "place": None,
                "date": "published",
                "sentence": {"start": start, "end": start + len(sentence) - 1, "text": sentence[:-1]},
                "rule": "synthetic",
            }
        )
    return {
        "id": f"doc_{index:06d}",
        "path": None,
        "sha256": None,
        "published": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "content": [[0, len(text)]],
        "entities": sorted(entities, key=lambda e: e["start"]),
        "error": None,
        "facts": facts,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--facts-per-record", type=int, default=8)
    parser.add_argument("--parties", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    parties = party_names(rng, args.parties)
    records = [make_record(rng, i, parties, args.facts_per_record) for i in range(args.records)]

    started = time.perf_counter()
    result = consolidate(records)
    library = time.perf_counter() - started

    with tempfile.TemporaryDirectory(prefix="fr-extract-bench-facts-") as tmp:
        source = Path(tmp) / "records.jsonl"
        source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        started = time.perf_counter()
        code = cli_main(["facts", str(source), "-o", str(Path(tmp) / "facts.csv")])
        command = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"fr-extract facts exited with {code}")
    per_thousand = {"consolidate()": library, "fr-extract facts": command}
    lines = [
        f"Command: `python scripts/bench_facts.py --records {args.records} --facts-per-record "
        f"{args.facts_per_record} --parties {args.parties}`  ",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}  ",
        f"{args.records:,} records, {result.facts:,} facts -> {len(result.rows):,} rows "
        f"({sum(1 for r in result.rows if r['conflicts']):,} with conflicts)",
        "",
        "| run | seconds | seconds per 1,000 records |",
        "|---|---:|---:|",
    ]
    lines += [f"| {name} | {secs:.2f} | {secs * 1000 / args.records:.3f} |" for name, secs in per_thousand.items()]
    print("\n".join(lines))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {"records": args.records, "facts": result.facts, "rows": len(result.rows), "seconds": per_thousand}
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
