"""Reading documents: files to inputs with unique ids, bytes to text, the way CONTRACT.md fixes offsets.

Inputs: files named on the command line and `*.txt` files under named folders, each file once
(paths are resolved before de-duplication), every kind of file included so that a FIFO or a
device gets its error record. Ids are unique within a run (`input_ids`).

Reading: regular files only (a FIFO, device or socket is never opened for reading), at most
`max_bytes` bytes read. Decoding: UTF-8 with a leading BOM removed and line endings kept; UTF-8
with a few invalid bytes replaced by U+FFFD (with a warning); cp1252 when the bytes are not UTF-8
but read as plausible French (with a warning); anything else is an error the batch records and
steps over.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from pipeline.html import html_to_text, is_html_path

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
BOM = "\ufeff"
# Share of characters that must be letters, digits, punctuation or white space for decoded bytes to count as text.
MIN_TEXT_SHARE = 0.85
# The extension of the files read from folders, removed from their ids.
TEXT_SUFFIX = ".txt"
READ_BLOCK = 1 << 20


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


class InputFile(NamedTuple):
    """One input of a run: the path to open, its unique id and the path written in its record."""

    path: str  # as the operating system names it (may hold surrogate escapes of non-UTF-8 bytes)
    doc_id: str
    shown: str  # `path`, escaped (`escape_name`)


def doc_id_for(path: str | os.PathLike[str]) -> str:
    """The id of a document read on its own (library use): its file name without the extension, escaped."""
    return escape_name(Path(path).stem)


_UNDECODED = re.compile(r"[%\udc80-\udcff]")


def escape_name(name: str) -> str:
    """A file name as records write it: valid UTF-8 names unchanged; in a name holding bytes that are not
    UTF-8 (surrogate escapes), each such byte is written %XX and each '%' as %25, so the name stays valid
    Unicode and can be turned back into its bytes (`urllib.parse.unquote_to_bytes`)."""
    if not any("\udc80" <= char <= "\udcff" for char in name):
        return name

    def escaped(match: re.Match[str]) -> str:
        char = match.group()
        return "%25" if char == "%" else f"%{ord(char) - 0xDC00:02X}"

    return _UNDECODED.sub(escaped, name)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_of_file(path: str | os.PathLike[str], block: int = READ_BLOCK) -> str:
    """The digest of a file read in blocks, for files too large to hold."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(block):
            digest.update(chunk)
    return digest.hexdigest()


def _text_share(text: str) -> float:
    if not text:
        return 1.0
    good = sum(1 for c in text if c.isprintable() or c.isspace())
    return good / len(text)


def _looks_french(text: str) -> bool:
    """cp1252 decodes any byte string; only keep it when the result reads as Latin text."""
    letters = sum(1 for c in text if c.isalpha())
    accented = sum(1 for c in text if c in "àâäçéèêëîïôöùûüÿœæÀÂÇÉÈÊËÎÏÔÙÛÜŒÆ«»’")
    odd = sum(1 for c in text if c in "ƒ†‡ˆ‰Š‹ŽŸ¤¦¨¬¯±´¸¹¾¼½×÷")
    return letters > 0 and _text_share(text) >= MIN_TEXT_SHARE and odd <= max(1, accented // 4)


_INVALID_BYTE = re.compile("[\udc80-\udcff]")


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """Decode a document's bytes; returns the text and warnings, or raises ReadError.

    Valid UTF-8 stays UTF-8. UTF-8 holding invalid bytes (a damaged file, an encoded surrogate) is
    decoded as UTF-8 with each invalid byte replaced by U+FFFD, when it holds at least as many valid
    non-ASCII characters as invalid bytes; offsets then count the replacement characters. cp1252 only
    when the bytes are mostly not UTF-8 and read as plausible French.
    """
    if b"\x00" in data:
        raise ReadError("BinaryFile", "the file holds NUL bytes: it is binary, not text")
    warnings: list[str] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        escaped = data.decode("utf-8", errors="surrogateescape")
        invalid = len(_INVALID_BYTE.findall(escaped))
        valid_non_ascii = sum(1 for char in escaped if char > "\x7f") - invalid
        if valid_non_ascii >= invalid:
            text = _INVALID_BYTE.sub("\ufffd", escaped)
            warnings = [f"decoded as UTF-8 with {invalid} invalid byte{'s' if invalid > 1 else ''} replaced by U+FFFD"]
        else:
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


def file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def _not_regular(mode: int) -> ReadError:
    return ReadError("NotARegularFile", f"{file_kind(mode)}, not a regular file: only regular files are read")


def read_bytes(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file, at most `max_bytes` of them, or ReadError.

    A FIFO, device or socket is refused without reading (and a FIFO without waiting for a writer);
    no more than `max_bytes` + 1 bytes are ever held in memory.
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(info.st_mode)  # never opened: a FIFO would wait for a writer, a socket refuses
        # O_NONBLOCK: should the file have become a FIFO meanwhile, opening it returns at once.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ReadError(type(exc).__name__, f"cannot read the file: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(info.st_mode)
        if info.st_size > max_bytes:
            raise ReadError(
                "FileTooLarge",
                f"{info.st_size} bytes is over the limit of {max_bytes} bytes (raise it with --max-bytes)",
                sha256=_sha256_of_descriptor(descriptor),
            )
        chunks, size = [], 0
        while size <= max_bytes and (chunk := os.read(descriptor, min(READ_BLOCK, max_bytes + 1 - size))):
            chunks.append(chunk)
            size += len(chunk)
        data = b"".join(chunks)
        if size > max_bytes:  # the file grew while it was read
            raise ReadError(
                "FileTooLarge",
                f"more than {max_bytes} bytes (raise the limit with --max-bytes)",
                sha256=_sha256_of_descriptor(descriptor, data),
            )
        return data
    except OSError as exc:
        raise ReadError(type(exc).__name__, f"cannot read the file: {exc.strerror or exc}") from exc
    finally:
        os.close(descriptor)


def _sha256_of_descriptor(descriptor: int, start: bytes = b"") -> str:
    digest = hashlib.sha256(start)
    while chunk := os.read(descriptor, READ_BLOCK):
        digest.update(chunk)
    return digest.hexdigest()


def read_source(
    path: str | os.PathLike[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    doc_id: str | None = None,
    shown: str | None = None,
) -> SourceText:
    """Read one file into a SourceText, or raise ReadError saying why it cannot be read.

    `doc_id` and `shown` (the path written in the record) default to the file's stem and its path, escaped.
    """
    data = read_bytes(path, max_bytes)
    digest = sha256_of(data)
    try:
        text, warnings = decode_text(data)
    except ReadError as error:
        error.sha256 = digest
        raise
    doc_id = doc_id if doc_id is not None else doc_id_for(path)
    shown = shown if shown is not None else escape_name(os.fspath(path))
    if is_html_path(os.fspath(path)):
        converted = html_to_text(text)
        return SourceText(doc_id, shown, digest, converted.text, warnings, "html", converted.lines)
    return SourceText(doc_id, shown, digest, text, warnings)


def regular_file_sha256(path: str | os.PathLike[str]) -> str | None:
    """The sha256 of a regular file's bytes; None for anything that cannot be read (never opens a FIFO blocking)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        return _sha256_of_descriptor(descriptor)
    except OSError:
        return None
    finally:
        os.close(descriptor)


# What a folder given to `fr-extract run` is searched for: text files and HTML pages.
INPUT_PATTERNS = ("*" + TEXT_SUFFIX, "*.html", "*.htm")


def _matches(name: str, patterns: Iterable[str]) -> bool:
    return any(Path(name).match(pattern) for pattern in patterns)


def collect_inputs(
    paths: Iterable[str | os.PathLike[str]], patterns: Iterable[str] = INPUT_PATTERNS
) -> list[InputFile]:
    """Files named on the command line, and files matching `pattern` under named folders, in sorted order,
    each with its unique id (`input_ids`).

    Every kind of file is kept (a FIFO or a device gets an error record, a broken link too); a file
    reached twice (named twice, by a relative and an absolute path, through a folder and by name, or
    through a symbolic link) is read once, under the first of its paths in sorted order. A missing
    path raises FileNotFoundError: that is a usage error, not a bad document.
    """
    found: list[str] = []
    roots: list[str] = []
    for path in paths:
        given = os.fspath(path)
        if os.path.isdir(given):
            roots.append(os.path.abspath(given))
            for folder, folders, files in os.walk(given):
                folders.sort()
                # A FIFO, device, socket or broken link is listed among `files`; a link to a folder among `folders`.
                found.extend(os.fspath(Path(folder, name)) for name in files if _matches(name, patterns))
                found.extend(
                    os.fspath(Path(folder, name))
                    for name in folders
                    if _matches(name, patterns) and os.path.islink(os.path.join(folder, name))
                )
        elif os.path.lexists(given):
            roots.append(os.path.dirname(os.path.abspath(given)))
            found.append(given)
        else:
            raise FileNotFoundError(f"no such file or folder: {escape_name(given)}")
    unique: dict[str, str] = {}
    for path in sorted(set(found)):
        unique.setdefault(os.path.realpath(path), path)
    kept = sorted(unique.values())
    root = os.path.commonpath(roots) if roots else os.getcwd()
    ids = input_ids([os.path.relpath(os.path.abspath(path), root) for path in kept])
    return [InputFile(path, doc_id, escape_name(path)) for path, doc_id in zip(kept, ids, strict=True)]


def input_ids(relative_paths: Sequence[str]) -> list[str]:
    """Unique ids for distinct paths relative to the common root of a run's inputs.

    The id is the relative path with `/` between folders and without its `.txt` extension, escaped
    (`escape_name`): `seeds/000_x.txt` run as `seeds/` is `000_x`, `a/x.txt` and `b/x.txt` are `a/x`
    and `b/x`. Where this gives two files one id (`x` beside `x.txt`), each of them keeps its whole
    relative path, extension included; the relative paths being distinct, no two ids are equal.
    """
    whole = [escape_name(path.replace(os.sep, "/")) for path in relative_paths]
    ids = [_without_suffix(name) for name in whole]
    while True:
        counts: dict[str, int] = {}
        for doc_id in ids:
            counts[doc_id] = counts.get(doc_id, 0) + 1
        clashes = [i for i, doc_id in enumerate(ids) if counts[doc_id] > 1 and ids[i] != whole[i]]
        if not clashes:
            return ids
        for i in clashes:
            ids[i] = whole[i]


def _without_suffix(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    for suffix in (TEXT_SUFFIX, ".html", ".htm"):
        if base.endswith(suffix) and base != suffix:
            return name[: -len(suffix)]
    return name


def collect_paths(paths: Iterable[str | os.PathLike[str]], patterns: Iterable[str] = INPUT_PATTERNS) -> list[str]:
    """The paths of `collect_inputs`, in sorted order."""
    return [item.path for item in collect_inputs(paths, patterns)]


def iter_sources(paths: Iterable[str]) -> Iterator[tuple[str, SourceText | ReadError]]:
    for path in paths:
        try:
            yield path, read_source(path)
        except ReadError as error:
            yield path, error
