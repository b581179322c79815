"""Hostile texts the matchers are held to: every stage runs in time linear in the length of its text.

Each family is a text made of one repeated unit, or a seeded random mix of the tokens the money,
percent and date grammars read, cut to any length. `tests/test_linear_time.py` checks that the time
per character of the rule stages does not grow with the length of each family;
`scripts/bench_adversarial.py` prints the seconds per megabyte of each family against normal French
text (`NORMAL_PARAGRAPH` repeated).
"""

from __future__ import annotations

import random
from collections.abc import Callable

# A paragraph of ordinary French news prose: names, amounts, percentages and dates at a usual density.
NORMAL_PARAGRAPH = (
    "Le conseil régional de Bretagne a voté jeudi 6 mars 2025 une enveloppe de 12,5 millions d'euros pour "
    "moderniser les lignes ferroviaires entre Rennes et Brest. Selon la présidente de la région, les travaux "
    "commenceront à l'automne et dureront près de trois ans. L'opposition juge le montant insuffisant : "
    "elle rappelle que la fréquentation des trains régionaux a progressé de 14 % depuis 2019 et réclame "
    "au moins 20 millions d'euros supplémentaires. La SNCF, qui exploite le réseau, n'a pas souhaité "
    "commenter ces chiffres avant la réunion prévue le 2 avril à Paris.\n\n"
)

# One repeated unit per family: grouped digits, comma digits, number words, collectives, dense amounts.
REPEATED_UNITS: dict[str, str] = {
    "grouped digits": "1 000 000 ",
    "one grouped number": "000 ",
    "mixed separators": "1 000.000'000\u202f000 ",
    "comma digits": "1,",
    "digits and spaces": "1 ",
    "digits and hyphens": "1-",
    "un un un": "un ",
    "vingt-et-un": "vingt-et-un ",
    "mille mille": "mille ",
    "cent cent": "cent ",
    "dizaines de": "dizaines de ",
    "5 EUR": "5 EUR ",
    "5 %": "5 % ",
    "listed days": "1, ",
    "days joined by et": "10 et ",
    "weekdays": "lundi ",
    "dates": "10 février ",
    "ranges": "entre 5 et ",
    "magnitudes": "milliards de ",
}

MIX_TOKENS = (
    "1", "12", "250", "000", "1 000", "3,5", "0,25", "2025", ",", ".", "'", "-", "–", "/", "%", "€", "$", "£",
    "EUR", "USD", "M€", "Mds", "un", "une", "deux", "vingt", "et", "cent", "mille", "quatre-vingt-dix",
    "millions", "milliards", "d'euros", "de dollars", "euros", "dizaines", "de", "entre", "à", "plus de",
    "environ", "pour cent", "février", "lundi", "1er", "au", "fin", "mi-", "il y a", "jours",
)


def _repeated(unit: str) -> Callable[[int], str]:
    return lambda size: (unit * (size // len(unit) + 1))[:size]


def _random_mix(seed: int, separators: tuple[str, ...]) -> Callable[[int], str]:
    def make(size: int) -> str:
        chooser = random.Random(seed)
        parts: list[str] = []
        length = 0
        while length < size:
            token = chooser.choice(MIX_TOKENS) + chooser.choice(separators)
            parts.append(token)
            length += len(token)
        return "".join(parts)[:size]

    return make


# family name -> a function of a length in characters giving the text (a longer text extends a shorter one)
FAMILIES: dict[str, Callable[[int], str]] = {
    **{name: _repeated(unit) for name, unit in REPEATED_UNITS.items()},
    "random mix": _random_mix(18, (" ",)),
    "random mix, tight": _random_mix(19, ("", " ", "", "\u00a0")),
}


def normal_text(size: int) -> str:
    return _repeated(NORMAL_PARAGRAPH)(size)


def rule_stages(text: str) -> None:
    """Every rule stage over the whole text: boilerplate, publication date, money and percent, dates."""
    from pipeline.boilerplate import content_ranges
    from pipeline.dates import find_dates
    from pipeline.money import find_money
    from pipeline.published import find_published

    content_ranges(text)
    published = find_published(text)
    find_money(text)
    find_dates(text, published=published)
