"""Boilerplate stripping: the character ranges of a scraped page that are the article itself.

jusText's method, on plain text instead of HTML:

1. The page is cut into segments: its lines, and the pieces of a line where furniture is glued to
   text (a scraper's "date 2025-02" header before the title, a reader poll or a "Lire aussi" link
   after the last sentence).
2. Each segment gets a class of its own from its length, its density of French stop words and its
   shape: "good" (prose: long, or ending as a sentence, and dense in stop words), "near-good", "short"
   (too short to judge alone: subheadings, menu items, bullets) or "bad" (furniture: markers of
   patterns/boilerplate_markers.json, breadcrumbs, dates or counts alone on a line, lines repeated
   within the page, tables of contents). A page where nothing looks like furniture is all article.
3. Everything from an end-of-article marker ("Vous aimerez aussi", "Article précédent", a reader
   poll) on is boilerplate.
4. jusText's context pass: short and near-good segments take their class from the nearest good or
   bad segments around them (a short line between two paragraphs is a subheading, a short line between
   two menus is a menu item), and a heading-shaped line just before prose is content. Inline furniture
   (share buttons, bylines, datelines, "Lire aussi" links) is boilerplate but transparent to this pass.

The thresholds, the stoplist and the markers are the fields of `BoilerplateSettings` (the stoplist and the markers
files checked on load, pipeline/rulefiles.py). Runs in linear time; regexes are compiled once per markers file.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from pipeline.folding import APOSTROPHE, APOSTROPHES, straight
from pipeline.html import CAPTION, COMMENTS, HEADING, NAVIGATION, TITLE, Line
from pipeline.model import strip_range
from pipeline.published import agency_dateline, is_byline, is_dateline, release_dateline, scraper_header
from pipeline.resources import load_pattern, pattern_text
from pipeline.rulefiles import RuleFileError, check_markers, check_stoplist

GOOD, NEAR_GOOD, SHORT, BAD = "good", "near-good", "short", "bad"


@dataclass(frozen=True)
class BoilerplateSettings:
    """The classifier's thresholds, stoplist and markers; where jusText has the same threshold, its default is given
    in brackets."""

    length_low: int = 70  # chars: a shorter segment is "short", judged by its neighbours [70]
    length_high: int = 200  # chars: a longer segment dense in stop words is prose on its own [200]
    # Stop words are counted per word with elisions split (l'Union = l + union), so prose scores higher than in
    # jusText (0.40-0.55 for French news paragraphs); menus, breadcrumbs and keyword lists score under 0.25.
    stopwords_low: float = 0.25  # stop-word density under which a long segment is not prose [0.30]
    stopwords_high: float = 0.32  # stop-word density from which a segment reads as French prose [0.32]
    max_heading_distance: int = 200  # chars from a heading-shaped line to the next good segment [200]
    max_heading_lines: int = 2  # lines between a heading-shaped line and the next good segment, at most
    min_heading_words: int = 3  # shorter lines ("Faits divers") are category labels more often than titles
    max_heading_words: int = 25  # a longer line is not a title or a subheading
    min_sentence_words: int = 5  # a short line of this many words ending like a sentence is prose ("near-good")
    uppercase_share: float = 0.6  # a line whose letters are mostly capitals is a banner, never prose on its own
    max_menu_words: int = 6  # a line this short, all capitalised and with no stop word, is a menu item
    max_list_item_words: int = 12  # a bullet this short without a full stop is a menu or list item
    max_marker_chars: int = 200  # only segments this short are compared with the furniture markers
    max_repeated_chars: int = 160  # a line this short that recurs in the page is furniture
    max_share_words: int = 20  # a line of share-button words this long is a share bar
    max_caption_chars: int = 400  # a longer line ending with a credit is a paragraph, not a photo caption
    max_box_lines: int = 4  # an end marker followed by prose within this many lines is an inline box, not the end
    min_body_paragraphs: int = 2  # a comment count ends the article once this many paragraphs of prose came before it
    max_link_density: float = 0.5  # a line of an HTML page with more of its characters in links is furniture [0.2]
    # ... unless part of it is not a link and its text is not furniture: an entry of a list of sources or press
    # cuttings in the article ("2 mars 2024 : Reportage France 3", the title a link), judged by its neighbours
    min_link_only: float = 0.9
    max_lone_links: int = 2  # this many lines of links in a row, whose words are not furniture, are inline furniture
    min_block_gap: int = 6  # content this many furniture lines away from the main block of the article is dropped
    max_notes: int = 2  # footnotes between an author's signature and the title of another article printed below
    max_name_words: int = 4  # a line of this many capitalised words next to a publication stamp is the author's name
    min_dump_chars: int = 1500  # a longer line is a page dumped without line breaks: it is cut into its sentences
    max_title_chars: int = 300  # a doubled title ("Titre Titre") is looked for in pieces of a dump this short
    # A page whose long lines have fewer stop words than this share is not in the stoplist's language (an English page
    # declared French); with this many words in them or more, its own most frequent lower-case words are its stoplist.
    min_page_stopwords: float = 0.15
    min_foreign_words: int = 100
    page_stoplist_size: int = 60
    # jusText's stoplist and the furniture markers: load_stoplist(path), load_markers(path); the shipped ones by
    # default (patterns/boilerplate_stopwords.txt, patterns/boilerplate_markers.json).
    stopwords: frozenset[str] = field(default_factory=lambda: load_stoplist(), repr=False)
    markers: Markers = field(default_factory=lambda: load_markers(), repr=False)


@dataclass(slots=True)
class Segment:
    """A piece of the page classified as a whole: [start, end) in the text, white space at its edges left out."""

    start: int
    end: int
    text: str
    cf_class: str = BAD  # the context-free class
    final_class: str = BAD  # the class after the context pass
    transparent: bool = False  # inline furniture: boilerplate, skipped when looking for neighbours
    heading: bool = False  # shaped like a title or a subheading
    listed: bool = False  # a bullet or an item of a table of contents
    list_head: bool = False  # "Sommaire", "Toggle": a table of contents follows
    menu_item: bool = False  # a few capitalised words and no stop word ("France Politique")
    end_of_article: bool = False  # an end-of-article marker: nothing from here on is content, if it ends the article
    end_kind: str = ""  # "weak" (ends only where no prose follows), "strong" (always), "count" (once the body began)
    glued: bool = False  # cut off a line by a glued phrase: never an end marker
    group: int = -1  # pieces of one sentence cut by an inline box share a group and a class
    dateline: bool = False  # an agency dateline split off the first paragraph
    repeated: bool = False  # a short line that recurs in the page: transparent to the context pass, judged after it
    stamp: bool = False  # a byline or a publication stamp ("Par Léa Fontaine", "Publié le 12/03/2025 à 08h10")
    after_stamp: bool = False  # a byline or a publication stamp stands between this segment and the one before
    dump: bool = False  # a piece of a line of a page dumped without line breaks (cut at its sentences)
    linked: bool = False  # furniture only because the HTML has it in links: no gap between blocks of the article


# ---------------------------------------------------------------- data of patterns/, compiled once


def _fullmatch_any(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@dataclass(frozen=True)
class Markers:
    """The furniture markers of patterns/boilerplate_markers.json (or a file given instead), compiled."""

    end_of_article: re.Pattern[str]
    article_over: re.Pattern[str]
    comment_count: re.Pattern[str]
    caption: re.Pattern[str]  # a credit at the end of a line; case matters (a credit is a name)
    inline_box: re.Pattern[str]
    bare_link_head: re.Pattern[str]
    page_furniture: re.Pattern[str]
    inline_furniture: re.Pattern[str]
    promotion: re.Pattern[str]
    list_heads: re.Pattern[str]
    article_lines: re.Pattern[str]
    share_words: frozenset[str]
    glued: re.Pattern[str]  # furniture glued to text on the same line, with or without a space before it
    count: re.Pattern[str]  # a count alone on a line ("12 commentaires", "1,2 k vues")

    @classmethod
    def of(cls, data: dict) -> Markers:
        return cls(
            end_of_article=_fullmatch_any(data["end_of_article"]["patterns"]),
            article_over=_fullmatch_any(data["article_over"]["patterns"]),
            comment_count=_fullmatch_any(data["comment_counts"]["patterns"]),
            caption=re.compile("(?:" + "|".join(f"(?:{p})" for p in data["caption_credits"]["patterns"]) + r")\s*$"),
            inline_box=re.compile(data["inline_box"]["pattern"], re.IGNORECASE),
            bare_link_head=_fullmatch_any(data["inline_box"]["bare_heads"]),
            page_furniture=_fullmatch_any(data["page_furniture"]["patterns"] + data["comment_form"]["patterns"]),
            inline_furniture=_fullmatch_any(data["inline_furniture"]["patterns"]),
            promotion=_fullmatch_any(data["promotion"]["patterns"]),
            list_heads=_fullmatch_any(data["list_heads"]["patterns"]),
            article_lines=_fullmatch_any(data["article_lines"]["patterns"]),
            share_words=frozenset(data["share_words"]["words"]),
            # never at the start of the line
            glued=re.compile(
                r"(?<=\S)\s*(?=(?:" + "|".join(re.escape(p) for p in data["glued"]["phrases"]) + r")(?![^\W\d_]))"
            ),
            count=re.compile(
                r"\d{1,3}(?:[  .]?\d{3})*(?:,\d+)?\s*k?\s*(?:" + "|".join(data["count_words"]["words"]) + ")?",
                re.IGNORECASE,
            ),
        )


@lru_cache(maxsize=8)
def load_markers(path: str | Path | None = None) -> Markers:
    """The markers of a JSON file laid out as patterns/boilerplate_markers.json (the shipped one when `path` is
    None), checked on load: a RuleFileError names the file and the section at fault."""
    if path is None:
        return Markers.of(check_markers("patterns/boilerplate_markers.json", load_pattern("boilerplate_markers.json")))
    where = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RuleFileError(f"markers file {where}: cannot be read as JSON: {exc}") from exc
    return Markers.of(check_markers(f"markers file {where}", data))


@lru_cache(maxsize=8)
def load_stoplist(path: str | Path | None = None) -> frozenset[str]:
    """The stop words of a file laid out as patterns/boilerplate_stopwords.txt (the shipped one when `path` is None):
    one lower-case word a line, # for comments; checked on load (a RuleFileError names the file and the line)."""
    if path is None:
        return check_stoplist("patterns/boilerplate_stopwords.txt", pattern_text("boilerplate_stopwords.txt"))
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(f"stoplist file {path}: cannot be read: {exc}") from exc
    return check_stoplist(f"stoplist file {path}", text)


DEFAULT_SETTINGS = BoilerplateSettings()

_LINE = re.compile(r"[^\n\r]+")
_PUNCTUATION = re.compile(r"[,;:.!?«»\"“”()]")
_WORD = re.compile(r"[^\W_]+")
_BULLET = re.compile(r"\s*(?:[•◦‣▪▫●○■□·∙*+➤►▸✓✔☐→]|[-–—](?=\s))\s*")
# How a segment ends; matched against its last characters only (TAIL), so that long segments cost nothing.
_SENTENCE_END = re.compile(r"[.!?…][\s\"”»)]*$")
_STATEMENT_END = re.compile(r"[.!…][\s\"”»)]*$")
_FULL_STOP_END = re.compile(r"[.;,][\s\"”»)]*$")
TAIL = 8
_NORMALISE_EDGES = re.compile(r"^[\s•◦‣▪●·*+>›»|–—-]+|[\s:.…›»>|·•–—-]+$")
# The cells of a line of furniture items: "Reuters | Il y a 3 heures | Lecture 3 min", "Menu  Régions  Monde".
_CELL_SEPARATORS = re.compile(r"\s+[|·•]\s+|\s*\|\s*|\s{2,}|\t")
_LABEL = re.compile(r"[A-ZÀ-Ý][^\s\d]*(?: [A-ZÀ-Ý&][^\s\d]*){0,2}")
_SPACES = re.compile(r"\s+")
_RATING = re.compile(r"[★☆✩✪✫✬✭✮✯⭐\s\d/.,()]*[★☆✩✪✫✬✭✮✯⭐][★☆✩✪✫✬✭✮✯⭐\s\d/.,()]*")
# Where a line of a page dumped without line breaks is cut: after a sentence (also glued: "fin.Début"), between blocks
# glued without a space ("rendementEn revanche"), around a publication stamp, before a byline ("Par Léa Fontaine").
_DUMP_CUT = re.compile(
    r"(?<=[a-zà-ÿ0-9)»\"”']{2}[.!?…])[\"”»)]*\s+(?=[«\"“]?\s?[A-ZÀ-Ý0-9])"
    r"|(?<=[a-zà-ÿ]{2}[.!?])(?=[A-ZÀ-Ý])"
    rf"|(?<=[a-zà-ÿ]{{3}})(?=[A-ZÀ-Ý](?:[a-zà-ÿ]|{APOSTROPHE}\w))"
    r"|(?<=[)])\s+(?=[A-ZÀ-Ý][a-zà-ÿ])"
)
_DATE_WORDS = r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|(?:[a-zé]+\.? )?\d{1,2}(?:er)? [a-zéû]+\.? \d{4})"
_DUMP_STAMP = re.compile(
    r"\b(?:[Pp]ublié|[Pp]ubliée|[Mm]odifié|[Mm]odifiée|[Mm]is à jour|[Mm]ise à jour|[Aa]ctualisé|[Aa]ctualisée)"
    r"(?: le)? " + _DATE_WORDS + r"(?: (?:à|-) \d{1,2} ?[h:] ?\d{0,2}(?: ?min)?)?"
)
_DUMP_BYLINE = re.compile(r"\b(?:Par|Propos recueillis par) (?=[A-ZÀ-Ý][a-zà-ÿ'-]+[ -][A-ZÀ-Ý])")
_CELLS = re.compile(r"\||\t| {3,}")
_ELISION = re.compile(rf"(?<![^\W\d_])(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu){APOSTROPHE}(?=[^\W\d_])", re.IGNORECASE)
_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Ý])|(?<=[A-Z])(?=[A-Z][a-z])")
_BREADCRUMB_SEPARATORS = re.compile(r"»|›|(?<=\s)>(?=\s)|(?<=\s)/(?=\s)|(?<=\s)\\(?=\s)")


def _normalise(text: str) -> str:
    """A segment as the markers see it: every apostrophe straight, single spaces, no bullets or trailing colons, no
    soft hyphens (invisible: `Illus\u00adtra\u00adtion :` is a caption's opening)."""
    return _SPACES.sub(" ", _NORMALISE_EDGES.sub("", straight(text).replace("\u00a0", " ").replace("\u00ad", "")))


_ORDINAL = re.compile(r"\s*(?:\d{1,2}|[IVX]{1,4}|[a-z])[.)/-]\s+")


def _repetition_key(text: str) -> str:
    """The words of a line, without the number of an item of a table of contents ("2. Le calendrier" repeats the
    subheading "Le calendrier")."""
    ordinal = _ORDINAL.match(text)
    return " ".join(_WORD.findall(text[ordinal.end() if ordinal else 0 :].casefold()))


# ---------------------------------------------------------------- segmentation


def _segments(text: str, settings: BoilerplateSettings = None) -> list[Segment]:
    """The page's lines, with a scraper header, agency datelines, inline boxes and glued furniture cut off, white
    space at the edges left out. The pieces of a sentence cut by an inline box share a group."""
    settings = settings or DEFAULT_SETTINGS
    segments: list[Segment] = []
    position, groups, state = 0, 0, _State()
    boxes = [box.span() for box in settings.markers.inline_box.finditer(text)]
    for index, (box_start, box_end) in enumerate(boxes):
        if box_start < position:
            continue
        _line_segments(segments, text, position, box_start, settings, state)
        before = segments[-1] if segments else None
        _append(segments, text, box_start, box_end, transparent=True)
        next_box = boxes[index + 1][0] if index + 1 < len(boxes) else len(text)
        position = min(_line_end(text, box_end), next_box)
        _line_segments(segments, text, box_end, position, settings, state)
        after = segments[-1] if segments and segments[-1].start >= box_end else None
        if before and after and "\n" not in text[before.end : box_start] + text[box_end : after.start]:
            group = before.group if before.group >= 0 else groups
            before.group = after.group = group
            groups += 1
    _line_segments(segments, text, position, len(text), settings, state)
    return segments


@dataclass(slots=True)
class _State:
    dateline_seen: bool = False


def _line_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end < 0 else end


def _line_segments(
    segments: list[Segment], text: str, start_at: int, stop_at: int, settings: BoilerplateSettings, state: _State
) -> None:
    """The pieces of the lines between two offsets. Only the page's first agency dateline is split off, and only
    from a paragraph (a list of other articles may date each of its links the same way)."""
    for line in _LINE.finditer(text, start_at, stop_at):
        start, end = line.span()
        if not segments:
            header = scraper_header(line.group())
            if header:
                _append(segments, text, start, start + header.end(), transparent=True)
                start += header.end()
        dateline = None
        if start == line.start() and not state.dateline_seen:
            dateline = agency_dateline(text[start:end]) or release_dateline(text[start:end])
        if dateline and end - start - dateline.end() >= settings.length_low:
            _append(segments, text, start, start + dateline.end(), transparent=True)
            segments[-1].dateline = state.dateline_seen = True
            start += dateline.end()
        glued = [m.end() for m in settings.markers.glued.finditer(text, start, end)]
        cuts = [start] + glued + [end]
        if end - start >= settings.min_dump_chars:
            cuts = sorted(set(cuts).union(_dump_cuts(text, start, end, settings)))
        glued_at, dump = set(glued), end - start >= settings.min_dump_chars
        for piece_start, piece_end in zip(cuts, cuts[1:], strict=False):
            _append(segments, text, piece_start, piece_end, glued=piece_start in glued_at)
            if dump and segments and segments[-1].start >= piece_start:
                segments[-1].dump = True


def _dump_cuts(text: str, start: int, end: int, settings: BoilerplateSettings) -> list[int]:
    """Where a page dumped on one line is cut into pieces that the classifier can judge one by one: its sentences,
    blocks glued without a space, publication stamps and bylines, and a title printed twice in a row (the first
    copy ends the breadcrumb, the second is the headline)."""
    cuts = [m.end() for m in _DUMP_CUT.finditer(text, start, end)]
    for stamp in _DUMP_STAMP.finditer(text, start, end):
        cuts += [stamp.start(), stamp.end()]
    cuts += [m.start() for m in _DUMP_BYLINE.finditer(text, start, end)]
    cuts = sorted({c for c in cuts if start < c < end})
    doubled = []
    for piece_start, piece_end in zip([start] + cuts, cuts + [end], strict=False):
        piece_start, piece_end = strip_range(text, piece_start, piece_end)
        if piece_end - piece_start <= 2 * settings.max_title_chars:
            second = _doubled_title(text[piece_start:piece_end], settings)
            if second is not None:
                doubled.append(piece_start + second)
    return cuts + doubled


def _doubled_title(piece: str, settings: BoilerplateSettings) -> int | None:
    """Where the second copy starts when a piece ends with the same words twice ("... › Titre Titre"), else None.
    Bounded by the piece's length (at most 2 × max_title_chars), so constant per piece."""
    n = len(piece)
    for k in range((n - 1) // 2, n - 20):
        # the two copies are n - k - 1 characters long: cheap checks of their edges before comparing them
        if not piece[k].isspace() or piece[k - 1] != piece[-1] or piece[2 * k + 1 - n] != piece[k + 1]:
            continue
        second = piece[k + 1 :]
        if len(second) >= 20 and len(second.split()) >= 3 and piece[:k].endswith(second):
            return k + 1
    return None


def _append(segments: list[Segment], text: str, start: int, end: int, transparent: bool = False, glued: bool = False):
    start, end = strip_range(text, start, end)
    if start < end:
        segments.append(Segment(start, end, text[start:end], transparent=transparent, glued=glued))


# ---------------------------------------------------------------- context-free classification


@dataclass(slots=True)
class _Shape:
    words: int
    stopwords: int
    bullet: bool
    menu: bool


def _shape(segment: Segment, settings: BoilerplateSettings) -> _Shape:
    tokens = _WORD.findall(segment.text.casefold())
    stopwords = settings.stopwords
    stop_count = sum(1 for token in tokens if token in stopwords)
    bullet = _starts_with_bullet(segment.text)
    words = segment.text.split()
    capitals = sum(1 for word in words if not word[0].isalpha() or word[0].isupper())
    # A menu: a few capitalised words and no stop word ("France Politique"); a longer run of them, nearly all
    # capitalised, with no punctuation, is a menu printed on one line ("Accueil Agro-industrie Energie Mines BTP").
    short, long_run = len(tokens) <= settings.max_menu_words, len(words) > settings.max_menu_words
    # Title Case (a stop word capitalised inside the line, no punctuation: "CANNES 2025 Un Certain Regard") names a
    # section, a product or a work; French titles and sentences are in sentence case.
    title_case = not _PUNCTUATION.search(segment.text) and any(
        word[0].isupper() and word.casefold() in stopwords for word in words[1:]
    )
    menu = (stop_count == 0 or title_case) and (
        (short and capitals == len(words))
        or (long_run and capitals >= len(words) - 1 and not _PUNCTUATION.search(segment.text))
    )
    return _Shape(len(tokens), stop_count, bullet, menu)


def _starts_with_bullet(text: str) -> bool:
    match = _BULLET.match(text)
    return bool(match) and match.end() < len(text)


def _is_share_bar(normalised: str, settings: BoilerplateSettings) -> bool:
    """A line of share buttons, also with their labels glued ("PartagerFacebookXLinkedIn")."""
    words = _CAMEL.sub(" ", normalised).casefold().replace("(", " (").split()
    words = [w.strip("(),:") for w in words]
    words = [w for w in words if w]
    return 0 < len(words) <= settings.max_share_words and all(w in settings.markers.share_words for w in words)


def _is_breadcrumb(text: str) -> bool:
    """ "Accueil » Politique » France » Titre": two separators or more that are not closing quotes."""
    separators = len(_BREADCRUMB_SEPARATORS.findall(text)) - text.count("«")
    return separators >= 2


def _is_sentence(text: str, shape: _Shape, settings: BoilerplateSettings) -> bool:
    """Prose: an initial capital, a few words with stop words among them, a final full stop (not a question)."""
    first = text.lstrip('«"“ ')[:1]
    return (
        shape.words >= settings.min_sentence_words
        and shape.stopwords > 0
        and first.isupper()
        and bool(_STATEMENT_END.search(text[-TAIL:]))
        and not shape.bullet
    )


def _is_uppercase(text: str, settings: BoilerplateSettings) -> bool:
    """Mostly capitals, judged on the opening of the segment."""
    letters = [c for c in text[: settings.max_marker_chars] if c.isalpha()]
    return len(letters) >= 20 and sum(c.isupper() for c in letters) >= settings.uppercase_share * len(letters)


def _is_heading_shaped(segment: Segment, shape: _Shape, settings: BoilerplateSettings) -> bool:
    """A title or a subheading: a few words, an initial capital or figure, no full stop, not a menu item."""
    first = segment.text[0]
    return (
        # an elided article or pronoun is not a word of its own: "Pouvoir d'achat" is a two-word label
        settings.min_heading_words <= shape.words - len(_ELISION.findall(segment.text[: settings.max_marker_chars]))
        and shape.words <= settings.max_heading_words
        and (first.isupper() or first.isdigit() or first in "«\"“'")
        and not _FULL_STOP_END.search(segment.text[-TAIL:])
        and not shape.menu
        and not shape.bullet
        # cells ("Toulouse | Industrie", "Titre | Site", "Cours   Graphique   Forum"): a label, toolbar, page title
        and not _CELLS.search(segment.text)
    )


def _classify(segment: Segment, shape: _Shape, settings: BoilerplateSettings) -> None:
    """The context-free class of a segment, and its flags."""
    text = segment.text
    length = len(text)
    normalised = _normalise(text) if length <= settings.max_marker_chars else ""
    segment.heading = _is_heading_shaped(segment, shape, settings)
    segment.menu_item = shape.menu
    # A long segment can still open with furniture: a reader poll cut off the last paragraph, a cookie banner.
    opening = normalised or _normalise(text[: settings.max_marker_chars])
    segment.stamp = bool(normalised) and (
        is_dateline(text)
        or is_byline(text)
        or bool(any(c.isdigit() for c in normalised) and settings.markers.inline_furniture.fullmatch(normalised))
        or _is_byline_row(text, settings)
    )
    if shape.words == 0:  # no word at all: an emoji, an arrow, a separator
        segment.transparent = True
        segment.cf_class = BAD
        return
    markers = settings.markers
    ends = (("strong", markers.article_over), ("count", markers.comment_count), ("weak", markers.end_of_article))
    for kind, end_marker in ends:
        if end_marker.fullmatch(opening):
            # A piece cut off a line by a glued phrase is furniture, but never ends the article: the glued phrase
            # may be an ordinary question of the text ("Qu'en pensez-vous ?").
            segment.end_of_article = not segment.glued
            segment.end_kind = kind if not segment.glued else ""
            segment.cf_class = BAD
            return
    if normalised and settings.markers.list_heads.fullmatch(normalised):
        segment.list_head = True
        segment.cf_class = BAD
        return
    if (
        segment.transparent
        or (
            normalised
            and (
                settings.markers.inline_furniture.fullmatch(normalised if length <= settings.max_marker_chars else "")
                or _is_share_bar(normalised, settings)
                or _RATING.fullmatch(normalised)
                or settings.markers.count.fullmatch(normalised)
                or _is_caption(text, settings)
                or _is_toolbar(text, settings)
                or _is_stamp(segment)
            )
        )
        or "©" in text
        or (length <= settings.max_caption_chars and settings.markers.promotion.fullmatch(opening))
    ):
        segment.transparent = True
        segment.cf_class = BAD
        return
    if normalised and _is_tag_list(normalised, shape):
        segment.transparent = True  # "Immobilier, Toulouse, Haute-Garonne": the article's tags, under its title
        segment.cf_class = BAD
        return
    if normalised and settings.markers.article_lines.fullmatch(normalised):
        segment.cf_class = NEAR_GOOD
        return
    if markers.page_furniture.fullmatch(opening) or (
        normalised and (_is_breadcrumb(normalised) or _is_menu_row(text, settings))
    ):
        segment.cf_class = BAD
        return
    if shape.bullet and shape.words <= settings.max_list_item_words and not _SENTENCE_END.search(text[-TAIL:]):
        segment.listed = True
    density = shape.stopwords / shape.words if shape.words else 0.0
    sentence = _is_sentence(text, shape, settings)
    if length < settings.length_low and sentence:
        segment.cf_class = NEAR_GOOD  # a short last paragraph is prose, not a line to guess from its neighbours
    elif segment.dump and not _SENTENCE_END.search(text[-TAIL:]):
        # A dump is cut at the ends of its sentences: a piece that does not end as one is a run of titles and
        # labels (a list of other articles, a menu), or a headline, judged by its neighbours.
        segment.cf_class = SHORT
    elif length < settings.length_low or _is_uppercase(text, settings):
        segment.cf_class = SHORT
    elif density >= settings.stopwords_high:
        # Paragraphs of scraped news are often under 200 characters: ending as a sentence makes them prose too.
        segment.cf_class = GOOD if length > settings.length_high or sentence else NEAR_GOOD
    elif density >= settings.stopwords_low:
        segment.cf_class = NEAR_GOOD
    elif segment.heading or _ends_as_sentence(text, shape, settings) or _is_table_row(text):
        # Titles are nominal: few stop words, yet content; so are sentences dense in names (a team's line-up, a
        # substitution in a live report): the context judges them.
        segment.cf_class = SHORT
    else:
        segment.cf_class = BAD


def _is_stamp(segment: Segment) -> bool:
    return segment.stamp


_NAME_WORD = re.compile(rf"[A-ZÀ-Ý][\w{APOSTROPHES}-]*\.?")


def _mark_author_names(segments: list[Segment], settings: BoilerplateSettings) -> None:
    """A name alone on its line next to a publication stamp or a byline ("Camille Dupont" / "Publié le 13/12/2024
    à 06:45", "Belga" / "Publié le ...") is the author's or the agency's name: part of the byline, inline furniture.
    A name is one to `max_name_words` capitalised words, without stop words, figures or punctuation."""
    stopwords = settings.stopwords
    for index, segment in enumerate(segments):
        words = segment.text.split()
        if (
            segment.transparent
            or not 0 < len(words) <= settings.max_name_words
            or not all(_NAME_WORD.fullmatch(word) for word in words)
            or any(word.casefold().strip(".") in stopwords and not word.isupper() for word in words)
        ):
            continue
        neighbours = segments[max(0, index - 1) : index] + segments[index + 1 : index + 2]
        if any(neighbour.stamp for neighbour in neighbours):
            segment.transparent, segment.cf_class, segment.heading = True, BAD, False


# A photo credit alone on its line: "Photo : X / AFP", "© X", "Crédit photo : X", "NAME SURNAME / AGENCY", "AFP".
_CREDIT_LINE = re.compile(
    r"(?:©|\([cC]\)|(?i:photos?|crédits?|illustrations?|images?|visuels?)\b)"
    rf"|[A-ZÀ-Ý][A-ZÀ-Ý .{re.escape(APOSTROPHES)}-]{{2,40}}\s*/\s*[A-ZÀ-Ý]"
)
MAX_CREDIT_CHARS = 80


def _drop_captions_after_credits(segments: list[Segment], settings: BoilerplateSettings) -> None:
    """A short line right after a photo credit alone on its line is the photo's caption (the credit printed first,
    under the picture): inline furniture like the credit. A longer line is the article's paragraph."""
    for index, segment in enumerate(segments[:-1]):
        if not (
            segment.transparent
            and len(segment.text) <= MAX_CREDIT_CHARS
            and _CREDIT_LINE.match(segment.text)
            and not segment.stamp
        ):
            continue
        caption = segments[index + 1]
        if caption.transparent or caption.cf_class == BAD or len(caption.text) > settings.length_high:
            continue  # furniture after a copyright line ("Tous droits réservés") stays a border
        caption.transparent, caption.cf_class, caption.heading = True, BAD, False


def _is_tag_list(normalised: str, shape: _Shape) -> bool:
    """Three labels or more set apart by commas, and no stop word: a list of tags, not a sentence."""
    cells = normalised.split(", ")
    return shape.stopwords == 0 and len(cells) >= 3 and all(_LABEL.fullmatch(cell) for cell in cells)


def _is_furniture_cell(cell: str, settings: BoilerplateSettings) -> bool:
    normalised = _normalise(cell)
    return bool(
        settings.markers.page_furniture.fullmatch(normalised)
        or settings.markers.inline_furniture.fullmatch(normalised)
        or is_dateline(cell)
        or is_byline(cell)
        or _RATING.fullmatch(normalised)
    )


def _is_menu_row(text: str, settings: BoilerplateSettings) -> bool:
    """A row of furniture items: every cell is furniture or a capitalised label of one to three words, and one cell
    at least is furniture ("Reuters | Il y a 3 heures | Lecture 3 min"), or the cells are all labels set apart by
    pipes or bullets ("Économie | Conjoncture"). A row with figures is a table's."""
    cells = [cell for cell in _CELL_SEPARATORS.split(text) if cell.strip(" |·•")]
    if len(cells) < 2:
        return False
    furniture = [_is_furniture_cell(cell, settings) for cell in cells]
    labels = [bool(_LABEL.fullmatch(cell.strip())) for cell in cells]
    if not all(f or label for f, label in zip(furniture, labels, strict=True)):
        return False
    return any(furniture) or bool(re.search(r"\s[|·•]\s", text))


def _is_byline_row(text: str, settings: BoilerplateSettings) -> bool:
    """A row of a name or an agency and publication stamps ("Reuters | Il y a 3 heures | Lecture 3 min"): every cell
    a label or inline furniture, one at least a stamp (a date, a time, a reading time), none the page's own furniture
    ("Accueil"). The article's byline, under its title."""
    cells = [cell.strip() for cell in _CELL_SEPARATORS.split(text) if cell.strip(" |·•")]
    if len(cells) < 2:
        return False
    stamps = 0
    for cell in cells:
        normalised = _normalise(cell)
        if settings.markers.page_furniture.fullmatch(normalised):
            return False
        stamp = is_dateline(cell) or (
            any(c.isdigit() for c in normalised) and bool(settings.markers.inline_furniture.fullmatch(normalised))
        )
        if not (stamp or _LABEL.fullmatch(cell) or is_byline(cell)):
            return False
        stamps += stamp
    return stamps > 0


def _is_toolbar(text: str, settings: BoilerplateSettings) -> bool:
    """A row whose every cell is inline furniture ("Actualiser le live | Activer les notifications | Trier : plus
    récents"): the tools of the article, inline furniture like a share bar, transparent to its neighbours. A row of
    the page's own links ("S'abonner | Connexion") stays a border."""
    cells = [cell for cell in _CELL_SEPARATORS.split(text) if cell.strip(" |·•")]
    return len(cells) >= 2 and all(_is_inline_cell(cell, settings) for cell in cells)


def _is_inline_cell(cell: str, settings: BoilerplateSettings) -> bool:
    normalised = _normalise(cell)
    return bool(
        settings.markers.inline_furniture.fullmatch(normalised)
        or _is_share_bar(normalised, settings)
        or is_dateline(cell)
        or is_byline(cell)
        or _RATING.fullmatch(normalised)
    )


def _is_table_row(text: str) -> bool:
    """A row of a table: cells set apart by tabs or pipes. Its stop-word density says nothing; its neighbours do."""
    return text.count("\t") >= 2 or text.count("|") >= 2


def _ends_as_sentence(text: str, shape: _Shape, settings: BoilerplateSettings) -> bool:
    return shape.words >= settings.min_sentence_words and bool(_SENTENCE_END.search(text[-TAIL:]))


def _is_caption(text: str, settings: BoilerplateSettings) -> bool:
    """A photo caption: a line that ends with a credit ("... mardi. Photo X / AFP", "(Photo : Y)", "(C) Z")."""
    return (
        len(text) <= settings.max_caption_chars
        and not _is_table_row(text)  # "Loyer (€/m²) | Évolution (%)": a table's header, not "| Journal / Name"
        and bool(settings.markers.caption.search(text[-settings.max_marker_chars :]))
    )


def _mark_tables_of_contents(segments: list[Segment], settings: BoilerplateSettings) -> None:
    """The run of short items under "Sommaire" is a list; it ends where the items start over or prose begins."""
    in_list, seen, bulleted = False, set(), False
    for segment in segments:
        if segment.list_head:
            in_list, seen, bulleted = True, set(), False
            continue
        if not in_list:
            continue
        key = _repetition_key(segment.text)
        is_bullet = _starts_with_bullet(segment.text)
        item_like = (
            len(segment.text) <= settings.max_repeated_chars
            and not _STATEMENT_END.search(segment.text[-TAIL:])
            and key not in seen
            and (not seen or is_bullet == bulleted)
        )
        if not item_like:
            in_list = False
            continue
        if not seen:
            bulleted = is_bullet
        seen.add(key)
        segment.listed = True


def _mark_repeated_lines(segments: list[Segment], settings: BoilerplateSettings) -> None:
    """A short line that recurs in the page: when one of its copies is a list item (a table of contents), only the
    list copies are furniture and the others (the subheadings themselves) are judged on their own. Otherwise its
    copies are transparent to the context pass and judged after it (`_judge_repeated`): a title repeated over the
    article, minute stamps of a live report. Runs of recurring lines one after the other are a list (a table of
    contents without a heading, a menu printed twice), up to the first line that recurs within the run."""
    occurrences: dict[str, list[Segment]] = defaultdict(list)
    keys: dict[int, str] = {}
    for segment in segments:
        if len(segment.text) <= settings.max_repeated_chars and segment.cf_class != BAD:
            key = _repetition_key(segment.text)
            if key:
                occurrences[key].append(segment)
                keys[id(segment)] = key
    for copies in occurrences.values():
        if len(copies) < 2:
            continue
        listed = [s for s in copies if s.listed]
        if listed:
            for segment in listed:
                segment.cf_class = BAD
            continue
        for segment in copies:
            segment.repeated = True
    run: list[Segment] = []
    for segment in [s for s in segments if not s.transparent] + [None]:
        if segment is not None and segment.repeated and keys[id(segment)] not in {keys[id(s)] for s in run}:
            run.append(segment)
            continue
        if len(run) >= 2:
            for item in run:
                item.repeated = False
                item.listed = True
                item.cf_class = BAD
        run = [segment] if segment is not None and segment.repeated else []


def _judge_repeated(segments: list[Segment], settings: BoilerplateSettings) -> None:
    """A recurring line is content between two content segments, or as a heading just before content."""
    context = [s for s in segments if not s.transparent]
    previous = BAD
    for i, segment in enumerate(context):
        if not segment.repeated:
            previous = segment.final_class
            continue
        following = next((s for s in context[i + 1 :] if not s.repeated), None)
        after = following.final_class if following else BAD
        if previous == GOOD and after == GOOD:
            segment.final_class = GOOD
        elif segment.heading and after == GOOD and following.cf_class != BAD:
            segment.final_class = GOOD
        else:
            segment.final_class = BAD


def _cut_at_end_of_article(segments: list[Segment], settings: BoilerplateSettings) -> None:
    """Nothing after an end-of-article marker is content, once the article has started. The decision is local: a
    related-links marker ("Lire aussi", "Catégorie : ...") followed within a few lines by prose, with no other
    furniture between, is a box inside the article and is dropped alone; comment threads, author and company
    boxes end the article whatever follows; a comment count does once the body has begun."""
    context = [s for s in segments if not s.transparent]
    paragraphs = 0
    for index, segment in enumerate(context):
        if segment.cf_class == GOOD:
            paragraphs += 1
            continue
        if not segment.end_of_article or not paragraphs:
            continue
        box = _box_lines(context, index, settings)
        ends = (
            segment.end_kind == "strong"
            or (segment.end_kind == "count" and paragraphs >= settings.min_body_paragraphs)
            or (segment.end_kind == "weak" and box is None)
        )
        if ends:
            for rest in segments[segments.index(segment) :]:
                rest.cf_class = BAD
                rest.final_class = BAD
                rest.heading = False
                rest.repeated = False
            return
        segment.transparent = True  # an inline box, or a counter by the byline
        segment.end_of_article = False
        if segment.end_kind == "weak" and settings.markers.bare_link_head.fullmatch(_normalise(segment.text)):
            for line in box or []:
                line.transparent = True
                line.cf_class = BAD


def _drop_link_boxes(segments: list[Segment], settings: BoilerplateSettings) -> None:
    """A bare "Lire aussi :" head between paragraphs (inline furniture itself) and the link titles under it: when
    the article goes on after them (`_box_lines`), the links are dropped with the head."""
    heads = [
        s
        for s in segments
        if s.transparent and len(s.text) <= 40 and settings.markers.bare_link_head.fullmatch(_normalise(s.text))
    ]
    if not heads:
        return
    heads_set = {id(head) for head in heads}
    context = [s for s in segments if not s.transparent or id(s) in heads_set]
    for index, segment in enumerate(context):
        if id(segment) in heads_set:
            lines = _box_lines(context, index, settings)
            if lines is None:
                lines = _last_links(context, index, settings)
            for line in lines or []:
                line.transparent, line.cf_class, line.heading = True, BAD, False


def _last_links(context: list[Segment], index: int, settings: BoilerplateSettings) -> list[Segment] | None:
    """The link titles under a bare "Lire aussi :" head after the article's last paragraph: up to `max_box_lines`
    lines that are not prose, then an end-of-article marker or the end of the page. None when anything else
    follows (prose, or furniture that is not an end: the head is then judged with its neighbours)."""
    lines: list[Segment] = []
    for segment in context[index + 1 :]:
        if segment.end_of_article:
            return lines
        if segment.cf_class == GOOD or segment.cf_class == BAD or len(lines) == settings.max_box_lines:
            return None
        lines.append(segment)
    return lines


def _box_lines(context: list[Segment], index: int, settings: BoilerplateSettings) -> list[Segment] | None:
    """The link lines of the box a marker heads when the article goes on after it: prose within `max_box_lines`
    lines, with no other furniture between, and two paragraphs of it or more (one paragraph alone under tags is an
    author's biography) before any line repeated on the page. None when the marker ends the article. The line just
    before the prose is the next section's subheading when there are two lines or more."""
    lines: list[Segment] = []
    for position in range(index + 1, min(len(context), index + 2 + settings.max_box_lines)):
        segment = context[position]
        if segment.cf_class == GOOD:
            paragraphs = 0
            for after in context[position:]:
                # a line repeated on the page between the paragraphs is a teaser list's label ("Politique" under
                # each teaser), and a byline or a date between them ends a card of a list of other articles: neither
                # is the article going on
                if after.cf_class == BAD or after.end_of_article or after.repeated:
                    break
                if after.after_stamp and after is not segment:  # a dated card of another article, not the text
                    break
                paragraphs += after.cf_class == GOOD
            if paragraphs < settings.min_body_paragraphs:
                return None
            if len(lines) >= 2 and lines[-1].heading:
                lines.pop()
            return lines
        if segment.cf_class == BAD or len(lines) == settings.max_box_lines:
            return None
        lines.append(segment)
    return None


def _keep_closing_lines(segments: list[Segment]) -> None:
    """Short lines between the article's last paragraph and a box that ends it (a company's "À propos", a comment
    thread) close the article (an agenda, a contact line of the text): the end marker is not the furniture that the
    context pass takes it for."""
    context = [s for s in segments if not s.transparent]
    for index, segment in enumerate(context):
        if not (segment.end_of_article and segment.end_kind == "strong"):
            continue
        closing = []
        for before in reversed(context[:index]):
            if before.final_class == GOOD and before.cf_class == GOOD:
                for line in closing:
                    line.final_class = GOOD
                return
            if before.repeated:  # transparent to the context pass: a link to the next post, judged on its own
                continue
            if before.cf_class not in (SHORT, NEAR_GOOD):
                return
            closing.append(before)
        return


def _is_name(segment: Segment, settings: BoilerplateSettings) -> bool:
    """Two to `max_name_words` capitalised words without stop words, figures or punctuation: a person's name."""
    words = segment.text.split()
    return (
        2 <= len(words) <= settings.max_name_words
        and all(_NAME_WORD.fullmatch(word) and not word.endswith(".") for word in words)
        and not any(word.casefold() in settings.stopwords for word in words)
        and not all(word.isupper() for word in words)  # "INFOS PRATIQUES" is a label; "Denis CLERC" a name
    )


def _end_at_signature(segments: list[Segment], settings: BoilerplateSettings) -> None:
    """An author's signature (a name alone on its line right after the article's prose) closes the article: a
    heading followed by prose after it, past a footnote or two, opens another article printed below (the next piece
    of a magazine's issue, the next post of a blog), which is not content."""
    context = [s for s in segments if not s.transparent]
    paragraphs = 0
    for index, segment in enumerate(context):
        if segment.final_class == GOOD and segment.cf_class == GOOD:
            paragraphs += 1
            continue
        if not (
            paragraphs >= settings.min_body_paragraphs
            and segment.final_class == GOOD
            and index > 0
            and context[index - 1].cf_class == GOOD
            and _is_name(segment, settings)
        ):
            continue
        for position in range(index + 1, min(len(context) - 1, index + 2 + settings.max_notes)):
            after = context[position]
            if after.heading and context[position + 1].cf_class == GOOD:
                for rest in segments[segments.index(after) :]:
                    rest.final_class = BAD
                return
            if after.heading or after.final_class != GOOD or after.cf_class == GOOD:
                break
        return


def _keep_main_block(segments: list[Segment], settings: BoilerplateSettings) -> None:
    """The article is one block, as trafilatura keeps one: content segments set apart from the largest block of
    content by a run of `min_block_gap` furniture lines or more (a sponsor's notice in the footer, a teaser in a
    sidebar) are dropped."""
    context = [s for s in segments if not s.transparent]
    blocks: list[list[Segment]] = []
    gap = settings.min_block_gap
    for segment in context:
        if segment.final_class == GOOD:
            if gap >= settings.min_block_gap or not blocks:
                blocks.append([])
            blocks[-1].append(segment)
            gap = 0
        elif not (segment.listed or segment.list_head or segment.repeated or segment.linked):
            gap += 1  # a table of contents is the article's; a link is not the text's furniture
    if len(blocks) < 2:
        return
    main = max(blocks, key=lambda block: sum(len(s.text) for s in block if s.cf_class == GOOD))
    for block in blocks:
        if block is not main:
            for segment in block:
                segment.final_class = BAD


# ---------------------------------------------------------------- context pass (jusText), linear


def _gaps_to_next_good(context: list[Segment], classes: list[str], max_lines: int) -> list[int | None]:
    """For each segment, the characters between it and the next good segment; None when there is none, a bad
    segment stands between them (a heading is the article's only if nothing but text separates it from it), or
    more than `max_lines` lines do (a heading-shaped line at the top of a run of menu items is not a title)."""
    gaps: list[int | None] = [None] * len(context)
    lines = [0] * len(context)
    for i in range(len(context) - 2, -1, -1):
        if classes[i + 1] == GOOD:
            gaps[i] = 0
        elif classes[i + 1] != BAD and gaps[i + 1] is not None and lines[i + 1] < max_lines:
            gaps[i] = len(context[i + 1].text) + gaps[i + 1]
            lines[i] = lines[i + 1] + 1
    return gaps


def _neighbours(classes: list[str], ignore_near_good: bool, backwards: bool) -> list[str]:
    """For each segment, the class of the nearest good or bad one before it (or after it); the page's edges
    count as bad. Near-good segments are skipped when `ignore_near_good`, else they stop the search."""
    stops = {GOOD, BAD} if ignore_near_good else {GOOD, BAD, NEAR_GOOD}
    order = range(len(classes) - 1, -1, -1) if backwards else range(len(classes))
    found, nearest = [BAD] * len(classes), BAD
    for i in order:
        found[i] = nearest
        if classes[i] in stops:
            nearest = classes[i]
    return found


def _revise(context: list[Segment], settings: BoilerplateSettings) -> None:
    classes = [segment.cf_class for segment in context]
    limit = settings.max_heading_distance

    # Headings shortly before prose are near-good.
    gaps = _gaps_to_next_good(context, classes, settings.max_heading_lines)
    for i, segment in enumerate(context):
        if segment.heading and classes[i] == SHORT and gaps[i] is not None and gaps[i] <= limit:
            classes[i] = NEAR_GOOD

    # Short segments: good between good ones, bad between bad ones, and next to a near-good one on the bad side.
    prev_gb = _neighbours(classes, ignore_near_good=True, backwards=False)
    next_gb = _neighbours(classes, ignore_near_good=True, backwards=True)
    prev_any = _neighbours(classes, ignore_near_good=False, backwards=False)
    next_any = _neighbours(classes, ignore_near_good=False, backwards=True)
    revised = {}
    for i, cls in enumerate(classes):
        if cls != SHORT:
            continue
        if prev_gb[i] == next_gb[i]:
            revised[i] = prev_gb[i]
        elif (prev_gb[i] == BAD and prev_any[i] == NEAR_GOOD) or (next_gb[i] == BAD and next_any[i] == NEAR_GOOD):
            revised[i] = GOOD
        else:
            revised[i] = BAD
    for i, cls in revised.items():
        classes[i] = cls

    # Near-good segments: bad only between bad ones (earlier revisions count, as in jusText).
    next_gb = _neighbours(classes, ignore_near_good=True, backwards=True)
    previous = BAD
    for i, cls in enumerate(classes):
        if cls == NEAR_GOOD:
            classes[i] = BAD if previous == BAD and next_gb[i] == BAD else GOOD
        if classes[i] in (GOOD, BAD):
            previous = classes[i]

    # Headings left bad by the context are still content when prose follows them closely.
    gaps = _gaps_to_next_good(context, classes, settings.max_heading_lines)
    for i, segment in enumerate(context):
        if segment.heading and classes[i] == BAD and segment.cf_class != BAD and gaps[i] is not None:
            if gaps[i] <= limit:
                classes[i] = GOOD

    for segment, cls in zip(context, classes, strict=True):
        segment.final_class = cls


def classify_segments(
    text: str, settings: BoilerplateSettings = DEFAULT_SETTINGS, structure: Sequence[Line] | None = None
) -> list[Segment]:
    """Every segment of the page with its context-free and final class (for inspection and tests). `structure`:
    the lines of a page converted from HTML with what they were there (pipeline.html)."""
    segments = _segments(text, settings)
    settings = _page_settings(segments, settings)
    for segment in segments:
        _classify(segment, _shape(segment, settings), settings)
    if structure:
        _apply_structure(segments, structure, settings)
        _pass_lone_links(segments, settings)
    _mark_author_names(segments, settings)
    _drop_captions_after_credits(segments, settings)
    _join_groups(segments, settings)
    _mark_tables_of_contents(segments, settings)
    _mark_repeated_lines(segments, settings)
    stamp = False
    for segment in segments:
        if segment.transparent:
            stamp = stamp or segment.stamp
        else:
            segment.after_stamp, stamp = stamp, False
    _drop_link_boxes(segments, settings)
    _cut_at_end_of_article(segments, settings)
    context = [segment for segment in segments if not segment.transparent and not segment.repeated]
    if not any(s.cf_class == BAD or s.menu_item or s.listed for s in context):
        for segment in segments:  # nothing looks like furniture: the page is all article, its short lines too
            if not segment.transparent:
                segment.final_class = GOOD
        return segments
    _revise(context, settings)
    if context and not any(segment.final_class == GOOD for segment in context):
        _keep_longest_prose(context, settings)
    _judge_repeated(segments, settings)
    _keep_closing_lines(segments)
    _keep_main_block(segments, settings)
    _end_at_signature(segments, settings)
    _keep_elisions(segments)
    return segments


_ELLIPSIS = re.compile(r"…|\.{3}|\[…\]|\[\.\.\.\]|\(…\)|\(\.\.\.\)|\*(?: ?\*){2}")


def _keep_elisions(segments: list[Segment]) -> None:
    """A line that is only an ellipsis or a section break ("…", "[...]", "***") between two lines of the article is
    the article's: rows or words left out, a break between its parts."""
    for index in range(1, len(segments) - 1):
        segment = segments[index]
        if not (segment.transparent and _ELLIPSIS.fullmatch(segment.text)):
            continue
        before, after = segments[index - 1], segments[index + 1]
        if all(s.final_class == GOOD and not s.transparent for s in (before, after)):
            segment.transparent, segment.cf_class, segment.final_class = False, SHORT, GOOD


def _page_settings(segments: list[Segment], settings: BoilerplateSettings) -> BoilerplateSettings:
    """The settings for this page: the stoplist's language is not the page's when its long lines are nearly free of
    its stop words (an English page declared French; French news: 0.28 or more, English under 0.1). The page's own
    most frequent lower-case words then stand in for the stoplist: in running text of any language the most frequent
    words are its function words (Zipf), while menus and titles are capitalised and seldom repeat a word."""
    counts: Counter[str] = Counter()
    tokens = stop = 0
    for segment in segments:
        if len(segment.text) >= settings.length_low:
            words = _WORD.findall(segment.text)
            tokens += len(words)
            stop += sum(1 for word in words if word.casefold() in settings.stopwords)
            counts.update(word for word in words if word.islower())
    if tokens < settings.min_foreign_words or stop >= settings.min_page_stopwords * tokens:
        return settings
    frequent = frozenset(word for word, n in counts.most_common(settings.page_stoplist_size) if n >= 2)
    return replace(settings, stopwords=frequent)


def _join_groups(segments: list[Segment], settings: BoilerplateSettings) -> None:
    """The pieces of a sentence cut by inline boxes are classified as the sentence they make together."""
    groups: dict[int, list[Segment]] = defaultdict(list)
    for segment in segments:
        if segment.group >= 0 and not segment.transparent:
            groups[segment.group].append(segment)
    for pieces in groups.values():
        whole = Segment(pieces[0].start, pieces[-1].end, " ".join(piece.text for piece in pieces))
        _classify(whole, _shape(whole, settings), settings)
        for piece in pieces:
            piece.cf_class = whole.cf_class
            piece.heading = whole.heading
            piece.transparent = whole.transparent


def _keep_longest_prose(context: list[Segment], settings: BoilerplateSettings) -> None:
    """A page with no good segment (a one-line article): its longest segment that is not furniture is the
    article; the context pass then runs again around it."""
    candidates = [s for s in context if s.cf_class != BAD]
    if not candidates:
        return
    longest = max(candidates, key=lambda s: len(s.text))
    longest.cf_class = GOOD
    _revise(context, settings)


def _apply_structure(segments: list[Segment], structure: Sequence[Line], settings: BoilerplateSettings) -> None:
    """What the HTML said about each line: navigation, footers and sidebars are furniture; captions are inline
    furniture; a comment container ends the article; headings are headings whatever their stop words; a line
    mostly made of links is furniture (jusText's link density)."""
    starts = [line.start for line in structure]
    in_comments = False
    for segment in segments:
        index = bisect_right(starts, segment.start) - 1
        if index < 0 or segment.start >= structure[index].end:
            continue
        line = structure[index]
        if COMMENTS in line.kinds:
            if not in_comments:
                segment.end_of_article, segment.end_kind, segment.transparent = True, "strong", False
            in_comments = True
            segment.cf_class = BAD
        elif CAPTION in line.kinds or TITLE in line.kinds:
            segment.transparent, segment.cf_class = True, BAD
        elif NAVIGATION in line.kinds:
            segment.cf_class, segment.heading = BAD, False
        elif line.link_density > settings.max_link_density:
            # Links are furniture, but a link whose text alone is not (a download, a source's address) says less
            # about where the article ends than furniture does: it does not part two blocks of content.
            segment.linked = segment.cf_class != BAD
            linked_only = line.link_density >= settings.min_link_only
            segment.cf_class = BAD if linked_only or segment.cf_class == BAD else SHORT
            segment.heading = False
        elif HEADING in line.kinds and not segment.transparent and not segment.end_of_article:
            segment.heading = True
            if segment.cf_class == BAD:
                segment.cf_class = SHORT


def _pass_lone_links(segments: list[Segment], settings: BoilerplateSettings) -> None:
    """A link or two alone between lines of text, whose words are not furniture ("Télécharger le rapport", a
    source's address), are dropped but transparent to their neighbours, as inline furniture is: the article goes
    on around them. A longer run of links is a list of links, and parts what stands around it."""
    run: list[Segment] = []
    for segment in [s for s in segments if not s.transparent] + [None]:
        if segment is not None and segment.linked and segment.cf_class == BAD:
            run.append(segment)
            continue
        if len(run) <= settings.max_lone_links:
            for link in run:
                link.transparent = True
        run = []


def content_ranges(
    text: str, settings: BoilerplateSettings = DEFAULT_SETTINGS, structure: Sequence[Line] | None = None
) -> list[tuple[int, int]]:
    """Sorted, non-overlapping [start, end) ranges of the article in `text`, white space at their edges left out.

    Consecutive content segments with nothing but white space between them make one range.
    """
    ranges: list[tuple[int, int]] = []
    extend = False
    for segment in classify_segments(text, settings, structure):
        if segment.final_class != GOOD or segment.transparent:
            extend = False
            continue
        if extend:
            ranges[-1] = (ranges[-1][0], segment.end)
        else:
            ranges.append((segment.start, segment.end))
        extend = True
    return ranges


def stopword_density(text: str, stopwords: frozenset[str] | None = None) -> float:
    """The share of stop words (the shipped French stoplist by default) among the words of `text` (jusText's
    main signal)."""
    stopwords = load_stoplist() if stopwords is None else stopwords
    tokens = _WORD.findall(text.casefold())
    return sum(1 for t in tokens if t in stopwords) / len(tokens) if tokens else 0.0


__all__ = [
    "BoilerplateSettings",
    "DEFAULT_SETTINGS",
    "Markers",
    "load_markers",
    "load_stoplist",
    "Segment",
    "classify_segments",
    "content_ranges",
    "stopword_density",
]
