"""The command line: `fr-extract run` and `fr-extract evaluate` (also `python -m pipeline`).

    fr-extract run seeds/ -o out/extractions.jsonl [--published ISO] [--workers N] [--batch-size N] [--resume]
    fr-extract evaluate --gold gold/gold.jsonl --pred out/extractions.jsonl -o out/report [--no-ablation]

Exit codes: 0 every document processed; 1 some documents became error records, a worker process
died, or the output could not be written (disk full...); 2 bad usage (a missing path, a bad option
value, an output that is an input, another run writing the same output).
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


def _check_not_an_input(output: Path, inputs: Sequence, given: Sequence[str], pattern: str) -> None:
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
    if not Path(output.name).match(pattern):
        return
    where = os.path.realpath(output)
    for path in given:
        if os.path.isdir(path):
            folder = os.path.realpath(path)
            if os.path.commonpath([folder, where]) == folder:
                raise UsageError(
                    f"the output {output} is inside the input folder {path} and named {pattern}: the next run "
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
    from pipeline.reader import TEXT_SUFFIX, collect_inputs

    pattern = "*" + TEXT_SUFFIX
    try:
        inputs = collect_inputs(args.paths, pattern)
    except FileNotFoundError as exc:
        raise UsageError(f"{exc}; check the path (files or folders of .txt documents)") from exc
    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler goes with --engine dask")
    output = Path(args.output)
    _check_not_an_input(output, inputs, args.paths, pattern)
    _check_writable(output)

    options = RunOptions(
        published=args.published,
        batch_size=args.batch_size,
        max_bytes=args.max_bytes,
        doc_timeout=args.doc_timeout or None,
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


def command_evaluate(args: argparse.Namespace) -> int:
    from pipeline.evaluate import evaluate_files

    for path in (args.gold, args.pred):
        if not Path(path).is_file():
            raise UsageError(f"no such file: {path}; run `fr-extract run` first to write predictions")
    try:
        evaluate_files(args.gold, args.pred, args.output, quiet=args.quiet, ablation=not args.no_ablation)
    except ValueError as exc:  # a file that is not JSONL records, or two records with one id
        raise UsageError(str(exc)) from exc
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    from pipeline.batch import DEFAULT_DOC_TIMEOUT
    from pipeline.reader import DEFAULT_MAX_BYTES

    parser = argparse.ArgumentParser(prog="fr-extract", description="Structured extraction from French news pages.")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="extract records from .txt files and folders to JSONL")
    run.add_argument("paths", nargs="+", help="files, or folders searched recursively for *.txt")
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
    run.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    run.set_defaults(handler=command_run)

    evaluate = sub.add_parser("evaluate", help="score predictions against the gold set")
    evaluate.add_argument("--gold", required=True, help="gold JSONL (gold/gold.jsonl)")
    evaluate.add_argument("--pred", required=True, help="predictions JSONL from fr-extract run")
    evaluate.add_argument("-o", "--output", required=True, help="report path without extension (.md .json .html)")
    evaluate.add_argument("--no-ablation", action="store_true", help="skip rerunning the pipeline stage by stage")
    evaluate.add_argument("-q", "--quiet", action="store_true")
    evaluate.set_defaults(handler=command_evaluate)
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
