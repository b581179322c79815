"""Reading documents: bytes to text, the way CONTRACT.md fixes offsets.

UTF-8 with a leading BOM removed and line endings kept; cp1252 when the bytes are not
UTF-8 but read as plausible French (with a warning); anything else is an error the batch
records and steps over.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.html import html_to_text, is_html_path

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
BOM = "\ufeff"
# Share of characters that must be letters, digits, punctuation or spaces for decoded bytes to count as text.
MIN_TEXT_SHARE = 0.85


class ReadError(Exception):
    """A file that cannot become a document; `kind` names the reason for the error record."""

    def __init__(self, kind: str, message: str, sha256: str | None = None):
        super().__init__(message)
        self.kind = kind
        self.sha256 = sha256  # known when the bytes were read, so that --resume can skip the file


@dataclass
class SourceText:
    doc_id: str
    path: str
    sha256: str
    text: str
    warnings: list[str] = field(default_factory=list)
    source_format: str = "text"  # "html": `text` is the page converted by pipeline.html, offsets refer to it
    structure: list | None = None  # for HTML pages, the lines of `text` with what they were in the HTML


def doc_id_for(path: str | os.PathLike[str]) -> str:
    return Path(path).stem


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_of_file(path: str | os.PathLike[str], block: int = 1 << 20) -> str:
    """The digest of a file read in blocks, for files too large to hold."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(block):
            digest.update(chunk)
    return digest.hexdigest()


def _text_share(text: str) -> float:
    if not text:
        return 1.0
    good = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
    return good / len(text)


def _looks_french(text: str) -> bool:
    """cp1252 decodes any byte string; only keep it when the result reads as Latin text."""
    letters = sum(1 for c in text if c.isalpha())
    accented = sum(1 for c in text if c in "àâäçéèêëîïôöùûüÿœæÀÂÇÉÈÊËÎÏÔÙÛÜŒÆ«»’")
    odd = sum(1 for c in text if c in "ƒ†‡ˆ‰Š‹ŽŸ¤¦¨¬¯±´¸¹¾¼½×÷")
    return letters > 0 and _text_share(text) >= MIN_TEXT_SHARE and odd <= max(1, accented // 4)


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """Decode a document's bytes; returns the text and warnings, or raises ReadError."""
    if b"\x00" in data:
        raise ReadError("BinaryFile", "the file holds NUL bytes: it is binary, not text")
    try:
        text = data.decode("utf-8")
        warnings: list[str] = []
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        if "\ufffd" in text or not _looks_french(text):
            raise ReadError(
                "DecodeError",
                f"not UTF-8 (invalid byte at offset {exc.start}) and not plausible cp1252 text; "
                "convert the file to UTF-8",
            ) from exc
        warnings = ["decoded as cp1252"]
    if text.startswith(BOM):
        text = text[1:]
    if _text_share(text) < MIN_TEXT_SHARE:
        raise ReadError("BinaryFile", "mostly non-printable characters: not a text document")
    return text, warnings


def read_source(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read one file into a SourceText, or raise ReadError saying why it cannot be read."""
    shown = os.fspath(path)
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise ReadError(
                "FileTooLarge",
                f"{size} bytes is over the limit of {max_bytes} bytes (raise it with --max-bytes)",
                sha256=sha256_of_file(path),
            )
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise ReadError(type(exc).__name__, f"cannot read the file: {exc.strerror or exc}") from exc
    digest = sha256_of(data)
    try:
        text, warnings = decode_text(data)
    except ReadError as error:
        error.sha256 = digest
        raise
    if is_html_path(shown):
        converted = html_to_text(text)
        return SourceText(doc_id_for(path), shown, digest, converted.text, warnings, "html", converted.lines)
    return SourceText(doc_id_for(path), shown, digest, text, warnings)


INPUT_PATTERNS = ("*.txt", "*.html", "*.htm")


def collect_paths(paths: Iterable[str | os.PathLike[str]], patterns: Iterable[str] = INPUT_PATTERNS) -> list[str]:
    """Files named on the command line, and `*.txt`, `*.html`, `*.htm` files under folders, in sorted order.

    A missing path raises FileNotFoundError: that is a usage error, not a bad document.
    """
    found: list[str] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            # Links are kept even when broken: every input file gets a record, an error one if need be.
            for pattern in patterns:
                found.extend(os.fspath(f) for f in sorted(p.rglob(pattern)) if f.is_file() or f.is_symlink())
        elif p.exists():
            found.append(os.fspath(path))
        else:
            raise FileNotFoundError(f"no such file or folder: {os.fspath(path)}")
    return sorted(dict.fromkeys(found))


def iter_sources(paths: Iterable[str]) -> Iterator[tuple[str, SourceText | ReadError]]:
    for path in paths:
        try:
            yield path, read_source(path)
        except ReadError as error:
            yield path, error
