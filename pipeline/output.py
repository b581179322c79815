"""Writing records: the whole output atomically, or appended batch by batch for --resume; progress on stderr.

One run at a time writes an output: `OutputLock` holds an exclusive lock on a file beside it
(`.NAME.lock`, with the owner's pid) for the whole run. Holding it, a run removes the temporary
files that killed runs left beside the output (`.NAME.*.part`), and `--resume` repairs the output
before appending: damaged lines (not a record, or cut short) and duplicate records are removed,
one record kept per id, atomically. Write errors (disk full...) raise WriteError and leave the
output whole lines only.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from pipeline.model import Document, WriteError, atomic_output, iter_jsonl_lines
from pipeline.reader import InputFile, regular_file_sha256


def write_records(records: Iterable[Document], output: Path, append: bool = False, batch_size: int = 64) -> int:
    """Write every record; returns how many. Never leaves a half-written file behind.

    With `append`, records go to the end of the output `batch_size` at a time, each batch in one write.
    A failed write raises WriteError; the output is then left as it was, or whole lines in append mode.
    """
    if not append:
        count = 0
        with atomic_output(output) as handle:
            for line in iter_jsonl_lines(records):
                _write_text(handle, line, output)
                count += 1
        return count
    repair_tail(output)
    count = 0
    iterator = iter(records)
    while batch := list(islice(iterator, batch_size)):
        append_lines("".join(iter_jsonl_lines(batch)), output)
        count += len(batch)
    return count


def _write_text(handle, text: str, output: Path) -> None:
    try:
        handle.write(text)
    except OSError as exc:
        raise WriteError.of(output, exc) from exc


def _write_bytes(descriptor: int, data: bytes) -> int:
    return os.write(descriptor, data)


def append_lines(lines: str, output: Path) -> None:
    """Append whole lines with one write, so an interruption leaves the file a valid prefix.

    A write that fails part way (disk full) is undone: the file is cut back to its size before it.
    """
    data = lines.encode("utf-8")
    try:
        descriptor = os.open(output, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as exc:
        raise WriteError.of(output, exc) from exc
    try:
        size = os.fstat(descriptor).st_size
        try:
            written = 0
            while written < len(data):
                written += _write_bytes(descriptor, data[written:])
            os.fsync(descriptor)
        except OSError as exc:
            try:
                os.ftruncate(descriptor, size)
            except OSError:
                pass  # the next --resume cuts the partial line (repair_tail)
            raise WriteError.of(output, exc) from exc
    finally:
        os.close(descriptor)


def repair_tail(output: Path, block: int = 1 << 16) -> None:
    """Cut a last line that has no newline (a write cut short), so the file is whole lines only."""
    if not output.exists():
        return
    try:
        with open(output, "rb+") as handle:
            end = handle.seek(0, os.SEEK_END)
            position = end
            while position > 0:
                start = max(0, position - block)
                handle.seek(start)
                chunk = handle.read(position - start)
                if position == end and chunk.endswith(b"\n"):
                    return
                newline = chunk.rfind(b"\n")
                if newline >= 0:
                    handle.truncate(start + newline + 1)
                    return
                position = start
            handle.truncate(0)
    except OSError as exc:
        raise WriteError.of(output, exc) from exc


# --- --resume -----------------------------------------------------------------------------


@dataclass
class ExistingOutput:
    """The records of an output a run resumes: one kept per id, and what is wrong with the file."""

    kept: dict[str, tuple[int, str | None]] = field(default_factory=dict)  # id -> (line number, sha256)
    damaged: list[tuple[int, str]] = field(default_factory=list)  # line number, why
    duplicates: int = 0

    @classmethod
    def read(cls, output: Path) -> ExistingOutput:
        """Every line of the output; a damaged line is noted, never raised. Of two records with one id the
        later is kept (an appended record is the newer)."""
        existing = cls()
        if not output.exists():
            return existing
        with open(output, "rb") as handle:
            for number, raw in enumerate(handle, 1):
                problem, record = _parse_line(raw)
                if problem:
                    existing.damaged.append((number, problem))
                    continue
                if record["id"] in existing.kept:
                    existing.duplicates += 1
                existing.kept[record["id"]] = (number, record.get("sha256"))
        return existing


def _parse_line(raw: bytes) -> tuple[str | None, dict]:
    if not raw.endswith(b"\n"):
        return "cut short (no newline at the end)", {}
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return f"not UTF-8 ({exc.reason} at byte {exc.start})", {}
    except json.JSONDecodeError as exc:
        return f"not JSON ({exc.msg} at column {exc.colno})", {}
    if not isinstance(record, dict):
        return f"not a record (a JSON {type(record).__name__})", {}
    if not isinstance(record.get("id"), str) or not record["id"]:
        return "a record without an id", {}
    if record.get("sha256") is not None and not isinstance(record.get("sha256"), str):
        return "a record whose sha256 is not a string", {}
    return None, record


def plan_resume(output: Path, inputs: Sequence[InputFile], report: Callable[[str], None] | None = None) -> list:
    """The inputs a resumed run still has to process; the output is repaired first.

    A file whose id and sha256 are in the output is skipped; so is one still unreadable whose error
    record has no sha256 (a FIFO, a vanished file). A file whose content changed gets a fresh record,
    never a second one. Damaged lines (with their line numbers) and duplicate records are reported
    and removed, with the records of changed files, in one atomic rewrite.
    """
    say = report or (lambda message: print(message, file=sys.stderr))
    existing = ExistingOutput.read(output)
    todo, stale = [], set()
    for item in inputs:
        digest = regular_file_sha256(item.path)
        if item.doc_id in existing.kept and existing.kept[item.doc_id][1] == digest:
            continue
        if item.doc_id in existing.kept:
            stale.add(item.doc_id)
        todo.append(item)
    for number, problem in existing.damaged:
        say(f"fr-extract: --resume: {output}:{number}: damaged line removed: {problem}")
    if existing.duplicates:
        say(f"fr-extract: --resume: {existing.duplicates} duplicate records removed from {output} (one kept per id)")
    if existing.damaged or existing.duplicates or stale:
        keep = {number for doc_id, (number, _) in existing.kept.items() if doc_id not in stale}
        rewrite_lines(output, keep)
    return todo


def rewrite_lines(output: Path, keep: set[int]) -> None:
    """Rewrite the output (atomically) with only the lines whose numbers are in `keep`."""
    try:
        source = open(output, "rb")  # noqa: SIM115 - closed below, after the atomic rewrite
    except OSError as exc:
        raise WriteError.of(output, exc) from exc
    with source, atomic_output(output) as target:
        for number, raw in enumerate(source, 1):
            if number in keep:
                _write_text(target, raw.decode("utf-8"), output)


# --- one run per output -------------------------------------------------------------------


class OutputLocked(Exception):  # noqa: N818 - the condition, as the message says it
    """Another run holds the lock on this output."""


class OutputLock:
    """An exclusive lock on an output for the length of a run: `.NAME.lock` beside it, holding the pid.

    The lock is the kernel's (flock), so it ends with its process however the process ends: a lock
    file left by a killed run is stale, and the next run takes it over. Released (and its file
    removed) on exit.
    """

    def __init__(self, output: Path):
        self.output = output
        self.path = output.with_name(f".{output.name}.lock")
        self.descriptor: int | None = None

    def acquire(self) -> OutputLock:
        while True:
            descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                owner = _read_pid(descriptor)
                os.close(descriptor)
                if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    who = f"pid {owner}" if owner else "another process"
                    raise OutputLocked(
                        f"another fr-extract run ({who}) is writing {self.output}; wait for it to end, "
                        "or write to another file with -o"
                    ) from exc
                raise
            try:
                same = os.stat(self.path).st_ino == os.fstat(descriptor).st_ino
            except FileNotFoundError:
                same = False
            if not same:  # the owner released it (and removed the file) meanwhile: take the new one
                os.close(descriptor)
                continue
            os.ftruncate(descriptor, 0)
            os.write(descriptor, f"{os.getpid()}\n".encode())
            self.descriptor = descriptor
            return self

    def release(self) -> None:
        if self.descriptor is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        finally:
            os.close(self.descriptor)
            self.descriptor = None

    def __enter__(self) -> OutputLock:
        return self.acquire()

    def __exit__(self, *exc_info) -> None:
        self.release()


def _read_pid(descriptor: int) -> int | None:
    try:
        text = os.pread(descriptor, 32, 0).decode("ascii", errors="replace").strip()
        return int(text) if text.isdigit() else None
    except OSError:
        return None


def remove_stale_temporaries(output: Path) -> list[Path]:
    """Remove the temporary files of earlier runs on this output that were killed (`.NAME.*.part`,
    `.NAME.*.check`); call it holding the output's lock, when no other run can be writing them."""
    removed = []
    for pattern in (f".{output.name}.*.part", f".{output.name}.*.check"):
        for path in output.parent.glob(pattern):
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                pass
    return removed


class ProgressReporter:
    """A progress bar on stderr (tqdm) and one line per failed document."""

    def __init__(self, total: int, quiet: bool = False):
        self.quiet = quiet
        self.bar = None
        if not quiet:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", file=sys.stderr, desc="fr-extract", dynamic_ncols=True)

    def skipped(self, count: int) -> None:
        if count and self.bar is not None:
            self.bar.write(f"fr-extract: --resume: {count} documents already in the output, skipped")
            self.bar.update(count)

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def say(self, message: str) -> None:
        if self.bar is not None:
            self.bar.write(message, file=sys.stderr)
        else:
            print(message, file=sys.stderr, flush=True)

    def failed(self, record: Document) -> None:
        self.say(f"fr-extract: {record.path or record.id}: {record.error['type']}: {record.error['message']}")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
