"""The gold set: compiled from its hand-written sources, and valid against the contract."""

import sys

import pytest
from conftest import ROOT, SEEDS, in_background

from pipeline.model import Document, read_jsonl
from pipeline.validate import record_problems

GOLD = ROOT / "gold" / "gold.jsonl"


# Started as the module is collected, so that it runs beside the other tests.
GOLD_CHECK = in_background(sys.executable, str(ROOT / "scripts" / "gold.py"), "check")


def test_gold_jsonl_is_up_to_date_with_its_sources():
    _, stderr = GOLD_CHECK.communicate(timeout=300)
    assert GOLD_CHECK.returncode == 0, stderr


def test_gold_has_one_record_per_seed():
    assert sorted(doc.id for doc in read_jsonl(GOLD)) == sorted(path.stem for path in SEEDS)


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_gold_record_is_valid(path):
    gold = {doc.id: doc for doc in read_jsonl(GOLD)}[path.stem]
    raw = path.read_bytes()
    assert record_problems(gold, raw.decode("utf-8"), raw) == []
    assert gold.content and gold.entities


def test_the_review_page_shows_values_and_greys_boilerplate():
    sys.path.insert(0, str(ROOT / "scripts"))
    from render_gold import render_document

    from pipeline.annotation import parse_marked

    marked = parse_marked(
        "---\nid: x\npublished: 2025-02\n---\n"
        "Menu\n⟦[Bpifrance]{ORG} investit [10 milliards d’euros]{MONEY value=10e9 currency=EUR}.⟧"
    )
    doc = Document(id="x", content=marked.content, entities=marked.entities)
    page = render_document(doc, marked.text)
    assert "MONEY 10000000000 EUR" in page
    assert '<div class="boilerplate">Menu\n</div>' in page
