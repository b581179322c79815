"""The checks `evaluate` runs on its two files before scoring (issue 18, point 16): pipeline/validate.py.

Every problem comes back as one line naming the file, the line and the id; nothing raises on the
content of a file.
"""

import json

from pipeline.model import Document, Entity
from pipeline.validate import (
    gold_problems,
    prediction_problems,
    read_checked_jsonl,
    text_problems,
    without_text_problems,
)

TEXT = "Emmanuel Macron a annoncé 109 milliards d'euros à Paris."


def entity(start, end, label="LOC", text=None, **fields):
    return {"start": start, "end": end, "label": label, "text": TEXT[start:end] if text is None else text, **fields}


WHOLE = ((0, len(TEXT)),)


def record(doc_id, *entities, content=WHOLE):
    return {
        "id": doc_id,
        "path": None,
        "sha256": None,
        "published": None,
        "content": [list(c) for c in content],
        "entities": list(entities),
        "error": None,
    }


def write_lines(path, *lines):
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines))
    return path


def test_a_clean_file_has_no_problem(tmp_path):
    path = write_lines(tmp_path / "p.jsonl", record("a", entity(0, 15, "PER"), entity(50, 55)))
    checked = read_checked_jsonl(path)
    assert checked.problems == [] and checked.lines == {"a": 1}
    assert [(e.start, e.end, e.label) for e in checked.documents[0].entities] == [(0, 15, "PER"), (50, 55, "LOC")]


def test_every_bad_line_and_entity_is_reported_with_its_line_and_left_out(tmp_path):
    path = write_lines(
        tmp_path / "p.jsonl",
        record("a", entity(0, 15, "PER")),
        "{not json",
        "[1, 2]",
        record("", entity(0, 15, "PER")),
        record("a", entity(0, 15, "PER")),
        record(
            "b",
            entity(0, 15, "PER"),
            {**entity(0, 15, "PER"), "start": "0", "end": "15"},
            entity(-3, 4),
            entity(5, 5),
            entity(0, 15, "PERSON"),
            {**entity(0, 15, "PER"), "start": 0.0},
            entity(0, 15, "PER", text=None) | {"text": 7},
        ),
        '{"id": "c", "entities": [], "content": [], "value": NaN}',
    )
    checked = read_checked_jsonl(path)
    assert [d.id for d in checked.documents] == ["a", "b"]
    assert [(e.start, e.end) for e in checked.documents[1].entities] == [(0, 15)]
    expected = [
        f"{path}:2: not JSON",
        f"{path}:3: a JSON list, not a record",
        f"{path}:4: a record without an id",
        f"{path}:5: id a: the id is already at line 1",
        f"{path}:6: id b: entity 1: offsets must be whole numbers, not '0' and '15'",
        f"{path}:6: id b: entity 2: offsets [-3, 4) are negative or empty",
        f"{path}:6: id b: entity 3: offsets [5, 5) are negative or empty",
        f"{path}:6: id b: entity 4: unknown label 'PERSON'",
        f"{path}:6: id b: entity 5: offsets must be whole numbers, not 0.0 and 15",
        f"{path}:6: id b: entity 6: text must be a string, not 7",
        f"{path}:7: not JSON (NaN is not JSON)",
    ]
    assert len(checked.problems) == len(expected)
    for problem, start in zip(checked.problems, expected, strict=True):
        assert problem.startswith(start), (problem, start)


def test_an_empty_file_is_a_problem(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text("\n")
    checked = read_checked_jsonl(path)
    assert checked.documents == [] and checked.problems == [f"{path}: no predictions records (an empty file?)"]


def test_wrong_normalised_fields_are_reported_and_the_entity_kept(tmp_path):
    money = entity(26, 47, "MONEY", value=109e9, min=None, max=None, currency="EURO", currency_inferred=False)
    money.update(qualifier=None, vague=False)
    path = write_lines(tmp_path / "p.jsonl", record("a", money))
    checked = read_checked_jsonl(path)
    assert len(checked.documents[0].entities) == 1
    expected = f"{path}:1: id a: MONEY \"109 milliards d'euros\" at 26: currency 'EURO' is not an ISO 4217 code"
    assert checked.problems == [expected]


def test_predictions_are_checked_against_the_gold_and_the_texts(tmp_path):
    gold = [Document("a", content=[(0, len(TEXT))]), Document("b"), Document("g")]
    pred = [
        Document(
            "a",
            content=[(0, 90)],
            entities=[
                Entity(0, 15, "PER", "Emmanuel Macron"),
                Entity(0, 8, "PER", "Macron"),
                Entity(50, 99, "LOC", "Paris"),
            ],
        ),
        Document("b"),
        Document("zz"),
    ]
    problems = prediction_problems(gold, pred, {"a": TEXT}, lines={"a": 1, "b": 2, "zz": 3}, path="p.jsonl")
    assert problems == [
        f"p.jsonl:1: id a: content range [0, 90) runs past the end of the text ({len(TEXT)} characters)",
        "p.jsonl:1: id a: PER 'Macron' at [0, 8) is not the text there: 'Emmanuel'",
        f"p.jsonl:1: id a: LOC 'Paris' at [50, 99) runs past the end of the text ({len(TEXT)} characters)",
        "p.jsonl:3: id zz: not a document of the gold set (unknown id)",
        "p.jsonl: no prediction for the gold document g (scored as all missed)",
    ]
    assert prediction_problems(gold, [], {}, path="p.jsonl")[0] == "p.jsonl: no prediction records"


def test_gold_offsets_are_checked_against_the_texts():
    gold = [Document("a", content=[(0, len(TEXT))], entities=[Entity(50, 70, "LOC", "Paris.")])]
    assert gold_problems(gold, {"a": TEXT}, lines={"a": 4}, path="gold.jsonl") == [
        f"gold.jsonl:4: id a: LOC 'Paris.' at [50, 70) runs past the end of the text ({len(TEXT)} characters)"
    ]
    assert gold_problems(gold, {}) == []  # the text is not at hand: nothing to check offsets against


def test_what_can_be_scored_keeps_the_entities_that_fit_the_text():
    document = Document(
        "a",
        content=[(0, len(TEXT)), (60, 70)],
        entities=[Entity(0, 15, "PER", "Emmanuel Macron"), Entity(0, 8, "PER", "Macron"), Entity(50, 99, "LOC", "x")],
    )
    kept = without_text_problems(document, TEXT)
    assert [e.text for e in kept.entities] == ["Emmanuel Macron"] and kept.content == [(0, len(TEXT))]
    assert len(text_problems(document, TEXT)) == 3
    assert without_text_problems(document, None) is document


def test_currency_codes_are_checked_against_iso_4217_not_a_library_table():
    from pipeline.validate import iso_4217_codes

    codes = iso_4217_codes()
    assert {"EUR", "CHF", "XOF", "XAF", "FRF"} <= codes
    assert "RMB" not in codes and "NTD" not in codes  # common names, not ISO 4217 codes
