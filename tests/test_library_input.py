"""The library checks what it is given, and the output is always strict JSON (issue 18, points 5 and 15)."""

import json
import math

import pytest

from pipeline.model import Document, Entity, is_too_large, json_number
from pipeline.money import find_money, find_money_with_warnings

ARTICLE = "Le groupe Orange a annoncé 2 milliards d'euros d'investissements à Rennes.\n"


def strict_loads(line: str):
    def refuse(constant):
        raise ValueError(f"{constant} is not JSON")

    return json.loads(line, parse_constant=refuse)


@pytest.mark.parametrize(
    ("text", "expected"),
    [(None, "not NoneType"), (b"Paris", "decode the bytes first"), (42, "not int"), (["Paris"], "not list")],
)
def test_extract_refuses_a_text_that_is_not_a_str_with_a_type_error_saying_what_is_expected(
    extractor, text, expected
):
    with pytest.raises(TypeError, match="text must be a str") as error:
        extractor.extract(text, doc_id="x")
    assert expected in str(error.value)


def test_extract_refuses_a_lone_surrogate_with_a_value_error_naming_its_offset(extractor):
    with pytest.raises(ValueError, match=r"lone surrogate \(U\+DCFF\) at offset 6"):
        extractor.extract("Paris \udcff Lyon", doc_id="x")


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("hier", "not an ISO date"),
        ("2025-13-45", "no month 13"),
        ("2025-02-30", "not a day of the calendar"),
        ("2025-2-3", "not an ISO date"),
        ("0000", "no year 0000"),
    ],
)
def test_extract_refuses_a_published_date_that_is_not_a_real_iso_date(extractor, published, expected):
    with pytest.raises(ValueError, match=expected):
        extractor.extract(ARTICLE, doc_id="x", published=published)


def test_extract_refuses_a_published_date_that_is_not_a_string(extractor):
    with pytest.raises(TypeError, match="published must be an ISO date string or None"):
        extractor.extract(ARTICLE, doc_id="x", published=20250212)


@pytest.mark.parametrize("published", [None, "2025", "2025-02", "2024-02-29"])
def test_real_iso_dates_are_accepted(extractor, published):
    assert extractor.extract(ARTICLE, doc_id="x", published=published).error is None


def test_extract_refuses_an_empty_or_non_string_id(extractor):
    with pytest.raises(ValueError, match="doc_id must not be empty"):
        extractor.extract(ARTICLE, doc_id="")
    with pytest.raises(TypeError, match="doc_id must be a str"):
        extractor.extract(ARTICLE, doc_id=7)


def test_pipe_turns_one_bad_item_into_an_error_record_and_goes_on(extractor):
    bad = [("b", None), ("c", b"bytes"), ("d", "x \ud800"), "not a pair", ("", ARTICLE)]
    items = [("a", ARTICLE), *bad, ("e", ARTICLE)]
    records = list(extractor.pipe(items))
    assert [r.id for r in records] == ["a", "b", "c", "d", "#4", "#5", "e"]
    assert records[0].error is None and records[0].entities
    assert records[6].error is None and records[6].entities == records[0].entities
    expected = ["TypeError", "TypeError", "ValueError", "TypeError", "ValueError"]
    assert [r.error["type"] for r in records[1:6]] == expected
    for record in records[1:6]:
        assert record.entities == [] and record.content == []
        strict_loads(record.to_json())


def test_pipe_refuses_a_bad_published_date_before_running_anything(extractor):
    with pytest.raises(ValueError, match="not a day of the calendar"):
        list(extractor.pipe([("a", ARTICLE)], published="2025-02-30"))


# --- strict JSON ------------------------------------------------------------------------------

TOO_LARGE = "Une dette de 1" + "0" * 400 + " euros, soit 1" + "0" * 400 + " %, et 3 000 euros."


def test_an_amount_too_large_for_a_float_is_found_and_written_as_null_with_a_warning():
    entities, warnings = find_money_with_warnings(TOO_LARGE)
    money = [e for e in entities if e.label == "MONEY"]
    assert [e.norm["value"] for e in money] == [None, 3000]
    assert money[0].text.startswith("1000") and money[0].text.endswith("euros")
    (percent,) = [e for e in entities if e.label == "PERCENT"]
    assert percent.norm["value"] is None
    assert len(warnings) == 2 and all("too large for a JSON number" in w for w in warnings)
    assert find_money(TOO_LARGE) == entities


def test_the_record_of_a_document_with_a_huge_amount_is_strict_json_and_says_why(extractor):
    record = extractor.extract(TOO_LARGE, doc_id="huge")
    line = record.to_json()
    parsed = strict_loads(line)
    assert "Infinity" not in line and "NaN" not in line
    assert any("too large for a JSON number" in warning for warning in parsed["warnings"])
    assert [e["value"] for e in parsed["entities"] if e["label"] == "MONEY"] == [None, 3000]


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), 10**400])
def test_a_number_with_no_finite_float_is_never_written(value):
    assert is_too_large(value) and json_number(value) is None


def test_writing_a_record_refuses_nan_and_infinity_whatever_slipped_in():
    entity = Entity(0, 5, "PERCENT", "5 %", source="rules", norm={"value": 5})
    document = Document("x", content=[(0, 5)], entities=[entity])
    assert strict_loads(document.to_json())["entities"][0]["value"] == 5
    entity.norm["value"] = float("nan")
    assert strict_loads(document.to_json())["entities"][0]["value"] is None  # json_number drops it
    document.error = {"type": "X", "message": math.inf}
    with pytest.raises(ValueError):
        document.to_json()
