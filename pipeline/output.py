"""Writing records: the whole output atomically, or appended batch by batch for --resume; progress on stderr."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from itertools import islice
from pathlib import Path

from pipeline.model import Document, atomic_output, iter_jsonl_lines, write_jsonl
from pipeline.reader import doc_id_for, sha256_of_file


def write_records(records: Iterable[Document], output: Path, append: bool = False, batch_size: int = 64) -> int:
    """Write every record; returns how many. Never leaves a half-written file behind.

    With `append`, records go to the end of the output `batch_size` at a time, each batch in one write.
    """
    if not append:
        return write_jsonl(records, output)
    repair_tail(output)
    count = 0
    iterator = iter(records)
    while batch := list(islice(iterator, batch_size)):
        append_lines("".join(iter_jsonl_lines(batch)), output)
        count += len(batch)
    return count


def append_lines(lines: str, output: Path) -> None:
    """Append whole lines with one write, so an interruption leaves the file a valid prefix."""
    data = lines.encode("utf-8")
    descriptor = os.open(output, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        written = 0
        while written < len(data):
            written += os.write(descriptor, data[written:])
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def repair_tail(output: Path, block: int = 1 << 16) -> None:
    """Cut a last line that has no newline (a write cut short), so the file is whole lines only."""
    if not output.exists():
        return
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


def completed_records(output: Path) -> dict[str, str | None]:
    """id -> sha256 of the records already in the output, for --resume.

    An error record of a file that could not be read at all has no sha256 (None).
    """
    done: dict[str, str | None] = {}
    if not output.exists():
        return done
    with open(output, encoding="utf-8") as handle:
        for line in handle:
            if not line.endswith("\n"):
                break
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if "id" in record:
                done[record["id"]] = record.get("sha256")
    return done


def plan_resume(output: Path, paths: list[str]) -> list[str]:
    """The paths a resumed run still has to process; records of files changed since are removed first.

    A file whose id and sha256 are in the output is skipped; so is one still unreadable whose
    error record has no sha256. A file whose content changed gets a fresh record, never a second one.
    """
    done = completed_records(output)
    todo, stale = [], set()
    for path in paths:
        doc_id, digest = source_key(path)
        if doc_id in done and done[doc_id] == digest:
            continue
        if doc_id in done:
            stale.add(doc_id)
        todo.append(path)
    if stale:
        drop_records(output, stale)
    return todo


def drop_records(output: Path, ids: set[str]) -> None:
    """Rewrite the output (atomically) without the records of these ids."""
    with open(output, encoding="utf-8") as source, atomic_output(output) as target:
        for line in source:
            if line.endswith("\n") and json.loads(line).get("id") not in ids:
                target.write(line)


def source_key(path: str) -> tuple[str, str | None]:
    try:
        return doc_id_for(path), sha256_of_file(path)
    except OSError:
        return doc_id_for(path), None


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

    def failed(self, record: Document) -> None:
        message = f"fr-extract: {record.path or record.id}: {record.error['type']}: {record.error['message']}"
        if self.bar is not None:
            self.bar.write(message, file=sys.stderr)
        else:
            print(message, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
