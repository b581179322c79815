"""Render the gold set for review: one HTML page per document, entities drawn by displaCy
with their normalised values, boilerplate (outside content) greyed.

    python scripts/render_gold.py                      # gold/gold.jsonl -> out/gold-review/<id>.html
    python scripts/render_gold.py --gold FILE --out DIR
"""

from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.model import Document, Entity, read_jsonl, write_text_atomic  # noqa: E402
from pipeline.reader import read_source  # noqa: E402
from pipeline.report import CSS, LABEL_COLOURS, render_text  # noqa: E402


def review_label(entity: Entity) -> str:
    """The label with the fields a reviewer checks: `MONEY 109000000000 EUR inferred`, `DATE 2025-02-09`."""
    norm = entity.norm
    if entity.label == "MONEY":
        amount = f"{norm['min']}–{norm['max']}" if norm.get("min") is not None else norm.get("value")
        extras = [str(amount), str(norm.get("currency"))]
        extras += [flag for flag in ("currency_inferred", "vague") if norm.get(flag)]
        if norm.get("qualifier"):
            extras.append(norm["qualifier"])
        return " ".join(["MONEY", *extras])
    if entity.label in ("DATE", "PERCENT"):
        return f"{entity.label} {norm.get('value')}"
    return entity.label


def render_document(document: Document, text: str) -> str:
    spans = [{"start": e.start, "end": e.end, "label": review_label(e)} for e in document.entities]
    colours = {span["label"]: LABEL_COLOURS.get(span["label"].split()[0], "#ddd") for span in spans}
    counts: dict[str, int] = {}
    for entity in document.entities:
        counts[entity.label] = counts.get(entity.label, 0) + 1
    summary = ", ".join(f"{label} {n}" for label, n in sorted(counts.items()))
    return (
        f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>gold {html.escape(document.id)}</title>'
        f"<style>{CSS}</style></head><body><h1>gold: {html.escape(document.id)}</h1>"
        f"<p>published: {html.escape(str(document.published))}; {len(document.content)} content ranges; "
        f"{html.escape(summary)}. Grey text is boilerplate.</p>"
        f"{render_text(text, document.content, spans, colours)}</body></html>\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=ROOT / "gold" / "gold.jsonl")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "gold-review")
    args = parser.parse_args(argv)
    for document in read_jsonl(args.gold):
        text = read_source(args.seeds / f"{document.id}.txt").text
        page = args.out / f"{document.id}.html"
        write_text_atomic(page, render_document(document, text))
        print(page)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
