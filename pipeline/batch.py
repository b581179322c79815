"""Batch runs: files in, one record per file out, in input order, with 1 or N worker processes.

A file that cannot be read, a document whose extraction raises or runs past its time budget
(`RunOptions.doc_timeout`, error type `Timeout`), and a document whose worker process dies
(error type `WorkerLost`) each become an error record; the batch goes on.

A dead worker breaks its process pool: every batch in flight is then lost. The parent notices it at
once (the pool's sentinels), says so on stderr, runs each lost document again on its own in a fresh
worker, and gives the documents whose worker dies a second time a `WorkerLost` record; the other
batches go on in a fresh pool. After MAX_WORKER_DEATHS deaths in one run the remaining documents get
`WorkerLost` records without running, so that a run always ends.
"""

from __future__ import annotations

import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from typing import TypeVar

from pipeline.boilerplate import DEFAULT_SETTINGS, BoilerplateSettings
from pipeline.model import Document
from pipeline.reader import DEFAULT_MAX_BYTES, InputFile, ReadError, SourceText, doc_id_for, escape_name, read_source
from pipeline.timeout import DocumentTimeout, time_limit

# The default time budget of one document, in seconds: generous, prose runs at about 40 µs a character.
DEFAULT_DOC_TIMEOUT = 600.0
# Worker processes that may die in one run before the documents left are given up.
MAX_WORKER_DEATHS = 5
TIMEOUT = "Timeout"
WORKER_LOST = "WorkerLost"


@dataclass(frozen=True)
class RunOptions:
    published: str | None = None
    batch_size: int = 64
    max_bytes: int = DEFAULT_MAX_BYTES
    with_text: bool = False  # write the text the offsets refer to into each record
    boilerplate: BoilerplateSettings = DEFAULT_SETTINGS
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT  # seconds; None or 0: no limit
    facts: bool = False  # money facts in every record (pipeline/facts.py)


Work = InputFile | str


def as_input(item: Work) -> InputFile:
    """An InputFile for a path given alone (its id is its file name without the extension)."""
    if isinstance(item, InputFile):
        return item
    return InputFile(item, doc_id_for(item), escape_name(os.fspath(item)))


def read_record(item: Work, options: RunOptions) -> SourceText | Document:
    """The file's text, or an error record saying why it cannot be read."""
    item = as_input(item)
    try:
        return read_source(item.path, max_bytes=options.max_bytes, doc_id=item.doc_id, shown=item.shown)
    except ReadError as error:
        return Document.failed(item.doc_id, item.shown, error.kind, str(error), sha256=error.sha256)


def timeout_record(source: SourceText, options: RunOptions) -> Document:
    return Document.failed(
        source.doc_id,
        source.path,
        TIMEOUT,
        f"extraction took more than {options.doc_timeout:g} s (--doc-timeout); the document was skipped",
        sha256=source.sha256,
    )


def extract_batch(extractor, paths: Sequence[Work], options: RunOptions) -> list[Document]:
    """Records for a batch of inputs, in order; a failing or slow document never takes the batch with it.

    The batch runs through `extractor.pipe` with the time budget restarted at each document it gives
    back; when the budget runs out, or a document raises, the documents not yet done run again one
    by one, each with its own budget.
    """
    read = [read_record(path, options) for path in paths]
    sources = [item for item in read if isinstance(item, SourceText)]
    extractor.boilerplate = options.boilerplate
    done: list[Document] = []
    try:
        with time_limit(options.doc_timeout) as limit:
            for document in extractor.pipe(
                sources, batch_size=options.batch_size, published=options.published, facts=options.facts
            ):
                done.append(document)
                limit.restart()
    except (Exception, DocumentTimeout):  # noqa: BLE001 - the documents left run one by one below
        done.extend(_extract_one(extractor, source, options) for source in sources[len(done) :])
    finished = iter(done)
    records = [item if isinstance(item, Document) else next(finished) for item in read]
    for record in records:
        record.include_text = options.with_text
    return records


def _extract_one(extractor, source: SourceText, options: RunOptions) -> Document:
    try:
        with time_limit(options.doc_timeout):
            return next(extractor.pipe([source], batch_size=1, published=options.published, facts=options.facts))
    except DocumentTimeout:
        return timeout_record(source, options)
    except Exception as exc:  # noqa: BLE001 - any failure of one document becomes its error record
        return Document.failed(source.doc_id, source.path, type(exc).__name__, str(exc), sha256=source.sha256)


T = TypeVar("T")


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


_worker_extractor = None


def _init_worker() -> None:
    """Load the model once per worker process."""
    global _worker_extractor
    from pipeline.extractor import Extractor

    _worker_extractor = Extractor()


def _start_worker(initializer: Callable[[], None]) -> None:
    """The parent handles Ctrl-C and SIGTERM for the whole run: a worker ignores SIGINT and dies at once on
    SIGTERM. A forked worker inherits the parent's handlers, and one that turned SIGTERM into an exception
    would survive the pool's terminate() and could block forever on a queue lock its dead sibling held."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    initializer()


def _worker_batch(paths: list[Work], options: RunOptions) -> list[Document]:
    return extract_batch(_worker_extractor, paths, options)


def lost_record(item: Work, message: str) -> Document:
    """The record of a document whose worker died: no sha256, so that --resume runs it again."""
    item = as_input(item)
    return Document.failed(item.doc_id, item.shown, WORKER_LOST, message)


def run_batches(
    paths: Sequence[Work],
    options: RunOptions,
    workers: int = 1,
    extractor=None,
    *,
    task: Callable[[list[Work], RunOptions], list[Document]] | None = None,
    initializer: Callable[[], None] | None = None,
    report: Callable[[str], None] | None = None,
) -> Iterator[list[Document]]:
    """Yield the records batch by batch, in input order.

    With `workers` > 1 the batches run in worker processes: `task(batch, options)` in each (after
    `initializer()` once per process; by default the model is loaded and `extract_batch` runs).
    `report` receives the messages about dead workers (default: stderr).
    """
    batches = chunked(paths, options.batch_size)
    if workers <= 1:
        if extractor is None:
            from pipeline.extractor import Extractor

            extractor = Extractor()
        for batch in batches:
            yield extract_batch(extractor, batch, options)
        return
    pool = _Pool(
        workers,
        task or _worker_batch,
        initializer or _init_worker,
        options,
        report or (lambda message: print(message, file=sys.stderr, flush=True)),
    )
    finished = False
    try:
        # Keep a bounded number of batches in flight so memory stays flat on large archives.
        for batch in batches:
            pool.submit(batch)
            if pool.in_flight() >= workers * 2:
                yield pool.next_result()
        while pool.in_flight():
            yield pool.next_result()
        finished = True
    finally:
        pool.close(finished)


class _Pool:
    """A process pool that outlives the death of its workers (see the module's docstring)."""

    def __init__(self, workers: int, task, initializer, options: RunOptions, report: Callable[[str], None]):
        self.workers, self.task, self.initializer, self.options, self.report = (
            workers,
            task,
            initializer,
            options,
            report,
        )
        self.deaths = 0
        self.pending: deque[tuple[list[Work], Future]] = deque()
        self.executor = self._executor(workers)

    def _executor(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(self.initializer,))

    def in_flight(self) -> int:
        return len(self.pending)

    def submit(self, batch: list[Work]) -> None:
        if self.deaths >= MAX_WORKER_DEATHS:
            self.pending.append((batch, _done(self._given_up(batch))))
            return
        try:
            future = self.executor.submit(self.task, batch, self.options)
        except BrokenProcessPool as exc:  # a worker died since the last result: this batch is lost with the pool
            future = Future()
            future.set_exception(exc)
        self.pending.append((batch, future))

    def next_result(self) -> list[Document]:
        batch, future = self.pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            self.pending.appendleft((batch, future))
            self._recover()
            return self.next_result()

    def _recover(self) -> None:
        """A worker died: keep the batches that finished, run the lost documents again one by one, then go on."""
        self.deaths += 1
        lost = [(batch, future) for batch, future in self.pending if not _succeeded(future)]
        _kill_workers(self.executor)
        self.executor.shutdown(wait=True, cancel_futures=True)
        names = [as_input(item).shown for batch, _ in lost for item in batch]
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        self.report(
            f"fr-extract: a worker process died; {len(names)} documents in flight were lost ({shown}); "
            "running each of them again on its own in a fresh worker"
        )
        recovered = {id(future): self._one_by_one(batch) for batch, future in lost}
        self.pending = deque(
            (batch, _done(recovered[id(future)]) if id(future) in recovered else future)
            for batch, future in self.pending
        )
        self.executor = self._executor(self.workers)

    def _one_by_one(self, batch: list[Work]) -> list[Document]:
        """Each document of a lost batch alone in a fresh worker; a second death gives it a WorkerLost record."""
        records: list[Document] = []
        executor: ProcessPoolExecutor | None = None
        finished = False
        try:
            for item in batch:
                if self.deaths >= MAX_WORKER_DEATHS:
                    records.extend(self._given_up([item]))
                    continue
                executor = executor or self._executor(1)
                try:
                    records.extend(executor.submit(self.task, [item], self.options).result())
                except BrokenProcessPool:
                    self.deaths += 1
                    _kill_workers(executor)
                    executor.shutdown(wait=True, cancel_futures=True)
                    executor = None
                    records.append(
                        lost_record(
                            item,
                            "the worker process died while extracting this document (twice: in its batch, "
                            "then alone); rerun with --resume to try it again",
                        )
                    )
            finished = True
        finally:
            if executor is not None:
                if not finished:  # interrupted (Ctrl-C, SIGTERM): stop the worker at once
                    _kill_workers(executor)
                executor.shutdown(wait=True)
        return records

    def _given_up(self, batch: list[Work]) -> list[Document]:
        message = (
            f"not run: worker processes died {self.deaths} times in this run (the limit is {MAX_WORKER_DEATHS}); "
            "rerun with --resume to try it again"
        )
        return [lost_record(item, message) for item in batch]

    def close(self, finished: bool) -> None:
        """Shut the pool down; on an interruption (Ctrl-C, SIGTERM, an error) stop the workers at once."""
        if not finished:
            _kill_workers(self.executor)
        self.executor.shutdown(wait=True, cancel_futures=True)


def _kill_workers(executor: ProcessPoolExecutor) -> None:
    """SIGKILL the processes of a pool that is broken or abandoned: a survivor could hold a queue lock (or wait
    for one) and make the pool's shutdown wait forever."""
    processes = getattr(executor, "_processes", None) or {}  # private: Python 3.11 has no public way
    for process in list(processes.values()):
        try:
            if process.is_alive():
                process.kill()
        except (OSError, ValueError, AssertionError):
            pass  # already reaped


def _succeeded(future: Future) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _done(result: list[Document]) -> Future:
    future: Future = Future()
    future.set_result(result)
    return future


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def flatten(batches: Iterable[list[Document]]) -> Iterator[Document]:
    for batch in batches:
        yield from batch
