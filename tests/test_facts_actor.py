"""Errors of the actor rule of the money facts stage (sentences written for these tests; none comes from the
seeds or the gold pages). Entities are given by hand."""

from __future__ import annotations

import pytest
from test_facts import entity, only

# What is bought is the purpose, never the actor (GUIDELINES §6.1): `l'achat de X`, `le rachat de X`,
# `l'acquisition de X`; the buyer is `par Y`, the subject of the governing verb or the possessive.


def test_the_buyer_after_par_is_the_actor_not_what_is_bought(facts_of):
    text = "L'achat de Veltis par le groupe Norvane a coûté 2 milliards d'euros."
    facts = facts_of(text, [
        entity(text, "Veltis", "ORG"),
        entity(text, "Norvane", "ORG"),
        entity(text, "2 milliards d'euros", "MONEY", value=2e9),
    ])  # fmt: skip
    fact = only(facts, "2 milliards d'euros")
    assert fact.actor is not None and fact.actor.text == "Norvane"


def test_what_a_rachat_buys_is_not_the_actor_of_its_price(facts_of):
    text = "Le rachat de Sorelia a été conclu pour 450 millions d'euros."
    facts = facts_of(text, [
        entity(text, "Sorelia", "ORG"),
        entity(text, "450 millions d'euros", "MONEY", value=4.5e8),
    ])  # fmt: skip
    fact = only(facts, "450 millions d'euros")
    assert fact.actor is None


def test_what_an_acquisition_buys_is_not_the_actor_of_its_amount(facts_of):
    text = "L'acquisition de Brenna, d'un montant de 80 millions d'euros, a été validée."
    facts = facts_of(text, [
        entity(text, "Brenna", "ORG"),
        entity(text, "80 millions d'euros", "MONEY", value=8e7),
    ])  # fmt: skip
    fact = only(facts, "80 millions d'euros")
    assert fact.actor is None


def test_a_rachat_with_par_names_the_buyer(facts_of):
    text = "Le rachat du club par Tarlow Capital, pour 120 millions d'euros, a été annoncé."
    facts = facts_of(text, [
        entity(text, "Tarlow Capital", "ORG"),
        entity(text, "120 millions d'euros", "MONEY", value=1.2e8),
    ])  # fmt: skip
    fact = only(facts, "120 millions d'euros")
    assert fact.actor is not None and fact.actor.text == "Tarlow Capital"


# A place that opens the sentence (`Au Canada, ...`) is an adjunct of the whole clause, never the dative of
# `coûter`, `rapporter`, `revenir` (GUIDELINES §6.1): the dative comes after the verb, or as a clitic.


def test_a_fronted_country_is_not_the_dative_of_couter(facts_of):
    text = "Au Canada, un plein d'essence coûte 90 dollars."
    facts = facts_of(text, [
        entity(text, "Canada", "LOC"),
        entity(text, "90 dollars", "MONEY", value=90, currency="USD"),
    ])  # fmt: skip
    fact = only(facts, "90 dollars")
    assert fact.actor is None
    assert fact.kind == "price"


def test_a_fronted_country_is_not_the_actor_of_a_price(facts_of):
    text = "Au Japon, ce modèle coûte 30 000 euros."
    facts = facts_of(text, [
        entity(text, "Japon", "LOC"),
        entity(text, "30 000 euros", "MONEY", value=30000),
    ])  # fmt: skip
    fact = only(facts, "30 000 euros")
    assert fact.actor is None


def test_a_fronted_plural_country_is_not_the_dative_of_revenir(facts_of):
    text = "Aux Pays-Bas, un abonnement mensuel revient à 40 euros."
    facts = facts_of(text, [
        entity(text, "Pays-Bas", "LOC"),
        entity(text, "40 euros", "MONEY", value=40),
    ])  # fmt: skip
    fact = only(facts, "40 euros")
    assert fact.actor is None


def test_a_dative_after_the_verb_is_still_the_actor(facts_of):
    text = "La grève a coûté à Orvex près de 2 millions d'euros."
    facts = facts_of(text, [
        entity(text, "Orvex", "ORG"),
        entity(text, "2 millions d'euros", "MONEY", value=2e6),
    ])  # fmt: skip
    fact = only(facts, "2 millions d'euros")
    assert fact.actor is not None and fact.actor.text == "Orvex"


# A clitic dative (`lui`, `leur`) of `coûter`, `rapporter`, `revenir` is the party the amount goes to or from
# (GUIDELINES §6.1, rule 4): the party the pronoun takes up.


def test_lui_before_rapporter_is_the_actor(facts_of):
    text = "Le club Valtor a signé avec Brenco. Ce partenariat lui rapporte 3 millions d'euros par saison."
    facts = facts_of(text, [
        entity(text, "Valtor", "ORG"),
        entity(text, "Brenco", "ORG"),
        entity(text, "3 millions d'euros", "MONEY", value=3e6),
    ])  # fmt: skip
    fact = only(facts, "3 millions d'euros")
    assert fact.actor is not None and fact.actor.text == "Valtor"


def test_lui_before_couter_is_the_actor(facts_of):
    text = "Marc Delpy a racheté une vieille ferme. La toiture lui a coûté 40 000 euros."
    facts = facts_of(text, [
        entity(text, "Marc Delpy", "PER"),
        entity(text, "40 000 euros", "MONEY", value=40000),
    ])  # fmt: skip
    fact = only(facts, "40 000 euros")
    assert fact.actor is not None and fact.actor.text == "Marc Delpy"


def test_lui_before_couter_in_the_future_is_the_actor(facts_of):
    text = "La société Solvane a perdu son procès. Ce litige lui coûtera 1,2 million d'euros."
    facts = facts_of(text, [
        entity(text, "Solvane", "ORG"),
        entity(text, "1,2 million d'euros", "MONEY", value=1.2e6),
    ])  # fmt: skip
    fact = only(facts, "1,2 million d'euros")
    assert fact.actor is not None and fact.actor.text == "Solvane"


# A description (`l'entreprise`, `la société`) refers to a party the text puts forward, not to the agent of a
# participle (`montée par le sous-traitant X`, `défendue par le cabinet Y`): background mentions.

DESCRIBED = [
    (
        "Orvane lance une nouvelle liseuse. Montée à Brno par le sous-traitant Fabrix, la machine arrive en "
        "rayon ce mois-ci. L'entreprise, qui emploie 30 personnes, a réalisé 4 millions d'euros de chiffre "
        "d'affaires l'an dernier.",
        "4 millions d'euros",
        [("Orvane", "ORG"), ("Brno", "LOC"), ("Fabrix", "ORG")],
        "Orvane",
    ),
    (
        "Le groupe Tessel comparaissait jeudi. La défense, assurée par le cabinet Morand & Lys, a rappelé "
        "que la société avait investi 6 millions d'euros dans ses filtres.",
        "6 millions d'euros",
        [("Tessel", "ORG"), ("Morand & Lys", "ORG")],
        "Tessel",
    ),
]


@pytest.mark.parametrize(("text", "money", "names", "expected"), DESCRIBED)
def test_a_description_does_not_refer_to_the_agent_of_a_participle(facts_of, text, money, names, expected):
    facts = facts_of(text, [entity(text, name, label) for name, label in names]
                     + [entity(text, money, "MONEY", value=1e6)])  # fmt: skip
    fact = only(facts, money)
    assert fact.actor is not None and fact.actor.text == expected


# A finite verb always has a subject: when the parse lost it (a name set off by a fronted phrase and an
# apposition), the one name before the verb that no preposition governs is it.


def test_a_subject_the_parse_lost_after_a_fronted_phrase(facts_of):
    text = (
        "Propriétaire du club depuis 2019, Valcor Partners, le fonds de Jean Mirel, avait déjà remis "
        "8 millions d'euros au pot en mars."
    )
    facts = facts_of(text, [
        entity(text, "Valcor Partners", "ORG"),
        entity(text, "Jean Mirel", "PER"),
        entity(text, "8 millions d'euros", "MONEY", value=8e6),
    ])  # fmt: skip
    fact = only(facts, "8 millions d'euros")
    assert fact.actor is not None and fact.actor.text == "Valcor Partners"


# A possessive or a pronoun does not refer to the agent of a participle in the sentence before (`produit par
# X`): the work it describes is what the sentence is about, and a work is no party (§6.1).


def test_a_possessive_does_not_refer_to_the_agent_of_a_participle(facts_of):
    text = (
        "Sorti mercredi dans 300 salles, « Les Vents du Nord », produit par Lumina, a attiré 200 000 "
        "spectateurs. Avec un billet moyen de 8 euros, ses recettes atteignent 1,6 million d'euros."
    )
    facts = facts_of(text, [
        entity(text, "Les Vents du Nord", "MISC"),
        entity(text, "Lumina", "ORG"),
        entity(text, "8 euros", "MONEY", value=8),
        entity(text, "1,6 million d'euros", "MONEY", value=1.6e6),
    ])  # fmt: skip
    assert only(facts, "1,6 million d'euros").actor is None


# A description followed by its name between commas (`Le nouveau trésorier, Paul Mirel, a fait voter`) stands
# for that name, even when the parse makes the description the subject.

APPOSED = [
    "Le nouveau trésorier, Paul Mirel, a fait voter un plafond de 3 000 euros pour les frais de déplacement.",
    "Sa directrice générale, Léa Vautrin, a signé un contrat de 2 millions d'euros avec la région.",
]


@pytest.mark.parametrize("text", APPOSED)
def test_a_description_followed_by_its_name_stands_for_it(facts_of, text):
    name = "Paul Mirel" if "Paul Mirel" in text else "Léa Vautrin"
    money = "3 000 euros" if "3 000 euros" in text else "2 millions d'euros"
    facts = facts_of(text, [entity(text, name, "PER"), entity(text, money, "MONEY", value=1e6)])
    fact = only(facts, money)
    assert fact.actor is not None and fact.actor.text == name
