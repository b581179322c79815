"""Boilerplate stripping against jusText, scored on documents with hand-marked content ranges.

    python scripts/bench_boilerplate.py --gold gold/gold.jsonl            # the table, per document
    python scripts/bench_boilerplate.py --gold gold/gold.jsonl --lost     # also the gold lines each method loses
    python scripts/bench_boilerplate.py --show seeds/*.txt                # kept/dropped lines, no gold needed

Both methods see the same decoded text (pipeline.reader). jusText (justext.justext, French stop
list, default thresholds) gets the text as minimal HTML, one <p> per non-blank line, and each of
its paragraphs is mapped back to the line it came from. The score is content F1 over non-white-space
characters, as the evaluation counts it: precision and recall of the characters each method keeps
against the characters the gold content ranges hold.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.boilerplate import content_ranges  # noqa: E402
from pipeline.evaluate import load_texts  # noqa: E402
from pipeline.model import read_jsonl  # noqa: E402
from pipeline.reader import read_source  # noqa: E402
from pipeline.scoring import content_counts  # noqa: E402

Ranges = list[tuple[int, int]]
_LINE = re.compile(r"[^\n\r]+")
_PARAGRAPH_INDEX = re.compile(r"/p\[(\d+)\]$")


def _line_spans(text: str) -> Ranges:
    """Non-blank lines as [start, end), white space at their edges left out."""
    spans = []
    for match in _LINE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def justext_ranges(text: str) -> Ranges:
    """jusText's content on plain text: one <p> per line, French stop list, its default thresholds."""
    import justext

    spans = _line_spans(text)
    body = "".join(f"<p>{html.escape(text[start:end])}</p>\n" for start, end in spans)
    page = f"<html><head><meta charset='utf-8'></head><body>\n{body}</body></html>".encode()
    kept = []
    for paragraph in justext.justext(page, justext.get_stoplist("French"), encoding="utf-8"):
        match = _PARAGRAPH_INDEX.search(paragraph.xpath)
        if match and not paragraph.is_boilerplate:
            kept.append(spans[int(match.group(1)) - 1])
    return sorted(kept)


METHODS: dict[str, Callable[[str], Ranges]] = {"fr-extract": content_ranges, "jusText": justext_ranges}


def visible_positions(text: str, ranges: Ranges) -> set[int]:
    return {i for start, end in ranges for i in range(start, end) if not text[i].isspace()}


def lost_lines(text: str, predicted: Ranges, gold: Ranges) -> list[str]:
    """Gold content lines that the prediction does not keep whole."""
    kept = visible_positions(text, predicted)
    lost = []
    for start, end in gold:
        for line_start, line_end in _line_spans(text[start:end]):
            line = range(start + line_start, start + line_end)
            if any(i not in kept for i in line if not text[i].isspace()):
                lost.append(text[line.start : line.stop])
    return lost


def bench(gold_path: Path, show_lost: bool) -> int:
    if not gold_path.is_file():
        print(f"{gold_path}: no such file (the gold set is not written yet?)", file=sys.stderr)
        return 2
    documents = read_jsonl(gold_path)
    texts, warnings = load_texts(documents, gold_path)
    for warning in warnings:
        print(warning, file=sys.stderr)
    documents = [document for document in documents if document.id in texts]
    totals = {name: [0.0, 0] for name in METHODS}
    header = f"{'document':28}" + "".join(f"{name + ' P/R/F1':>26}" for name in METHODS)
    print(header)
    print("-" * len(header))
    lost_report = []
    for document in documents:
        text = texts[document.id]
        row = f"{document.id:28}"
        for name, method in METHODS.items():
            started = time.perf_counter()
            predicted = method(text)
            totals[name][0] += time.perf_counter() - started
            counts = content_counts(document.content, predicted, text)
            precision, recall, f1 = counts.precision, counts.recall, counts.f1
            totals[name][1] += f1
            row += f"{precision:>10.3f}{recall:>8.3f}{f1:>8.3f}"
            if show_lost:
                lost_report += [(document.id, name, line) for line in lost_lines(text, predicted, document.content)]
        print(row)
    print("-" * len(header))
    count = max(1, len(documents))
    print(f"{'mean F1':28}" + "".join(f"{totals[name][1] / count:>26.3f}" for name in METHODS))
    print(f"{'seconds':28}" + "".join(f"{totals[name][0]:>26.3f}" for name in METHODS))
    for doc_id, name, line in lost_report:
        print(f"lost by {name} in {doc_id}: {line[:100]!r}")
    return 0


def show(paths: list[str]) -> int:
    """Each line of each document with what each method does with it (K kept, . dropped)."""
    for path in paths:
        text = read_source(path).text
        kept = {name: visible_positions(text, method(text)) for name, method in METHODS.items()}
        print(f"=== {path}   columns: " + " ".join(METHODS))
        for start, end in _line_spans(text):
            marks = " ".join("K" if any(i in kept[name] for i in range(start, end)) else "." for name in METHODS)
            print(f"{marks}  {text[start:end][:110]}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=ROOT / "gold" / "gold.jsonl", help="JSONL records with content")
    parser.add_argument("--lost", action="store_true", help="list the gold content lines each method loses")
    parser.add_argument("--show", nargs="+", metavar="FILE", help="print kept/dropped lines of these files")
    args = parser.parse_args(argv)
    if args.show:
        return show(args.show)
    return bench(args.gold, args.lost)


if __name__ == "__main__":
    sys.exit(main())
