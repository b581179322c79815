"""Batch runs: files in, one record per file out, in input order, with 1 or N worker processes.

A file that cannot be read, or whose extraction raises, becomes an error record; the
batch goes on.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice

from pipeline.model import Document
from pipeline.reader import DEFAULT_MAX_BYTES, ReadError, SourceText, doc_id_for, read_source


@dataclass(frozen=True)
class RunOptions:
    published: str | None = None
    batch_size: int = 64
    max_bytes: int = DEFAULT_MAX_BYTES
    facts: bool = False  # money facts in every record (pipeline/facts.py)


def read_record(path: str, options: RunOptions) -> SourceText | Document:
    """The file's text, or an error record saying why it cannot be read."""
    try:
        return read_source(path, max_bytes=options.max_bytes)
    except ReadError as error:
        return Document.failed(doc_id_for(path), path, error.kind, str(error), sha256=error.sha256)


def extract_batch(extractor, paths: Sequence[str], options: RunOptions) -> list[Document]:
    """Records for a batch of paths, in order; a failing document never takes the batch with it."""
    read = [read_record(path, options) for path in paths]
    sources = [item for item in read if isinstance(item, SourceText)]
    try:
        done = iter(
            list(
                extractor.pipe(sources, batch_size=options.batch_size, published=options.published, facts=options.facts)
            )
        )
    except Exception:
        done = iter([_extract_one(extractor, source, options) for source in sources])
    return [item if isinstance(item, Document) else next(done) for item in read]


def _extract_one(extractor, source: SourceText, options: RunOptions) -> Document:
    try:
        return next(extractor.pipe([source], batch_size=1, published=options.published, facts=options.facts))
    except Exception as exc:  # noqa: BLE001 - any failure of one document becomes its error record
        return Document.failed(source.doc_id, source.path, type(exc).__name__, str(exc), sha256=source.sha256)


def chunked(items: Sequence[str], size: int) -> Iterator[list[str]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


_worker_extractor = None


def _init_worker() -> None:
    global _worker_extractor
    from pipeline.extractor import Extractor

    _worker_extractor = Extractor()


def _worker_batch(paths: list[str], options: RunOptions) -> list[Document]:
    return extract_batch(_worker_extractor, paths, options)


def run_batches(
    paths: Sequence[str], options: RunOptions, workers: int = 1, extractor=None
) -> Iterator[list[Document]]:
    """Yield the records batch by batch, in input order."""
    batches = chunked(paths, options.batch_size)
    if workers <= 1:
        if extractor is None:
            from pipeline.extractor import Extractor

            extractor = Extractor()
        for batch in batches:
            yield extract_batch(extractor, batch, options)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker) as pool:
        # Keep a bounded number of batches in flight so memory stays flat on large archives.
        pending: list = []
        for batch in batches:
            pending.append(pool.submit(_worker_batch, batch, options))
            if len(pending) >= workers * 2:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def flatten(batches: Iterable[list[Document]]) -> Iterator[Document]:
    for batch in batches:
        yield from batch
