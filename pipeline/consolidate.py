"""Consolidation of money facts across documents: one row per commitment, its sources and conflicts.

    from pipeline.consolidate import consolidate
    result = consolidate(records)          # Documents or JSON dicts carrying `facts` (fr-extract run --facts)
    result.rows, result.skipped            # rows; (where, why) for every record that could not be used

    fr-extract facts OUT.jsonl -o facts.csv   # also facts.jsonl and facts.html beside it

Two facts are the same commitment when they have

- the same actor: names folded (case, accents, articles, legal and club affixes such as `SA`,
  `FC`), joined by the aliases of patterns/facts_aliases.json (`UE` = `Union européenne`,
  `Washington` = `États-Unis`), by acronyms whose long form the records name (`TFC` = `Toulouse
  FC`) and by short forms of one longer name (`Brookfield` = `Brookfield Asset Management`);
- the same kind;
- compatible amounts: intervals that meet (a value, a range `entre 30 et 50 milliards`, a vague
  amount `plusieurs milliards` = 2 to 10 billion, `environ` ±5 %, `jusqu'à X` 95 to 100 % of X), in the same
  currency; with the same number, another currency is a conflict (the same named actor, or two
  commitments without one);
- compatible dates: two dates precise to the month or day at most a year apart.

A fact without an actor joins the one row it is compatible with (the row with the most sources
when several are, none when they tie); else it makes a row of its own with the facts of the same
kind and amount. A vague amount without an actor (`des milliards`) joins no named row. A
country acting (`la France annonce 109 milliards`) joins a compatible row whose place it is.

Each row gives the actor (the name most sources use, with the others), kind, amount or range,
currency, purpose and place (most frequent), first and last date seen, the number of sources
(documents), every source (document id, offsets of the amount and of its sentence) and the
**conflicts** between sources (amounts, currencies, actor names), shown rather than averaged.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pipeline.folding import fold, straight
from pipeline.model import PUBLISHED, Document, Entity, Fact
from pipeline.resources import load_pattern

ALIASES = "facts_aliases.json"
AFFIXES = frozenset(
    "sa sas sasu sarl se ag ltd inc plc gmbh spa nv bv llc co corp fc cf ac as rc sc ogc cie group groupe".split()
)
GENERIC_WORDS = frozenset("banque fonds groupe societe conseil ville region etat commission ministere agence".split())
APPROX = 0.05  # `environ`, `jusqu'à`, `au moins`: within 5 %
VAGUE_SPAN = (2, 10)  # `plusieurs milliards`: 2 to 10 billion
MAGNITUDES = (("milliard", 1e9), ("million", 1e6), ("mille", 1e3), ("centaine", 1e2), ("dizaine", 1e1))
CSV_COLUMNS = (
    "row",
    "actor",
    "kind",
    "amount",
    "min",
    "max",
    "currency",
    "purpose",
    "place",
    "first_date",
    "last_date",
    "sources",
    "mentions",
    "documents",
    "conflicts",
    "other_names",
)


def fold_name(text: str) -> str:
    """Lower case, no accents, no leading article, punctuation as spaces."""
    text = fold(unicodedata.normalize("NFKD", straight(text)))  # NFKD: ligatures and compatibility forms as letters
    text = re.sub(r"^(?:l'|le |la |les )", "", text.strip())
    return re.sub(r"[^\w&]+", " ", text).strip()


@cache
def _alias_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for name, others in load_pattern(ALIASES)["aliases"].items():
        for other in [name, *others]:
            table[fold_name(other)] = fold_name(name)
    return table


def actor_key(text: str) -> str:
    """The name of a party for comparison: folded, without legal or club affixes, aliases resolved."""
    words = fold_name(text).split()
    kept = [w for w in words if w not in AFFIXES] or words
    key = " ".join(kept)
    return _alias_table().get(key, key)


# ---------------------------------------------------------------------------------------------
# Mentions: one fact of one record, with what the consolidation compares.


@dataclass
class Mention:
    document: str
    path: str | None
    fact: Fact
    money: Entity | None
    actor: str | None  # actor key
    actor_label: str | None
    low: float | None
    high: float | None
    currency: str | None
    date: str | None
    place: str | None
    month: int | None = None

    def __post_init__(self) -> None:
        self.month = _month(self.date)


def _month(date: str | None) -> int | None:
    """A date precise to the month as a number of months (None for a year or no date)."""
    if not date or len(date) < 7 or not re.match(r"\d{4}-\d{2}", date):
        return None
    return int(date[:4]) * 12 + int(date[5:7])


@dataclass
class Row:
    mentions: list[Mention] = field(default_factory=list)
    actor: str | None = None
    kind: str = ""
    currency: str | None = None
    low: float | None = None
    high: float | None = None
    places: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    first_month: int | None = None
    last_month: int | None = None
    values: set[tuple[float | None, float | None]] = field(default_factory=set)

    def dates_fit(self, mention: Mention) -> bool:
        """Dates precise to the month at most a year apart from every such date of the row."""
        month = mention.month
        if month is None or self.first_month is None:
            return True
        return month - self.first_month <= 12 and self.last_month - month <= 12  # type: ignore[operator]

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.documents.add(mention.document)
        self.values.add((mention.low, mention.high))
        month = mention.month
        if month is not None:
            self.first_month = month if self.first_month is None else min(self.first_month, month)
            self.last_month = month if self.last_month is None else max(self.last_month, month)
        if self.actor is None and mention.actor is not None:
            self.actor = mention.actor
        if self.currency is None:
            self.currency = mention.currency
        if mention.low is not None:
            self.low = mention.low if self.low is None else min(self.low, mention.low)
            self.high = mention.high if self.high is None else max(self.high, mention.high)  # type: ignore[type-var]
        if mention.place:
            self.places.add(mention.place)


def money_interval(entity: Entity | None, text: str) -> tuple[float | None, float | None]:
    """The amounts an entity allows: [value, value], a range, widened by its qualifier; vague by its magnitude."""
    norm = entity.norm if entity is not None else {}
    value, low, high = norm.get("value"), norm.get("min"), norm.get("max")
    qualifier = norm.get("qualifier")
    if value is not None:
        low = high = float(value)
    elif low is not None or high is not None:
        low = float(low) if low is not None else None
        high = float(high) if high is not None else None
        if low is None:
            low = 0.0
        if high is None:
            high = low * VAGUE_SPAN[1]
    elif norm.get("vague") or entity is None:
        folded = fold_name(text)
        scale = next((size for word, size in MAGNITUDES if word in folded), None)
        if scale is None:
            return None, None
        return VAGUE_SPAN[0] * scale, VAGUE_SPAN[1] * scale
    else:
        return None, None
    if qualifier == "approx":
        low, high = low * (1 - APPROX), high * (1 + APPROX)
    elif qualifier == "max":
        low = low * (1 - APPROX)
    elif qualifier == "min":
        high = high * (1 + APPROX)
    return low, high


def _date_value(fact: Fact, published: str | None) -> str | None:
    if fact.date is None:
        return None
    if isinstance(fact.date, str):
        return published if fact.date == PUBLISHED else None
    value = fact.date.value
    return value if value and re.match(r"\d{4}", value) else None


def _from_record(record: Any) -> tuple[Document, bool]:
    """A record as a Document, and whether it has entities; of a JSON dict only what consolidation reads
    is built (its MONEY entities, its facts)."""
    if isinstance(record, Document):
        return record, bool(record.entities)
    entities = record["entities"]
    facts = record.get("facts")
    return Document(
        id=record["id"],
        path=record.get("path"),
        published=record.get("published"),
        content=[],
        entities=[Entity.from_dict(e) for e in entities if e["label"] == "MONEY"] or entities[:0],
        error=record.get("error"),
        facts=None if facts is None else [Fact.from_dict(f) for f in facts],
    ), bool(entities)


def mentions_of(document: Document) -> list[Mention]:
    entities = {(e.start, e.end): e for e in document.entities if e.label == "MONEY"}
    found = []
    for fact in document.facts or []:
        money = entities.get((fact.money.start, fact.money.end))
        low, high = money_interval(money, fact.money.text)
        found.append(
            Mention(
                document=document.id,
                path=document.path,
                fact=fact,
                money=money,
                actor=actor_key(fact.actor.text) if fact.actor is not None else None,
                actor_label=fact.actor.label if fact.actor is not None else None,
                low=low,
                high=high,
                currency=money.norm.get("currency") if money is not None else None,
                date=_date_value(fact, document.published),
                place=actor_key(fact.place.text) if fact.place is not None else None,
            )
        )
    return found


# ---------------------------------------------------------------------------------------------
# Grouping.


def _short_forms(keys: Iterable[str]) -> dict[str, str]:
    """A name that is the first or last words of exactly one longer name stands for it (`brookfield`)."""
    keys = set(keys)
    ends: dict[str, set[str]] = {}
    for key in keys:
        words = key.split()
        for size in range(1, len(words)):
            ends.setdefault(" ".join(words[:size]), set()).add(key)
            ends.setdefault(" ".join(words[-size:]), set()).add(key)
    return {
        short: next(iter(ends[short]))
        for short in keys
        if len(short) >= 4 and short not in GENERIC_WORDS and len(ends.get(short, ())) == 1
    }


def _acronyms(mentions: Sequence[Mention]) -> dict[str, str]:
    """An acronym written in capitals (`TFC`) stands for the one name whose initials it is (`toulouse fc`)."""
    by_initials: dict[str, set[str]] = {}
    for key in {m.actor for m in mentions if m.actor and " " in m.actor}:
        words = [w for w in key.split() if w not in ("de", "du", "des", "la", "le", "les", "l", "d", "et")]
        if len(words) >= 2:
            by_initials.setdefault("".join(w[0] for w in words), set()).add(key)
    mapping = {}
    for mention in mentions:
        text = mention.fact.actor.text.strip() if mention.fact.actor is not None else ""
        if mention.actor and 2 <= len(text) <= 6 and text.isupper() and len(by_initials.get(mention.actor, ())) == 1:
            mapping[mention.actor] = next(iter(by_initials[mention.actor]))
    return mapping


def _overlap(a: tuple[float | None, float | None], b: tuple[float | None, float | None]) -> bool:
    if a[0] is None or b[0] is None:
        return False
    return a[0] <= b[1] and b[0] <= a[1]  # type: ignore[operator]


COMMITMENTS = frozenset({"investment", "fund_raising", "acquisition", "public_budget"})


def _compatible(row: Row, mention: Mention, same_actor: bool) -> bool:
    if row.kind != mention.fact.kind:
        return False
    if not _overlap((row.low, row.high), (mention.low, mention.high)):
        return False
    if row.currency and mention.currency and row.currency != mention.currency:
        # The same number in another currency, for one party or for a commitment without one: a conflict.
        same_number = (mention.low, mention.high) in row.values
        if not (same_number and (same_actor or (row.actor is None and row.kind in COMMITMENTS))):
            return False
    return row.dates_fit(mention)


@dataclass
class Consolidation:
    rows: list[dict[str, Any]]
    skipped: list[tuple[str, str]]  # (where, why)
    documents: int
    facts: int


def consolidate(records: Iterable[Any], where: Sequence[str] | None = None) -> Consolidation:
    """Rows of the facts of `records` (Documents or record dicts); records that cannot be used are skipped."""
    mentions: list[Mention] = []
    skipped: list[tuple[str, str]] = []
    documents = 0
    for index, record in enumerate(records):
        label = where[index] if where is not None else f"record {index + 1}"
        try:
            document, has_entities = _from_record(record)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            skipped.append((label, f"not a fr-extract record ({exc.__class__.__name__}: {exc})"))
            continue
        if document.error:
            skipped.append((label, f"{document.id}: an error record ({document.error.get('type', 'error')})"))
            continue
        if not has_entities:
            skipped.append((label, f"{document.id}: a record without entities"))
            continue
        if document.facts is None:
            skipped.append((label, f"{document.id}: no facts (run `fr-extract run --facts`)"))
            continue
        documents += 1
        mentions.extend(mentions_of(document))
    rows = group(mentions)
    return Consolidation([describe(row, i + 1) for i, row in enumerate(rows)], skipped, documents, len(mentions))


BUCKETS_PER_DECADE = 20


def _decades(low: float | None, high: float | None) -> range:
    """The buckets of the index of rows by amount an interval spans (twentieths of a power of ten)."""
    if low is None or high is None:
        return range(0)
    first = math.floor(BUCKETS_PER_DECADE * math.log10(max(low, 1.0)))
    return range(first, math.floor(BUCKETS_PER_DECADE * math.log10(max(high, 1.0))) + 1)


def group(mentions: list[Mention]) -> list[Row]:
    """The rows of the mentions: named actors first, then the facts without one, then countries acting."""
    aliases = _acronyms(mentions)
    aliases.update(_short_forms(m.actor for m in mentions if m.actor))
    for mention in mentions:
        if mention.actor is not None:
            mention.actor = aliases.get(mention.actor, mention.actor)
    rows: list[Row] = []
    by_actor: dict[tuple[str, str], list[Row]] = {}
    ordered = sorted(mentions, key=lambda m: (m.actor is None, m.document, m.fact.money.start))
    for mention in ordered:
        if mention.actor is None:
            continue
        key = (mention.actor, mention.fact.kind)
        target = next((r for r in by_actor.get(key, []) if _compatible(r, mention, True)), None)
        if target is None:
            target = Row(kind=mention.fact.kind)
            rows.append(target)
            by_actor.setdefault(key, []).append(target)
        target.add(mention)
    # Rows with an actor, grouped by kind and amount interval (most sources first), and the groups indexed
    # by kind and bucket of amount: a fact without an actor looks only at the rows of overlapping amounts.
    groups: dict[tuple[str, float | None, float | None], list[Row]] = {}
    for row in rows:
        groups.setdefault((row.kind, row.low, row.high), []).append(row)
    index: dict[tuple[str, int], list[tuple[str, float | None, float | None]]] = {}
    for key, members in groups.items():
        members.sort(key=lambda r: -len(r.documents))
        for bucket in _decades(key[1], key[2]):
            index.setdefault((key[0], bucket), []).append(key)
    orphans: list[Row] = []
    orphan_index: dict[tuple[str, float | None], list[Row]] = {}
    for mention in ordered:
        if mention.actor is not None:
            continue
        vague = mention.money is None or mention.money.norm.get("vague")
        best: list[Row] = []
        if not vague:
            keys = {k for b in _decades(mention.low, mention.high) for k in index.get((mention.fact.kind, b), ())}
            for key in sorted(keys, key=str):
                if not _overlap((key[1], key[2]), (mention.low, mention.high)):
                    continue
                for row in groups[key]:
                    if best and len(row.documents) < len(best[0].documents):
                        break
                    if _compatible(row, mention, False):
                        if best and len(row.documents) > len(best[0].documents):
                            best = []
                        best.append(row)
                        if len(best) > 1:
                            break
        if len(best) == 1:
            best[0].add(mention)
            continue
        key = (mention.fact.kind, mention.low)
        target = next((r for r in orphan_index.get(key, ()) if _compatible(r, mention, False)), None)
        if target is None:
            target = Row(kind=mention.fact.kind)
            orphans.append(target)
            orphan_index.setdefault(key, []).append(target)
        target.add(mention)
    rows += orphans
    return _join_countries(rows)


def _join_countries(rows: list[Row]) -> list[Row]:
    """A country acting (`la France annonce 109 milliards`) joins a compatible row whose place it is."""
    hosts: dict[str, list[Row]] = {}
    for row in rows:
        if row.actor:
            for place in row.places:
                hosts.setdefault(place, []).append(row)
    kept = []
    for row in rows:
        labels = {m.actor_label for m in row.mentions if m.actor}
        if row.actor and labels == {"LOC"}:
            host = next(
                (
                    other
                    for other in hosts.get(row.actor, ())
                    if other is not row
                    and other.actor != row.actor
                    and all(_compatible(other, m, False) for m in row.mentions)
                ),
                None,
            )
            if host is not None:
                for mention in row.mentions:
                    host.add(mention)
                continue
        kept.append(row)
    return kept


# ---------------------------------------------------------------------------------------------
# Rows as plain values.


def _amount_text(mention: Mention) -> str:
    money = mention.money
    if money is None:
        return mention.fact.money.text
    norm = money.norm
    if norm.get("value") is not None:
        number = f"{norm['value']:g}" if isinstance(norm["value"], float) else str(norm["value"])
    elif norm.get("min") is not None or norm.get("max") is not None:
        number = f"{norm.get('min')}–{norm.get('max')}"
    else:
        number = "vague"
    qualifier = {"approx": "≈", "min": "≥", "max": "≤"}.get(norm.get("qualifier") or "", "")
    return f"{qualifier}{number} {norm.get('currency') or ''}".strip()


def _ranked(values: Iterable[Any]) -> list[tuple[Any, int]]:
    """Values with their counts, most frequent first, then in order of appearance (None left out)."""
    counts: dict[Any, int] = {}
    for value in values:
        if value is not None and value != "":
            counts[value] = counts.get(value, 0) + 1
    return sorted(counts.items(), key=lambda item: -item[1])


def describe(row: Row, number: int) -> dict[str, Any]:
    mentions = sorted(row.mentions, key=lambda m: (m.document, m.fact.money.start))
    names = _ranked(m.fact.actor.text if m.fact.actor is not None else None for m in mentions)
    actor = names[0][0] if names else None
    values = _ranked(_amount_text(m) for m in mentions)
    exact = _ranked(m.money.norm.get("value") if m.money is not None else None for m in mentions)
    amount = exact[0][0] if exact else None
    currencies = _ranked(m.currency for m in mentions)
    dates = sorted(m.date for m in mentions if m.date)
    conflicts: dict[str, list[str]] = {}
    if len(values) > 1:
        conflicts["amount"] = [f"{text} ({count})" for text, count in values]
    if len(currencies) > 1:
        conflicts["currency"] = [f"{code} ({count})" for code, count in currencies]
    if len({m.actor for m in mentions if m.actor}) > 1:
        conflicts["actor"] = [f"{name} ({count})" for name, count in names]
    sources = [
        {
            "id": m.document,
            "path": m.path,
            "money": [m.fact.money.start, m.fact.money.end],
            "text": m.fact.money.text,
            "sentence": None if m.fact.sentence is None else [m.fact.sentence.start, m.fact.sentence.end],
            "evidence": None if m.fact.sentence is None else m.fact.sentence.text,
            "actor": None if m.fact.actor is None else m.fact.actor.text,
            "date": m.date,
            "rule": m.fact.rule,
        }
        for m in mentions
    ]
    first = sources[0]
    identity = f"{row.actor}|{row.kind}|{row.currency}|{first['id']}|{first['money'][0]}|{first['money'][1]}"
    purposes = _ranked(m.fact.purpose.text if m.fact.purpose else None for m in mentions)
    places = _ranked(m.fact.place.text if m.fact.place else None for m in mentions)
    labels = _ranked(m.actor_label for m in mentions)
    documents = sorted({m.document for m in mentions})
    return {
        "row": number,
        "id": hashlib.sha1(identity.encode("utf-8")).hexdigest()[:12],
        "actor": actor,
        "actor_label": labels[0][0] if labels else None,
        "other_names": sorted(name for name, _ in names[1:]),
        "kind": row.kind,
        "amount": amount,
        "min": row.low if amount is None else None,
        "max": row.high if amount is None else None,
        "currency": currencies[0][0] if currencies else None,
        "amount_texts": [text for text, _ in values],
        "purpose": purposes[0][0] if purposes else None,
        "place": places[0][0] if places else None,
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "sources": len(documents),
        "mentions": len(mentions),
        "documents": documents,
        "conflicts": conflicts,
        "evidence": sources,
    }


# ---------------------------------------------------------------------------------------------
# Files: CSV for spreadsheets, the JSONL twin, an HTML table with links to the evidence.


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.15g}"
    return str(value)


def rows_csv(rows: Sequence[Mapping[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        documents = "; ".join(f"{s['id']}@{s['money'][0]}-{s['money'][1]}" for s in row["evidence"])
        conflicts = "; ".join(f"{name}: {', '.join(values)}" for name, values in row["conflicts"].items())
        cells = {**row, "documents": documents, "conflicts": conflicts, "other_names": "; ".join(row["other_names"])}
        writer.writerow([_cell(cells[column]) for column in CSV_COLUMNS])
    return buffer.getvalue()


def rows_jsonl(rows: Sequence[Mapping[str, Any]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False, separators=(", ", ": ")) + "\n" for row in rows)


def rows_html(rows: Sequence[Mapping[str, Any]], title: str = "fr-extract: money facts") -> str:
    """A table of the rows; each row links to its evidence sentences, listed below with the amount marked."""
    esc = html.escape
    head = "".join(f"<th>{esc(c)}</th>" for c in ("#", "actor", "kind", "amount", "currency", "purpose", "place"))
    head += "".join(f"<th>{esc(c)}</th>" for c in ("dates", "sources", "conflicts", "evidence"))
    body, evidence = [], []
    for row in rows:
        if row["amount"] is not None:
            amount = _cell(row["amount"])
        elif row["min"] is not None:
            amount = f"{_cell(row['min'])} – {_cell(row['max'])}"
        else:
            amount = ""
        links = " ".join(
            f'<a href="#r{row["row"]}-{i}">{esc(source["id"])}</a>' for i, source in enumerate(row["evidence"], 1)
        )
        conflicts = "<br>".join(f"{esc(k)}: {esc(', '.join(v))}" for k, v in row["conflicts"].items())
        dates = " – ".join(sorted({d for d in (row["first_date"], row["last_date"]) if d}))
        cells = [row["row"], row["actor"] or "–", row["kind"], amount, row["currency"] or "", row["purpose"] or ""]
        cells += [row["place"] or "", dates, row["sources"]]
        body.append(
            "<tr>"
            + "".join(f"<td>{esc(_cell(c))}</td>" for c in cells)
            + f'<td class="conflict">{conflicts}</td><td>{links}</td></tr>'
        )
        for i, source in enumerate(row["evidence"], 1):
            sentence = source["evidence"] or source["text"]
            start = sentence.find(source["text"])
            marked = (
                esc(sentence[:start])
                + f"<mark>{esc(source['text'])}</mark>"
                + esc(sentence[start + len(source["text"]) :])
                if start >= 0
                else esc(sentence)
            )
            where = esc(source["path"] or source["id"])
            evidence.append(
                f'<li id="r{row["row"]}-{i}"><b>row {row["row"]}</b> · {where} '
                f"[{source['money'][0]}–{source['money'][1]}] · {esc(source['rule'] or '')}<br>{marked}</li>"
            )
    css = (
        "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1400px}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top}th{background:#f2f2f2}"
        "td.conflict{color:#a40}li{margin:.5em 0}mark{background:#e4e7d2}"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>{esc(title)}</title>'
        f"<style>{css}</style></head><body><h1>{esc(title)}</h1><p>{len(rows)} rows. Each row links to the "
        "sentences it was read from (below).</p>"
        f"<table><tr>{head}</tr>{''.join(body)}</table><h2>Evidence</h2><ol>{''.join(evidence)}</ol></body></html>\n"
    )


def read_records_leniently(lines: Iterable[str]) -> tuple[list[Any], list[str], list[tuple[str, str]]]:
    """Records of JSONL lines, their places (`line N`), and the lines that are not JSON objects."""
    records, where, bad = [], [], []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            bad.append((f"line {number}", f"not JSON ({exc.msg})"))
            continue
        if not isinstance(record, dict):
            bad.append((f"line {number}", "not a JSON object"))
            continue
        records.append(record)
        where.append(f"line {number}")
    return records, where, bad
