"""Seed regression tests: sentences taken from the five seed documents (seeds/*.txt).

Every sentence, heading and page line in this file comes from the seeds the rules were developed beside,
copied or closely paraphrased. These tests guard against regressions on those texts and prove nothing
about generalisation: a rule that passes here may still fail on any other article. The other test files
use fresh sentences only; write new rule tests there, not here.

Each case keeps the assertion it had in the test file it was moved from (named in each section).
"""

from __future__ import annotations

import pytest
from conftest import SEEDS
from test_boilerplate import PARAGRAPHS, assert_article, content_ranges
from test_boilerplate import page as boilerplate_page
from test_dates import dates
from test_dates_component import dates_of, run
from test_evaluate import doc, ent
from test_money import found as money_found
from test_money import money, percent
from test_names import cleaned, found, names
from test_published import BODY, page

from pipeline.dates import find_dates, resolve_date
from pipeline.model import NORM_FIELDS
from pipeline.money import find_money, parse_amount, parse_digits
from pipeline.published import find_published
from pipeline.scoring import evaluate_documents

# ============================================================================ money (from test_money.py)

# (sentence, every entity expected in it, in order)
MONEY_CASES = [
    ("Il a proposé 97,4 milliards de dollars.", [money("97,4 milliards de dollars", 97400000000, "USD")]),
    ("Iliad investit trois milliards d’euros.", [money("trois milliards d’euros", 3000000000)]),
    ("Trois milliards d'euros seront consacrés à l'IA.", [money("Trois milliards d'euros", 3000000000)]),
    ("Paris annonce 109 milliards d'euros.", [money("109 milliards d'euros", 109000000000)]),
    ("Paris annonce 109 milliards d’euros.", [money("109 milliards d’euros", 109000000000)]),
    ("200 Milliards d’Euros pour une IA européenne", [money("200 Milliards d’Euros", 200000000000)]),
    ("109 MILLIARDS D'EUROS POUR L'IA", [money("109 MILLIARDS D'EUROS", 109000000000)]),
    (
        "Un investissement entre 30 et 50 milliards d'euros.",
        [money("entre 30 et 50 milliards d'euros", low=30000000000, high=50000000000)],
    ),
    (
        "Un investissement compris entre 30 et 50 milliards d'euros.",
        [money("entre 30 et 50 milliards d'euros", low=30000000000, high=50000000000)],
    ),
    (
        "Une part conséquente, environ 50 milliards d’euros, viendra des Émirats.",
        [money("50 milliards d’euros", 50000000000, qualifier="approx")],
    ),
    (
        "Bpifrance veut investir jusqu'à 10 milliards d'euros.",
        [money("10 milliards d'euros", 10000000000, qualifier="max")],
    ),
    (
        "Bpifrance veut investir jusqu’à 10 milliards d’euros.",
        [money("10 milliards d’euros", 10000000000, qualifier="max")],
    ),
    ("Il investit à hauteur de 109 milliards d'euros.", [money("109 milliards d'euros", 109000000000)]),
    (
        "Brookfield prévoit d'investir 20 milliards d’euros. Sur cette somme, 15 milliards sont destinés à Data4.",
        [money("20 milliards d’euros", 20000000000), money("15 milliards", 15000000000, inferred=True)],
    ),
    (
        "Le fonds apporte 20 milliards d’euros. Les cinq milliards restants iront à l'énergie.",
        [money("20 milliards d’euros", 20000000000), money("cinq milliards", 5000000000, inferred=True)],
    ),
    (
        "OpenAI veut lever 40 milliards de dollars pour atteindre une valorisation de 300 milliards.",
        [
            money("40 milliards de dollars", 40000000000, "USD"),
            money("300 milliards", 300000000000, "USD", inferred=True),
        ],
    ),
    (
        "La Commission apporte 50 milliards d'euros, dont un fonds de 20 milliards pour les gigafactories.",
        [money("50 milliards d'euros", 50000000000), money("20 milliards", 20000000000, inferred=True)],
    ),
    ("La France a annoncé 109 milliards d'investissements.", [money("109 milliards", 109000000000, None)]),
    ("Mistral AI va investir plusieurs milliards d’euros.", [money("plusieurs milliards d’euros", vague=True)]),
    ("Milliards d'euros d'investissements : ce qu'il faut retenir", [money("Milliards d'euros", vague=True)]),
    ("25% de cette enveloppe proviendront du budget.", [percent("25%", 25)]),
    ("Le sommet réunit 1.500 personnes à Paris.", []),
    ("Les gigafactories auront environ 100 000 puces d'IA.", []),
    ("Le site couvre 1 200 hectares.", []),
    ("De quoi alimenter des dizaines de milliers de foyers.", []),
    # An order of magnitude with no number is no amount (the seed-only headline rule is gone, see GUIDELINES D7).
    ("Investissements en milliards, IA ouverte : le résumé.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), MONEY_CASES, ids=[case[0][:60] for case in MONEY_CASES])
def test_money_amounts_in_seed_sentence(sentence, expected):
    assert money_found(sentence) == expected


def test_money_a_year_ending_a_line_is_not_the_number_of_the_heading_below():
    text = "11 février 2025\nMilliards d'euros d'investissements"
    assert money_found(text) == [money("Milliards d'euros", vague=True)]


def test_money_boilerplate_replaced_by_spaces_keeps_offsets():
    text = " " * 40 + "\n" + "Paris annonce 109 milliards d’euros." + " " * 30
    (entity,) = find_money(text)
    assert entity.start == 55 and entity.text == "109 milliards d’euros"


def test_money_inferred_currency_is_the_nearest_explicit_one_before():
    text = "Stargate vise 500 milliards de dollars. L'Europe promet 200 milliards d'euros, dont 50 milliards publics."
    assert money_found(text)[-1] == money("50 milliards", 50000000000, "EUR", inferred=True)


@pytest.mark.parametrize(
    ("expression", "fields"),
    [
        ("97,4 milliards de dollars", {"value": 97400000000, "currency": "USD"}),
        ("entre 30 et 50 milliards d'euros", {"min": 30000000000, "max": 50000000000, "currency": "EUR"}),
        ("environ 59 milliards d’euros", {"value": 59000000000, "currency": "EUR", "qualifier": "approx"}),
        ("  200 Milliards d’Euros ", {"value": 200000000000, "currency": "EUR"}),
    ],
)
def test_money_parse_amount(expression, fields):
    expected = dict(NORM_FIELDS["MONEY"]) | fields
    parsed = parse_amount(expression)
    assert {name: value for name, value in parsed.items() if name != "currency_evidence"} == expected


def test_money_offsets_point_into_the_text():
    text = "Titre\n\nLe fonds apporte 20 milliards d’euros."
    (entity,) = find_money(text)
    assert (entity.start, entity.end) == (24, 44)
    assert text[entity.start : entity.end] == entity.text
    assert entity.source == "rules"


def test_money_values_are_exact():
    assert parse_amount("97,4 milliards")["value"] == 97400000000


def test_money_parse_digits():
    assert float(parse_digits("97,4")) == 97.4


# ---------------------------------------------------------------------------- money (from test_money_component.py)

COMPONENT_SENTENCE = "Il a proposé 97,4 milliards de dollars le 10 février 2025."


def test_money_component_blank_pipeline_finds_the_amount(money_blank):
    doc = money_blank(COMPONENT_SENTENCE)
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("97,4 milliards de dollars", "MONEY")]
    assert doc.ents[0]._.norm == {
        "value": 97400000000,
        "min": None,
        "max": None,
        "currency": "USD",
        "currency_inferred": False,
        "qualifier": None,
        "vague": False,
        "currency_evidence": "default",
    }


def test_money_component_blank_pipeline_keeps_qualifier_outside(money_blank):
    doc = money_blank("Les fonds restants, environ 59 milliards d’euros, iront aux centres de données.")
    (ent,) = doc.ents
    assert ent.text == "59 milliards d’euros"
    assert ent._.norm["qualifier"] == "approx"
    assert ent._.norm["currency"] == "EUR"


def test_money_component_blank_pipeline_range_is_one_span(money_blank):
    doc = money_blank("Un investissement compris entre 30 et 50 milliards d'euros.")
    (ent,) = doc.ents
    assert ent.text == "entre 30 et 50 milliards d'euros"
    assert (ent._.norm["min"], ent._.norm["max"], ent._.norm["value"]) == (30000000000, 50000000000, None)


def test_money_component_blank_pipeline_infers_currency_from_context(money_blank):
    doc = money_blank("Brookfield investit 20 milliards d’euros. Sur cette somme, 15 milliards sont destinés à Data4.")
    assert [(ent.text, ent._.norm["currency"], ent._.norm["currency_inferred"]) for ent in doc.ents] == [
        ("20 milliards d’euros", "EUR", False),
        ("15 milliards", "EUR", True),
    ]


def test_money_component_model_pipeline_finds_the_amount(money_model):
    doc = money_model(COMPONENT_SENTENCE)
    money = [ent for ent in doc.ents if ent.label_ == "MONEY"]
    assert [ent.text for ent in money] == ["97,4 milliards de dollars"]
    assert money[0]._.norm["value"] == 97400000000
    assert money[0]._.norm["currency"] == "USD"


def test_money_component_model_pipeline_keeps_model_entities_elsewhere(money_model):
    doc = money_model("Emmanuel Macron a annoncé 109 milliards d’euros pour l'IA.")
    labels = {ent.text: ent.label_ for ent in doc.ents}
    assert labels["109 milliards d’euros"] == "MONEY"
    assert labels["Emmanuel Macron"] == "PER"


def test_money_component_model_pipeline_amount_wins_over_an_overlapping_model_entity(money_model):
    sentence, amount, model_guess = (
        "La BCE a débloqué 200 Milliards d’Euros pour l’Europe.",
        "200 Milliards d’Euros",
        "Euros",
    )
    with money_model.select_pipes(disable=["fr_money"]):
        assert model_guess in [ent.text for ent in money_model(sentence).ents]
    doc = money_model(sentence)
    texts = [(ent.text, ent.label_) for ent in doc.ents]
    assert (amount, "MONEY") in texts
    assert all(text != model_guess for text, _ in texts)


# ============================================================================ dates (from test_dates.py)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Le dimanche 9 février, le président a parlé.", "2025-02", [("dimanche 9 février", "2025-02-09")]),
        ("Le premier sommet s'est tenu en juin 2023 à Londres.", None, [("juin 2023", "2023-06")]),
        ("Il avait cofondé l'entreprise avant de la quitter en 2018.", None, [("2018", "2018")]),
        ("Bpifrance investira 10 milliards d'euros d'ici à 2029.", None, [("2029", "2029")]),
        ("Les sites seront reliés au réseau d'ici 2027.", None, [("2027", "2027")]),
        (
            "Lundi 10 et mardi 11 février, Paris a accueilli le sommet.",
            "2025-02-11",
            [("Lundi 10 et mardi 11 février", "2025-02-10/2025-02-11")],
        ),
        (
            "Le sommet se tient à Paris les 10 et 11 février.",
            "2025-02",
            [("10 et 11 février", "2025-02-10/2025-02-11")],
        ),
        ("61 pays ont annoncé ce mardi 11 février une déclaration.", None, [("mardi 11 février", "XXXX-02-11")]),
        ("Le sommet s'est tenu cette semaine à Paris.", "2025-02-12", [("cette semaine", "2025-W07")]),
        ("La loi est entrée en vigueur l'année dernière.", "2025-02-12", [("année dernière", "2024")]),
        (
            "Dimanche, dans un entretien diffusé sur France 2, Emmanuel Macron a officialisé le plan.",
            "2025-02-12",
            [("Dimanche", "2025-02-09")],
        ),
        ("Lundi, le président a promis d'accélérer.", "2025-02", [("Lundi", "XXXX-WXX-1")]),
        ("Le projet Stargate, annoncé en janvier par OpenAI, vise 500 milliards.", "2025-02", [("janvier", "2025-01")]),
        (
            "Bpifrance investira d’ici à\u00a02029, comme l’année dernière.",
            "2025-02-12",
            [("2029", "2029"), ("année dernière", "2024")],
        ),
    ],
    ids=[
        "weekday-day-month", "month-year", "en", "d-ici-a", "d-ici", "weekdays-and-days", "les-10-et-11",
        "demonstrative-before-a-date", "cette-semaine", "annee-derniere", "weekday-past-clause",
        "weekday-month-published", "month-past-clause", "typographic-apostrophes",
    ],
)  # fmt: skip
def test_dates_in_seed_sentence(text, published, expected):
    assert dates(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Le projet vise à déployer 500 milliards de dollars en quatre ans.", "2025-02-12"),
        ("Ils investiront 2,5 milliards d'euros dans les cinq ans à venir.", "2025-02-12"),
        ("Les investissements privés pour les prochaines années.", "2025-02-12"),
        ("Mistral AI est devenu le fleuron français en moins de 2 ans.", "2025-02-12"),
        ("Ils prévoient d'investir 500 milliards de dollars d'ici à quatre ans.", "2025-02-12"),
        ("La cathédrale a été restaurée en cinq ans.", "2025-02-12"),
        ("Elon Musk a fait une annonce fracassante cette nuit.", "2025-02-12"),
        ("Le sommet réunissait 1.500 personnes à Paris.", None),
        ("L'initiative veut harmoniser plus de 100 lois.", None),
    ],
    ids=[
        "quatre-ans", "cinq-ans-a-venir", "prochaines-annees", "moins-de-2-ans", "d-ici-a-quatre-ans",
        "en-cinq-ans", "cette-nuit", "1.500", "100-lois",
    ],
)  # fmt: skip
def test_dates_no_date_in_seed_sentence(text, published):
    assert dates(text, published) == []


def test_dates_a_weekday_alone_is_read_from_the_last_date_of_the_text():
    text = (
        "Le dimanche 9 février, le président a annoncé des investissements.\n"
        "Le sommet se tient à Paris les 10 et 11 février.\n"
        "Lundi, le président a promis d'accélérer. Il avait parlé dimanche sur France 2."
    )
    assert dates(text, "2025-02") == [
        ("dimanche 9 février", "2025-02-09"),
        ("10 et 11 février", "2025-02-10/2025-02-11"),
        ("Lundi", "2025-02-10"),
        ("dimanche", "2025-02-09"),
    ]


def test_dates_a_span_never_crosses_a_line_break():
    assert dates("Le sommet se tient le 10\nfévrier à Paris.", "2025-02-12") == []
    assert dates("Lundi 10 et\nmardi 11 février", "2025-02-12") == [
        ("Lundi 10", "2025-02-10"),
        ("mardi 11 février", "2025-02-11"),
    ]


@pytest.mark.parametrize(
    ("expression", "published", "value"),
    [
        ("dimanche 9 février", "2025-02", "2025-02-09"),
        ("les 10 et 11 février", "2025-02", "2025-02-10/2025-02-11"),
    ],
)
def test_dates_resolve_date_values_one_expression(expression, published, value):
    assert resolve_date(expression, published) == value


@pytest.mark.parametrize("path", SEEDS, ids=lambda path: path.stem)
def test_dates_every_seed_yields_well_formed_dates(path):
    text = path.read_text(encoding="utf-8-sig")
    entities = find_dates(text, "2025-02")
    assert entities
    for entity in entities:
        assert text[entity.start : entity.end] == entity.text
        assert "\n" not in entity.text


# ---------------------------------------------------------------------------- dates (from test_dates_component.py)

COMPONENT_TEXT = (
    "Le dimanche 9 février, Emmanuel Macron a annoncé 109 milliards d'euros sur France 2. "
    "Le sommet se tient à Paris les 10 et 11 février. Lundi, le président a promis d'accélérer."
)


def test_dates_component_published_set_before_the_component_resolves_values(dates_blank):
    doc = run(dates_blank, COMPONENT_TEXT, published="2025-02")
    assert dates_of(doc) == [
        ("dimanche 9 février", "2025-02-09"),
        ("10 et 11 février", "2025-02-10/2025-02-11"),
        ("Lundi", "2025-02-10"),
    ]


def test_dates_component_published_not_set_leaves_placeholders(dates_blank):
    doc = dates_blank("Le sommet se tient à Paris les 10 et 11 février. Lundi, le président a parlé.")
    assert dates_of(doc) == [("10 et 11 février", "XXXX-02-10/XXXX-02-11"), ("Lundi", "XXXX-WXX-1")]


def test_dates_component_each_span_carries_its_norm_and_the_date_label(dates_blank):
    doc = run(dates_blank, "Le premier sommet s'est tenu en juin 2023 à Londres.")
    assert [(span.text, span.label_, span._.norm) for span in doc.ents] == [("juin 2023", "DATE", {"value": "2023-06"})]


def test_dates_component_with_the_model_dates_win_and_names_stay(dates_model):
    doc = run(dates_model, COMPONENT_TEXT, published="2025-02")
    assert dates_of(doc) == [
        ("dimanche 9 février", "2025-02-09"),
        ("10 et 11 février", "2025-02-10/2025-02-11"),
        ("Lundi", "2025-02-10"),
    ]
    names = {(span.text, span.label_) for span in doc.ents if span.label_ != "DATE"}
    assert ("Emmanuel Macron", "PER") in names
    assert ("Paris", "LOC") in names
    dates = [span for span in doc.ents if span.label_ == "DATE"]
    for span in doc.ents:
        if span.label_ != "DATE":
            assert not any(span.start < date.end and date.start < span.end for date in dates)


def test_dates_component_with_the_model_unpublished_dates_keep_placeholders(dates_model):
    doc = dates_model("Le Business Day se tient ce mardi 11 février à Station F.")
    assert dates_of(doc) == [("mardi 11 février", "XXXX-02-11")]


# ============================================================================ names (from test_names.py)


def test_names_a_company_and_the_white_house_are_two_names(names_nlp):
    assert names(names_nlp, "Le projet a été annoncé par Nvidia et SoftBank à la Maison Blanche mardi.") == [
        ("Nvidia", "ORG"),
        ("SoftBank", "ORG"),
        ("Maison Blanche", "LOC"),
    ]


def test_names_an_operator_keeps_the_model_out_of_its_name(names_nlp):
    assert names(names_nlp, "Le géant américain Equinix et l'opérateur Nexora ouvrent un site à Marseille.") == [
        ("Equinix", "ORG"),
        ("Nexora", "ORG"),
        ("Marseille", "LOC"),
    ]


def test_names_no_name_crosses_a_line_break(names_nlp):
    text = "Un Sommet Marathon pour l'Intelligence Artificielle\n\nLundi 10 et mardi 11 mars, Lyon accueille le salon."
    assert all("\n" not in e.text for e in found(names_nlp, text))


def test_names_quotation_marks_are_trimmed():
    assert cleaned("Le projet « Stargate » avance.", ("« Stargate »", "MISC", "model")) == [("Stargate", "MISC")]


def test_names_a_seat_after_a_place_preposition_is_a_place():
    assert cleaned("Les patrons réunis à l'Élysée ont signé.", ("Élysée", "ORG", "patterns")) == [("Élysée", "LOC")]


def test_names_a_seat_that_acts_is_an_organisation():
    assert cleaned("L'Élysée a précisé sa position.", ("Élysée", "LOC", "model")) == [("Élysée", "ORG")]


def test_names_model_names_of_a_title_case_heading_need_a_second_mention():
    text = "Investissements Colossaux en France, Focus sur les Centres de Données\nLe plan vise la France."
    entities = [
        ("Investissements Colossaux", "ORG", "model"),
        ("France", "LOC", "model"),
        ("Centres de Données", "MISC", "model"),
        ("France", "LOC", "model"),
    ]
    assert cleaned(text, *entities) == [("France", "LOC"), ("France", "LOC")]


def test_names_a_name_used_as_a_common_noun_is_dropped():
    assert cleaned("Il rêve d'un CERN pour l'IA.", ("CERN", "ORG", "patterns")) == []


# ============================================================================ boilerplate (from test_boilerplate.py)


def test_boilerplate_a_reader_poll_glued_to_the_last_sentence_is_cut_off():
    last = "Les aides seront versées avant l'été, a précisé la région."
    poll = "Quel est votre avis sur le sujet ?Ce plan vous paraît-il suffisant ?"
    text = boilerplate_page(PARAGRAPHS[0], PARAGRAPHS[1], last + poll)
    ranges = content_ranges(text)
    assert_article(text, [PARAGRAPHS[0], PARAGRAPHS[1], last], [poll])
    assert ranges[-1][1] == text.index(poll)


# ============================================================================ published (from test_published.py)


def test_published_an_english_dateline_on_the_first_line():
    assert find_published(page("12 February 2025", "Temps de lecture : 2 min", BODY)) == "2025-02-12"


def test_published_a_byline_with_the_date_glued_to_the_authors_name():
    text = page("Le titre de l'article", "David DupontPar David Dupont11 février 2025", BODY)
    assert find_published(text) == "2025-02-11"


def test_published_a_scraper_header_gives_the_month():
    assert find_published(" date 2025-02 L'UE veut mobiliser 200 milliards d'euros\n\n" + BODY) == "2025-02"


def test_published_the_page_clock_is_not_a_publication_date():
    assert find_published(page("mardi 26 août - 18 h 20 min", "Accueil", "Un titre", BODY)) is None


def test_published_the_clock_is_skipped_and_the_byline_date_taken():
    text = page("mardi 26 août - 18 h 20 min", "Un titre", "Par Claire Martin - 11 février 2025", BODY)
    assert find_published(text) == "2025-02-11"


# ============================================================================ evaluate (from test_evaluate.py)


def test_evaluate_money_all_compares_currency_inferred_and_vague():
    text = "Sur cette somme, 15 milliards sont destinés à la France."
    gold = [ent(text, "15 milliards", "MONEY", value=15000000000, currency="EUR", currency_inferred=True)]
    pred = [ent(text, "15 milliards", "MONEY", value=15000000000, currency="EUR", currency_inferred=False)]
    report = evaluate_documents([doc("d", gold)], [doc("d", pred)], {"d": text})
    money = report["normalisation"]["MONEY"]
    assert (money["value"]["correct"], money["currency"]["correct"], money["all"]["correct"]) == (1, 1, 0)
    assert report["normalisation_errors"][0]["fields"] == {"currency_inferred": {"gold": True, "pred": False}}
