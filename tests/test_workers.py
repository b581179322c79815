"""Dead workers and slow documents never hang a run and never lose a record (issue 18, point 2 and --doc-timeout).

The worker function is given to `run_batches` (or, for the CLI, monkeypatched in pipeline.batch): a
test function that kills its own process on a marked document, with no model loaded.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest
from conftest import FakeExtractor

from pipeline.batch import (
    MAX_WORKER_DEATHS,
    TIMEOUT,
    WORKER_LOST,
    RunOptions,
    as_input,
    extract_batch,
    flatten,
    run_batches,
)
from pipeline.cli import EXIT_DOCUMENT_ERRORS, main
from pipeline.model import Document
from pipeline.reader import InputFile

ARTICLE = "Le groupe Orange a annoncé 2 milliards d'euros d'investissements à Rennes.\n"


def plain_records(paths, options):
    return [Document(id=as_input(p).doc_id, path=as_input(p).shown) for p in paths]


def dies_on_kill(paths, options):
    """The worker process dies (as under SIGKILL or the OOM killer) when its batch holds `kill.txt`."""
    if any(as_input(p).path.endswith("kill.txt") for p in paths):
        os._exit(9)
    return plain_records(paths, options)


def always_dies(paths, options):
    os._exit(9)


def no_model():
    pass


def inputs(names):
    return [InputFile(f"/nowhere/{name}", name.removesuffix(".txt"), f"/nowhere/{name}") for name in names]


def test_a_dead_worker_costs_only_its_document_and_is_said(tmp_path):
    names = [f"{i:02d}.txt" for i in range(12)]
    names[5] = "kill.txt"
    messages: list[str] = []
    started = time.monotonic()
    options = RunOptions(batch_size=2)
    batches = run_batches(
        inputs(names), options, workers=2, task=dies_on_kill, initializer=no_model, report=messages.append
    )
    records = list(flatten(batches))
    assert time.monotonic() - started < 60
    assert [r.id for r in records] == [name.removesuffix(".txt") for name in names]  # all, in order, once
    (lost,) = [r for r in records if r.error]
    assert lost.id == "kill" and lost.error["type"] == WORKER_LOST and lost.sha256 is None
    assert "rerun with --resume" in lost.error["message"]
    assert any("a worker process died" in m and "/nowhere/kill.txt" in m for m in messages)


def test_workers_that_keep_dying_end_the_run_with_a_record_for_every_document():
    names = [f"{i:02d}.txt" for i in range(20)]
    messages: list[str] = []
    records = list(
        flatten(
            run_batches(
                inputs(names),
                RunOptions(batch_size=3),
                workers=2,
                task=always_dies,
                initializer=no_model,
                report=messages.append,
            )
        )
    )
    assert [r.id for r in records] == [name.removesuffix(".txt") for name in names]
    assert {r.error["type"] for r in records} == {WORKER_LOST}
    assert any(f"died {MAX_WORKER_DEATHS} times" in r.error["message"] for r in records)


def cli_worker(paths, options):
    if any(as_input(p).path.endswith("kill.txt") for p in paths):
        os._exit(9)
    return extract_batch(FakeExtractor(), paths, options)


def test_the_cli_says_which_documents_were_lost_and_exits_1(tmp_path, monkeypatch, capsys):
    import pipeline.batch

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b", "c", "kill", "e", "f"):
        (folder / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setattr(pipeline.batch, "_worker_batch", cli_worker)
    monkeypatch.setattr(pipeline.batch, "_init_worker", no_model)
    output = tmp_path / "out.jsonl"
    code = main(["run", str(folder), "-o", str(output), "--workers", "2", "--batch-size", "2", "-q"])
    assert code == EXIT_DOCUMENT_ERRORS
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a", "b", "c", "e", "f", "kill"]
    assert [r["id"] for r in records if r["error"]] == ["kill"]
    err = capsys.readouterr().err
    assert "a worker process died" in err and f"kill.txt: {WORKER_LOST}:" in err
    # --resume runs the lost document again (its record has no sha256)
    monkeypatch.setattr(pipeline.batch, "_worker_batch", _extract_fake)
    assert main(["run", str(folder), "-o", str(output), "--workers", "2", "--resume", "-q"]) == 0
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["id"] for r in records) == ["a", "b", "c", "e", "f", "kill"]
    assert not any(r["error"] for r in records)


def _extract_fake(paths, options):
    return extract_batch(FakeExtractor(), paths, options)


_DIED_ONCE = "died-once"


def dies_once(paths, options):
    """Dies on the first batch it sees holding `b.txt` (a marker file remembers it), then works."""
    marker = Path(as_input(paths[0]).path).parent / _DIED_ONCE
    if any(as_input(p).path.endswith("b.txt") for p in paths) and not marker.exists():
        marker.write_text("")
        os._exit(9)
    return extract_batch(FakeExtractor(), paths, options)


def test_a_worker_death_exits_1_even_when_every_lost_document_is_run_again(tmp_path, monkeypatch, capsys):
    import pipeline.batch

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b", "c", "d"):
        (folder / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setattr(pipeline.batch, "_worker_batch", dies_once)
    monkeypatch.setattr(pipeline.batch, "_init_worker", no_model)
    output = tmp_path / "out.jsonl"
    code = main(["run", str(folder), "-o", str(output), "--workers", "2", "--batch-size", "2", "-q"])
    assert code == EXIT_DOCUMENT_ERRORS
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a", "b", "c", "d"] and not any(r["error"] for r in records)
    assert "a worker process died" in capsys.readouterr().err


def test_a_lost_dask_worker_gives_worker_lost_records_and_the_run_goes_on():
    pytest.importorskip("distributed")
    import dask

    from pipeline.dask_engine import run_on_dask

    names = ["a.txt", "kill.txt", "c.txt", "d.txt"]
    messages: list[str] = []
    options = RunOptions(batch_size=1)
    # The worker forked from the session (no imports to redo); allowed-failures 0: the first death loses the partition.
    settings = {"distributed.scheduler.allowed-failures": 0, "distributed.worker.multiprocessing-method": "fork"}
    with dask.config.set(settings):
        batches = run_on_dask(inputs(names), options, workers=1, task=dies_on_kill, report=messages.append)
        records = list(flatten(batches))
    # Dask fails every task that was running on the dead worker: the document that killed it, maybe a neighbour.
    assert [r.id for r in records] == ["a", "kill", "c", "d"]
    assert records[1].error["type"] == WORKER_LOST
    assert all(r.error is None or r.error["type"] == WORKER_LOST for r in records)
    assert records[-1].error is None  # the run went on after the loss
    assert any("Dask partition" in m for m in messages)


# --- --doc-timeout -------------------------------------------------------------------------------


class SlowExtractor(FakeExtractor):
    """Spins (in Python, as a runaway stage would) on a document whose text says `slow`."""

    def pipe(self, items, batch_size=64, published=None, facts=None):
        for source in items:
            if "slow" in source.text:
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline:
                    pass
            yield from super().pipe([source], batch_size, published)


def write_batch(folder: Path) -> list[str]:
    folder.mkdir(exist_ok=True)
    for name, text in (("a", ARTICLE), ("slow", "slow " + ARTICLE), ("c", ARTICLE)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return [str(folder / f"{name}.txt") for name in ("a", "slow", "c")]


def check_timeout_records(records: list[Document]) -> None:
    assert sorted(r.id for r in records) == ["a", "c", "slow"]
    by_id = {r.id: r for r in records}
    assert by_id["a"].error is None and by_id["c"].error is None
    assert by_id["slow"].error["type"] == TIMEOUT and "--doc-timeout" in by_id["slow"].error["message"]
    assert by_id["slow"].sha256 is not None  # --resume skips it, as it does other documents that cannot be read


def test_a_document_over_its_time_budget_becomes_a_timeout_record(tmp_path):
    started = time.monotonic()
    records = extract_batch(SlowExtractor(), write_batch(tmp_path / "in"), RunOptions(doc_timeout=0.1))
    check_timeout_records(records)
    assert time.monotonic() - started < 10


def test_the_time_budget_holds_in_a_worker_thread_too(tmp_path):
    """A Dask worker runs documents in threads, where no alarm reaches: a watchdog thread does the same."""
    paths = write_batch(tmp_path / "in")
    result: dict = {}
    options = RunOptions(doc_timeout=0.1)
    thread = threading.Thread(target=lambda: result.update(records=extract_batch(SlowExtractor(), paths, options)))
    started = time.monotonic()
    thread.start()
    thread.join(20)
    assert not thread.is_alive()
    check_timeout_records(result["records"])
    assert time.monotonic() - started < 10


def test_the_cli_doc_timeout_option(tmp_path, monkeypatch, capsys):
    import pipeline.extractor

    monkeypatch.setattr(pipeline.extractor, "Extractor", SlowExtractor)
    write_batch(tmp_path / "in")
    output = tmp_path / "out.jsonl"
    assert main(["run", str(tmp_path / "in"), "-o", str(output), "--doc-timeout", "0.1", "-q"]) == EXIT_DOCUMENT_ERRORS
    records = [Document.from_dict(json.loads(line)) for line in output.read_text(encoding="utf-8").splitlines()]
    check_timeout_records(records)
    assert f"slow.txt: {TIMEOUT}:" in capsys.readouterr().err
