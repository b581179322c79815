"""The DATE rule stage: French date expressions in plain text, with TIMEX3 values.

    find_dates(text, published="2025-02-12") -> [Entity(label="DATE", norm={"value": "2025-02-09"}), ...]
    resolve_date("dimanche 9 février", "2025-02") -> "2025-02-09"

This module is the stage; the rest lives in four modules, one concern each: pipeline/dates_vocabulary.py (the
words of patterns/dates_*.json, folded, and the regex builders), pipeline/dates_grammar.py (what an expression
says, the rules that find it, the tense of its clause, the candidates of a text), pipeline/dates_resolution.py
(placing an expression in time) and pipeline/dates_parser.py (the one dateparser wrapper, shared with
pipeline/published.py).

Finding. A grammar of regular expressions built once from the vocabulary in patterns/dates_*.json
(months, weekdays, seasons, relative words, context words), not a spaCy Matcher: the contract
is character offsets, which a regex gives directly; the stage runs on the masked text apart
from the model pass, so a Matcher would cost a second tokenisation of every document; and
forms such as `1er`, `mi-juin`, `d'ici`, `18 h 20` or `1.500` need character-level control
that the French tokenizer splits in ways a token pattern would have to undo. Every rule
allows only inline spaces, so a span never crosses a line break. Overlapping matches are
settled leftmost-longest.

Spans (ANNOTATION.md §4, and the decisions where it is silent):
- articles and prepositions stay out: `l'année dernière` -> `année dernière`, `le lendemain`
  -> `lendemain`, `en 2018` -> `2018`, `d'ici à 2029` -> `2029`, `les 10 et 11 février` ->
  `10 et 11 février`, `du 10 au 12 février` -> `10 au 12 février`;
- a demonstrative stays in only when it is what makes the word a date (`cette semaine`,
  `cette année`, `ce mois-ci`, `cet été`); before a weekday or a date it stays out, the rest
  being a date by itself (`ce mardi 11 février` -> `mardi 11 février`, `ce mardi` -> `mardi`);
- what places the date belongs to it: shift adjectives (`dimanche dernier`, `janvier
  prochain`), parts of a period (`fin 2024`, `mi-juin`, `début février`), `il y a` (`il y a
  trois jours`), the connectors of a span (`Lundi 10 et mardi 11 février`, `2020 à 2025`);
- coordinated days, months or years are one span, valued `start/end`.

Not dates: durations (`quatre ans`, `les cinq ans à venir`, `les prochaines années`,
`d'ici à quatre ans`), times of day (`18 h 20`, `cette nuit`, `ce soir`; `mardi soir` ->
`mardi`), habits (`chaque lundi`, `les lundis`, `du lundi au vendredi`), eras (`l'Europe de
demain`), vague words (`récemment`, `actuellement`), offsets of a unit from a date of the text
(`l'année suivante`, `le mois précédent`, D122), `la veille de X` / `au lendemain de X`
(placed by an event, not by a date), and numbers that are not years: a bare 4-digit number
from 1900 to 2100 is a year only after a year context word (`en`, `depuis`, `dès`, `d'ici
(à)`, `avant`, `après`, `jusqu'en`, `de` as in `la loi de 2018` but not after a quantity word
as in `plus de 2000`, ...), in a span (`de 2020 à 2025`, `2020-2025`) or with a part (`fin
2024`), and never when a unit or a counted noun follows (`2000 ans`, `2025 euros`, `2000
logements`). A month named alone needs a context word, a part or a shift (`en janvier`, `fin
janvier`, `janvier dernier`) and is written in lower case (`Mars` is the planet).

Values (TIMEX3), resolved with dateparser against `published`, at the precision the
expression has: `dimanche 9 février` + 2025-02 -> `2025-02-09`, `juin 2023` -> `2023-06`,
`2029`, `cette semaine` + 2025-02-12 -> `2025-W07`, `l'année dernière` + 2025 -> `2024`,
`été 2024` -> `2024-SU`, `premier trimestre 2025` -> `2025-Q1`, `années 1990` -> `199X`.
- A date or month without a year takes the year of the publication when it falls in the
  published month; otherwise the past occurrence if the clause is in the past tense (or says
  `dernier`), the coming one if it is in the future (or says `prochain`), else the nearest.
- A weekday alone is read as a reader does: relative to the last day-precision date met
  earlier in the text (the "anchor": `dimanche 9 février ... Lundi,` -> the Monday nearest to
  it), when that date is close to the publication (within a month of it; any date when the
  publication date is unknown); else the closest past occurrence on or before a day-precision
  publication date (the next one when the clause is in the future tense).
- `le lendemain`, `la veille`, `le lundi suivant` count from the last date of
  the text at their precision; `hier`, `la semaine dernière`, `il y a trois jours` from the
  publication date.
- What cannot be placed keeps TIMEX3 placeholders: `XXXX-02-09` (no year), `XXXX-WXX-1` (a
  Monday of unknown week), `XXXX-WXX` (a week), `XXXX-XX-XX` (a relative day without a
  publication day; `aujourd'hui` published 2025-02 is `2025-02-XX`), `XXXX` (a relative year
  without a publication year). A publication known to the year only places a date or month
  without a year in that year.

Speed: the rules are compiled once, at first use, each starting with a digit or a literal
word so that the regex engine skips to where a date can start; dateparser readings are
cached (`pipeline.dates_parser.read_date`, keyed on the phrase, the reference day and the direction).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from pipeline.dates_grammar import Found, candidates, clause_tense, read_expression
from pipeline.dates_resolution import Narrative, Publication, Tense, place, tense_of
from pipeline.dates_vocabulary import (
    CLAUSE_MARKS,
    CLAUSE_WINDOW,
    CONTEXT_WINDOW,
    MAX_LISTED_DAYS,
    ends_with_words,
    more_words,
    vocabulary,
)
from pipeline.folding import APOSTROPHE, accented_key
from pipeline.model import Entity
from pipeline.published import stamped

__all__ = ["MAX_LISTED_DAYS", "find_dates", "resolve_date"]


def _clause_tense_when_asked(text: str, found: Found) -> Callable[[], str | None]:
    """The tense of the clause around `found`, read the first time it is asked for."""
    known: list[str | None] = []

    def tense() -> str | None:
        if not known:
            known.append(clause_tense(text, found.start, found.end))
        return known[0]

    return tense


def find_dates(text: str, published: str | None = None) -> list[Entity]:
    """Every DATE entity of a plain text, sorted and non-overlapping, valued against `published` (ISO)."""
    publication = Publication.parse(published)
    narrative = Narrative()
    entities = []
    for found in candidates(text):
        tense: Tense = _clause_tense_when_asked(text, found) if found.expression.needs_tense else None
        if found.expression.kind in ("weekday", "weekday_day") and future_before(text, found.start):
            asked = tense  # "dès samedi", "à partir de lundi": future unless the clause says otherwise

            def tense(asked: Tense = asked) -> str | None:
                return tense_of(asked) or "future"

        if found.expression.kind == "relative" and not today_is_a_date(text, found):
            continue
        if found.expression.year is not None and stamped(text, found.start):
            continue
        value = place(found.expression, publication, narrative, tense)
        if not value:
            continue
        narrative.remember(value)
        entities.append(
            Entity(found.start, found.end, "DATE", text[found.start : found.end], source="rules", norm={"value": value})
        )
    return entities


@cache
def future_before_pattern() -> re.Pattern[str]:
    return ends_with_words(vocabulary().raw["context"]["future_before_weekday"])


def future_before(text: str, start: int) -> bool:
    return future_before_pattern().search(text[max(0, start - CONTEXT_WINDOW) : start].lower()) is not None


TIME_OF_DAY_AFTER = re.compile(
    r"[^\S\n]*(?:,[^\S\n]*)?(?:à|dès|vers|entre)[^\S\n]+\d{1,2}[^\S\n]*(?:h|heures?)(?!\w)", re.I
)
CLAUSE_WORD = re.compile(rf"[^\W\d_]+(?:{APOSTROPHE}[^\W\d_]+)?")


def today_is_a_date(text: str, found: Found) -> bool:
    """'aujourd'hui' is the publication day where the clause places an event (a tense, a time of day, an event
    verb: 'publie aujourd'hui', 'se tiendra aujourd'hui à 15 h'); in a present statement it means 'nowadays'."""
    expression = found.expression
    if not (expression.unit == "day" and expression.amount == 0):
        return True
    if TIME_OF_DAY_AFTER.match(text, found.end) or clause_tense(text, found.start, found.end) is not None:
        return True
    left = max([max(0, found.start - CLAUSE_WINDOW)] + [text.rfind(m, 0, found.start) + 1 for m in CLAUSE_MARKS])
    ends = [text.find(m, found.end, found.end + CLAUSE_WINDOW) for m in CLAUSE_MARKS]
    right = min([e for e in ends if e >= 0], default=min(len(text), found.end + CLAUSE_WINDOW))
    verbs = more_words().today_event_verbs
    clause = text[left : found.start] + " " + text[found.end : right]
    return any(accented_key(word) in verbs for word in CLAUSE_WORD.findall(clause))


def resolve_date(expression: str, published: str | None, *, anchor: str | None = None, tense: str | None = None) -> str:
    """The TIMEX3 value of one date expression, resolved against `published` (ISO, any precision).

    anchor: the last day-precision date before it in its text (TIMEX3, `2025-02-09`), for
    weekdays and `le lendemain`; tense: `past` or `future`, the tense of its clause.
    Raises ValueError when the expression is not a date this grammar reads.
    """
    read = read_expression(expression)
    if read is None:
        raise ValueError(f"not a date expression: {expression!r}")
    narrative = Narrative()
    if anchor:
        narrative.remember(anchor)
    value = place(read, Publication.parse(published), narrative, tense)
    if not value:
        raise ValueError(f"not a real date: {expression!r}")
    return value
