"""The words of the DATE stage: the calendar and the relative and context words of patterns/dates_*.json,
folded for lookup, and the regex builders and limits the grammar and the resolution share (pipeline/dates.py
describes the stage)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pipeline.folding import APOSTROPHES, HYPHENS, accented_key, word_regex
from pipeline.resources import alternation, load_pattern

SPACE = r"[ \t\u00a0\u202f]+"
GAP = r"[ \t\u00a0\u202f]*"
# How far back a context word ("en", "d'ici à") is looked for, in characters.
CONTEXT_WINDOW = 40
# How far a clause is read around a date to guess its tense, in characters.
CLAUSE_WINDOW = 200
# A weekday is read from the anchor only if the anchor is this close to a day-precision publication.
ANCHOR_REACH_DAYS = 31
ANCHOR_REACH_MONTH_DAYS = 45
# At most this many days listed before the last one of a span ("les 3, 4, 5, 6 et 7 février"): bounds the
# work per candidate, so that a text of numbers separated by commas is read in linear time (issue 18).
MAX_LISTED_DAYS = 31
# A leap year, to count days of a date whose year is unknown (XXXX-02-28 + 1 day -> XXXX-02-29).
LEAP_YEAR = 2000

# What ends a clause; a colon after a space, as French sets it ("a fait ses comptes : il arrachera"), not the
# colon of a time of day (14:30).
CLAUSE_MARKS = (".", "!", "?", ";", "\n", " :", "\u00a0:", "\u202f:")
# A pair of years after a season word ("hiver 2025-2026", "été 2024/25"): the pair is the date, the season word no
# date of its own (a season of sport, a programme, GUIDELINES D114).
YEAR_PAIR_AFTER = rf"{SPACE}[12]\d{{3}}{GAP}[{HYPHENS}/]{GAP}\d"
# The words dateparser is given to count units ("il y a 3 jours"), and the value of a unit that cannot be placed.
UNIT_WORDS = {"day": "jours", "week": "semaines", "month": "mois", "year": "ans"}
PLACEHOLDERS = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "year": "XXXX"}


def words_pattern(words: Any) -> str:
    """A regex alternation of literal words, longest first; apostrophes, hyphens and spaces match their variants."""
    return "(?:" + alternation(words, lambda word: word_regex(word, SPACE)) + ")"


def ends_with_words(words: Any) -> re.Pattern[str]:
    """Matches when a text window ends with one of `words` and a space, or an elided word (search it with endpos)."""
    elided = [word for word in words if word[-1] in APOSTROPHES]
    spaced = [word for word in words if word[-1] not in APOSTROPHES]
    alternatives = [f"{words_pattern(spaced)}{SPACE}"] + ([words_pattern(elided)] if elided else [])
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})\Z")


@dataclass(frozen=True)
class Vocabulary:
    """The words of patterns/dates_*.json, folded for lookup."""

    months: dict[str, int]
    month_names: dict[int, str]
    weekdays: dict[str, int]
    weekday_names: dict[int, str]
    seasons: dict[str, str]
    season_starts: dict[str, int]
    ordinals: dict[str, int]
    period_units: dict[str, str]
    period_codes: dict[str, str]
    number_words: dict[str, int]
    deictic_days: dict[str, int]
    anaphoric_days: dict[str, int]
    units: dict[str, str]
    shifts: dict[str, int]
    anaphoric_shifts: dict[str, int]
    ago_units: dict[str, str]
    words_after_a_year: frozenset[str]
    raw: dict[str, Any] = field(repr=False)


@cache
def vocabulary() -> Vocabulary:
    calendar_words = load_pattern("dates_calendar.json")
    relative = load_pattern("dates_relative.json")
    context = load_pattern("dates_context.json")

    def folded(mapping: dict[str, Any]) -> dict[str, Any]:
        return {accented_key(word): value for word, value in mapping.items()}

    months = folded(calendar_words["months"])
    weekdays = folded(calendar_words["weekdays"])
    return Vocabulary(
        months={**months, **folded(calendar_words["month_abbreviations"])},
        # The first spelling listed for each month is the one dateparser is given.
        month_names={number: word for word, number in reversed(months.items())},
        weekdays=weekdays,
        weekday_names={number: word for word, number in weekdays.items()},
        seasons=folded(calendar_words["seasons"]),
        season_starts=calendar_words["season_start_months"],
        ordinals=folded(calendar_words["ordinals"]),
        period_units=folded(calendar_words["period_units"]),
        period_codes=calendar_words["period_codes"],
        number_words=folded(calendar_words["number_words"]),
        deictic_days=folded(relative["deictic_days"]),
        anaphoric_days=folded(relative["anaphoric_days"]),
        units=folded({**relative["units"], **relative["shifted_only_units"]}),
        shifts=folded(relative["shifts"]),
        anaphoric_shifts=folded(relative["anaphoric_shifts"]),
        ago_units=folded(relative["ago_units"]),
        words_after_a_year=frozenset(accented_key(word) for word in context["words_after_a_year"]),
        raw={"calendar": calendar_words, "relative": relative, "context": context},
    )


# English month names as they are written (capitalised: not "mar" of "marché", nor the French "oct." of "12 oct.").
ENGLISH_HINTS = tuple(word.capitalize() for word in load_pattern("dates_calendar.json")["english_months"])


@dataclass(frozen=True)
class MoreWords:
    """The vocabulary of the forms below, from patterns/dates_*.json."""

    english_months: dict[str, int]
    english_weekdays: dict[str, int]
    day_words: dict[str, int]
    weekday_ordinals: dict[str, int]
    rentree_month: int
    sport_season_start_month: int
    today_event_verbs: frozenset[str]


@cache
def more_words() -> MoreWords:
    raw = vocabulary().raw
    calendar_words, context = raw["calendar"], raw["context"]
    return MoreWords(
        english_months={accented_key(word): number for word, number in calendar_words["english_months"].items()},
        # in the text, weekdays written in full ("Monday 10 February"); abbreviations are for datelines
        english_weekdays={
            accented_key(word): number
            for word, number in calendar_words["english_weekdays"].items()
            if not word.endswith(".")
        },
        day_words={accented_key(word): number for word, number in calendar_words["day_words"].items()},
        weekday_ordinals={accented_key(word): number for word, number in calendar_words["weekday_ordinals"].items()},
        rentree_month=calendar_words["rentree"]["month"],
        sport_season_start_month=calendar_words["sport_season_start_month"],
        today_event_verbs=frozenset(accented_key(word) for word in context["today_event_verbs"]),
    )
