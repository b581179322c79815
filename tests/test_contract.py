"""The output contract on every seed: offsets, order, content, schema, CLI = library."""

import json
from importlib import resources

import pytest
from conftest import SEEDS

from pipeline.validate import record_problems

SEED_IDS = [path.stem for path in SEEDS]


@pytest.fixture(scope="module")
def schema_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(resources.files("pipeline").joinpath("record.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_every_entity_text_is_the_raw_text_at_its_offsets(seed_records, doc_id):
    source, doc = seed_records[doc_id]
    assert doc.entities, "the seeds all name people, places and amounts"
    for entity in doc.entities:
        assert source.text[entity.start : entity.end] == entity.text


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_entities_are_sorted_non_overlapping_and_inside_content(seed_records, doc_id):
    source, doc = seed_records[doc_id]
    assert record_problems(doc, source.text) == []


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_records_follow_the_json_schema(seed_records, schema_validator, doc_id):
    _, doc = seed_records[doc_id]
    errors = sorted(schema_validator.iter_errors(json.loads(doc.to_json())), key=str)
    assert errors == []


def test_the_schema_rejects_a_money_entity_without_its_fields(schema_validator):
    record = {
        "id": "x",
        "path": None,
        "sha256": None,
        "published": None,
        "content": [[0, 9]],
        "error": None,
        "entities": [{"start": 0, "end": 9, "label": "MONEY", "text": "5 euros", "source": "rules"}],
    }
    assert list(schema_validator.iter_errors(record))


def test_library_record_equals_the_cli_record(extractor, tmp_path):
    from pipeline.cli import main

    seed = SEEDS[0]
    output = tmp_path / "out.jsonl"
    assert main(["run", str(seed), "-o", str(output), "--quiet"]) == 0
    (cli_record,) = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    text = seed.read_text(encoding="utf-8")
    library_record = extractor.extract(text, doc_id=seed.stem, path=str(seed)).to_dict()
    assert library_record == cli_record
