"""The gold set's authoring form: a seed's text with inline marks, compiled to records.

    ⟦ ... ⟧                      a content region (everything outside is boilerplate)
    [text]{LABEL key=value ...}  an entity
    \\[ \\] \\{ \\} \\⟦ \\⟧ \\\\        a literal character of the document

A source file starts with a `---` header (`id:`, `published:`) closed by `---`.
Removing the marks gives the raw seed text back; offsets are computed on that text.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from pipeline.model import LABELS, NORM_FIELDS, Document, Entity, json_number, strip_range

OPEN_CONTENT, CLOSE_CONTENT = "⟦", "⟧"
SPECIAL = set("[]{}\\" + OPEN_CONTENT + CLOSE_CONTENT)
NUMERIC_FIELDS = {"MONEY": {"value", "min", "max"}, "PERCENT": {"value"}}


class MarkupError(ValueError):
    """A mark that cannot be read, with the line and column of the source where it stands."""


@dataclass
class MarkedDocument:
    header: dict[str, str]
    text: str
    content: list[tuple[int, int]]
    entities: list[Entity]


def _where(source: str, index: int) -> str:
    line = source.count("\n", 0, index) + 1
    column = index - (source.rfind("\n", 0, index) + 1) + 1
    return f"line {line}, column {column}"


def _parse_value(label: str, name: str, raw: str, where: str) -> Any:
    if raw == "null":
        return None
    if raw in ("true", "false"):
        return raw == "true"
    if name in NUMERIC_FIELDS.get(label, ()):
        try:
            return json_number(Decimal(raw))
        except InvalidOperation as exc:
            raise MarkupError(f"{where}: {name}={raw!r} is not a number") from exc
    return raw


def _parse_attributes(spec: str, where: str) -> tuple[str, dict[str, Any]]:
    label, *pairs = spec.split()
    if label not in LABELS:
        raise MarkupError(f"{where}: unknown label {label!r} (expected one of {', '.join(LABELS)})")
    norm = dict(NORM_FIELDS.get(label, {}))
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep or name not in norm:
            raise MarkupError(f"{where}: {label} takes no field {pair!r} (fields: {', '.join(norm) or 'none'})")
        norm[name] = _parse_value(label, name, raw, where)
    return label, norm


def _split_header(source: str) -> tuple[dict[str, str], str, int]:
    if not source.startswith("---\n"):
        raise MarkupError("line 1: a gold source starts with a '---' header")
    end = source.find("\n---\n", 3)
    if end < 0:
        raise MarkupError("the '---' header is not closed by a '---' line")
    header = {}
    for line in source[4:end].splitlines():
        key, _, value = line.partition(":")
        header[key.strip()] = value.strip()
    body_start = end + len("\n---\n")
    return header, source[body_start:], body_start


def parse_marked(source: str) -> MarkedDocument:
    """Read a gold source file into its raw text, content ranges and entities."""
    header, body, offset = _split_header(source)
    out: list[str] = []
    length = 0
    content: list[tuple[int, int]] = []
    entities: list[Entity] = []
    content_start: int | None = None
    entity_start: int | None = None
    i = 0

    def where() -> str:
        # the line and column of body[i] in the source, counted only for a message (counting at every character
        # made parsing quadratic in the length of the source)
        return _where(source, offset + i)

    while i < len(body):
        char = body[i]
        if char == "\\":
            if i + 1 >= len(body) or body[i + 1] not in SPECIAL:
                raise MarkupError(f"{where()}: a backslash escapes only one of {''.join(sorted(SPECIAL))}")
            out.append(body[i + 1])
            length += 1
            i += 2
            continue
        if char == OPEN_CONTENT:
            if content_start is not None:
                raise MarkupError(f"{where()}: content region opened twice")
            content_start = length
        elif char == CLOSE_CONTENT:
            if content_start is None:
                raise MarkupError(f"{where()}: content region closed but never opened")
            content.append((content_start, length))
            content_start = None
        elif char == "[":
            if entity_start is not None:
                raise MarkupError(f"{where()}: entities never nest")
            entity_start = length
        elif char == "]":
            if entity_start is None or not body.startswith("{", i + 1):
                raise MarkupError(f"{where()}: ']' must close an entity and be followed by '{{LABEL ...}}'")
            close = body.find("}", i + 2)
            if close < 0:
                raise MarkupError(f"{where()}: '{{' of the entity is not closed")
            label, norm = _parse_attributes(body[i + 2 : close], where())
            entities.append(Entity(entity_start, length, label, "", source="gold", norm=norm))
            entity_start = None
            i = close + 1
            continue
        elif char in "{}":
            raise MarkupError(f"{where()}: a literal {char!r} must be escaped")
        else:
            out.append(char)
            length += 1
        i += 1
    if content_start is not None:
        raise MarkupError("a content region is opened and never closed")
    if entity_start is not None:
        raise MarkupError("an entity is opened and never closed")
    text = "".join(out)
    for entity in entities:
        entity.text = text[entity.start : entity.end]
    ranges = [strip_range(text, start, end) for start, end in content]
    return MarkedDocument(header, text, [r for r in ranges if r[0] < r[1]], entities)


def first_difference(left: str, right: str) -> int:
    for index, (a, b) in enumerate(zip(left, right, strict=False)):
        if a != b:
            return index
    return min(len(left), len(right))


def compile_marked(source: str, raw_text: str, sha256: str, path: str | None = None) -> Document:
    """Compile a gold source against the raw seed text it must reproduce exactly."""
    marked = parse_marked(source)
    if marked.text != raw_text:
        index = first_difference(marked.text, raw_text)
        raise MarkupError(
            f"the text without marks differs from the seed at character {index}: "
            f"source has {marked.text[index : index + 40]!r}, seed has {raw_text[index : index + 40]!r}"
        )
    published = marked.header.get("published") or None
    return Document(
        id=marked.header["id"],
        path=path,
        sha256=sha256,
        published=None if published == "null" else published,
        content=marked.content,
        entities=sorted(marked.entities, key=lambda e: (e.start, e.end)),
        text=raw_text,
    )
