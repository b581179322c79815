"""Same input, same bytes: across runs, worker counts and engines.

Worker processes are forked from the test session, so they start with the model conftest.py loaded
once instead of loading their own: the runs are real (processes, queues, a Dask cluster), the load is not repeated.
"""

import pytest
from conftest import SEEDS

from pipeline.cli import EXIT_OK, main


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for seed in SEEDS:  # the start of each seed: real pages, short enough to be run four times
        (folder / seed.name).write_text(seed.read_text(encoding="utf-8")[:1500], encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def local_output(corpus, tmp_path_factory):
    output = tmp_path_factory.mktemp("local") / "out.jsonl"
    assert main(["run", str(corpus), "-o", str(output), "--batch-size", "2", "-q"]) == EXIT_OK
    return output.read_bytes()


def test_two_runs_give_byte_identical_output(corpus, local_output, tmp_path):
    again = tmp_path / "again.jsonl"
    assert main(["run", str(corpus), "-o", str(again), "--batch-size", "2", "-q"]) == EXIT_OK
    assert again.read_bytes() == local_output


def test_two_workers_give_the_same_output(corpus, local_output, tmp_path):
    output = tmp_path / "workers.jsonl"
    assert main(["run", str(corpus), "-o", str(output), "--workers", "2", "--batch-size", "2", "-q"]) == EXIT_OK
    assert output.read_bytes() == local_output


def test_a_two_worker_dask_cluster_gives_the_same_output(corpus, local_output, tmp_path):
    pytest.importorskip("distributed")
    import dask

    output = tmp_path / "dask.jsonl"
    args = ["run", str(corpus), "-o", str(output), "--engine", "dask", "--workers", "2", "--batch-size", "2", "-q"]
    with dask.config.set({"distributed.worker.multiprocessing-method": "fork"}):
        assert main(args) == EXIT_OK
    assert output.read_bytes() == local_output


def test_scheduler_without_the_dask_engine_is_bad_usage(corpus, tmp_path):
    assert main(["run", str(corpus), "-o", str(tmp_path / "o.jsonl"), "--scheduler", "tcp://127.0.0.1:8786"]) == 2
