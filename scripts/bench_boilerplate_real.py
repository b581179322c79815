"""Boilerplate stripping on real pages: the French pages of trafilatura's evaluation set.

    python scripts/bench_boilerplate_real.py --trafilatura /path/to/trafilatura      # the table
    python scripts/bench_boilerplate_real.py --trafilatura PATH --pages              # also one line per page
    python scripts/bench_boilerplate_real.py --trafilatura PATH --errors             # pages worst first, with the
                                                                                     # snippets missed or found wrongly

PATH is a local checkout of trafilatura's repository (its `tests/evaldata.json`, and the pages
under `tests/cache/` and `tests/eval/`); nothing of it is copied into this repository. Each entry
of evaldata.json names a page, snippets that must be in the main text (`with`) and snippets that
must not (`without`). As trafilatura's `tests/eval_common.py` does, a snippet counts as found
when its white-space-normalised text is a substring of the white-space-normalised output: a
`with` snippet found is a true positive, missed a false negative; a `without` snippet found is a
false positive, missed a true negative. Precision, recall, accuracy and F1 are computed over the
counts of all pages.

French pages are those whose `<html lang>` says French, or, without a lang attribute, whose URL
is under .fr or whose text dump is dense in French stop words.

Systems:
  fr-extract (text)   the page dumped to text by html-text (one block per line), then content_ranges
  fr-extract (HTML)   pipeline.html: the same dump plus the HTML's structure (headings, captions,
                      nav/footer/aside, comment containers, link density)
  jusText (text)      jusText on the same text dump, one <p> per line (scripts/bench_boilerplate.py)
  jusText (HTML)      jusText on the HTML, French stop list, default thresholds
  trafilatura (HTML)  trafilatura.extract with the settings of its own evaluation (no comments, tables)
  keep-all (text)     the whole text dump

jusText and trafilatura are in the `bench` extra: pip install -e ".[bench]".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from pipeline.boilerplate import content_ranges, stopword_density  # noqa: E402

_LANG = re.compile(rb"<html[^>]*\slang\s*=\s*[\"']?([A-Za-z-]+)", re.IGNORECASE)
MIN_STOPWORD_DENSITY = 0.3  # a text dump at least this dense in French stop words is French (English: ~0.05)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def count_item(item: dict, result: str | None) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) for one page, as trafilatura's tests/eval_common.py counts them."""
    if isinstance(result, str):
        found = norm(result)
        tp = sum(1 for snippet in item["with"] if norm(snippet) in found)
        fp = sum(1 for snippet in item["without"] if norm(snippet) in found)
    else:
        tp = fp = 0
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


def scores(tp: int, fp: int, fn: int, tn: int) -> tuple[float, float, float, float]:
    """precision, recall, accuracy, F1 (0.0 when a denominator is empty)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    total = tp + fp + fn + tn
    accuracy = (tp + tn) / total if total else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 0.0
    return precision, recall, accuracy, f1


def decode(data: bytes) -> str:
    match = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([\w-]+)", data[:4096], re.IGNORECASE)
    for encoding in ([match.group(1).decode("ascii", "ignore")] if match else []) + ["utf-8", "cp1252"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", "replace")


def text_dump(html: str) -> str:
    import html_text

    return html_text.extract_text(html, guess_layout=True)


def load(checkout: Path) -> list[tuple[str, dict, bytes]]:
    """(url, item, page bytes) of every entry of evaldata.json whose page is in the checkout."""
    tests = checkout / "tests" if (checkout / "tests" / "evaldata.json").is_file() else checkout
    evaldata = json.loads((tests / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for url in sorted(evaldata):
        item = evaldata[url]
        for folder in ("cache", "eval"):
            path = tests / folder / item["file"]
            if path.is_file():
                pages.append((url, item, path.read_bytes()))
                break
    return pages


def is_french(url: str, data: bytes) -> bool:
    lang = _LANG.search(data[:20000])
    if lang:
        return lang.group(1).lower().startswith(b"fr")
    host = urlparse(url).hostname or ""
    return host.endswith(".fr") or stopword_density(text_dump(decode(data))) >= MIN_STOPWORD_DENSITY


def _ranges_text(text: str, ranges) -> str:
    return "\n".join(text[start:end] for start, end in ranges)


def fr_extract_text(html: str, data: bytes) -> str:
    text = text_dump(html)
    return _ranges_text(text, content_ranges(text))


def fr_extract_html(html: str, data: bytes) -> str:
    from pipeline.html import html_to_text

    converted = html_to_text(html)
    return _ranges_text(converted.text, content_ranges(converted.text, structure=converted.lines))


def justext_text(html: str, data: bytes) -> str:
    from bench_boilerplate import justext_ranges

    text = text_dump(html)
    return _ranges_text(text, justext_ranges(text))


def justext_html(html: str, data: bytes) -> str:
    import justext

    paragraphs = justext.justext(data, justext.get_stoplist("French"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def trafilatura_html(html: str, data: bytes) -> str | None:
    from trafilatura import extract

    return extract(data, fast=False, include_comments=False, include_tables=True, include_formatting=False)


def keep_all(html: str, data: bytes) -> str:
    return text_dump(html)


SYSTEMS: dict[str, Callable[[str, bytes], str | None]] = {
    "fr-extract (text)": fr_extract_text,
    "fr-extract (HTML)": fr_extract_html,
    "jusText (text)": justext_text,
    "jusText (HTML)": justext_html,
    "trafilatura (HTML)": trafilatura_html,
    "keep-all (text)": keep_all,
}


def snippet_errors(item: dict, result: str | None) -> list[str]:
    """The snippets a system got wrong on one page: `with` snippets missed, `without` snippets found."""
    found = norm(result) if isinstance(result, str) else ""
    missed = [f"  missed: {snippet}" for snippet in item["with"] if norm(snippet) not in found]
    kept = [f"  kept:   {snippet}" for snippet in item["without"] if norm(snippet) in found]
    return missed + kept


def bench(checkout: Path, systems: list[str], per_page: bool, errors: bool = False) -> int:
    pages = [(url, item, data) for url, item, data in load(checkout) if is_french(url, data)]
    if not pages:
        print(f"no French page found under {checkout}", file=sys.stderr)
        return 2
    totals = {name: [0, 0, 0, 0] for name in systems}
    seconds = dict.fromkeys(systems, 0.0)
    wrong: list[tuple[int, str, list[str]]] = []
    for url, item, data in pages:
        html = decode(data)
        row = []
        for name in systems:
            started = time.perf_counter()
            try:
                result = SYSTEMS[name](html, data)
            except Exception as exc:  # noqa: BLE001 - a crash is a miss, as in trafilatura's evaluation
                print(f"{name}: {url}: {type(exc).__name__}: {exc}", file=sys.stderr)
                result = None
            seconds[name] += time.perf_counter() - started
            counts = count_item(item, result)
            totals[name] = [a + b for a, b in zip(totals[name], counts, strict=True)]
            row.append(f"{name} {counts[0]}/{len(item['with'])} +{counts[1]}/{len(item['without'])}")
            if errors and snippet_errors(item, result):
                lines = snippet_errors(item, result)
                wrong.append((len(lines), f"{name}: {url}", lines))
        if per_page:
            print(f"{url}\n    " + "; ".join(row))
    for _count, title, lines in sorted(wrong, key=lambda row: -row[0]):
        print(title + "\n" + "\n".join(lines))
    print(f"{len(pages)} French pages of trafilatura's evaluation set\n")
    print("| system | precision | recall | accuracy | F1 | ms per page |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in systems:
        precision, recall, accuracy, f1 = scores(*totals[name])
        ms = 1000 * seconds[name] / len(pages)
        print(f"| {name} | {precision:.3f} | {recall:.3f} | {accuracy:.3f} | {f1:.3f} | {ms:.1f} |")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trafilatura", type=Path, required=True, help="a local checkout of trafilatura")
    parser.add_argument("--systems", nargs="+", choices=list(SYSTEMS), default=list(SYSTEMS), metavar="NAME")
    parser.add_argument("--pages", action="store_true", help="print the snippets found per page and system")
    parser.add_argument("--errors", action="store_true", help="print the snippets each system got wrong, worst first")
    args = parser.parse_args(argv)
    return bench(args.trafilatura, args.systems, args.pages, args.errors)


if __name__ == "__main__":
    sys.exit(main())
