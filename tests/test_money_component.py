"""The fr_money spaCy component: MONEY and PERCENT spans in doc.ents, fields on span._.norm."""

from __future__ import annotations

import pytest

import pipeline.components  # noqa: F401  (registers the factories when the entry points are not installed)

SENTENCE = "Le laboratoire a offert 12,6 milliards de dollars le 4 mars 2024."


def test_blank_pipeline_finds_the_amount(money_blank):
    doc = money_blank(SENTENCE)
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("12,6 milliards de dollars", "MONEY")]
    assert doc.ents[0]._.norm == {
        "value": 12600000000,
        "min": None,
        "max": None,
        "currency": "USD",
        "currency_inferred": False,
        "qualifier": None,
        "vague": False,
        # "dollars" with nothing on the page that names another dollar (Canada, Australia) is the US dollar.
        "currency_evidence": "default",
    }


def test_blank_pipeline_finds_percentages(money_blank):
    doc = money_blank("Une hausse de 8,5 % et 25% des fonds.")
    assert [(ent.text, ent.label_, ent._.norm) for ent in doc.ents] == [
        ("8,5 %", "PERCENT", {"value": 8.5}),
        ("25%", "PERCENT", {"value": 25}),
    ]


def test_blank_pipeline_keeps_qualifier_outside(money_blank):
    doc = money_blank("La commune touchera environ 14 millions d’euros, selon le préfet.")
    (ent,) = doc.ents
    assert ent.text == "14 millions d’euros"
    assert ent._.norm["qualifier"] == "approx"
    assert ent._.norm["currency"] == "EUR"


def test_blank_pipeline_range_is_one_span(money_blank):
    doc = money_blank("Le chantier coûtera entre 8 et 11 millions d'euros.")
    (ent,) = doc.ents
    assert ent.text == "entre 8 et 11 millions d'euros"
    assert (ent._.norm["min"], ent._.norm["max"], ent._.norm["value"]) == (8000000, 11000000, None)


def test_blank_pipeline_infers_currency_from_context(money_blank):
    doc = money_blank("Le club reçoit 8 millions d’euros. Sur ce montant, 5 millions iront au centre de formation.")
    assert [(ent.text, ent._.norm["currency"], ent._.norm["currency_inferred"]) for ent in doc.ents] == [
        ("8 millions d’euros", "EUR", False),
        ("5 millions", "EUR", True),
    ]


def test_model_pipeline_finds_the_amount(money_model):
    doc = money_model(SENTENCE)
    money = [ent for ent in doc.ents if ent.label_ == "MONEY"]
    assert [ent.text for ent in money] == ["12,6 milliards de dollars"]
    assert money[0]._.norm["value"] == 12600000000
    assert money[0]._.norm["currency"] == "USD"


def test_model_pipeline_keeps_model_entities_elsewhere(money_model):
    doc = money_model("Rachida Dati a annoncé 300 millions d’euros pour les musées.")
    labels = {ent.text: ent.label_ for ent in doc.ents}
    assert labels["300 millions d’euros"] == "MONEY"
    assert labels["Rachida Dati"] == "PER"


@pytest.mark.parametrize(
    ("sentence", "amount", "model_guess"),
    [
        ("Total : 30 millions de Livres Sterling.", "30 millions de Livres Sterling", "Livres Sterling"),
        ("Il a levé 1 milliard de Dollars US.", "1 milliard de Dollars US", "Dollars US"),
    ],
)
def test_model_pipeline_amount_wins_over_an_overlapping_model_entity(money_model, sentence, amount, model_guess):
    with money_model.select_pipes(disable=["fr_money"]):
        assert model_guess in [ent.text for ent in money_model(sentence).ents]
    doc = money_model(sentence)
    texts = [(ent.text, ent.label_) for ent in doc.ents]
    assert (amount, "MONEY") in texts
    assert all(text != model_guess for text, _ in texts)


def test_model_entities_without_norm_have_none(money_model):
    doc = money_model("Emmanuel Macron a parlé à Paris.")
    assert all(ent._.norm is None for ent in doc.ents)
