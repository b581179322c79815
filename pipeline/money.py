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
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from price_parser._currencies import CURRENCIES, CURRENCY_CODES
from text_to_num import text2num

from pipeline.model import NORM_FIELDS, Entity, is_too_large, json_number
from pipeline.resources import alternation, load_pattern

CURRENCY_DATA = load_pattern("money_currencies.json")
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


# --- text keys -----------------------------------------------------------------------------

APOSTROPHES = "’'ʼ‘´`"


def _fold(text: str) -> str:
    """Lower case without accents: the key under which vocabulary is looked up."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _key(text: str) -> str:
    """A vocabulary key: folded, one space between words, one kind of apostrophe."""
    text = re.sub(f"[{APOSTROPHES}]", "'", _fold(text))
    return re.sub(r"[\s\-‑]+", " ", text).strip()


# --- vocabulary ----------------------------------------------------------------------------


def _currency_names() -> dict[str, str | None]:
    return {_key(form): entry["code"] for entry in CURRENCY_DATA["names"] for form in entry["forms"]}


def _currency_symbols() -> dict[str, str | None]:
    """Unambiguous currency symbols known to price-parser, overridden by patterns/money_currencies.json."""
    aliases = CURRENCY_DATA["code_aliases"]
    codes_by_symbol: dict[str, set[str]] = defaultdict(set)
    for code, info in CURRENCIES.items():
        for symbol in [info.get("s"), info.get("sn"), *info.get("sn2", [])]:
            # Symbols made of letters only ("kr", "Ft", "lei") are too often ordinary words.
            if symbol and any(unicodedata.category(c) == "Sc" for c in symbol):
                codes_by_symbol[symbol].add(aliases.get(code, code))
    symbols = {symbol: codes.pop() for symbol, codes in codes_by_symbol.items() if len(codes) == 1}
    symbols.update(CURRENCY_DATA["symbols"])
    return {re.sub(r"\s+", "", symbol): code for symbol, code in symbols.items()}


def _currency_codes() -> dict[str, str]:
    aliases = CURRENCY_DATA["code_aliases"]
    excluded = set(CURRENCY_DATA["codes_not_currency"])
    codes = {code: code for code in CURRENCY_CODES if code not in excluded}
    codes.update(aliases)
    return codes


CURRENCY_NAMES = _currency_names()
CURRENCY_SYMBOLS = _currency_symbols()
CURRENCY_CODES_BY_TEXT = _currency_codes()
MAGNITUDE_WORDS = {_key(word): Decimal(factor) for word, factor in MAGNITUDE_DATA["words"].items()}
COMPACT_MAGNITUDES = {word: Decimal(factor) for word, factor in MAGNITUDE_DATA["compact"].items()}
QUALIFIER_PHRASES = [(kind, phrase) for kind, phrases in QUALIFIER_DATA["before"].items() for phrase in phrases]
TRAILING_QUALIFIERS = [(kind, phrase) for kind, phrases in QUALIFIER_DATA["after"].items() for phrase in phrases]


def _connector_key(word: str | None) -> str | None:
    return _key(word) if word and word.isalpha() else word


RANGE_CONNECTORS = {(_connector_key(c["open"]), _connector_key(j)) for c in RANGE_DATA["connectors"] for j in c["join"]}
LONE_ONE = {"un", "une"}
MONEY_NOUNS = {_key(word) for word in CONTEXT_DATA["money_nouns"]}
NOT_COUNTED_AFTER_DE = {_key(word) for word in CONTEXT_DATA["not_counted_after_de"]}
COUNTED_BEFORE = {_key(word) for word in CONTEXT_DATA["counted_before"]}
MONEY_BEFORE = {_key(word) for word in CONTEXT_DATA["money_before"]}
ONE_UNIT_CUES = {_key(word) for word in CONTEXT_DATA["one_unit_cues"]}


# --- the grammar ---------------------------------------------------------------------------

HSPACE = r"[^\S\n]"
# White space within one paragraph: at most one line break, so that no span crosses a blank line.
# A line break is only crossed into a line that goes on in lower case (wrapped text, not a new heading).
LINE_BREAK = rf"\n{HSPACE}*(?-i:(?![A-ZÀ-ÖØ-Þ]))"
WS = rf"(?:{HSPACE}+(?:{LINE_BREAK})?|{LINE_BREAK})"
WS0 = rf"(?:{WS})?"
APOS = f"[{APOSTROPHES}]"
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
    parts = []
    for char in word:
        base = _fold(char)
        if char in APOSTROPHES:
            parts.append(APOS)
        elif char.isspace():
            parts.append(rf"(?:{HSPACE}+|{HSPACE}*[-‑]{HSPACE}*)")
        elif char in "-‑":
            parts.append(rf"(?:{HSPACE}*[-‑]{HSPACE}*|{HSPACE}+)")
        elif base != char.lower() and len(base) == 1:
            parts.append(f"[{re.escape(char)}{base}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _alternation(words: Iterable[str], transform: Callable[[str], str] = _loose) -> str:
    return alternation(words, transform)


def _starts(words: Iterable[str]) -> str:
    """A lookahead for the first characters of `words` (and their unaccented letters): the engine then rejects
    a position with one test instead of trying every word of a long alternation there."""
    firsts = sorted({char for word in words for char in (word[0], _fold(word[0])[:1]) if char})
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
# "des investissements en milliards": a money noun, then an order of magnitude with no number and no currency.
MONEY_NOUN = _alternation(CONTEXT_DATA["money_nouns"])
VAGUE_MAGNITUDE = re.compile(
    rf"(?<!\w)(?:{MONEY_NOUN}){WS}en{WS}(?P<mag>{PLURAL_MAGNITUDE_WORD})(?!{WS0}{DE})", FLAGS
)
QUALIFIER_BEFORE = re.compile(rf"(?<![\w\-])(?:{_qualifier_phrases()}){WS0}\Z", FLAGS)
QUALIFIER_PREFIX = re.compile(rf"(?:{_qualifier_phrases()}){WS0}(?=\S)", FLAGS)
QUALIFIER_AFTER = re.compile(
    rf"{HSPACE}+(?:{'|'.join(rf'(?P<t{i}>{_loose(p)})' for i, (_, p) in enumerate(TRAILING_QUALIFIERS))})(?!\w)",
    FLAGS,
)
UNIT_OR_NUMBER_BEFORE = re.compile(rf"(?:(?<!\w)en|\d|{NUMBER_WORD}){HSPACE}*\Z", FLAGS)
WORD_AFTER_DE = re.compile(rf"{WS0}{DE}(?P<word>[^\W\d_][\w\-]*)", FLAGS)
WORD = re.compile(r"[^\W\d_]+")
SENTENCE_END = re.compile(r"[.!?\n]")
# The first line break of a blank line (every one of them, overlapping ones included); `blank` ends it.
BLANK_LINE_START = re.compile(r"\n(?=(?P<blank>[^\S\n]*\n))")


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
        return {name: fields[name] for name in NORM_FIELDS["MONEY"]}


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
        lone_one = _key(groups[p + "words"]) in LONE_ONE
    else:
        return None
    factor = Decimal(1)
    if groups.get(p + "mag"):
        factor = MAGNITUDE_WORDS[_key(groups[p + "mag"])]
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
        return True, CURRENCY_NAMES[_key(groups[p + "word"])]
    if groups.get(p + "symbol"):
        return True, CURRENCY_SYMBOLS[re.sub(r"\s+", "", groups[p + "symbol"])]
    if groups.get(p + "code"):
        return True, CURRENCY_CODES_BY_TEXT[groups[p + "code"]]
    return False, None


# --- matches -------------------------------------------------------------------------------


def _amount_after_match(match: re.Match[str]) -> Amount | None:
    quantity = _quantity(match, "a_")
    if quantity is None:
        return None
    _, currency = _currency_of(match, "a_")
    return Amount(
        quantity.start, match.end(), value=quantity.value, currency=currency, explicit=True, lone_one=quantity.lone_one
    )


def _amount_before_match(match: re.Match[str]) -> Amount | None:
    quantity = _quantity(match, "b_")
    if quantity is None:
        return None
    _, currency = _currency_of(match, "b_")
    return Amount(match.start(), match.end(), value=quantity.value, currency=currency, explicit=True)


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
    return Amount(match.start(), match.end(), min=low_value, max=high.value, currency=currency, explicit=explicit)


def _vague_match(match: re.Match[str]) -> Amount | None:
    if match.group("f_word"):
        currency = CURRENCY_NAMES[_key(match.group("f_word"))]
    else:
        _, currency = _currency_of(match, "v_")
    return Amount(match.start(), match.end(), currency=currency, explicit=True, vague=True)


def _bare_match(match: re.Match[str]) -> Amount | None:
    quantity = _quantity(match, "n_")
    if quantity is None or quantity.start != match.start():
        return None
    return Amount(match.start(), match.end(), value=quantity.value)


def _vague_magnitude_match(match: re.Match[str]) -> Amount | None:
    return Amount(match.start("mag"), match.end("mag"), vague=True)


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
        if amount is None:
            position = match.start() + 1
            continue
        found.append(amount)
        position = match.end()
    return found


def _add_without_overlap(chosen: list[Amount], candidates: Iterable[Amount]) -> list[Amount]:
    """The chosen amounts plus the candidates that overlap none of them, leftmost-longest first.

    `chosen` is disjoint; the result is disjoint and sorted. In O((n + m) log n), never pairwise.
    """
    kept = sorted(chosen, key=lambda a: a.start)
    starts = [a.start for a in kept]
    added: list[Amount] = []
    for candidate in sorted(candidates, key=lambda a: (a.start, a.start - a.end)):
        # The candidates come sorted by start: of those added, only the last one can reach past this start.
        if added and added[-1].end > candidate.start:
            continue
        # Of the disjoint chosen amounts, only the last one starting before the candidate's end can overlap it.
        index = bisect_left(starts, candidate.end) - 1
        if index >= 0 and kept[index].end > candidate.start:
            continue
        added.append(candidate)
    return sorted([*kept, *added], key=lambda a: a.start)


# --- context -------------------------------------------------------------------------------


def _words_before(text: str, start: int) -> list[str]:
    """The last few words before `start` in its sentence, as keys."""
    window = text[max(0, start - CONTEXT_WINDOW) : start]
    ends = list(SENTENCE_END.finditer(window))
    if ends:
        window = window[ends[-1].end() :]
    return [_key(word) for word in WORD.findall(window)][-CONTEXT_WORDS:]


def _noun_after_de(text: str, end: int) -> str | None:
    """The word after a 'de' that follows `end` ("2 milliards d'habitants" -> "habitants"), as a key."""
    match = WORD_AFTER_DE.match(text, end)
    return _key(match.group("word")) if match else None


@dataclass
class _Explicit:
    """The explicit amounts of a text, sorted, with what a bare amount asks of them, found in O(log n)."""

    amounts: list[Amount]
    starts: list[int]
    # Where the last blank line before the first explicit amount starts (-1 when there is none).
    last_blank_before_first: int

    @classmethod
    def of(cls, text: str, amounts: list[Amount]) -> _Explicit:
        amounts = sorted(amounts, key=lambda a: a.start)
        last_blank = -1
        if amounts:
            for match in BLANK_LINE_START.finditer(text, 0, amounts[0].start):
                if match.end("blank") <= amounts[0].start:
                    last_blank = match.start()
        return cls(amounts, [a.start for a in amounts], last_blank)

    def nearest(self, position: int) -> Amount | None:
        index = bisect_left(self.starts, position)
        around = self.amounts[max(0, index - 1) : index + 1]
        return min(around, key=lambda a: abs(a.start - position), default=None)


def _context_currency(text: str, amount: Amount, explicit: _Explicit) -> tuple[bool, str | None]:
    """Whether a bare amount is money, and the currency of the explicit amount it refers to."""
    noun = _noun_after_de(text, amount.end)
    if noun is not None and noun not in MONEY_NOUNS and noun not in NOT_COUNTED_AFTER_DE:
        return False, None
    before = _words_before(text, amount.start)
    if any(word in COUNTED_BEFORE for word in before):
        return False, None
    index = bisect_left(explicit.starts, amount.start)
    if index > 0:
        return True, explicit.amounts[index - 1].currency
    # No explicit amount before: the first one after, unless a blank line lies between them.
    if explicit.amounts and explicit.last_blank_before_first < amount.end:
        return True, explicit.amounts[0].currency
    # No currency anywhere near: money only when a money word says so ("109 milliards d'investissements").
    return noun in MONEY_NOUNS or any(word in MONEY_BEFORE for word in before), None


def _qualifier(text: str, amount: Amount) -> str | None:
    match = QUALIFIER_BEFORE.search(text, max(0, amount.start - QUALIFIER_WINDOW), amount.start)
    if match is not None:
        return QUALIFIER_PHRASES[int(match.lastgroup[1:])][0]
    match = QUALIFIER_AFTER.match(text, amount.end)
    if match is not None:
        return TRAILING_QUALIFIERS[int(match.lastgroup[1:])][0]
    return None


def _lone_one_is_amount(text: str, amount: Amount) -> bool:
    """'pour un euro symbolique' is an amount, 'un euro numérique' is not."""
    before = _words_before(text, amount.start)
    return bool(before) and (before[-1] in ONE_UNIT_CUES or _qualifier(text, amount) is not None)


# --- public API ----------------------------------------------------------------------------


def find_amounts(text: str) -> list[Amount]:
    """Every MONEY and PERCENT amount of `text`, sorted and non-overlapping."""
    explicit_after = [
        amount
        for amount in _matches(AMOUNT_AFTER, text, _amount_after_match)
        if not amount.lone_one or _lone_one_is_amount(text, amount)
    ]
    ranges = _range_matches(text)
    chosen = _add_without_overlap(
        [], [*explicit_after, *[r for r in ranges if r.explicit], *_matches(PERCENT, text, _percent_match)]
    )
    chosen = _add_without_overlap(chosen, _matches(AMOUNT_BEFORE, text, _amount_before_match))
    vague = [a for a in _matches(VAGUE, text, _vague_match) if not _vague_is_unit(text, a)]
    chosen = _add_without_overlap(chosen, vague)

    explicit = _Explicit.of(text, [a for a in chosen if a.label == "MONEY" and a.explicit])
    bare = []
    for amount in [*[r for r in ranges if not r.explicit], *_matches(BARE, text, _bare_match)]:
        is_money, currency = _context_currency(text, amount, explicit)
        if is_money:
            amount.currency, amount.currency_inferred = currency, currency is not None
            bare.append(amount)
    chosen = _add_without_overlap(chosen, bare)

    magnitudes = _matches(VAGUE_MAGNITUDE, text, _vague_magnitude_match)
    for amount in magnitudes:
        # A headline's "en milliards" speaks of the article's amounts: the nearest explicit one, before or after.
        nearest = explicit.nearest(amount.start)
        if nearest is not None and nearest.currency is not None:
            amount.currency, amount.currency_inferred = nearest.currency, True
    chosen = _add_without_overlap(chosen, magnitudes)

    for amount in chosen:
        if amount.label == "MONEY":
            amount.qualifier = _qualifier(text, amount)
    return sorted(chosen, key=lambda a: a.start)


def _vague_is_unit(text: str, amount: Amount) -> bool:
    """'en milliards d'euros' names a unit, not an amount; a number before it makes it no vague amount."""
    return UNIT_OR_NUMBER_BEFORE.search(text, max(0, amount.start - QUALIFIER_WINDOW), amount.start) is not None


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
        (VAGUE, _vague_match),
        (BARE, _bare_match),
    ]
    for pattern, build in parsers:
        match = pattern.fullmatch(expression)
        if match is not None and (amount := build(match)) is not None:
            amount.qualifier = qualifier
            return amount.norm()
    return None
