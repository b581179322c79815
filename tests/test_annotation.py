import pytest

from pipeline.annotation import MarkupError, compile_marked, parse_marked

HEADER = "---\nid: x\npublished: 2025-02\n---\n"


def test_marks_are_removed_and_offsets_point_into_the_raw_text():
    marked = parse_marked(
        HEADER + "Menu\n⟦[Bpifrance]{ORG} investit [10 milliards d’euros]{MONEY value=10e9 currency=EUR}.⟧"
    )
    assert marked.text == "Menu\nBpifrance investit 10 milliards d’euros."
    assert marked.content == [(5, len(marked.text))]
    money = marked.entities[1]
    assert (money.start, money.end, money.text) == (24, 44, "10 milliards d’euros")
    assert money.norm["value"] == 10_000_000_000 and money.norm["currency"] == "EUR"
    assert money.norm["qualifier"] is None and money.norm["vague"] is False


def test_white_space_at_the_edges_of_a_content_region_is_trimmed():
    marked = parse_marked(HEADER + "⟦\n  Titre  \n⟧fin")
    assert marked.content == [(3, 8)]


def test_escaped_brackets_are_literal_text():
    assert parse_marked(HEADER + r"\[email\] ⟦ok⟧").text == "[email] ok"


def test_an_unknown_label_is_an_error_with_its_place():
    with pytest.raises(MarkupError, match="line 5.*unknown label 'PERSON'"):
        parse_marked(HEADER + "[Macron]{PERSON}")


def test_a_field_the_label_does_not_have_is_an_error():
    with pytest.raises(MarkupError, match="takes no field"):
        parse_marked(HEADER + "[Macron]{PER value=1}")


def test_compiling_against_a_different_seed_says_where_they_differ():
    with pytest.raises(MarkupError, match="differs from the seed at character 3"):
        compile_marked(HEADER + "⟦abcd⟧", "abcX", sha256="0" * 64)
