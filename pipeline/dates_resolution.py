"""Placing a date expression in time: TIMEX3 values from the publication date, the dates met earlier in the text
and the tense of the clause, read with dateparser (pipeline/dates.py describes the values)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from pipeline.dates_grammar import DateExpression, calendar_date, days_in_month
from pipeline.dates_parser import read_date
from pipeline.dates_vocabulary import (
    ANCHOR_REACH_DAYS,
    ANCHOR_REACH_MONTH_DAYS,
    LEAP_YEAR,
    PLACEHOLDERS,
    UNIT_WORDS,
    more_words,
    vocabulary,
)

# ---------------------------------------------------------------------------------------------
# Placing an expression in time


@dataclass(frozen=True)
class Publication:
    """The publication date at the precision known."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, published: str | None) -> Publication:
        match = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", published or "")
        if match is None:
            return cls()
        year, month, day = (int(part) if part else None for part in match.groups())
        if not year:
            return cls()
        if month is not None and not 1 <= month <= 12:
            return cls(year)
        if day is not None and not 1 <= day <= days_in_month(month, year):  # type: ignore[arg-type]
            return cls(year, month)
        return cls(year, month, day)

    @property
    def as_date(self) -> date | None:
        """The publication day, or the middle of the published month."""
        if self.year is None or self.month is None:
            return None
        return date(self.year, self.month, self.day or 15)


@dataclass
class Narrative:
    """The dates a reader has met so far in the text: what `Lundi` or `le lendemain` count from."""

    day: tuple[int | None, int, int] | None = None  # the last day-precision date (year may be unknown)
    month: tuple[int, int] | None = None  # the last date with a known month and year
    year: int | None = None  # the last date with a known year

    def remember(self, value: str) -> None:
        last = value.rsplit("/", 1)[-1]
        day = re.fullmatch(r"(\d{4}|XXXX)-(\d{2})-(\d{2})", last)
        if day:
            self.day = (None if day[1] == "XXXX" else int(day[1]), int(day[2]), int(day[3]))
        month = re.match(r"(\d{4})-(\d{2})(?!\d)", last)
        if month:
            self.month = (int(month[1]), int(month[2]))
        year = re.match(r"(\d{4})(?![\d])", last)
        if year:
            self.year = int(year[1])


def dateparser_date(phrase: str, base: date, prefer: str) -> date | None:
    """dateparser's reading of a French date phrase seen from `base` (prefer: past, future, current_period)."""
    reading = read_date(phrase, base=base, prefer=prefer)
    return reading.date if reading else None


def shifted(base: date, unit: str, amount: int) -> date | None:
    """`base` moved by `amount` days, weeks, months or years (il y a 3 jours, dans 1 mois)."""
    if amount == 0:
        return base
    words = UNIT_WORDS["week" if unit == "weekend" else unit]
    phrase = f"il y a {-amount} {words}" if amount < 0 else f"dans {amount} {words}"
    return dateparser_date(phrase, base, "current_period")


def occurrence(phrase: str, base: date, direction: str) -> date | None:
    """The occurrence of a recurring date (lundi, 9 février, janvier) in `direction` from `base`.

    past: on or before base; future: on or after; after / before: strictly; nearest: the closer of past and future.
    """
    if direction == "past":
        return dateparser_date(phrase, base + timedelta(days=1), "past")
    if direction == "before":
        return dateparser_date(phrase, base, "past")
    if direction == "future":
        return dateparser_date(phrase, base - timedelta(days=1), "future")
    if direction == "after":
        return dateparser_date(phrase, base, "future")
    past, future = occurrence(phrase, base, "past"), occurrence(phrase, base, "future")
    if past is None or future is None:
        return past or future
    return past if (base - past) <= (future - base) else future


# The tense of a date's clause, or a function giving it: find_dates reads the clause only when placing the
# date needs it (a weekday with an anchor, a date with its year, need none).
Tense = str | None | Callable[[], str | None]


def tense_of(tense: Tense) -> str | None:
    return tense() if callable(tense) else tense


def direction_of(shift: int, tense: Tense, default: str) -> str:
    if shift:
        return "past" if shift < 0 else "future"
    return tense_of(tense) or default


def format_day(year: int | None, month: int, day: int) -> str:
    return f"{'XXXX' if year is None else f'{year:04d}'}-{month:02d}-{day:02d}"


def format_week(day: date, weekend: bool = False) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}" + ("-WE" if weekend else "")


def place_date(expression: DateExpression, publication: Publication, tense: Tense) -> str:
    month, day = expression.month, expression.day
    assert month is not None and day is not None
    if expression.year is not None:
        return format_day(expression.year, month, day)
    if publication.year is None:
        return format_day(None, month, day)
    if publication.month is None or (month == publication.month and not expression.shift):
        known_year = publication.year if day <= days_in_month(month, publication.year) else None
        return format_day(known_year, month, day)
    base = publication.as_date
    assert base is not None
    phrase = f"{day} {vocabulary().month_names[month]}"
    if expression.weekday is not None and not expression.shift:
        # "mardi 26 août": of the two nearest years, the one where that day is a Tuesday
        fitting = [
            found
            for found in (occurrence(phrase, base, "past"), occurrence(phrase, base, "future"))
            if found is not None and found.isoweekday() == expression.weekday
        ]
        if len(fitting) == 1:
            return fitting[0].isoformat()
    found = occurrence(phrase, base, direction_of(expression.shift, tense, "nearest"))
    return format_day(found.year if found else None, month, day)


def place_month(expression: DateExpression, publication: Publication, tense: Tense) -> str:
    month = expression.month
    assert month is not None
    if expression.year is not None:
        return f"{expression.year:04d}-{month:02d}"
    if publication.year is None:
        return f"XXXX-{month:02d}"
    if publication.month is None:
        return f"{publication.year:04d}-{month:02d}"
    if month == publication.month:
        return f"{publication.year + expression.shift:04d}-{month:02d}"
    # the first of the month met from the publication day (the middle of the month when the day is unknown)
    base = publication.as_date
    assert base is not None
    found = occurrence(vocabulary().month_names[month], base, direction_of(expression.shift, tense, "nearest"))
    return f"{found.year:04d}-{month:02d}" if found else f"XXXX-{month:02d}"


def two_digit_year(yy: int, publication: Publication, tense: str | None) -> int:
    """The year of '05/05/89': the latest century that does not put it after the publication (D73), or the coming
    one for a clause in the future; without a publication, years up to 2030 are read in this century."""
    pivot = publication.year if publication.year is not None else 2030
    recent = 2000 + yy
    if recent <= pivot or (tense == "future" and recent - pivot <= 10):
        return recent
    return 1900 + yy


def place_season(expression: DateExpression, publication: Publication, tense: str | None = None) -> str:
    code = expression.code
    assert code is not None
    if expression.year is not None:
        return f"{expression.year:04d}-{code}"
    if publication.year is None or publication.month is None:
        known = publication.year is not None and expression.this
        return f"{publication.year:04d}-{code}" if known else f"XXXX-{code}"
    start_month = vocabulary().season_starts[code]
    now = publication.year * 12 + publication.month

    def starts(year: int) -> int:
        return year * 12 + start_month

    if expression.shift < 0:
        year = max(y for y in range(publication.year - 2, publication.year + 1) if starts(y) + 3 <= now)
    elif expression.shift > 0:
        year = min(y for y in range(publication.year, publication.year + 2) if starts(y) > now)
    else:
        # "cet été": the nearest such season, under way, just over or coming; the tense breaks a tie. A season
        # named alone ("au printemps") comes with a tense, which says on which side of the publication it is.
        def distance(year: int) -> int:
            start = starts(year)
            return 0 if start <= now < start + 3 else (start - now if start > now else now - start - 2)

        years = list(range(publication.year - 2, publication.year + 2))
        if not expression.this and tense == "past":
            years = [y for y in years if starts(y) <= now] or years
        elif not expression.this and tense == "future":
            years = [y for y in years if starts(y) + 3 > now] or years
        year = min(years, key=lambda y: (distance(y), -y if tense == "past" else y))
    return f"{year:04d}-{code}"


def place_weekday_day(expression: DateExpression, publication: Publication, tense: str | None) -> str:
    """'vendredi 22': the 22nd near the publication that is a Friday, on the side the tense gives (D76)."""
    weekday, day = expression.weekday, expression.day
    assert weekday is not None and day is not None
    base = publication.as_date
    if base is None:
        return f"XXXX-XX-{day:02d}"
    fitting = []
    for offset in range(-6, 7):
        month_index = base.year * 12 + base.month - 1 + offset
        year, month = divmod(month_index, 12)
        if day <= days_in_month(month + 1, year) and date(year, month + 1, day).isoweekday() == weekday:
            fitting.append(date(year, month + 1, day))
    if tense == "past":
        fitting = [found for found in fitting if found <= base] or fitting
    elif tense == "future":
        fitting = [found for found in fitting if found >= base] or fitting
    if not fitting:
        return f"XXXX-XX-{day:02d}"
    return min(fitting, key=lambda found: abs((found - base).days)).isoformat()


def nth_weekday_of(year: int, month: int, weekday: int, ordinal: int) -> date | None:
    days = [date(year, month, d) for d in range(1, days_in_month(month, year) + 1)]
    matching = [d for d in days if d.isoweekday() == weekday]
    if ordinal < 0:
        return matching[ordinal]
    return matching[ordinal - 1] if ordinal <= len(matching) else None


def place_nth_weekday(expression: DateExpression, publication: Publication, tense: str | None) -> str:
    """'le premier vendredi de juillet', 'le deuxième lundi du mois prochain' (D76)."""
    weekday, ordinal = expression.weekday, expression.ordinal
    assert weekday is not None and ordinal is not None
    if expression.month is None:
        if publication.year is None or publication.month is None:
            return "XXXX-XX"
        index = publication.year * 12 + publication.month - 1 + expression.shift
        year, month = index // 12, index % 12 + 1
    else:
        placed = place_month(DateExpression("month", year=expression.year, month=expression.month), publication, tense)
        if placed.startswith("XXXX"):
            return placed
        year, month = int(placed[:4]), expression.month
    found = nth_weekday_of(year, month, weekday, ordinal)
    return found.isoformat() if found else f"{year:04d}-{month:02d}"


def place_period(expression: DateExpression, publication: Publication, narrative: Narrative, tense: str | None) -> str:
    """A quarter or half-year; without a year, the year of the publication unless the tense says otherwise (D74)."""
    code = expression.code
    assert code is not None
    if expression.year is not None:
        return f"{expression.year:04d}-{code}"
    year = publication.year if publication.year is not None else narrative.year
    if year is None:
        return f"XXXX-{code}"
    if publication.year is not None and publication.month is not None:
        length = 3 if code[0] == "Q" else 6
        first_month = (int(code[1]) - 1) * length + 1
        if tense == "past" and first_month > publication.month:
            year -= 1
        elif tense == "future" and first_month + length - 1 < publication.month:
            year += 1
    return f"{year:04d}-{code}"


def place_sport_season(expression: DateExpression, publication: Publication) -> str:
    """'cette saison': the season of sport under way, as the pair of years it spans (D77)."""
    if publication.year is None:
        return "XXXX/XXXX"
    start = publication.year - (1 if (publication.month or 1) < more_words().sport_season_start_month else 0)
    start += expression.amount
    return f"{start:04d}/{start + 1:04d}"


def usable_anchor(anchor: date, publication: Publication) -> bool:
    """Whether the last date of the text is close enough to the publication to read a weekday from.

    In a page that states no date, a weekday keeps its placeholder (D29: no year is read from a weekday).
    """
    if publication.year is None:
        return False
    reference = publication.as_date
    if reference is None:
        return anchor.year == publication.year
    reach = ANCHOR_REACH_DAYS if publication.day else ANCHOR_REACH_MONTH_DAYS
    return abs((anchor - reference).days) <= reach


def place_weekday(expression: DateExpression, publication: Publication, narrative: Narrative, tense: Tense) -> str:
    weekday = expression.weekday
    assert weekday is not None
    placeholder = f"XXXX-WXX-{weekday}"
    name = vocabulary().weekday_names[weekday]
    anchor = narrative.day
    anchor_day = date(*anchor) if anchor is not None and anchor[0] is not None else None  # type: ignore[arg-type]
    found: date | None = None
    if expression.anaphoric_shift:
        if anchor_day is None:
            return placeholder
        found = occurrence(name, anchor_day, "before" if expression.anaphoric_shift < 0 else "after")
    elif expression.shift:
        if publication.day is None:
            return placeholder
        found = occurrence(name, publication.as_date, "before" if expression.shift < 0 else "after")  # type: ignore[arg-type]
    elif anchor_day is not None and usable_anchor(anchor_day, publication):
        found = occurrence(name, anchor_day, "nearest")
        reference = publication.as_date if publication.day is not None else None
        if reference is not None and tense in ("past", "future"):
            # the nearest to the anchor on the side of the publication the tense gives ("dès samedi")
            sides = [occurrence(name, anchor_day, "past"), occurrence(name, anchor_day, "future")]
            fitting = [d for d in sides if d is not None and (d <= reference if tense == "past" else d >= reference)]
            if fitting:
                found = min(fitting, key=lambda d: abs((d - anchor_day).days))
            else:
                found = occurrence(name, reference, tense)
    elif publication.day is not None:
        found = occurrence(name, publication.as_date, "future" if tense_of(tense) == "future" else "past")  # type: ignore[arg-type]
    return found.isoformat() if found else placeholder


def place_relative(expression: DateExpression, reference: tuple[int | None, int | None, int | None]) -> str:
    """A date counted in units from a reference (year, month, day), each part possibly unknown."""
    unit, amount = expression.unit, expression.amount
    year, month, day = reference
    if unit == "day":
        if month is None or day is None:
            return f"{year:04d}-{month:02d}-XX" if amount == 0 and year and month else PLACEHOLDERS[unit]
        moved = shifted(date(year if year is not None else LEAP_YEAR, month, day), unit, amount)
        if moved is None:
            return PLACEHOLDERS[unit]
        return format_day(moved.year if year is not None else None, moved.month, moved.day)
    if year is None:
        return PLACEHOLDERS[unit]  # type: ignore[index]
    if unit in ("week", "weekend"):
        if month is None or day is None:
            return PLACEHOLDERS[unit]
        moved = shifted(date(year, month, day), unit, amount)
        return format_week(moved, unit == "weekend") if moved else PLACEHOLDERS[unit]
    if unit == "month":
        if month is None:
            return f"{year:04d}-XX" if amount == 0 else PLACEHOLDERS[unit]
        moved = shifted(date(year, month, 1), unit, amount)
        return f"{moved.year:04d}-{moved.month:02d}" if moved else PLACEHOLDERS[unit]
    moved = shifted(date(year, 1, 1), "year", amount)
    return f"{moved.year:04d}" if moved else PLACEHOLDERS["year"]


def anaphoric_reference(unit: str | None, narrative: Narrative) -> tuple[int | None, int | None, int | None]:
    if unit in ("day", "week", "weekend"):
        return narrative.day or (None, None, None)
    if unit == "month":
        return (*narrative.month, None) if narrative.month else (None, None, None)
    return (narrative.year, None, None)


def place(expression: DateExpression, publication: Publication, narrative: Narrative, tense: Tense) -> str:
    """The TIMEX3 value of an expression; an empty string when it names no real day."""
    tense = tense_of(tense)  # asked once here: the forms below compare it
    if expression.yy is not None:
        year = two_digit_year(expression.yy, publication, tense)
        if calendar_date(year, expression.month, expression.day) is None:
            return ""
        expression = replace(expression, year=year, yy=None)
    kind = expression.kind
    if kind == "blocked":
        return ""
    if kind == "weekday_day":
        return place_weekday_day(expression, publication, tense)
    if kind == "nth_weekday":
        return place_nth_weekday(expression, publication, tense)
    if kind == "sport":
        return place_sport_season(expression, publication)
    if kind == "relative" and expression.unit == "weekend" and expression.amount == 0 and tense == "past":
        day = publication.as_date if publication.day is not None else None
        if day is not None and day.isoweekday() <= 5:
            # "le bitcoin a gagné 5 % ce week-end", said on a Monday: the weekend just past
            expression = replace(expression, amount=-1)
    if kind == "span":
        first = place(expression.first, publication, narrative, tense)  # type: ignore[arg-type]
        last = place(expression.last, publication, narrative, tense)  # type: ignore[arg-type]
        return f"{first}/{last}" if first and last else ""
    if kind == "date":
        return place_date(expression, publication, tense)
    if kind == "month":
        return place_month(expression, publication, tense)
    if kind == "year":
        return f"{expression.year:04d}"
    if kind in ("decade",):
        return expression.code or ""
    if kind == "period":
        return place_period(expression, publication, narrative, tense)
    if kind == "season":
        return place_season(expression, publication, tense)
    if kind == "weekday":
        return place_weekday(expression, publication, narrative, tense)
    if kind == "anaphoric":
        return place_relative(expression, anaphoric_reference(expression.unit, narrative))
    return place_relative(expression, (publication.year, publication.month, publication.day))
