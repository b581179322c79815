"""The money stage: MONEY and PERCENT amounts in French text, with exact normalised values.

A regex grammar built from the vocabulary in patterns/money_*.json:

    amount  = quantity [magnitude] [de | d'] currency       109 milliards d’euros, 6,2 M€, 1 250,50 €
            | currency quantity [magnitude]                 USD 5 millions, $5 millions
    range   = [entre | de] amount (et | à | -) amount       entre 30 et 50 milliards d'euros
    vague   = [quantifier] {collective de} magnitude de currency     plusieurs milliards d’euros
    bare    = quantity magnitude                            15 milliards (money only in context)
    percent = quantity (% | pour cent)                      8,5 %, douze pour cent

Values are Decimal all the way (97,4 milliards is exactly 97400000000); numbers written in
words go through text2num. Qualifiers (environ, plus de, jusqu'à...) stay outside the span
and fill `qualifier`. A bare amount is money when no counted noun follows it ("2 milliards
d'habitants" is not) and takes the currency of the nearest explicit amount before it.

Beyond the grammar (the end of this module), each with its data in patterns/:

    subunit     50 centimes, 470 pence, 60 cents d'euro, 25,16 c€   value in the main unit (0.50, 4.70 ...)
    compound    2 euros et 10 centimes, 1 USD 23 cents, 1 euro 50      one amount, 2.10, 1.23, 1.50
    glued code  USD1,23, EUR29,99;  English compacts  $5bn, £52m
    collective  une trentaine d'euros                                 value 30, qualifier approx
    table cell  412,6 under "(en millions d'euros)"                   412600000, currency inferred
    sign        -3,4 M€, +13 millions de dollars, moins 3 millions    signed value, the sign in the span
    change      passer de 2,10 euros à 2,60 euros                    two amounts, not a range
    alternative 900 ou 1 000 euros                                    two amounts, the first inferred

Ambiguous currency words (francs, FCFA, dollars, $, livres, centimes...) are resolved by the page
(pipeline/currency_regions.py), and every MONEY entity says what decided its currency in
`currency_evidence` ("written", "sentence: Genève", "amount before: 20 milliards d'euros" ...).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from text_to_num import text2num

from pipeline import currency_regions
from pipeline.folding import APOSTROPHE, fold, key, word_regex
from pipeline.model import NORM_FIELDS, Entity, is_too_large, json_number
from pipeline.overlaps import add_without_overlap  # amounts of successive matchers
from pipeline.resources import alternation, load_pattern

CURRENCY_DATA = load_pattern("money_currencies.json")
CURRENCY_SIGNS = load_pattern("money_currency_signs.json")  # ISO 4217 codes (CLDR) and unambiguous signs
MAGNITUDE_DATA = load_pattern("money_magnitudes.json")
QUALIFIER_DATA = load_pattern("money_qualifiers.json")
RANGE_DATA = load_pattern("money_ranges.json")
NUMBER_DATA = load_pattern("money_numbers.json")
PERCENT_DATA = load_pattern("money_percent.json")
CONTEXT_DATA = load_pattern("money_context.json")

# How far back a qualifier ("pas plus de") and the words before a bare amount are looked for.
QUALIFIER_WINDOW = 40
CONTEXT_WINDOW = 80
CONTEXT_WORDS = 3
# Caps that keep every matcher linear in the length of the text, whatever it holds (issue 18): each
# candidate match is bounded, so a run of number words or of collectives costs the same per character
# as prose. Longer runs are not amounts: the longest French number below a million in words,
# "neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf", has 13 words.
MAX_NUMBER_WORDS = 16
# "des dizaines de milliers de milliards d'euros" chains two collectives before the magnitude.
MAX_COLLECTIVES = 3
# Digits of a number written in figures, either side of its decimal comma: a longer run of digits is no amount.
# The bound keeps Decimal arithmetic cheap; a value past the float range (10^400 euros written out) is found,
# and written as null with a warning (pipeline.model.is_too_large).
MAX_NUMBER_DIGITS = 1000


# --- vocabulary ----------------------------------------------------------------------------


def _currency_names() -> dict[str, str | None]:
    return {key(form): entry["code"] for entry in CURRENCY_DATA["names"] for form in entry["forms"]}


def _currency_symbols() -> dict[str, str | None]:
    """The unambiguous currency signs of patterns/money_currency_signs.json, overridden by money_currencies.json."""
    symbols = {**CURRENCY_SIGNS["symbols"], **CURRENCY_DATA["symbols"]}
    return {re.sub(r"\s+", "", symbol): code for symbol, code in symbols.items()}


def _currency_codes() -> dict[str, str]:
    excluded = set(CURRENCY_DATA["codes_not_currency"])
    codes = {code: code for code in CURRENCY_SIGNS["codes"] if code not in excluded}
    codes.update(CURRENCY_DATA["code_aliases"])
    return codes


CURRENCY_NAMES = _currency_names()
CURRENCY_SYMBOLS = _currency_symbols()
CURRENCY_CODES_BY_TEXT = _currency_codes()
MAGNITUDE_WORDS = {key(word): Decimal(factor) for word, factor in MAGNITUDE_DATA["words"].items()}
COMPACT_MAGNITUDES = {word: Decimal(factor) for word, factor in MAGNITUDE_DATA["compact"].items()}
QUALIFIER_PHRASES = [(kind, phrase) for kind, phrases in QUALIFIER_DATA["before"].items() for phrase in phrases]
TRAILING_QUALIFIERS = [(kind, phrase) for kind, phrases in QUALIFIER_DATA["after"].items() for phrase in phrases]


def _connector_key(word: str | None) -> str | None:
    return key(word) if word and word.isalpha() else word


RANGE_CONNECTORS = {(_connector_key(c["open"]), _connector_key(j)) for c in RANGE_DATA["connectors"] for j in c["join"]}
LONE_ONE = {"un", "une"}
MONEY_NOUNS = {key(word) for word in CONTEXT_DATA["money_nouns"]}
NOT_COUNTED_AFTER_DE = {key(word) for word in CONTEXT_DATA["not_counted_after_de"]}
COUNTED_BEFORE = {key(word) for word in CONTEXT_DATA["counted_before"]}
MONEY_BEFORE = {key(word) for word in CONTEXT_DATA["money_before"]}
ONE_UNIT_CUES = {key(word) for word in CONTEXT_DATA["one_unit_cues"]}


# --- the grammar ---------------------------------------------------------------------------

HSPACE = r"[^\S\n]"
# White space within one paragraph: at most one line break, so that no span crosses a blank line.
# A line break is only crossed into a line that goes on in lower case (wrapped text, not a new heading).
LINE_BREAK = rf"\n{HSPACE}*(?-i:(?![A-ZÀ-ÖØ-Þ]))"
WS = rf"(?:{HSPACE}+(?:{LINE_BREAK})?|{LINE_BREAK})"
WS0 = rf"(?:{WS})?"
APOS = APOSTROPHE
NOT_AFTER_LETTER = r"(?<![^\W\d_])"
NOT_BEFORE_LETTER = r"(?![^\W\d_])"
DE = rf"(?:de(?!\w){WS0}|d{APOS}{WS0})"
THOUSANDS_SEPARATOR = r"[ \u00a0\u202f\u2009.'’]"
# A number never starts at the third group of digits or later of a grouped number ("1 000 000"): a run of
# groups is then tried from its first two groups only, which keeps the matchers linear on a long run.
INSIDE_GROUPS = rf"(?!(?<={THOUSANDS_SEPARATOR}\d{{3}}{THOUSANDS_SEPARATOR})\d{{3}}(?!\d))"
GROUP = rf"{THOUSANDS_SEPARATOR}\d{{3}}(?!\d)"
FIGURES = rf"\d{{1,{MAX_NUMBER_DIGITS}}}+"
DIGITS = (
    rf"(?<!\w)(?<!\d[.,]){INSIDE_GROUPS}"
    rf"(?:\d{{1,3}}(?:{GROUP}){{1,{MAX_NUMBER_DIGITS // 3}}}+(?!{GROUP})(?:,{FIGURES})?"
    rf"|{FIGURES}(?:[.,]{FIGURES})?)(?!\d)"
)
GROUPED_DIGITS = re.compile(rf"\d{{1,3}}(?:{THOUSANDS_SEPARATOR}\d{{3}})+(?:,\d+)?")


def _loose(word: str) -> str:
    """A regex for a vocabulary word: any apostrophe, space or hyphen between words, accents optional."""
    return word_regex(
        word,
        space=rf"(?:{HSPACE}+|{HSPACE}*[-‑]{HSPACE}*)",
        hyphen=rf"(?:{HSPACE}*[-‑]{HSPACE}*|{HSPACE}+)",
        accents_optional=True,
    )


def _alternation(words: Iterable[str], transform: Callable[[str], str] = _loose) -> str:
    return alternation(words, transform)


def _starts(words: Iterable[str]) -> str:
    """A lookahead for the first characters of `words` (and their unaccented letters): the engine then rejects
    a position with one test instead of trying every word of a long alternation there."""
    firsts = sorted({char for word in words for char in (word[0], fold(word[0])[:1]) if char})
    return f"(?=[{''.join(re.escape(char) for char in firsts)}])"


def _symbol_regex(symbol: str) -> str:
    """'$CAD' also matches '$ CAD', 'US$' also 'US $'."""
    regex = ""
    for index, char in enumerate(symbol):
        if index and char.isalpha() != symbol[index - 1].isalpha():
            regex += rf"{HSPACE}?"
        regex += re.escape(char)
    if symbol[0].isalpha():
        regex = NOT_AFTER_LETTER + regex
    if symbol[-1].isalpha():
        regex += NOT_BEFORE_LETTER
    return regex


NUMBER_WORD = rf"{_starts(NUMBER_DATA['words'])}(?:{_alternation(NUMBER_DATA['words'])})(?!\w)"
# A hyphen joins number words when written tight (quarante-cinq); "vingt - trente" is a range.
NUMBER_JOIN = (
    rf"(?:[-‑]|{HSPACE}+|(?:{HSPACE}+|-)et(?:{HSPACE}+|-)"
    rf"(?=(?:{_alternation(NUMBER_DATA['joined_by_et'])})(?!\w)))"
)
# A run of number words is read from its first word only: a number never starts right after a number word and
# one space or hyphen ("un un un …" is read once, not once from each of its words).
NOT_INSIDE_WORDS = "".join(
    rf"(?<!\b{_loose(word)}{joint})" for word in NUMBER_DATA["words"] for joint in (HSPACE, "[-‑]")
)
# The run of number words is possessive: it is read whole (text2num keeps its trailing words when the whole
# is no number), so the engine never retries shorter runs, and at most MAX_NUMBER_WORDS words are read.
# (The first-character test comes before the lookbehinds, which are then tried only where a number word starts.)
WORDS = (
    rf"(?<![\w\-‑]){_starts(NUMBER_DATA['words'])}{NOT_INSIDE_WORDS}"
    rf"{NUMBER_WORD}(?:{NUMBER_JOIN}{NUMBER_WORD}){{0,{MAX_NUMBER_WORDS - 1}}}+"
)
HALF_WORD = rf"(?:{_alternation(MAGNITUDE_DATA['half'])})(?!\w)"
MAGNITUDE_WORD = rf"{_starts(MAGNITUDE_DATA['words'])}(?:{_alternation(MAGNITUDE_DATA['words'])})(?!\w)"
BIG_MAGNITUDE_WORD = rf"(?:{_alternation(w for w, f in MAGNITUDE_DATA['words'].items() if f >= 10**6)})(?!\w)"
PLURAL_MAGNITUDE_WORD = rf"(?:{_alternation(MAGNITUDE_DATA['plural_words'])})(?!\w)"
COMPACT = MAGNITUDE_DATA["compact"]
COMPACT_MAGNITUDE = rf"(?-i:{_starts(COMPACT)}(?:{_alternation(COMPACT, re.escape)})\.?)"
COLLECTIVE = rf"(?:{_alternation(MAGNITUDE_DATA['collectives'])})(?!\w)"
VAGUE_QUANTIFIER = rf"(?:{_alternation(MAGNITUDE_DATA['vague_quantifiers'])})(?!\w)"
COLLECTIVE_OPENER = rf"(?:{_alternation(MAGNITUDE_DATA['collective_openers'])})(?!\w)"
# "un demi-milliard": one half, always followed by its magnitude word.
DEMI = rf"(?<!\w)une?{WS}{HALF_WORD}{HSPACE}*[-‑]?{HSPACE}*(?={MAGNITUDE_WORD})"
CURRENCY_FORMS = [form for entry in CURRENCY_DATA["names"] for form in entry["forms"]]
CURRENCY_WORD = rf"{NOT_AFTER_LETTER}{_starts(CURRENCY_FORMS)}(?:{_alternation(CURRENCY_FORMS)})"
CURRENCY_WORD += NOT_BEFORE_LETTER
CURRENCY_SYMBOL = rf"(?-i:{_starts(CURRENCY_SYMBOLS)}(?:{_alternation(CURRENCY_SYMBOLS, _symbol_regex)}))"
CURRENCY_CODE = (
    rf"(?-i:{NOT_AFTER_LETTER}{_starts(CURRENCY_CODES_BY_TEXT)}"
    rf"(?:{'|'.join(sorted(CURRENCY_CODES_BY_TEXT))}){NOT_BEFORE_LETTER})"
)


def _number(p: str, words: bool = True) -> str:
    alternatives = [rf"(?P<{p}digits>{DIGITS})"]
    if words:
        alternatives += [rf"(?P<{p}demi>{DEMI})", rf"(?P<{p}words>{WORDS})"]
    return f"(?:{'|'.join(alternatives)})"


def _magnitude(p: str, compact: bool = True) -> str:
    word = rf"(?P<{p}mag>{MAGNITUDE_WORD})(?P<{p}half>{WS}et{WS}{HALF_WORD})?"
    if not compact:
        return word
    return rf"(?:{word}|(?P<{p}cmag>{COMPACT_MAGNITUDE}))"


def _currency(p: str) -> str:
    return rf"(?:(?P<{p}word>{CURRENCY_WORD})|(?P<{p}symbol>{CURRENCY_SYMBOL})|(?P<{p}code>{CURRENCY_CODE}))"


def _amount_after(p: str, currency_required: bool) -> str:
    """A quantity with its currency after it: 109 milliards d’euros, 6,2 M€, 1 250,50 €."""
    currency = rf"(?:{WS0}{DE})?{WS0}{_currency(p)}"
    return rf"{_number(p)}(?:{WS0}{_magnitude(p)})?(?:{currency}){'' if currency_required else '?'}"


def _amount_before(p: str) -> str:
    """A quantity with its currency before it: USD 5 millions, $5 millions, € 100."""
    # Symbols and codes start with a sign or a capital: skip every other position at once.
    currency = rf"(?-i:(?=[^\w\s]|[A-Z]))(?:(?P<{p}symbol>{CURRENCY_SYMBOL})|(?P<{p}code>{CURRENCY_CODE}))"
    return rf"{currency}{WS0}{_number(p, words=False)}(?:{WS0}{_magnitude(p)}{NOT_BEFORE_LETTER})?"


def _range() -> str:
    openers = {c["open"] for c in RANGE_DATA["connectors"] if c["open"]}
    joins = {join for c in RANGE_DATA["connectors"] for join in c["join"]}
    word_joins = [join for join in joins if join.isalpha()]
    sign_joins = [join for join in joins if not join.isalpha()]
    word_join = rf"{WS}(?P<join>{_alternation(word_joins)}){WS}"
    join = rf"(?:{word_join}|{WS0}(?P<sign>{_alternation(sign_joins, re.escape)}){WS0})"
    opener = rf"(?:(?<!\w)(?P<open>{_alternation(openers)}){WS}|(?<!\w)(?P<elided>d){APOS}{WS0})?"
    return rf"{opener}{_amount_after('a_', False)}{join}{_amount_after('b_', False)}"


def _vague() -> str:
    """plusieurs milliards d’euros, (une) dizaines de milliards d'euros, Milliards d'euros, quelques euros."""
    opener = rf"(?:{VAGUE_QUANTIFIER}{WS}|{COLLECTIVE_OPENER}{WS}(?={COLLECTIVE}))?"
    collectives = rf"(?:{COLLECTIVE}{WS0}{DE}){{0,{MAX_COLLECTIVES}}}"
    counted = rf"{opener}{collectives}(?:{PLURAL_MAGNITUDE_WORD}|{COLLECTIVE}){WS0}{DE}{_currency('v_')}"
    few = rf"{VAGUE_QUANTIFIER}{WS}(?P<f_word>{CURRENCY_WORD})"
    return rf"(?<!\w)(?:{counted}|{few})"


def _percent() -> str:
    markers = []
    for marker in PERCENT_DATA["markers"]:
        markers.append(_loose(marker) + (NOT_BEFORE_LETTER if marker[-1].isalpha() else ""))
    return rf"(?P<sign>(?<![\w)\-−+])[-−+])?{_number('p_')}{WS0}(?:{'|'.join(markers)})"


def _qualifier_phrases() -> str:
    """One named group per qualifier phrase (q0, q1...), longest first; a final 'de' also matches d'."""
    groups = []
    ordered = sorted(enumerate(QUALIFIER_PHRASES), key=lambda item: len(item[1][1]), reverse=True)
    for index, (_, phrase) in ordered:
        words = phrase.split()
        regex = rf"{WS}".join(_loose(word) for word in words[:-1])
        last = rf"d(?:e(?!\w)|{APOS})" if words[-1] == "de" else _loose(words[-1]) + r"(?!\w)"
        regex = rf"{regex}{WS}{last}" if regex else last
        groups.append(rf"(?P<q{index}>{regex})")
    return "|".join(groups)


FLAGS = re.IGNORECASE
AMOUNT_AFTER = re.compile(_amount_after("a_", currency_required=True), FLAGS)
AMOUNT_BEFORE = re.compile(_amount_before("b_"), FLAGS)
RANGE = re.compile(_range(), FLAGS)
VAGUE = re.compile(_vague(), FLAGS)
BARE = re.compile(rf"{_number('n_')}{WS0}(?P<n_mag>{BIG_MAGNITUDE_WORD})(?P<n_half>{WS}et{WS}{HALF_WORD})?", FLAGS)
PERCENT = re.compile(_percent(), FLAGS)
QUALIFIER_BEFORE = re.compile(rf"(?<![\w\-])(?:{_qualifier_phrases()}){WS0}\Z", FLAGS)
QUALIFIER_PREFIX = re.compile(rf"(?:{_qualifier_phrases()}){WS0}(?=\S)", FLAGS)
QUALIFIER_AFTER = re.compile(
    rf"{HSPACE}+(?:{'|'.join(rf'(?P<t{i}>{_loose(p)})' for i, (_, p) in enumerate(TRAILING_QUALIFIERS))})(?!\w)",
    FLAGS,
)
BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
UNIT_OR_NUMBER_BEFORE = re.compile(rf"(?:(?<!\w)en|\d|{NUMBER_WORD}){HSPACE}*\Z", FLAGS)
WORD_AFTER_DE = re.compile(rf"{WS0}{DE}(?P<word>[^\W\d_][\w\-]*)", FLAGS)
WORD = re.compile(r"[^\W\d_]+")
SENTENCE_END = re.compile(r"[.!?\n]")
# The first line break of a blank line (every one of them, overlapping ones included); `blank` ends it.


# --- values --------------------------------------------------------------------------------


@dataclass
class Amount:
    """A MONEY or PERCENT match before it becomes an Entity."""

    start: int
    end: int
    label: str = "MONEY"
    value: Decimal | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    currency: str | None = None
    # A currency word, symbol or code is written in the span.
    explicit: bool = False
    currency_inferred: bool = False
    qualifier: str | None = None
    vague: bool = False
    # A lone 'un'/'une' before the currency: an amount only after a price word ("pour un euro").
    lone_one: bool = False
    # The ambiguous currency word written (francs, dollars, livres...), resolved by the page.
    family: str | None = None
    # What decided the currency: "written", "sentence: Genève", "amount before: ..." (currency_evidence).
    evidence: str | None = None
    # The magnitude written after the number (1 when none), shared by an alternative ("2 ou 3 millions").
    factor: Decimal = Decimal(1)
    # A range's two bounds as amounts of their own, for a change ("passer de A à B").
    parts: tuple[Amount, Amount] | None = None
    opener: str | None = None
    # A hundredth of a currency (centimes, pence), which a compound adds to the amount before it.
    subunit: bool = False
    # A count in a collective noun ("une trentaine d'euros"): about that much.
    approx: bool = False

    def overlaps(self, other: Amount) -> bool:
        return self.start < other.end and other.start < self.end

    def norm(self) -> dict[str, Any]:
        if self.label == "PERCENT":
            return {"value": json_number(self.value)}
        fields = {
            "value": json_number(self.value),
            "min": json_number(self.min),
            "max": json_number(self.max),
            "currency": self.currency,
            "currency_inferred": self.currency_inferred,
            "qualifier": self.qualifier,
            "vague": self.vague,
        }
        norm = {name: fields[name] for name in NORM_FIELDS["MONEY"]}
        norm["currency_evidence"] = self.evidence
        return norm


def parse_digits(text: str) -> Decimal:
    """A number in French digits: '1 250,50' -> 1250.50, '10.000' -> 10000, '97,4' -> 97.4."""
    if GROUPED_DIGITS.fullmatch(text):
        whole, _, fraction = text.partition(",")
        text = re.sub(r"\D", "", whole) + ("." + fraction if fraction else "")
    return Decimal(text.replace(",", "."))


def parse_words(text: str) -> tuple[int, int] | None:
    """A number in French words, as (value, offset of its first word); trailing words win on failure."""
    words = list(re.finditer(r"[^\s\-‑]+", text))
    for first in words:
        candidate = re.sub(r"[\s‑]+", " ", text[first.start() :]).lower()
        # 'et' only ever joins words, it never starts a number.
        if candidate.split(" ")[0] == "et":
            continue
        try:
            return text2num(candidate, "fr"), first.start()
        except ValueError:
            continue
    return None


@dataclass
class Quantity:
    value: Decimal
    # The magnitude written after the number (1 when none), which a range's lower bound may share.
    factor: Decimal
    magnitude: bool
    start: int
    # All the words of the number were read (text2num may only read the last ones).
    complete: bool = True
    # A lone 'un' / 'une' without magnitude ('un euro numérique' is seldom an amount).
    lone_one: bool = False


def _quantity(match: re.Match[str], p: str) -> Quantity | None:
    groups = match.groupdict()
    complete, lone_one = True, False
    if groups.get(p + "digits"):
        start, value = match.start(p + "digits"), parse_digits(groups[p + "digits"])
    elif groups.get(p + "demi"):
        start, value = match.start(p + "demi"), Decimal("0.5")
    elif groups.get(p + "words"):
        parsed = parse_words(groups[p + "words"])
        if parsed is None:
            return None
        start, value = match.start(p + "words") + parsed[1], Decimal(parsed[0])
        complete = parsed[1] == 0
        lone_one = key(groups[p + "words"]) in LONE_ONE
    else:
        return None
    factor = Decimal(1)
    if groups.get(p + "mag"):
        factor = MAGNITUDE_WORDS[key(groups[p + "mag"])]
        value = value * factor + (factor / 2 if groups.get(p + "half") else 0)
    elif groups.get(p + "cmag"):
        factor = COMPACT_MAGNITUDES[groups[p + "cmag"].rstrip(".")]
        value *= factor
    magnitude = factor != 1
    return Quantity(value, factor, magnitude, start, complete, lone_one and not magnitude)


def _currency_of(match: re.Match[str], p: str) -> tuple[bool, str | None]:
    """Whether a currency is written in the groups `p*`, and its ISO code."""
    groups = match.groupdict()
    if groups.get(p + "word"):
        return True, CURRENCY_NAMES[key(groups[p + "word"])]
    if groups.get(p + "symbol"):
        return True, CURRENCY_SYMBOLS[re.sub(r"\s+", "", groups[p + "symbol"])]
    if groups.get(p + "code"):
        return True, CURRENCY_CODES_BY_TEXT[groups[p + "code"]]
    return False, None


def _written_currency(match: re.Match[str], p: str) -> str | None:
    """The currency as written in the groups `p*` ("francs", "$", "FCFA"), None when none is."""
    groups = match.groupdict()
    return groups.get(p + "word") or groups.get(p + "symbol") or groups.get(p + "code")


def _family(match: re.Match[str], p: str) -> str | None:
    """The ambiguous currency family of the currency written in the groups `p*` (francs -> franc), if any."""
    return currency_regions.family_of(_written_currency(match, p))


# --- matches -------------------------------------------------------------------------------


def _amount_after_match(match: re.Match[str]) -> Amount | None:
    quantity = _quantity(match, "a_")
    if quantity is None:
        return None
    _, currency = _currency_of(match, "a_")
    return Amount(
        quantity.start, match.end(), value=quantity.value, currency=currency, explicit=True, lone_one=quantity.lone_one,
        family=_family(match, "a_"), evidence="written", factor=quantity.factor,
    )  # fmt: skip


def _amount_before_match(match: re.Match[str]) -> Amount | None:
    quantity = _quantity(match, "b_")
    if quantity is None:
        return None
    _, currency = _currency_of(match, "b_")
    return Amount(
        match.start(), match.end(), value=quantity.value, currency=currency, explicit=True,
        family=_family(match, "b_"), evidence="written", factor=quantity.factor,
    )  # fmt: skip


_HIGH_MAGNITUDE_OR_CURRENCY = ("b_mag", "b_cmag", "b_word", "b_symbol", "b_code")


def _range_match(match: re.Match[str]) -> Amount | None:
    # The upper bound needs a magnitude or a currency (checked below too): tested first, it spares parsing
    # the numbers of the many non-ranges of a text of figures and dashes.
    if not any(match.group(name) for name in _HIGH_MAGNITUDE_OR_CURRENCY):
        return None
    low, high = _quantity(match, "a_"), _quantity(match, "b_")
    if low is None or high is None or not (low.complete and high.complete):
        return None
    opener = "de" if match.group("elided") else _connector_key(match.group("open"))
    join = _connector_key(match.group("join") or match.group("sign"))
    if (opener, join) not in RANGE_CONNECTORS:
        return None
    low_written, low_currency = _currency_of(match, "a_")
    high_written, high_currency = _currency_of(match, "b_")
    if not (high.magnitude or high_written):
        return None
    low_value = low.value
    if not low.magnitude and high.magnitude and not low_written:
        # "entre 30 et 50 milliards": the magnitude of the upper bound applies to both.
        low_value = low.value * high.factor
    explicit = low_written or high_written
    currency = high_currency if high_written else low_currency
    family = _family(match, "b_") if high_written else _family(match, "a_")
    # The two bounds as amounts of their own, for a change ("passer de A à B" is two amounts, GUIDELINES D69).
    low_part = Amount(
        low.start, _groups_end(match, "a_"), value=low_value, currency=low_currency if low_written else currency,
        explicit=low_written, currency_inferred=not low_written, family=_family(match, "a_") if low_written else family,
        evidence="written" if low_written else "change", factor=low.factor if low.magnitude else high.factor,
    )  # fmt: skip
    high_part = Amount(
        high.start, match.end(), value=high.value, currency=currency if high_written else low_currency,
        explicit=high_written, currency_inferred=not high_written, family=family, evidence="written",
        factor=high.factor,
    )  # fmt: skip
    return Amount(
        match.start(), match.end(), min=low_value, max=high.value, currency=currency, explicit=explicit, family=family,
        evidence="written" if explicit else None, parts=(low_part, high_part), opener=opener,
    )  # fmt: skip


def _groups_end(match: re.Match[str], p: str) -> int:
    """Where the last group of prefix `p` that took part in the match ends."""
    return max(match.end(name) for name, text in match.groupdict().items() if name.startswith(p) and text is not None)


def _vague_match(match: re.Match[str]) -> Amount | None:
    if match.group("f_word"):
        currency = CURRENCY_NAMES[key(match.group("f_word"))]
        family = currency_regions.family_of(match.group("f_word"))
    else:
        _, currency = _currency_of(match, "v_")
        family = _family(match, "v_")
    return Amount(
        match.start(), match.end(), currency=currency, explicit=True, vague=True, family=family, evidence="written"
    )


def _bare_match(match: re.Match[str]) -> Amount | None:
    quantity = _quantity(match, "n_")
    if quantity is None or quantity.start != match.start():
        return None
    return Amount(match.start(), match.end(), value=quantity.value, factor=quantity.factor)


def _percent_match(match: re.Match[str]) -> Amount | None:
    quantity = _quantity(match, "p_")
    if quantity is None:
        return None
    value = -quantity.value if match.group("sign") in ("-", "−") else quantity.value
    start = match.start() if match.group("sign") else quantity.start
    return Amount(start, match.end(), label="PERCENT", value=value)


def _matches(pattern: re.Pattern[str], text: str, build: Callable[[re.Match[str]], Amount | None]) -> list[Amount]:
    return [amount for match in pattern.finditer(text) if (amount := build(match)) is not None]


def _range_matches(text: str) -> list[Amount]:
    """Ranges, searched again one character later when a match is not a valid range."""
    found, position = [], 0
    while (match := RANGE.search(text, position)) is not None:
        amount = _range_match(match)
        if amount is not None and amount.opener is None and _year_before(text, match.start()):
            amount = None  # "78 euros en 2021 à 131 euros": 2021 is a year, not a bound
        if amount is None:
            position = match.start() + 1
            continue
        found.append(amount)
        position = match.end()
    return found


def _year_before(text: str, start: int) -> bool:
    return NOT_A_RANGE_AFTER.search(text, max(0, start - QUALIFIER_WINDOW), start) is not None


# --- context -------------------------------------------------------------------------------


def _words_before(text: str, start: int) -> list[str]:
    """The last few words before `start` in its sentence, as keys."""
    window = text[max(0, start - CONTEXT_WINDOW) : start]
    ends = list(SENTENCE_END.finditer(window))
    if ends:
        window = window[ends[-1].end() :]
    return [key(word) for word in WORD.findall(window)][-CONTEXT_WORDS:]


def _noun_after_de(text: str, end: int) -> str | None:
    """The word after a 'de' that follows `end` ("2 milliards d'habitants" -> "habitants"), as a key."""
    match = WORD_AFTER_DE.match(text, end)
    return key(match.group("word")) if match else None


@dataclass
class _Explicit:
    """The explicit amounts of a text, sorted, with their starts for O(log n) look-ups (a bare amount
    asks for the amount it refers to; building the starts once a text keeps that linear)."""

    amounts: list[Amount]
    starts: list[int]

    @classmethod
    def of(cls, text: str, amounts: list[Amount]) -> _Explicit:  # noqa: ARG003 - text kept for callers
        amounts = sorted(amounts, key=lambda a: a.start)
        return cls(amounts, [a.start for a in amounts])

    def page_currency(self) -> str | None:
        # Computed once a text: every bare amount of a page asks the same question.
        if not hasattr(self, "_page"):
            self._page = _page_currency(self.amounts)
        return self._page


def _context_currency(text: str, amount: Amount, explicit: _Explicit) -> tuple[bool, str | None, str | None]:
    """Whether a bare amount is money, the currency of the explicit amount it refers to, and that amount."""
    noun = _noun_after_de(text, amount.end)
    if noun is not None and noun not in MONEY_NOUNS and noun not in NOT_COUNTED_AFTER_DE:
        return False, None, None
    before = _words_before(text, amount.start)
    if any(word in COUNTED_BEFORE for word in before):
        return False, None, None
    index = bisect_left(explicit.starts, amount.start)
    if index > 0:
        referred = _referent(text, amount, explicit.amounts[max(0, index - REFERENT_REACH) : index][::-1])
        return True, referred.currency, f"amount before: {text[referred.start : referred.end]}"
    if index < len(explicit.amounts) and not BLANK_LINE.search(text, amount.end, explicit.amounts[index].start):
        referred = explicit.amounts[index]
        return True, referred.currency, f"amount after: {text[referred.start : referred.end]}"
    # No currency anywhere near: money only when a money word says so ("109 milliards d'investissements"),
    # in the currency the page counts in, if it names one.
    is_money = noun in MONEY_NOUNS or any(word in MONEY_BEFORE for word in before)
    page = explicit.page_currency() if is_money else None
    return is_money, page, "page currency" if page else None


def _referent(text: str, amount: Amount, candidates: list[Amount]) -> Amount:
    """The explicit amount a bare one refers to, among candidates nearest first.

    A conversion ('soit 37,5 millions d'euros') restates another amount and is no referent, and a
    bare 'N milliards' refers to an amount of its own scale, not to a unit price ('1 euro') met since.
    """
    for candidate in candidates:
        if any(word in CONVERSION_BEFORE for word in _words_before(text, candidate.start)[-2:]):
            continue
        if amount.factor >= MILLION and candidate.value is not None and candidate.factor < MILLION:
            continue
        return candidate
    return candidates[0]


def _bare_numbers(text: str, known: _Explicit) -> list[Amount]:
    """Numbers in digits without a unit that are plainly money ("n'offrait que 8 000 à ses débuts").

    Money when a money word or verb comes just before ("Sur cette somme, 150 000 seraient réservés", "qui en
    apporte 650 000"), or a comparison word after an amount of the same sentence ("240 euros au lieu de 300");
    never before a counted noun, and only on a page that names a currency.
    """
    explicit, starts = known.amounts, known.starts
    if not explicit:
        return []
    found = []
    for match in BARE_NUMBER.finditer(text):
        digits = match.group("d_digits")
        value = parse_digits(digits)
        if (value < 100 and "," not in digits) or YEAR_LIKE.fullmatch(digits) or not _ends_a_phrase(text, match.end()):
            continue
        index = bisect_left(starts, match.start())
        before = _words_before(text, match.start())
        if any(word in MONEY_BEFORE for word in before):
            if index == 0 and BLANK_LINE.search(text, match.end(), explicit[0].start):
                continue
            referred = explicit[index - 1] if index else explicit[0]
            evidence = f"amount {'before' if index else 'after'}: {text[referred.start : referred.end]}"
        elif COMPARISON_BEFORE.search(text, max(0, match.start() - QUALIFIER_WINDOW), match.start()) and index:
            referred = explicit[index - 1]
            left, _ = currency_regions.sentence_bounds(text, match.start(), match.end())
            if referred.start < left:
                continue
            evidence = f"comparison: {text[referred.start : referred.end]}"
        else:
            continue
        found.append(
            Amount(
                match.start(), match.end(), value=value, currency=referred.currency,
                currency_inferred=referred.currency is not None, evidence=evidence,
            )
        )  # fmt: skip
    return found


def _ends_a_phrase(text: str, end: int) -> bool:
    """What follows a number is no counted noun: the end of the phrase, a function word, a verb it is subject of."""
    following = NEXT_TOKEN.match(text, end)
    if following is None:
        return True
    token = following.group("token")
    if not token[0].isalpha():
        return token[0] in '.,;:!?)»"”' and not token[1:2].isdigit()
    word = key(token.rstrip('.,;:!?»"”)'))
    if word in ("a", "et", "ou") and NUMBER_NEXT.match(text, following.end()):
        return False  # "2 000 à 3 000 abonnés": a range of something counted
    return word in FUNCTION_WORDS_AFTER or word in SUBJECT_VERBS


def _page_currency(explicit: list[Amount]) -> str | None:
    """The currency most of the page's explicit amounts are in (the first met breaks a tie), None if none."""
    counts: dict[str, int] = {}
    for amount in explicit:
        if amount.currency and not amount.vague:
            counts[amount.currency] = counts.get(amount.currency, 0) + 1
    return max(counts, key=lambda code: counts[code]) if counts else None


def _qualifier(text: str, amount: Amount) -> str | None:
    match = QUALIFIER_BEFORE.search(text, max(0, amount.start - QUALIFIER_WINDOW), amount.start)
    if match is not None:
        kind, phrase = QUALIFIER_PHRASES[int(match.lastgroup[1:])]
        if phrase in CANCELLED_BY_NEGATION and NEGATION.search(
            text, max(0, match.start() - QUALIFIER_WINDOW), match.start()
        ):
            return None
        return kind
    match = QUALIFIER_AFTER.match(text, amount.end)
    if match is not None:
        return TRAILING_QUALIFIERS[int(match.lastgroup[1:])][0]
    return None


def _lone_one_is_amount(text: str, amount: Amount) -> bool:
    """'pour un euro symbolique' is an amount, 'un euro numérique' and 'face à un dollar fort' are not."""
    before = _words_before(text, amount.start)
    after = WORD.match(text, amount.end + 1) if amount.end < len(text) and text[amount.end].isspace() else None
    if after is not None and key(after.group()) in ONE_UNIT_NOT_BEFORE:
        return False
    return bool(before) and (before[-1] in ONE_UNIT_CUES or _qualifier(text, amount) is not None)


# --- beyond the grammar: subunits, codes, collectives, tables, signs, changes, alternatives ----


def _forms(entries: Iterable[dict[str, Any]], words: bool) -> list[str]:
    return [form for entry in entries if bool(entry["words"]) == words for form in entry["forms"]]


SUBUNIT_ENTRY = {key(form): entry for entry in CURRENCY_DATA["subunits"] for form in entry["forms"]}
SUBUNIT_FACTOR = Decimal("0.01")
COUNTED_COLLECTIVES = {key(word): Decimal(count) for word, count in MAGNITUDE_DATA["counted_collectives"].items()}
COLLECTIVE_MAGNITUDES = {key(word): Decimal(f) for word, f in MAGNITUDE_DATA["collective_magnitudes"].items()}
ENGLISH_COMPACT = {word: Decimal(factor) for word, factor in MAGNITUDE_DATA["english_compact"].items()}
CANCELLED_BY_NEGATION = set(QUALIFIER_DATA["cancelled_by_negation"])
NOT_MONEY_ROWS = {key(word) for word in CONTEXT_DATA["table_rows_not_money"]}
NEGATIONS = {key(word) for word in CONTEXT_DATA["negations"]}
BOOK_WORDS = [key(word) for word in CONTEXT_DATA["book_words"]]
ONE_UNIT_NOT_BEFORE = {key(word) for word in CONTEXT_DATA["one_unit_not_before"]}
MILLION = Decimal(1000000)
# How many explicit amounts back a bare one looks for the one it refers to.
REFERENT_REACH = 8
BARE_NUMBER = re.compile(rf"(?P<d_digits>{DIGITS})")
YEAR_LIKE = re.compile(r"(?:1[89]|20)\d\d")
NEXT_TOKEN = re.compile(r"[^\S\n]*(?P<token>\S{1,40})")
NUMBER_NEXT = re.compile(r"[^\S\n]*\d")
COMPARISON_BEFORE = re.compile(rf"(?<!\w)(?:{_alternation(CONTEXT_DATA['comparison_before'])}){WS0}\Z", FLAGS)
AMOUNT_VERBS_BEFORE_EN = {key(word) for word in CONTEXT_DATA["amount_verbs_before_en"]}
CONVERSION_BEFORE = {key(word) for word in CONTEXT_DATA["conversion_before"]}
FUNCTION_WORDS_AFTER = {key(word) for word in CONTEXT_DATA["function_words_after"]}
SUBJECT_VERBS = {key(word) for word in CONTEXT_DATA["subject_verbs"]}

# 50 centimes, cinquante centimes, 470 pence, 60 cents d'euro, 25,16 c€ ("cents" only after digits: "deux cents" = 200).
SUBUNIT = re.compile(
    rf"(?:{_number('s_')}{WS0}(?P<s_unit>{_alternation(_forms(CURRENCY_DATA['subunits'], True))})"
    rf"|(?P<s_digits2>{DIGITS}){WS0}(?P<s_unit2>{_alternation(_forms(CURRENCY_DATA['subunits'], False))}))"
    rf"{NOT_BEFORE_LETTER}",
    FLAGS,
)
# Where a subunit may be ("centimes", "pence", "c€"): the subunit grammar runs only around these words.
SUBUNIT_WORDS = {
    form.split()[0] if len(form.split()[0]) > 1 else form for e in CURRENCY_DATA["subunits"] for form in e["forms"]
}
SUBUNIT_HINT = re.compile(rf"(?:{_alternation(SUBUNIT_WORDS)}){NOT_BEFORE_LETTER}", FLAGS)
SUBUNIT_REACH = 60
# Literals the subunit words start with ("cen" of centimes, "pen" of pence), searched with str.find.
SUBUNIT_LITERALS = sorted(
    {form.lower() if len(form) <= 4 else form.lower()[:3] for e in CURRENCY_DATA["subunits"] for form in e["forms"]}
)
# A code glued to its number: USD1,23, EUR29,99.
GLUED = re.compile(
    rf"{NOT_AFTER_LETTER}(?P<g_code>[A-Z]{{3,4}})"
    rf"(?P<g_number>\d{{1,3}}(?:[ \u00a0\u202f.]\d{{3}}){{1,4}}(?:,\d{{1,4}})?|\d{{1,12}}(?:[.,]\d{{1,4}})?)"
    rf"(?![\w,.]?\d)"
    rf"{NOT_BEFORE_LETTER}"
)
# English compacts after a symbol: $5bn, £52m, €3,5bn (the number and its abbreviation first, then the symbol before).
ENGLISH = re.compile(
    rf"(?<![\w.,])(?P<e_number>\d{{1,4}}(?:[.,]\d{{1,3}})?){HSPACE}?"
    rf"(?P<e_mag>{_alternation(ENGLISH_COMPACT, re.escape)}){NOT_BEFORE_LETTER}"
)
SYMBOL_BEFORE = re.compile(rf"(?P<e_symbol>{CURRENCY_SYMBOL}){HSPACE}?\Z")
# une trentaine d'euros, une quarantaine de millions, une centaine de milliers d'euros (the plural stays vague).
COUNTED_COLLECTIVE = re.compile(
    rf"(?<![\w\-])(?:(?P<c_one>une?){WS})?(?P<c_count>{_alternation(MAGNITUDE_DATA['counted_collectives'])})(?!\w)"
    rf"{WS0}{DE}(?:(?P<c_mag>{_alternation(MAGNITUDE_DATA['collective_magnitudes'])})(?!\w)"
    rf"(?:{WS0}{DE}(?={CURRENCY_WORD}|{CURRENCY_SYMBOL}|{CURRENCY_CODE}))?)?(?:{_currency('c_')}{NOT_BEFORE_LETTER})?",
    FLAGS,
)
COLLECTIVE_HINT = re.compile(rf"(?:{_alternation(MAGNITUDE_DATA['counted_collectives'])})(?!\w)", FLAGS)
COLLECTIVE_REACH = 80
# Literals in every counted collective ("trentaine", "millier").
COLLECTIVE_LITERALS = sorted({word[-4:].lower() for word in MAGNITUDE_DATA["counted_collectives"]})
# "(en millions d'euros)": the unit of a table's cells.
TABLE_UNIT = re.compile(rf"\({HSPACE}{{0,3}}(?:en{HSPACE}{{1,3}})?(?P<unit>[^()\n]{{1,40}}?){HSPACE}{{0,3}}\)", FLAGS)
TABLE_CELL_SEPARATOR = re.compile(r"\t|\||[^\S\n]{2,}")
TABLE_NUMBER = re.compile(
    r"(?P<sign>[-−–+])?(?P<number>\d{1,3}(?:[ \u00a0\u202f]\d{3}){1,4}(?:,\d{1,4})?|\d{1,12}(?:,\d{1,4})?)\*{0,3}"
)
TABLE_MAX_ROWS = 60
# A column or row head in percent: "Évolution sur un an (%)", "Ratio combiné (en %)" (GUIDELINES D111).
PERCENT_HEAD = re.compile(r"\(\s*(?:en\s+)?%\s*\)")
THOUSANDS_UNIT = re.compile(rf"milliers?\s*(?:de\s+|d{APOS}\s*)?", re.IGNORECASE)
# 900 ou 1 000 euros: the number before 'ou', ending where the explicit amount starts.
ALTERNATIVE_BEFORE = re.compile(
    rf"{_number('x_', words=False)}(?:{WS0}(?P<x_mag>{MAGNITUDE_WORD}))?"
    rf"{WS}(?:{_alternation(RANGE_DATA['alternatives'])}){WS}\Z",
    FLAGS,
)
# passer de A à B: a verb of change, a few words at most before the 'de' of the range.
CHANGE_BEFORE = re.compile(
    rf"(?<!\w)(?:{_alternation(RANGE_DATA['change_verbs'])})[^\W\d_]{{0,6}}(?:{HSPACE}{{1,3}}[^\W\d_][^\s,.;:!?]{{0,20}}){{0,5}}"
    rf"{HSPACE}{{1,3}}\Z",
    FLAGS,
)
NOT_A_RANGE_AFTER = re.compile(rf"(?<!\w)(?:{_alternation(RANGE_DATA['not_after'])}){WS}\Z", FLAGS)
# 2 euros et 10 centimes, 1 USD 23 cents: the gap between a main amount and its subunit.
COMPOUND_GAP = re.compile(rf"{WS}(?:et{WS})?\Z", FLAGS)
# 1 euro 50: two digits of cents after a whole amount, then the end of the phrase.
CENTS_AFTER = re.compile(
    rf"{HSPACE}{{1,3}}(?P<cents>\d\d)(?=[.,;:!?)»\"”]|\s*\Z|\s+(?:le|la|les|l{APOS}|par|pour|au|en|et|contre|soit|TTC|HT)(?!\w))",
)
SIGNS = "-−–+"
MINUS_WORD = re.compile(
    rf"(?:(?<!\w)(?:à|de|soit|est|était|sera|atteint)|[(:=]){HSPACE}{{1,3}}(?P<minus>moins){HSPACE}{{1,3}}\Z", FLAGS
)
NEGATION = re.compile(rf"(?<!\w)(?:ne|n{APOS})(?!\w)", FLAGS)


def _hint_spans(text: str, literals: Iterable[str], hint: re.Pattern[str]) -> list[tuple[int, int]]:
    """Where the word pattern `hint` matches: found from literals in its words (str.find beats a regex scan).

    A literal may be inside a word ("aine" of "trentaine"); the word around it is then matched from its start.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        return [match.span() for match in hint.finditer(text)]
    starts = set()
    for literal in literals:
        position = lowered.find(literal)
        while position >= 0:
            start = position
            while start > 0 and position - start < 16 and lowered[start - 1].isalpha():
                start -= 1
            starts.add(start)
            position = lowered.find(literal, position + 1)
    spans = []
    for start in sorted(starts):
        match = hint.match(text, start)
        if match is not None and (start == 0 or not text[start - 1].isalpha()):
            spans.append(match.span())
    return spans


def _windows(spans: Iterable[tuple[int, int]], length: int, before: int, after: int) -> Iterable[tuple[int, int]]:
    """Windows of the text around the spans of a cheap pattern, merged: where a costly one may match."""
    start = end = -1
    for hit_start, hit_end in spans:
        if start >= 0 and hit_start - before <= end:
            end = hit_end + after
            continue
        if start >= 0:
            yield start, min(end, length)
        start, end = max(0, hit_start - before), hit_end + after
    if start >= 0:
        yield start, min(end, length)


def _subunit_matches(text: str) -> list[Amount]:
    found = []
    spans = _hint_spans(text, SUBUNIT_LITERALS, SUBUNIT_HINT)
    for window_start, window_end in _windows(spans, len(text), SUBUNIT_REACH, SUBUNIT_REACH):
        found.extend(_subunit_amounts(text, SUBUNIT.finditer(text, window_start, window_end)))
    return found


def _subunit_amounts(text: str, matches: Iterable[re.Match[str]]) -> list[Amount]:
    found = []
    for match in matches:
        unit = match.group("s_unit") or match.group("s_unit2")
        entry = SUBUNIT_ENTRY[key(unit)]
        if match.group("s_digits2"):
            start, value, lone_one = match.start("s_digits2"), parse_digits(match.group("s_digits2")), False
        else:
            quantity = _quantity(match, "s_")
            if quantity is None:
                continue
            start, value, lone_one = quantity.start, quantity.value, quantity.lone_one
        if lone_one and any(word in NEGATIONS for word in _words_before(text, start)[-1:]):
            continue  # "pas un centime" is no amount
        family = entry.get("family")
        found.append(
            Amount(
                start, match.end(), value=value * SUBUNIT_FACTOR, currency=entry["code"], explicit=True,
                currency_inferred=entry["code"] is None and family != "franc", family=family,
                evidence="written" if entry["code"] else None, subunit=True,
            )
        )  # fmt: skip
    return found


def _glued_match(match: re.Match[str]) -> Amount | None:
    code = CURRENCY_CODES_BY_TEXT.get(match.group("g_code"))
    if code is None:
        return None
    value = parse_digits(match.group("g_number"))
    return Amount(match.start(), match.end(), value=value, currency=code, explicit=True, evidence="written",
                  family=currency_regions.family_of(match.group("g_code")))  # fmt: skip


def _english_matches(text: str) -> list[Amount]:
    found = []
    for match in ENGLISH.finditer(text):
        before = SYMBOL_BEFORE.search(text, max(0, match.start() - 8), match.start())
        if before is None:
            continue
        symbol = before.group("e_symbol")
        factor = ENGLISH_COMPACT[match.group("e_mag")]
        value = Decimal(match.group("e_number").replace(",", ".")) * factor
        found.append(
            Amount(
                before.start(), match.end(), value=value, currency=CURRENCY_SYMBOLS[re.sub(r"\s+", "", symbol)],
                explicit=True, family=currency_regions.family_of(symbol), evidence="written", factor=factor,
            )
        )  # fmt: skip
    return found


def _collective_matches(text: str) -> list[Amount]:
    found = []
    spans = _hint_spans(text, COLLECTIVE_LITERALS, COLLECTIVE_HINT)
    for window_start, window_end in _windows(spans, len(text), 5, COLLECTIVE_REACH):
        found.extend(_matches_in(COUNTED_COLLECTIVE, text, window_start, window_end, _collective_match))
    return found


def _matches_in(
    pattern: re.Pattern[str], text: str, start: int, end: int, build: Callable[[re.Match[str]], Amount | None]
) -> list[Amount]:
    return [amount for match in pattern.finditer(text, start, end) if (amount := build(match)) is not None]


def _collective_match(match: re.Match[str]) -> Amount | None:
    value = COUNTED_COLLECTIVES[key(match.group("c_count"))]
    factor = COLLECTIVE_MAGNITUDES[key(match.group("c_mag"))] if match.group("c_mag") else Decimal(1)
    written, currency = _currency_of(match, "c_")
    if not written and factor == 1:
        return None  # "une trentaine de personnes"
    end = match.end() if written else match.end("c_mag")
    return Amount(
        match.start(), end, value=value * factor, currency=currency, explicit=written, family=_family(match, "c_"),
        evidence="written" if written else None, factor=factor, approx=True,
    )  # fmt: skip


def _resolve_written(text: str, amounts: list[Amount], index: currency_regions.RegionIndex) -> list[Amount]:
    """Ambiguous currency words resolved by the page; 'livres' that are books and 'balles' that are bullets dropped."""
    kept = []
    for amount in amounts:
        if amount.label == "MONEY" and amount.family and not amount.subunit:
            family = currency_regions.family(amount.family)
            code, evidence = index.resolve(amount.family, amount.start, amount.end)
            if family.needs_evidence and (code is None or not _counted_in_digits(text, amount) or _books(text, amount)):
                continue
            amount.currency, amount.evidence = code, evidence
        if amount.label == "MONEY" and key(text[amount.start : amount.end]).endswith(("balle", "balles")):
            if not _counted_in_digits(text, amount) or WORD_AFTER_DE.match(text, amount.end) or _books(text, amount):
                continue  # "trois balles", "2 balles dans la jambe"
            amount.evidence = "colloquial"
        kept.append(amount)
    return kept


def _counted_in_digits(text: str, amount: Amount) -> bool:
    """'30 milliards de livres', '2,80 livres', '50 balles': a number in digits or a magnitude, not 'trois livres'."""
    return amount.factor != 1 or any(char.isdigit() for char in text[amount.start : amount.end])


def _books(text: str, amount: Amount) -> bool:
    """'des millions de livres vendus', 'une livre de beurre', 'balles dans': a thing counted, not money.

    '300 millions de livres de dépenses' stays money: a money noun after 'de', or a magnitude before.
    """
    after = key(text[amount.end : amount.end + 30])
    if any(after.startswith(word) for word in BOOK_WORDS) or after.startswith("dans "):
        return True
    noun = _noun_after_de(text, amount.end)
    return noun is not None and noun not in MONEY_NOUNS and amount.factor == 1


def _resolve_subunits(text: str, amounts: list[Amount], index: currency_regions.RegionIndex) -> None:
    """'50 centimes' in the currency of its sentence, else of the page, else of the nearest amount, else EUR."""
    # The amounts whose currency is written: main units, and subunits that name theirs ("21,46 centimes d'euro").
    main = sorted(
        (a for a in amounts if a.label == "MONEY" and a.explicit and a.currency and (not a.subunit or not a.family)),
        key=lambda a: a.start,
    )
    for amount in amounts:
        if not (amount.subunit and amount.currency is None and amount.family):
            continue
        left, right = currency_regions.sentence_bounds(text, amount.start, amount.end)
        code, evidence = index.sentence_evidence(amount.family, left, right, amount.start)
        if code is None:
            near = [a for a in main if left <= a.start and a.end <= right]
            if near:
                referred = min(near, key=lambda a: abs(a.start - amount.start))
                code, evidence = referred.currency, f"amount in the sentence: {text[referred.start : referred.end]}"
        if code is None and main:
            position = bisect_left([a.start for a in main], amount.start)
            referred = main[position - 1] if position else main[0]
            code = referred.currency
            evidence = f"amount {'before' if position else 'after'}: {text[referred.start : referred.end]}"
        if code is None:
            code, evidence = index.resolve(amount.family, amount.start, amount.end)
        amount.currency, amount.evidence = code, evidence
        amount.currency_inferred = code is not None


def _table_amounts(text: str, index: currency_regions.RegionIndex) -> list[Amount]:
    """Cells of a table whose unit is in its header or row label ("(en millions d'euros)"), GUIDELINES D59."""
    found: list[Amount] = []
    done_until = -1
    for unit_match in TABLE_UNIT.finditer(text):
        unit = _table_unit(unit_match.group("unit"), unit_match.start(), index)
        if unit is None or unit_match.start() < done_until:
            continue
        header_text = unit_match.group()
        line_start = text.rfind("\n", 0, unit_match.start()) + 1
        position = line_start
        for _ in range(TABLE_MAX_ROWS):
            line_end = text.find("\n", position)
            line_end = len(text) if line_end < 0 else line_end
            line = text[position:line_end]
            if not line.strip():
                break
            row_unit = unit
            row_header = header_text
            own = TABLE_UNIT.search(line)
            if (
                own is not None
                and position > line_start
                and (parsed := _table_unit(own.group("unit"), position, index))
            ):
                row_unit, row_header = parsed, own.group()
            found.extend(_row_amounts(text, position, line, row_unit, row_header))
            position = line_end + 1
            if line_end >= len(text):
                break
        done_until = position
    return found


def _percent_cells(text: str) -> list[Amount]:
    """Numbers in the cells of a "(%)" column or row, PERCENT as written with their sign (GUIDELINES D111)."""
    found: list[Amount] = []
    done_until = -1
    for head in PERCENT_HEAD.finditer(text):
        line_start = text.rfind("\n", 0, head.start()) + 1
        if line_start < done_until:
            continue
        line_end = text.find("\n", head.end())
        line_end = len(text) if line_end < 0 else line_end
        cells = _cells(text, line_start, line_end)
        if len(cells) < 2:
            continue
        columns = [i for i, (start, end) in enumerate(cells) if PERCENT_HEAD.search(text, start, end)]
        if columns == [0]:  # a row head: the numbers of its own row, unless they are the years heading columns
            if not all(re.fullmatch(r"(?:19|20)\d\d", text[start:end]) for start, end in cells[1:]):
                found.extend(_percent_cell(text, start, end) for start, end in cells[1:])
            continue
        position = line_end + 1
        for _ in range(TABLE_MAX_ROWS):
            if position >= len(text):
                break
            row_end = text.find("\n", position)
            row_end = len(text) if row_end < 0 else row_end
            row = _cells(text, position, row_end)
            if len(row) != len(cells):
                break
            found.extend(_percent_cell(text, *row[i]) for i in columns)
            position = row_end + 1
        done_until = position
    return [amount for amount in found if amount is not None]


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of a table line as (start, end) offsets, their surrounding spaces left out."""
    cells, position = [], start
    for separator in TABLE_CELL_SEPARATOR.finditer(text, start, end):
        cells.append((position, separator.start()))
        position = separator.end()
    cells.append((position, end))
    stripped = []
    for cell_start, cell_end in cells:
        cell = text[cell_start:cell_end]
        stripped.append((cell_start + len(cell) - len(cell.lstrip()), cell_end - len(cell) + len(cell.rstrip())))
    return stripped


def _percent_cell(text: str, start: int, end: int) -> Amount | None:
    match = TABLE_NUMBER.fullmatch(text, start, end)
    if match is None:
        return None
    value = parse_digits(match.group("number"))
    if match.group("sign") in ("-", "−", "–"):
        value = -value
    return Amount(start, match.end("number"), label="PERCENT", value=value)


def _table_unit(unit: str, position: int, index: currency_regions.RegionIndex) -> tuple[Decimal, str, str] | None:
    """The value of one unit of '(en millions d'euros)' and its currency, None when it names no money unit."""
    written = THOUSANDS_UNIT.sub("mille ", unit.strip(), count=1)
    for pattern, build in ((AMOUNT_AFTER, _amount_after_match), (SUBUNIT, None)):
        match = pattern.fullmatch("1 " + written)
        if match is None:
            continue
        if build is None:
            amounts = _subunit_matches("1 " + written)
            amount = amounts[0] if amounts else None
        else:
            amount = build(match)
        if amount is None or amount.value is None:
            continue
        currency, evidence = amount.currency, f"table header: ({unit.strip()})"
        if amount.family:
            currency, evidence = index.resolve(amount.family, position, position + len(unit))
            evidence = f"table header: ({unit.strip()}), {evidence}"
        if currency is None and amount.subunit:
            currency = currency_regions.family(amount.family).default if amount.family else None
        if currency is None:
            return None
        return amount.value, currency, evidence
    return None


def _row_amounts(text: str, offset: int, line: str, unit: tuple[Decimal, str, str], header: str) -> list[Amount]:
    factor, currency, evidence = unit
    cells = []
    position = 0
    for separator in TABLE_CELL_SEPARATOR.finditer(line):
        cells.append((position, line[position : separator.start()]))
        position = separator.end()
    cells.append((position, line[position:]))
    if len(cells) < 2:
        return []
    label = key(cells[0][1])
    if any(word in NOT_MONEY_ROWS for word in label.split()):
        return []
    numbers = []
    for cell_start, cell in cells[1:]:
        stripped = cell.strip()
        match = TABLE_NUMBER.fullmatch(stripped)
        if match is None:
            continue
        start = offset + cell_start + (len(cell) - len(cell.lstrip()))
        numbers.append((start, match))
    if not numbers or all(
        not m.group("sign") and re.fullmatch(r"(?:19|20)\d\d", m.group("number")) for _, m in numbers
    ):
        return []  # a header row of years
    amounts = []
    for start, match in numbers:
        value = parse_digits(match.group("number")) * factor
        if match.group("sign") in ("-", "−", "–"):
            value = -value
        end = start + match.end("number")
        amounts.append(
            Amount(start, end, value=value, currency=currency, currency_inferred=True, evidence=evidence, factor=factor)
        )
    return amounts


def _alternatives(text: str, amounts: list[Amount]) -> list[Amount]:
    """'900 ou 1 000 euros': the number before 'ou' is an amount in the currency of the one after (D69)."""
    found = []
    for amount in amounts:
        if amount.label != "MONEY" or amount.value is None or not amount.explicit or amount.subunit:
            continue
        match = ALTERNATIVE_BEFORE.search(text, max(0, amount.start - QUALIFIER_WINDOW), amount.start)
        if match is None or NOT_A_RANGE_AFTER.search(text, max(0, match.start() - QUALIFIER_WINDOW), match.start()):
            continue
        value = parse_digits(match.group("x_digits"))
        factor = MAGNITUDE_WORDS[key(match.group("x_mag"))] if match.group("x_mag") else amount.factor
        end = match.end("x_mag") if match.group("x_mag") else match.end("x_digits")
        found.append(
            Amount(
                match.start("x_digits"), end, value=value * factor, currency=amount.currency,
                currency_inferred=amount.currency is not None, factor=factor,
                evidence=f"alternative: {text[amount.start : amount.end]}",
            )
        )  # fmt: skip
    return found


def _split_changes(text: str, amounts: list[Amount]) -> list[Amount]:
    """'passer de A à B' is two amounts, a change; 'de A à B' without a verb of change stays a range (D69)."""
    result = []
    for amount in amounts:
        if amount.parts is not None and amount.opener == "de":
            before = CHANGE_BEFORE.search(text, max(0, amount.start - CONTEXT_WINDOW), amount.start)
            if before is not None:
                low, high = amount.parts
                if low.currency_inferred:
                    low.currency, low.evidence = high.currency, f"change: {text[high.start : high.end]}"
                    low.currency_inferred = low.currency is not None
                result.extend((low, high))
                continue
        result.append(amount)
    return result


def _merge_compounds(text: str, amounts: list[Amount]) -> list[Amount]:
    """'2 euros et 10 centimes', '1 USD 23 cents', '1 euro 50': one amount."""
    merged: list[Amount] = []
    for amount in amounts:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and amount.subunit
            and previous.label == "MONEY"
            and previous.explicit
            and not previous.subunit
            and previous.value is not None
            and previous.factor == 1
            and COMPOUND_GAP.match(text, previous.end, amount.start)
        ):
            previous.value += amount.value  # type: ignore[operator]
            previous.end = amount.end
            continue
        merged.append(amount)
    for amount in merged:
        if (
            amount.label == "MONEY"
            and amount.explicit
            and not amount.subunit
            and amount.factor == 1
            and amount.value is not None
            and amount.value == amount.value.to_integral_value()
            and (cents := CENTS_AFTER.match(text, amount.end))
            and not any(other.start == cents.start("cents") for other in merged)
        ):
            amount.value += Decimal(cents.group("cents")) * SUBUNIT_FACTOR
            amount.end = cents.end("cents")
    return merged


def _apply_sign(text: str, amount: Amount) -> None:
    """A minus or plus sign written before an amount is in its span (-3,4 M€ is -3400000), so is 'moins' (D69)."""
    if amount.value is None or amount.start == 0:
        return
    sign = text[amount.start - 1]
    if sign in SIGNS:
        before = text[amount.start - 2] if amount.start >= 2 else " "
        if before.isspace() or before in "(:=[«\"'|/;" or amount.start == 1:
            amount.start -= 1
            if sign != "+":
                amount.value = -amount.value
        return
    minus = MINUS_WORD.search(text, max(0, amount.start - 20), amount.start)
    if minus is not None:
        amount.start = minus.start("minus")
        amount.value = -amount.value


# --- public API ----------------------------------------------------------------------------


def find_amounts(text: str) -> list[Amount]:
    """Every MONEY and PERCENT amount of `text`, sorted and non-overlapping."""
    index = currency_regions.RegionIndex(text)
    explicit_after = [
        amount
        for amount in _matches(AMOUNT_AFTER, text, _amount_after_match)
        if not amount.lone_one or _lone_one_is_amount(text, amount)
    ]
    ranges = _range_matches(text)
    first = [
        *explicit_after, *[r for r in ranges if r.explicit], *_matches(PERCENT, text, _percent_match),
        *_subunit_matches(text), *_matches(GLUED, text, _glued_match), *_english_matches(text),
        *_collective_matches(text),
    ]  # fmt: skip
    chosen = add_without_overlap([], [a for a in first if a.explicit or a.label == "PERCENT"])
    chosen = add_without_overlap(chosen, _matches(AMOUNT_BEFORE, text, _amount_before_match))
    vague = [a for a in _matches(VAGUE, text, _vague_match) if not _vague_is_unit(text, a)]
    chosen = add_without_overlap(chosen, vague)
    chosen = _split_changes(text, chosen)
    chosen = _resolve_written(text, chosen, index)
    _resolve_subunits(text, chosen, index)

    explicit = _Explicit.of(text, [a for a in chosen if a.label == "MONEY" and a.explicit])
    bare = []
    unwritten = [a for a in first if a.label == "MONEY" and not a.explicit]
    for amount in [*[r for r in ranges if not r.explicit], *_matches(BARE, text, _bare_match), *unwritten]:
        is_money, currency, evidence = _context_currency(text, amount, explicit)
        if is_money:
            amount.currency, amount.currency_inferred, amount.evidence = currency, currency is not None, evidence
            bare.append(amount)
    chosen = add_without_overlap(chosen, bare)
    chosen = add_without_overlap(chosen, _percent_cells(text))
    chosen = add_without_overlap(chosen, _table_amounts(text, index))
    chosen = add_without_overlap(chosen, _bare_numbers(text, explicit))
    chosen = add_without_overlap(chosen, _alternatives(text, chosen))
    chosen = _merge_compounds(text, sorted(chosen, key=lambda a: a.start))
    for amount in chosen:
        if amount.label == "MONEY":
            _apply_sign(text, amount)
            amount.qualifier = _qualifier(text, amount) or ("approx" if amount.approx else None)
    return sorted(chosen, key=lambda a: a.start)


def _vague_is_unit(text: str, amount: Amount) -> bool:
    """'en milliards d'euros' names a unit, not an amount; a number before it makes it no vague amount.

    After a verb of amount ('les travaux se chiffrent en milliards d'euros') it is an amount.
    """
    match = UNIT_OR_NUMBER_BEFORE.search(text, max(0, amount.start - QUALIFIER_WINDOW), amount.start)
    if match is None:
        return False
    before = _words_before(text, match.start())
    return not (match.group().strip().lower() == "en" and before and before[-1] in AMOUNT_VERBS_BEFORE_EN)


def find_money(text: str) -> list[Entity]:
    """Every MONEY and PERCENT entity of a plain text, sorted, non-overlapping, with normalised fields."""
    return find_money_with_warnings(text)[0]


def find_money_with_warnings(text: str) -> tuple[list[Entity], list[str]]:
    """`find_money`, and a warning for each value too large for a JSON number, which the entity holds as null."""
    entities, warnings = [], []
    for a in find_amounts(text):
        written = text[a.start : a.end]
        for name in ("value", "min", "max"):
            if is_too_large(getattr(a, name)):
                warnings.append(
                    f"{a.label} {written[:40]!r} at {a.start}: {name} is too large for a JSON number; written as null"
                )
        entities.append(Entity(a.start, a.end, a.label, written, source="rules", norm=a.norm()))
    return entities, warnings


def parse_amount(text: str) -> dict[str, Any] | None:
    """The MONEY fields of one amount expression ("environ 59 milliards d’euros"), None if it is none.

    A qualifier before or after the amount fills `qualifier`; an amount without a currency word
    ("cinq milliards") has currency None, as nothing around it tells the currency.
    """
    expression = text.strip()
    qualifier = None
    prefix = QUALIFIER_PREFIX.match(expression)
    if prefix is not None:
        qualifier = QUALIFIER_PHRASES[int(prefix.lastgroup[1:])][0]
        expression = expression[prefix.end() :]
    suffix = QUALIFIER_AFTER.search(expression)
    if suffix is not None and suffix.end() == len(expression):
        qualifier = qualifier or TRAILING_QUALIFIERS[int(suffix.lastgroup[1:])][0]
        expression = expression[: suffix.start()]
    parsers: list[tuple[re.Pattern[str], Callable[[re.Match[str]], Amount | None]]] = [
        (RANGE, _range_match),
        (AMOUNT_AFTER, _amount_after_match),
        (AMOUNT_BEFORE, _amount_before_match),
        (SUBUNIT, lambda match: next(iter(_subunit_amounts(expression, [match])), None)),
        (GLUED, _glued_match),
        (COUNTED_COLLECTIVE, _collective_match),
        (VAGUE, _vague_match),
        (BARE, _bare_match),
    ]
    for pattern, build in parsers:
        match = pattern.fullmatch(expression)
        if match is not None and (amount := build(match)) is not None:
            if amount.family and (amount.currency is None or amount.family in AMBIGUOUS_DEFAULTS):
                index = currency_regions.RegionIndex(expression)
                amount.currency, amount.evidence = index.resolve(amount.family, amount.start, amount.end)
            amount.qualifier = qualifier or ("approx" if amount.approx else None)
            return amount.norm()
    return None


# Families whose written default ("dollars" -> USD) may still give way to a region named in the expression.
AMBIGUOUS_DEFAULTS = {"dollar", "franc_cfa", "mark"}
