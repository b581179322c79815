"""HTML pages as text for the pipeline, with the structure the text loses.

The page is parsed and cleaned by html-text (`html_text.parse_html`, its cleaner: scripts, styles and
comments removed) and laid out as html-text lays it out (`guess_layout`: one block element per line, a
blank line around paragraphs and headings). The text itself is rendered as a browser renders it, not
as html-text joins it: html-text puts a space between any two text nodes (`d’ Emmanuel Macron`,
`1 er mai`, `M me`, `XIX e siècle`, a drop cap `L e`), while in a page the inline elements (`<a>`,
`<em>`, `<sup>`, `<span>` …) add no space of their own: white space comes from the source (runs of
HTML white space become one space; a no-break space stays). Where two inline elements touch with
no white space between a lower-case letter or a figure and a capital (`12 mars</span><span>Par`,
`Facebook</a><a>Twitter`), they are set apart, as their style sets them apart on screen. Other
elements that are not blocks (table cells, images, buttons) separate their text with a space, as
html-text does. Invisible formatting characters (soft hyphens U+00AD, zero-width spaces and word
joiners) are not text and are left out: `réac\u00adtion` is `réaction`. Offsets of every record of
an HTML page refer to this converted text (`fr-extract run --with-text` writes it into the record).

While the text is written, each piece of it is tagged with where it stands: in a link, a heading
(`<h1>`–`<h6>`, `<title>`), a caption (`<figcaption>`), a navigation, footer or sidebar (`<nav>`,
`<footer>`, `<aside>`, and the ARIA roles of the same meaning), or a reader-comment container (an
element whose id or class names comments). Each line then gets its link density (jusText's
`max_link_density` signal) and its structural kinds, which `pipeline.boilerplate` uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HEADING, CAPTION, NAVIGATION, COMMENTS, TITLE = "H", "C", "N", "M", "T"
_KINDS_BY_TAG = {
    **{f"h{level}": HEADING for level in range(1, 7)},
    "title": TITLE,  # the page's <title>: the headline with the site's name, outside the body
    "figcaption": CAPTION,
    "nav": NAVIGATION,
    "footer": NAVIGATION,
    "aside": NAVIGATION,
    "menu": NAVIGATION,
}
_KINDS_BY_ROLE = {role: NAVIGATION for role in ("navigation", "contentinfo", "complementary", "banner")}
# Comment threads, as blogging and press platforms name their containers (WordPress "comments", Disqus "disqus_thread").
_COMMENT_NAMES = re.compile(r"(?:^|[\s_-])(?:comments?|commentaires?|disqus|reactions?|replies)(?:$|[\s_-])", re.I)
# A live report's commentary is the article ("live-match-comment", "live-comment"): not a reader thread.
_LIVE_NAMES = re.compile(r"live|direct|match|minute", re.I)
MIN_THREAD_CHARS = 100  # a thread holds comments; a smaller block so named is a counter or a button
# Only blocks contain a thread: a link or a button named "comments" is a counter by the byline.
_CONTAINERS = frozenset({"div", "section", "ol", "ul", "aside", "footer"})
# HTML's phrasing elements: they flow with the text around them and add no white space of their own.
_INLINE = frozenset(
    "a abbr acronym b bdi bdo big cite code data del dfn em font i ins kbd mark nobr q s samp small span strike "
    "strong sub sup time tt u var wbr".split()
)
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # what a browser collapses; a no-break space is text
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")  # soft hyphen, zero-width space, word joiners
_TOUCHING = re.compile(r"[a-zà-ÿ0-9]")  # the end of a piece that a capital right after it does not continue


@dataclass(slots=True)
class Line:
    """One line of the converted text: [start, end) offsets, its structural kinds and its link density."""

    start: int
    end: int
    kinds: frozenset[str] = field(default_factory=frozenset)
    link_density: float = 0.0


@dataclass(slots=True)
class HtmlText:
    """The converted text of a page and what its lines were in the HTML."""

    text: str
    lines: list[Line]


def _own_kinds(element) -> set[str]:
    kinds = set()
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _KINDS_BY_TAG:
        kinds.add(_KINDS_BY_TAG[tag])
    role = (element.get("role") or "").lower()
    if role in _KINDS_BY_ROLE:
        kinds.add(_KINDS_BY_ROLE[role])
    names = f"{element.get('id') or ''} {element.get('class') or ''}"
    if (
        tag in _CONTAINERS
        and names.strip()
        and _COMMENT_NAMES.search(names)
        and not _LIVE_NAMES.search(names)
        and len(element.text_content()) >= MIN_THREAD_CHARS
    ):
        kinds.add(COMMENTS)
    return kinds


def _is_link(element) -> bool:
    # A link to an e-mail address is the text's contact, not navigation: it does not count in the link density.
    return element.tag == "a" and not (element.get("href") or "").lower().startswith("mailto:")


class _Writer:
    """The text of a tree, laid out as html-text lays it out, with the kinds and the link status of every piece."""

    def __init__(self) -> None:
        import html_text

        self.newline_tags, self.double_newline_tags = html_text.NEWLINE_TAGS, html_text.DOUBLE_NEWLINE_TAGS
        self.chunks: list[str] = []
        self.pieces: list[tuple[int, int, frozenset[str], bool]] = []  # (start, end, kinds, in a link)
        self.length = 0
        self.state = "double"  # "double", "single" (after a blank line or a line break) or "text"
        self.space = False  # white space is owed before the next text
        self.touching = False  # the next text touches the last one across an inline element's edge

    def _write(self, chunk: str) -> None:
        self.chunks.append(chunk)
        self.length += len(chunk)

    def newlines(self, tag: str) -> None:
        if self.state == "double":
            return
        if tag in self.double_newline_tags:
            self._write("\n" if self.state == "single" else "\n\n")
            self.state, self.space = "double", False
        elif tag in self.newline_tags:
            if self.state != "single":
                self._write("\n")
            self.state, self.space = "single", False

    def edge(self, tag: str) -> None:
        """An element starts or ends: a block breaks the line, an inline element adds nothing, any other element
        (a table cell, an image, a button) a space."""
        if tag in self.newline_tags or tag in self.double_newline_tags:
            self.newlines(tag)
        elif tag in _INLINE:
            self.touching = True
        elif self.state == "text":
            self.space = True

    def text(self, raw: str | None, kinds: frozenset[str], link: bool) -> None:
        if not raw:
            return
        collapsed = _HTML_SPACE.sub(" ", _INVISIBLE.sub("", raw))
        words = collapsed.strip(" ")
        if not words:
            self.space = self.space or (bool(collapsed) and self.state == "text")
            return
        if self.state == "text":
            last = self.chunks[-1][-1]
            if self.space or collapsed[0] == " " or (self.touching and _TOUCHING.match(last) and words[0].isupper()):
                self._write(" ")
        start = self.length
        self._write(words)
        self.pieces.append((start, self.length, kinds, link))
        self.state, self.space, self.touching = "text", collapsed[-1] == " ", False


def html_to_text(html: str | bytes) -> HtmlText:
    """The text of an HTML page (one block per line) and the structure of each of its lines."""
    import html_text
    from lxml import etree

    tree = html_text.parse_html(html if isinstance(html, str) else html.decode("utf-8", "replace"))
    try:
        tree = html_text.cleaner.clean_html(tree)
    except AssertionError:  # an lxml bug on some pages (https://bugs.launchpad.net/lxml/+bug/1838497), as html-text
        pass
    writer = _Writer()
    kinds: dict = {}
    links: dict = {}
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        if not isinstance(element.tag, str):  # a comment or a processing instruction the cleaner left: not text
            continue
        tag = element.tag
        parent = element.getparent()
        if event == "start":
            kinds[element] = kinds.get(parent, frozenset()) | _own_kinds(element)
            links[element] = links.get(parent, False) or _is_link(element)
            writer.edge(tag)
            writer.text(element.text, kinds[element], links[element])
        else:
            writer.edge(tag)
            if element is not tree:
                writer.text(element.tail, kinds.get(parent, frozenset()), links.get(parent, False))
    return _lines("".join(writer.chunks).rstrip(), writer.pieces)


def _lines(text: str, pieces: list[tuple[int, int, frozenset[str], bool]]) -> HtmlText:
    """Each line with text: the kinds of its pieces and the share of its visible characters inside links."""
    lines: list[Line] = []
    index = 0
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.span()
        line_kinds: set[str] = set()
        link_chars = 0
        while index < len(pieces) and pieces[index][0] < end:
            piece_start, piece_end, piece_kinds, link = pieces[index]
            if piece_end > start:
                line_kinds |= piece_kinds
                if link:
                    link_chars += sum(1 for c in text[piece_start:piece_end] if not c.isspace())
            index += 1
        visible = sum(1 for c in match.group() if not c.isspace())
        if visible:
            lines.append(Line(start, end, frozenset(line_kinds), link_chars / visible))
    return HtmlText(text, lines)


def is_html_path(path: str) -> bool:
    return path.lower().endswith((".html", ".htm"))


__all__ = ["CAPTION", "COMMENTS", "HEADING", "NAVIGATION", "TITLE", "HtmlText", "Line", "html_to_text", "is_html_path"]
