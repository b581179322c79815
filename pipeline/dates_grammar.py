"""Finding date expressions: what an expression says (DateExpression, before it is placed in time), the grammar
of regular expressions built once from the vocabulary, the tense of a clause, and the candidates of a text with
their overlaps settled leftmost-longest (pipeline/dates.py describes the spans).

The grammar is one family of rules per kind of expression (numeric dates, days, months, years, seasons and
periods, weekdays, relative days, then the forms of `more_rules`), each rule with the context it needs in running
text; its last family, `dateline_grammar`, is the dates a page's header writes about itself, which need no
context (pipeline/published.py reads the publication date with it)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from pipeline.dates_vocabulary import (
    CLAUSE_MARKS,
    CLAUSE_WINDOW,
    CONTEXT_WINDOW,
    ENGLISH_HINTS,
    GAP,
    LEAP_YEAR,
    MAX_LISTED_DAYS,
    SPACE,
    YEAR_PAIR_AFTER,
    Vocabulary,
    ends_with_words,
    more_words,
    vocabulary,
    words_pattern,
)
from pipeline.folding import APOSTROPHE, APOSTROPHES, HYPHEN, accented_key
from pipeline.overlaps import leftmost_longest
from pipeline.resources import alternation

# ---------------------------------------------------------------------------------------------
# What an expression says


@dataclass(frozen=True)
class DateExpression:
    """What a date expression says, before it is placed in time.

    kind: date (day and month), month, year, decade, season, period (quarter, half-year),
    weekday, relative (counted from the publication: hier, cette semaine, il y a trois jours),
    anaphoric (counted from the last date of the text: le lendemain, la veille), span.
    """

    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    shift: int = 0  # dernier -1, prochain +1, from the publication date
    anaphoric_shift: int = 0  # précédent -1, suivant +1, from the last date of the text
    unit: str | None = None  # day, week, weekend, month, year: the unit of a relative date
    amount: int = 0  # how many units from the reference (hier -1, il y a trois jours -3)
    code: str | None = None  # SU, Q1, 199X
    this: bool = False  # a demonstrative made it a date (cet été)
    first: DateExpression | None = None  # the ends of a span
    last: DateExpression | None = None
    yy: int | None = None  # a year written with two digits (05/05/89), its century read from the publication
    ordinal: int | None = None  # le premier (1) / dernier (-1) vendredi de juillet

    @property
    def needs_tense(self) -> bool:
        if self.kind == "span":
            return self.first.needs_tense or self.last.needs_tense  # type: ignore[union-attr]
        return (
            (self.kind in ("date", "month", "nth_weekday") and self.year is None and not self.shift)
            or (self.kind == "weekday" and not self.shift and not self.anaphoric_shift)
            or self.kind == "weekday_day"
            or (self.kind in ("period", "season") and self.year is None and not self.shift)
            or (self.kind == "relative" and self.unit == "weekend" and self.amount == 0)
        )


def day_number(token: str) -> int:
    return int(re.match(r"\d+", token).group())  # type: ignore[union-attr]


def days_in_month(month: int, year: int | None) -> int:
    return calendar.monthrange(year if year is not None else LEAP_YEAR, month)[1]


def calendar_date(year: int | None, month: int | None, day: int | None) -> DateExpression | None:
    """A date expression for a day, or None when the day does not exist (31 février)."""
    if month is None or day is None or not 1 <= month <= 12 or not 1 <= day <= days_in_month(month, year):
        return None
    return DateExpression("date", year=year, month=month, day=day)


def group(match: re.Match[str], name: str) -> str | None:
    return match.groupdict().get(name)


def read_year(match: re.Match[str], name: str) -> int | None:
    text = group(match, name)
    return int(text) if text else None


def read_month(match: re.Match[str], name: str) -> int | None:
    text = group(match, name)
    return vocabulary().months[accented_key(text)] if text else None


def read_weekday(match: re.Match[str], name: str) -> int | None:
    text = group(match, name)
    return vocabulary().weekdays[accented_key(text)] if text else None


def read_shifts(match: re.Match[str]) -> dict[str, int]:
    text = group(match, "shift")
    if not text:
        return {}
    words = vocabulary()
    if accented_key(text) in words.anaphoric_shifts:
        return {"anaphoric_shift": words.anaphoric_shifts[accented_key(text)]}
    return {"shift": words.shifts[accented_key(text)]}


def build_numeric_date(match: re.Match[str]) -> DateExpression | None:
    return calendar_date(int(match["y"]), int(match["m"]), int(match["d"]))


def build_date(match: re.Match[str]) -> DateExpression | None:
    expression = calendar_date(read_year(match, "y"), read_month(match, "m"), day_number(match["d"]))
    if expression is None:
        return None
    return DateExpression(
        "date", year=expression.year, month=expression.month, day=expression.day,
        weekday=read_weekday(match, "w"), **read_shifts(match),
    )  # fmt: skip


def build_date_span(match: re.Match[str]) -> DateExpression | None:
    connector = accented_key(match["conn"])
    if connector.startswith("et") and match["m1"]:
        return None  # "le 10 février et le 11 mars": two dates, not a span
    last = calendar_date(read_year(match, "y2"), read_month(match, "m2"), day_number(match["d2"]))
    if last is None:
        return None
    first_day, first_month, first_year = day_number(match["d1"]), read_month(match, "m1"), read_year(match, "y1")
    if first_month is None:
        # "du 28 au 3 mars" runs from the month before
        first_month = last.month if first_day <= last.day else (last.month - 2) % 12 + 1  # type: ignore[operator]
    if first_year is None and last.year is not None:
        first_year = last.year if first_month <= last.month else last.year - 1  # type: ignore[operator]
    first = calendar_date(first_year, first_month, first_day)
    if first is None:
        return None
    return DateExpression("span", first=first, last=last)


def build_month(match: re.Match[str]) -> DateExpression | None:
    return DateExpression("month", year=read_year(match, "y"), month=read_month(match, "m"), **read_shifts(match))


def build_month_span(match: re.Match[str]) -> DateExpression | None:
    first_month, last_month = read_month(match, "m1"), read_month(match, "m2")
    first_year, last_year = read_year(match, "y1"), read_year(match, "y2")
    if first_year is None and last_year is not None:
        first_year = last_year if first_month <= last_month else last_year - 1  # type: ignore[operator]
    first = DateExpression("month", year=first_year, month=first_month)
    return DateExpression("span", first=first, last=DateExpression("month", year=last_year, month=last_month))


def build_year(match: re.Match[str]) -> DateExpression | None:
    return DateExpression("year", year=int(match["y"]))


def build_year_span(match: re.Match[str]) -> DateExpression | None:
    first, last = int(match["y1"]), int(group(match, "y2") or group(match, "y3"))
    if last <= first or re.search(rf"{SPACE}et{SPACE}", match.group()):
        return None  # "les excès de 2021 et 2022": two years, each a date of its own
    return DateExpression("span", first=DateExpression("year", year=first), last=DateExpression("year", year=last))


def build_year_range(match: re.Match[str]) -> DateExpression | None:
    first, last = int(match["y1"]), int(match["y2"])
    if last <= first:
        return None
    return DateExpression("span", first=DateExpression("year", year=first), last=DateExpression("year", year=last))


def build_decade(match: re.Match[str]) -> DateExpression | None:
    digits = match["decade"]
    century = digits[:2] if len(digits) == 4 else "19"
    return DateExpression("decade", code=f"{century}{digits[-2]}X")


def build_season(match: re.Match[str]) -> DateExpression | None:
    code = vocabulary().seasons[accented_key(match["season"])]
    return DateExpression(
        "season", year=read_year(match, "y"), code=code, this=bool(group(match, "dem")), **read_shifts(match)
    )


def build_period(match: re.Match[str]) -> DateExpression | None:
    words = vocabulary()
    if group(match, "ord"):
        letter, number = words.period_units[accented_key(match["unit"])], words.ordinals[accented_key(match["ord"])]
    else:
        letter, number = words.period_codes[match["letter"].upper()], int(match["n"])
    if letter == "H" and number > 2:
        return None
    return DateExpression("period", year=int(match["y"]), code=f"{letter}{number}")


def build_weekday(match: re.Match[str]) -> DateExpression | None:
    return DateExpression("weekday", weekday=read_weekday(match, "w"), **read_shifts(match))


def build_weekday_pair(match: re.Match[str]) -> DateExpression | None:
    first = DateExpression("weekday", weekday=read_weekday(match, "w1"))
    return DateExpression("span", first=first, last=DateExpression("weekday", weekday=read_weekday(match, "w2")))


def build_deictic(match: re.Match[str]) -> DateExpression | None:
    return DateExpression("relative", unit="day", amount=vocabulary().deictic_days[accented_key(match["word"])])


def build_anaphoric_day(match: re.Match[str]) -> DateExpression | None:
    return DateExpression("anaphoric", unit="day", amount=vocabulary().anaphoric_days[accented_key(match["word"])])


def build_this_unit(match: re.Match[str]) -> DateExpression | None:
    return DateExpression("relative", unit=vocabulary().units[accented_key(match["unit"])], amount=0, this=True)


def build_shifted_unit(match: re.Match[str]) -> DateExpression | None:
    unit = vocabulary().units[accented_key(match["unit"])]
    shifts = read_shifts(match)
    if "anaphoric_shift" in shifts:
        return None  # "l'année suivante", "le mois précédent": an offset from a date of the text, no DATE (D122)
    return DateExpression("relative", unit=unit, amount=shifts["shift"])


def build_ago(match: re.Match[str]) -> DateExpression | None:
    words = vocabulary()
    count = match["n"]
    amount = int(count) if count.isdigit() else words.number_words[accented_key(count)]
    return DateExpression("relative", unit=words.ago_units[accented_key(match["unit"])], amount=-amount)


# ---------------------------------------------------------------------------------------------
# The grammar


@dataclass(frozen=True)
class Source:
    """A text and its lower-case copy of the same length: the rules read the copy, offsets fit both."""

    text: str
    lowered: str

    @classmethod
    def of(cls, text: str) -> Source:
        lowered = text.lower()
        if len(lowered) != len(text):
            # a few letters grow when lowered (İ -> i̇); keep those as they are so offsets still fit
            lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
        return cls(text, lowered)

    def preceded_by(self, pattern: re.Pattern[str], position: int) -> bool:
        """Whether the lowered text just before `position` ends with `pattern` (an `ends_with_words` pattern)."""
        return pattern.search(self.lowered, max(0, position - CONTEXT_WINDOW), position) is not None

    def written(self, match: re.Match[str], name: str) -> str:
        return self.text[match.start(name) : match.end(name)]

    def starts_token(self, position: int) -> bool:
        """Whether a match may start here: not inside a word, nor inside a number (1.500, 2,5)."""
        if position == 0:
            return True
        before = self.lowered[position - 1]
        if before.isalnum() or before == "_":
            return False
        return not (before in ".," and self.lowered[position].isdigit())


@dataclass(frozen=True)
class Rule:
    """One kind of date expression: where it is (pattern), what it says (build), whether the text allows it."""

    name: str
    pattern: re.Pattern[str]
    build: Callable[[re.Match[str]], DateExpression | None]
    allowed: Callable[[Source, re.Match[str]], bool] | None = None
    # Substrings of the lower-cased text one of which the rule needs: a text without any skips the rule's scan.
    hints: tuple[str, ...] = ()


@dataclass(frozen=True)
class Grammar:
    rules: tuple[Rule, ...]
    past: re.Pattern[str]
    future: re.Pattern[str]
    # Whether a unit or a counted noun follows a number at a position (2000 ans, 25 personnes): then it is no year.
    counts_something: Callable[[Source, int], bool] | None = None


@dataclass(frozen=True, eq=False)
class Blocks:
    """The pieces the families of rules are built from, once per process: the vocabulary, the regular
    expressions of a day, month, year, shift... and the contexts (words before or after) the rules test."""

    words: Vocabulary
    context: dict
    relative: dict
    calendar_words: dict
    # pieces of patterns
    weekday: str
    month: str  # a month written out (mars, not mar.)
    any_month: str  # a month, abbreviations included
    day: str
    year: str
    bare_year: str
    counted: str
    dated_year: str
    shift: str
    part: str
    season: str
    demonstrative: str
    ordinal: str
    period_unit: str
    end: str
    # contexts
    year_context: re.Pattern[str]
    month_context: re.Pattern[str]
    span_context: re.Pattern[str]
    article: re.Pattern[str]
    habitual: re.Pattern[str]
    quantity: re.Pattern[str]
    numbers_in_a_row: re.Pattern[str]

    def lowercase_month(self, source: Source, match: re.Match[str], name: str) -> bool:
        # "Mars" alone is the planet more often than the month; a month alone is written in lower case
        written = source.written(match, name)
        return not (written[0].isupper() and written[1:].islower())

    def counts_something(self, source: Source, position: int) -> bool:
        """Whether a unit or a counted noun follows a number (2000 ans, 2025 logements): then it is no year."""
        following_text = source.lowered[position : position + 40]
        if re.match(self.counted, following_text) or self.numbers_in_a_row.match(following_text):
            return True
        following = re.match(rf"{SPACE}([^\W\d_][\w{APOSTROPHES}-]*)", source.text[position : position + 40])
        if following is None:
            return False
        word = following.group(1)
        plural = word.islower() and len(word) > 3 and word[-1] in "sx"
        return plural and accented_key(word) not in self.words.words_after_a_year

    def after_article(self, source: Source, match: re.Match[str]) -> bool:
        return source.preceded_by(self.article, match.start())


@cache
def blocks() -> Blocks:
    words = vocabulary()
    context = words.raw["context"]
    relative = words.raw["relative"]
    calendar_words = words.raw["calendar"]
    year = r"[12]\d{3}(?!\d)"
    counted = rf"(?:{GAP}(?:[.,]\d|[%€$£])|{SPACE}{words_pattern(context['count_units'])}(?!\w))"
    glued_parts = [part for part in calendar_words["period_parts"] if part.endswith("-")]
    spaced_parts = [part for part in calendar_words["period_parts"] if not part.endswith("-")]
    return Blocks(
        words=words,
        context=context,
        relative=relative,
        calendar_words=calendar_words,
        weekday=words_pattern(words.weekdays),
        month=words_pattern(calendar_words["months"]),
        any_month=words_pattern(words.months),
        day=r"\d\d?(?:er|ᵉʳ)?(?!\d)",  # 1 to 31, checked when the date is built
        year=year,
        bare_year=r"(?:19\d{2}|20\d{2}|2100)(?!\d)",
        counted=counted,
        dated_year=rf"{year}(?!{counted})",
        shift=words_pattern([*relative["shifts"], *relative["anaphoric_shifts"]]),
        part=rf"(?:{words_pattern(spaced_parts)}{SPACE}|{words_pattern(glued_parts)})",
        season=words_pattern(calendar_words["seasons"]),
        demonstrative=words_pattern(relative["demonstratives"]),
        ordinal=words_pattern(words.ordinals),
        period_unit=words_pattern(words.period_units),
        end=r"(?!\w)",
        year_context=ends_with_words(context["year_context"]),
        month_context=ends_with_words(context["month_context"]),
        span_context=ends_with_words([*context["span_context"], *context["year_context"]]),
        article=ends_with_words(context["articles"]),
        habitual=ends_with_words(context["habitual_before_weekday"]),
        quantity=ends_with_words([f"{word} {de}" for word in context["quantities_before_de"] for de in ("de", "d'")]),
        numbers_in_a_row=re.compile(rf"{SPACE}(?:à|et|au){SPACE}\d"),
    )


# Each rule starts with a digit or a literal word, never an optional part: the regex engine then
# skips ahead to the places where it can start, which keeps the stage cheap on long texts.


def numeric_date_rules(b: Blocks) -> tuple[Rule, ...]:
    """2025-02-12, 12/02/2025, 12.02.2025."""
    return (
        Rule(
            "iso date",
            re.compile(r"(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\w/-])"),
            build_numeric_date,
        ),
        Rule(
            "numeric date",
            re.compile(r"(?P<d>\d\d?)(?P<sep>[/.])(?P<m>\d\d?)(?P=sep)(?P<y>\d{4})(?![\w/])"),
            build_numeric_date,
        ),
    )


def day_rules(b: Blocks) -> tuple[Rule, ...]:
    """A day and its month: 12 février (2025), mardi 12 février, du 10 au 14 février, les 3, 4 et 5 mars."""
    day, any_month, dated_year, weekday, end = b.day, b.any_month, b.dated_year, b.weekday, b.end
    days_then_month = (
        rf"(?P<d1>{day})(?:{SPACE}(?P<m1>{any_month})(?:{SPACE}(?P<y1>{dated_year}))?)?"
        rf"(?:{GAP},{GAP}(?:{weekday}{SPACE})?{day}){{0,{MAX_LISTED_DAYS}}}"
        rf"(?P<conn>{SPACE}(?:et|au){SPACE}(?:(?:le|l{APOSTROPHE}){SPACE}?)?|{GAP}{HYPHEN}{GAP})"
        rf"(?:(?P<w2>{weekday}){SPACE})?(?P<d2>{day}){SPACE}(?P<m2>{any_month})(?:{SPACE}(?P<y2>{dated_year}))?{end}"
    )
    day_then_month = (
        rf"(?P<d>{day}){SPACE}(?P<m>{any_month})(?:{SPACE}(?P<y>{dated_year}))?(?:{SPACE}(?P<shift>{b.shift}))?{end}"
    )
    return (
        Rule("span of days", re.compile(days_then_month), build_date_span),
        Rule(
            "span of days from a weekday",
            re.compile(rf"(?P<w1>{weekday}){SPACE}{days_then_month}"),
            build_date_span,
        ),
        Rule("date", re.compile(day_then_month), build_date),
        Rule("date with its weekday", re.compile(rf"(?P<w>{weekday}){SPACE}{day_then_month}"), build_date),
    )


def month_rules(b: Blocks) -> tuple[Rule, ...]:
    """A month: février 2025, début mars, de janvier à mars, avril dernier, après mai (lower case)."""
    month, dated_year, end = b.month, b.dated_year, b.end

    def month_allowed(source: Source, match: re.Match[str]) -> bool:
        if not b.lowercase_month(source, match, "m"):
            return False
        return bool(group(match, "part") or group(match, "shift") or source.preceded_by(b.month_context, match.start()))

    def month_span_allowed(source: Source, match: re.Match[str]) -> bool:
        if group(match, "y2"):
            return True
        return (
            b.lowercase_month(source, match, "m1")
            and b.lowercase_month(source, match, "m2")
            and source.preceded_by(b.span_context, match.start())
        )

    month_then_year = rf"(?P<m>{b.any_month}){SPACE}(?P<y>{dated_year}){end}"
    month_alone = rf"(?P<m>{month})(?:{SPACE}(?P<shift>{b.shift}))?{end}"
    return (
        Rule(
            "span of months",
            re.compile(
                rf"(?P<m1>{month})(?:{SPACE}(?P<y1>{dated_year}))?(?:{SPACE}(?:à|au|et){SPACE}|{GAP}{HYPHEN}{GAP})"
                rf"(?P<m2>{month})(?:{SPACE}(?P<y2>{dated_year}))?{end}"
            ),
            build_month_span,
            month_span_allowed,
        ),
        Rule("month and year", re.compile(month_then_year), build_month),
        Rule("part of a month and year", re.compile(rf"(?P<part>{b.part}){month_then_year}"), build_month),
        Rule("month", re.compile(month_alone), build_month, month_allowed),
        Rule("part of a month", re.compile(rf"(?P<part>{b.part}){month_alone}"), build_month, month_allowed),
    )


def year_rules(b: Blocks) -> tuple[Rule, ...]:
    """A year after a word that places it (en 2025, depuis 2019), spans and ranges of years, decades."""
    bare_year, end, counts_something = b.bare_year, b.end, b.counts_something
    range_context = ends_with_words(b.context["range_before_and"])

    def year_allowed(source: Source, match: re.Match[str]) -> bool:
        if not (group(match, "part") or source.preceded_by(b.year_context, match.start())):
            return False
        return not (counts_something(source, match.end()) or source.preceded_by(b.quantity, match.start()))

    def year_span_allowed(source: Source, match: re.Match[str]) -> bool:
        hyphenated = not group(match, "y3")
        if not (hyphenated or source.preceded_by(b.span_context, match.start())):
            return False
        return not counts_something(source, match.end())

    def year_range_allowed(source: Source, match: re.Match[str]) -> bool:
        return source.preceded_by(range_context, match.start()) and not counts_something(source, match.end())

    return (
        Rule(
            "span of years",
            re.compile(
                rf"(?P<y1>{bare_year})(?:{GAP}(?:{HYPHEN}|/){GAP}(?P<y2>{bare_year})|{SPACE}(?:à|au|et){SPACE}"
                rf"(?P<y3>{bare_year})){end}"
            ),
            build_year_span,
            year_span_allowed,
        ),
        Rule(
            "range of years",
            re.compile(rf"(?P<y1>{bare_year}){SPACE}et{SPACE}(?P<y2>{bare_year}){end}"),
            build_year_range,
            year_range_allowed,
        ),
        Rule("year", re.compile(rf"(?P<y>{bare_year}){end}"), build_year, year_allowed),
        Rule("part of a year", re.compile(rf"(?P<part>{b.part})(?P<y>{bare_year}){end}"), build_year, year_allowed),
        Rule("decade", re.compile(rf"années{SPACE}(?P<decade>(?:19|20)\d0|[2-9]0){end}"), build_decade),
    )


def season_and_period_rules(b: Blocks) -> tuple[Rule, ...]:
    """Seasons (l'été dernier, cet hiver, printemps 2025) and periods (deuxième trimestre 2025, T2 2025)."""
    dated_year, end = b.dated_year, b.end

    def season_allowed(source: Source, match: re.Match[str]) -> bool:
        if group(match, "dem") or group(match, "y"):
            return True
        # "l'été dernier", not "a été dernier"
        return bool(group(match, "shift")) and source.preceded_by(b.article, match.start())

    # "hiver 2025-2026": the pair of years is the date (a season of sport, a programme), not "hiver 2025"
    season_rest = (
        rf"(?P<season>{b.season})(?!{YEAR_PAIR_AFTER})(?:{SPACE}(?P<y>{dated_year})|{SPACE}(?P<shift>{b.shift}))?{end}"
    )
    return (
        Rule("season", re.compile(season_rest), build_season, season_allowed),
        Rule("this season", re.compile(rf"(?P<dem>{b.demonstrative}){SPACE}{season_rest}"), build_season),
        Rule(
            "quarter",
            re.compile(
                rf"(?P<ord>{b.ordinal}){SPACE}(?P<unit>{b.period_unit})(?:{SPACE}de)?{SPACE}(?P<y>{dated_year}){end}"
            ),
            build_period,
        ),
        Rule(
            "quarter code", re.compile(rf"(?P<letter>[tqsh])(?P<n>[1-4]){SPACE}(?P<y>{dated_year}){end}"), build_period
        ),
    )


def weekday_rules(b: Blocks) -> tuple[Rule, ...]:
    """A weekday: mardi, mardi dernier, lundi et mardi; not a habit (le mardi, chaque mardi)."""
    weekday, end = b.weekday, b.end

    def weekday_allowed(source: Source, match: re.Match[str]) -> bool:
        return not source.preceded_by(b.habitual, match.start())

    return (
        Rule("weekday and shift", re.compile(rf"(?P<w>{weekday}){SPACE}(?P<shift>{b.shift}){end}"), build_weekday),
        Rule(
            "weekdays",
            re.compile(rf"(?P<w1>{weekday}){SPACE}et{SPACE}(?P<w2>{weekday}){end}"),
            build_weekday_pair,
            weekday_allowed,
        ),
        Rule("weekday", re.compile(rf"(?P<w>{weekday}){end}"), build_weekday, weekday_allowed),
    )


def relative_rules(b: Blocks) -> tuple[Rule, ...]:
    """Days and units counted from the publication or from a date of the text: hier, la veille, cette semaine,
    l'an dernier, il y a trois jours."""
    context, relative, end = b.context, b.relative, b.end
    generic = ends_with_words(context["generic_before_deictic"])
    event_after = re.compile(rf"{SPACE}{words_pattern(context['after_anaphoric_noun'])}(?!\w)")
    adjective_after = re.compile(
        rf"{SPACE}[a-zàâçéèêëîïôûùüÿœ]+{words_pattern(context['anaphoric_noun_adjective_endings'])}(?!\w)"
    )
    unit = words_pattern(relative["units"])
    shifted_unit = words_pattern({**relative["units"], **relative["shifted_only_units"]})
    count = rf"(?:\d{{1,3}}|{words_pattern(b.calendar_words['number_words'])})"

    def deictic_allowed(source: Source, match: re.Match[str]) -> bool:
        return not source.preceded_by(generic, match.start())

    def anaphoric_allowed(source: Source, match: re.Match[str]) -> bool:
        if not source.preceded_by(b.article, match.start()):
            return False
        after = source.lowered[match.end() : match.end() + 40]
        return not (event_after.match(after) or adjective_after.match(after))

    return (
        Rule(
            "deictic day",
            re.compile(rf"(?P<word>{words_pattern(relative['deictic_days'])}){end}"),
            build_deictic,
            deictic_allowed,
        ),
        Rule(
            "anaphoric day",
            re.compile(rf"(?P<word>{words_pattern(relative['anaphoric_days'])}){end}"),
            build_anaphoric_day,
            anaphoric_allowed,
        ),
        Rule(
            "this unit",
            re.compile(rf"(?P<dem>{b.demonstrative}){SPACE}(?P<unit>{unit})(?:{HYPHEN}ci)?(?!\w|{HYPHEN})"),
            build_this_unit,
        ),
        Rule(
            "shifted unit",
            re.compile(rf"(?P<unit>{shifted_unit}){SPACE}(?P<shift>{b.shift}){end}"),
            build_shifted_unit,
            b.after_article,
        ),
        Rule(
            "ago",
            re.compile(
                rf"il{SPACE}y{SPACE}a{SPACE}(?P<n>{count}){SPACE}(?P<unit>{words_pattern(relative['ago_units'])}){end}"
            ),
            build_ago,
        ),
    )


def tense_patterns(b: Blocks) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The verbs that make a clause past (a annoncé, s'est réuni) or future (s'ouvrira, devrait)."""
    context = b.context
    # "a" is a verb in lower case only ("Livret A", "plan A"); a pronominal passé composé is past too ("s'est réuni").
    markers = [word for word in context["past_markers"] if word != "a"]
    past = re.compile(
        rf"(?<!\w)(?:(?-i:a)|{words_pattern(markers)}|(?:s|se|me|m|te|t|nous|vous)(?:{APOSTROPHE}|{SPACE})"
        rf"(?:est|sont|suis|sommes|êtes|es){SPACE}[a-zàâçéèêëîïôûùüÿœ]+(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|t|te|ts|tes))"
        rf"(?!\w)",
        re.IGNORECASE,
    )
    future = re.compile(
        rf"(?<!\w)(?:(?i:{words_pattern(context['future_markers'])})|[a-zàâçéèêëîïôûùüÿœ]{{2,}}"
        rf"{words_pattern(context['future_endings'])})(?!\w)"
    )
    return past, future


@cache
def grammar() -> Grammar:
    """The rules, compiled once per process from the vocabulary, family by family in the order they are tried
    (of two equal spans, the rule listed first wins); the forms of more_rules come last."""
    b = blocks()
    rules = (
        *numeric_date_rules(b),
        *day_rules(b),
        *month_rules(b),
        *year_rules(b),
        *season_and_period_rules(b),
        *weekday_rules(b),
        *relative_rules(b),
        *more_rules(b),
    )
    past, future = tense_patterns(b)
    return Grammar(rules=rules, past=past, future=future, counts_something=b.counts_something)


# ---------------------------------------------------------------------------------------------
# Datelines: the dates a page writes about itself in its header (pipeline/published.py)
#
# A dateline or a byline is not prose, so its date needs no word of context, and pages write it in French
# or in English, abbreviated, with its weekday ("mar. 11 févr. 2025", "Wednesday, February 12, 2025",
# "12/02/25", "2025-02"). Which lines are datelines, and which of their dates is the publication's, is
# published.py's business; dateparser reads the value at the precision written (pipeline/dates_parser.py).


@dataclass(frozen=True)
class DatelineGrammar:
    date: re.Pattern[str]  # a date in any form a dateline writes
    time: re.Pattern[str]  # the hour that may stamp it: 10h30, 08:15, 18 h 20 min
    year: re.Pattern[str]  # a year, or a numeric date's two-digit year: in a date, that it states its year


@cache
def dateline_grammar() -> DatelineGrammar:
    """The dateline family, built once per process from the calendar (patterns/dates_calendar.json): its French
    and English months and weekdays, every abbreviation with its dot optional."""
    calendar_words = vocabulary().raw["calendar"]

    def written(*keys: str) -> str:
        # "janv." reads "janv" too; the words are regular expressions then, not escaped again
        words = [
            re.escape(word[:-1]) + r"\.?" if word.endswith(".") else re.escape(word)
            for key in keys
            for word in calendar_words[key]
        ]
        return "(?:" + alternation(words, transform=str) + ")"

    month = rf"(?<![^\W\d_]){written('months', 'month_abbreviations', 'english_months')}(?![^\W\d_])"
    weekday = rf"(?<![^\W\d_]){written('weekdays', 'weekday_abbreviations', 'english_weekdays')}(?![^\W\d_])"
    day = r"(?<!\d)(?:1er|[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
    year = r"(?<!\d)(?:1[89]|20)\d\d(?!\d)"
    forms = (
        rf"(?:{weekday},?\s+)?(?:le\s+)?{day}\s*{month}(?:,?\s+{year})?",  # (mardi) 11 février (2025)
        rf"(?:{weekday},?\s+)?{month}\s+{day},?\s+{year}",  # (Wednesday,) February 12, 2025
        rf"{month}\s+{year}",  # février 2025
        rf"(?:{weekday},?\s+)?(?<!\d)[0-3]?\d[/.-][01]?\d[/.-](?:{year}|\d\d)(?![\d/.-])",  # (mardi) 12/02/2025
        rf"{year}-[01]\d(?:-[0-3]\d)?(?![\d-])",  # 2025-02-12, 2025-02
    )
    return DatelineGrammar(
        date=re.compile("|".join(f"(?:{form})" for form in forms), re.IGNORECASE),
        time=re.compile(r"(?<!\d)[0-2]?\d\s*(?:h|:)\s*(?:[0-5]\d)?(?:\s*(?:min|mn))?(?![^\W\d_])", re.IGNORECASE),
        year=re.compile(rf"{year}|(?<!\d)[0-3]?\d[/.-][01]?\d[/.-]\d\d(?!\d)"),
    )


# ---------------------------------------------------------------------------------------------
# More forms: numeric dates, days in words, weekday and day, ordinal weekdays, periods without a
# year, rentrée, seasons of sport, English dates, years before 1900 and in references


# A capitalised word just before (a name, whose surname may be a month: Theresa May).
NAME_BEFORE = re.compile(rf"(?<![\w{APOSTROPHES}-])[A-ZÀ-ÖØ-Þ][\w{APOSTROPHES}-]*{SPACE}\Z")


def build_two_digit_year_date(match: re.Match[str]) -> DateExpression | None:
    written = match["m"]
    expression = calendar_date(
        None, int(written) if written.isdigit() else read_month(match, "m"), day_number(match["d"])
    )
    if expression is None:
        return None
    return DateExpression("date", month=expression.month, day=expression.day, yy=int(match["yy"]))


def build_day_month(match: re.Match[str]) -> DateExpression | None:
    return calendar_date(None, int(match["m"]), int(match["d"]))


def build_day_in_words(match: re.Match[str]) -> DateExpression | None:
    day = more_words().day_words[accented_key(match["dw"])]
    return calendar_date(read_year(match, "y"), read_month(match, "m"), day)


def build_english_date(match: re.Match[str]) -> DateExpression | None:
    words = more_words()
    month = words.english_months[accented_key(match["m"])]
    expression = calendar_date(read_year(match, "y"), month, day_number(match["d"]))
    if expression is None or not group(match, "w"):
        return expression
    return replace(expression, weekday=words.english_weekdays[accented_key(match["w"])])


def build_english_month(match: re.Match[str]) -> DateExpression | None:
    return DateExpression("month", year=int(match["y"]), month=more_words().english_months[accented_key(match["m"])])


def build_weekday_day(match: re.Match[str]) -> DateExpression | None:
    day = day_number(match["d"])
    if not 1 <= day <= 31:
        return None
    return DateExpression("weekday_day", weekday=read_weekday(match, "w"), day=day)


def build_nth_weekday(match: re.Match[str]) -> DateExpression | None:
    ordinal = more_words().weekday_ordinals[accented_key(match["ord"])]
    weekday = read_weekday(match, "w")
    month = read_month(match, "m") or read_month(match, "m2")
    year = read_year(match, "y") or read_year(match, "y2")
    shifts = read_shifts(match)
    if month is None and not shifts:
        return DateExpression("blocked")  # "le premier dimanche du mois": a habit, not a date
    return DateExpression("nth_weekday", year=year, month=month, weekday=weekday, ordinal=ordinal, **shifts)


def build_period_without_year(match: re.Match[str]) -> DateExpression | None:
    words = vocabulary()
    letter, number = words.period_units[accented_key(match["unit"])], words.ordinals[accented_key(match["ord"])]
    if letter == "H" and number > 2:
        return None
    return DateExpression("period", code=f"{letter}{number}")


def build_part_of_unit(match: re.Match[str]) -> DateExpression | None:
    unit = vocabulary().units[accented_key(match["unit"])]
    shifts = read_shifts(match)
    if "anaphoric_shift" in shifts:
        return DateExpression("anaphoric", unit=unit, amount=shifts["anaphoric_shift"])
    return DateExpression("relative", unit=unit, amount=shifts.get("shift", 0))


def build_rentree(match: re.Match[str]) -> DateExpression | None:
    return DateExpression("month", year=read_year(match, "y"), month=more_words().rentree_month)


def build_sport_season(match: re.Match[str]) -> DateExpression | None:
    return DateExpression("sport", amount=read_shifts(match).get("shift", 0))


def build_season_years(match: re.Match[str]) -> DateExpression | None:
    first = int(match["y1"])
    if int(match["y2"]) != (first + 1) % 100:
        return None
    return DateExpression("span", first=DateExpression("year", year=first), last=DateExpression("year", year=first + 1))


def more_rules(b: Blocks) -> tuple[Rule, ...]:
    """The rules of the forms above, appended to the grammar (they win only where they are longer)."""
    context, relative, calendar_words = b.context, b.relative, b.calendar_words
    more = more_words()
    weekday, month, year, bare_year, shift, end = b.weekday, b.month, b.year, b.bare_year, b.shift, b.end
    counted, numbers_in_a_row, counts_something = b.counted, b.numbers_in_a_row, b.counts_something
    article, habitual, year_context, month_context, quantity = (
        b.article, b.habitual, b.year_context, b.month_context, b.quantity
    )  # fmt: skip
    ordinal, period_unit = b.ordinal, b.period_unit
    time_after = rf"(?!{GAP}(?:h(?!\w)|heures?(?!\w)|[%€$£:]))"
    day_context = ends_with_words(context["day_context"])
    old_year_context = ends_with_words(context["old_year_context"])
    two_years = re.compile(rf"\d{{4}}{SPACE}et{SPACE}\Z")
    following_year = re.compile(rf"{SPACE}et{SPACE}{bare_year}{end}")
    strong_year_context = ends_with_words(["en", "depuis", "dès", "jusqu'en"])
    season_context = ends_with_words(context["season_context"])
    # "la rentrée d'argent", "la rentrée fiscale" are receipts, not the September return
    not_an_event = re.compile(
        rf"{SPACE}(?:(?:des?|du|d{APOSTROPHE})(?!{SPACE}classes)|fiscales?|financières?|budgétaires?)(?!\w)"
    )
    english = words_pattern(more.english_months)
    english_weekday = words_pattern(more.english_weekdays)
    # "12 February 2025", "3rd March", "10 February, 2025" (GUIDELINES D79: English dates in the text are dates)
    english_day_first = rf"(?P<d>\d\d?)(?:st|nd|rd|th)?{SPACE}(?P<m>{english})(?:,?{SPACE}(?P<y>{year}))?{end}"

    def after_day_context(source: Source, match: re.Match[str]) -> bool:
        return source.preceded_by(day_context, match.start())

    def day_in_words_allowed(source: Source, match: re.Match[str]) -> bool:
        return accented_key(match["dw"]) == "premier" or source.preceded_by(day_context, match.start())

    def english_allowed(source: Source, match: re.Match[str]) -> bool:
        return source.written(match, "m")[0].isupper()

    def english_month_allowed(source: Source, match: re.Match[str]) -> bool:
        # "February 2025", not the surname of "Theresa May 2019": after a capitalised word only if it places a month
        return english_allowed(source, match) and (
            not NAME_BEFORE.search(source.text, max(0, match.start() - CONTEXT_WINDOW), match.start())
            or source.preceded_by(month_context, match.start())
        )

    def weekday_day_allowed(source: Source, match: re.Match[str]) -> bool:
        return not source.preceded_by(habitual, match.start())

    def old_year_allowed(source: Source, match: re.Match[str]) -> bool:
        return source.preceded_by(old_year_context, match.start()) and not counts_something(source, match.end())

    def reference_year_allowed(source: Source, match: re.Match[str]) -> bool:
        # "(Éditions du Seuil, 2022)": the year closing a reference in parentheses
        line_start = source.lowered.rfind("\n", 0, match.start()) + 1
        opening = source.lowered.rfind("(", max(line_start, match.start() - 120), match.start())
        return (
            source.lowered[max(0, match.start() - 2) : match.start()] == ", "
            and opening >= 0
            and ")" not in source.lowered[opening : match.start()]
        )

    def second_year_allowed(source: Source, match: re.Match[str]) -> bool:
        before = source.lowered[max(0, match.start() - 12) : match.start()]
        return two_years.search(before) is not None and not counts_something(source, match.end())

    def rentree_allowed(source: Source, match: re.Match[str]) -> bool:
        if group(match, "y"):
            return True
        return source.preceded_by(article, match.start()) and not_an_event.match(source.lowered, match.end()) is None

    def after_article(source: Source, match: re.Match[str]) -> bool:
        return source.preceded_by(article, match.start())

    def season_alone_allowed(source: Source, match: re.Match[str]) -> bool:
        # "sera présentée au printemps", "avant l'automne"; not "En hiver, les routes ferment" (no tense: a habit)
        if not source.preceded_by(season_context, match.start()):
            return False
        return clause_tense(source.text, match.start(), match.end()) is not None

    def year_in_a_change_allowed(source: Source, match: re.Match[str]) -> bool:
        # "78 euros en 2021 à 131 euros en 2023": after 'en', a number followed by 'à 131' is still a year
        following = source.lowered[match.end() : match.end() + 40]
        return (
            source.preceded_by(strong_year_context, match.start())
            and numbers_in_a_row.match(following) is not None
            and re.match(counted, following) is None
        )

    def year_among_years_allowed(source: Source, match: re.Match[str]) -> bool:
        """A year next to another one: in a change ('en 2021 à 131 euros'), or one of two ('de 2021 et 2022')."""
        return (
            year_in_a_change_allowed(source, match)
            or (
                following_year.match(source.lowered, match.end()) is not None
                and first_of_two_years_allowed(source, match)
            )
            or second_year_allowed(source, match)
        )

    def first_of_two_years_allowed(source: Source, match: re.Match[str]) -> bool:
        return source.preceded_by(year_context, match.start()) and not source.preceded_by(quantity, match.start())

    return (
        Rule(
            "numeric date with hyphens",
            re.compile(r"(?P<d>\d\d?)-(?P<m>\d\d?)-(?P<y>\d{4})(?![\w/-])"),
            build_numeric_date,
            hints=("-",),
        ),
        Rule(
            "numeric date, year first",
            re.compile(r"(?P<y>\d{4})/(?P<m>\d\d?)/(?P<d>\d\d?)(?![\w/])"),
            build_numeric_date,
            hints=("/",),
        ),
        Rule(
            "numeric date with a two-digit year",
            re.compile(r"(?P<d>\d\d?)/(?P<m>\d\d?)/(?P<yy>\d\d)(?![\w/]|[.,]\d)"),
            build_two_digit_year_date,
            hints=("/",),
        ),
        Rule(
            "day and month in digits",
            re.compile(r"(?P<d>\d\d?)/(?P<m>\d\d)(?![\w/]|[.,]\d)"),
            build_day_month,
            after_day_context,
            hints=("/",),
        ),
        Rule(
            "day in words",
            re.compile(rf"(?P<dw>{words_pattern(more.day_words)}){SPACE}(?P<m>{month})(?:{SPACE}(?P<y>{year}))?{end}"),
            build_day_in_words,
            day_in_words_allowed,
            hints=(
                "janv",
                "fév",
                "fev",
                "mars",
                "avr",
                "mai",
                "juin",
                "juil",
                "août",
                "aout",
                "sept",
                "oct",
                "nov",
                "déc",
                "dec",
            ),
        ),
        Rule(
            "English date, day first",
            re.compile(english_day_first),
            build_english_date,
            english_allowed,
            hints=ENGLISH_HINTS,
        ),
        Rule(
            "English date with its weekday",
            re.compile(rf"(?P<w>{english_weekday}),?{SPACE}{english_day_first}"),
            build_english_date,
            english_allowed,
            hints=ENGLISH_HINTS,
        ),
        Rule(
            "English month and year",
            re.compile(rf"(?P<m>{english}){SPACE}(?P<y>{year}){end}"),
            build_english_month,
            english_month_allowed,
            hints=ENGLISH_HINTS,
        ),
        Rule(
            "English date, month first",
            re.compile(rf"(?P<m>{english}){SPACE}(?P<d>\d\d?)(?:st|nd|rd|th)?,{GAP}(?P<y>{year}){end}"),
            build_english_date,
            english_allowed,
            hints=ENGLISH_HINTS,
        ),
        Rule(
            "weekday and day",
            re.compile(rf"(?P<w>{weekday}){SPACE}(?P<d>\d\d?(?:er|ᵉʳ)?)(?![\d\w]|[.,:/]\d){time_after}"),
            build_weekday_day,
            weekday_day_allowed,
            hints=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        ),
        Rule(
            "ordinal weekday",
            re.compile(
                rf"(?P<ord>{words_pattern(more.weekday_ordinals)}){SPACE}(?P<w>{weekday}){SPACE}"
                rf"(?:(?:de{SPACE}|d{APOSTROPHE})(?P<m>{month})(?:{SPACE}(?P<y>{year}))?"
                rf"|du{SPACE}mois(?:{SPACE}(?P<shift>{shift})|{SPACE}(?:de{SPACE}|d{APOSTROPHE})(?P<m2>{month})"
                rf"(?:{SPACE}(?P<y2>{year}))?)?){end}"
            ),
            build_nth_weekday,
            hints=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        ),
        Rule(
            "quarter without a year",
            re.compile(rf"(?P<ord>{ordinal}){SPACE}(?P<unit>{period_unit}){end}(?!{SPACE}(?:de{SPACE})?\d)"),
            build_period_without_year,
            hints=("mestre",),
        ),
        Rule(
            "part of this year or month",
            re.compile(
                rf"(?:début|fin|milieu|courant){SPACE}(?:de{SPACE}l{APOSTROPHE}|d{APOSTROPHE})(?P<unit>année|an)"
                rf"(?:{SPACE}(?P<shift>{shift}))?{end}(?!{SPACE}\d)"
            ),
            build_part_of_unit,
            hints=tuple(f"{elided}{apostrophe}an" for elided in "ld" for apostrophe in APOSTROPHES),
        ),
        Rule(
            "part of this month",
            re.compile(
                rf"(?:début|fin|milieu|courant){SPACE}du{SPACE}(?P<unit>mois)(?:{SPACE}(?P<shift>{shift}))?{end}"
                rf"(?!{SPACE}(?:de|d{APOSTROPHE}|{month}))"
            ),
            build_part_of_unit,
            hints=("du mois",),
        ),
        Rule(
            "rentrée",
            re.compile(rf"(?P<r>{words_pattern(calendar_words['rentree']['words'])})(?:{SPACE}(?P<y>{year}))?{end}"),
            build_rentree,
            rentree_allowed,
            hints=("rentr",),
        ),
        Rule(
            "this season of sport",
            re.compile(
                rf"cette{SPACE}{words_pattern(relative['sport_season_words'])}{end}(?!{SPACE}(?:des?|du|d{APOSTROPHE}))"
            ),
            build_sport_season,
            hints=("saison",),
        ),
        Rule(
            "shifted season of sport",
            re.compile(rf"{words_pattern(relative['sport_season_words'])}{SPACE}(?P<shift>{shift}){end}"),
            build_sport_season,
            after_article,
            hints=("saison",),
        ),
        Rule(
            "season years",
            re.compile(rf"(?P<y1>{bare_year})[/-](?P<y2>\d\d)(?![\d/]|[.,]\d|-\d)"),
            build_season_years,
            hints=("/", "-"),
        ),
        Rule(
            "season alone",
            re.compile(rf"(?P<season>{words_pattern(calendar_words['seasons'])}){end}(?!{YEAR_PAIR_AFTER})"),
            build_season,
            season_alone_allowed,
            hints=("printemps", "été", "automne", "hiver"),
        ),
        Rule("year before 1900", re.compile(rf"(?P<y>1[0-8]\d\d)(?!\d|[.,]\d){end}"), build_year, old_year_allowed),
        Rule(
            "decade before 1900",
            re.compile(rf"années{SPACE}(?P<decade>1[0-8]\d0){end}"),
            build_decade,
            hints=("années",),
        ),
        Rule("year among years", re.compile(rf"(?P<y>{bare_year}){end}"), build_year, year_among_years_allowed),
        Rule(
            "year of a reference",
            re.compile(r"(?P<y>1\d{3}|20\d\d)(?=\))"),
            build_year,
            reference_year_allowed,
            hints=(")",),
        ),
    )


@cache
def speech_incise() -> re.Pattern[str]:
    """'a-t-elle promis', ', a déclaré le ministre': the saying, whose tense is not the tense of the date quoted."""
    verbs = words_pattern(vocabulary().raw["context"]["speech_verbs"])
    return re.compile(
        rf"(?:(?<!\w)a{HYPHEN}t{HYPHEN}(?:il|elle|on)|[»”]{GAP},?{GAP}(?:a|ont|avait|avaient)){SPACE}"
        rf"(?:[a-zàâçéèêëîïôûùüÿœ]+{SPACE})?{verbs}(?!\w)",
        re.IGNORECASE,
    )


def clause_tense(text: str, start: int, end: int) -> str | None:
    """past or future when the clause around a date says so by its verbs (a annoncé, s'ouvrira), else None."""
    window_start, window_end = max(0, start - CLAUSE_WINDOW), min(len(text), end + CLAUSE_WINDOW)
    left = max([window_start] + [text.rfind(mark, window_start, start) + 1 for mark in CLAUSE_MARKS])
    ends = [text.find(mark, end, window_end) for mark in CLAUSE_MARKS]
    right = min([position for position in ends if position >= 0], default=window_end)
    clause = speech_incise().sub(" ", text[left:start] + " " + text[end:right])
    rules = grammar()
    past, future = rules.past.search(clause), rules.future.search(clause)
    if past and not future:
        return "past"
    if future and not past:
        return "future"
    return None


# ---------------------------------------------------------------------------------------------
# The candidates of a text


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    expression: DateExpression


def candidates(text: str) -> list[Found]:
    """Every date expression of the text, overlaps settled leftmost-longest, in text order."""
    source = Source.of(text)
    found: list[Found] = []  # in the order of the rules: of two equal spans, the rule listed first wins
    for rule in grammar().rules:
        if rule.hints and not any(hint in (source.lowered if hint.islower() else source.text) for hint in rule.hints):
            continue
        position = 0
        while (match := rule.pattern.search(source.lowered, position)) is not None:
            position = match.start() + 1
            if not source.starts_token(match.start()):
                continue
            if rule.allowed is not None and not rule.allowed(source, match):
                continue
            expression = rule.build(match)
            if expression is not None:
                found.append(Found(match.start(), match.end(), expression))
                position = match.end()
    return with_parts(source, with_years(source, leftmost_longest(found, drop_empty=False)))


COMMA_YEAR = re.compile(rf"{GAP},{GAP}(?P<y>[12]\d{{3}})(?!\d|[.,]\d)(?!\w)")
TWO_DIGIT_YEAR = re.compile(rf"{SPACE}(?P<yy>\d\d)(?![\d\w]|[.,]\d)(?!{GAP}(?:h(?!\w)|heures?(?!\w)|[%€$£:]))")


def with_years(source: Source, chosen: list[Found]) -> list[Found]:
    """A day and month with its year after a comma ('lundi 12 janvier, 2016') or in two digits ('1er avril 78')."""
    result: list[Found] = []
    counts_something = grammar().counts_something
    for item in chosen:
        if result and item.start < result[-1].end:
            continue  # taken by the year of the date before
        expression = item.expression
        if expression.kind == "date" and expression.year is None and expression.yy is None:
            comma = COMMA_YEAR.match(source.lowered, item.end)
            two_digits = TWO_DIGIT_YEAR.match(source.lowered, item.end) if comma is None else None
            if comma is not None and calendar_date(int(comma["y"]), expression.month, expression.day):
                item = Found(item.start, comma.end(), replace(expression, year=int(comma["y"])))
            elif two_digits is not None and not (counts_something and counts_something(source, two_digits.end())):
                item = Found(item.start, two_digits.end(), replace(expression, yy=int(two_digits["yy"])))
        result.append(item)
    return result


# Kinds of expression a part word may qualify ("fin des années 1990", "début du mois de septembre").
PART_KINDS = frozenset({"month", "year", "decade", "period", "season", "relative", "anaphoric"})


@cache
def part_before() -> re.Pattern[str]:
    """A part of a period or a demonstrative month, ending where the expression it qualifies starts (D75)."""
    de = rf"(?:de{SPACE}|d{APOSTROPHE})"
    return re.compile(
        rf"(?<!\w)(?:(?:début|fin|milieu|courant|mi){SPACE}(?:du{SPACE}mois{SPACE}{de}|de{SPACE}l{APOSTROPHE}année{SPACE}"
        rf"|de{SPACE}l{APOSTROPHE}|du{SPACE}|des{SPACE}|de{SPACE}la{SPACE})|(?:ce|cet){SPACE}mois{SPACE}{de})\Z"
    )


def with_parts(source: Source, chosen: list[Found]) -> list[Found]:
    """Each expression with the part of a period written before it ('fin du deuxième trimestre', 'ce mois de mars')."""
    result: list[Found] = []
    for item in chosen:
        if item.expression.kind in PART_KINDS:
            match = part_before().search(source.lowered, max(0, item.start - CONTEXT_WINDOW), item.start)
            if match is not None and source.starts_token(match.start()):
                while result and result[-1].end > match.start():
                    if result[-1].start < match.start():
                        break
                    result.pop()  # "Ce mois" of "Ce mois de septembre" is part of the longer span
                else:
                    item = Found(match.start(), item.end, item.expression)
        result.append(item)
    return result


@cache
def leading_word() -> re.Pattern[str]:
    """An article, preposition or demonstrative that may open an expression but stays out of its span."""
    words = vocabulary().raw
    context = words["context"]
    leading = {
        *context["articles"], *context["year_context"], *context["month_context"], *context["span_context"],
        *words["relative"]["demonstratives"],
    }  # fmt: skip
    elided = [word for word in leading if word[-1] in APOSTROPHES]
    spaced = [word for word in leading if word[-1] not in APOSTROPHES]
    return re.compile(rf"(?:{words_pattern(spaced)}{SPACE}|{words_pattern(elided)})")


@lru_cache(maxsize=4096)
def read_expression(expression: str) -> DateExpression | None:
    """What one date expression says; leading articles and prepositions are skipped (l'année dernière)."""
    text = Source.of(" ".join(expression.split())).lowered
    while text:
        for rule in grammar().rules:
            match = rule.pattern.fullmatch(text)
            if match is not None:
                built = rule.build(match)
                if built is not None:
                    return built
        skipped = leading_word().match(text)
        if skipped is None:
            return None
        text = text[skipped.end() :]
    return None
