"""One text folding for every stage: one apostrophe set, one hyphen set, and the keys vocabulary is looked up under.

    straight("l’Union")             -> "l'Union"                 every apostrophe straight, nothing else changed
    lowered("L’État")               -> "l'état"                  lower case, every apostrophe straight
    fold("Évry")                    -> "evry"                    lower case without accents
    key("l’Union  euro-péenne")     -> "l'union euro peenne"     folded, one apostrophe, hyphens as spaces, one space
    accented_key("Annoncé–t‑il")    -> "annoncé t il"            the same, accents kept
    word_regex("d'ici à", SPACE)    -> a regex matching "d’ici  à", "d‘ici à", ...

`APOSTROPHES` holds every character French text writes an apostrophe with (the curly ’ and ‘, the straight ',
the modifier letter ʼ, the accents ´ and ` typed in its place): each is an apostrophe to every stage.
`HYPHENS` holds the hyphen, the Unicode hyphen, the non-breaking hyphen and the en dash typed in a compound.

money.py and the currency regions look their vocabulary up under `key`; dates.py under `accented_key`, because its
context words are French verb forms that differ by an accent only (`annonce` today, `annoncé` before); boilerplate.py,
published.py and consolidate.py read apostrophes through `straight` and `APOSTROPHE`; facts.py compares words and
lemmas `lowered`; the name rules (names_ruler.py, names_document.py, names_clean.py) compare words `lowered` and
spell the apostrophes of their regexes with `APOSTROPHE` (the class) or `APOSTROPHES` (inside a larger class).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

APOSTROPHES = "’'ʼ‘´`"
APOSTROPHE = f"[{APOSTROPHES}]"  # a regex character class
HYPHENS = "-‐‑–"
HYPHEN = r"[\-‐‑–]"  # a regex character class
_APOSTROPHE = re.compile(APOSTROPHE)
_SPACES_AND_HYPHENS = re.compile(rf"[\s{re.escape(HYPHENS)}]+")
_STRAIGHT = str.maketrans({apostrophe: "'" for apostrophe in APOSTROPHES})


def straight(text: str) -> str:
    """The text with every apostrophe straight ('), same length, nothing else changed."""
    return text.translate(_STRAIGHT)


def lowered(text: str) -> str:
    """Lower case with every apostrophe straight; accents and spaces as written (words compared with lemmas)."""
    return straight(text.lower())


def fold(text: str) -> str:
    """Lower case without accents."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=16384)
def key(text: str) -> str:
    """A vocabulary key: folded, one space between words (hyphens count as spaces), one kind of apostrophe."""
    return accented_key(fold(text))


@lru_cache(maxsize=16384)
def accented_key(text: str) -> str:
    """`key` with its accents kept: lower case, one space between words (hyphens count as spaces), one apostrophe."""
    return _SPACES_AND_HYPHENS.sub(" ", straight(text.lower())).strip()


def word_regex(word: str, space: str, hyphen: str = HYPHEN, accents_optional: bool = False) -> str:
    """A regex for a vocabulary word as text writes it: any apostrophe for an apostrophe, `space` for white space,
    `hyphen` for a hyphen; with `accents_optional`, an accented letter also matches its plain letter (`[ée]`)."""
    parts = []
    for char in word:
        if char in APOSTROPHES:
            parts.append(APOSTROPHE)
        elif char.isspace():
            parts.append(space)
        elif char in HYPHENS:
            parts.append(hyphen)
        elif accents_optional and fold(char) != char.lower() and len(fold(char)) == 1:
            parts.append(f"[{re.escape(char)}{fold(char)}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)
