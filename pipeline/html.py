"""HTML pages as text for the pipeline, with the structure the text loses.

The page is turned into text by html-text (`html_text.etree_to_text`, layout guessed: one block
element per line, a blank line around paragraphs and headings; scripts, styles and hidden
elements cleaned out by its cleaner). Offsets of every record of an HTML page refer to this
converted text (`fr-extract run --with-text` writes it into the record).

Before the conversion, each text node of the tree is tagged with private-use characters that say
where it stands: in a link, a heading (`<h1>`–`<h6>`, `<title>`), a caption (`<figcaption>`), a
navigation, footer or sidebar (`<nav>`, `<footer>`, `<aside>`, and the ARIA roles of the same
meaning), or a reader-comment container (an element whose id or class names comments). After the
conversion the tags are read line by line and removed: each line gets its link density (jusText's
`max_link_density` signal) and its structural kinds, which `pipeline.boilerplate` uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Private-use characters: never in a page's text, kept by html-text as ordinary characters.
_LINK_OPEN, _LINK_CLOSE, _KIND = "\ue001", "\ue002", "\ue003"
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
_MARKS = re.compile(f"[{_LINK_OPEN}{_LINK_CLOSE}]|{_KIND}[A-Z]")
_LINE = re.compile(r"[^\n]+")


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


def _mark(tree) -> None:
    """Tag every text node with its kinds, and every link's text with its bounds."""
    inherited = {tree: frozenset(_own_kinds(tree))}
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        parent = element.getparent()
        kinds = inherited.get(parent, frozenset()) | _own_kinds(element) if parent is not None else inherited[tree]
        inherited[element] = kinds
        prefix = "".join(f"{_KIND}{kind}" for kind in sorted(kinds))
        if element.text and element.text.strip():
            element.text = prefix + element.text
        if element.tail and element.tail.strip() and parent is not None:
            parent_prefix = "".join(f"{_KIND}{kind}" for kind in sorted(inherited.get(parent, frozenset())))
            element.tail = parent_prefix + element.tail
        # A link to an e-mail address is the text's contact, not navigation: it does not count in the link density.
        if element.tag == "a" and not (element.get("href") or "").lower().startswith("mailto:"):
            element.text = _LINK_OPEN + (element.text or "")
            if len(element):
                last = element[-1]
                last.tail = (last.tail or "") + _LINK_CLOSE
            else:
                element.text += _LINK_CLOSE


def html_to_text(html: str | bytes) -> HtmlText:
    """The text of an HTML page (html-text, one block per line) and the structure of each of its lines."""
    import html_text

    tree = html_text.parse_html(html if isinstance(html, str) else html.decode("utf-8", "replace"))
    tree = html_text.cleaner.clean_html(tree)
    _mark(tree)
    marked = html_text.etree_to_text(tree, guess_layout=True)
    return _unmark(marked)


def _unmark(marked: str) -> HtmlText:
    """Remove the tags, keeping for each line its kinds and the share of its characters inside links."""
    parts: list[str] = []
    lines: list[Line] = []
    position = 0
    for raw in marked.split("\n"):
        kinds = frozenset(match.group()[1] for match in re.finditer(f"{_KIND}[A-Z]", raw))
        clean, link_chars, in_link = [], 0, 0
        for piece in re.split(f"({_MARKS.pattern})", raw):
            if piece == _LINK_OPEN:
                in_link += 1
            elif piece == _LINK_CLOSE:
                in_link = max(0, in_link - 1)
            elif piece and not (piece[0] == _KIND and len(piece) == 2):
                clean.append(piece)
                if in_link:
                    link_chars += sum(1 for c in piece if not c.isspace())
        line = "".join(clean)
        visible = sum(1 for c in line if not c.isspace())
        if visible:
            lines.append(Line(position, position + len(line), kinds, link_chars / visible))
        parts.append(line)
        position += len(line) + 1
    return HtmlText("\n".join(parts), lines)


def is_html_path(path: str) -> bool:
    return path.lower().endswith((".html", ".htm"))


__all__ = ["CAPTION", "COMMENTS", "HEADING", "NAVIGATION", "TITLE", "HtmlText", "Line", "html_to_text", "is_html_path"]
