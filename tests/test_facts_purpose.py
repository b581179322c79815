"""Purpose and price rules of the money facts stage (issue #17, second round), one error class of the dev split
each, in sentences written for these tests (none comes from the seeds or the gold pages). Entities by hand."""

from __future__ import annotations

import pytest
from test_facts import entity, only


def _entities(text, money, names=()):
    found = [entity(text, m, "MONEY", value=value) for m, value in money]
    found += [entity(text, fragment, label) for fragment, label in names]
    return found


# A price given per unit (`N euros le mètre carré`) prices that unit when the subject is only the price itself.

PER_UNIT = [
    ("Le loyer moyen atteint 16,2 euros le mètre carré dans le centre.", "16,2 euros", "le mètre carré"),
    ("Le tarif affiché tombe à 45 euros la nuitée hors saison.", "45 euros", "la nuitée"),
    ("Le prix de vente ressort à 210 euros le quintal de blé.", "210 euros", "le quintal de blé"),
    ("Le tarif réduit atteint 29 euros la place.", "29 euros", "la place"),
]


@pytest.mark.parametrize(("text", "money", "purpose"), PER_UNIT)
def test_a_price_per_unit_prices_the_unit(facts_of, text, money, purpose):
    fact = only(facts_of(text, _entities(text, [(money, 1)])), money)
    assert fact.kind == "price"
    assert fact.purpose is not None and fact.purpose.text == purpose


# The subject of a price verb is the thing priced, with its own name or the agent of a participle inside
# (`le pass Liberté`, `le mètre cube facturé par X`); a party's share (`l'action X`) is no thing priced.

PRICED_SUBJECTS = [
    (
        "Le pass Liberté mensuel est passé de 42 euros à 45 euros en janvier.",
        "45 euros",
        "Le pass Liberté mensuel",
        [("Liberté", "MISC")],
    ),
    ("En ligne, la Vela X3 coûte 599 dollars.", "599 dollars", "la Vela X3", [("Vela X3", "MISC")]),
    (
        "Le mètre cube d'eau facturé par Aquanord revient à 4,20 euros.",
        "4,20 euros",
        "Le mètre cube d'eau",
        [("Aquanord", "ORG")],
    ),
]


@pytest.mark.parametrize(("text", "money", "purpose", "names"), PRICED_SUBJECTS)
def test_the_subject_of_a_price_verb_is_the_thing_priced(facts_of, text, money, purpose, names):
    fact = only(facts_of(text, _entities(text, [(money, 1)], names)), money)
    assert fact.kind == "price"
    assert fact.purpose is not None and fact.purpose.text.startswith(purpose)


def test_a_partys_share_is_no_thing_priced(facts_of):
    text = "L'action Moravel a clôturé à 18,40 euros."
    fact = only(facts_of(text, _entities(text, [("18,40 euros", 18.4)], [("Moravel", "ORG")])), "18,40 euros")
    assert fact.purpose is None


# An amount after another with no verb between: a thing named between is what it prices (gapping); with
# nothing named between (`contre N un an plus tôt`), it prices the same thing as the amount before.

FOLLOWING = [
    (
        "Le WTI gagnait 1,2% à 68 dollars le baril, et la tonne de nickel 0,8% à 15 600 dollars.",
        "15 600 dollars",
        "la tonne de nickel",
    ),
    ("Le merlu a été payé 5,10 euros le kilo en moyenne, la lotte jusqu'à 19 euros.", "19 euros", "la lotte"),
    (
        "Le loyer médian atteint 12,6 euros le mètre carré, contre 12,1 euros un an plus tôt.",
        "12,1 euros",
        "le mètre carré",
    ),
    ("Le prix du ticket de métro passe à 2,30 euros, contre 2,10 euros l'an dernier.", "2,10 euros", "ticket de métro"),
]


@pytest.mark.parametrize(("text", "money", "purpose"), FOLLOWING)
def test_a_following_amount_prices_the_thing_named_before_it(facts_of, text, money, purpose):
    found = [m for m in ("68 dollars", "15 600 dollars", "5,10 euros", "19 euros", "12,6 euros", "12,1 euros",
                         "2,30 euros", "2,10 euros") if m in text]  # fmt: skip
    names = [(n, "MISC") for n in ("WTI",) if n in text]
    names += [(n, "PERCENT") for n in ("1,2%", "0,8%") if n in text]
    fact = only(facts_of(text, _entities(text, [(m, 1) for m in found], names)), money)
    assert fact.purpose is not None and fact.purpose.text == purpose


# A small amount with no word of its kind given to a thing (`X à N euros`, `X est proposé à N euros`,
# `X est passé à N euros`) is the price of that thing; not a threshold, an estimate or a ceiling.

PRICED_AT = [
    ("Au guichet, le café est passé à 1,80 euro.", "1,80 euro", "le café"),
    ("La visite guidée est proposée à 12 euros.", "12 euros", "La visite guidée"),
    ("Il a commandé une trottinette à 450 euros.", "450 euros", "une trottinette"),
]


@pytest.mark.parametrize(("text", "money", "purpose"), PRICED_AT)
def test_a_thing_at_an_amount_is_priced(facts_of, text, money, purpose):
    fact = only(facts_of(text, _entities(text, [(money, 1)])), money)
    assert fact.kind == "price"
    assert fact.purpose is not None and fact.purpose.text == purpose


NOT_PRICED_AT = [
    "Les ménages dont le revenu est inférieur à 900 euros seront aidés.",
    "Les travaux ont été estimés à 900 euros.",
    "La pénalité peut aller jusqu'à 900 euros.",
]


@pytest.mark.parametrize("text", NOT_PRICED_AT)
def test_a_threshold_an_estimate_or_a_ceiling_is_no_price(facts_of, text):
    fact = only(facts_of(text, _entities(text, [("900 euros", 900)])), "900 euros")
    assert fact.kind != "price"


# A definite description (`le club`, `la société`, `l'entreprise`) is the party it referred to last, else the
# subject opening the sentence before, else the nearest compatible party: not the party the page names most.


def test_le_club_is_the_subject_of_the_sentence_before(facts_of):
    text = (
        "Le Stade Brestois est sorti serein de son audition devant la Direction nationale du contrôle de gestion. "
        "Le club a présenté un budget de 64 millions d'euros."
    )
    facts = facts_of(text, _entities(text, [("64 millions d'euros", 64e6)], [
        ("Stade Brestois", "ORG"), ("Direction nationale du contrôle de gestion", "ORG"),
    ]))  # fmt: skip
    fact = only(facts, "64 millions d'euros")
    assert fact.actor is not None and fact.actor.text == "Stade Brestois"


def test_a_repeated_description_keeps_its_party(facts_of):
    text = (
        "Le Havre AC a été entendu mardi. Le club présidé par Jean Morel a présenté un budget de 41 millions d'euros. "
        "Depuis la rupture du contrat avec Médiapro, le club n'a perçu que 6 millions d'euros de droits TV."
    )
    facts = facts_of(text, _entities(text, [("41 millions d'euros", 41e6), ("6 millions d'euros", 6e6)], [
        ("Havre AC", "ORG"), ("Jean Morel", "PER"), ("Médiapro", "ORG"),
    ]))  # fmt: skip
    fact = only(facts, "6 millions d'euros")
    assert fact.actor is not None and fact.actor.text == "Havre AC"


def test_l_entreprise_is_the_nearest_company_not_the_most_named(facts_of):
    text = (
        "Brenner a racheté Ortal en 2019. Brenner détient aussi Quadra. Brenner est coté à Paris. "
        "Hier, les salariés de Mirabel ont appris une bonne nouvelle : l'entreprise a réalisé un chiffre "
        "d'affaires de 12 millions d'euros."
    )
    names = [("Brenner", "ORG"), ("Ortal", "ORG"), ("Quadra", "ORG"), ("Paris", "LOC"), ("Mirabel", "ORG")]
    found = [entity(text, "Brenner", "ORG", occurrence=k) for k in (1, 2)]
    facts = facts_of(text, _entities(text, [("12 millions d'euros", 12e6)], names) + found)
    fact = only(facts, "12 millions d'euros")
    assert fact.actor is not None and fact.actor.text == "Mirabel"


# A line of a list giving a party and its amount (`3. Stade rochelais : 41,8 M€ (+2 %)`) names its actor.

LIST_LINES = [
    ("1. Castres olympique : 27,4 M€ (+3 %)", "27,4 M€", "Castres olympique", "ORG"),
    ("12) Aviron bayonnais : 24,1 M€", "24,1 M€", "Aviron bayonnais", "ORG"),
    ("Région Bretagne : 1,2 milliard d'euros", "1,2 milliard d'euros", "Région Bretagne", "LOC"),
]


@pytest.mark.parametrize(("line", "money", "name", "label"), LIST_LINES)
def test_a_list_line_names_the_party_of_its_amount(facts_of, line, money, name, label):
    text = "Les budgets de la saison\n" + line + "\n"
    fact = only(facts_of(text, _entities(text, [(money, 1e6)], [(name, label)])), money)
    assert fact.actor is not None and fact.actor.text == name


def test_a_list_line_whose_label_is_more_than_a_name_names_no_party(facts_of):
    text = "Les chiffres\nDépenses de personnel de Castres : 12 M€\n"
    fact = only(facts_of(text, _entities(text, [("12 M€", 12e6)], [("Castres", "LOC")])), "12 M€")
    assert fact.actor is None or fact.rule.split("/")[-1] != "line-label"


# A name followed by its apposition (`X, l'ex-Y de Z, a annoncé`), which the parse may cut from the name and take
# for the subject, still gives the name; a name governed by a preposition does not.

APPOSED = [
    (
        "Tellane, l'ex-Photonis de Julia Moss, a annoncé jeudi le rachat de 12 usines pour 90 millions d'euros.",
        "90 millions d'euros",
        "Tellane",
    ),
    (
        "Ardena, l'ex-Cimex de Julia Moss, a dévoilé lundi un plan de 50 millions d'euros.",
        "50 millions d'euros",
        "Ardena",
    ),
    (
        "Noveo, l'ex-Siltec de Julia Moss, a confirmé vendredi une levée de 20 millions d'euros.",
        "20 millions d'euros",
        "Noveo",
    ),
]


@pytest.mark.parametrize(("text", "money", "name"), APPOSED)
def test_a_name_before_its_apposition_is_the_actor(facts_of, text, money, name):
    others = [(n, "PER") for n in ("Marc Weber", "Julia Moss") if n in text]
    others += [(n, "ORG") for n in ("Pharmex", "Dilo") if n in text]
    fact = only(facts_of(text, _entities(text, [(money, 1e7)], [(name, "ORG"), *others])), money)
    assert fact.actor is not None and fact.actor.text == name


# Gapping: `X a apporté 2 millions, Y 1,5 million et Z 800 000 euros`: the name of each verbless clause, after
# the last comma before its amount, even when the shared verb gave the amount an actor; never a name after a
# preposition (`versé 10 millions à Y et 5 millions à Z`).

GAPPED = [
    (
        "Le Département doit apporter 2 millions au titre de la DETR, la Région Bretagne 1,5 million et "
        "Lorient Agglomération 800 000 euros.",
        {"1,5 million": "Région Bretagne", "800 000 euros": "Lorient Agglomération"},
        [("DETR", "ORG"), ("Région Bretagne", "ORG"), ("Lorient Agglomération", "ORG")],
    ),
    (
        "Wallimage a apporté 420 000 euros au titre du fonds régional, Screen Brussels 350 000 euros "
        "et Eurimages 300 000 euros.",
        {"350 000 euros": "Screen Brussels", "300 000 euros": "Eurimages"},
        [("Wallimage", "ORG"), ("Screen Brussels", "ORG"), ("Eurimages", "ORG")],
    ),
    (
        "Bpifrance a injecté 5 millions dans le projet, la Banque des territoires 3 millions et la Caisse "
        "d'épargne 2,5 millions.",
        {"3 millions": "Banque des territoires", "2,5 millions": "Caisse d'épargne"},
        [("Bpifrance", "ORG"), ("Banque des territoires", "ORG"), ("Caisse d'épargne", "ORG")],
    ),
    (
        "Altor a versé 10 millions d'euros à Brem et 5 millions d'euros à Calix.",
        {"5 millions d'euros": "Altor"},
        [("Altor", "ORG"), ("Brem", "ORG"), ("Calix", "ORG")],
    ),
    (
        "Altor a versé 10 millions d'euros à la Fondation Brem et 5 millions d'euros à la Caisse Calix.",
        {"5 millions d'euros": "Altor"},
        [("Altor", "ORG"), ("Fondation Brem", "ORG"), ("Caisse Calix", "ORG")],
    ),
]


@pytest.mark.parametrize(("text", "expected", "names"), GAPPED)
def test_the_name_of_a_gapped_clause_is_its_actor(facts_of, text, expected, names):
    amounts = [m for m in ("2 millions", "1,5 million", "800 000 euros", "420 000 euros", "350 000 euros",
                           "300 000 euros", "10 millions d'euros", "5 millions d'euros", "5 millions", "3 millions",
                           "2,5 millions") if m in text]  # fmt: skip
    amounts = [m for m in amounts if not any(m != other and m in other and other in text for other in amounts)]
    if "Bpifrance" in text:
        amounts = ["5 millions", "3 millions", "2,5 millions"]
    facts = facts_of(text, _entities(text, [(m, 1e6) for m in amounts], names))
    for money, name in expected.items():
        fact = only(facts, money)
        assert fact.actor is not None and fact.actor.text == name, money


# Coordinated amounts each with their own owner (`300 000 euros de la Région, 180 000 euros du Département`):
# each its own, not the first amount's.

OWNED = [
    (
        "Les partenaires ont maintenu leur soutien : 200 000 euros de la Région Normandie, 90 000 euros du "
        "Département de l'Orne et 60 000 euros de Flers Agglo.",
        {"90 000 euros": "Département de l'Orne", "60 000 euros": "Flers Agglo"},
        [("Région Normandie", "ORG"), ("Département de l'Orne", "ORG"), ("Flers Agglo", "ORG")],
        ["200 000 euros", "90 000 euros", "60 000 euros"],
    ),
    (
        "Le festival a obtenu des subventions : 120 000 euros de la Ville de Brest, 80 000 euros de Brest "
        "Métropole et 40 000 euros du Département du Finistère.",
        {"80 000 euros": "Brest Métropole", "40 000 euros": "Département du Finistère"},
        [("Ville de Brest", "ORG"), ("Brest Métropole", "ORG"), ("Département du Finistère", "ORG")],
        ["120 000 euros", "80 000 euros", "40 000 euros"],
    ),
    (
        "Le club a reçu des aides : 50 000 euros de la Région Occitanie et 30 000 euros de la Ville de Castres.",
        {"30 000 euros": "Ville de Castres"},
        [("Région Occitanie", "ORG"), ("Ville de Castres", "ORG")],
        ["50 000 euros", "30 000 euros"],
    ),
]


@pytest.mark.parametrize(("text", "expected", "names", "amounts"), OWNED)
def test_coordinated_amounts_keep_their_own_owners(facts_of, text, expected, names, amounts):
    facts = facts_of(text, _entities(text, [(m, 1e5) for m in amounts], names))
    for money, name in expected.items():
        fact = only(facts, money)
        assert fact.actor is not None and fact.actor.text == name, money


# `pour X` gives what a provision, a claim or a cost is for; with revenue and results it gives the period or
# the earner, no purpose.


def test_pour_gives_what_a_provision_is_for(facts_of):
    text = "La banque Orsel a passé une provision de 4 millions d'euros pour un contentieux commercial."
    fact = only(
        facts_of(text, _entities(text, [("4 millions d'euros", 4e6)], [("Orsel", "ORG")])), "4 millions d'euros"
    )
    assert fact.purpose is not None and fact.purpose.text == "un contentieux commercial"


def test_pour_after_a_turnover_is_no_purpose(facts_of):
    text = "Le groupe Tessard a réalisé un chiffre d'affaires de 80 millions d'euros pour l'ensemble de l'année."
    fact = only(
        facts_of(text, _entities(text, [("80 millions d'euros", 8e7)], [("Tessard", "ORG")])), "80 millions d'euros"
    )
    assert fact.kind == "revenue"
    assert fact.purpose is None


# What a participle of buying or pricing describes is the thing bought or priced: the noun it follows
# (`Le tableau, acquis pour N`), or the subject a fronted participle clause describes (`Recruté N, X a ...`),
# a player bought included; the purpose leaves the participle out.

DESCRIBED = [
    (
        "Le tableau, acquis pour 90 000 euros par le musée de Brest, sera exposé en mai.",
        "90 000 euros",
        [("musée de Brest", "ORG")],
        "Le tableau",
    ),
    (
        "Recruté pour 6 millions d'euros, Hugo Lemarchand a marqué dix buts.",
        "6 millions d'euros",
        [("Hugo Lemarchand", "PER")],
        "Hugo Lemarchand",
    ),
]


@pytest.mark.parametrize(("text", "money", "names", "purpose"), DESCRIBED)
def test_a_participle_of_buying_describes_what_is_bought(facts_of, text, money, names, purpose):
    fact = only(facts_of(text, _entities(text, [(money, 1)], names)), money)
    assert fact.kind == "acquisition"
    assert fact.purpose is not None and fact.purpose.text == purpose


def test_the_subject_a_fronted_participle_of_buying_describes_is_no_buyer(facts_of):
    text = "Recruté pour 6 millions d'euros, Hugo Lemarchand a marqué dix buts."
    fact = only(
        facts_of(text, _entities(text, [("6 millions d'euros", 6e6)], [("Hugo Lemarchand", "PER")])),
        "6 millions d'euros",
    )
    assert fact.actor is None


# A thing sold by the unit (`un abonnement`, `un forfait`, `un billet`) is a thing priced even when indefinite;
# only a price word (`un prix`, `un tarif`) is none.


def test_an_indefinite_thing_sold_is_what_a_price_verb_prices(facts_of):
    text = "Un forfait annuel au spa de Vichy coûte 480 euros."
    fact = only(facts_of(text, _entities(text, [("480 euros", 480)], [("Vichy", "LOC")])), "480 euros")
    assert fact.kind == "price"
    assert fact.purpose is not None and fact.purpose.text.startswith("Un forfait annuel")


# A price carried by a noun of a thing sold (`un abonnement de N`, `un forfait à N`) prices that thing when the
# sentence names no other; a price word (`un prix de N`) or rent (`un loyer de N`) is no thing sold.

SOLD = [
    (
        "Les communes paient un forfait annuel compris entre 2 000 et 5 000 euros.",
        "entre 2 000 et 5 000 euros",
        "un forfait annuel",
    ),
    ("Un ticket moyen à 14 euros", "14 euros", "Un ticket moyen"),
]


@pytest.mark.parametrize(("text", "money", "purpose"), SOLD)
def test_a_noun_of_a_thing_sold_is_what_its_price_prices(facts_of, text, money, purpose):
    fact = only(facts_of(text, _entities(text, [(money, 1)])), money)
    assert fact.kind == "price"
    assert fact.purpose is not None and fact.purpose.text == purpose


# `pour` + infinitive after a light verb whose object is the money noun (`dégager une enveloppe de N pour faire X`):
# the infinitive with its complements says what the money is for; `pour` is then the mark, not the case.

LIGHT_VERB_INFINITIVES = [
    (
        "Le Département a débloqué une enveloppe de 2 millions d'euros pour rénover les collèges du nord.",
        "2 millions d'euros",
        "rénover les collèges du nord",
    ),
    (
        "La mairie a voté une subvention de 80 000 euros pour équiper la médiathèque.",
        "80 000 euros",
        "équiper la médiathèque",
    ),
]


@pytest.mark.parametrize(("text", "money", "purpose"), LIGHT_VERB_INFINITIVES)
def test_an_infinitive_after_a_light_verb_is_the_purpose(facts_of, text, money, purpose):
    fact = only(facts_of(text, _entities(text, [(money, 1)])), money)
    assert fact.purpose is not None and fact.purpose.text == purpose


def test_a_time_limit_d_ici_is_no_part_of_the_purpose(facts_of):
    text = "L'hôpital a présenté un plan de 30 millions d'euros pour atteindre l'équilibre d'ici 2027."
    fact = only(facts_of(text, _entities(text, [("30 millions d'euros", 1)])), "30 millions d'euros")
    assert fact.purpose is not None and fact.purpose.text == "atteindre l'équilibre"


# `au titre de X` (on account of X) names what the amount is for by its `de` complement; when another amount
# stands between, the phrase goes with that nearer amount (`N, dont M au titre de X`).


def test_on_account_of_names_the_purpose(facts_of):
    text = "Le club a encaissé 9 millions d'euros au titre des droits de diffusion."
    fact = only(facts_of(text, _entities(text, [("9 millions d'euros", 1)])), "9 millions d'euros")
    assert fact.purpose is not None and fact.purpose.text == "droits de diffusion"


def test_on_account_of_goes_with_the_nearer_amount(facts_of):
    text = "Leur conseil réclame au total près de 500 000 euros, dont 80 000 euros au titre du préjudice d'image."
    found = facts_of(text, _entities(text, [("500 000 euros", 1), ("80 000 euros", 1)]))
    whole = only(found, "500 000 euros")
    part = only(found, "80 000 euros")
    assert whole.purpose is None or "préjudice" not in whole.purpose.text
    assert part.purpose is not None and part.purpose.text == "préjudice d'image"


# The subject of an active verb of paying (`payer`, `débourser`, `dépenser`) is who pays, never the thing priced;
# the subject of its passive is what is paid for.


def test_the_subject_of_a_paying_verb_is_no_thing_priced(facts_of):
    text = "Les acheteurs canadiens paieront 549 dollars, les Australiens 699 dollars."
    fact = only(facts_of(text, _entities(text, [("549 dollars", 1), ("699 dollars", 1)])), "549 dollars")
    assert fact.kind == "price"
    assert fact.purpose is None


def test_the_subject_of_a_passive_paying_verb_stays_the_thing_priced(facts_of):
    text = "La licence a été payée 12 000 euros."
    fact = only(facts_of(text, _entities(text, [("12 000 euros", 1)])), "12 000 euros")
    assert fact.purpose is not None and fact.purpose.text == "La licence"


# A participle of allocation right after an amount (`dont N consacrés à X`, `N fléchés vers X`) gives that amount's
# own purpose (F6), whatever word the parser hangs the participle on.

ALLOTTED = [
    (
        "Le budget prévoit 90 millions d'euros de dépenses, dont 12 M€ consacrés à la voirie, un niveau stable.",
        [("90 millions d'euros", 1), ("12 M€", 1)],
        "12 M€",
        "la voirie",
    ),
    (
        "L'État a accordé une aide de 15 millions d'euros, dont 4 millions fléchés vers la rénovation des écoles.",
        [("15 millions d'euros", 1), ("4 millions", 1)],
        "4 millions",
        "la rénovation des écoles",
    ),
]


@pytest.mark.parametrize(("text", "money", "part", "purpose"), ALLOTTED)
def test_a_participle_of_allocation_after_an_amount_gives_its_purpose(facts_of, text, money, part, purpose):
    fact = only(facts_of(text, _entities(text, money)), part)
    assert fact.purpose is not None and fact.purpose.text == purpose


# `budget` alone does not make an amount public: a festival, a film, a club has its own budget (F8, §6.2 `other`);
# a public body or a public word of the sentence still does.


def test_a_private_budget_is_no_public_budget(facts_of):
    text = "Le festival a bouclé un budget de 2,4 millions d'euros grâce à ses mécènes."
    fact = only(facts_of(text, _entities(text, [("2,4 millions d'euros", 1)])), "2,4 millions d'euros")
    assert fact.kind == "other"


def test_a_budget_voted_by_a_municipal_council_stays_public(facts_of):
    text = "Le conseil municipal a adopté un budget de 14 millions d'euros."
    fact = only(facts_of(text, _entities(text, [("14 millions d'euros", 1)])), "14 millions d'euros")
    assert fact.kind == "public_budget"
