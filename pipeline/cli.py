"""The command line: `fr-extract run`, `fr-extract evaluate`, `fr-extract facts` (also `python -m pipeline`).

    fr-extract run seeds/ -o out/extractions.jsonl [--published ISO] [--workers N] [--batch-size N] [--resume]
    fr-extract evaluate --gold gold/gold.jsonl --pred out/extractions.jsonl -o out/report [--no-ablation]
    fr-extract evaluate --gold seeds=gold/gold.jsonl dev=gold/dev test=gold/test --pred out/*.jsonl -o out/report
    fr-extract facts out/extractions.jsonl -o out/facts.csv     # also out/facts.jsonl and out/facts.html

Exit codes: 0 every document processed; 1 some documents became error records, a worker process
died, the output could not be written (disk full...), or for `facts` some lines were skipped;
2 bad usage (a missing path, a bad option value, an output that is an input, another run writing
the same output).
"""

from __future__ import annotations

import argparse
import math
import os
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from pipeline.model import Document, WriteError
from pipeline.validate import iso_date_problem

EXIT_OK, EXIT_DOCUMENT_ERRORS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad usage: a missing path, an unwritable output. The message says what to do."""


# --- option values, checked when the command line is parsed (argparse: exit 2 with the message) --------


def iso_date(value: str) -> str:
    value = value.strip()
    problem = iso_date_problem(value)
    if problem:
        raise argparse.ArgumentTypeError(f"{value!r}: {problem}")
    return value


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: give a whole number of at least 1")
    return number


def seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if not math.isfinite(number) or number < 0:
        raise argparse.ArgumentTypeError(f"{value!r}: give a number of seconds, 0 for no limit")
    return number


# --- the output -------------------------------------------------------------------------------


def _check_writable(output: Path) -> None:
    if output.is_dir():
        raise UsageError(f"the output {output} is a folder; give a file name such as {output}/extractions.jsonl")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=output.parent, prefix=f".{output.name}.", suffix=".check"):
            pass
    except OSError as exc:
        raise UsageError(
            f"cannot write the output {output}: {exc.strerror or exc}; choose another path with -o"
        ) from exc


def _check_not_an_input(output: Path, inputs: Sequence, given: Sequence[str], patterns: Sequence[str]) -> None:
    """The output may never be an input: not the same file, nor a file the run would read from a folder."""
    try:
        info = os.stat(output)
    except OSError:
        info = None
    if info is not None:
        for item in inputs:
            try:
                other = os.stat(item.path)
            except OSError:
                continue
            if (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):
                raise UsageError(
                    f"the output {output} is the input {item.shown}: writing it would destroy that document; "
                    "choose another path with -o"
                )
    matched = [pattern for pattern in patterns if Path(output.name).match(pattern)]
    if not matched:
        return
    where = os.path.realpath(output)
    for path in given:
        if os.path.isdir(path):
            folder = os.path.realpath(path)
            if os.path.commonpath([folder, where]) == folder:
                raise UsageError(
                    f"the output {output} is inside the input folder {path} and named {matched[0]}: the next run "
                    "would read it as a document; name it .jsonl or write it elsewhere"
                )


def _cannot_write(output: Path, exc: OSError, resume: bool) -> int:
    """The one line said when the output cannot be written (disk full, quota...): exit 1, no traceback."""
    kept = "the records written so far are kept" if resume else "the previous output is unchanged"
    print(
        f"fr-extract: error: cannot write {output}: {exc.strerror or exc}; {kept}: free some space (or choose "
        "another -o), then run the same command with --resume",
        file=sys.stderr,
    )
    return EXIT_DOCUMENT_ERRORS


def _terminate(signum, frame):  # noqa: ARG001
    # SIGTERM unwinds like Ctrl-C, so the temporary output is removed and no half file is left.
    raise KeyboardInterrupt


def command_run(args: argparse.Namespace) -> int:
    # SIGTERM unwinds like Ctrl-C for the length of the run (the lock released, the temporary output removed).
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if in_main_thread else None
    try:
        return _run(args)
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)


def _run(args: argparse.Namespace) -> int:
    from pipeline.batch import RunOptions, flatten, run_batches
    from pipeline.output import (
        OutputLock,
        OutputLocked,
        ProgressReporter,
        plan_resume,
        remove_stale_temporaries,
        write_records,
    )
    from pipeline.reader import INPUT_PATTERNS, collect_inputs

    patterns = INPUT_PATTERNS
    try:
        inputs = collect_inputs(args.paths, patterns)
    except FileNotFoundError as exc:
        raise UsageError(f"{exc}; check the path (files or folders of .txt or .html documents)") from exc
    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler goes with --engine dask")
    output = Path(args.output)
    _check_not_an_input(output, inputs, args.paths, patterns)
    _check_writable(output)

    options = RunOptions(
        published=args.published,
        batch_size=args.batch_size,
        max_bytes=args.max_bytes,
        doc_timeout=args.doc_timeout or None,
        with_text=args.with_text,
        boilerplate=_boilerplate_settings(args.boilerplate, args.stoplist, args.markers),
        facts=args.facts,
    )
    started = time.perf_counter()
    try:
        lock = OutputLock(output).acquire()
    except OutputLocked as exc:
        raise UsageError(str(exc)) from exc
    except OSError as exc:
        return _cannot_write(output, exc, resume=args.resume)
    try:
        # Holding the lock, no other run writes this output: temporary files beside it are a killed run's.
        remove_stale_temporaries(output)
        progress = ProgressReporter(total=len(inputs), quiet=args.quiet)
        labels: Counter[str] = Counter()
        failures: list[Document] = []
        troubles: list[str] = []

        def worker_trouble(message: str) -> None:
            # A worker died: the run exits 1 even when every document it lost was run again successfully.
            troubles.append(message)
            progress.say(message)

        def observed(records: Iterator[Document]) -> Iterator[Document]:
            for record in records:
                labels.update(entity.label for entity in record.entities)
                if record.error:
                    failures.append(record)
                    progress.failed(record)
                progress.advance()
                yield record

        try:
            todo = inputs
            if args.resume:
                todo = plan_resume(output, inputs, report=progress.say)
                progress.skipped(len(inputs) - len(todo))
            if args.engine == "dask":
                from pipeline.dask_engine import import_distributed, run_on_dask

                try:
                    import_distributed()
                except RuntimeError as exc:
                    raise UsageError(str(exc)) from exc
                batches = run_on_dask(
                    todo, options, scheduler=args.scheduler, workers=args.workers, report=worker_trouble
                )
            else:
                batches = run_batches(todo, options, workers=args.workers, report=worker_trouble)
            count = write_records(observed(flatten(batches)), output, append=args.resume, batch_size=args.batch_size)
        except WriteError as exc:
            progress.close()
            return _cannot_write(output, exc, resume=args.resume)
        progress.close()
    finally:
        lock.release()
    seconds_taken = time.perf_counter() - started
    per_label = ", ".join(f"{label} {n}" for label, n in sorted(labels.items())) or "none"
    print(
        f"fr-extract: {count} documents -> {output}; entities: {per_label}; errors: {len(failures)}; "
        f"{seconds_taken:.1f} s",
        file=sys.stderr,
    )
    return EXIT_DOCUMENT_ERRORS if failures or troubles else EXIT_OK


def _boilerplate_settings(assignments: list[str], stoplist: str | None = None, markers: str | None = None):
    """BoilerplateSettings from NAME=VALUE pairs (`--boilerplate min_block_gap=8`), a stoplist file and a markers
    file (`--stoplist`, `--markers`; the shipped ones by default), checked on load."""
    from dataclasses import fields, replace

    from pipeline.boilerplate import DEFAULT_SETTINGS, load_markers, load_stoplist
    from pipeline.rulefiles import RuleFileError

    try:
        files = {"stopwords": load_stoplist(stoplist), "markers": load_markers(markers)}
    except RuleFileError as exc:
        raise UsageError(str(exc)) from exc
    types = {f.name: f.type for f in fields(DEFAULT_SETTINGS) if f.name not in files}
    changes = {}
    for assignment in assignments or []:
        name, _, value = assignment.partition("=")
        if name not in types or not value:
            raise UsageError(f"--boilerplate {assignment!r}: give NAME=VALUE, NAME one of {', '.join(types)}")
        try:
            changes[name] = float(value) if types[name] in (float, "float") else int(value)
        except ValueError as exc:
            raise UsageError(f"--boilerplate {assignment!r}: {value!r} is not a number") from exc
    return replace(DEFAULT_SETTINGS, **changes, **files)


def command_evaluate(args: argparse.Namespace) -> int:
    from pipeline.evaluate import evaluate_splits, split_spec

    for spec in args.gold:
        name, path = split_spec(spec)
        if not path.is_file():
            raise UsageError(
                f"no gold file {path} (for the split {name!r}); give a gold JSONL or a folder holding gold.jsonl"
            )
    for path in args.facts_gold or ():
        if not Path(path).exists():
            raise UsageError(f"no facts gold {path}; give facts gold JSONL files or a folder of them (gold/facts)")
    for path in args.pred:
        if not Path(path).is_file():
            raise UsageError(f"no such file: {path}; run `fr-extract run` first to write predictions")
    try:
        report = evaluate_splits(
            args.gold,
            args.pred,
            args.output,
            quiet=args.quiet,
            ablation=not args.no_ablation,
            facts_gold=args.facts_gold or (),
        )
    except ValueError as exc:  # a gold file that is not JSONL records, or two gold records with one id
        raise UsageError(str(exc)) from exc
    problems = report["summary"].get("problems", [])
    for problem in problems:
        print(f"fr-extract: problem: {problem}", file=sys.stderr)
    if problems:
        print(
            f"fr-extract: {len(problems)} problems in the input files; what could not be scored was left out"
            + (" (--strict: exit 1)" if args.strict else " (--strict makes this an error)"),
            file=sys.stderr,
        )
    return EXIT_DOCUMENT_ERRORS if problems and args.strict else EXIT_OK


def command_facts(args: argparse.Namespace) -> int:
    from pipeline.consolidate import consolidate, read_records_leniently, rows_csv, rows_html, rows_jsonl
    from pipeline.model import write_text_atomic

    output = Path(args.output)
    if output.suffix.lower() != ".csv":
        raise UsageError(f"the output {output} should be a .csv file (the .jsonl and .html twins go beside it)")
    _check_writable(output)
    records, where, skipped = [], [], []
    for name in args.records:
        path = Path(name)
        if not path.is_file():
            raise UsageError(f"no such file: {path}; give the JSONL written by `fr-extract run --facts`")
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                read, places, bad = read_records_leniently(handle)
        except OSError as exc:
            raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
        records += read
        where += [f"{path}:{place.split()[-1]}" for place in places]
        skipped += [(f"{path}:{place.split()[-1]}", why) for place, why in bad]
    started = time.perf_counter()
    result = consolidate(records, where)
    skipped += result.skipped
    jsonl, page = output.with_suffix(".jsonl"), output.with_suffix(".html")
    write_text_atomic(output, rows_csv(result.rows))
    write_text_atomic(jsonl, rows_jsonl(result.rows))
    write_text_atomic(page, rows_html(result.rows))

    def line_order(item: tuple[str, str]) -> tuple[str, int]:
        name, _, number = item[0].rpartition(":")
        return name, int(number) if number.isdigit() else 0

    for place, why in sorted(skipped, key=line_order):
        print(f"fr-extract: skipped {place}: {why}", file=sys.stderr)
    conflicts = sum(1 for row in result.rows if row["conflicts"])
    print(
        f"fr-extract: {result.facts} facts of {result.documents} documents -> {len(result.rows)} rows "
        f"({conflicts} with conflicts) -> {output}, {jsonl}, {page}; skipped: {len(skipped)}; "
        f"{time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return EXIT_DOCUMENT_ERRORS if skipped else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    from pipeline.batch import DEFAULT_DOC_TIMEOUT
    from pipeline.reader import DEFAULT_MAX_BYTES

    parser = argparse.ArgumentParser(prog="fr-extract", description="Structured extraction from French news pages.")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="extract records from .txt files and folders to JSONL")
    run.add_argument("paths", nargs="+", help="files, or folders searched recursively for *.txt, *.html, *.htm")
    run.add_argument("-o", "--output", required=True, help="JSONL file to write (written atomically)")
    run.add_argument(
        "--published", type=iso_date, help="publication date (ISO) for every document, over what the text states"
    )
    run.add_argument("--workers", type=positive_int, default=1, help="worker processes (each loads the model once)")
    run.add_argument("--batch-size", type=positive_int, default=64, help="documents per nlp.pipe batch")
    run.add_argument(
        "--max-bytes", type=positive_int, default=DEFAULT_MAX_BYTES, help="larger files become error records"
    )
    run.add_argument(
        "--doc-timeout",
        type=seconds,
        default=DEFAULT_DOC_TIMEOUT,
        help=f"seconds a document may take before it becomes a Timeout error record (default {DEFAULT_DOC_TIMEOUT:g}; "
        "0: no limit)",
    )
    run.add_argument("--engine", choices=["local", "dask"], default="local", help="where the work runs")
    run.add_argument("--scheduler", help="Dask scheduler address (with --engine dask); default: a local cluster")
    run.add_argument("--resume", action="store_true", help="skip documents already in the output; append the rest")
    run.add_argument(
        "--with-text", action="store_true", help="write the text the offsets refer to into each record ('text')"
    )
    run.add_argument(
        "--boilerplate",
        action="append",
        metavar="NAME=VALUE",
        help="a threshold of the boilerplate stripper (a field of BoilerplateSettings); repeatable",
    )
    run.add_argument(
        "--stoplist",
        metavar="FILE",
        help="the boilerplate stripper's stop words, one lower-case word a line (default: "
        "patterns/boilerplate_stopwords.txt)",
    )
    run.add_argument(
        "--markers",
        metavar="FILE",
        help="the boilerplate stripper's furniture markers, JSON laid out as patterns/boilerplate_markers.json",
    )
    run.add_argument("--facts", action="store_true", help="money facts in every record (who, how much, for what)")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    run.set_defaults(handler=command_run)

    evaluate = sub.add_parser("evaluate", help="score predictions against the gold set")
    evaluate.add_argument(
        "--gold",
        required=True,
        nargs="+",
        metavar="[NAME=]PATH",
        help="gold JSONL files or folders holding gold.jsonl, one per split (seeds=gold/gold.jsonl dev=gold/dev)",
    )
    evaluate.add_argument(
        "--pred", required=True, nargs="+", help="predictions JSONL from fr-extract run (ids matched across files)"
    )
    evaluate.add_argument("-o", "--output", required=True, help="report path without extension (.md .json .html)")
    evaluate.add_argument("--no-ablation", action="store_true", help="skip rerunning the pipeline stage by stage")
    evaluate.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when the input files break the contract (default: warn, score the rest)",
    )
    evaluate.add_argument(
        "--facts-gold",
        nargs="+",
        metavar="PATH",
        help="facts gold files or folders (default: facts/*.jsonl beside each gold file); each split takes its own",
    )
    evaluate.add_argument("-q", "--quiet", action="store_true")
    evaluate.set_defaults(handler=command_evaluate)

    facts = sub.add_parser("facts", help="consolidate the money facts of records across documents (CSV, JSONL, HTML)")
    facts.add_argument("records", nargs="+", help="JSONL records written by `fr-extract run --facts`")
    facts.add_argument("-o", "--output", required=True, help="CSV file to write; .jsonl, .html twins beside it")
    facts.set_defaults(handler=command_facts)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0), or a bad option value: argparse printed why (2)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        return args.handler(args)
    except UsageError as exc:
        print(f"fr-extract: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("fr-extract: interrupted; the output was not replaced (use --resume to continue)", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
