"""Document-level name rules (pipeline/names_document.py): fresh sentences, entities in, entities out.

No model is loaded: each test gives the names a model or a rule would have produced and checks
what the document-level rules make of them.
"""

from __future__ import annotations

import pytest

from pipeline.folding import APOSTROPHES
from pipeline.model import Entity
from pipeline.names_document import FAMILIES, apply_document_rules


def ent(text: str, fragment: str, label: str, source: str = "model", occurrence: int = 0) -> Entity:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(fragment, start + 1)
    return Entity(start, start + len(fragment), label, fragment, source=source)


def run(text: str, entities: list[Entity], families=FAMILIES) -> list[tuple[str, str]]:
    return [(e.text, e.label) for e in apply_document_rules(text, [(0, len(text))], entities, families)]


# Common-noun acronyms, units and currency words are never names.
@pytest.mark.parametrize(
    ("text", "fragment", "label"),
    [
        ("Le Smic horaire brut passera à 12,10 euros en janvier.", "Smic", "ORG"),
        ("La TVA sur les travaux de rénovation reste à 5,5 %.", "TVA", "ORG"),
        ("Le prix du MWh a doublé sur le marché de gros.", "MWh", "LOC"),
        ("Les planteurs recevront 1 800 FCFA le kilo.", "FCFA", "MISC"),
    ],
)
def test_common_nouns_written_in_capitals_are_no_names(text, fragment, label):
    assert run(text, [ent(text, fragment, label)]) == []


# Nationality and inhabitant nouns are no places.
@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Les Rennais ont fêté la montée de leur club jusque tard dans la nuit.", "Rennais"),
        ("Pour les Marseillaises, la ligne de tram arrive enfin.", "Marseillaises"),
        ("Trois Français sur quatre disent réduire leur chauffage.", "Français"),
    ],
)
def test_inhabitant_nouns_are_no_places(text, fragment):
    assert run(text, [ent(text, fragment, "LOC")]) == []


def test_a_surname_that_looks_like_a_demonym_stays_a_person_without_a_determiner():
    text = "Benoît Langlois a présenté le budget. Langlois répond aux élus."
    entities = [ent(text, "Benoît Langlois", "PER"), ent(text, "Langlois", "LOC", occurrence=1)]
    assert run(text, entities) == [("Benoît Langlois", "PER"), ("Langlois", "PER")]


# An institution head or an organisation suffix makes an ORG.
@pytest.mark.parametrize(
    ("text", "fragment", "label"),
    [
        ("La Chambre d'agriculture de Vendée alerte sur la sécheresse.", "Chambre d'agriculture de Vendée", "LOC"),
        (
            "Le loyer est versé à Montpellier Méditerranée Métropole chaque année.",
            "Montpellier Méditerranée Métropole",
            "LOC",
        ),
        ("Le FC Annecy a perdu à domicile ; Grenoble Foot 38 FC attend.", "Grenoble Foot 38 FC", "LOC"),
        ("Le sous-traitant Alvéa Composants ferme son site.", "Alvéa Composants", "PER"),
    ],
)
def test_an_institution_head_or_suffix_makes_an_organisation(text, fragment, label):
    assert run(text, [ent(text, fragment, label)]) == [(fragment, "ORG")]


# A public body named after a remit of several complements is one name, up to the last complement.
@pytest.mark.parametrize(
    ("text", "fragment", "whole"),
    [
        (
            "Une circulaire du ministère de la Mer, de la Pêche et de l'Aquaculture fixe les quotas.",
            "ministère de la Mer",
            "ministère de la Mer, de la Pêche et de l'Aquaculture",
        ),
        (
            "La Direction régionale de l'alimentation et de la forêt a contrôlé trois élevages.",
            "Direction régionale de l'alimentation",
            "Direction régionale de l'alimentation et de la forêt",
        ),
        (
            "Le ministère de l'Agriculture et de l'Alimentation a publié le décret mardi.",
            "ministère de l'Agriculture",
            "ministère de l'Agriculture et de l'Alimentation",
        ),
    ],
)
def test_a_remit_of_coordinated_complements_belongs_to_the_body(text, fragment, whole):
    assert run(text, [ent(text, fragment, "ORG")]) == [(whole, "ORG")]


# The coordination stops where another name or another style begins.
@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Les notes du ministère de l'Industrie et de la Banque de France divergent.", "ministère de l'Industrie"),
        ("Un agent du ministère des Armées et des associations d'anciens combattants.", "ministère des Armées"),
        ("Les chiffres de l'Agence de la Biomasse et de l'INSEE concordent.", "Agence de la Biomasse"),
        ("Le Syndicat de la presse et des éditeurs a protesté.", "Syndicat de la presse"),
    ],
)
def test_a_coordination_is_not_taken_into_the_body_beyond_its_remit(text, fragment):
    assert run(text, [ent(text, fragment, "ORG")]) == [(fragment, "ORG")]


# `Chez` capitalised inside a sentence opens the name of an establishment, not a person's.
@pytest.mark.parametrize(
    ("text", "fragment", "venue"),
    [
        ("Le soir, la troupe dîne Chez Gaston, près du port.", "Gaston", "Chez Gaston"),
        ("Les habitués se retrouvent Chez Odette avant le marché.", "Odette", "Chez Odette"),
        ("Un serveur de Chez Ginette Dufour a témoigné.", "Ginette Dufour", "Chez Ginette Dufour"),
    ],
)
def test_a_person_after_a_capitalised_chez_is_the_venue(text, fragment, venue):
    assert run(text, [ent(text, fragment, "PER")]) == [(venue, "LOC")]


@pytest.mark.parametrize(
    "text",
    ["Chez Gaston, la cuisine ne ferme jamais.", "Il a acheté son vélo chez Gaston, le voisin."],
)
def test_chez_as_a_preposition_leaves_the_person(text):
    assert run(text, [ent(text, "Gaston", "PER")]) == [("Gaston", "PER")]


# Verbs and roles of corporate life make a company.
@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Verdalis lève 8 millions d'euros auprès de deux fonds.", "Verdalis"),
        ("Les cofondateurs de Batisol ont quitté Lille pour Nantes.", "Batisol"),
        ("Selon les salariés de Tréfilux, l'usine tourne au ralenti.", "Tréfilux"),
    ],
)
def test_a_verb_or_role_of_corporate_life_makes_a_company(text, fragment):
    assert run(text, [ent(text, fragment, "PER")]) == [(fragment, "ORG")]


# Indices, benchmarks and numbered competitions are MISC.
@pytest.mark.parametrize(
    ("text", "fragment", "label", "expected"),
    [
        ("Le SBF 120 a cédé 0,8 % à la clôture.", "SBF 120", "ORG", "SBF 120"),
        ("Le baril de Brent remonte au-dessus de 80 dollars.", "Brent", "LOC", "Brent"),
        ("Le Dax a fini stable, le FTSE 100 en léger repli.", "FTSE", "ORG", "FTSE 100"),
        ("Le club vise une place en Ligue 2 la saison prochaine.", "Ligue 2", "ORG", "Ligue 2"),
    ],
)
def test_indices_and_competitions_are_misc(text, fragment, label, expected):
    assert run(text, [ent(text, fragment, label)]) == [(expected, "MISC")]


def test_an_amount_after_a_company_name_is_not_read_as_an_index():
    text = "EDF 3 milliards d'euros de dette en plus."
    assert run(text, [ent(text, "EDF", "ORG", source="patterns")]) == [("EDF", "ORG")]


# In a match or transfer report, a city in a club's position is the club; the place stays a place.
SPORT = (
    "Ligue 1 : le match en direct. 12' But de Morel. Angers s'impose 2-1 face à Reims. "
    "Le défenseur, prêté à Metz la saison dernière, a été formé à Angers. Classement : Angers 9e."
)


@pytest.mark.parametrize(
    ("fragment", "occurrence", "label"),
    [("Angers", 0, "ORG"), ("Reims", 0, "ORG"), ("Metz", 0, "ORG"), ("Angers", 1, "LOC")],
)
def test_a_city_in_a_clubs_position_is_the_club(fragment, occurrence, label):
    entity = ent(SPORT, fragment, "LOC", occurrence=occurrence)
    assert run(SPORT, [entity], families=["sport"]) == [(fragment, label)]


def test_outside_sport_pages_a_city_before_a_verb_stays_a_place():
    text = "Angers reçoit cette semaine les assises régionales du logement."
    assert run(text, [ent(text, "Angers", "LOC")]) == [("Angers", "LOC")]


# An acronym defined in parentheses takes its long name's label everywhere.
def test_a_defined_acronym_takes_the_label_of_its_long_name():
    text = "L'Office national des forêts (ONF) gère le massif. L'ONF recrutera vingt agents."
    entities = [
        ent(text, "Office national des forêts", "ORG", source="patterns"),
        ent(text, "ONF", "LOC", occurrence=1),
    ]
    assert run(text, entities) == [("Office national des forêts", "ORG"), ("ONF", "ORG"), ("ONF", "ORG")]


# A name in parentheses that does not start like the long name is no acronym of it: no label passes over.
@pytest.mark.parametrize(
    ("text", "long_name", "label", "short"),
    [
        (
            "Le Pavillon des brumes (Gaumont) sort en juin. Gaumont vise deux cents salles.",
            "Le Pavillon des brumes",
            "MISC",
            "Gaumont",
        ),
        (
            "La Pointe du Raz (Kerlann) attire les foules. Kerlann y exploite deux navettes.",
            "Pointe du Raz",
            "LOC",
            "Kerlann",
        ),
        (
            "La Marche des lanternes (Arvel) revient cet hiver. Arvel en assure la production.",
            "Marche des lanternes",
            "MISC",
            "Arvel",
        ),
    ],
)
def test_a_name_in_parentheses_that_spells_no_acronym_keeps_its_own_label(text, long_name, label, short):
    entities = [
        ent(text, long_name, label, source="patterns"),
        ent(text, short, "ORG"),
        ent(text, short, "ORG", occurrence=1),
    ]
    found = run(text, entities, families=["acronyms", "consistency"])
    assert found.count((short, "ORG")) == 2


# Consistency: a surname after the full name, a resolved name's other mentions, a label vote.
def test_a_surname_after_the_full_name_is_the_person():
    text = "La maire, Sabine Orlac, défend son budget. Pour Orlac, la dette reste sous contrôle."
    entities = [ent(text, "Sabine Orlac", "PER"), ent(text, "Orlac", "LOC", occurrence=1)]
    assert run(text, entities) == [("Sabine Orlac", "PER"), ("Orlac", "PER")]


def test_an_uncovered_repeat_of_a_resolved_name_is_added():
    text = "La start-up Quantelis emploie 40 personnes. Quantelis vise l'Allemagne."
    entities = [ent(text, "Quantelis", "ORG", source="patterns")]
    assert run(text, entities) == [("Quantelis", "ORG"), ("Quantelis", "ORG")]


def test_a_label_held_by_two_thirds_of_the_mentions_wins():
    text = "Norelle ouvre. Norelle ferme. Norelle recrute."
    entities = [
        ent(text, "Norelle", "ORG"),
        ent(text, "Norelle", "ORG", occurrence=1),
        ent(text, "Norelle", "PER", occurrence=2),
    ]
    assert [label for _, label in run(text, entities, families=["consistency"])] == ["ORG", "ORG", "ORG"]


def test_names_are_never_added_outside_content():
    text = "Menu Quantelis\nLa start-up Quantelis emploie 40 personnes."
    start = text.index("La start-up")
    entity = ent(text, "Quantelis", "ORG", source="patterns", occurrence=1)
    found = apply_document_rules(text, [(start, len(text))], [entity])
    assert [(e.start, e.text) for e in found] == [(entity.start, "Quantelis")]


def test_an_unknown_family_is_refused():
    with pytest.raises(ValueError, match="unknown name rule families"):
        apply_document_rules("x", [(0, 1)], [], families=["gazeteer"])


# A known place inside a longer name is left to the model (fr_places_before), never cut out of it.
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Le Stade brestois et Angers SCO ont annoncé un partenariat ; Angers SCO recrute.", "Angers"),
        ("Le Conseil départemental du Morbihan vote son budget jeudi.", "Morbihan"),
        ("La Banque nationale de Roumanie a relevé son taux directeur.", "Roumanie"),
    ],
)
def test_a_known_place_is_not_cut_out_of_a_longer_name(extractor, text, place):
    from pipeline.names import find_names

    [names] = list(find_names(extractor.nlp, [(text, [(0, len(text))])]))
    assert (place, "LOC") not in [(e.text, e.label) for e in names]


def test_countries_and_french_departments_come_from_general_resources(extractor):
    from pipeline.names import find_names

    text = "Des éleveurs du Cantal et de Lozère exportent vers le Kirghizstan et les Comores."
    [names] = list(find_names(extractor.nlp, [(text, [(0, len(text))])]))
    assert {("Cantal", "LOC"), ("Lozère", "LOC"), ("Kirghizstan", "LOC"), ("Comores", "LOC")} <= {
        (e.text, e.label) for e in names
    }


# Table rows and period codes read as names are dropped.
@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Chiffre d'affaires\t812,4\t845,0\t+4,0 %", "Chiffre d'affaires\t812,4"),
        ("Marge brute | 31,2 | 33,5", "Marge brute | 31,2"),
        ("Activité T3 2024 en hausse", "T3 2024"),
    ],
)
def test_table_cells_and_period_codes_are_no_names(text, fragment):
    assert run(text, [ent(text, fragment, "MISC")]) == []


# Titles of works after their noun, and named taxes and prizes (context rules of patterns/names_contexts.jsonl).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Son premier film « Le Silence des étangs » sort en salles mercredi.", ("Le Silence des étangs", "MISC")),
        ("Le romancier publie l'album « Nuits de sel » chez un petit label.", ("Nuits de sel", "MISC")),
        ("Les députés ont rejeté la taxe Lefranc sur les hauts patrimoines.", ("taxe Lefranc", "MISC")),
        ("Elle a reçu le prix Renaudot pour son troisième livre.", ("prix Renaudot", "MISC")),
    ],
)
def test_works_and_named_taxes_are_misc(extractor, text, expected):
    from pipeline.names import find_names

    [names] = list(find_names(extractor.nlp, [(text, [(0, len(text))])]))
    assert expected in [(e.text, e.label) for e in names]


# Trims: a spaced dash, a trailing weekday, a preposition inside a person, a nationality noun before one.
@pytest.mark.parametrize(
    ("text", "fragment", "label", "expected"),
    [
        ("Les titulaires : Morvan - Keita, Da Silva.", "Morvan - Keita", "PER", [("Morvan", "PER"), ("Keita", "PER")]),
        ("Le titre de Brevalis mardi a reculé.", "Brevalis mardi", "ORG", [("Brevalis", "ORG")]),
        (
            "Le prix revient à Inès Valcourt pour Les Marées.",
            "Inès Valcourt pour Les Marées",
            "PER",
            [("Inès Valcourt", "PER")],
        ),
        (
            "Le jeu de la Norvégienne Ingrid Solberg séduit.",
            "Norvégienne Ingrid Solberg",
            "PER",
            [("Ingrid Solberg", "PER")],
        ),
    ],
)
def test_the_edges_the_model_leaves_are_trimmed(text, fragment, label, expected):
    assert run(text, [ent(text, fragment, label)], families=["trims"]) == expected


def test_a_short_name_in_parentheses_after_a_person_is_their_party():
    text = "Le député Marc Aubry (LR) votera contre. Pour LR, le texte est mal ficelé."
    entities = [ent(text, "Marc Aubry", "PER"), ent(text, "LR", "PER"), ent(text, "LR", "LOC", occurrence=1)]
    assert run(text, entities) == [("Marc Aubry", "PER"), ("LR", "ORG"), ("LR", "ORG")]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Selon Paul Ravel, analyste chez Ostrane, la baisse va durer.", "Ostrane"),
        ("Son essai paraît aux éditions Lisière en mars.", "Lisière"),
    ],
)
def test_a_firm_after_chez_or_editions_is_an_organisation(text, fragment):
    assert run(text, [ent(text, fragment, "PER")], families=["company_verbs"]) == [(fragment, "ORG")]


def test_the_names_of_one_enumeration_share_the_majority_label():
    text = "Remplaçants : Guillou, Ndiaye, Perrin et Vallet."
    entities = [
        ent(text, "Guillou", "PER"),
        ent(text, "Ndiaye", "PER"),
        ent(text, "Perrin", "LOC"),
        ent(text, "Vallet", "PER"),
    ]
    assert [label for _, label in run(text, entities, families=["consistency"])] == ["PER"] * 4


@pytest.mark.parametrize(
    ("text", "fragment", "expected"),
    [
        ("L'usine est installée dans le canton de Fribourg depuis 1998.", "Fribourg", "canton de Fribourg"),
        ("Les pêcheurs de la presqu'île de Crozon s'inquiètent.", "Crozon", "presqu'île de Crozon"),
        ("Les loyers flambent en Suisse romande comme à Zurich.", "Suisse", "Suisse romande"),
    ],
)
def test_a_place_keeps_its_geographic_head_and_regional_adjective(text, fragment, expected):
    assert run(text, [ent(text, fragment, "LOC", source="patterns")], families=["trims"]) == [(expected, "LOC")]


@pytest.mark.parametrize(
    ("text", "longer"),
    [
        ("Le constructeur Renault Trucks supprime 300 postes à Vénissieux.", "Renault Trucks"),
        ("La banque BNP Paribas Fortis relève ses taux en Belgique.", "BNP Paribas Fortis"),
    ],
)
def test_a_listed_company_does_not_cut_a_longer_name(extractor, text, longer):
    from pipeline.names import find_names

    [names] = list(find_names(extractor.nlp, [(text, [(0, len(text))])]))
    shorter = longer.rsplit(" ", 1)[0]
    assert (shorter, "ORG") not in [(e.text, e.label) for e in names]


# A common word capitalised only because it opens a sentence, a line or a heading is no name.
@pytest.mark.parametrize(
    ("text", "fragment", "label"),
    [
        ("La dette grimpe. Conséquence : la ville réduit ses investissements.", "Conséquence", "LOC"),
        ("Le club a vendu trois joueurs.\nRecrutés en 2022, ils ont rapporté gros.", "Recrutés", "MISC"),
        ("Faut-il taxer les plus riches ? Supprimer la niche coûterait moins cher.", "Supprimer", "LOC"),
    ],
)
def test_a_capitalised_common_word_at_a_sentence_start_is_no_name(text, fragment, label):
    assert run(text, [ent(text, fragment, label)], families=["exclusions"]) == []


def test_a_word_capitalised_in_the_middle_of_a_sentence_elsewhere_stays_a_name():
    text = "Orange relève ses tarifs. Les clients d'Orange paieront 2 euros de plus."
    entities = [ent(text, "Orange", "ORG"), ent(text, "Orange", "ORG", occurrence=1)]
    assert run(text, entities, families=["exclusions"]) == [("Orange", "ORG"), ("Orange", "ORG")]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("L'audience a grimpé de 12 %, selon Médiamétrie.", "Médiamétrie"),
        ("Le chômage a baissé, d'après Eurostat.", "Eurostat"),
        ("Les ventes ont doublé, selon Kantar.", "Kantar"),
    ],
)
def test_a_one_word_source_after_selon_is_an_organisation(text, fragment):
    assert run(text, [ent(text, fragment, "PER")], families=["company_verbs"]) == [(fragment, "ORG")]


def test_a_person_of_the_document_after_selon_stays_a_person():
    text = "Claire Morand dirige l'étude. Le marché va croître, selon Morand."
    entities = [ent(text, "Claire Morand", "PER"), ent(text, "Morand", "PER", occurrence=1)]
    assert run(text, entities, families=["company_verbs"]) == [("Claire Morand", "PER"), ("Morand", "PER")]


def test_names_on_a_ranked_list_line_are_not_taken_for_a_heading(extractor):
    from pipeline.names import find_names

    text = (
        "Les plus gros transferts :\n1. Léo Vasseur (Rennes → Porto) : 42 M€\n2. Karim Belaïd (Metz → Séville) : 30 M€"
    )
    [names] = list(find_names(extractor.nlp, [(text, [(0, len(text))])]))
    assert {"Léo Vasseur", "Karim Belaïd"} <= {e.text for e in names}


@pytest.mark.parametrize(
    ("text", "fragment", "expected"),
    [
        (
            "Le prévenu a été condamné par le tribunal correctionnel de Bayonne.",
            "Bayonne",
            "tribunal correctionnel de Bayonne",
        ),
        ("Il fera appel devant la cour d'appel de Rennes.", "Rennes", "cour d'appel de Rennes"),
        ("Le CHU de Limoges accuse un déficit de 20 millions d'euros.", "Limoges", "CHU de Limoges"),
    ],
)
def test_a_place_after_the_lower_case_head_of_an_institution_is_that_institution(text, fragment, expected):
    assert run(text, [ent(text, fragment, "LOC", source="patterns")], families=["trims"]) == [(expected, "ORG")]


def test_a_name_ending_with_a_connector_runs_on_into_the_next_name():
    text = "Selon le Centre d'études maritimes de Brest, la pêche recule."
    entities = [ent(text, "Centre d'études maritimes de", "ORG"), ent(text, "Brest", "LOC", source="patterns")]
    assert run(text, entities, families=["trims"]) == [("Centre d'études maritimes de Brest", "ORG")]


@pytest.mark.parametrize(
    ("text", "maker", "product"),
    [
        ("La compagnie exploite six Airbus A321neo depuis mars.", "Airbus", "Airbus A321neo"),
        ("Elle a loué deux ATR 72-600 pour l'été.", "ATR", "ATR 72-600"),
    ],
)
def test_a_maker_followed_by_a_model_code_is_a_product(text, maker, product):
    assert run(text, [ent(text, maker, "ORG", source="patterns")], families=["trims"]) == [(product, "MISC")]


def test_a_maker_followed_by_a_year_stays_the_maker():
    text = "Airbus 2025 : les livraisons reprennent."
    assert run(text, [ent(text, "Airbus", "ORG", source="patterns")], families=["trims"]) == [("Airbus", "ORG")]


def test_every_entity_says_which_rule_or_model_produced_it(extractor):
    text = "Le tribunal correctionnel de Poitiers a condamné la société Ecoterm à 50 000 euros le 3 mars 2025."
    record = extractor.extract(text, doc_id="x").to_dict()
    rules = {e["text"]: e["rule"] for e in record["entities"]}
    assert rules["tribunal correctionnel de Poitiers"] == "document:trims"
    assert rules["50 000 euros"] == "rules:money" and rules["3 mars 2025"] == "rules:dates"
    assert all(e.get("rule") for e in record["entities"])


def test_the_rule_files_follow_their_schema():
    from pipeline.resources import load_pattern
    from pipeline.rulefiles import check_contexts, check_ruler

    assert check_ruler("names_ruler.jsonl", load_pattern("names_ruler.jsonl"))
    assert check_contexts("names_contexts.jsonl", load_pattern("names_contexts.jsonl"))


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([{"label": "ORG", "pattern": "Acme", "id": "acme", "lable": "ORG"}], "unknown keys \\['lable'\\]"),
        ([{"label": "COMPANY", "pattern": "Acme", "id": "acme"}], "label 'COMPANY'"),
        (
            [{"label": "ORG", "pattern": "Acme", "id": "a"}, {"label": "ORG", "pattern": "Acme", "id": "b"}],
            "the same entry as entry 1",
        ),
        (
            [{"label": "ORG", "pattern": "Acme", "id": "a"}, {"label": "LOC", "pattern": "Acme", "id": "b"}],
            "labelled ORG, of entry 1",
        ),
    ],
)
def test_a_bad_ruler_entry_is_refused_with_its_place(entries, message):
    from pipeline.rulefiles import RuleFileError, check_ruler

    with pytest.raises(RuleFileError, match=message):
        check_ruler("names_ruler.jsonl", entries)


def test_a_misspelt_context_key_is_refused():
    from pipeline.rulefiles import RuleFileError, check_contexts

    rule = {"label": "ORG", "id": "context:x", "befor": 1, "pattern": [{"LOWER": "la"}, {"ORTH": "X"}]}
    with pytest.raises(RuleFileError, match="unknown keys \\['befor'\\]"):
        check_contexts("names_contexts.jsonl", [rule])


# A name only the model calls a place, unknown to the gazetteer, stays a place only with evidence of one.
@pytest.mark.parametrize(
    ("text", "fragment", "kept"),
    [
        ("Les ingénieurs de Vartelis ont livré la première série.", "Vartelis", False),
        ("Le conseil a salué le travail de la Trésorerie générale.", "Trésorerie générale", False),
        ("La coopérative a ouvert un dépôt à Kerbrézan l'an dernier.", "Kerbrézan", True),
        ("Les loyers du quartier de Montferrand-Haut ont encore grimpé.", "Montferrand-Haut", True),
        ("Le chantier du boulevard Émile-Sarrazin reprendra lundi.", "boulevard Émile-Sarrazin", True),
        ("Le groupe a déménagé Tourcoing et Wattrelos en un an.", "Wattrelos", True),  # GeoNames cities
        ("Les récoltes de Tarvenne (Belgique) ont baissé de moitié.", "Tarvenne", True),
    ],
)
def test_an_unknown_place_of_the_model_needs_evidence(text, fragment, kept):
    found = run(text, [ent(text, fragment, "LOC")])
    assert found == ([(fragment, "LOC")] if kept else [])


def test_a_place_evidenced_once_is_a_place_in_its_other_mentions():
    text = "Les habitants de Valdrôme-sur-Lys ont voté. Valdrôme-sur-Lys compte 4 000 âmes."
    entities = [ent(text, "Valdrôme-sur-Lys", "LOC"), ent(text, "Valdrôme-sur-Lys", "LOC", occurrence=1)]
    assert run(text, entities) == [("Valdrôme-sur-Lys", "LOC"), ("Valdrôme-sur-Lys", "LOC")]
    families = [f for f in FAMILIES if f != "place_evidence"]
    loose = "Les équipes de Vartelis ont livré la série."
    assert run(loose, [ent(loose, "Vartelis", "LOC")], families) == [("Vartelis", "LOC")]


# A phrase the model takes for a MISC because its first word opens a sentence or a minute of a live report.
@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("63' Carton jaune pour le milieu visiteur, trop appuyé.", "Carton jaune"),
        ("Résultat opérationnel en repli de 4 % sur le trimestre.", "Résultat opérationnel"),
        ("Marge brute : 31,2 % contre 29,8 % un an plus tôt.", "Marge brute"),
    ],
)
def test_a_common_phrase_capitalised_at_a_sentence_start_is_no_name(text, fragment):
    assert run(text, [ent(text, fragment, "MISC")]) == []


def test_a_title_in_the_middle_of_a_sentence_stays_a_name():
    text = "Le jury a retenu Pluie battante, son deuxième roman. Pluie battante sort en poche."
    entities = [ent(text, "Pluie battante", "MISC"), ent(text, "Pluie battante", "MISC", occurrence=1)]
    assert run(text, entities) == [("Pluie battante", "MISC"), ("Pluie battante", "MISC")]


# A name the model alone calls a misc, subject of a verb of company news, is a company (a place is not: see
# test_a_place_before_an_everyday_business_verb_stays_a_place).
@pytest.mark.parametrize(
    ("text", "fragment", "label"),
    [
        ("Dans un communiqué, Varnelis annonce la fermeture de deux agences.", "Varnelis", "MISC"),
        ("Sur le Nasdaq, Quorvex a plongé de 11 % après ses résultats.", "Quorvex", "MISC"),
        ("Brindmoor dévoile sa nouvelle gamme de vélos cargo.", "Brindmoor", "MISC"),
    ],
)
def test_an_unknown_misc_with_a_company_verb_is_a_company(text, fragment, label):
    assert run(text, [ent(text, fragment, label)]) == [(fragment, "ORG")]


def test_a_person_with_a_generic_company_verb_stays_a_person():
    text = "Au micro, Élodie Varnier annonce sa candidature."
    assert run(text, [ent(text, "Élodie Varnier", "PER")]) == [("Élodie Varnier", "PER")]


def test_an_acronym_the_document_defines_is_kept_even_when_it_spells_a_currency_code():
    text = "L'Agence régionale de santé (ARS) a validé le plan. Le dossier repart ensuite à l'ARS."
    found = run(text, [ent(text, "Agence régionale de santé", "ORG")])
    assert found == [("Agence régionale de santé", "ORG"), ("ARS", "ORG"), ("ARS", "ORG")]
    loose = "Le billet vaut 1 200 ARS au marché parallèle."
    assert run(loose, [ent(loose, "ARS", "ORG")]) == []


def test_a_confederation_is_an_organisation_and_so_is_its_acronym():
    text = "La Confédération nationale des artisans (CNA) conteste la mesure."
    found = run(text, [ent(text, "Confédération nationale des artisans", "LOC")])
    assert found == [("Confédération nationale des artisans", "ORG"), ("CNA", "ORG")]


# The house-style capitals: a minister's portfolio and an acronym of a lower-case phrase are no names.
@pytest.mark.parametrize(
    ("text", "fragment", "label"),
    [
        ("Le ministre du Travail a reçu les syndicats mardi.", "Travail", "ORG"),
        ("La ministre des Solidarités présentera le texte en juin.", "Solidarités", "ORG"),
        ("Selon le ministre délégué aux Transports, le chantier reprendra.", "Transports", "MISC"),
    ],
)
def test_a_ministers_portfolio_is_no_name(text, fragment, label):
    assert run(text, [ent(text, fragment, label)]) == []


def test_a_full_ministry_stays_an_organisation():
    text = "Le ministère du Travail a publié les chiffres."
    assert run(text, [ent(text, "ministère du Travail", "ORG")]) == [("ministère du Travail", "ORG")]


def test_an_acronym_defined_after_a_lower_case_phrase_is_a_common_noun():
    text = "Le revenu minimum garanti (RMG) progresse. Le RMG reste sous le seuil de pauvreté."
    entities = [ent(text, "RMG", "ORG"), ent(text, "RMG", "ORG", occurrence=1)]
    assert run(text, entities) == []
    named = "L'Office national des forêts (ONF) recrute. L'ONF gère 11 millions d'hectares."
    assert ("ONF", "ORG") in run(named, [ent(named, "Office national des forêts", "ORG")])


def test_a_table_header_word_after_a_tab_is_no_name():
    text = "en millions\tS1 2024\tS1 2025\tVariation\nVentes\t120\t131\t+9 %"
    assert run(text, [ent(text, "Variation", "PER")]) == []


def test_a_city_heading_a_team_sheet_or_beaten_is_the_club():
    text = (
        "Ligue 1 : le match en direct. 12' But de Morel. Angers s'impose 2-1.\n"
        "Reims : Diouf (g) - Perrin, Laval, Oumar\n"
        "Metz, battu par Lille, recule au classement. Le stade de Metz sonne creux."
    )
    entities = [
        ent(text, "Reims", "LOC", source="patterns"),
        ent(text, "Metz", "LOC", source="patterns"),
        ent(text, "Metz", "LOC", source="patterns", occurrence=1),
    ]
    assert run(text, entities, ["sport"]) == [("Reims", "ORG"), ("Metz", "ORG"), ("Metz", "LOC")]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Les joueurs du Dynamo Grenoble ont signé une belle saison.", "Dynamo Grenoble"),
        ("Le budget voté par Grand Poitiers sera publié lundi.", "Grand Poitiers"),
        ("Les salariés de Vernex Marseille ont obtenu une prime.", "Vernex Marseille"),
    ],
)
def test_an_unknown_place_named_after_a_city_is_an_organisation(text, fragment):
    assert run(text, [ent(text, fragment, "LOC")], ["place_evidence"]) == [(fragment, "ORG")]


# A name cut inside the long form of the acronym after it runs over the whole long form (D98).
@pytest.mark.parametrize(
    ("text", "cut", "long_form", "acronym"),
    [
        (
            "Les agents de l'Office national de la chasse (ONC) ont verbalisé.",
            "Office national",
            "Office national de la chasse",
            "ONC",
        ),  # noqa: E501
        (
            "Le rapport de l'Union nationale des syndicats autonomes (Unsa) paraît.",
            "Union nationale",
            "Union nationale des syndicats autonomes",
            "Unsa",
        ),  # noqa: E501
        (
            "Il siège au groupe Démocrates, écologistes et solidaires (DES) depuis mai.",
            "Démocrates",
            "Démocrates, écologistes et solidaires",
            "DES",
        ),  # noqa: E501
    ],
)
def test_a_name_cut_inside_the_long_form_of_its_acronym_gets_the_whole_long_form(text, cut, long_form, acronym):
    found = run(text, [ent(text, cut, "ORG"), ent(text, acronym, "MISC")])
    assert (long_form, "ORG") in found and (acronym, "ORG") in found


def test_a_person_before_a_party_acronym_is_not_swallowed_by_a_long_form():
    text = "Selon Paul Lemaire (PS), le budget dérape."
    assert ("Paul Lemaire", "PER") in run(text, [ent(text, "Paul Lemaire", "PER")])


# A place after the capitalised head of an institution and `de` is that institution, head included (D98).
@pytest.mark.parametrize(
    ("text", "place", "label", "institution"),
    [
        (
            "La Chambre d'agriculture de Savoie a chiffré les pertes.",
            "Savoie",
            "LOC",
            "Chambre d'agriculture de Savoie",
        ),  # noqa: E501
        ("Le Syndicat mixte du Morbihan gère la collecte.", "Morbihan", "LOC", "Syndicat mixte du Morbihan"),
        ("Un prêt de la Banque Populaire de l'Ouest finance l'achat.", "Ouest", "LOC", "Banque Populaire de l'Ouest"),
    ],
)
def test_a_place_after_a_capitalised_institution_head_is_the_institution(text, place, label, institution):
    assert (institution, "ORG") in run(text, [ent(text, place, label)])


# A museum or theatre is a venue after a place preposition and the institution elsewhere (D95).
@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Le public s'est pressé au Musée de la Marine samedi.", "Musée de la Marine", "LOC"),
        ("Le Musée de la Marine prête deux maquettes à Brest.", "Musée de la Marine", "ORG"),
        ("La pièce se joue dans le Théâtre du Rond-Point jusqu'en mai.", "Théâtre du Rond-Point", "LOC"),
    ],
)
def test_a_museum_is_a_venue_only_after_a_place_preposition(text, name, label):
    other = "ORG" if label == "LOC" else "LOC"
    assert (name, label) in run(text, [ent(text, name, other)])


# In a sport page, a place after a club's initials is the club, and so are its other mentions (D60).
def test_a_city_that_is_a_club_once_is_the_club_in_its_other_mentions_of_a_sport_page():
    text = (
        "Championnat : le FC Rouen a battu Caen 2-1 au terme d'un match tendu. "
        "Rouen remonte au classement. À Rouen, le stade était plein ; l'entraîneur savoure."
    )
    found = run(
        text,
        [
            ent(text, "Rouen", "LOC"),
            ent(text, "Caen", "LOC"),
            ent(text, "Rouen", "LOC", occurrence=1),
            ent(text, "Rouen", "LOC", occurrence=2),
        ],
    )
    assert found == [("FC Rouen", "ORG"), ("Caen", "ORG"), ("Rouen", "ORG"), ("Rouen", "LOC")]


# compounds: one name cut in two, and two places glued into one route.
@pytest.mark.parametrize(
    ("text", "first", "second", "whole"),
    [
        (
            "Le dossier est suivi par le cabinet Marchetti, Olsen & Partners depuis 2022.",
            "Marchetti",
            "Olsen & Partners",
            "Marchetti, Olsen & Partners",
        ),
        (
            "La défense a été confiée à Durieux, Vasseur & Associés, basé à Lille.",
            "Durieux",
            "Vasseur & Associés",
            "Durieux, Vasseur & Associés",
        ),
        ("Le fonds Carlow, Brandt & Rice a racheté le groupe.", "Carlow", "Brandt & Rice", "Carlow, Brandt & Rice"),
    ],
)
def test_a_firm_named_after_its_partners_is_one_organisation(text, first, second, whole):
    entities = [ent(text, first, "PER"), ent(text, second, "ORG", "patterns")]
    assert (whole, "ORG") in run(text, entities, ["compounds"])


def test_names_of_a_list_that_goes_on_after_the_ampersand_stay_apart():
    text = "Parmi les acheteurs figurent Vestra, Holm & Co et Brigid Capital."
    entities = [ent(text, "Vestra", "ORG"), ent(text, "Holm & Co", "ORG"), ent(text, "Brigid Capital", "ORG")]
    assert run(text, entities, ["compounds"]) == [("Vestra", "ORG"), ("Holm & Co", "ORG"), ("Brigid Capital", "ORG")]


@pytest.mark.parametrize(
    ("text", "first", "first_label", "second", "second_label", "whole", "label"),
    [
        (
            "Le budget de Rennes Volley Club atteint 2 M€.",
            "Rennes",
            "LOC",
            "Volley Club",
            "LOC",
            "Rennes Volley Club",
            "ORG",
        ),
        (
            "Selon Crédit Mutuel Arkéa Bretagne, la demande baisse.",
            "Crédit Mutuel Arkéa",
            "ORG",
            "Bretagne",
            "LOC",
            "Crédit Mutuel Arkéa Bretagne",
            "ORG",
        ),
        (
            "L'emprunt Maroc Avenir 2030 a été souscrit.",
            "Maroc",
            "LOC",
            "Avenir 2030",
            "MISC",
            "Maroc Avenir 2030",
            "MISC",
        ),
    ],
)
def test_two_names_with_only_a_space_between_them_are_one_name(
    text, first, first_label, second, second_label, whole, label
):
    entities = [ent(text, first, first_label, "patterns"), ent(text, second, second_label)]
    assert run(text, entities, ["compounds"]) == [(whole, label)]


def test_a_person_beside_a_name_stays_apart():
    text = "Le directeur de Nordea Marc Olsen a démissionné."
    entities = [ent(text, "Nordea", "ORG"), ent(text, "Marc Olsen", "PER")]
    assert run(text, entities, ["compounds"]) == [("Nordea", "ORG"), ("Marc Olsen", "PER")]


@pytest.mark.parametrize(
    ("text", "route", "cities"),
    [
        ("La compagnie ouvre une liaison Brest-Porto en avril.", "Brest-Porto", ["Brest", "Porto"]),
        ("Les vols Nantes-Lisbonne reprennent en mai.", "Nantes-Lisbonne", ["Nantes", "Lisbonne"]),
        ("Elle relie Lyon-Marseille, Nice-Ajaccio et Bordeaux-Toulouse.", "Nice-Ajaccio", ["Nice", "Ajaccio"]),
    ],
)
def test_two_cities_joined_by_a_hyphen_in_a_route_are_two_places(text, route, cities):
    assert run(text, [ent(text, route, "LOC")], ["compounds"]) == [(city, "LOC") for city in cities]


def test_a_city_of_a_route_the_rules_left_out_is_added_and_a_compound_place_is_not_cut():
    text = "Le transporteur suspend Nantes-Lisbonne. Il habite la Croix-Rousse."
    entities = [ent(text, "Nantes", "LOC", "patterns"), ent(text, "Croix-Rousse", "LOC")]
    assert run(text, entities, ["compounds"]) == [("Nantes", "LOC"), ("Lisbonne", "LOC"), ("Croix-Rousse", "LOC")]


# Model MISC noise: headings with a year, English quotations, shouted lines, pronouns and units.
@pytest.mark.parametrize(
    ("text", "fragment", "label", "source"),
    [
        ("Le conseil a voté.\nPrévisions 2026\nLa commune vise plus.", "Prévisions 2026", "MISC", "patterns"),
        ("« We want to grow in Lyon », dit-il.", "We want to grow in", "MISC", "model"),
        ("89' BUT POUR ROUEN ! Le stade exulte.", "ROUEN", "MISC", "model"),
        ("Les marchés reculent.\nDEVISES ET MATIÈRES\nLe dollar cède.", "MATIÈRES", "MISC", "model"),
        ("Les primes restent modestes. Ça couvre à peine les frais.", "Ça", "MISC", "model"),
        ("La tablette passe à 8 Go de mémoire.", "Go", "MISC", "model"),
    ],
)
def test_model_misc_noise_is_no_name(text, fragment, label, source):
    assert run(text, [ent(text, fragment, label, source)], ["exclusions"]) == []


@pytest.mark.parametrize(
    ("text", "fragment", "label"),
    [
        ("Les billets pour l'Euro 2028 sont en vente.", "Euro 2028", "MISC"),
        ("Selon Ipsos, la BCE ET LA FED divergent.", "FED", "ORG"),
        ("The Economist juge le plan trop timide.", "The Economist", "ORG"),
    ],
)
def test_names_beside_those_shapes_stay(text, fragment, label):
    assert run(text, [ent(text, fragment, label)], ["exclusions"]) == [(fragment, label)]


# An organisation a rule decided labels the model's names it is listed with.
@pytest.mark.parametrize(
    ("text", "anchor", "other", "label"),
    [
        ("Face à Ryanair et Vuelora, la compagnie baisse ses prix.", "Ryanair", "Vuelora", "MISC"),
        ("Le film est distribué par Gaumont et Les Films de l'Anse.", "Gaumont", "Les Films de l'Anse", "MISC"),
        ("Les cartes d'UGC et de Cinévia coûtent 23 euros.", "UGC", "Cinévia", "LOC"),
    ],
)
def test_a_name_listed_with_a_rule_organisation_is_an_organisation(text, anchor, other, label):
    entities = [ent(text, anchor, "ORG", "patterns"), ent(text, other, label)]
    assert run(text, entities, ["consistency"]) == [(anchor, "ORG"), (other, "ORG")]


def test_a_comma_alone_or_a_full_person_name_keeps_the_model_label():
    text = "C'est reparti au Phare, Chambéry mène. Ryanair et Marc Olsen ont signé."
    entities = [
        ent(text, "Phare", "LOC"),
        ent(text, "Chambéry", "ORG", "patterns"),
        ent(text, "Ryanair", "ORG", "patterns"),
        ent(text, "Marc Olsen", "PER"),
    ]
    assert run(text, entities, ["consistency"]) == [
        ("Phare", "LOC"),
        ("Chambéry", "ORG"),
        ("Ryanair", "ORG"),
        ("Marc Olsen", "PER"),
    ]


# A name right after a lower-case street or building generic is that place, generic included (D133).
@pytest.mark.parametrize(
    ("text", "fragment", "label", "whole"),
    [
        ("Les loyers flambent autour de la place Saint-Michel.", "Saint-Michel", "LOC", "place Saint-Michel"),
        ("Le défilé remonte la rue Victor-Hugo jusqu'au port.", "Victor-Hugo", "PER", "rue Victor-Hugo"),
        ("L'exposition ouvre dans le pavillon Jean Drapeau en mai.", "Jean Drapeau", "PER", "pavillon Jean Drapeau"),
    ],
)
def test_a_name_after_a_street_generic_is_the_street(text, fragment, label, whole):
    assert run(text, [ent(text, fragment, label)], ["trims"]) == [(whole, "LOC")]


def test_an_organisation_after_a_street_generic_stays_an_organisation():
    text = "La place Beauvau a démenti, selon le marché Euronext."
    entities = [ent(text, "Beauvau", "ORG"), ent(text, "Euronext", "MISC")]
    assert run(text, entities, ["trims"]) == [("Beauvau", "ORG"), ("Euronext", "MISC")]


# A short capitalised phrase in « » written again in the document is a title.
def test_a_quoted_title_written_again_is_misc_in_every_mention():
    text = (
        "« Le Bal de Brest » a attiré 90 000 spectateurs. Le Bal de Brest devance « Nuit sur Lyon ».\n"
        "1. Le Bal de Brest (Pathé) – 90 000"
    )
    entities = [
        ent(text, "Brest", "LOC", occurrence=0),
        ent(text, "Brest", "LOC", occurrence=1),
        ent(text, "Lyon", "LOC"),
        ent(text, "Brest", "LOC", occurrence=2),
        ent(text, "Pathé", "ORG", "patterns"),
    ]
    assert run(text, entities, ["titles"]) == [
        ("Le Bal de Brest", "MISC"),
        ("Le Bal de Brest", "MISC"),
        ("Lyon", "LOC"),
        ("Le Bal de Brest", "MISC"),
        ("Pathé", "ORG"),
    ]


def test_a_pull_quote_repeated_in_the_article_is_no_title():
    text = "« Nous voulons des moyens »\nLe maire l'a redit : nous voulons des moyens. Nous voulons des moyens, dit-il."
    assert run(text, [], ["titles"]) == []


def test_the_names_of_a_team_sheet_are_players():
    text = (
        "Le Stade brestois a battu Lorient au terme du match, but, penalty, buteur et victoire.\n"
        "Brest : Morvan (g) - Kerhervé, Daoulas, Le Gall - Pennec, Quéré. Entraîneur : Yves Tanguy."
    )
    entities = [
        ent(text, "Kerhervé", "PER"),
        ent(text, "Daoulas", "LOC"),
        ent(text, "Le Gall", "ORG", "patterns"),
        ent(text, "Quéré", "LOC"),
    ]
    from pipeline.names_document import team_sheets

    result = [(e.text, e.label) for e in team_sheets(text, entities)]
    assert result == [
        ("Morvan", "PER"),
        ("Kerhervé", "PER"),
        ("Daoulas", "PER"),
        ("Le Gall", "PER"),
        ("Pennec", "PER"),
        ("Quéré", "PER"),
    ]


def test_a_colon_before_a_short_list_is_no_team_sheet():
    from pipeline.names_document import team_sheets

    text = "Partenaires : Orange, Airbus et Thales. Villes : Lyon, Lille."
    entities = [ent(text, "Orange", "ORG"), ent(text, "Lyon", "LOC"), ent(text, "Lille", "LOC")]
    assert [(e.text, e.label) for e in team_sheets(text, entities)] == [
        ("Orange", "ORG"),
        ("Lyon", "LOC"),
        ("Lille", "LOC"),
    ]


@pytest.mark.parametrize(
    ("text", "fragment", "person"),
    [
        (
            "Le violon de l'Islandaise Björk Einarsdóttir ouvre le disque.",
            "Islandaise Björk Einarsdóttir",
            "Björk Einarsdóttir",
        ),
        ("Le festival a invité la Malienne Awa Traoré et un trio.", "Malienne Awa Traoré", "Awa Traoré"),
        (
            "Le jury a primé le Norvégien Lars Eikeland pour son premier film.",
            "Norvégien Lars Eikeland",
            "Lars Eikeland",
        ),
    ],
)
def test_a_nationality_noun_before_a_full_name_is_left_out_of_the_person(text, fragment, person):
    assert run(text, [ent(text, fragment, "LOC")], ["trims"]) == [(person, "PER")]


@pytest.mark.parametrize(
    ("text", "fragment", "name"),
    [
        ("Après le passage du cyclone Belal, l'île compte ses dégâts.", "cyclone Belal", "Belal"),
        ("Les avions restent au sol faute de moteurs LEAP neufs.", "moteurs LEAP", "LEAP"),
        ("Le club a brillé durant la saison régulière en Pro D2 cette année.", "saison régulière en Pro D2", "Pro D2"),
    ],
)
def test_lower_case_generic_words_stay_out_of_a_model_misc(text, fragment, name):
    assert run(text, [ent(text, fragment, "MISC")], ["trims"]) == [(name, "MISC")]


def test_a_tax_or_a_prize_keeps_its_generic_word():
    text = "La taxe Zucman et le prix Renaudot font débat."
    entities = [ent(text, "taxe Zucman", "MISC"), ent(text, "prix Renaudot", "MISC")]
    assert run(text, entities, ["trims"]) == [("taxe Zucman", "MISC"), ("prix Renaudot", "MISC")]


# Every apostrophe of pipeline/folding.py is an apostrophe to the name rules, whichever one the page prints.
@pytest.mark.parametrize("apostrophe", list(APOSTROPHES))
def test_every_apostrophe_of_folding_elides_for_the_name_rules(apostrophe):
    text = f"La ministre de l{apostrophe}Artisanat ouvrira le salon jeudi."
    assert run(text, [ent(text, "Artisanat", "ORG")]) == []
    phrase = f"Coup d{apostrophe}arrêt pour le chantier du tramway."
    assert run(phrase, [ent(phrase, f"Coup d{apostrophe}arrêt", "MISC")]) == []


# `au titre de`, `à titre de` are prepositions, not the shares (`le titre de X`) of a company.
@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("La commune touchera 300 000 euros au titre de la PNRV pour sa voirie.", "PNRV"),
        ("Le bourg a obtenu une subvention au titre de l'Agenda Bocage pour son école.", "Agenda Bocage"),
        ("Le département versera une aide au titre du Plan Horizon 2030.", "Plan Horizon 2030"),
    ],
)
def test_a_name_after_au_titre_de_is_no_company(text, fragment):
    assert run(text, [ent(text, fragment, "MISC")], families=["company_verbs"]) == [(fragment, "MISC")]


def test_the_shares_of_a_company_still_make_it_an_organisation():
    text = "Le titre de Corvanne a perdu 6 % mardi."
    assert run(text, [ent(text, "Corvanne", "LOC")], families=["company_verbs"]) == [("Corvanne", "ORG")]


# D91: a town stays a place after `la mairie de`, `le conseil municipal de`, `la commune de`.
@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Le conseil municipal de Brassac a voté la hausse des tarifs de la cantine.", "Brassac"),
        ("Les habitants ont manifesté devant la mairie de Quintenas samedi matin.", "Quintenas"),
        ("La commune de Saint-Alvère compte désormais deux boulangeries.", "Saint-Alvère"),
    ],
)
def test_a_town_after_mairie_or_conseil_municipal_stays_a_place(text, town):
    assert run(text, [ent(text, town, "LOC")]) == [(town, "LOC")]


# Towns, ports and countries are subjects of the everyday verbs of business too: a model place stays a place.
@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Deuxième port thonier du pays, Le Croisic a vendu 9 000 tonnes de poisson l'an passé.", "Le Croisic"),
        ("Cette année encore, Montbrison propose des navettes gratuites le jour du marché.", "Montbrison"),
        ("Après trois ans de travaux, Pontivy ferme enfin le chantier de la gare.", "Pontivy"),
    ],
)
def test_a_place_before_an_everyday_business_verb_stays_a_place(text, town):
    assert run(text, [ent(text, town, "LOC")], families=["company_verbs"]) == [(town, "LOC")]


def test_a_misc_before_an_everyday_business_verb_is_a_company():
    text = "Pour conquérir les lycées, Talvane propose une tablette à 199 euros."
    assert run(text, [ent(text, "Talvane", "MISC")], families=["company_verbs"]) == [("Talvane", "ORG")]
