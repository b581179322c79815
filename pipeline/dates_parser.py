"""The one dateparser wrapper of the pipeline: how a date phrase is read into a calendar date.

    read_date("11 février 2025", languages=("fr", "en"), day_first=True, require_year=True)
        -> Reading(date(2025, 2, 11), "day")
    read_date("il y a 3 jours", base=date(2025, 2, 12), prefer="current_period") -> Reading(date(2025, 2, 9), "day")

Both readers of dates use it: pipeline/published.py (a dateline's date, French or English, day first, with its
precision, never without a year) and the DATE stage (pipeline/dates_resolution.py: a French phrase seen from a
reference day, towards the past or the future). The day of the month, when a phrase names only a month, is the
first. Readings are cached, keyed on every argument, so a phrase is read once per reference day and direction.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Any, NamedTuple


class Reading(NamedTuple):
    """A date phrase read: the day (the first of the month or year at a coarser precision) and the precision."""

    date: date
    period: str  # day, week, month, year, as dateparser reports it


@lru_cache(maxsize=64)
def _parser(languages: tuple[str, ...], settings: tuple[tuple[str, Any], ...]) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=list(languages), settings={key: list(v) if isinstance(v, tuple) else v for key, v in settings}
    )


@lru_cache(maxsize=16384)
def read_date(
    phrase: str,
    *,
    languages: tuple[str, ...] = ("fr",),
    base: date | None = None,
    prefer: str | None = None,
    day_first: bool = False,
    require_year: bool = False,
) -> Reading | None:
    """dateparser's reading of `phrase`, or None.

    base: the day relative phrases count from (il y a 3 jours, lundi); prefer: past, future or current_period, the
    occurrence a recurring date takes from `base`; day_first: 12/02/2025 is the 12th of February; require_year: a
    phrase without a year is no date.
    """
    settings: dict[str, Any] = {"PREFER_DAY_OF_MONTH": "first"}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    if prefer is not None:
        settings["PREFER_DATES_FROM"] = prefer
    if day_first:
        settings["DATE_ORDER"] = "DMY"
    if require_year:
        settings["REQUIRE_PARTS"] = ("year",)  # a tuple, to be hashable; the parser is given a list
    data = _parser(languages, tuple(sorted(settings.items(), key=lambda item: item[0]))).get_date_data(phrase)
    if data.date_obj is None:
        return None
    return Reading(data.date_obj.date(), data.period or "day")
