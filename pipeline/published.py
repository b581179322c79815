"""The publication date a page states about itself, ISO 8601 at the precision stated.

Where pages state it, by preference:
  1. a scraper's header at the very start of the text (" date 2025-02 Titre ...");
  2. a publication line in the page header ("Publié le 12 février 2025 à 10h30");
  3. a byline with a date ("Par David Bensoussan11 février 2025"), or a date stamped with its hour in a short
     line ("Hélène Rigaud | 02 septembre 2025 à 08:15 | Lecture : 6 min");
  4. a line that is a date and nothing else ("12 February 2025");
  5. an agency dateline that states a year ("Paris, 12 fév. 2025 (AFP) - "), then a line that is a date right
     under a long standfirst;
  6. an update line ("Mis à jour le 13 février 2025");
  7. a publication, then an update, stamp line further down the page, under the article.
A page flattened to one line (no line breaks left) has its header before the first sentence of its first line:
a capitalised "Publié le"/"Modifié le" stamp there counts as a publication (2.) or update (6.) line, and, when
that line opens the page, a date stamped with its hour there as a byline (3.).
The page header is what comes before the first paragraph of prose, or before the second one for
publication lines and bylines (the first may be a long standfirst): dates further down belong to the
article's body or to lists of other articles. A date with no year (a page clock such as
"mardi 26 août - 18 h 20 min") states no publication date. dateparser reads the date and tells its precision.

The date and time expressions are the dateline family of the dates grammar (pipeline/dates_grammar.py,
`dateline_grammar`), built from patterns/dates_calendar.json, the calendar of the whole pipeline; this module
holds what is particular to datelines and bylines (the dateline words of the same calendar, the line forms, the
order of preference), and its dateline and byline tests are shared with pipeline.boilerplate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.dates_grammar import dateline_grammar
from pipeline.dates_parser import read_date
from pipeline.folding import APOSTROPHE, APOSTROPHES
from pipeline.resources import alternation, load_pattern

# A line at least this long, holding a sentence end, is prose.
MIN_PROSE_LINE_CHARS = 200
# Longer lines are not datelines or bylines, whatever dates they hold.
MAX_DATELINE_CHARS = 160
# A byline has at most this many words ("Par Jean Dupont, envoyé spécial à Kiev, le 12 février 2025").
MAX_BYLINE_WORDS = 14
# A publication line has at most this many words ("Le Monde avec AFP Publié le 31 janvier 2025 à 09h12, ...").
MAX_DATELINE_WORDS = 20

_CALENDAR = load_pattern("dates_calendar.json")
_DATELINE_WORDS = _CALENDAR["datelines"]
_MARKERS = load_pattern("boilerplate_markers.json")


def _alternation(words: list[str]) -> str:
    # The words are regular expressions already (`janv\.?`): no escaping.
    return "(?:" + alternation(words, transform=str) + ")"


# The date expressions of datelines and bylines are a family of the dates grammar (pipeline/dates_grammar.py).
_DATELINE_DATES = dateline_grammar()
DATE = _DATELINE_DATES.date
TIME = _DATELINE_DATES.time
_YEAR_IN = _DATELINE_DATES.year

_PUBLISHED_WORDS = _alternation([re.escape(word) for word in _DATELINE_WORDS["publication_words"]["published"]])
_FILLER_WORDS = _alternation([re.escape(word) for word in _DATELINE_WORDS["filler_words"]])
_UPDATED_WORDS = _alternation([re.escape(word) for word in _DATELINE_WORDS["publication_words"]["updated"]])
_PUBLISHED_LINE = re.compile(rf"(?<!\w){_PUBLISHED_WORDS}\s*:?\s*(?:le\s+|on\s+)?(?P<date>{DATE.pattern})", re.I)
_UPDATED_LINE = re.compile(rf"(?<!\w){_UPDATED_WORDS}\s*:?\s*(?:le\s+|on\s+)?(?P<date>{DATE.pattern})", re.I)
# What a dateline may hold besides dates and times: publication words, fillers, separators.
_DATELINE_FILLER = re.compile(
    rf"(?<!\w)(?:{_PUBLISHED_WORDS}|{_UPDATED_WORDS}|{_FILLER_WORDS})(?!\w)"
    r"|[\s,;:.|•·/()\[\]–—-]+",
    re.IGNORECASE,
)
# "Par Jean Dupont", also "Par la rédaction", "Rédigé par l'équipe éditoriale".
_BYLINE_WORDS = (
    "(?:"
    + "|".join(_MARKERS["byline_words"]["words"])
    + rf")\s+(?:[A-ZÀ-ÖØ-Þ]|(?:la|notre) rédaction|l{APOSTROPHE}équipe)"
)
# A place before a dateline's date: "Genève, le 23 juillet 2025".
_PLACE_WORD = rf"[A-ZÀ-Ý][\w{APOSTROPHES}-]*"
_DATELINE_PLACE = re.compile(rf"\s*{_PLACE_WORD}(?: {_PLACE_WORD}){{0,2}}\s*,(?=\s*(?:le\s+)?\d)")
# "Par Jean Dupont", "By Jane Doe", also glued after the author's name ("David DupontPar David Dupont").
_BYLINE = re.compile(r"(?:^|(?<=[\s,|•·–—-])|(?<=[a-zà-ÿ]))" + _BYLINE_WORDS)
_BYLINE_START = re.compile(r"\s*" + _BYLINE_WORDS)
# An author's name, or the desk's, then a separator and the date: "Jean Dupont · 12 février 2025",
# "Rédaction | 12.02.2025" (a name is capitalised words and particles, no digit).
_NAME_WORD = rf"(?:[A-ZÀ-ÖØ-Þ][\w{APOSTROPHES}.-]*|de|du|des|d{APOSTROPHE}|la|le|van|von|da|di)"
_NAME_THEN_DATE = re.compile(rf"\s*{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}\s*[|·•–—-]\s*(?:le\s+)?(?i:{DATE.pattern})")
_GLUED_BYLINE = re.compile(r"[a-zà-ÿ]Par\s+[A-ZÀ-ÖØ-Þ]")
_SCRAPER_HEADER = re.compile(r"\s*" + _MARKERS["scraper_header"]["pattern"])
_SENTENCE_END = re.compile(r"[.!?…][\s»\"”)]")
_AGENCY = _MARKERS["agency_dateline"]
_DASH = r"\s*(?:--|[-–—])\s*"
_KICKER = rf"(?:{_AGENCY['kicker']}\s*:\s+)?"
# "LONDRES (Reuters) - ", "Paris, 12 fév. (AFP) - ", "PARIS--(BUSINESS WIRE)--", "(Mboa Éco) - ",
# "21/05/2025 - CANNES 2025 : ".
_AGENCY_DATELINE = re.compile(
    rf"[ \t]*(?:(?:{_AGENCY['place']})(?:\s*,\s*(?:le\s+)?(?P<date>(?i:{DATE.pattern})))?(?:\s*|--))?"
    rf"\((?:{_AGENCY['agency']})\){_DASH}{_KICKER}(?=\S)"
    rf"|[ \t]*(?P<numeric>(?i:{DATE.pattern})){_DASH}{_KICKER}(?=\S)"
)
_DIGIT = re.compile(r"\d")  # every date and time has one: a cheap test before the costly ones
# A date stamped with the hour: "02 septembre 2025 à 08:15", "24 avril 2025 07:00", "12/02/2025 - 14h05".
_STAMPED_DATE = re.compile(rf"(?P<date>{DATE.pattern})\s*(?:(?:à|a|at|,|-|–|—|\|)\s*)?(?:{TIME.pattern})", re.I)
# In a page flattened to one line, the header runs into the first sentence: a publication or update word is
# written with its capital there ("… avec Thomas Giraud Publié le 28/11/2025 à 06h40 Modifié le …"), never in
# the middle of a sentence of the article.
_STAMP_WORDS = "|".join(
    re.escape(word[0].upper()) + word[1:]
    for word in sorted(
        {*_DATELINE_WORDS["publication_words"]["published"], *_DATELINE_WORDS["publication_words"]["updated"]}
    )
    if word[0].isalpha()
)
_CAPITALISED_STAMP = re.compile(rf"(?<=\S)\s+(?:{_STAMP_WORDS})\s*:?\s*(?:le\s+|on\s+)?(?P<date>(?i:{DATE.pattern}))")
# A stamp in a line of its own, with what page headers put beside it: a capitalised publication or update word
# opening the line or after a separator, the date and its hour, then the line's end, a separator or another
# heading word ("Publié le 12 février 2025 Lecture : 3 minutes.", "Par Jean Dupont. Publié le 12 février 2025.");
# not the sentence "Publié le 12 mars 2024, le rapport …", which goes on after a comma.
_STAMP_IN_LINE = re.compile(
    rf"(?:^|(?<=[.|•·–—-])|(?<=[.|•·–—-]\s))\s*(?:{_STAMP_WORDS})\s*:?\s*(?:le\s+)?(?P<date>(?i:{DATE.pattern}))"
    rf"(?:\s*(?:à|,|-)?\s*(?i:{TIME.pattern}))?(?=\s*$|\s*[.|•·–—-]|\s+[A-ZÀ-ÖØ-Þ])"
)


def is_dateline(line: str) -> bool:
    """A line made of a date (or a weekday and a time), publication words and separators, nothing else; or a
    short line that states a publication or update date ("Ouest-Info Modifié le 08/03/2024 à 18h05"), if it ends
    with a full stop only in the stamp's own form ("Publié le 12 février 2025 Lecture : 3 minutes.")."""
    if len(line) > MAX_DATELINE_CHARS or not _DIGIT.search(line) or not (DATE.search(line) or TIME.search(line)):
        return False
    place = _DATELINE_PLACE.match(line)
    rest = TIME.sub(" ", DATE.sub(" ", line[place.end() :] if place else line))
    if not _DATELINE_FILLER.sub("", rest):
        return True
    if len(line.split()) > MAX_DATELINE_WORDS:
        return False
    if not line.rstrip().endswith("."):
        return bool(_PUBLISHED_LINE.search(line) or _UPDATED_LINE.search(line))
    return bool(_STAMP_IN_LINE.search(line))


def is_byline(line: str) -> bool:
    """An author line: "Par Jean Dupont", a glued "David DupontPar David Dupont11 février 2025", a short line
    holding both a date and "par <Name>", a name then a separator and a date ("Jean Dupont · 12 février 2025"),
    or a short line stamping a dated day with its hour, as bylines and
    wire headers do without "par" ("Hélène Rigaud | 02 septembre 2025 à 08:15 | Lecture : 6 min",
    "24 avril 2025 07:00 heure d'Europe centrale | Source : Norvane SA")."""
    if len(line) > MAX_DATELINE_CHARS or len(line.split()) > MAX_BYLINE_WORDS or line.rstrip().endswith("."):
        return False
    if _BYLINE_START.match(line) or _GLUED_BYLINE.search(line) or _NAME_THEN_DATE.match(line):
        return True
    return bool(_DIGIT.search(line) and ((_BYLINE.search(line) and DATE.search(line)) or is_timestamp(line)))


def is_timestamp(line: str) -> bool:
    """A line holding a date with its year stamped with the hour ("Thomas Guérineau - 10 septembre 2025 à 09:30")."""
    return any(_YEAR_IN.search(match.group("date")) for match in _STAMPED_DATE.finditer(line))


def scraper_header(text: str) -> re.Match[str] | None:
    """The scraper's "date 2025-02" header at the very start of the text, if there is one."""
    return _SCRAPER_HEADER.match(text)


def agency_dateline(line: str) -> re.Match[str] | None:
    """An agency or wire dateline at the start of a line ("LONDRES (Reuters) - ", "Paris, 12 fév. 2025 (AFP) - "),
    up to the first word of the paragraph it is glued to; None if the line does not open with one."""
    if "(" not in line[:80] and not _DIGIT.search(line[:40]):
        return None
    return _AGENCY_DATELINE.match(line)


# A press release's dateline glued to its first paragraph: a place, a dated day, maybe the wire between slashes, a
# dash ("Toulouse, le 5 mars 2025 – ", "PARIS, 5 mars 2025 /PRNewswire/ -- "). Furniture for the stripper; it does not
# give the publication date (a release may be dated before the page that prints it).
_RELEASE_DATELINE = re.compile(
    rf"[ \t]*{_AGENCY['place']}\s*,\s*(?:le\s+)?"
    rf"(?i:{DATE.pattern})\s*(?:/[A-Za-z][\w .-]{{1,30}}/\s*)?(?:--|[-–—])\s*(?=\S)"
)


def release_dateline(line: str) -> re.Match[str] | None:
    """A press release's dateline at the start of a line, up to the first word of its paragraph; None otherwise."""
    return _RELEASE_DATELINE.match(line)


def header_lines(text: str) -> list[tuple[str, bool]]:
    """The lines of the page before its second paragraph of prose, each with whether a paragraph of prose
    (a long standfirst, or the article itself) comes before it."""
    lines, prose = [], 0
    for line in text.splitlines():
        if len(line) >= MIN_PROSE_LINE_CHARS and _SENTENCE_END.search(line + " "):
            prose += 1
            if prose == 2:
                break
        lines.append((line.strip(), prose > 0))
    return lines


def iso_date(date_text: str) -> str | None:
    """A date string as ISO 8601 at the precision it states ("11 février 2025" → "2025-02-11",
    "février 2025" → "2025-02"); None when it states no year or does not read as a date."""
    if not _YEAR_IN.search(date_text):
        return None
    reading = read_date(date_text, languages=("fr", "en"), day_first=True, require_year=True)
    if reading is None:
        return None
    if reading.period == "year":
        return f"{reading.date.year:04d}"
    if reading.period == "month":
        return f"{reading.date.year:04d}-{reading.date.month:02d}"
    return reading.date.strftime("%Y-%m-%d")


def _dated(matches) -> str | None:
    for match in matches:
        found = iso_date(match.group("date") if "date" in match.groupdict() else match.group(0))
        if found:
            return found
    return None


# Where the page's stamp starts: a capitalised publication or update word after a word of the same line, not at
# a sentence start ("… Thomas Giraud Publié le ", "06h40 Modifié le ").
_STAMP_BEFORE = re.compile(rf"(?<=[\w)])[^\S\n]+(?:{_STAMP_WORDS})[^\S\n]*:?[^\S\n]*(?:le[^\S\n]+|on[^\S\n]+)?\Z")


def stamped(text: str, start: int) -> bool:
    """Whether the date at `start` is the page's publication or update stamp run into the text (a page flattened
    to one line): boilerplate, not a date of the article (GUIDELINES D52)."""
    return _STAMP_BEFORE.search(text, max(0, start - 40), start) is not None


def flattened_header(text: str) -> tuple[str, bool]:
    """The start of the page's first paragraph of prose, up to its first sentence end, and whether that paragraph
    opens the page: there the header of a page flattened to one line (menus, title, byline, stamps) runs into
    the article."""
    opens = True
    for line in text.splitlines():
        if len(line) >= MIN_PROSE_LINE_CHARS and (end := _SENTENCE_END.search(line + " ")):
            return line[: end.start()], opens
        opens = opens and not line.strip()
    return "", False


def _stamp_lines(text: str) -> Iterator[str]:
    """Short publication or update stamp lines anywhere in the page ("Publié le 12/02/2025 à 14h05" under the
    article, after its prose); read only when nothing in the page's header gave the date."""
    for line in text.splitlines():
        if len(line) <= MAX_DATELINE_CHARS and _DIGIT.search(line) and is_dateline(line):
            if _PUBLISHED_LINE.search(line) or _UPDATED_LINE.search(line):
                yield line


def line_after_standfirst(text: str) -> str:
    """The first line after the page's first paragraph of prose, when it directly follows it (blank lines apart):
    where a page sets its date under a long standfirst ("Titre", "Chapô…", "12 février 2025", "Article…")."""
    lines = iter(text.splitlines())
    for line in lines:
        if len(line) >= MIN_PROSE_LINE_CHARS and _SENTENCE_END.search(line + " "):
            return next((following.strip() for following in lines if following.strip()), "")
    return ""


def find_published(text: str) -> str | None:
    """The publication date the document itself states, ISO 8601 at the precision found; None if none."""
    scraped = scraper_header(text)
    if scraped:
        found = iso_date(scraped.group("date"))
        if found:
            return found
    # Only datelines and bylines state it: a sentence that mentions a publication is the article's own. A bare
    # date after a paragraph of prose may head a list of other articles; a byline or "Publié le" may not.
    header = [(line, after_prose) for line, after_prose in header_lines(text) if is_byline(line) or is_dateline(line)]
    stated = [line for line, _ in header]
    agencies = [m for line, _ in header_lines(text) if (m := agency_dateline(line))]
    bylines = [line for line in stated if is_byline(line)]
    datelines = [
        line
        for line, after_prose in header
        if not after_prose and not is_byline(line) and not _UPDATED_LINE.search(line)
    ]
    header_text, opens_page = flattened_header(text)
    # a stamp in a header line too long for a dateline ("Par …, avec … Publié le 12/02/2025 à 14h05 Mis à jour …"),
    # or in a page flattened to one line: a publication or update word with its capital, in the stamp's own form
    long_lines = [line for line, after_prose in header_lines(text) if not after_prose and line not in stated]
    flattened = [m for line in [*long_lines, header_text] for m in _CAPITALISED_STAMP.finditer(line)]
    flattened += [m for line in long_lines if (m := _STAMP_IN_LINE.match(line))]
    # a page whose first line is prose is flattened: a date stamped with its hour before the first sentence end
    # is its byline's ("… Par Ana Ruiz 4 juin 2024 à 07h10 Le conseil …")
    stamped_dates = list(_STAMPED_DATE.finditer(header_text)) if opens_page else []
    # a bare date under the standfirst (not under a teaser's title, as in a list of other articles)
    under = line_after_standfirst(text)
    under_standfirst = [under] if under and is_dateline(under) and not _UPDATED_LINE.search(under) else []
    by_preference = (
        (_PUBLISHED_LINE.finditer(line) for line in stated),
        ([m] for m in flattened if _PUBLISHED_LINE.match(m.group(0).strip())),
        (DATE.finditer(line) for line in bylines),
        ([m] for m in stamped_dates),
        (DATE.finditer(line) for line in datelines),
        (DATE.finditer(m.group(0)) for m in agencies),
        (DATE.finditer(line) for line in under_standfirst),
        (_UPDATED_LINE.finditer(line) for line in stated),
        ([m] for m in flattened),
        (_PUBLISHED_LINE.finditer(line) for line in _stamp_lines(text)),
        (_UPDATED_LINE.finditer(line) for line in _stamp_lines(text)),
    )
    for candidates in by_preference:
        for matches in candidates:
            found = _dated(matches)
            if found:
                return found
    return None
