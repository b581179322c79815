"""The name rules as spaCy components around the model's `ner` (see pipeline.names for the order and policy):
the word lists of patterns/names_rules.json, the token attributes the patterns use, the line-break sentence
starts, the gazetteer (`fr_names_ruler`: patterns/names_ruler.jsonl set before the model) and the known
places (`fr_place_names`: its LOC patterns, CLDR countries and patterns/places_subdivisions.json, on either
side of the model). The rulers serialise their patterns with `nlp.to_disk`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import product
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from pipeline import overlaps
from pipeline.folding import APOSTROPHES, HYPHENS, lowered, straight
from pipeline.names_document import known_cities
from pipeline.resources import alternation, load_pattern
from pipeline.rulefiles import check_ruler

RULER_PATTERNS = "names_ruler.jsonl"
CALENDAR = "dates_calendar.json"
CONTEXT_PATTERNS = "names_contexts.jsonl"
RULES = "names_rules.json"
PLACES = "places_subdivisions.json"
LIST_JOINTS = frozenset({",", "et", "ou"})
# How many lower-case words may stand between an institution head and a place inside its name.
INSIDE_NAME_LOOKBACK = 6

# Token patterns repeat a token (`"OP": "+"`, `"*"`) at most this many times: a longer run of name words is no
# name, and an unbounded repetition makes spaCy's Matcher quadratic or worse on a run of capitalised words
# ("Paris Paris Paris …", issue 18). The longest names of the gold set have 4 name words in a row.
MAX_PATTERN_REPEAT = 8
# How far post-processing looks around a name (characters, never across a line break).


def _alternation(words: Iterable[str]) -> str:
    return alternation(lowered(w) for w in words)


def _plural(word: str) -> str:
    return word if word.endswith(("s", "x")) else word + "s"


@dataclass(frozen=True)
class NameRules:
    """The word lists of patterns/names_rules.json, folded (lower case, straight apostrophe)."""

    determiners: frozenset[str]
    edge_characters: str
    quotes: str
    abbreviations: frozenset[str]
    role_titles: frozenset[str]
    role_complements: frozenset[str]
    calendar_words: frozenset[str]
    date_filler: frozenset[str]
    not_names: frozenset[str]
    stop_words: frozenset[str]
    function_words: frozenset[str]
    descriptors: frozenset[str]
    seats: frozenset[str]
    at_place: re.Pattern[str]
    figurative_before: re.Pattern[str]
    figurative_after: re.Pattern[str]
    heading: dict

    @classmethod
    def load(cls) -> NameRules:
        data = load_pattern(RULES)
        # Weekdays and months come from the dates stage's calendar, the one list of them.
        calendar = load_pattern(CALENDAR)
        data = {**data, "weekdays": list(calendar["weekdays"]), "months": list(calendar["months"])}

        def folded(key: str) -> frozenset[str]:
            return frozenset(lowered(w) for w in data[key])

        nationalities = folded("nationalities") | {_plural(w) for w in folded("nationalities")}
        adjectives = nationalities | folded("descriptors")
        figurative = data["figurative"]
        return cls(
            determiners=folded("determiners"),
            edge_characters="".join(data["quotes"] + data["edge_punctuation"]),
            quotes="".join(data["quotes"]),
            abbreviations=folded("abbreviations"),
            role_titles=folded("role_titles"),
            role_complements=folded("role_complements"),
            calendar_words=folded("weekdays") | folded("months") | _english_calendar(),
            date_filler=folded("date_filler"),
            not_names=folded("not_names"),
            stop_words=folded("function_words"),
            function_words=folded("function_words") | folded("weekdays") | folded("months") | folded("role_titles"),
            descriptors=adjectives | {_plural(w) for w in adjectives},
            seats=folded("seats"),
            # `à`, `devant`, ... then maybe an article, at the end of the text before the name
            at_place=re.compile(rf"(?:^|[\s(])(?:{_alternation(data['place_prepositions'])})\s*(?:l'|la\s|le\s)?\s*$"),
            figurative_before=re.compile(
                rf"(?:^|[\s'])(?:{_alternation(figurative['articles'])})"
                rf"(?:\s+(?:{_alternation(figurative['adjectives'])}))*$"
            ),
            # ... then a complement (`de l'IA`) or a nationality (`un Google européen`)
            figurative_after=re.compile(
                rf"^(?:{_alternation([*figurative['complements'], *nationalities])})(?:[\s,;.]|(?<=')|$)"
            ),
            heading=data["heading"],
        )


def _english_calendar() -> frozenset[str]:
    """English month and weekday names (CLDR through Babel), which French pages quote in English dates
    (`12 February 2025`): never names of their own. `May` is left out, a surname as often as a month."""
    from babel import Locale

    english = Locale("en")
    words = [*english.months["format"]["wide"].values(), *english.days["format"]["wide"].values()]
    return frozenset(lowered(w) for w in words if w != "May")


@cache
def name_rules() -> NameRules:
    return NameRules.load()


# ---------------------------------------------------------------------------------------------
# Token attributes the patterns use: a word that may be part of a name (it starts with a letter,
# is not all lower case, and is no function word), an adjective that may stand between a noun
# and the name it introduces (`le fonds canadien Brookfield`), and the joints of a list of names.


def _is_name_word(token: Token) -> bool:
    return token.text[0].isalpha() and not token.is_lower and lowered(token.lower_) not in name_rules().function_words


def _is_descriptor(token: Token) -> bool:
    return lowered(token.lower_) in name_rules().descriptors


def _is_list_joint(token: Token) -> bool:
    return token.lower_ in LIST_JOINTS


EXTENSIONS = {
    "fr_name_word": _is_name_word,
    "fr_descriptor": _is_descriptor,
    "fr_list_joint": _is_list_joint,
    "fr_name_or_joint": lambda token: _is_list_joint(token) or _is_name_word(token),
}
for _name, _getter in EXTENSIONS.items():
    if not Token.has_extension(_name):
        Token.set_extension(_name, getter=_getter)


def _every_apostrophe(words: Iterable[str]) -> list[str]:
    """Each word written with each of folding's apostrophes (a token's `LOWER` keeps the one the page printed)."""
    return sorted({straight(word).replace("'", apostrophe) for word in words for apostrophe in APOSTROPHES})


def bounded(spec: dict) -> dict:
    """A token pattern whose `+` or `*` repeats at most MAX_PATTERN_REPEAT times."""
    operator = spec.get("OP")
    if operator not in ("+", "*"):
        return spec
    return {**spec, "OP": f"{{{1 if operator == '+' else 0},{MAX_PATTERN_REPEAT}}}"}


def native_token(spec: dict) -> dict:
    """A token pattern with the attributes above spelled in spaCy's own (same matches, several times faster),
    its repetition bounded (`bounded`)."""
    spec = bounded(spec)
    extension = spec.get("_")
    if not extension or len(extension) != 1:
        return spec
    (name, wanted), *_ = extension.items()
    if wanted is not True or name not in ("fr_name_word", "fr_descriptor", "fr_list_joint"):
        return spec  # `fr_name_or_joint` has no such spelling: it stays an extension
    rules = name_rules()
    native = {key: value for key, value in spec.items() if key != "_"}
    if name == "fr_name_word":
        native.update(
            IS_LOWER=False, TEXT={"REGEX": r"^[^\W\d_]"}, LOWER={"NOT_IN": _every_apostrophe(rules.function_words)}
        )
    elif name == "fr_descriptor":
        native["LOWER"] = {"IN": _every_apostrophe(rules.descriptors)}
    else:
        native["LOWER"] = {"IN": sorted(LIST_JOINTS)}
    return native


# ---------------------------------------------------------------------------------------------
# The spaCy components (registered in pipeline/components.py).


def mark_line_breaks(doc: Doc) -> Doc:
    """A token holding a line break, and the token after it, start sentences: no entity crosses them."""
    if doc.has_annotation("DEP"):
        return doc  # a parser has set the sentences already
    for token in doc:
        if "\n" in token.text or "\r" in token.text:
            token.is_sent_start = True
            if token.i + 1 < len(doc):
                doc[token.i + 1].is_sent_start = True
    return doc


def _is_rule_span(span: Span) -> bool:
    return bool(span.id_)


class EntitySet:
    """The entities of a doc while a component edits them: sorted, disjoint, in tokens."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.spans: list[Span] = list(doc.ents)
        self.changed = False

    def overlapping(self, start: int, end: int) -> list[Span]:
        """The entities that share a token with [start, end), in order."""
        return overlaps.overlapping(self.spans, start, end)

    def put(self, span: Span) -> None:
        """Add `span`, removing the entities it overlaps (overlaps.newest_wins)."""
        self.spans = overlaps.newest_wins(self.spans, span)
        self.changed = True

    def write(self) -> Doc:
        if self.changed:
            self.doc.ents = self.spans
        return self.doc


_PLAIN_KEYS = {"ORTH", "LOWER", "IS_LOWER"}


def _is_plain(pattern: list[dict]) -> bool:
    """A pattern of fixed words: each token an ORTH or LOWER string or IN-list, maybe IS_LOWER, no operator."""
    return all(
        set(token) <= _PLAIN_KEYS
        and ("ORTH" in token or "LOWER" in token)
        and all(isinstance(v, str | bool) or set(v) == {"IN"} for v in token.values())
        for token in pattern
    )


def _token_fits(token: Token, spec: dict) -> bool:
    for key, value in spec.items():
        if key == "IS_LOWER":
            if token.is_lower != value:
                return False
            continue
        actual = token.text if key == "ORTH" else token.lower_
        if actual not in value["IN"] if isinstance(value, dict) else actual != value:
            return False
    return True


def _lower_forms(token: dict) -> list[str]:
    value = token.get("LOWER", token.get("ORTH"))
    forms = value["IN"] if isinstance(value, dict) else [value]
    return sorted({form.lower() for form in forms})


class PatternSet:
    """EntityRuler patterns ({label, pattern, id}) matched as spaCy's EntityRuler matches them.

    Patterns of fixed words, the bulk of a vocabulary, go to a PhraseMatcher on lower case (one
    hash lookup per token, whatever the number of names) and each hit is checked against its
    token constraints; the others (shapes, regexes, operators) go to a Matcher.
    Overlapping matches: the longest wins, then the first (overlaps.longest_first, spaCy's `filter_spans`).
    """

    def __init__(self, nlp: Language, patterns: Iterable[dict]):
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher = Matcher(nlp.vocab)
        self.patterns: list[dict] = list(patterns)
        for index, pattern in enumerate(self.patterns):
            tokens = pattern["pattern"]
            if _is_plain(tokens):
                forms = product(*(_lower_forms(token) for token in tokens))
                self.phrases.add(str(index), [Doc(nlp.vocab, words=list(words)) for words in forms])
            else:
                self.matcher.add(str(index), [[native_token(token) for token in tokens]])

    def __call__(self, doc: Doc) -> list[Span]:
        matches = [*self.phrases(doc), *(self.matcher(doc) if len(self.matcher) else ())]
        spans = []
        for match_id, start, end in matches:
            pattern = self.patterns[int(doc.vocab.strings[match_id])]
            tokens = pattern["pattern"]
            if _is_plain(tokens) and not all(_token_fits(doc[start + i], spec) for i, spec in enumerate(tokens)):
                continue
            spans.append(Span(doc, start, end, label=pattern["label"], span_id=pattern.get("id", pattern["label"])))
        return overlaps.longest_first(spans)


PATTERNS_FILE = "patterns.jsonl"


def _write_patterns(path, patterns: Sequence[dict]) -> None:
    """A ruler's patterns as JSON lines in the component's folder of `nlp.to_disk` (spaCy's EntityRuler layout)."""
    import srsly

    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    srsly.write_jsonl(folder / PATTERNS_FILE, patterns)


def _read_patterns(path) -> list[dict]:
    import srsly

    return list(srsly.read_jsonl(Path(path) / PATTERNS_FILE))


class _PatternsOnDisk:
    """`nlp.to_disk` / `from_disk` for a component holding a PatternSet: its patterns as JSONL."""

    nlp: Language
    patterns: PatternSet

    def to_disk(self, path, exclude: Iterable[str] = ()) -> None:
        _write_patterns(path, self.patterns.patterns)

    def from_disk(self, path, exclude: Iterable[str] = ()):
        self.patterns = PatternSet(self.nlp, _read_patterns(path))
        return self


class NamesRuler(_PatternsOnDisk):
    """The vocabulary and shapes of patterns/names_ruler.jsonl (places apart), set before the model.

    The results of spaCy's EntityRuler with overwrite_ents=False: matches are added where no
    entity is yet.
    """

    def __init__(self, nlp: Language, name: str, patterns: Iterable[dict]):
        self.name = name
        self.nlp = nlp
        self.patterns = PatternSet(nlp, patterns)

    def __call__(self, doc: Doc) -> Doc:
        entities = EntitySet(doc)
        # `Renault Trucks`, `BNP Paribas Fortis`: a listed name that runs on into a longer one stays out.
        found = [span for span in self.patterns(doc) if not (_runs_on(doc, span) or _runs_in(doc, span))]
        for span in overlaps.outside(entities.spans, found):  # the matches are disjoint: each goes where nothing is
            entities.put(span)
        return entities.write()


# Words that join two parts of one name, never two names: `Art Institute of Chicago`, `Bank of America`.
NAME_JOINTS = frozenset({"of"})


def _runs_on(doc: Doc, span: Span) -> bool:
    """A listed name followed, on the same line, by a capitalised word that is no sentence start, by a hyphen
    glued to a word (`Groupama-FDJ`, `Banque Rhône-Alpes`) or by `of` and a name word: a longer name."""
    after = span.end
    if after >= len(doc) or doc[after].is_sent_start:
        return False
    if _glued_hyphen(doc, after):
        return True
    if doc[after].lower_ in NAME_JOINTS and after + 1 < len(doc) and doc[after + 1]._.fr_name_word:
        return True
    return span.label_ != "MISC" and doc[after]._.fr_name_word and not doc[after].text.isupper()


def _runs_in(doc: Doc, span: Span) -> bool:
    """A listed name right after a capitalised word of the same sentence (`Cory Blackwell`, `BGL BNP Paribas`): the
    end of a longer name, a person's or a company's, that the model reads whole."""
    before = span.start - 1
    return (
        before >= 0
        and not span.id_.startswith("shape:")  # a shape reads its own words (`Résilience 2025`)
        and not doc[span.start].is_sent_start
        and doc[before]._.fr_name_word
        and not doc[before].is_sent_start
        and not doc[before].text.isupper()
        and doc[before].whitespace_ != ""
    )


def _glued_hyphen(doc: Doc, i: int) -> bool:
    """Token `i` is a hyphen glued, without a space, to the words before and after it (`Wallonie-Bruxelles`)."""
    return (
        0 < i < len(doc) - 1
        and doc[i].text in HYPHENS
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i + 1].text[:1].isalpha()
    )


def _hyphen_glued(doc: Doc, span: Span, starts: set[int], ends: set[int]) -> bool:
    """A span joined by a hyphen, without a space, to a word before or after it (`Paris-Orly`, `Hydro-Québec`,
    `Luxembourg-Ville`): it is part of a longer compound name, not a name of its own; but two places so joined
    (tokens in `starts` and `ends`, or a GeoNames city) are a route or a pair, each its own name
    (`Marseille-Ajaccio`)."""
    after, before = span.end, span.start - 1
    if (
        after + 1 < len(doc)
        and after + 1 not in starts
        and doc[after + 1].text not in known_cities()
        and doc[after].text in "-–"
        and not doc[after - 1].whitespace_
        and not doc[after].whitespace_
        and doc[after + 1].text[:1].isalpha()
    ):
        return True
    return (
        before >= 1
        and before not in ends
        and doc[before - 1].text not in known_cities()
        and doc[before].text in "-–"
        and not doc[before].whitespace_
        and not doc[before - 1].whitespace_
        and doc[before - 1].text[-1:].isalpha()
    )


class PlaceNames(_PatternsOnDisk):
    """The gazetteer of places (the LOC patterns of the ruler file), on either side of the model.

    Places are what the model knows best. Before it, a known place is set only where no longer
    name can run into it (not after a capitalised word: `Société du Grand Paris`, `Crédit
    Agricole Île-de-France` are left to the model). After it, a known place fixes the label of a
    model span of exactly its extent and names a place the model missed, but never cuts a
    longer model name.
    """

    def __init__(self, nlp: Language, name: str, patterns: Iterable[dict], before_model: bool):
        self.name = name
        self.nlp = nlp
        self.before_model = before_model
        self.patterns = PatternSet(nlp, patterns)

    @staticmethod
    def _inside_a_name(doc: Doc, place: Span) -> bool:
        """A place that is part of a longer name: after `X de`, after an institution head and its
        lower-case words (`Conseil départemental du`), or before a capitalised word (`Toulouse FC`)."""
        after = place.end
        if after < len(doc) and doc[after]._.fr_name_word and not doc[after].is_sent_start:
            return True
        i = place.start - 1
        while i >= 1 and _glued_hyphen(doc, i) and not doc[i].is_sent_start:
            i -= 2  # the place ends a hyphenated compound (`Fédération Wallonie-Bruxelles`): look before the compound
        if i >= 0 and lowered(doc[i].text) in ("de", "du", "des", "d'", *NAME_JOINTS):
            i -= 1
        if i >= 0 and doc[i]._.fr_name_word and not doc[i].is_sent_start:
            return True
        heads = _org_heads()
        for j in range(i, max(-1, i - INSIDE_NAME_LOOKBACK), -1):
            token = doc[j]
            if token.text in heads:
                return True
            if not (token.is_lower or lowered(token.text) in ("de", "du", "des", "d'", "l'")):
                return False
        return False

    def __call__(self, doc: Doc) -> Doc:
        entities = EntitySet(doc)
        places = self.patterns(doc)
        starts, ends = {p.start for p in places}, {p.end for p in places}
        for place in places:
            if _hyphen_glued(doc, place, starts, ends) or (self.before_model and self._inside_a_name(doc, place)):
                continue
            overlapping = entities.overlapping(place.start, place.end)
            if not overlapping or (
                len(overlapping) == 1
                and not _is_rule_span(overlapping[0])
                and (overlapping[0].start, overlapping[0].end) == (place.start, place.end)
            ):
                entities.put(place)
        return entities.write()


# Articles a name may open with (`La Défense`, `Le Soir`, `Les Verts`).
NAME_ARTICLES = frozenset({"la", "le", "les", *(f"l{apostrophe}" for apostrophe in APOSTROPHES)})


def article_guarded(entry: dict) -> dict:
    """A listed name that opens with a capitalised article wants its next word capitalised too: at a sentence start
    the article's capital says nothing (`La réunion publique`, `Le soir, ...` are no `La Réunion`, `Le Soir`)."""
    tokens = entry["pattern"]
    if (
        len(tokens) < 2
        or tokens[0].get("IS_LOWER") is not False
        or tokens[0].get("LOWER") not in NAME_ARTICLES
        or "IS_LOWER" in tokens[1]
        or set(tokens[1]) != {"LOWER"}
    ):
        return entry
    return {**entry, "pattern": [tokens[0], {**tokens[1], "IS_LOWER": False}, *tokens[2:]]}


def _listed(patterns: str) -> list[dict]:
    return [article_guarded(p) for p in check_ruler(patterns, load_pattern(patterns))]


def ruler_patterns(patterns: str = RULER_PATTERNS) -> list[dict]:
    """The patterns of the ruler file but its places (those go to `place_patterns`)."""
    return [p for p in _listed(patterns) if p["label"] != "LOC"]


@cache
def _org_heads() -> frozenset[str]:
    return frozenset(load_pattern("names_document.json")["org_heads"]["prefixes"])


def place_patterns(nlp: Language, patterns: str = RULER_PATTERNS) -> list[dict]:
    """Known places: the LOC patterns of the ruler file, CLDR's countries and territories in French
    (through Babel) and the divisions of patterns/places_subdivisions.json, each as exact tokens."""
    from babel import Locale

    listed = [p for p in _listed(patterns) if p["label"] == "LOC"]
    data = load_pattern(PLACES)
    excluded = set(data["cldr_exclusions"]["names"])
    names = {name for code, name in Locale("fr").territories.items() if not code.isdigit()}
    names = {straight(n) for n in names if n not in excluded and "(" not in n and "." not in n}
    for value in data.values():
        if isinstance(value, list):
            names.update(value)
    known = {tuple(str(t.get("ORTH") or t.get("LOWER") or "").lower() for t in p["pattern"]) for p in listed}
    for name in sorted(names):
        tokens = [t.text for t in nlp.make_doc(name)]
        if tuple(t.lower() for t in tokens) in known:
            continue
        listed.append({"label": "LOC", "id": f"place:{name}", "pattern": [{"ORTH": t} for t in tokens]})
    return listed

