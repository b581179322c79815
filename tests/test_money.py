"""The money stage: French sentences in, exact MONEY / PERCENT spans and fields out."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model import NORM_FIELDS, OPTIONAL_FIELDS
from pipeline.money import find_money, parse_amount, parse_digits, parse_words


def money(text, value=None, currency="EUR", *, low=None, high=None, inferred=False, qualifier=None, vague=False):
    fields = {
        "value": value,
        "min": low,
        "max": high,
        "currency": currency,
        "currency_inferred": inferred,
        "qualifier": qualifier,
        "vague": vague,
    }
    return ("MONEY", text, fields)


def percent(text, value):
    return ("PERCENT", text, {"value": value})


def scored(norm):
    """The normalised fields the gold carries (currency_evidence is optional and never scored)."""
    return {name: value for name, value in norm.items() if name != "currency_evidence"}


def found(sentence):
    return [(e.label, e.text, scored(e.norm)) for e in find_money(sentence)]


# (sentence, every entity expected in it, in order)
CASES = [
    # Digits: thousands separated by a space, a no-break space, a narrow no-break space or a dot.
    ("Le contrat s'élève à 15 000 euros.", [money("15 000 euros", 15000)]),
    ("Une prime de 15\u00a0000 € a été versée.", [money("15\u00a0000 €", 15000)]),
    ("Une prime de 15\u202f000 € a été versée.", [money("15\u202f000 €", 15000)]),
    ("Il a payé 10.000 euros comptant.", [money("10.000 euros", 10000)]),
    ("Le loyer passe à 1 250,50 € par mois.", [money("1 250,50 €", 1250.5)]),
    ("Le devis atteint 1.250,50 euros.", [money("1.250,50 euros", 1250.5)]),
    ("Le ticket coûte 1,20 €.", [money("1,20 €", 1.2)]),
    ("Le litre de gazole est à 1,85 euro.", [money("1,85 euro", 1.85)]),
    ("L'État vend 12 500 000 € d'actifs.", [money("12 500 000 €", 12500000)]),
    ("Le fonds gère 2,5 milliards d’euros.", [money("2,5 milliards d’euros", 2500000000)]),
    ("La banque détient 2.5 milliards de dollars.", [money("2.5 milliards de dollars", 2500000000, "USD")]),
    ("Tokyo investit 5 000 milliards de yens.", [money("5 000 milliards de yens", 5000000000000, "JPY")]),
    # Numbers written in words.
    ("Quatre cents millions d'euros iront aux hôpitaux.", [money("Quatre cents millions d'euros", 400000000)]),
    ("Le budget atteint quarante-cinq millions d'euros.", [money("quarante-cinq millions d'euros", 45000000)]),
    ("Un don de deux cents mille euros.", [money("deux cents mille euros", 200000)]),
    ("Le club reçoit vingt et un millions d'euros.", [money("vingt et un millions d'euros", 21000000)]),
    ("Il obtient un milliard d'euros.", [money("un milliard d'euros", 1000000000)]),
    ("L'État débloque un milliard et demi d'euros.", [money("un milliard et demi d'euros", 1500000000)]),
    ("Un demi-milliard de dollars a été levé.", [money("Un demi-milliard de dollars", 500000000, "USD")]),
    ("Il a vendu sa société pour un euro symbolique.", [money("un euro", 1)]),
    # Symbols and codes, before or after the number, and compact magnitudes.
    ("Le rachat se fait à USD 5 millions.", [money("USD 5 millions", 5000000, "USD")]),
    ("Une vente à $5 millions.", [money("$5 millions", 5000000, "USD")]),
    ("Le billet vaut €100.", [money("€100", 100)]),
    ("Londres débloque £3 milliards.", [money("£3 milliards", 3000000000, "GBP")]),
    ("Le transfert coûte CHF 2,5 millions.", [money("CHF 2,5 millions", 2500000, "CHF")]),
    ("Il a payé 5 millions USD.", [money("5 millions USD", 5000000, "USD")]),
    ("Le devis est de 5 000 EUR.", [money("5 000 EUR", 5000)]),
    ("Il coûte 50 $ CAD au Québec.", [money("50 $ CAD", 50, "CAD")]),
    ("Il coûte 20 $CA au Québec.", [money("20 $CA", 20, "CAD")]),
    ("Un chiffre d'affaires de 6,2 M€.", [money("6,2 M€", 6200000)]),
    ("Un bénéfice net de 1,2 Md€.", [money("1,2 Md€", 1200000000)]),
    ("La société vaut 3 Mds €.", [money("3 Mds €", 3000000000)]),
    ("Un budget de 500 k€.", [money("500 k€", 500000)]),
    ("La start-up lève 20 M$.", [money("20 M$", 20000000, "USD")]),
    ("Un contrat de 10 millions de $.", [money("10 millions de $", 10000000, "USD")]),
    # Currency names with the adjectives that identify them.
    ("Il a levé 1 milliard de dollars américains.", [money("1 milliard de dollars américains", 1000000000, "USD")]),
    ("Un rachat à 30 millions de dollars canadiens.", [money("30 millions de dollars canadiens", 30000000, "CAD")]),
    (
        "Canberra dépense 4 milliards de dollars australiens.",
        [money("4 milliards de dollars australiens", 4000000000, "AUD")],
    ),
    (
        "Un prêt de 2 milliards de dollars de Hong Kong.",
        [money("2 milliards de dollars de Hong Kong", 2000000000, "HKD")],
    ),
    ("Le club dépense 100 millions de livres sterling.", [money("100 millions de livres sterling", 100000000, "GBP")]),
    ("Zurich verse 3 milliards de francs suisses.", [money("3 milliards de francs suisses", 3000000000, "CHF")]),
    (
        "Stockholm débloque 10 milliards de couronnes suédoises.",
        [money("10 milliards de couronnes suédoises", 10000000000, "SEK")],
    ),
    (
        "Oslo place 7 milliards de couronnes norvégiennes.",
        [money("7 milliards de couronnes norvégiennes", 7000000000, "NOK")],
    ),
    (
        "Copenhague lève 2 milliards de couronnes danoises.",
        [money("2 milliards de couronnes danoises", 2000000000, "DKK")],
    ),
    ("Pékin injecte 500 milliards de yuans.", [money("500 milliards de yuans", 500000000000, "CNY")]),
    ("Riyad promet 100 milliards de riyals.", [money("100 milliards de riyals", 100000000000, "SAR")]),
    ("New Delhi alloue 1 000 milliards de roupies.", [money("1 000 milliards de roupies", 1000000000000, "INR")]),
    ("Moscou gèle 300 milliards de roubles.", [money("300 milliards de roubles", 300000000000, "RUB")]),
    ("Dakar emprunte 150 milliards de francs CFA.", [money("150 milliards de francs CFA", 150000000000, "XOF")]),
    ("Le baril est à 80 dollars.", [money("80 dollars", 80, "USD")]),
    # Apostrophes and capitalisation.
    ("Un Plan de 30 Millions d’Euros pour le Rail", [money("30 Millions d’Euros", 30000000)]),
    ("12 MILLIONS D'EUROS POUR LES ÉCOLES", [money("12 MILLIONS D'EUROS", 12000000)]),
    ("Un billion d'euros de dette.", [money("Un billion d'euros", 1000000000000)]),
    # Ranges: one span, connectors included, value null.
    (
        "Le coût est compris entre 12 et 15 millions d'euros.",
        [money("entre 12 et 15 millions d'euros", low=12000000, high=15000000)],
    ),
    (
        "Le projet coûterait de 30 à 50 milliards d'euros.",
        [money("de 30 à 50 milliards d'euros", low=30000000000, high=50000000000)],
    ),
    ("Il faudra 30 à 50 milliards d'euros.", [money("30 à 50 milliards d'euros", low=30000000000, high=50000000000)]),
    ("Le coût est estimé à 10-20 millions d'euros.", [money("10-20 millions d'euros", low=10000000, high=20000000)]),
    ("Le coût est estimé à 10 – 20 M€.", [money("10 – 20 M€", low=10000000, high=20000000)]),
    (
        "Entre 500 millions et 1 milliard d'euros seront investis.",
        [money("Entre 500 millions et 1 milliard d'euros", low=500000000, high=1000000000)],
    ),
    ("Le billet coûte entre 30 € et 50 €.", [money("entre 30 € et 50 €", low=30, high=50)]),
    ("Une prime d'un à deux millions d'euros.", [money("d'un à deux millions d'euros", low=1000000, high=2000000)]),
    # Qualifiers stay outside the span.
    (
        "Le chantier mobilisera environ 80 millions d’euros, selon la mairie.",
        [money("80 millions d’euros", 80000000, qualifier="approx")],
    ),
    ("Près de 200 millions d'euros ont été levés.", [money("200 millions d'euros", 200000000, qualifier="approx")]),
    ("Près d'un milliard d'euros est en jeu.", [money("un milliard d'euros", 1000000000, qualifier="approx")]),
    ("Il manque quelque 300 millions d'euros.", [money("300 millions d'euros", 300000000, qualifier="approx")]),
    ("Il faudra au moins 2 milliards d'euros.", [money("2 milliards d'euros", 2000000000, qualifier="min")]),
    (
        "Le rachat dépasse plus de 5 millions de dollars.",
        [money("5 millions de dollars", 5000000, "USD", qualifier="min")],
    ),
    ("Il a reçu plus d'un million de dollars.", [money("un million de dollars", 1000000, "USD", qualifier="min")]),
    (
        "La région versera jusqu'à 5 millions d'euros, et la métropole jusqu’à 2 millions d’euros.",
        [money("5 millions d'euros", 5000000, qualifier="max"), money("2 millions d’euros", 2000000, qualifier="max")],
    ),
    ("Cela coûtera moins de 100 euros.", [money("100 euros", 100, qualifier="max")]),
    ("Il réclame pas plus de 5 000 €.", [money("5 000 €", 5000, qualifier="max")]),
    ("Pas moins de 3 milliards d'euros sont promis.", [money("3 milliards d'euros", 3000000000, qualifier="min")]),
    ("La région participe à hauteur de 12 millions d'euros.", [money("12 millions d'euros", 12000000)]),
    ("Le chantier a coûté 30 millions d'euros environ.", [money("30 millions d'euros", 30000000, qualifier="approx")]),
    # Amounts without a currency word, money in context: the currency of the amount before.
    (
        "La ville reçoit 12 millions d’euros. Les trois millions restants financeront les écoles.",
        [money("12 millions d’euros", 12000000), money("trois millions", 3000000, inferred=True)],
    ),
    (
        "Le studio a levé 60 millions de dollars, sur la base d'une valorisation de 900 millions.",
        [
            money("60 millions de dollars", 60000000, "USD"),
            money("900 millions", 900000000, "USD", inferred=True),
        ],
    ),
    (
        "Le département verse 90 millions d'euros, dont une enveloppe de 30 millions pour les collèges.",
        [money("90 millions d'euros", 90000000), money("30 millions", 30000000, inferred=True)],
    ),
    (
        "Le fonds dispose de 10 milliards d’euros. Il investira 2 milliards d'ici 2030.",
        [money("10 milliards d’euros", 10000000000), money("2 milliards", 2000000000, inferred=True)],
    ),
    (
        "Le plan de 100 milliards d'euros prévoit entre 30 et 40 milliards pour l'industrie.",
        [
            money("100 milliards d'euros", 100000000000),
            money("entre 30 et 40 milliards", low=30000000000, high=40000000000, inferred=True),
        ],
    ),
    ("Le groupe a promis 3 milliards d'investissements en Espagne.", [money("3 milliards", 3000000000, None)]),
    # Vague amounts: value null, vague true, des/les left out.
    ("Des dizaines de milliards d'euros sont en jeu.", [money("dizaines de milliards d'euros", vague=True)]),
    ("Millions d'euros de subventions : ce que prévoit le budget", [money("Millions d'euros", vague=True)]),
    ("Quelques millions de dollars suffiront.", [money("Quelques millions de dollars", currency="USD", vague=True)]),
    (
        "Il faudra des centaines de millions de dollars.",
        [money("centaines de millions de dollars", currency="USD", vague=True)],
    ),
    # A count in a collective noun is about that much (the dev gold: "une trentaine d'euros" is 30, approx).
    (
        "Le projet coûte une dizaine de milliards d'euros.",
        [money("une dizaine de milliards d'euros", 10000000000, qualifier="approx")],
    ),
    (
        "Plusieurs centaines de milliers d'euros ont disparu.",
        [money("Plusieurs centaines de milliers d'euros", vague=True)],
    ),
    # Percentages.
    ("Le chômage touche 7% des actifs de la commune.", [percent("7%", 7)]),
    ("Le taux atteint 45 % cette année.", [percent("45 %", 45)]),
    ("Le taux atteint 45\u00a0% cette année.", [percent("45\u00a0%", 45)]),
    ("La croissance est de 8,5 %.", [percent("8,5 %", 8.5)]),
    ("Une hausse de 12 pour cent.", [percent("12 pour cent", 12)]),
    ("Une hausse de vingt-cinq pour cent.", [percent("vingt-cinq pour cent", 25)]),
    ("Une baisse de -3 % du PIB.", [percent("-3 %", -3)]),
    (
        "Les ventes atteignent 4,5 milliards d’euros, soit une hausse de 12 %.",
        [money("4,5 milliards d’euros", 4500000000), percent("12 %", 12)],
    ),
    # Never money: people, chips, hectares, inhabitants, years, durations, phone numbers, counts.
    ("Le concert a attiré 2.300 spectateurs à Nantes.", []),
    ("L'usine produira environ 250 000 batteries par an.", []),
    ("La forêt domaniale s'étend sur 3 400 hectares.", []),
    ("La Terre compte 8 milliards d'habitants.", []),
    ("En 2023, la ville comptait 2 millions d'habitants.", []),
    ("Il a passé 15 ans en prison.", []),
    ("Le sommet a eu lieu le 10 février 2025 à 18 h 20.", []),
    ("Appelez le 01 23 45 67 89.", []),
    ("OpenAI vise 100 millions d'utilisateurs.", []),
    ("Le livre s'est vendu à 2 millions d'exemplaires.", []),
    ("Le réseau de chaleur desservira des centaines de milliers de logements.", []),
    ("La population mondiale atteindra 10 milliards en 2050.", []),
    ("La BCE veut créer un euro numérique.", []),
    ("Face à un dollar fort, les exportations chutent.", []),
    ("Le chômage baisse de 0,2 point.", []),
    ("Il est passé de 10 à 20 ans.", []),
    (
        "Le groupe investit 3 milliards d'euros et touche 2 milliards de clients.",
        [money("3 milliards d'euros", 3000000000)],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[case[0][:60] for case in CASES])
def test_amounts_in_sentence(sentence, expected):
    assert found(sentence) == expected


def test_the_table_covers_every_field_of_an_amount_and_sentences_without_one():
    """A table that lost its ranges, qualifiers, vague or foreign amounts or its negative cases fails here."""
    assert len(CASES) >= 80
    assert len({sentence for sentence, _ in CASES}) == len(CASES), "each sentence once"
    assert all(text in sentence for sentence, expected in CASES for _, text, _ in expected)
    fields = [norm for _, expected in CASES for label, _, norm in expected if label == "MONEY"]
    covered = {
        "range": any(norm["min"] is not None and norm["max"] is not None for norm in fields),
        "qualifier": any(norm["qualifier"] for norm in fields),
        "vague": any(norm["vague"] for norm in fields),
        "inferred currency": any(norm["currency_inferred"] for norm in fields),
        "foreign currency": any(norm["currency"] not in ("EUR", None) for norm in fields),
        "percent": any(label == "PERCENT" for _, expected in CASES for label, _, _ in expected),
        "no amount": any(expected == [] for _, expected in CASES),
    }
    assert [kind for kind, present in covered.items() if not present] == []


def test_offsets_point_into_the_text():
    text = "Titre\n\nLe club apporte 35 millions d’euros."
    (entity,) = find_money(text)
    assert (entity.start, entity.end) == (23, 42)
    assert text[entity.start : entity.end] == entity.text
    assert entity.source == "rules"


def test_a_span_never_crosses_a_blank_line():
    assert found("Il annonce 109 milliards\n\nd'euros") == []


def test_a_wrapped_line_goes_on_in_lower_case():
    assert found("La somme atteint 109 milliards\nd'euros.") == [money("109 milliards\nd'euros", 109000000000)]


def test_a_year_ending_a_line_is_not_the_number_of_the_heading_below():
    text = "28 novembre 2024\nMillions d'euros d'aides agricoles : le bilan"
    assert found(text) == [money("Millions d'euros", vague=True)]


def test_boilerplate_replaced_by_spaces_keeps_offsets():
    text = " " * 40 + "\n" + "Lille obtient 45 millions d’euros." + " " * 30
    (entity,) = find_money(text)
    assert entity.start == 55 and entity.text == "45 millions d’euros"


def test_inferred_currency_is_the_nearest_explicit_one_before():
    text = "Washington débloque 30 milliards de dollars. Berlin promet 12 milliards d'euros, dont 4 milliards publics."
    assert found(text)[-1] == money("4 milliards", 4000000000, "EUR", inferred=True)


def test_a_bare_amount_before_any_currency_takes_the_next_one_in_its_paragraph():
    text = "Sur les 15 milliards promis, 10 milliards d'euros iront à l'IA."
    assert found(text) == [
        money("15 milliards", 15000000000, inferred=True),
        money("10 milliards d'euros", 10000000000),
    ]


def test_a_bare_amount_without_any_money_around_is_not_money():
    assert found("Les 15 milliards sont là.") == []


def test_a_magnitude_as_a_unit_is_no_amount():
    assert found("Le montant est exprimé en milliards. La population se compte en milliards.") == []


# parse_amount: one amount expression, no spaCy.


@pytest.mark.parametrize(
    ("expression", "fields"),
    [
        ("12,7 milliards de dollars", {"value": 12700000000, "currency": "USD"}),
        ("entre 4 et 6 millions d'euros", {"min": 4000000, "max": 6000000, "currency": "EUR"}),
        ("6,2 M€", {"value": 6200000, "currency": "EUR"}),
        ("environ 35 millions d’euros", {"value": 35000000, "currency": "EUR", "qualifier": "approx"}),
        ("cinq milliards", {"value": 5000000000, "currency": None}),
        ("1,20 €", {"value": 1.2, "currency": "EUR"}),
        ("USD 5 millions", {"value": 5000000, "currency": "USD"}),
        ("plus de 20 milliards de dollars", {"value": 20000000000, "currency": "USD", "qualifier": "min"}),
        ("plusieurs milliards d’euros", {"currency": "EUR", "vague": True}),
        ("  75 Millions d’Euros ", {"value": 75000000, "currency": "EUR"}),
    ],
)
def test_parse_amount(expression, fields):
    expected = dict(NORM_FIELDS["MONEY"]) | fields
    assert scored(parse_amount(expression)) == expected


@pytest.mark.parametrize(
    "expression", ["25 %", "bonjour", "2025", "100 000 puces", "", "milliards", "8 milliards d'habitants"]
)
def test_parse_amount_of_what_is_no_amount(expression):
    assert parse_amount(expression) is None


def test_values_are_exact():
    assert parse_amount("4,1 milliards")["value"] == 4100000000  # 4.1 * 10**9 is 4099999999.9999995 in floats
    assert parse_amount("0,1 milliard d'euros")["value"] == 100000000
    assert parse_amount("1,15 million d'euros")["value"] == 1150000


@pytest.mark.parametrize(
    ("digits", "value"),
    [("15 000", 15000), ("1 250,50", 1250.5), ("10.000", 10000), ("2.5", 2.5), ("1.250,50", 1250.5)],
)
def test_parse_digits(digits, value):
    assert float(parse_digits(digits)) == value


def test_parse_words_reads_the_number_even_after_a_stray_word():
    assert parse_words("quarante-cinq") == (45, 0)
    assert parse_words("un deux") == (2, 3)


# Random text never crashes the finder and always gives valid spans.

PIECES = [
    "109",
    "97,4",
    "1 250,50",
    "15\u00a0000",
    "10.000",
    "2.5",
    "0",
    "2025",
    "01 23 45",
    "-",
    "–",
    "%",
    "€",
    "$",
    "£",
    "¥",
    "USD",
    "EUR",
    "CHF",
    "$ CAD",
    "M€",
    "Md€",
    "Mds",
    "k€",
    "M",
    "milliards",
    "milliard",
    "millions",
    "mille",
    "billion",
    "de",
    "d'",
    "d’",
    "euros",
    "dollars",
    "livres sterling",
    "francs suisses",
    "yens",
    "entre",
    "et",
    "à",
    "environ",
    "près de",
    "plus d'",
    "jusqu'à",
    "pas plus de",
    "plusieurs",
    "dizaines",
    "des",
    "un",
    "une",
    "demi",
    "cinq",
    "quarante-cinq",
    "deux cents",
    "vingt et un",
    "pour cent",
    "habitants",
    "puces",
    "ans",
    "sont",
    "restants",
    "valorisation",
    "Sur cette somme,",
    ".",
    ",",
    "\n",
    "\n\n",
    " ",
    "\u202f",
    "(",
    "»",
    "Milliards d'Euros",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=30).map(" ".join))
def test_random_text_gives_valid_spans(text):
    entities = find_money(text)
    previous_end = 0
    for entity in entities:
        assert 0 <= previous_end <= entity.start < entity.end <= len(text)
        assert text[entity.start : entity.end] == entity.text
        assert entity.label in ("MONEY", "PERCENT")
        assert entity.source == "rules"
        assert set(entity.norm) == set(NORM_FIELDS[entity.label]) | set(OPTIONAL_FIELDS.get(entity.label, ()))
        assert not re.search(r"\n[^\S\n]*\n", entity.text)
        assert entity.text == entity.text.strip()
        if entity.label == "MONEY":
            norm = entity.norm
            assert norm["currency"] is None or re.fullmatch(r"[A-Z]{3}", norm["currency"])
            assert norm["qualifier"] in (None, "approx", "min", "max")
            assert (norm["value"] is None) == (norm["vague"] or norm["min"] is not None)
            assert norm["currency_inferred"] is False or norm["currency"] is not None
        previous_end = entity.end


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=12).map(" ".join))
def test_parse_amount_never_crashes(text):
    fields = parse_amount(text)
    assert fields is None or set(fields) == set(NORM_FIELDS["MONEY"]) | set(OPTIONAL_FIELDS["MONEY"])


# Ambiguous currency words, resolved by the page, and the evidence every amount carries.


def evidence(text):
    return [(e.text, e.norm["currency"], e.norm["currency_evidence"]) for e in find_money(text) if e.label == "MONEY"]


def test_an_unambiguous_currency_is_written():
    assert evidence("Le devis atteint 1 250 euros.") == [("1 250 euros", "EUR", "written")]


def test_francs_take_the_currency_of_the_region_named_in_their_sentence():
    assert evidence("À Neuchâtel, la place de crèche coûte 2 300 francs par mois.") == [
        ("2 300 francs", "CHF", "sentence: Neuchâtel")
    ]


def test_francs_take_the_currency_of_the_region_the_page_names_most():
    text = (
        "Le Conseil fédéral présente ses comptes. La Confédération et les cantons de Vaud et du Valais négocient.\n\n"
        "La facture atteint 40 millions de francs."
    )
    (found,) = evidence(text)
    assert found[:2] == ("40 millions de francs", "CHF") and found[2].startswith("page: ")


def test_francs_before_the_euro_are_french_francs_on_a_page_without_region():
    assert evidence("En 1987, le loyer était de 2 500 francs.") == [("2 500 francs", "FRF", "year: 1987")]


def test_francs_with_no_evidence_keep_no_currency():
    assert evidence("Il a payé 300 francs.") == [("300 francs", None, "default")]


def test_dollars_stay_american_when_the_page_names_canada_only_in_passing():
    text = "Le fonds canadien Brookfield investit en France. Aux États-Unis, OpenAI lève 40 milliards de dollars."
    assert evidence(text)[0][1] == "USD"


def test_livres_without_a_british_page_are_books():
    assert evidence("Elle a publié 12 livres en dix ans.") == []
    assert evidence("À Londres, elle a vendu des millions de livres vendus en poche.") == []


def test_a_bare_amount_says_which_amount_it_refers_to():
    text = "Le budget atteint 80 millions d'euros, dont 20 millions pour la culture."
    assert evidence(text)[1] == ("20 millions", "EUR", "amount before: 80 millions d'euros")


def test_a_bare_amount_refers_to_an_amount_of_its_own_scale_not_to_a_conversion():
    text = (
        "Le barrage coûte 300 milliards de FCFA au Cameroun, soit environ 457 millions d'euros, au taux de "
        "655,957 FCFA pour 1 euro. La banque régionale apporte un prêt de 90 milliards."
    )
    assert evidence(text)[-1][:2] == ("90 milliards", "XAF")


def test_a_table_cell_says_its_header_decided():
    text = "Comptes (en millions d'euros)\nRecettes\t12,5\t13,1\n"
    assert [e[2] for e in evidence(text)] == ["table header: (millions d'euros)"] * 2


def test_a_span_of_a_change_holds_its_own_sign():
    assert found("Le solde passe de -2 millions d'euros à +3 millions d'euros.") == [
        money("-2 millions d'euros", -2000000),
        money("+3 millions d'euros", 3000000),
    ]


def test_a_hyphen_between_words_and_a_number_is_no_sign():
    assert found("Le Paris-Roubaix 2025 a distribué 30 000 euros.") == [money("30 000 euros", 30000)]


def test_currency_evidence_goes_into_the_record_and_back():
    from pipeline.model import Entity

    (entity,) = find_money("Un prêt de 5 000 FCFA à Dakar.")
    record = entity.to_dict()
    assert record["currency"] == "XOF" and record["currency_evidence"] == "sentence: Dakar"
    assert Entity.from_dict(record).norm == entity.norm
    gold_like = {k: v for k, v in record.items() if k != "currency_evidence"}
    assert "currency_evidence" not in Entity.from_dict(gold_like).norm


def test_a_bare_number_after_dont_shares_the_currency_of_its_sentence():
    text = "Le budget de 2 millions d'euros prévoit 800 000 pour la culture, dont 150 000 pour le théâtre."
    assert found(text)[-1] == money("150 000", 150000, inferred=True)
    assert found("La ville compte 2 000 habitants, dont 150 enfants.") == []


def test_the_currency_table_holds_iso_4217_codes_of_cldr_and_signs_with_a_currency_character():
    import unicodedata

    from babel.numbers import list_currencies

    from pipeline.resources import load_pattern

    iso = set(list_currencies())
    table = load_pattern("money_currency_signs.json")
    assert [code for code in table["codes"] if code not in iso] == []
    assert [code for code in table["symbols"].values() if code not in iso] == []
    assert [s for s in table["symbols"] if not any(unicodedata.category(c) == "Sc" for c in s)] == []


def test_money_uses_no_private_module_of_another_library():
    import inspect
    import re

    import pipeline.money

    assert re.findall(r"^\s*(?:from|import) [\w.]*\._\w+", inspect.getsource(pipeline.money), re.MULTILINE) == []


# price-parser (Price.fromstring) reads the amount of a price string with its own, independent grammar of digit
# groups and decimal separators: where the two readings must agree (an amount in figures, French groups of three,
# a decimal comma, a sign or code), it checks find_money's digits. Its private currency table is not used.
SEPARATORS = [" ", "\u00a0", "\u202f", "\u2009", "."]
SIGNS = ["€", "$", "£", "EUR", "USD"]


@st.composite
def price_in_figures(draw):
    whole = draw(st.integers(min_value=0, max_value=10**12))  # with the cents, within the 15 digits of a float
    digits = str(whole)
    if whole >= 1000 and draw(st.booleans()):
        separator = draw(st.sampled_from(SEPARATORS))
        groups = []
        while digits:
            groups.insert(0, digits[-3:])
            digits = digits[:-3]
        digits = separator.join(groups)
    cents = draw(st.one_of(st.none(), st.text(alphabet="0123456789", min_size=1, max_size=2)))
    written = digits + (f",{cents}" if cents else "")
    return f"{written}{draw(st.sampled_from(['', ' ']))}{draw(st.sampled_from(SIGNS))}"


@settings(max_examples=300, deadline=None)
@given(price_in_figures())
def test_an_amount_in_figures_has_the_value_price_parser_reads(price):
    from decimal import Decimal

    from price_parser import Price

    found = find_money(f"Le budget atteint {price} cette année.")
    assert [entity.text for entity in found] == [price]
    expected = Price.fromstring(price).amount
    assert expected is not None and Decimal(str(found[0].norm["value"])) == expected
