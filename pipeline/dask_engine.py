"""The same batch run on a Dask cluster: `fr-extract run --engine dask [--scheduler ADDRESS]`.

Paths are cut into partitions (one `nlp.pipe` batch each) and mapped over the workers;
each worker process builds its Extractor once and keeps it; results come back in input
order, so the output is byte-identical to a local run. Workers read the files themselves:
they must see the same paths (one machine, or a shared file system).
Dask is optional: `pip install "fr-extract[dask]"`.

A lost worker: the scheduler runs its partitions again on other workers (a local cluster's nanny
restarts it); a partition whose workers keep dying (Dask's `KilledWorker`, after
`distributed.scheduler.allowed-failures` deaths) or that fails for any other reason gives its
documents `WorkerLost` error records, the message on stderr, and the run goes on.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence

from pipeline.batch import RunOptions, Work, as_input, chunked, extract_batch, lost_record
from pipeline.model import Document

_extractor = None
# Partitions in flight per worker thread: enough to keep workers busy, few enough to keep memory flat.
IN_FLIGHT_PER_WORKER = 2


def _worker_extractor():
    global _extractor
    if _extractor is None:
        from pipeline.extractor import Extractor

        _extractor = Extractor()
    return _extractor


def extract_partition(paths: list[Work], options: RunOptions) -> list[Document]:
    return extract_batch(_worker_extractor(), paths, options)


def import_distributed():
    try:
        import distributed
    except ImportError as exc:
        raise RuntimeError('the dask engine needs Dask: pip install "fr-extract[dask]"') from exc
    return distributed


def run_on_dask(
    paths: Sequence[Work],
    options: RunOptions,
    scheduler: str | None = None,
    workers: int = 2,
    *,
    task: Callable[[list[Work], RunOptions], list[Document]] = extract_partition,
    report: Callable[[str], None] | None = None,
) -> Iterator[list[Document]]:
    """Yield the records partition by partition, in input order (`task` runs each partition on a worker)."""
    say = report or (lambda message: print(message, file=sys.stderr, flush=True))
    distributed = import_distributed()
    if scheduler:
        client = distributed.Client(scheduler)
        cluster = None
    else:
        cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
        client = distributed.Client(cluster)
    try:
        capacity = max(1, sum(client.nthreads().values())) * IN_FLIGHT_PER_WORKER
        pending = []
        for partition in chunked(paths, options.batch_size):
            pending.append((partition, client.submit(task, partition, options, pure=False)))
            if len(pending) >= capacity:
                yield _result(*pending.pop(0), say)
        for partition, future in pending:
            yield _result(partition, future, say)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _result(partition: list[Work], future, say: Callable[[str], None]) -> list[Document]:
    """The records of a partition, or WorkerLost records for its documents when it could not be run."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - KilledWorker, a lost connection...: the run goes on
        reason = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
        names = [as_input(item).shown for item in partition]
        say(f"fr-extract: a Dask partition of {len(names)} documents was lost ({reason}); recorded as WorkerLost")
        message = f"the Dask worker running this document was lost ({reason}); rerun with --resume to try it again"
        return [lost_record(item, message) for item in partition]
