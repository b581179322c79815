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

The thresholds are the fields of `BoilerplateSettings`. Runs in linear time; regexes are compiled once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from pipeline.model import strip_range
from pipeline.published import is_byline, is_dateline, scraper_header
from pipeline.resources import load_pattern, pattern_text

GOOD, NEAR_GOOD, SHORT, BAD = "good", "near-good", "short", "bad"


@dataclass(frozen=True)
class BoilerplateSettings:
    """The classifier's thresholds; where jusText has the same one, its default is given in brackets."""

    length_low: int = 70  # chars: a shorter segment is "short", judged by its neighbours [70]
    length_high: int = 200  # chars: a longer segment dense in stop words is prose on its own [200]
    # Stop words are counted per word with elisions split (l'Union = l + union), so prose scores higher than in
    # jusText (0.40-0.55 for French news paragraphs); menus, breadcrumbs and keyword lists score under 0.25.
    stopwords_low: float = 0.25  # stop-word density under which a long segment is not prose [0.30]
    stopwords_high: float = 0.32  # stop-word density from which a segment reads as French prose [0.32]
    max_heading_distance: int = 200  # chars from a heading-shaped line to the next good segment [200]
    min_heading_words: int = 3  # shorter lines ("Faits divers") are category labels more often than titles
    max_heading_words: int = 25  # a longer line is not a title or a subheading
    min_sentence_words: int = 5  # a short line of this many words ending like a sentence is prose ("near-good")
    max_prose_after_end: float = 1.0  # an end marker followed by more prose than came before it is mid-article
    uppercase_share: float = 0.6  # a line whose letters are mostly capitals is a banner, never prose on its own
    max_menu_words: int = 6  # a line this short, all capitalised and with no stop word, is a menu item
    max_list_item_words: int = 12  # a bullet this short without a full stop is a menu or list item
    max_marker_chars: int = 200  # only segments this short are compared with the furniture markers
    max_repeated_chars: int = 160  # a line this short that recurs in the page is furniture
    max_share_words: int = 14  # a line of share-button words this long is a share bar


DEFAULT_SETTINGS = BoilerplateSettings()


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
    end_of_article: bool = False  # nothing from here on is content


# ---------------------------------------------------------------- data of patterns/, compiled once


def _fullmatch_any(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_MARKERS = load_pattern("boilerplate_markers.json")
_END_OF_ARTICLE = _fullmatch_any(_MARKERS["end_of_article"]["patterns"])
_PAGE_FURNITURE = _fullmatch_any(_MARKERS["page_furniture"]["patterns"] + _MARKERS["comment_form"]["patterns"])
_INLINE_FURNITURE = _fullmatch_any(_MARKERS["inline_furniture"]["patterns"])
_LIST_HEADS = _fullmatch_any(_MARKERS["list_heads"]["patterns"])
_ARTICLE_LINES = _fullmatch_any(_MARKERS["article_lines"]["patterns"])
_SHARE_WORDS = frozenset(_MARKERS["share_words"]["words"])
# Furniture glued to text on the same line, with or without a space before it (never at the start of the line).
_GLUED = re.compile(
    r"(?<=\S)\s*(?=(?:" + "|".join(re.escape(p) for p in _MARKERS["glued"]["phrases"]) + r")(?![^\W\d_]))"
)


@cache
def _stopwords() -> frozenset[str]:
    lines = (line.strip() for line in pattern_text("boilerplate_stopwords.txt").splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


_LINE = re.compile(r"[^\n\r]+")
_WORD = re.compile(r"[^\W_]+")
_BULLET = re.compile(r"\s*(?:[•◦‣▪▫●○■□·∙*+➤►▸✓✔☐→]|[-–—](?=\s))\s*")
# How a segment ends; matched against its last characters only (TAIL), so that long segments cost nothing.
_SENTENCE_END = re.compile(r"[.!?…][\s\"”»)]*$")
_STATEMENT_END = re.compile(r"[.!…][\s\"”»)]*$")
_FULL_STOP_END = re.compile(r"[.;,][\s\"”»)]*$")
TAIL = 8
_NORMALISE_EDGES = re.compile(r"^[\s•◦‣▪●·*+>›»|–—-]+|[\s:.…›»>|–—-]+$")
_SPACES = re.compile(r"\s+")
_RATING = re.compile(r"[★☆✩✪✫✬✭✮✯⭐\s\d/.,()]*[★☆✩✪✫✬✭✮✯⭐][★☆✩✪✫✬✭✮✯⭐\s\d/.,()]*")
_COUNT = re.compile(r"[\d\s.,]+k?\s*(?:" + "|".join(_MARKERS["count_words"]["words"]) + ")?", re.IGNORECASE)
_BREADCRUMB_SEPARATORS = re.compile(r"»|›|(?<=\s)>(?=\s)|(?<=\s)/(?=\s)|(?<=\s)\\(?=\s)")


def _normalise(text: str) -> str:
    """A segment as the markers see it: straight apostrophes, single spaces, no bullets or trailing colons."""
    return _SPACES.sub(" ", _NORMALISE_EDGES.sub("", text.replace("’", "'").replace("\u00a0", " ")))


def _repetition_key(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


# ---------------------------------------------------------------- segmentation


def _segments(text: str) -> list[Segment]:
    """The page's lines, with a scraper header and glued furniture cut off, white space at the edges left out."""
    segments: list[Segment] = []
    for line in _LINE.finditer(text):
        start, end = line.span()
        if not segments:
            header = scraper_header(line.group())
            if header:
                _append(segments, text, start, start + header.end(), transparent=True)
                start += header.end()
        cuts = [start] + [m.end() for m in _GLUED.finditer(text, start, end)] + [end]
        for piece_start, piece_end in zip(cuts, cuts[1:], strict=False):
            _append(segments, text, piece_start, piece_end)
    return segments


def _append(segments: list[Segment], text: str, start: int, end: int, transparent: bool = False) -> None:
    start, end = strip_range(text, start, end)
    if start < end:
        segments.append(Segment(start, end, text[start:end], transparent=transparent))


# ---------------------------------------------------------------- context-free classification


@dataclass(slots=True)
class _Shape:
    words: int
    stopwords: int
    bullet: bool
    menu: bool


def _shape(segment: Segment, settings: BoilerplateSettings) -> _Shape:
    tokens = _WORD.findall(segment.text.casefold().replace("’", "'"))
    stopwords = _stopwords()
    stop_count = sum(1 for token in tokens if token in stopwords)
    bullet = _starts_with_bullet(segment.text)
    capitalised = all(not word[0].isalpha() or word[0].isupper() for word in segment.text.split())
    menu = len(tokens) <= settings.max_menu_words and stop_count == 0 and capitalised
    return _Shape(len(tokens), stop_count, bullet, menu)


def _starts_with_bullet(text: str) -> bool:
    match = _BULLET.match(text)
    return bool(match) and match.end() < len(text)


def _is_share_bar(normalised: str, settings: BoilerplateSettings) -> bool:
    words = normalised.casefold().replace("(", " (").split()
    return 0 < len(words) <= settings.max_share_words and all(w.strip("(),:") in _SHARE_WORDS for w in words)


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
        settings.min_heading_words <= shape.words <= settings.max_heading_words
        and (first.isupper() or first.isdigit() or first in "«\"“'")
        and not _FULL_STOP_END.search(segment.text[-TAIL:])
        and not shape.menu
        and not shape.bullet
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
    if _END_OF_ARTICLE.fullmatch(opening):
        segment.end_of_article = True
        segment.cf_class = BAD
        return
    if normalised and _LIST_HEADS.fullmatch(normalised):
        segment.list_head = True
        segment.cf_class = BAD
        return
    if (
        segment.transparent
        or (
            normalised
            and (
                _INLINE_FURNITURE.fullmatch(normalised)
                or _is_share_bar(normalised, settings)
                or _RATING.fullmatch(normalised)
                or _COUNT.fullmatch(normalised)
                or is_dateline(text)
                or is_byline(text)
            )
        )
        or "©" in text
    ):
        segment.transparent = True
        segment.cf_class = BAD
        return
    if normalised and _ARTICLE_LINES.fullmatch(normalised):
        segment.cf_class = NEAR_GOOD
        return
    if _PAGE_FURNITURE.fullmatch(opening) or (normalised and _is_breadcrumb(normalised)):
        segment.cf_class = BAD
        return
    if shape.bullet and shape.words <= settings.max_list_item_words and not _SENTENCE_END.search(text[-TAIL:]):
        segment.listed = True
    density = shape.stopwords / shape.words if shape.words else 0.0
    sentence = _is_sentence(text, shape, settings)
    if length < settings.length_low and sentence:
        segment.cf_class = NEAR_GOOD  # a short last paragraph is prose, not a line to guess from its neighbours
    elif length < settings.length_low or _is_uppercase(text, settings):
        segment.cf_class = SHORT
    elif density >= settings.stopwords_high:
        # Paragraphs of scraped news are often under 200 characters: ending as a sentence makes them prose too.
        segment.cf_class = GOOD if length > settings.length_high or sentence else NEAR_GOOD
    elif density >= settings.stopwords_low:
        segment.cf_class = NEAR_GOOD
    elif segment.heading:
        segment.cf_class = SHORT  # titles are nominal: few stop words, yet content
    else:
        segment.cf_class = BAD


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
            and not _SENTENCE_END.search(segment.text[-TAIL:])
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
    """A short line that recurs in the page is furniture; when one of its copies is a list item (a table of
    contents), only the list copies are, and the others (the subheadings themselves) are judged on their own."""
    occurrences: dict[str, list[Segment]] = defaultdict(list)
    for segment in segments:
        if len(segment.text) <= settings.max_repeated_chars and segment.cf_class != BAD:
            key = _repetition_key(segment.text)
            if key:
                occurrences[key].append(segment)
    for copies in occurrences.values():
        if len(copies) < 2:
            continue
        listed = [s for s in copies if s.listed]
        for segment in listed or copies:
            segment.cf_class = BAD


def _cut_at_end_of_article(segments: list[Segment], settings: BoilerplateSettings) -> None:
    """Nothing after an end-of-article marker is content, once the article has started; a marker followed by
    more prose than came before it ("Catégorie : ..." under the standfirst) is not the end."""
    prose_after = sum(len(s.text) for s in segments if s.cf_class == GOOD)
    prose_before = 0
    for index, segment in enumerate(segments):
        if segment.cf_class == GOOD:
            prose_before += len(segment.text)
            prose_after -= len(segment.text)
        elif segment.end_of_article and prose_before and prose_after <= settings.max_prose_after_end * prose_before:
            for rest in segments[index:]:
                rest.cf_class = BAD
                rest.heading = False
            return


# ---------------------------------------------------------------- context pass (jusText), linear


def _gaps_to_next_good(context: list[Segment], classes: list[str]) -> list[int | None]:
    """For each segment, the characters between it and the next good segment; None when there is none or a bad
    segment stands between them (a heading is the article's only if nothing but text separates it from it)."""
    gaps: list[int | None] = [None] * len(context)
    for i in range(len(context) - 2, -1, -1):
        if classes[i + 1] == GOOD:
            gaps[i] = 0
        elif classes[i + 1] != BAD and gaps[i + 1] is not None:
            gaps[i] = len(context[i + 1].text) + gaps[i + 1]
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
    gaps = _gaps_to_next_good(context, classes)
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
    gaps = _gaps_to_next_good(context, classes)
    for i, segment in enumerate(context):
        if segment.heading and classes[i] == BAD and segment.cf_class != BAD and gaps[i] is not None:
            if gaps[i] <= limit:
                classes[i] = GOOD

    for segment, cls in zip(context, classes, strict=True):
        segment.final_class = cls


def classify_segments(text: str, settings: BoilerplateSettings = DEFAULT_SETTINGS) -> list[Segment]:
    """Every segment of the page with its context-free and final class (for inspection and tests)."""
    segments = _segments(text)
    for segment in segments:
        _classify(segment, _shape(segment, settings), settings)
    _mark_tables_of_contents(segments, settings)
    _mark_repeated_lines(segments, settings)
    _cut_at_end_of_article(segments, settings)
    context = [segment for segment in segments if not segment.transparent]
    if not any(s.cf_class == BAD or s.menu_item or s.listed for s in context):
        for segment in context:  # nothing looks like furniture: the page is all article, its short lines too
            segment.final_class = GOOD
        return segments
    _revise(context, settings)
    if context and not any(segment.final_class == GOOD for segment in context):
        _keep_longest_prose(context, settings)
    return segments


def _keep_longest_prose(context: list[Segment], settings: BoilerplateSettings) -> None:
    """A page with no good segment (a one-line article): its longest segment that is not furniture is the
    article; the context pass then runs again around it."""
    candidates = [s for s in context if s.cf_class != BAD]
    if not candidates:
        return
    longest = max(candidates, key=lambda s: len(s.text))
    longest.cf_class = GOOD
    _revise(context, settings)


def content_ranges(text: str, settings: BoilerplateSettings = DEFAULT_SETTINGS) -> list[tuple[int, int]]:
    """Sorted, non-overlapping [start, end) ranges of the article in `text`, white space at their edges left out.

    Consecutive content segments with nothing but white space between them make one range.
    """
    ranges: list[tuple[int, int]] = []
    extend = False
    for segment in classify_segments(text, settings):
        if segment.final_class != GOOD or segment.transparent:
            extend = False
            continue
        if extend:
            ranges[-1] = (ranges[-1][0], segment.end)
        else:
            ranges.append((segment.start, segment.end))
        extend = True
    return ranges


def stopword_density(text: str) -> float:
    """The share of French stop words among the words of `text` (jusText's main signal)."""
    tokens = _WORD.findall(text.casefold().replace("’", "'"))
    return sum(1 for t in tokens if t in _stopwords()) / len(tokens) if tokens else 0.0


__all__ = [
    "BoilerplateSettings",
    "DEFAULT_SETTINGS",
    "Segment",
    "classify_segments",
    "content_ranges",
    "stopword_density",
]
