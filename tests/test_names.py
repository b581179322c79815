"""The names stage: French sentences in, names (text, label) out.

The model is loaded once for the session (the `names_nlp` fixture of conftest.py). The post-processing
tests need no model: they give `clean_names` a text and the entities a model or the ruler would have found.
"""

from __future__ import annotations

import pytest
import spacy
from conftest import ner_pipeline

from pipeline.model import NAME_LABELS, Entity
from pipeline.names import CONTEXT_PATTERNS, RULER_PATTERNS, NamesRuler, clean_names, find_names, load_nlp
from pipeline.resources import load_pattern


@pytest.fixture(scope="module")
def bare_nlp():
    return load_nlp(ruler=False)


def found(nlp, text: str, postprocess: bool = True) -> list[Entity]:
    [entities] = find_names(nlp, [(text, [(0, len(text))])], postprocess=postprocess)
    for entity in entities:
        assert text[entity.start : entity.end] == entity.text
    return entities


def names(nlp, text: str, postprocess: bool = True) -> list[tuple[str, str]]:
    return [(e.text, e.label) for e in found(nlp, text, postprocess)]


def cleaned(text: str, *entities: tuple[str, str, str]) -> list[tuple[str, str]]:
    """clean_names over (span text, label, source) found at their first place in `text`."""
    given, position = [], 0
    for span, label, source in entities:
        start = text.index(span, position)
        given.append(Entity(start, start + len(span), label, span, source=source))
        position = start + 1
    result = clean_names(text, given)
    for entity in result:
        assert text[entity.start : entity.end] == entity.text
    return [(e.text, e.label) for e in result]


# --- the examples, in new sentences --------------------------------------------------


def test_a_fund_named_after_le_fonds_is_an_organisation(names_nlp):
    assert names(names_nlp, "Le fonds canadien Orvalis rachète la société Veridis.") == [
        ("Orvalis", "ORG"),
        ("Veridis", "ORG"),
    ]


def test_a_listed_company_is_an_organisation_not_a_person(names_nlp):
    assert names(names_nlp, "Stellantis a annoncé la fermeture d'une usine en Italie.") == [
        ("Stellantis", "ORG"),
        ("Italie", "LOC"),
    ]


def test_a_weekday_is_never_a_person(names_nlp):
    assert names(names_nlp, "Lundi, le ministre a reçu les syndicats.") == []


def test_the_article_stays_out_of_a_country(names_nlp):
    assert names(names_nlp, "Pour la France, c'est une première.") == [("France", "LOC")]


def test_a_company_and_the_white_house_are_two_names(names_nlp):
    assert names(names_nlp, "Le contrat a été présenté par Thales et Dassault à la Maison Blanche jeudi.") == [
        ("Thales", "ORG"),
        ("Dassault", "ORG"),
        ("Maison Blanche", "LOC"),
    ]


# --- the ruler: vocabulary and name shapes ---------------------------------------------------


def test_an_elided_article_stays_out(names_nlp):
    assert names(names_nlp, "Les investissements d'Amazon en Europe progressent.") == [
        ("Amazon", "ORG"),
        ("Europe", "LOC"),
    ]


def test_a_product_in_quotation_marks_is_misc_without_them(names_nlp):
    assert names(names_nlp, "Le réseau social a lancé son chatbot « Grok ».") == [("Grok", "MISC")]


def test_a_name_ending_in_ai_is_an_organisation(names_nlp):
    assert names(names_nlp, "Hier, Lumen AI a présenté son premier produit.") == [("Lumen AI", "ORG")]


def test_a_name_ending_in_act_is_a_law(names_nlp):
    assert names(names_nlp, "Les députés ont voté le Cyber Solidarity Act.") == [("Cyber Solidarity Act", "MISC")]


def test_a_title_whose_name_has_an_article_keeps_it(names_nlp):
    assert names(names_nlp, "Selon Le Parisien, la grève touchera aussi Ouest-France.") == [
        ("Le Parisien", "ORG"),
        ("Ouest-France", "ORG"),
    ]


def test_ruler_names_come_from_the_patterns_and_the_others_from_the_model(names_nlp):
    entities = found(names_nlp, "Le président Lula a rencontré Emmanuel Macron à Brasília.")
    assert [(e.text, e.label, e.source) for e in entities] == [
        ("Lula", "PER", "patterns"),
        ("Emmanuel Macron", "PER", "model"),
        ("Brasília", "LOC", "model"),
    ]


# --- contexts --------------------------------------------------------------------------------


def test_a_start_up_with_its_adjective_of_origin_is_an_organisation(names_nlp):
    assert names(names_nlp, "La start-up bordelaise Qarnot a levé 35 millions d'euros.") == [("Qarnot", "ORG")]


def test_the_company_of_a_pdg_is_an_organisation_and_the_pdg_a_person(names_nlp):
    assert names(names_nlp, "Anne Lemaire, PDG de Vireo, a présenté ses résultats.") == [
        ("Anne Lemaire", "PER"),
        ("Vireo", "ORG"),
    ]


def test_an_operator_keeps_the_model_out_of_its_name(names_nlp):
    assert names(names_nlp, "Le géant suédois Vantor et l'opérateur Telmara ouvrent un site à Dijon.") == [
        ("Vantor", "ORG"),
        ("Telmara", "ORG"),
        ("Dijon", "LOC"),
    ]


def test_every_name_of_a_list_of_investors_is_an_organisation(names_nlp):
    assert names(names_nlp, "Plusieurs investisseurs comme Eurazeo, Sofina et Bleu Capital ont suivi le tour.") == [
        ("Eurazeo", "ORG"),
        ("Sofina", "ORG"),
        ("Bleu Capital", "ORG"),
    ]


def test_a_partner_is_an_organisation(names_nlp):
    assert names(names_nlp, "Le constructeur a signé un partenariat avec Valmont Robotique.") == [
        ("Valmont Robotique", "ORG")
    ]


def test_the_seat_of_an_institution_is_a_place_where_people_meet(names_nlp):
    assert names(names_nlp, "Réunis à Matignon, les patrons ont rencontré la Première ministre.") == [
        ("Matignon", "LOC")
    ]


def test_the_seat_of_an_institution_is_an_organisation_when_it_acts(names_nlp):
    assert names(names_nlp, "Matignon a confirmé la nouvelle dans la soirée.") == [("Matignon", "ORG")]


def test_a_role_without_a_name_is_no_person(names_nlp):
    assert names(names_nlp, "Le président de la République a visité l'usine de Renault.") == [("Renault", "ORG")]


def test_a_name_used_as_a_common_noun_is_not_annotated(names_nlp):
    assert names(names_nlp, "Cette start-up veut devenir un Google européen, voire un Netflix de la formation.") == []


# --- the stage as a whole --------------------------------------------------------------------


def test_names_are_found_in_the_content_only_with_raw_offsets(names_nlp):
    raw = "MENU Accueil\nLe fonds suédois Kelio investit à Lyon.\nPartager sur Facebook"
    start, end = raw.index("Le fonds"), raw.index("Lyon.") + len("Lyon.")
    [entities] = find_names(names_nlp, [(raw, [(start, end)])])
    assert [(e.start, e.end, e.label, e.text) for e in entities] == [(30, 35, "ORG", "Kelio"), (47, 51, "LOC", "Lyon")]


def test_no_name_crosses_a_line_break(names_nlp):
    text = "Un Forum Géant pour la Mobilité Urbaine\n\nJeudi 6 et vendredi 7 mars, Nantes accueille le congrès."
    assert all("\n" not in e.text for e in found(names_nlp, text))


def test_without_rules_the_stage_is_the_bare_model(bare_nlp):
    assert bare_nlp.pipe_names == ["ner"]
    assert names(bare_nlp, "Pour la France, c'est une première.", postprocess=False) == [("la France", "LOC")]


# --- post-processing, without the model ------------------------------------------------------


def test_a_determiner_is_trimmed_from_a_model_name():
    assert cleaned("Selon lui, la France investit.", ("la France", "LOC", "model")) == [("France", "LOC")]


def test_an_elided_article_is_trimmed_from_a_model_name():
    assert cleaned("Le budget de l'UE augmente.", ("l'UE", "ORG", "model")) == [("UE", "ORG")]


def test_a_capitalised_article_inside_a_sentence_belongs_to_the_name():
    assert cleaned("Il vit à La Haye depuis 2010.", ("La Haye", "LOC", "model")) == [("La Haye", "LOC")]


def test_a_capitalised_article_at_the_start_of_a_sentence_is_a_determiner():
    assert cleaned("Il part. La France investit.", ("La France", "LOC", "model")) == [("France", "LOC")]


def test_a_listed_name_keeps_its_article():
    assert cleaned("Le Monde a révélé l'affaire.", ("Le Monde", "ORG", "patterns")) == [("Le Monde", "ORG")]


def test_quotation_marks_are_trimmed():
    assert cleaned("Le programme « Horizon » démarre.", ("« Horizon »", "MISC", "model")) == [("Horizon", "MISC")]


@pytest.mark.parametrize(
    ("text", "span", "name"),
    [
        ("Arrivées : Tom Vidal (Racing Besançon → Amiens) pour 3 M€.", "Racing Besançon →", "Racing Besançon"),
        ("Le milieu passé par l'Ajaccio Sporting ⇒ prêté cet hiver.", "Ajaccio Sporting ⇒", "Ajaccio Sporting"),
        ("Il passa de la Ligue Atlantique -> élite en un an.", "Ligue Atlantique ->", "Ligue Atlantique"),
    ],
)
def test_arrows_and_breadcrumb_marks_are_trimmed(text, span, name):
    assert cleaned(text, (span, "ORG", "model")) == [(name, "ORG")]


def test_a_name_is_cut_at_a_line_break():
    text = "Forum Mondial\nMardi, la séance a commencé."
    assert cleaned(text, ("Forum Mondial\nMardi", "MISC", "model")) == [("Forum Mondial", "MISC")]


def test_weekday_and_month_names_are_never_people():
    assert cleaned("Lundi, il a parlé. Mai sera décisif.", ("Lundi", "PER", "model"), ("Mai", "PER", "model")) == []


def test_a_role_title_is_trimmed_from_a_person():
    text = "Le président Emmanuel Macron a parlé."
    assert cleaned(text, ("président Emmanuel Macron", "PER", "model")) == [("Emmanuel Macron", "PER")]


def test_a_role_with_its_institution_is_no_person():
    text = "Le président de la République a parlé."
    assert cleaned(text, ("président de la République", "PER", "model")) == []


def test_a_common_noun_is_no_name():
    assert (
        cleaned("Les acteurs du cloud investissent dans l'IA.", ("cloud", "MISC", "model"), ("IA", "MISC", "model"))
        == []
    )


def test_a_seat_after_a_place_preposition_is_a_place():
    assert cleaned("Les ministres réunis à Bercy ont tranché.", ("Bercy", "ORG", "patterns")) == [("Bercy", "LOC")]


def test_a_seat_that_acts_is_an_organisation():
    assert cleaned("Bercy a démenti l'information.", ("Bercy", "LOC", "model")) == [("Bercy", "ORG")]


def test_model_names_of_a_title_case_heading_need_a_second_mention():
    text = "Réformes Audacieuses en Bretagne, Priorité aux Petites Communes\nLe plan vise la Bretagne."
    entities = [
        ("Réformes Audacieuses", "ORG", "model"),
        ("Bretagne", "LOC", "model"),
        ("Petites Communes", "MISC", "model"),
        ("Bretagne", "LOC", "model"),
    ]
    assert cleaned(text, *entities) == [("Bretagne", "LOC"), ("Bretagne", "LOC")]


def test_a_name_used_as_a_common_noun_is_dropped():
    assert cleaned("Le fondateur rêve d'un Tesla du vélo électrique.", ("Tesla", "ORG", "patterns")) == []


def test_a_model_name_takes_the_label_the_rules_gave_its_first_mention():
    text = "Le fonds Orvalis investit. Orvalis prévoit de lever 2 milliards."
    assert cleaned(text, ("Orvalis", "ORG", "patterns"), ("Orvalis", "LOC", "model")) == [
        ("Orvalis", "ORG"),
        ("Orvalis", "ORG"),
    ]


# --- the pattern files -----------------------------------------------------------------------


def test_every_ruler_pattern_has_an_id_and_a_name_label():
    patterns = load_pattern(RULER_PATTERNS)
    assert len(patterns) > 500
    assert all(p["id"] and p["label"] in NAME_LABELS for p in patterns)


def test_every_context_rule_leaves_a_name_between_its_contexts():
    for rule in load_pattern(CONTEXT_PATTERNS):
        assert rule["label"] in NAME_LABELS and rule["id"].startswith("context:")
        assert rule.get("before", 0) + rule.get("after", 0) < len(rule["pattern"])


def test_long_ranges_are_cut_at_line_breaks_into_chunks():
    from pipeline.names import chunk_ranges

    raw = "Premier paragraphe.\nDeuxième paragraphe.\nTroisième."
    assert chunk_ranges(raw, [(0, len(raw))], limit=25) == [[(0, 19)], [(19, 40)], [(40, len(raw))]]


def test_a_text_cut_into_chunks_gives_the_same_names(names_nlp):
    paragraph = "Emmanuel Macron a reçu les dirigeants de Mistral AI à Paris.\n"
    raw = paragraph * 6
    whole = next(find_names(names_nlp, [(raw, [(0, len(raw))])]))
    chunked = next(find_names(names_nlp, [(raw, [(0, len(raw))])], chunk_chars=130))
    assert [(e.start, e.end, e.label) for e in chunked] == [(e.start, e.end, e.label) for e in whole]
    assert len(whole) == 18


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Le contrat avec Hydro-Québec a été renouvelé pour dix ans.", ("Québec", "LOC")),
        ("La navette relie désormais Bruxelles-Midi en vingt minutes.", ("Bruxelles", "LOC")),
        ("Les loyers de Lyon-Confluence dépassent ceux du centre.", ("Lyon", "LOC")),
    ],
)
def test_a_known_place_glued_by_a_hyphen_to_another_word_is_not_cut_out_of_it(names_nlp, text, part):
    assert part not in names(names_nlp, text)


def test_two_places_joined_by_a_hyphen_are_a_route_of_two_places(names_nlp):
    found_names = names(names_nlp, "La compagnie ouvre une ligne Lille-Marseille au printemps.")
    assert ("Lille", "LOC") in found_names and ("Marseille", "LOC") in found_names


def test_english_dates_possessive_names_former_regions_and_company_boards(names_nlp):
    assert names(names_nlp, "L'accord a été signé le 3 October 2024 à Londres.") == [("Londres", "LOC")]
    assert ("Rhône-Alpes", "LOC") in names(
        names_nlp, "Les vignerons de Rhône-Alpes ont perdu un tiers de leur récolte."
    )
    assert cleaned("Les ventes de Dunmore’s reculent.", ("Dunmore’", "ORG", "model")) == [("Dunmore’s", "ORG")]
    assert cleaned("Le Conseil d'Administration a validé.", ("Conseil d'Administration", "ORG", "model")) == []


def test_the_name_rulers_round_trip_through_to_disk_and_give_the_same_names(names_nlp, tmp_path):
    """The rule components are saved with `to_disk` and rebuilt from their folders around the same NER (the
    model's weights and vectors are spaCy's to round-trip; saving and loading them cost 4 s)."""
    text = (
        "Airbus et Safran ont signé à Toulouse un accord avec la Banque publique d'investissement. "
        "Le Paris SG recrute, tandis que la région Rhône-Alpes finance un projet à Hydro-Québec."
    )
    rules = [name for name in names_nlp.pipe_names if name != "ner"]
    names_nlp.to_disk(tmp_path / "pipeline", exclude=["vocab", "tokenizer", "ner"])
    for component in ("fr_names_ruler", "fr_places_before", "fr_places_after"):
        saved = (tmp_path / "pipeline" / component / "patterns.jsonl").read_text(encoding="utf-8").splitlines()
        assert len(saved) == len(names_nlp.get_pipe(component).patterns.patterns) > 0
    config = spacy.util.load_config(tmp_path / "pipeline" / "config.cfg")
    reloaded = ner_pipeline(names_nlp)
    order = config["nlp"]["pipeline"]
    for name in order:
        if name in rules:
            settings = dict(config["components"][name])
            factory = settings.pop("factory")
            place = {"before": "ner"} if order.index(name) < order.index("ner") else {"last": True}
            component = reloaded.add_pipe(factory, name=name, config=settings, **place)
            if hasattr(component, "from_disk"):  # as Language.from_disk does (fr_line_breaks has no data)
                component.from_disk(tmp_path / "pipeline" / name)
    assert reloaded.get_pipe("ner") is names_nlp.get_pipe("ner")
    assert reloaded.pipe_names == names_nlp.pipe_names
    assert found(reloaded, text) == found(names_nlp, text)
    assert ("Toulouse", "LOC") in names(reloaded, text)


def test_a_ruler_loaded_from_disk_uses_the_saved_patterns_not_the_package_files(names_nlp, tmp_path):
    ruler = names_nlp.get_pipe("fr_names_ruler")
    folder = tmp_path / "ruler"
    ruler.to_disk(folder)
    (folder / "patterns.jsonl").write_text(
        '{"label": "ORG", "pattern": [{"LOWER": "quorvane"}], "id": "quorvane"}\n', encoding="utf-8"
    )
    copy = NamesRuler(names_nlp, "copy", []).from_disk(folder)
    doc = copy(names_nlp.make_doc("Le groupe Quorvane et Airbus."))
    assert [(e.text, e.label_, e.id_) for e in doc.ents] == [("Quorvane", "ORG", "quorvane")]


# --- a shorter rule match never cuts a longer name (issue 13: `Groupama-FDJ`, `Art Institute of Chicago`) ----


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Un chercheur du California Institute of Technology a parlé.", "California Institute of Technology"),
        ("La Banque Centre-Atlantique a relevé ses taux en juin.", "Banque Centre-Atlantique"),
        ("Elle a pris la tête de la Fédération Alsace-Lorraine l'an dernier.", "Fédération Alsace-Lorraine"),
    ],
)
def test_a_shape_or_place_glued_by_a_hyphen_or_joined_by_of_is_part_of_the_longer_name(names_nlp, text, name):
    assert (name, "ORG") in names(names_nlp, text)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Le jury a préféré « La Maison des vents » aux autres romans.", "La Maison des vents"),
        ("Son premier roman, « Les Heures claires », sort en poche.", "Les Heures claires"),
        ("Le documentaire « Le Grand Silence » a réuni 80 000 spectateurs.", "Le Grand Silence"),
    ],
)
def test_a_title_quoted_whole_keeps_its_capitalised_article(text, title):
    assert cleaned(text, (title, "MISC", "model")) == [(title, "MISC")]


def test_a_capitalised_article_opening_a_sentence_stays_out_of_the_name():
    text = "Le Groupe Vernier a signé. « Les Echos de Vernier, c'est fini », dit-il."
    assert cleaned(text, ("Le Groupe Vernier", "ORG", "model")) == [("Groupe Vernier", "ORG")]


def test_a_figure_after_a_name_that_is_part_of_an_amount_is_no_model_code():
    text = "Le Fonds régional Loire-Atlantique 250 000 euros, et Airbus A321 vole."
    entities = [
        Entity(3, text.index(" 250"), "ORG", text[3 : text.index(" 250")], source="model"),
        Entity(text.index("Airbus"), text.index("Airbus") + 6, "ORG", "Airbus", source="model"),
    ]
    from pipeline.names_document import apply_document_rules

    result = [(e.text, e.label) for e in apply_document_rules(text, [(0, len(text))], entities, ["trims"])]
    assert ("Fonds régional Loire-Atlantique", "ORG") in result and ("Airbus A321", "MISC") in result


# --- a company the text qualifies by apposition or by a noun of corporate life (issue 13) -------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("La région a choisi Orvanto, la société qui gère déjà le port.", "Orvanto"),
        ("Les fonds viennent de Kestrel, le groupe familial lyonnais, depuis 2019.", "Kestrel"),
        ("Le réseau est exploité par Calvira Thermique, une filiale de Suez, depuis 2015.", "Calvira Thermique"),
    ],
)
def test_a_name_in_apposition_to_a_company_noun_is_an_organisation(names_nlp, text, name):
    assert (name, "ORG") in names(names_nlp, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("L'acquisition de Lumetrix a été finalisée en mai.", "Lumetrix"),
        ("Les commerciaux de Sorevia ont démarché les retraités.", "Sorevia"),
        ("La cession de Dravelle à un fonds américain est bouclée.", "Dravelle"),
    ],
)
def test_a_name_after_a_noun_of_corporate_life_is_an_organisation(names_nlp, text, name):
    assert (name, "ORG") in names(names_nlp, text)


def test_a_place_after_a_factory_stays_a_place(names_nlp):
    assert ("Cernay", "LOC") in names(names_nlp, "L'usine de Cernay fermera en juin, à Cernay même.")


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Le film (Paramount Bros.) a déçu.", "Paramount Bros", "Paramount Bros."),
        ("Le rachat par Delvane Inc., basé à Boston, est validé.", "Delvane Inc", "Delvane Inc."),
        ("Elle travaille pour Lintree & Co. Son frère aussi.", "Lintree & Co", "Lintree & Co"),
    ],
)
def test_a_company_abbreviation_keeps_its_period_except_at_a_sentence_end(text, name, expected):
    assert cleaned(text, (name, "ORG", "model")) == [(expected, "ORG")]


@pytest.mark.parametrize(
    "text",
    [
        "Le soir, les ministres ont dîné ensemble à la préfecture.",
        "La réunion publique aura lieu jeudi à la salle des fêtes.",
        "La défense a plaidé la relaxe devant le tribunal.",
    ],
)
def test_a_common_noun_after_a_capitalised_article_is_no_listed_name(names_nlp, text):
    assert names(names_nlp, text) == []


def test_a_listed_name_with_its_article_is_found_when_both_are_capitalised(names_nlp):
    assert names(names_nlp, "Selon Le Soir, une usine ouvrira à La Rochelle.") == [
        ("Le Soir", "ORG"),
        ("La Rochelle", "LOC"),
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Les Rennais du groupe Les Marins Gris, programmés samedi, ont joué.", "Les Marins Gris"),
        ("Les Lillois de la société Les Ateliers du Nord ont signé.", "Les Ateliers du Nord"),
        ("Le rachat de la société La Fabrique Verte est bouclé.", "La Fabrique Verte"),
    ],
)
def test_a_company_noun_before_a_name_with_its_capitalised_article_labels_the_whole_name(names_nlp, text, name):
    assert [(e.text, e.label, e.rule) for e in found(names_nlp, text)] == [(name, "ORG", "context:company-noun-name")]


def test_a_listed_name_after_a_capitalised_word_is_the_end_of_a_longer_name(names_nlp):
    assert names(names_nlp, "Le club a recruté l'entraîneur gallois Cory Blackwell, arrivé en mai.") == [
        ("Cory Blackwell", "PER")
    ]


# A component noun is followed by its maker (`une puce X`), an offer noun often by a capitalised word of the
# catalogue (`l'option Confort`): neither context makes a product; a device noun still does (`le smartphone X`).
@pytest.mark.parametrize(
    "text",
    [
        "Le nouvel ordinateur portable embarque une puce Qualvern gravée en 3 nanomètres.",
        "Le constructeur a retenu un processeur Sarvantis pour sa prochaine console.",
        "Les abonnés qui ont choisi l'option Confort paient 12 euros de plus par mois.",
        "Avec l'offre Essentiel, le client n'a droit qu'à deux appels par mois.",
    ],
)
def test_a_component_or_offer_noun_makes_no_product_of_the_next_name(names_nlp, text):
    assert all(e.rule != "context:product-noun-name" for e in found(names_nlp, text))


def test_a_device_noun_still_makes_a_product_of_the_next_name(names_nlp):
    entities = found(names_nlp, "Le smartphone Orvia 3 sera vendu à partir de mars.")
    assert [(e.text, e.label, e.rule) for e in entities] == [("Orvia 3", "MISC", "context:product-noun-name")]
