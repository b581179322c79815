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
