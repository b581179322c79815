"""Compile the gold sources (inline marks) into JSONL, check they are up to date, or lint one source.

The gold set has three splits, each compiled from hand-written sources:

    seeds   gold/src/<id>.txt        against seeds/<id>.txt           -> gold/gold.jsonl
    dev     gold/dev/src/<id>.txt    -> gold/dev/pages/<id>.txt      -> gold/dev/gold.jsonl
    test    gold/test/src/<id>.txt   -> gold/test/pages/<id>.txt     -> gold/test/gold.jsonl

The seeds' raw text is given (the five source documents); a dev or test page is written by
the project, so its raw text is the source without its marks, written to `pages/` by
`compile` (that folder is what `fr-extract run` reads).

python scripts/gold.py compile [--split seeds|dev|test|all]   # writes the JSONL (and pages)
python scripts/gold.py check   [--split ...]                  # exit 1 if anything is out of date
python scripts/gold.py lint gold/dev/src/x.txt ...            # parse, validate, count; writes nothing
python scripts/gold.py compile --src-dir gold/agreement/src --out /tmp/ann3.jsonl
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.annotation import MarkupError, compile_marked, parse_marked  # noqa: E402
from pipeline.model import Document, iter_jsonl_lines  # noqa: E402
from pipeline.reader import read_source, sha256_of  # noqa: E402
from pipeline.validate import record_problems  # noqa: E402

GOLD = ROOT / "gold"
# split -> (marked sources, raw texts, compiled JSONL, raw texts are derived from the sources)
SPLITS: dict[str, tuple[Path, Path, Path, bool]] = {
    "seeds": (GOLD / "src", ROOT / "seeds", GOLD / "gold.jsonl", False),
    "dev": (GOLD / "dev" / "src", GOLD / "dev" / "pages", GOLD / "dev" / "gold.jsonl", True),
    "test": (GOLD / "test" / "src", GOLD / "test" / "pages", GOLD / "test" / "gold.jsonl", True),
}


def relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def compile_sources(src_dir: Path, seeds_dir: Path, only: list[str] | None = None) -> list[Document]:
    """Compile every source of `src_dir` against the raw text of the same name in `seeds_dir`."""
    documents = []
    failures = []
    for src in sorted(src_dir.glob("*.txt")):
        if only and src.stem not in only:
            continue
        seed_path = seeds_dir / src.name
        if not seed_path.exists():
            failures.append(f"{src}: no raw text {seed_path}")
            continue
        seed = read_source(seed_path)
        try:
            document = compile_marked(src.read_text(encoding="utf-8"), seed.text, seed.sha256, relative(seed_path))
        except MarkupError as exc:
            failures.append(f"{src}: {exc}")
            continue
        if document.id != src.stem:
            failures.append(f"{src}: header id {document.id!r} differs from the file name")
        problems = record_problems(document, seed.text, seed_path.read_bytes())
        failures.extend(f"{src}: {problem}" for problem in problems)
        documents.append(document)
    if failures:
        raise SystemExit("\n".join(failures))
    return documents


def derived_pages(src_dir: Path) -> dict[Path, str]:
    """The raw text of every written page: its source without the marks (name -> text)."""
    pages = {}
    failures = []
    for src in sorted(src_dir.glob("*.txt")):
        try:
            pages[src] = parse_marked(src.read_text(encoding="utf-8")).text
        except MarkupError as exc:
            failures.append(f"{src}: {exc}")
    if failures:
        raise SystemExit("\n".join(failures))
    return pages


def stale_pages(src_dir: Path, pages_dir: Path) -> list[str]:
    stale = []
    expected = {src.name: text for src, text in derived_pages(src_dir).items()}
    for name, text in expected.items():
        page = pages_dir / name
        if not page.exists() or page.read_bytes() != text.encode("utf-8"):
            stale.append(str(page))
    for page in pages_dir.glob("*.txt") if pages_dir.exists() else ():
        if page.name not in expected:
            stale.append(f"{page} (no source)")
    return stale


def write_pages(src_dir: Path, pages_dir: Path) -> None:
    pages_dir.mkdir(parents=True, exist_ok=True)
    expected = {src.name: text for src, text in derived_pages(src_dir).items()}
    for page in pages_dir.glob("*.txt"):
        if page.name not in expected:
            page.unlink()
    for name, text in expected.items():
        page = pages_dir / name
        if not page.exists() or page.read_bytes() != text.encode("utf-8"):
            page.write_bytes(text.encode("utf-8"))


def summary(documents: list[Document]) -> str:
    counts = Counter(entity.label for doc in documents for entity in doc.entities)
    labels = " ".join(f"{label}={n}" for label, n in sorted(counts.items()))
    return f"{len(documents)} documents, {sum(counts.values())} entities ({labels})"


def lint(paths: list[Path]) -> int:
    """Parse and validate sources without writing anything; print what each holds."""
    failed = 0
    for path in paths:
        try:
            marked = parse_marked(path.read_text(encoding="utf-8"))
        except MarkupError as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            failed += 1
            continue
        published = marked.header.get("published") or None
        document = Document(
            id=marked.header.get("id", ""),
            sha256=sha256_of(marked.text.encode("utf-8")),
            published=None if published == "null" else published,
            content=marked.content,
            entities=sorted(marked.entities, key=lambda e: (e.start, e.end)),
        )
        problems = record_problems(document, marked.text)
        if document.id != path.stem:
            problems.append(f"header id {document.id!r} differs from the file name {path.stem!r}")
        if not marked.content:
            problems.append("no content region (⟦ … ⟧)")
        for problem in problems:
            print(f"{path}: {problem}", file=sys.stderr)
        failed += bool(problems)
        print(f"{path}: {summary([document])}, published {document.published}")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["compile", "check", "lint"])
    parser.add_argument("files", nargs="*", type=Path, help="with lint: the sources to read")
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all")
    parser.add_argument("--src-dir", type=Path, help="compile these sources instead of a split's")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="with --src-dir: the raw texts")
    parser.add_argument("--out", type=Path, help="with --src-dir: where to write the JSONL")
    parser.add_argument("--only", action="append", help="compile only this document id (repeatable)")
    args = parser.parse_args(argv)

    if args.command == "lint":
        if not args.files:
            parser.error("lint takes the source files to read")
        return lint(args.files)

    if args.src_dir:
        if not args.out:
            parser.error("--src-dir needs --out")
        jobs = [("custom", args.src_dir, args.seeds, args.out, False)]
    else:
        names = list(SPLITS) if args.split == "all" else [args.split]
        jobs = [(name, *SPLITS[name]) for name in names]

    status = 0
    for name, src_dir, raw_dir, out, derived in jobs:
        if derived and args.command == "check":
            stale = stale_pages(src_dir, raw_dir)
            if stale:
                print(f"{name}: pages out of date with {src_dir}: {', '.join(stale)}", file=sys.stderr)
                print("run `python scripts/gold.py compile`", file=sys.stderr)
                status = 1
                continue
        if derived and args.command == "compile":
            write_pages(src_dir, raw_dir)
        documents = compile_sources(src_dir, raw_dir, args.only)
        compiled = "".join(iter_jsonl_lines(documents))
        if args.command == "check":
            current = out.read_text(encoding="utf-8") if out.exists() else ""
            if current != compiled:
                print(f"{out} is out of date with {src_dir}: run `python scripts/gold.py compile`", file=sys.stderr)
                status = 1
            else:
                print(f"{name}: {out.name} up to date, {summary(documents)}")
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(compiled, encoding="utf-8")
        print(f"{name}: wrote {relative(out)}, {summary(documents)}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
