"""The same batch run on a Dask cluster: `fr-extract run --engine dask [--scheduler ADDRESS]`.

Paths are cut into partitions (one `nlp.pipe` batch each) and mapped over the workers;
each worker process builds its Extractor once and keeps it; results come back in input
order, so the output is byte-identical to a local run. Workers read the files themselves:
they must see the same paths (one machine, or a shared file system).
Dask is optional: `pip install "fr-extract[dask]"`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pipeline.batch import RunOptions, chunked, extract_batch
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


def extract_partition(paths: list[str], options: RunOptions) -> list[Document]:
    return extract_batch(_worker_extractor(), paths, options)


def import_distributed():
    try:
        import distributed
    except ImportError as exc:
        raise RuntimeError('the dask engine needs Dask: pip install "fr-extract[dask]"') from exc
    return distributed


def run_on_dask(
    paths: Sequence[str], options: RunOptions, scheduler: str | None = None, workers: int = 2
) -> Iterator[list[Document]]:
    """Yield the records partition by partition, in input order."""
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
            pending.append(client.submit(extract_partition, partition, options, pure=False))
            if len(pending) >= capacity:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
