"""One text folding for vocabulary lookups: lower case without accents, one kind of apostrophe, one space.

    fold("Évry")                    -> "evry"
    key("l’Union  euro-péenne")     -> "l'union euro peenne"

`APOSTROPHES` holds every character French text writes an apostrophe with (the curly ’ and ‘, the
straight ', the modifier letter ʼ, the accents ´ and ` typed in its place). money.py looks its
vocabulary up under `key`; the foldings of dates.py, names.py and boilerplate.py are to move here
(issue 16).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

APOSTROPHES = "’'ʼ‘´`"
_APOSTROPHE = re.compile(f"[{APOSTROPHES}]")
_SPACES_AND_HYPHENS = re.compile(r"[\s\-‑]+")


def fold(text: str) -> str:
    """Lower case without accents."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=16384)
def key(text: str) -> str:
    """A vocabulary key: folded, one space between words (hyphens count as spaces), one kind of apostrophe."""
    return _SPACES_AND_HYPHENS.sub(" ", _APOSTROPHE.sub("'", fold(text))).strip()
