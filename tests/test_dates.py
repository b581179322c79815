"""The DATE rule stage (pipeline/dates.py): French sentences in, exact spans and TIMEX3 values out."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.dates import find_dates, resolve_date
from pipeline.dates_parser import read_date


def dates(text: str, published: str | None = None) -> list[tuple[str, str]]:
    """(span, value) of every DATE found in text."""
    return [(entity.text, entity.norm["value"]) for entity in find_dates(text, published)]


# --- spans, as ANNOTATION.md §4 defines them ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Le jeudi 6 mars, la ministre a visité le chantier.", "2025-03", [("jeudi 6 mars", "2025-03-06")]),
        ("L'accord a été signé le 11 février 2025 à Paris.", None, [("11 février 2025", "2025-02-11")]),
        ("Les prix avaient baissé en décembre 2024.", None, [("décembre 2024", "2024-12")]),
        ("Le 1er mars 2024, la loi est entrée en vigueur.", None, [("1er mars 2024", "2024-03-01")]),
    ],
    ids=["weekday-day-month", "full-date", "month-year", "first-of-month"],
)
def test_full_and_partial_dates(text, published, expected):
    assert dates(text, published) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La chaîne a cessé d'émettre en 2016.", [("2016", "2016")]),
        ("La ligne sera électrifiée d'ici à 2031.", [("2031", "2031")]),
        ("Le tramway desservira l'aéroport d'ici 2028.", [("2028", "2028")]),
        ("Depuis 2020, les prix ont augmenté.", [("2020", "2020")]),
        ("La mesure s'appliquera dès 2026 et jusqu'en 2030.", [("2026", "2026"), ("2030", "2030")]),
        ("La neutralité carbone est visée à l'horizon 2050.", [("2050", "2050")]),
    ],
    ids=["en", "d-ici-a", "d-ici", "depuis", "des-jusqu-en", "horizon"],
)
def test_a_year_that_places_an_event_is_the_year_alone(text, expected):
    assert dates(text) == expected


def test_a_year_after_de_places_an_event_unless_de_follows_a_quantity():
    assert dates("La loi de 2018 sur les données reste en vigueur.") == [("2018", "2018")]
    assert dates("Il y a plus de 2000 inscrits.") == []
    assert dates("Le site passe de 2000 à 3000 salariés.") == []


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "Jeudi 6 et vendredi 7 mars, Nantes a accueilli le congrès.",
            "2025-03-07",
            [("Jeudi 6 et vendredi 7 mars", "2025-03-06/2025-03-07")],
        ),
        (
            "Le congrès se déroule à Lille les 24 et 25 mars.",
            "2025-03",
            [("24 et 25 mars", "2025-03-24/2025-03-25")],
        ),
        ("Les négociations auront lieu du 3 au 5 mars.", "2025-02-12", [("3 au 5 mars", "2025-03-03/2025-03-05")]),
        (
            "Le salon se tiendra du 28 février au 2 mars 2025.",
            None,
            [("28 février au 2 mars 2025", "2025-02-28/2025-03-02")],
        ),
        (
            "Le festival a lieu les 4, 5 et 6 juillet 2025.",
            None,
            [("4, 5 et 6 juillet 2025", "2025-07-04/2025-07-06")],
        ),
    ],
    ids=["weekdays-and-days", "les-24-et-25", "du-au", "across-months", "list-of-days"],
)
def test_coordinated_days_are_one_span(text, published, expected):
    assert dates(text, published) == expected


def test_two_dates_in_different_months_joined_by_et_stay_two_spans():
    assert dates("Il a voté le 10 février 2025 et le 11 mars 2025.") == [
        ("10 février 2025", "2025-02-10"),
        ("11 mars 2025", "2025-03-11"),
    ]


def test_the_demonstrative_before_a_date_stays_out():
    assert dates("Les syndicats ont appelé ce jeudi 13 mars à la grève.") == [("jeudi 13 mars", "XXXX-03-13")]


def test_the_demonstrative_before_a_weekday_stays_out():
    assert dates("Le gouvernement a présenté ce mardi son plan.", "2025-02-12") == [("mardi", "2025-02-11")]


def test_the_demonstrative_that_makes_the_date_stays_in():
    text = "Le conseil des ministres s'est réuni cette semaine à l'Élysée."
    assert dates(text, "2025-02-12") == [("cette semaine", "2025-W07")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le magasin a fermé ses portes l'année dernière.", [("année dernière", "2024")]),
        ("L'an dernier, la croissance était faible.", [("an dernier", "2024")]),
        ("Le Parlement votera la semaine prochaine.", [("semaine prochaine", "2025-W08")]),
        ("Les ventes ont chuté le mois dernier.", [("mois dernier", "2025-01")]),
        ("Hier, le ministre a démissionné.", [("Hier", "2025-02-11")]),
        ("Avant-hier, la Bourse a reculé.", [("Avant-hier", "2025-02-10")]),
        ("Aujourd'hui, le ministre présente son budget.", [("Aujourd'hui", "2025-02-12")]),
        ("Le texte sera voté demain.", [("demain", "2025-02-13")]),
        ("Jeudi dernier, la Bourse a chuté.", [("Jeudi dernier", "2025-02-06")]),
        ("Les syndicats manifesteront vendredi prochain.", [("vendredi prochain", "2025-02-14")]),
        ("Il y a trois jours, l'accord a été signé.", [("Il y a trois jours", "2025-02-09")]),
        ("Il y a deux ans, la société était inconnue.", [("Il y a deux ans", "2023")]),
        ("Cette année, le budget est en hausse.", [("Cette année", "2025")]),
        ("Ce mois-ci, les prix ont baissé.", [("Ce mois-ci", "2025-02")]),
        ("Ce week-end, la neige tombera.", [("Ce week-end", "2025-W07-WE")]),
    ],
    ids=[
        "annee-derniere", "an-dernier", "semaine-prochaine", "mois-dernier", "hier", "avant-hier",
        "aujourd-hui", "demain", "jeudi-dernier", "vendredi-prochain", "il-y-a-jours", "il-y-a-ans",
        "cette-annee", "ce-mois-ci", "ce-week-end",
    ],
)  # fmt: skip
def test_relative_dates_count_from_the_publication_day(text, expected):
    assert dates(text, "2025-02-12") == expected


def test_the_article_of_le_lendemain_stays_out_and_it_counts_from_the_last_date():
    text = "Le 3 mars 2020, le pays se confinait. Le lendemain, les écoles fermaient."
    assert dates(text) == [("3 mars 2020", "2020-03-03"), ("lendemain", "2020-03-04")]


def test_la_veille_without_an_earlier_date_keeps_a_placeholder():
    assert dates("La veille, il avait prévenu ses proches.", "2025-02-12") == [("veille", "XXXX-XX-XX")]


def test_a_unit_counted_from_a_date_of_the_text_is_no_date():
    # GUIDELINES D122: an offset from a date of the text ("la semaine suivante") is not DATE
    assert dates("Il est arrivé en 2018 et il est reparti l'année suivante.", "2025-02-12") == [("2018", "2018")]
    assert dates("Le taux a atteint 12 % en mars, contre 9 % le mois précédent.", "2025-06-02") == [("mars", "2025-03")]
    assert dates("La réunion aura lieu la semaine prochaine.", "2025-06-02") == [("semaine prochaine", "2025-W24")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La sécheresse a frappé l'été dernier.", [("été dernier", "2024-SU")]),
        ("Le chantier commencera au printemps 2026.", [("printemps 2026", "2026-SP")]),
        ("Au premier trimestre 2025, le PIB a progressé.", [("premier trimestre 2025", "2025-Q1")]),
        ("Dans les années 1990, internet a tout changé.", [("années 1990", "199X")]),
        ("Fin 2024, la dette atteignait un record.", [("Fin 2024", "2024")]),
        ("Les résultats seront publiés à la mi-juin.", [("mi-juin", "2025-06")]),
        ("De janvier à mars 2025, la production a doublé.", [("janvier à mars 2025", "2025-01/2025-03")]),
        ("Sur la période 2021-2027, l'Union investira.", [("2021-2027", "2021/2027")]),
        ("Le plan court de 2025 à 2030.", [("2025 à 2030", "2025/2030")]),
        ("Il est né le 12/03/1985 à Lyon.", [("12/03/1985", "1985-03-12")]),
        ("Mise à jour le 2024-05-06.", [("2024-05-06", "2024-05-06")]),
    ],
    ids=[
        "ete-dernier", "printemps-annee", "trimestre", "decennie", "fin-annee", "mi-mois",
        "span-of-months", "span-of-years-hyphen", "span-of-years-a", "numeric", "iso",
    ],
)  # fmt: skip
def test_other_calendar_expressions(text, expected):
    assert dates(text, "2025-02-12") == expected


# --- what is not a date ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Le tunnel sera creusé en trois ans.",
        "La mairie rénovera 400 logements dans les six ans à venir.",
        "Les tarifs resteront stables pour les prochaines années.",
        "La start-up a doublé ses effectifs en moins de 3 ans.",
        "Ils comptent ouvrir 50 magasins d'ici à cinq ans.",
    ],
    ids=["en-trois-ans", "six-ans-a-venir", "prochaines-annees", "moins-de-3-ans", "d-ici-a-cinq-ans"],
)
def test_durations_are_not_dates(text):
    assert dates(text, "2025-02-12") == []


@pytest.mark.parametrize(
    "text",
    [
        "Le train part à 18 h 20 précises.",
        "Le ministre a pris la parole cette nuit à la télévision.",
        "Ce soir, le président s'exprimera.",
    ],
    ids=["heure", "cette-nuit", "ce-soir"],
)
def test_times_of_day_are_not_dates(text):
    assert dates(text, "2025-02-12") == []


def test_a_time_of_day_after_a_weekday_stays_out_of_its_span():
    assert dates("Mardi soir, le gouvernement a annoncé un plan.", "2025-02-12") == [("Mardi", "2025-02-11")]


@pytest.mark.parametrize(
    "text",
    [
        "Le festival réunissait 1.800 personnes à Arles.",
        "La manifestation a rassemblé 2 000 personnes.",
        "Le texte doit simplifier plus de 150 normes.",
        "La pétition a recueilli 2025 signatures.",
        "La commune compte 2000 habitants.",
        "La ville a construit en 2000 logements sociaux neufs.",
        "Le prix passe de 1950 à 2000 euros.",
        "Elle est âgée de 45 ans.",
        "Il y a 60 pays signataires.",
    ],
    ids=["1.800", "2-000", "150-normes", "2025-signatures", "2000-habitants", "logements", "euros", "age", "pays"],
)
def test_numbers_that_count_things_are_not_years(text):
    assert dates(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Le musée est fermé chaque lundi.",
        "Le marché se tient tous les samedis.",
        "Le guichet est ouvert du lundi au vendredi.",
        "À la veille du scrutin, les sondages se resserrent.",
        "Au lendemain de l'élection, le pays était divisé.",
        "L'entreprise assure une veille technologique.",
        "Il faut construire l'Europe de demain.",
        "La mission vers Mars décollera bientôt.",
        "Il était déjà là le 31 février.",
        "Les équipes ont travaillé le mois entier.",
    ],
    ids=[
        "chaque-lundi", "tous-les-samedis", "du-lundi-au-vendredi", "veille-de", "lendemain-de", "veille-technologique",
        "europe-de-demain", "planete-mars", "no-such-day", "mois-entier",
    ],
)  # fmt: skip
def test_habits_events_and_look_alikes_are_not_dates(text):
    assert dates(text, "2025-02-12") == []


def test_a_month_alone_needs_a_context_word():
    assert dates("Le rapport publié en mars évoque la planète Mars et mars.", "2025-02-12") == [("mars", "2025-03")]


# --- values ----------------------------------------------------------------------------------


def test_a_date_without_a_year_keeps_a_year_placeholder_when_nothing_is_published():
    assert dates("Il a été reçu le 9 février à l'Élysée.") == [("9 février", "XXXX-02-09")]


def test_a_date_in_the_published_month_takes_the_published_year():
    assert dates("Le vote aura lieu le 28 février.", "2025-02-12") == [("28 février", "2025-02-28")]


def test_a_date_without_a_year_takes_the_nearest_year_across_new_year():
    assert dates("Le 28 décembre, la réforme a été adoptée.", "2025-01-05") == [("28 décembre", "2024-12-28")]


def test_a_weekday_given_with_its_date_picks_the_year_where_they_agree():
    assert dates("Rendez-vous le mardi 26 août.", "2025-02-11") == [("mardi 26 août", "2025-08-26")]


def test_a_weekday_alone_is_the_closest_past_one_when_the_clause_is_past():
    text = "Samedi, dans une interview accordée à Ouest-France, la ministre a détaillé la réforme."
    assert dates(text, "2025-02-12") == [("Samedi", "2025-02-08")]


def test_a_weekday_alone_on_the_publication_day_is_that_day():
    assert dates("Mercredi, le ministre a présenté son budget.", "2025-02-12") == [("Mercredi", "2025-02-12")]


def test_a_weekday_alone_is_the_coming_one_when_the_clause_is_future():
    assert dates("Vendredi, les syndicats manifesteront.", "2025-02-12") == [("Vendredi", "2025-02-14")]


def test_a_weekday_alone_without_a_publication_day_keeps_a_week_placeholder():
    assert dates("Mardi, la ministre a promis une réforme.", "2025-03") == [("Mardi", "XXXX-WXX-2")]
    assert dates("Dimanche, il a parlé.") == [("Dimanche", "XXXX-WXX-7")]


def test_a_weekday_alone_is_read_from_the_last_date_of_the_text():
    text = (
        "Le jeudi 6 mars, la ministre a présenté son plan.\n"
        "Le congrès se déroule à Lille les 10 et 11 mars.\n"
        "Mardi, la ministre a promis des moyens."
    )
    assert dates(text, "2025-03") == [
        ("jeudi 6 mars", "2025-03-06"),
        ("10 et 11 mars", "2025-03-10/2025-03-11"),
        ("Mardi", "2025-03-11"),
    ]


def test_a_weekday_is_not_read_from_a_date_far_from_the_publication():
    text = "Le 3 mars 2020, le pays se confinait. Dimanche, le président a parlé."
    assert dates(text, "2025-02-12") == [("3 mars 2020", "2020-03-03"), ("Dimanche", "2025-02-09")]


def test_a_month_alone_is_the_past_one_in_a_past_clause():
    assert dates("La réforme, votée en novembre par les députés, entre en vigueur.", "2025-02") == [
        ("novembre", "2024-11")
    ]
    assert dates("Les ventes avaient progressé en mai et juin.", "2025-02-12") == [("mai et juin", "2024-05/2024-06")]


def test_a_month_alone_is_the_coming_one_in_a_future_clause():
    assert dates("Le texte sera examiné en mai.", "2025-02-12") == [("mai", "2025-05")]


def test_a_month_alone_without_a_publication_keeps_a_year_placeholder():
    assert dates("La décision est attendue en septembre.") == [("septembre", "XXXX-09")]


def test_relative_dates_without_a_publication_keep_placeholders():
    text = "Hier, la semaine dernière et l'année dernière, il a plu."
    assert dates(text) == [("Hier", "XXXX-XX-XX"), ("semaine dernière", "XXXX-WXX"), ("année dernière", "XXXX")]


def test_relative_dates_use_the_publication_at_the_precision_known():
    text = "Aujourd'hui, la semaine dernière et l'année dernière, il a plu."
    assert dates(text, "2025-02") == [
        ("Aujourd'hui", "2025-02-XX"),
        ("semaine dernière", "XXXX-WXX"),
        ("année dernière", "2024"),
    ]


def test_a_published_year_alone_places_months_in_it():
    assert dates("Le salon ouvrira en octobre.", "2025") == [("octobre", "2025-10")]


# --- the stage's contract --------------------------------------------------------------------


def test_entities_are_rule_dates_with_offsets_into_the_text():
    text = "En 2018, puis le dimanche 9 février 2025 et cette semaine."
    entities = find_dates(text, "2025-02-12")
    assert [e.text for e in entities] == ["2018", "dimanche 9 février 2025", "cette semaine"]
    for entity in entities:
        assert text[entity.start : entity.end] == entity.text
        assert entity.label == "DATE"
        assert entity.source == "rules"
        assert set(entity.norm) == {"value"}


def test_offsets_hold_in_a_text_whose_boilerplate_was_blanked():
    masked = "                \n" + " " * 24 + "\nDimanche, le président a parlé le 9 février."
    entities = find_dates(masked, "2025-02-12")
    assert [(masked[e.start : e.end], e.norm["value"]) for e in entities] == [
        ("Dimanche", "2025-02-09"),
        ("9 février", "2025-02-09"),
    ]


def test_a_span_never_crosses_a_line_break():
    assert dates("Le congrès ouvre le 24\nmars à Lille.", "2025-03-12") == []
    assert dates("Jeudi 6 et\nvendredi 7 mars", "2025-03-12") == [
        ("Jeudi 6", "2025-03-06"),
        ("vendredi 7 mars", "2025-03-07"),
    ]


def test_typographic_apostrophes_and_spaces_are_read():
    text = "Le groupe réduira ses émissions d’ici à\u00a02030, après une hausse l’année dernière."
    assert dates(text, "2025-02-12") == [
        ("2030", "2030"),
        ("année dernière", "2024"),
    ]


def test_capitals_are_read():
    assert dates("LUNDI 10 FÉVRIER 2025 : OUVERTURE DU SOMMET") == [("LUNDI 10 FÉVRIER 2025", "2025-02-10")]


def test_dateparser_readings_are_cached():
    text = "Dimanche, il a parlé. Le 9 février, hier et la semaine dernière aussi."
    first = find_dates(text, "2025-02-12")
    misses = read_date.cache_info().misses
    assert find_dates(text, "2025-02-12") == first
    assert read_date.cache_info().misses == misses


FRAGMENTS = [
    "Le dimanche 9 février, ", "en 2018 ", "les 10 et 11 février ", "Lundi, ", "cette semaine ", "hier ",
    "l'année dernière ", "2 000 personnes ", "à 18 h 20 ", "d'ici à 2029", "le lendemain ", "\n", "  ",
    "juin 2023", "quatre ans ", "du 3 au 5 mars", ", ", ". ", "mars", "1.500", "Dimanche dernier",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join),
    st.sampled_from([None, "2025", "2025-02", "2025-02-12"]),
)
def test_entities_are_sorted_non_overlapping_and_within_one_line(text, published):
    entities = find_dates(text, published)
    for entity in entities:
        assert text[entity.start : entity.end] == entity.text
        assert "\n" not in entity.text and entity.text == entity.text.strip()
        assert entity.norm["value"]
    assert all(before.end <= after.start for before, after in zip(entities, entities[1:], strict=False))


# --- resolve_date ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "published", "value"),
    [
        ("jeudi 6 mars", "2025-03", "2025-03-06"),
        ("9 février", None, "XXXX-02-09"),
        ("juin 2023", None, "2023-06"),
        ("2029", None, "2029"),
        ("en janvier", "2025-02", "2025-01"),
        ("l'année dernière", "2025-02", "2024"),
        ("cette semaine", "2025-02-12", "2025-W07"),
        ("Dimanche", "2025-02-12", "2025-02-09"),
        ("Lundi", "2025-02", "XXXX-WXX-1"),
        ("les 24 et 25 mars", "2025-03", "2025-03-24/2025-03-25"),
        ("hier", "2025-03-01", "2025-02-28"),
        ("la semaine prochaine", "2024-12-30", "2025-W02"),
    ],
)
def test_resolve_date_values_one_expression(expression, published, value):
    assert resolve_date(expression, published) == value


def test_resolve_date_reads_a_weekday_from_an_anchor():
    assert resolve_date("Lundi", "2025-02", anchor="2025-02-09") == "2025-02-10"
    assert resolve_date("le lendemain", None, anchor="XXXX-02-28") == "XXXX-02-29"


def test_resolve_date_follows_the_tense_given():
    assert resolve_date("vendredi", "2025-02-12", tense="future") == "2025-02-14"
    assert resolve_date("vendredi", "2025-02-12", tense="past") == "2025-02-07"


def test_resolve_date_rejects_what_is_not_a_date():
    with pytest.raises(ValueError):
        resolve_date("quatre ans", "2025-02-12")
    with pytest.raises(ValueError):
        resolve_date("31 février 2025", None)


@pytest.mark.parametrize("published", [None, "2025", "2025-02", "2025-02-12"])
def test_every_value_the_finder_gives_is_a_valid_timex3(published):
    from pipeline.validate import TIMEX3

    text = (
        "Dans les années 1990, puis ce week-end, le week-end dernier, cette semaine, le mois prochain, "
        "l'été 2023, au premier trimestre 2024, fin 2024, mi-juin, hier, demain, lundi, dimanche dernier, "
        "le 3 mars, du 10 au 12 mars 2025, les 10 et 11 février, en 2029, il y a trois jours, l'année dernière."
    )
    values = [e.norm["value"] for e in find_dates(text, published=published)]
    assert len(values) >= 15
    assert [v for v in values if not TIMEX3.fullmatch(v)] == []


# --- forms of issue 15 beyond the phrase tables ----------------------------------------------


def test_aujourd_hui_in_a_present_statement_means_nowadays():
    assert dates("Aujourd'hui, la moitié des foyers se chauffe au gaz.", "2025-03-12") == []
    assert dates("Les syndicats sont reçus aujourd'hui à l'Élysée.", "2025-03-12") == [("aujourd'hui", "2025-03-12")]


def test_a_rentree_of_money_is_no_date():
    assert dates("La rentrée fiscale atteint 2 milliards d'euros.", "2025-03-12") == []
    assert dates("La rentrée des classes approche.", "2025-03-12") == [("rentrée", "2025-09")]


def test_a_speech_incise_does_not_give_its_tense_to_the_date_quoted():
    text = "« Le texte sera présenté au printemps », a-t-elle promis."
    assert dates(text, "2024-12-17") == [("printemps", "2025-SP")]


def test_a_weekday_in_a_page_that_states_no_date_keeps_its_placeholder():
    assert dates("Le décret date du 31 décembre 2024. Jeudi, le ministre l'a signé.") == [
        ("31 décembre 2024", "2024-12-31"),
        ("Jeudi", "XXXX-WXX-4"),
    ]


def test_every_new_value_is_a_valid_timex3():
    from pipeline.validate import TIMEX3

    text = (
        "Le 15-12-2023, le 05/05/89, le 22/04, vendredi 22, le premier vendredi de juillet, au premier semestre, "
        "la fin de l'année, la rentrée 2026, cette saison, 2024/25, le 12 February 2025, en 1789, cet hiver."
    )
    for published in (None, "2025", "2025-03", "2025-03-12"):
        values = [e.norm["value"] for e in find_dates(text, published)]
        assert len(values) >= 12
        assert [v for v in values if not TIMEX3.fullmatch(v)] == []


def test_a_publication_stamp_run_into_a_flattened_page_is_no_date():
    text = "Accueil › Économie Par Ana Ruiz Publié le 04/06/2024 à 07h10 Mis à jour le 4 juin 2024 Le conseil a voté."
    assert dates(text, "2024-06-04") == []


def test_a_capitalised_publication_word_opening_a_sentence_keeps_its_date():
    text = "Publié le 12 mars 2024, le rapport pointe un dérapage. Le texte publié le 3 avril 2024 le confirme."
    assert dates(text, "2024-06-04") == [("12 mars 2024", "2024-03-12"), ("3 avril 2024", "2024-04-03")]


def test_english_dates_in_the_text_are_dates():
    # GUIDELINES D79; the calendar is the one of the datelines (issue 16: `12 February 2025` was MISC `February 2025`)
    text = "Signé le 12 February 2025, le texte cite la note de March 2024 et la séance du Tuesday 4 February."
    assert dates(text, "2025-02-20") == [
        ("12 February 2025", "2025-02-12"),
        ("March 2024", "2024-03"),
        ("Tuesday 4 February", "2025-02-04"),
    ]


def test_an_english_month_after_a_name_is_a_surname():
    assert dates("Le gouvernement de Theresa May 2019 est tombé.", "2025-02-20") == []
    assert dates("Le chanteur Brian May a joué à Paris.", "2025-02-20") == []


@pytest.mark.parametrize("apostrophe", list("’'ʼ‘´`"))
def test_every_apostrophe_is_an_apostrophe_to_dates(apostrophe):
    """A curly ‘ (or ʼ, ´, `) elides as ’ does: one apostrophe set for every stage (issue 16)."""
    found = find_dates(f"Il partira d{apostrophe}ici à 2029, au début de l{apostrophe}année prochaine.", "2025-02-12")
    assert [(e.text, e.norm["value"]) for e in found] == [
        ("2029", "2029"),
        (f"début de l{apostrophe}année prochaine", "2026"),
    ]
