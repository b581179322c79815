"""The money facts stage on sentences written for these tests (none comes from the seeds or the gold pages).

Entities are given by hand, as the pipeline's other stages would give them, so that each test
checks the facts stage alone; the last tests run the whole Extractor with facts on.
"""

from __future__ import annotations

import json

import pytest

from pipeline.facts import money_sentences, sentence_ranges
from pipeline.model import PUBLISHED, Document, Entity

MONEY_FIELDS = ("value", "min", "max", "currency", "currency_inferred", "qualifier", "vague")


def entity(text: str, fragment: str, label: str, occurrence: int = 0, **norm) -> Entity:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(fragment, start + 1)
    if label == "MONEY":
        norm = {"value": None, "min": None, "max": None, "currency": "EUR", "currency_inferred": False,
                "qualifier": None, "vague": False, **norm}  # fmt: skip
    return Entity(start, start + len(fragment), label, fragment, source="rules", norm=norm)


def document(text: str, entities: list[Entity], published: str | None = "2026-03-02") -> Document:
    return Document(
        id="t",
        published=published,
        content=[(0, len(text))],
        entities=sorted(entities, key=lambda e: e.start),
        text=text,
    )


@pytest.fixture(scope="module")
def schema_validator():
    from importlib import resources

    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(resources.files("pipeline").joinpath("record.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema)


def only(facts, money):
    """The one fact of `facts` whose amount is written `money`."""
    (fact,) = [f for f in facts if f.money.text == money]
    return fact


def test_sentences_are_cut_at_end_punctuation_but_not_after_an_abbreviation():
    text = "M. Arnal a signé. La société Orbis lève 3 M€.Le reste suit"
    ranges = sentence_ranges(text, 0, len(text))
    assert [text[s:e] for s, e in ranges] == ["M. Arnal a signé.", "La société Orbis lève 3 M€.", "Le reste suit"]


def test_only_sentences_with_an_amount_are_kept():
    text = "Le salon ouvre demain.\nLa start-up Quilo lève 4 millions d'euros.\nIl fera beau."
    money = [entity(text, "4 millions d'euros", "MONEY", value=4e6)]
    assert [text[s:e] for s, e in money_sentences(text, [(0, len(text))], money)] == [
        "La start-up Quilo lève 4 millions d'euros."
    ]


def test_a_subject_raising_money_is_the_actor_of_a_fund_raising(facts_of):
    text = "La start-up nantaise Orvalis lève 8 millions d'euros pour ouvrir une usine près de Lille."
    (fact,) = facts_of(
        text,
        [
            entity(text, "Orvalis", "ORG"),
            entity(text, "8 millions d'euros", "MONEY", value=8e6),
            entity(text, "Lille", "LOC"),
        ],  # fmt: skip
    )
    assert (fact.actor.text, fact.kind) == ("Orvalis", "fund_raising")
    assert fact.purpose is not None and "usine" in fact.purpose.text
    assert fact.date == PUBLISHED
    assert fact.sentence.text == text and fact.rule


def test_the_agent_of_a_passive_is_the_actor(facts_of):
    text = "Trente millions d'euros seront investis par le groupe Ferval dans une nouvelle usine."
    (fact,) = facts_of(
        text, [entity(text, "Trente millions d'euros", "MONEY", value=3e7), entity(text, "Ferval", "ORG")]
    )
    assert (fact.actor.text, fact.kind) == ("Ferval", "investment")
    assert fact.purpose.text == "une nouvelle usine"


def test_an_investor_announced_by_its_subject_with_a_controlled_verb(facts_of):
    text = "Le fonds belge Sarval prévoit d'investir 120 millions d'euros en Espagne d'ici 2028."
    (fact,) = facts_of(
        text,
        [
            entity(text, "Sarval", "ORG"),
            entity(text, "120 millions d'euros", "MONEY", value=1.2e8),
            entity(text, "Espagne", "LOC"),
            entity(text, "2028", "DATE", value="2028"),
        ],  # fmt: skip
    )
    assert (fact.actor.text, fact.kind, fact.place.text) == ("Sarval", "investment", "Espagne")
    assert fact.date.value == "2028"


def test_respectively_gives_each_amount_the_party_of_its_rank(facts_of):
    text = "Alcora et Vintel investiront respectivement 10 et 20 millions d'euros dans le port."
    first, second = facts_of(
        text,
        [
            entity(text, "Alcora", "ORG"),
            entity(text, "Vintel", "ORG"),
            entity(text, "10", "MONEY", value=1e7, currency_inferred=True),
            entity(text, "20 millions d'euros", "MONEY", value=2e7),
        ],  # fmt: skip
    )
    assert (first.actor.text, second.actor.text) == ("Alcora", "Vintel")
    assert first.kind == second.kind == "investment"


def test_a_pronoun_refers_back_to_the_party_named_before(facts_of):
    text = "Le groupe Norlac a publié ses comptes. Il a réalisé un chiffre d'affaires de 3 milliards d'euros."
    (fact,) = facts_of(text, [entity(text, "Norlac", "ORG"), entity(text, "3 milliards d'euros", "MONEY", value=3e9)])
    assert (fact.actor.text, fact.kind) == ("Norlac", "revenue")


def test_a_group_with_examples_is_no_party(facts_of):
    text = "Plusieurs fonds, dont Arvel et Bricon, ont promis 5 milliards d'euros aux hôpitaux."
    (fact,) = facts_of(
        text,
        [
            entity(text, "Arvel", "ORG"),
            entity(text, "Bricon", "ORG"),
            entity(text, "5 milliards d'euros", "MONEY", value=5e9),
        ],  # fmt: skip
    )
    assert fact.actor is None


def test_a_share_moving_to_a_price_is_a_price_of_that_company(facts_of):
    text = "À la clôture, Derval a gagné 2,1 % à 12,40 euros."
    (fact,) = facts_of(
        text,
        [
            entity(text, "Derval", "ORG"),
            entity(text, "2,1 %", "PERCENT", value=2.1),
            entity(text, "12,40 euros", "MONEY", value=12.4),
        ],  # fmt: skip
    )
    assert (fact.actor.text, fact.kind) == ("Derval", "price")


def test_what_a_worker_earns_is_a_wage_with_no_party(facts_of):
    text = "Un soudeur qualifié touche environ 2 300 euros par mois dans la région."
    (fact,) = facts_of(text, [entity(text, "2 300 euros", "MONEY", value=2300, qualifier="approx")])
    assert (fact.actor, fact.kind) == (None, "wage")


def test_a_part_of_an_announced_sum_keeps_its_party(facts_of):
    text = (
        "La métropole de Brest consacrera 40 millions d'euros aux transports. "
        "Sur cette somme, 12 millions iront au tramway."
    )
    whole, part = facts_of(
        text,
        [
            entity(text, "Brest", "LOC"),
            entity(text, "40 millions d'euros", "MONEY", value=4e7),
            entity(text, "12 millions", "MONEY", value=1.2e7, currency_inferred=True),
        ],  # fmt: skip
    )
    assert whole.actor.text == part.actor.text == "Brest"
    assert part.rule.endswith("partitive")


def test_a_document_without_money_has_no_facts(facts_of):
    text = "Le maire de Brest a inauguré la ligne."
    assert facts_of(text, [entity(text, "Brest", "LOC")]) == []


def test_the_extractor_writes_facts_only_when_asked(extractor):
    text = "Lyon, 4 mars 2026 - Le groupe lyonnais Vantor a racheté la société Belmar pour 45 millions d'euros."
    without = extractor.extract(text, doc_id="x")
    assert without.facts is None and "facts" not in without.to_dict()
    record = next(extractor.pipe([("x", text)], facts=True)).to_dict()
    assert json.loads(json.dumps(record))["facts"], record
    for fact in record["facts"]:
        for name in ("money", "actor", "purpose", "place", "sentence"):
            span = fact[name]
            if span is not None:
                assert text[span["start"] : span["end"]] == span["text"]
        money = {(e["start"], e["end"]) for e in record["entities"] if e["label"] == "MONEY"}
        assert (fact["money"]["start"], fact["money"]["end"]) in money
    assert len(record["facts"]) == sum(1 for e in record["entities"] if e["label"] == "MONEY")


def test_records_with_facts_follow_the_schema(extractor, schema_validator):
    text = "La start-up Quilo lève 3 millions d'euros pour recruter vingt ingénieurs à Rennes."
    record = next(extractor.pipe([("q", text)], facts=True)).to_dict()
    schema_validator.validate(record)
    assert record["facts"][0]["kind"] == "fund_raising"
