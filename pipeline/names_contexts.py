"""Names found by their context (`fr_name_contexts`: patterns/names_contexts.jsonl), after the model."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from pipeline.names_ruler import CONTEXT_PATTERNS, EntitySet, _is_rule_span, native_token
from pipeline.resources import load_pattern
from pipeline.rulefiles import check_contexts


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
            elif name.match_start <= first.start < start and _capitalised_inside(entities.doc, first.start):
                start = first.start  # the context's noun is capitalised, the head of the name (`la Banque X`)
            if name.end == name.match_end and first.end > end:
                end = first.end  # ... or to the right (`la société Crédit du Nord`)
            elif len(overlapping) > 1:
                end = first.end  # the rule's name runs over two model names: the first is the one it means
        return Span(entities.doc, start, end, label=rule.label, span_id=rule.rule_id)


def _capitalised_inside(doc: Doc, i: int) -> bool:
    """Token `i` is capitalised, and not because it opens a sentence."""
    return doc[i].text[:1].isupper() and not doc[i].is_sent_start


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

