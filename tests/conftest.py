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


class FakeExtractor:
    """Stands for the model in tests about files, runs and outputs, not extraction: one plain record per text."""

    def __init__(self, *args, **kwargs):
        pass

    def pipe(self, items, batch_size=64, published=None):
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
