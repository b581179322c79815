"""Compile the hand-written facts sources into the facts gold, check it, or show it for review.

    gold/facts/src/<split>.txt  ->  gold/facts/<split>.jsonl     (split: seeds, dev, test)

python scripts/facts_gold.py compile [--split seeds|dev|test|all]   # writes the JSONL
python scripts/facts_gold.py check   [--split ...]                  # exit 1 if out of date or invalid
python scripts/facts_gold.py show    --split dev [ID ...]           # every fact with its texts
python scripts/facts_gold.py commitments [--pred OUT.jsonl]         # consolidation of the seeds vs their commitments
python scripts/facts_gold.py readme                                 # the README's facts block, from out/ (make run)
python scripts/facts_gold.py errors --split dev [--pred out/dev.jsonl [--rerun]] [ID ...]
                                   # the facts errors of a split, by class (never the test split);
                                   # without --pred, of the facts stage run on the gold entities

A source holds one block per document (`== <id>`) and one line per MONEY entity of the
split's entity gold, in text order (`#` starts a comment line):

    M<n> | money text | actor | kind | purpose | place | date

The money text must be the n-th MONEY entity's text. actor, place and date are the text of a
gold entity (PER/ORG/LOC, LOC, DATE), purpose any text of the page; `-` is null and the date
may be `published`. A text is resolved to its occurrence nearest to the amount: in the
amount's sentence if there is one, else the nearest before it, else the nearest after it;
`text@OFFSET` takes the occurrence that starts at OFFSET. The labelling rules are §6 of
gold/GUIDELINES.md.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.evaluate import load_texts, read_records  # noqa: E402
from pipeline.facts_gold import (  # noqa: E402
    ACTOR_LABELS,
    GoldFact,
    facts_gold_problems,
    gold_facts,
    read_facts_gold,
    write_facts_gold,
)
from pipeline.model import FACT_KINDS, PUBLISHED, Document  # noqa: E402

GOLD = ROOT / "gold"
FACTS = GOLD / "facts"
# split -> (entity gold, facts source, facts gold)
SPLITS = {
    "seeds": (GOLD / "gold.jsonl", FACTS / "src" / "seeds.txt", FACTS / "seeds.jsonl"),
    "dev": (GOLD / "dev" / "gold.jsonl", FACTS / "src" / "dev.txt", FACTS / "dev.jsonl"),
    "test": (GOLD / "test" / "gold.jsonl", FACTS / "src" / "test.txt", FACTS / "test.jsonl"),
}
LINE = re.compile(r"M(\d+)\s*\|(.*)")
SENTENCE_END = re.compile(r"[.!?…](?=\s)|\n")
NULL = "-"


class SourceError(ValueError):
    pass


def sentence_bounds(text: str, position: int) -> tuple[int, int]:
    start = 0
    for match in SENTENCE_END.finditer(text, 0, position):
        start = match.end()
    end_match = SENTENCE_END.search(text, position)
    return start, end_match.end() if end_match else len(text)


def nearest(candidates: list[tuple[int, int]], money: tuple[int, int], text: str) -> tuple[int, int] | None:
    """The candidate in the amount's sentence nearest to it, else the nearest before, else the nearest after."""
    if not candidates:
        return None
    low, high = sentence_bounds(text, money[0])
    same = [c for c in candidates if low <= c[0] and c[1] <= high]
    if same:
        return min(same, key=lambda c: (abs(c[0] - money[0]), c[0]))
    before = [c for c in candidates if c[1] <= money[0]]
    if before:
        return max(before)
    return min(candidates)


def resolve(field: str, raw: str, document: Document, text: str, money: tuple[int, int]) -> tuple[int, int] | None:
    raw = raw.strip()
    if raw == NULL:
        return None
    wanted, _, at = raw.rpartition("@") if re.search(r"@\d+$", raw) else (raw, "", "")
    if field == "purpose":
        candidates = [(m.start(), m.start() + len(wanted)) for m in re.finditer(re.escape(wanted), text)]
        candidates = [c for c in candidates if any(s <= c[0] and c[1] <= e for s, e in document.content)]
    else:
        labels = {"actor": ACTOR_LABELS, "place": ("LOC",), "date": ("DATE",)}[field]
        candidates = [(e.start, e.end) for e in document.entities if e.label in labels and e.text == wanted]
    if at:
        candidates = [c for c in candidates if c[0] == int(at)]
    found = nearest(candidates, money, text)
    if found is None:
        raise SourceError(f"{field} {raw!r} not found" + ("" if field == "purpose" else " among the gold entities"))
    return found


def parse_source(path: Path) -> dict[str, list[tuple[int, list[str]]]]:
    blocks: dict[str, list[tuple[int, list[str]]]] = {}
    current: str | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("=="):
            current = stripped[2:].strip()
            if current in blocks:
                raise SourceError(f"{path}:{number}: a second block for {current}")
            blocks[current] = []
            continue
        match = LINE.fullmatch(stripped)
        if current is None or not match:
            raise SourceError(f"{path}:{number}: expected `== <id>` or `M<n> | ...`, got {stripped[:60]!r}")
        cells = [cell.strip() for cell in match.group(2).split("|")]
        if len(cells) != 6:
            raise SourceError(f"{path}:{number}: expected 6 cells after M<n>, found {len(cells)}")
        blocks[current].append((number, [match.group(1), *cells]))
    return blocks


def compile_split(split: str) -> tuple[str, list[str]]:
    """The facts gold JSONL of a split compiled from its source, and the problems found."""
    gold_path, source, _ = SPLITS[split]
    gold = read_records(gold_path, "gold")
    texts, warnings = load_texts(gold, gold_path)
    problems = list(warnings)
    blocks = parse_source(source) if source.exists() else {}
    facts: dict[str, list[GoldFact]] = {}
    by_id = {document.id: document for document in gold}
    for doc_id, lines in blocks.items():
        document = by_id.get(doc_id)
        if document is None or doc_id not in texts:
            problems.append(f"{source}: {doc_id}: no such document (or text) in {gold_path}")
            continue
        text = texts[doc_id]
        money = sorted((e for e in document.entities if e.label == "MONEY"), key=lambda e: e.start)
        facts[doc_id] = []
        for number, (index, money_text, actor, kind, purpose, place, date) in lines:
            where = f"{source}:{number}"
            position = int(index) - 1
            if position >= len(money) or money[position].text != money_text:
                found = money[position].text if position < len(money) else "nothing"
                problems.append(f"{where}: M{index} is {found!r} in the gold, not {money_text!r}")
                continue
            span = (money[position].start, money[position].end)
            if kind not in FACT_KINDS:
                problems.append(f"{where}: kind {kind!r} is not one of {', '.join(FACT_KINDS)}")
            try:
                fact = GoldFact(
                    money=span,
                    kind=kind,
                    actor=resolve("actor", actor, document, text, span),
                    purpose=resolve("purpose", purpose, document, text, span),
                    place=resolve("place", place, document, text, span),
                    date=PUBLISHED if date == PUBLISHED else resolve("date", date, document, text, span),
                )
            except SourceError as exc:
                problems.append(f"{where}: {exc}")
                continue
            facts[doc_id].append(fact)
    order = [document.id for document in gold if document.id in facts]
    problems += facts_gold_problems(facts, gold, texts)
    return write_facts_gold(facts, order), problems


def show(split: str, ids: list[str]) -> None:
    gold_path, _, facts_path = SPLITS[split]
    gold = read_records(gold_path, "gold")
    texts, _ = load_texts(gold, gold_path)
    facts = read_facts_gold(facts_path)
    for document in gold:
        if (ids and document.id not in ids) or document.id not in facts:
            continue
        print(f"== {document.id} (published {document.published})")
        for fact in gold_facts(document, texts.get(document.id), facts[document.id]):
            date = fact.date if not hasattr(fact.date, "text") else f"{fact.date.text} ({fact.date.value})"
            cells = [fact.actor and fact.actor.text, fact.kind, fact.purpose and fact.purpose.text]
            cells += [fact.place and fact.place.text, date]
            print(f"  {fact.money.text!r}: " + " | ".join("-" if c is None else str(c) for c in cells))


COMMITMENTS = FACTS / "seeds_commitments.json"


def commitments(pred: Path | None) -> dict:
    """Consolidate the seeds' facts (gold facts, or the records of `pred`) and score the rows against
    gold/facts/seeds_commitments.json: a commitment is consolidated correctly when one row holds all
    its facts and no other fact of the list. Returns the figures it prints."""
    import copy
    import json
    from itertools import combinations

    from pipeline.consolidate import consolidate
    from pipeline.model import read_jsonl

    gold_path, _, facts_path = SPLITS["seeds"]
    gold = read_records(gold_path, "gold")
    texts, _ = load_texts(gold, gold_path)
    if pred is None:
        facts = read_facts_gold(facts_path)
        documents = []
        for document in gold:
            copied = copy.copy(document)
            copied.facts = gold_facts(document, texts.get(document.id), facts.get(document.id, []))
            documents.append(copied)
    else:
        documents = read_jsonl(pred)
    money = {
        document.id: sorted((e.start, e.end) for e in document.entities if e.label == "MONEY") for document in gold
    }
    expected: dict[str, set[tuple[str, int, int]]] = {}
    for name, refs in json.loads(COMMITMENTS.read_text(encoding="utf-8"))["commitments"].items():
        expected[name] = set()
        for ref in refs:
            doc_id, _, index = ref.partition(":M")
            start, end = money[doc_id][int(index) - 1]
            expected[name].add((doc_id, start, end))
    result = consolidate(documents)
    row_of: dict[tuple[str, int, int], int] = {}
    for row in result.rows:
        for source in row["evidence"]:
            row_of[(source["id"], *source["money"])] = row["row"]
    known = set().union(*expected.values())
    exact = 0
    for name, refs in expected.items():
        rows = {row_of.get(ref) for ref in refs}
        holders = [r for r in result.rows if r["row"] in rows]
        members = {(s["id"], *s["money"]) for r in holders for s in r["evidence"]} & known
        ok = len(rows) == 1 and None not in rows and members == refs
        exact += ok
        if not ok:
            found = "not read" if rows == {None} else f"rows {sorted(r for r in rows if r)}"
            print(f"  ✗ {name}: {found}; {len(members - refs)} facts of other commitments with them", file=sys.stderr)
    same_gold = {frozenset(p) for refs in expected.values() for p in combinations(sorted(refs), 2)}
    same_rows = {
        frozenset(p) for p in combinations(sorted(r for r in known if r in row_of), 2) if row_of[p[0]] == row_of[p[1]]
    }
    precision = len(same_gold & same_rows) / len(same_rows) if same_rows else 0.0
    recall = len(same_gold & same_rows) / len(same_gold) if same_gold else 0.0
    conflicts = sum(1 for row in result.rows if row["conflicts"])
    print(
        f"{'predicted' if pred else 'gold'} facts of the seeds: {result.facts} facts -> {len(result.rows)} rows "
        f"({conflicts} with conflicts); commitments consolidated exactly: {exact}/{len(expected)}; "
        f"same-commitment links: precision {precision:.4f}, recall {recall:.4f}"
    )
    return {
        "facts": result.facts,
        "rows": len(result.rows),
        "rows_with_conflicts": conflicts,
        "commitments": len(expected),
        "exact": exact,
        "link_precision": round(precision, 4),
        "link_recall": round(recall, 4),
    }


ERROR_CLASSES = (
    "missed amount",
    "spurious amount",
    "actor missed",
    "actor spurious",
    "actor wrong",
    "kind wrong",
    "purpose missed",
    "purpose spurious",
    "purpose wrong",
)


def errors(split: str, pred: Path | None, ids: list[str], rerun: bool) -> dict[str, int]:
    """List the facts errors of `pred` (records of the split) against the split's facts gold, one class at a
    time: amounts missed or spurious (a predicted fact on an amount the gold has none for: only its
    actor counts, as the pairs count it), actors missed, spurious or wrong (by `actor_key`), kinds, purposes
    (by the evaluation's overlap). With `rerun`, the facts are made again from the records' own entities with
    the current code (no NER run). Returns the count per class. The test split is sealed: refused."""
    import copy

    from pipeline.facts_eval import _actor_key, document_aliases, purposes_match, score_facts
    from pipeline.model import read_jsonl

    if split == "test":
        raise SystemExit("the test split is sealed: errors are listed for seeds and dev only")
    gold_path, _, facts_path = SPLITS[split]
    gold = read_records(gold_path, "gold")
    texts, _ = load_texts(gold, gold_path)
    facts = read_facts_gold(facts_path)
    predicted = {d.id: d for d in (read_jsonl(pred) if pred is not None else gold)}
    if rerun or pred is None:
        from pipeline.facts import FactExtractor

        extractor = FactExtractor()
        usable = [d for d in gold if d.id in predicted and not predicted[d.id].error and d.id in texts]
        for document, found in zip(usable, extractor.pipe((predicted[d.id], texts[d.id]) for d in usable), strict=True):
            predicted[document.id] = copy.copy(predicted[document.id])
            predicted[document.id].facts = found
    by_class: dict[str, list[str]] = {name: [] for name in ERROR_CLASSES}

    def show(fact) -> str:  # type: ignore[no-untyped-def]
        cells = [fact.actor and fact.actor.text, fact.kind, fact.purpose and fact.purpose.text]
        return " | ".join("-" if c is None else str(c) for c in cells)

    for document in gold:
        if (ids and document.id not in ids) or document.id not in texts:
            continue
        text = texts[document.id]
        mine = {(f.money.start, f.money.end): f for f in (predicted.get(document.id) or Document(id="")).facts or []}
        theirs = {(f.money.start, f.money.end): f for f in gold_facts(document, text, facts.get(document.id, []))}
        for span, fact in sorted(theirs.items()):
            other = mine.get(span)
            line = f"{document.id} {text[span[0] : span[1]]!r}: gold {show(fact)}"
            if other is None:
                by_class["missed amount"].append(line)
                continue
            line += f"  //  pred {show(other)}  [{other.rule}]"
            if other.sentence is not None:
                line += "\n      > " + " ".join(other.sentence.text.split())[:400]
            aliases = document_aliases(text, document.entities)
            gold_actor, pred_actor = _actor_key(fact.actor, aliases), _actor_key(other.actor, aliases)
            if fact.actor is not None and not any(
                e.label in ACTOR_LABELS and e.start <= fact.actor.start and fact.actor.end <= e.end
                for e in (predicted.get(document.id) or Document(id="")).entities
            ):
                line = line.replace("  //  pred", " (no predicted entity)  //  pred", 1)
            if gold_actor != pred_actor:
                name = (
                    "actor missed" if pred_actor is None else "actor spurious" if gold_actor is None else "actor wrong"
                )
                by_class[name].append(line)
            if fact.kind != other.kind:
                by_class["kind wrong"].append(line)
            if not purposes_match(fact.purpose, other.purpose):
                name = (
                    "purpose missed"
                    if other.purpose is None
                    else "purpose spurious"
                    if fact.purpose is None
                    else "purpose wrong"
                )
                by_class[name].append(line)
        for span, other in sorted(mine.items()):
            if span not in theirs:
                by_class["spurious amount"].append(
                    f"{document.id} {other.money.text!r}: pred {show(other)}  [{other.rule}]"
                )
    for name, lines in by_class.items():
        print(f"### {name} ({len(lines)})")
        for line in lines:
            print("  " + line)
    print(", ".join(f"{name}: {len(lines)}" for name, lines in by_class.items()))
    scored = score_facts(
        [d for d in gold if d.id in texts and (not ids or d.id in ids)],
        {d.id: gold_facts(d, texts[d.id], facts.get(d.id, [])) for d in gold if d.id in texts},
        list(predicted.values()),
        texts,
    )
    print(f"pairs F1 {scored['pairs']['f1']}, full tuple F1 {scored['tuples']['f1']}")
    return {name: len(lines) for name, lines in by_class.items()}


README_START, README_END = "<!-- facts:start -->", "<!-- facts:end -->"


def readme_block(out: Path) -> str:
    """The README's facts figures: the facts scores per split (out/report.json), the seeds' commitments
    (gold facts and out/extractions.jsonl), and the two benchmarks when their JSON is in out/."""
    import json

    from pipeline.facts_eval import split_facts_table
    from pipeline.report import markdown_table

    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    order = [s for s in ("test", "dev", "seeds") if s in report.get("order", [])]
    lines = [
        "Generated by `make run` and copied by `python scripts/facts_gold.py readme`. Facts scored against "
        "`gold/facts/` (pipeline/facts_eval.py): pairs are (actor, amount), the full tuple is (actor, kind, "
        "amount, purpose), actors compared by name (an acronym the page defines in brackets counts as its long "
        "form, on both sides); the first rows score the pipeline's records end to end (its own entities), the "
        "`on gold entities` rows the facts stage alone, rerun on the gold's entities and content. **test** "
        "was labelled after the rules were frozen and never used to write or tune one.",
        "",
        markdown_table(split_facts_table(report, order)),
        "",
    ]
    gold = commitments(None)
    lines.append(
        f"Consolidation of the seeds (`python scripts/facts_gold.py commitments`): with the gold facts, "
        f"{gold['facts']} facts → {gold['rows']} rows ({gold['rows_with_conflicts']} with conflicts), "
        f"{gold['exact']}/{gold['commitments']} commitments exactly one row each"
    )
    if (out / "extractions.jsonl").is_file():
        pred = commitments(out / "extractions.jsonl")
        lines[-1] += (
            f"; with the pipeline's facts, {pred['facts']} facts → {pred['rows']} rows "
            f"({pred['rows_with_conflicts']} with conflicts), {pred['exact']}/{pred['commitments']} exactly, "
            f"same-commitment links precision {pred['link_precision']:.4f}, recall {pred['link_recall']:.4f}"
        )
    lines[-1] += "."
    speed = out / "bench.json"
    if speed.is_file():
        rows = {row["kind"]: row for row in json.loads(speed.read_text(encoding="utf-8"))["rows"]}
        if {"bare", "pipeline", "pipeline-facts"} <= set(rows):

            def chars(kind: str) -> float:
                return rows[kind]["chars"] / rows[kind]["run_s"]

            lines += [
                "",
                "Speed (`out/bench.json`, written by `python scripts/bench.py --json out/bench.json`, its "
                "`pipeline-facts` row): the pipeline with facts runs at "
                f"{chars('pipeline-facts'):,.0f} characters/s, "
                f"{chars('pipeline-facts') / chars('bare'):.2f} × bare spaCy ({chars('bare'):,.0f}) and "
                f"{chars('pipeline-facts') / chars('pipeline'):.2f} × the pipeline without facts "
                f"({chars('pipeline'):,.0f}) on these money-dense pages; peak memory "
                f"{rows['pipeline-facts']['peak_mb']:,.0f} MB against {rows['pipeline']['peak_mb']:,.0f} MB.",
            ]
    bench = out / "bench_facts.json"
    if bench.is_file():
        figures = json.loads(bench.read_text(encoding="utf-8"))
        per = {name: secs * 1000 / figures["records"] for name, secs in figures["seconds"].items()}
        lines += [
            "",
            f"Consolidation speed (`python scripts/bench_facts.py`, {figures['records']:,} synthetic records, "
            f"{figures['facts']:,} facts → {figures['rows']:,} rows): "
            + ", ".join(f"{name} {value:.2f} s per 1,000 records" for name, value in per.items())
            + ".",
        ]
    return "\n".join(lines)


def readme(out: Path, path: Path) -> int:
    text = path.read_text(encoding="utf-8")
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        print(f"{path} has no {README_START} ... {README_END} block", file=sys.stderr)
        return 2
    updated = text[: start + len(README_START)] + "\n" + readme_block(out) + "\n" + text[end:]
    path.write_text(updated, encoding="utf-8")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["compile", "check", "show", "commitments", "readme", "errors"])
    parser.add_argument("--out", type=Path, default=ROOT / "out", help="where `make run` wrote (for `readme`)")
    parser.add_argument(
        "--pred",
        type=Path,
        help="records (fr-extract run --facts): of the seeds for `commitments`, of --split for `errors`",
    )
    parser.add_argument(
        "--rerun", action="store_true", help="`errors`: make the facts again from the records' entities (current code)"
    )
    parser.add_argument("ids", nargs="*", help="documents to show")
    parser.add_argument("--split", default="all", choices=[*SPLITS, "all"])
    args = parser.parse_intermixed_args()
    splits = list(SPLITS) if args.split == "all" else [args.split]
    if args.command == "commitments":
        commitments(args.pred)
        return 0
    if args.command == "errors":
        if args.split == "all":
            parser.error("errors needs one --split (seeds or dev)")
        errors(args.split, args.pred, args.ids, args.rerun)
        return 0
    if args.command == "readme":
        return readme(args.out, ROOT / "README.md")
    if args.command == "show":
        for split in splits:
            show(split, args.ids)
        return 0
    failed = False
    for split in splits:
        _, source, output = SPLITS[split]
        if not source.exists():
            continue
        compiled, problems = compile_split(split)
        for problem in problems:
            print(f"{split}: {problem}", file=sys.stderr)
        failed |= bool(problems)
        if args.command == "compile":
            output.write_text(compiled, encoding="utf-8")
            print(f"{split}: {compiled.count(chr(10))} documents -> {output.relative_to(ROOT)}", file=sys.stderr)
        elif not output.exists() or output.read_text(encoding="utf-8") != compiled:
            stale = f"{output.relative_to(ROOT)} is out of date with {source.relative_to(ROOT)}"
            print(f"{split}: {stale}", file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
