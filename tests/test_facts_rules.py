"""Actor rules of the money facts stage, one error class of the dev split each (sentences written for
these tests; none comes from the seeds or the gold pages). Entities are given by hand."""

from __future__ import annotations

import pytest
from test_facts import entity, only

from pipeline.model import PUBLISHED

# The payer of a fine is the party condemned, never the court (GUIDELINES §6.1).


def test_the_object_of_condamner_pays_the_fine_not_the_court(facts_of):
    text = "Le tribunal de commerce de Nantes a condamné la société Verlino à une amende de 80 000 euros."
    facts = facts_of(text, [
        entity(text, "tribunal de commerce de Nantes", "ORG"),
        entity(text, "Verlino", "ORG"),
        entity(text, "80 000 euros", "MONEY", value=80000),
    ])  # fmt: skip
    fact = only(facts, "80 000 euros")
    assert fact.kind == "fine"
    assert fact.actor is not None and fact.actor.text == "Verlino"


def test_the_subject_of_a_passive_condamner_pays_the_fine(facts_of):
    text = "L'ancien maire, Paul Ardent, est condamné à six mois avec sursis et 20 000 euros d'amende."
    facts = facts_of(text, [
        entity(text, "Paul Ardent", "PER"),
        entity(text, "20 000 euros", "MONEY", value=20000),
    ])  # fmt: skip
    fact = only(facts, "20 000 euros")
    assert fact.kind == "fine"
    assert fact.actor is not None and fact.actor.text == "Paul Ardent"


def test_a_fine_required_against_a_party_is_that_partys(facts_of):
    text = "Le procureur a requis un an de prison et 30 000 euros d'amende contre Marc Lebrun."
    facts = facts_of(text, [
        entity(text, "Marc Lebrun", "PER"),
        entity(text, "30 000 euros", "MONEY", value=30000),
    ])  # fmt: skip
    fact = only(facts, "30 000 euros")
    assert fact.kind == "fine"
    assert fact.actor is not None and fact.actor.text == "Marc Lebrun"


def test_a_court_sentencing_nobody_named_gives_no_actor(facts_of):
    text = "La cour d'appel de Rennes a infligé une amende de 5 000 euros."
    facts = facts_of(text, [
        entity(text, "cour d'appel de Rennes", "ORG"),
        entity(text, "5 000 euros", "MONEY", value=5000),
    ])  # fmt: skip
    assert only(facts, "5 000 euros").actor is None


# A subject that is itself the money noun (`la dette du canton devrait dépasser`) is no party: its owner is.


def test_the_owner_of_a_money_subject_under_a_modal_verb(facts_of):
    text = "Lausanne a voté son budget jeudi. La dette de la ville devrait dépasser 3 milliards de francs en 2027."
    facts = facts_of(text, [
        entity(text, "Lausanne", "LOC"),
        entity(text, "3 milliards de francs", "MONEY", value=3e9, currency="CHF"),
        entity(text, "2027", "DATE"),
    ])  # fmt: skip
    fact = only(facts, "3 milliards de francs")
    assert fact.actor is not None and fact.actor.text == "Lausanne"


def test_the_possessive_owner_of_a_money_subject_under_a_modal_verb(facts_of):
    text = "Le groupe Ardamis publie ses comptes. Son bénéfice devrait atteindre 40 millions d'euros cette année."
    facts = facts_of(text, [
        entity(text, "Ardamis", "ORG"),
        entity(text, "40 millions d'euros", "MONEY", value=4e7),
    ])  # fmt: skip
    fact = only(facts, "40 millions d'euros")
    assert fact.kind == "profit_loss"
    assert fact.actor is not None and fact.actor.text == "Ardamis"


def test_a_money_subject_without_owner_has_no_actor(facts_of):
    text = "Le rapport paraît mardi. La dette publique devrait dépasser 3 000 milliards d'euros."
    facts = facts_of(text, [entity(text, "3 000 milliards d'euros", "MONEY", value=3e12)])
    assert only(facts, "3 000 milliards d'euros").actor is None


# A person introduced as `X, 52 ans, fondateur et gérant de Y` is what `le gérant` refers to; a name after
# `le gérant de la société` is the company, not the person.


@pytest.mark.parametrize(
    "intro",
    [
        "Luc Marin, 48 ans, fondateur et gérant de la société Bativert, comparaissait mardi.",
        "Luc Marin, le gérant de la société Bativert, comparaissait mardi.",
        "Luc Marin, gérant de la société Bativert, comparaissait mardi.",
    ],
)
def test_le_gerant_refers_to_the_person_introduced_as_such(facts_of, intro):
    text = intro + " Le parquet a requis 50 000 euros d'amende contre le gérant."
    facts = facts_of(text, [
        entity(text, "Luc Marin", "PER"),
        entity(text, "Bativert", "ORG"),
        entity(text, "50 000 euros", "MONEY", value=50000),
    ])  # fmt: skip
    fact = only(facts, "50 000 euros")
    assert fact.actor is not None and fact.actor.text == "Luc Marin"


# The kind of an amount a level verb carries comes from its subject, even when the parse misses the subject
# (`Le prix moyen payé par passager, taxes comprises, est passé de`) or the verb's lemma (`s'affiche`).


def test_a_price_subject_parsed_as_a_modifier_still_gives_the_kind(facts_of):
    text = "Le prix moyen payé par client, frais compris, est passé de 12 euros à 14 euros."
    facts = facts_of(text, [
        entity(text, "12 euros", "MONEY", value=12),
        entity(text, "14 euros", "MONEY", value=14),
    ])  # fmt: skip
    assert [f.kind for f in facts] == ["price", "price"]


def test_a_commodity_showing_at_an_amount_is_a_price(facts_of):
    text = "Le baril de Brent, référence du marché, s'affiche à 74 dollars en fin de séance."
    facts = facts_of(text, [entity(text, "74 dollars", "MONEY", value=74, currency="USD")])
    assert only(facts, "74 dollars").kind == "price"


def test_a_salary_subject_gives_a_wage(facts_of):
    text = "Le salaire minimum, revalorisé au 1er janvier, s'établit à 1 850 euros brut par mois."
    facts = facts_of(text, [entity(text, "1 850 euros", "MONEY", value=1850)])
    assert only(facts, "1 850 euros").kind == "wage"


# A plan or project named by a definite description is the one an amount just before announced (§6.1, 5).


def test_le_plan_takes_the_actor_of_the_plan_announced_before(facts_of):
    text = ("Le gouvernement italien a présenté mardi un plan de 8 milliards d'euros pour le rail. "
            "Le plan comprend un fonds de 2 milliards pour les gares.")  # fmt: skip
    facts = facts_of(text, [
        entity(text, "gouvernement italien", "ORG"),
        entity(text, "8 milliards d'euros", "MONEY", value=8e9),
        entity(text, "2 milliards", "MONEY", value=2e9),
    ])  # fmt: skip
    fact = only(facts, "2 milliards")
    assert fact.actor is not None and fact.actor.text == "gouvernement italien"


def test_ce_projet_takes_the_actor_of_the_amount_before(facts_of):
    text = ("Le groupe Velorail investira 600 millions d'euros dans une usine de trains. "
            "Ce projet, soutenu par la région, implique 200 millions d'euros de fonds publics.")  # fmt: skip
    facts = facts_of(text, [
        entity(text, "Velorail", "ORG"),
        entity(text, "600 millions d'euros", "MONEY", value=6e8),
        entity(text, "200 millions d'euros", "MONEY", value=2e8),
    ])  # fmt: skip
    fact = only(facts, "200 millions d'euros")
    assert fact.actor is not None and fact.actor.text == "Velorail"


def test_a_project_with_no_amount_before_has_no_actor(facts_of):
    text = "Le chantier a pris du retard. Ce projet implique 200 millions d'euros de fonds publics."
    facts = facts_of(text, [entity(text, "200 millions d'euros", "MONEY", value=2e8)])
    assert only(facts, "200 millions d'euros").actor is None


def test_an_amount_given_with_avec_takes_the_kind_of_the_verb(facts_of):
    text = "La Commission veut compléter cet effort privé avec 30 milliards d'euros pour les réseaux."
    facts = facts_of(text, [
        entity(text, "Commission", "ORG"),
        entity(text, "30 milliards d'euros", "MONEY", value=3e10),
    ])  # fmt: skip
    assert only(facts, "30 milliards d'euros").kind == "investment"


# An amount in a clause with no subject of its own belongs to the named subject of the sentence's main verb.


def test_an_amount_in_a_subjectless_clause_takes_the_main_subject(facts_of):
    text = ("Le Qatar ne reste pas à l'écart, ayant déclaré vouloir bâtir un grand port, "
            "pour un investissement compris entre 4 et 6 milliards d'euros, sans en révéler le lieu.")  # fmt: skip
    facts = facts_of(text, [
        entity(text, "Qatar", "LOC"),
        entity(text, "entre 4 et 6 milliards d'euros", "MONEY", min=4e9, max=6e9),
    ])  # fmt: skip
    fact = only(facts, "entre 4 et 6 milliards d'euros")
    assert fact.actor is not None and fact.actor.text == "Qatar"


def test_a_detached_participle_names_what_was_bought_not_the_buyer(facts_of):
    text = "Recruté en 2022 pour 9 millions d'euros, Paulo Mendes a quitté le club cet été."
    facts = facts_of(text, [
        entity(text, "Paulo Mendes", "PER"),
        entity(text, "9 millions d'euros", "MONEY", value=9e6),
    ])  # fmt: skip
    assert only(facts, "9 millions d'euros").actor is None


def test_a_description_sentence_gives_no_actor_to_its_opening_amount(facts_of):
    text = "Avec un budget de 2 millions d'euros, Les Forges est un film modeste."
    facts = facts_of(text, [
        entity(text, "Les Forges", "ORG"),
        entity(text, "2 millions d'euros", "MONEY", value=2e6),
    ])  # fmt: skip
    assert only(facts, "2 millions d'euros").actor is None


# A group named by a plural common noun is no party (§6.1), even when one party of that kind is named nearby.


def test_les_promoteurs_is_no_party(facts_of):
    text = "La banque Creditis prête 8 millions. Les promoteurs locaux complètent avec 3 millions d'euros de fonds."
    facts = facts_of(text, [
        entity(text, "Creditis", "ORG"),
        entity(text, "8 millions", "MONEY", value=8e6),
        entity(text, "3 millions d'euros", "MONEY", value=3e6),
    ])  # fmt: skip
    assert only(facts, "3 millions d'euros").actor is None


def test_les_clubs_is_no_party(facts_of):
    text = "Le FC Nordville a vendu deux joueurs. Les clubs ont dépensé 300 millions d'euros cet été."
    facts = facts_of(text, [
        entity(text, "FC Nordville", "ORG"),
        entity(text, "300 millions d'euros", "MONEY", value=3e8),
    ])  # fmt: skip
    assert only(facts, "300 millions d'euros").actor is None


def test_le_club_singular_still_refers_to_the_club(facts_of):
    text = "Le FC Nordville a vendu deux joueurs. Le club a dépensé 30 millions d'euros cet été."
    facts = facts_of(text, [
        entity(text, "FC Nordville", "ORG"),
        entity(text, "30 millions d'euros", "MONEY", value=3e7),
    ])  # fmt: skip
    fact = only(facts, "30 millions d'euros")
    assert fact.actor is not None and fact.actor.text == "FC Nordville"


def test_le_chu_refers_to_the_hospital_named_before(facts_of):
    text = "Le CHU de Brest a présenté ses comptes. Le CHU prévoit un déficit de 12 millions d'euros en 2026."
    facts = facts_of(text, [
        entity(text, "CHU de Brest", "ORG"),
        entity(text, "12 millions d'euros", "MONEY", value=1.2e7),
        entity(text, "2026", "DATE"),
    ])  # fmt: skip
    fact = only(facts, "12 millions d'euros")
    assert fact.actor is not None and fact.actor.text == "CHU de Brest"


# An amount whose clause names no party belongs to the party announcing it in an incise after it (§6.1, 5).


def test_an_incise_announcer_is_the_actor(facts_of):
    text = "Le tarif du ticket de bus est fixé à 1,90 euro pour l'année 2026, a annoncé la régie Tisseo."
    facts = facts_of(text, [
        entity(text, "Tisseo", "ORG"),
        entity(text, "1,90 euro", "MONEY", value=1.9),
        entity(text, "2026", "DATE"),
    ])  # fmt: skip
    fact = only(facts, "1,90 euro")
    assert fact.kind == "price"
    assert fact.actor is not None and fact.actor.text == "Tisseo"


def test_an_incise_announcer_with_a_present_verb(facts_of):
    text = "Une enveloppe de 40 millions d'euros sera consacrée aux digues, annonce la préfecture de Gironde."
    facts = facts_of(text, [
        entity(text, "préfecture de Gironde", "ORG"),
        entity(text, "40 millions d'euros", "MONEY", value=4e7),
    ])  # fmt: skip
    fact = only(facts, "40 millions d'euros")
    assert fact.actor is not None and fact.actor.text == "préfecture de Gironde"


def test_a_commenting_speaker_in_an_incise_is_no_actor(facts_of):
    text = "Le prix du kilo de tomates a atteint 4 euros en juillet, estime Paul Girard, maraîcher."
    facts = facts_of(text, [
        entity(text, "Paul Girard", "PER"),
        entity(text, "4 euros", "MONEY", value=4),
        entity(text, "juillet", "DATE"),
    ])  # fmt: skip
    assert only(facts, "4 euros").actor is None


# `Son chiffre d'affaires` with no party in the sentences just before: the party the page names most.


def test_a_possessive_of_accounts_reaches_back_to_the_page_company(facts_of):
    text = ("La start-up Ondalis lève des fonds. Ondalis vend des capteurs. Ondalis emploie trente personnes. "
            "Les capteurs sont posés sur les conduites d'eau des villes moyennes, surtout dans l'Ouest du pays. "
            "Les premiers clients sont satisfaits du service et des résultats obtenus depuis l'été dernier. "
            "Son chiffre d'affaires a atteint 1,8 M€ en 2025, assure la directrice.")  # fmt: skip
    ents = [entity(text, "Ondalis", "ORG", i) for i in range(3)]
    facts = facts_of(text, ents + [entity(text, "1,8 M€", "MONEY", value=1.8e6), entity(text, "2025", "DATE")])
    fact = only(facts, "1,8 M€")
    assert fact.kind == "revenue"
    assert fact.actor is not None and fact.actor.text == "Ondalis"


def test_a_possessive_of_a_price_does_not_reach_back(facts_of):
    text = ("La banque Ardel publie ses prévisions. Ardel reste prudente sur les marchés. "
            "Les cours de l'or ont beaucoup varié pendant tout le mois de mars sur les places asiatiques. "
            "Les investisseurs attendent désormais la prochaine réunion des banquiers centraux américains. "
            "L'argent métal a battu son record de 35 dollars l'once.")  # fmt: skip
    ents = [entity(text, "Ardel", "ORG", i) for i in range(2)]
    facts = facts_of(text, ents + [entity(text, "35 dollars", "MONEY", value=35, currency="USD")])
    assert only(facts, "35 dollars").actor is None


def test_a_possessive_with_a_party_in_the_sentence_before_takes_it(facts_of):
    text = "Le groupe Bexar a publié ses comptes mardi. Son bénéfice net a atteint 12 millions d'euros."
    facts = facts_of(text, [entity(text, "Bexar", "ORG"), entity(text, "12 millions d'euros", "MONEY", value=1.2e7)])
    fact = only(facts, "12 millions d'euros")
    assert fact.actor is not None and fact.actor.text == "Bexar"


# A subject the parse made the root of the sentence (`L'encours de la dette atteindra ...` read as a noun with
# a participle) still gives the kind through its complement.


@pytest.mark.parametrize(
    ("text", "money", "kind"),
    [
        ("L'encours de la dette atteindra 310 millions d'euros fin 2027.", "310 millions d'euros", "public_budget"),
        (
            "L'encours de la dette atteindra 40 millions d'euros à la fin de l'année.",
            "40 millions d'euros",
            "public_budget",
        ),
        ("Le montant des subventions atteindra 3 millions d'euros fin 2026.", "3 millions d'euros", "public_budget"),
    ],
)
def test_a_subject_parsed_as_the_root_gives_the_kind(facts_of, text, money, kind):
    facts = facts_of(text, [entity(text, money, "MONEY", value=1)])
    assert only(facts, money).kind == kind


# A date right after another amount of the sentence dates that amount, not this one.


def test_a_date_after_the_compared_amount_is_not_this_amounts(facts_of):
    text = "Le ticket de métro coûte désormais 2,50 euros, contre 1,90 euro en 2020."
    facts = facts_of(text, [
        entity(text, "2,50 euros", "MONEY", value=2.5),
        entity(text, "1,90 euro", "MONEY", value=1.9),
        entity(text, "2020", "DATE"),
    ])  # fmt: skip
    assert only(facts, "2,50 euros").date == PUBLISHED
    assert only(facts, "1,90 euro").date.text == "2020"


def test_a_date_after_the_compared_amount_under_the_same_verb(facts_of):
    text = "Le coût de chaque repas atteint désormais 6,20 euros, contre 5,10 euros en 2018."
    facts = facts_of(text, [
        entity(text, "6,20 euros", "MONEY", value=6.2),
        entity(text, "5,10 euros", "MONEY", value=5.1),
        entity(text, "2018", "DATE"),
    ])  # fmt: skip
    assert only(facts, "6,20 euros").date == PUBLISHED
    assert only(facts, "5,10 euros").date.text == "2018"


def test_a_date_before_the_amount_still_dates_it(facts_of):
    text = "En 2024, la mairie a consacré 3 millions d'euros aux écoles."
    facts = facts_of(text, [
        entity(text, "2024", "DATE"),
        entity(text, "3 millions d'euros", "MONEY", value=3e6),
    ])  # fmt: skip
    assert only(facts, "3 millions d'euros").date.text == "2024"


# `le club de X`, `le groupe de X` (a name right after `de`): X owns the club, it is not the club; a site or a
# plant of X stands for X.


def test_le_club_de_x_does_not_introduce_x_as_the_club(facts_of):
    text = ("Le fonds Arcadia, propriétaire du club de Gerland, reste discret. L'Olympique de Vénissieux, le club "
            "de Arcadia, a présenté ses comptes. Le club affiche un déficit de 9 millions d'euros.")  # fmt: skip
    facts = facts_of(text, [
        entity(text, "Arcadia", "ORG"),
        entity(text, "Olympique de Vénissieux", "ORG"),
        entity(text, "Arcadia", "ORG", 1),
        entity(text, "9 millions d'euros", "MONEY", value=9e6),
    ])  # fmt: skip
    fact = only(facts, "9 millions d'euros")
    assert fact.actor is None or fact.actor.text != "Arcadia"


def test_le_groupe_de_loisirs_x_introduces_x_as_the_group(facts_of):
    text = "Le groupe de loisirs Vantor a publié ses comptes. Le groupe affiche un bénéfice de 4 millions d'euros."
    facts = facts_of(text, [entity(text, "Vantor", "ORG"), entity(text, "4 millions d'euros", "MONEY", value=4e6)])
    fact = only(facts, "4 millions d'euros")
    assert fact.actor is not None and fact.actor.text == "Vantor"


def test_le_site_de_x_stands_for_x(facts_of):
    text = ("La direction annonce la fermeture du site de Thermalis à Vienne. L'usine emploie 90 personnes. "
            "Le site a perdu 2 millions d'euros en 2024.")  # fmt: skip
    facts = facts_of(text, [
        entity(text, "Thermalis", "ORG"),
        entity(text, "Vienne", "LOC"),
        entity(text, "2 millions d'euros", "MONEY", value=2e6),
        entity(text, "2024", "DATE"),
    ])  # fmt: skip
    fact = only(facts, "2 millions d'euros")
    assert fact.actor is not None and fact.actor.text == "Thermalis"


# `X reste cher, avec des loyers de N euros`: an amount describing a subject of `être`/`rester` names no party.


def test_a_place_described_with_its_prices_is_no_actor(facts_of):
    text = "Avec un prix moyen de 5 200 euros le mètre carré, Annecy reste la ville la plus chère de la région."
    facts = facts_of(text, [
        entity(text, "5 200 euros", "MONEY", value=5200),
        entity(text, "Annecy", "LOC"),
    ])  # fmt: skip
    assert only(facts, "5 200 euros").actor is None


def test_coordinated_places_described_with_their_rents_are_no_actor(facts_of):
    text = "Hors de la métropole, Vierzon et Bourges restent bon marché, avec des loyers de 8,5 euros le mètre carré."
    facts = facts_of(text, [
        entity(text, "Vierzon", "LOC"),
        entity(text, "Bourges", "LOC"),
        entity(text, "8,5 euros", "MONEY", value=8.5),
    ])  # fmt: skip
    assert only(facts, "8,5 euros").actor is None


def test_a_party_that_pays_with_avec_is_still_the_actor(facts_of):
    text = "Le groupe Solvane a financé l'usine avec 40 millions d'euros."
    facts = facts_of(text, [entity(text, "Solvane", "ORG"), entity(text, "40 millions d'euros", "MONEY", value=4e7)])
    fact = only(facts, "40 millions d'euros")
    assert fact.actor is not None and fact.actor.text == "Solvane"


# What a thing costs, from a million on, is a total cost (a public budget item when public), not a unit price.


def test_a_public_measure_costing_millions_is_public_budget(facts_of):
    text = "La gratuité des cantines coûtera 12 millions d'euros par an au budget de la ville."
    facts = facts_of(text, [entity(text, "12 millions d'euros", "MONEY", value=1.2e7)])
    assert only(facts, "12 millions d'euros").kind == "public_budget"


def test_a_private_event_costing_millions_is_other(facts_of):
    text = "Le festival a coûté 2,5 millions d'euros, dont la moitié pour les artistes."
    facts = facts_of(text, [entity(text, "2,5 millions d'euros", "MONEY", value=2.5e6)])
    assert only(facts, "2,5 millions d'euros").kind == "other"


def test_a_unit_costing_euros_is_a_price(facts_of):
    text = "Le ticket de tram coûte 1,80 euro depuis janvier."
    facts = facts_of(text, [entity(text, "1,80 euro", "MONEY", value=1.8), entity(text, "janvier", "DATE")])
    assert only(facts, "1,80 euro").kind == "price"


# `recueillir` a sum is raising it, like `récolter` and `collecter`.


@pytest.mark.parametrize(
    ("text", "money"),
    [
        ("La coopérative Solia a recueilli 2 millions d'euros auprès de ses adhérents.", "2 millions d'euros"),
        ("L'appel aux dons a recueilli 150 000 euros en trois semaines.", "150 000 euros"),
        ("L'association, qui visait 50 000 euros, a recueilli 64 000 euros.", "64 000 euros"),
    ],
)
def test_recueillir_a_sum_is_fund_raising(facts_of, text, money):
    facts = facts_of(text, [entity(text, money, "MONEY", value=1)])
    assert only(facts, money).kind == "fund_raising"


# A sentence-opening subject the parse took for a modifier (`L'État, qui visait ..., a recueilli ...`).


def test_a_fronted_subject_with_a_relative_clause_is_the_actor(facts_of):
    text = "Le Bénin a lancé un emprunt. L'État, qui visait 200 milliards de FCFA, a recueilli 260 milliards."
    facts = facts_of(text, [
        entity(text, "Bénin", "LOC"),
        entity(text, "200 milliards de FCFA", "MONEY", value=2e11, currency="XOF"),
        entity(text, "260 milliards", "MONEY", value=2.6e11, currency="XOF"),
    ])  # fmt: skip
    fact = only(facts, "260 milliards")
    assert fact.kind == "fund_raising"
    assert fact.actor is not None and fact.actor.text == "Bénin"


def test_a_fronted_named_subject_is_the_actor(facts_of):
    text = "Le Togo, qui espérait 90 milliards de FCFA, a recueilli 120 milliards de FCFA."
    facts = facts_of(text, [
        entity(text, "Togo", "LOC"),
        entity(text, "90 milliards de FCFA", "MONEY", value=9e10, currency="XOF"),
        entity(text, "120 milliards de FCFA", "MONEY", value=1.2e11, currency="XOF"),
    ])  # fmt: skip
    fact = only(facts, "120 milliards de FCFA")
    assert fact.actor is not None and fact.actor.text == "Togo"


def test_a_fronted_time_phrase_is_no_actor(facts_of):
    text = "La semaine dernière, les ménages ont recueilli 3 millions d'euros de primes."
    facts = facts_of(text, [entity(text, "3 millions d'euros", "MONEY", value=3e6)])
    assert only(facts, "3 millions d'euros").actor is None


# A title names the party of a fine by the noun its participle describes (`X condamnée à N d'amende`).


def test_the_noun_a_sentencing_participle_describes_pays_the_fine(facts_of):
    text = "Fraude aux aides : la coopérative Valmorel condamnée à 90 000 euros d'amende"
    facts = facts_of(text, [
        entity(text, "Valmorel", "ORG"),
        entity(text, "90 000 euros", "MONEY", value=90000),
    ])  # fmt: skip
    fact = only(facts, "90 000 euros")
    assert fact.kind == "fine"
    assert fact.actor is not None and fact.actor.text == "Valmorel"


# A text of ours that does not end as a sentence ends (a title, a list line) is parsed as one sentence.


def test_a_title_is_parsed_as_one_sentence():
    from pipeline.facts import load_parser

    nlp = load_parser()
    title = nlp("Fraude aux aides : la coopérative Valmorel condamnée à 90 000 euros d'amende")
    assert len(list(title.sents)) == 1
    prose = nlp("Lyon vote son budget. Il baisse de 40 millions d'euros.")
    assert len(list(prose.sents)) == 2


# An object clitic (`le tribunal l'a condamné`) refers to the subject of the sentence before, not to a name
# governed by a preposition there (`gérant de la société X`).


def test_an_object_clitic_refers_to_the_subject_of_the_sentence_before(facts_of):
    text = (
        "Après deux jours d'audience à Rennes, Paul Vernet, gérant de la société Batimo Ouest, a été reconnu "
        "coupable d'escroquerie. Le tribunal l'a condamné à une amende de 40 000 euros."
    )
    facts = facts_of(text, [
        entity(text, "Rennes", "LOC"),
        entity(text, "Paul Vernet", "PER"),
        entity(text, "Batimo Ouest", "ORG"),
        entity(text, "40 000 euros", "MONEY", value=40000),
    ])  # fmt: skip
    fact = only(facts, "40 000 euros")
    assert fact.kind == "fine"
    assert fact.actor is not None and fact.actor.text == "Paul Vernet"


# Money a public body gives (`apporter`, `verser`, `une enveloppe`, `une rallonge`) is public aid (§6.2); what
# it invests (`investir`) and what a private party gives stay investment.

PUBLIC_AID = [
    (
        "La Région Bretagne apportera 2 millions d'euros au futur port de plaisance.",
        "Région Bretagne",
        "ORG",
        "public_budget",
    ),
    (
        "Le Département du Gers a débloqué une rallonge de 300 000 euros pour le festival.",
        "Département du Gers",
        "ORG",
        "public_budget",
    ),
    (
        "La Région Bretagne investira 2 millions d'euros dans le futur port de plaisance.",
        "Région Bretagne",
        "ORG",
        "investment",
    ),
    ("Le fonds Arvor Capital apportera 2 millions d'euros à la jeune pousse.", "Arvor Capital", "ORG", "investment"),
]


@pytest.mark.parametrize(("text", "name", "label", "kind"), PUBLIC_AID)
def test_money_a_public_body_gives_is_public_aid(facts_of, text, name, label, kind):
    money = next(m for m in ("2 millions d'euros", "300 000 euros") if m in text)
    fact = only(facts_of(text, [entity(text, name, label), entity(text, money, "MONEY", value=1)]), money)
    assert fact.actor is not None and fact.actor.text == name
    assert fact.kind == kind


# A pronoun subject (`il`, `elle`) of a verb that only states a level refers to the money noun before it: the
# amount takes that noun's kind.


def test_a_pronoun_subject_takes_the_kind_of_the_money_noun_it_refers_to(facts_of):
    text = (
        "La dette du canton de Vaud a encore augmenté l'an dernier. "
        "Selon le gouvernement, elle atteindra 9 milliards de francs."
    )
    facts = facts_of(text, [
        entity(text, "Vaud", "LOC"),
        entity(text, "9 milliards de francs", "MONEY", value=9e9),
    ])  # fmt: skip
    assert only(facts, "9 milliards de francs").kind == "public_budget"


def test_a_pronoun_that_refers_to_no_money_noun_gives_no_kind(facts_of):
    text = "La maison de maître a été rénovée l'an dernier. Selon l'agence, elle atteindra 900 000 euros."
    facts = facts_of(text, [entity(text, "900 000 euros", "MONEY", value=9e5)])
    assert only(facts, "900 000 euros").kind == "other"


# `budget` alone does not make a page about public money: a festival, a club, a film has its own (F8).


def test_a_title_about_a_private_budget_makes_no_public_page(facts_of):
    text = "Le festival des Embruns présente son budget\nSes placements ont donné 12 000 euros d'intérêts l'an dernier."
    fact = only(facts_of(text, [entity(text, "12 000 euros", "MONEY", value=12000)]), "12 000 euros")
    assert fact.kind == "other"


def test_a_title_about_taxes_still_makes_a_public_page(facts_of):
    text = (
        "La commune présente son budget et ses impôts\nSes placements ont donné 12 000 euros d'intérêts l'an dernier."
    )
    fact = only(facts_of(text, [entity(text, "12 000 euros", "MONEY", value=12000)]), "12 000 euros")
    assert fact.kind == "public_budget"


# Pay is quoted gross or net per period (`N euros brut par mois`): a wage, whatever the page is about.

PAY = [
    ("À l'embauche, un infirmier démarre à 2 100 euros brut par mois.", "2 100 euros", "wage"),
    ("Pour un technicien de la mairie, comptez environ 2 400 euros nets mensuels.", "2 400 euros", "wage"),
    ("Le groupe versera un dividende de 1,20 euro brut par action.", "1,20 euro", "other"),
]


@pytest.mark.parametrize(("text", "money", "kind"), PAY)
def test_an_amount_quoted_gross_or_net_per_period_is_pay(facts_of, text, money, kind):
    assert only(facts_of(text, [entity(text, money, "MONEY", value=1)]), money).kind == kind


def test_a_sum_the_prosecution_requires_is_a_fine_with_no_payer_named(facts_of):
    text = "À Nantes, le ministère public a requis 80 000 euros mardi soir."
    fact = only(
        facts_of(text, [entity(text, "Nantes", "LOC"), entity(text, "80 000 euros", "MONEY", value=8e4)]),
        "80 000 euros",
    )
    assert fact.kind == "fine"
    assert fact.actor is None
