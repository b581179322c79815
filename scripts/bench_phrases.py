"""fr_money and fr_dates against other libraries on the phrase tables (tests/data/phrases_*.jsonl).

    python scripts/bench_phrases.py              # both tables, every row
    python scripts/bench_phrases.py --set heldout

Money: the `fr_money` component (in `spacy.blank("fr")`) against Microsoft Recognizers-Text's French
currency model (`recognizers-text-suite`, the `bench` extra: `pip install -e ".[bench]"`). Dates: the
`fr_dates` component against dateparser's `search_dates` (languages=["fr"], the row's publication date as
RELATIVE_BASE). For every entity a row expects:

- detection: a predicted span overlaps it; exact: the same span;
- value: the prediction that overlaps it has the expected value. MONEY: value (or min and max of a
  range) and ISO currency; Recognizers-Text names units ("Livre britannique", "Centimes"), mapped to
  ISO codes below, hundredths divided by 100. DATE: the TIMEX3 value; dateparser gives a datetime,
  compared at the precision of the expected value (day, month or year); what it cannot express
  (quarters, seasons, weeks, spans, placeholders) counts as wrong.

Rows that expect nothing (look-alikes) count the false alarms of each system. The last column is the
ratio of fr_* to the other library. The tables mark which rows the rules were developed on (`dev`) and
which were written before the code as held-out checks (`heldout`).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT / "tests" / "data"
RECOGNIZERS_INSTALL = 'pip install -e ".[bench]"  (recognizers-text-suite, emoji<1.0)'

# Recognizers-Text French currency units -> (ISO code, factor to the main unit).
RECOGNIZERS_UNITS: dict[str, tuple[str | None, Decimal]] = {
    "Euro": ("EUR", Decimal(1)),
    "Centimes": ("EUR", Decimal("0.01")),
    "Centime": ("EUR", Decimal("0.01")),
    "Cent": ("USD", Decimal("0.01")),
    "Pence": ("GBP", Decimal("0.01")),
    "Penny": ("GBP", Decimal("0.01")),
    "Dollar": ("USD", Decimal(1)),
    "Dollar États-Unis": ("USD", Decimal(1)),
    "Dollar canadien": ("CAD", Decimal(1)),
    "Dollar australien": ("AUD", Decimal(1)),
    "Livre": ("GBP", Decimal(1)),
    "Livre britannique": ("GBP", Decimal(1)),
    "Livre sterling": ("GBP", Decimal(1)),
    "Franc Suisse": ("CHF", Decimal(1)),
    "Franc CFA de l'Afrique de l'Ouest": ("XOF", Decimal(1)),
    "Franc CFA d'Afrique centrale": ("XAF", Decimal(1)),
    "Yen Japonais": ("JPY", Decimal(1)),
    "Mark Finlandais": ("FIM", Decimal(1)),
    "Florins Néerlandais": ("NLG", Decimal(1)),
    "Dirham marocain": ("MAD", Decimal(1)),
}


def load(name: str, which: str) -> list[dict]:
    rows = [json.loads(line) for line in (DATA / f"phrases_{name}.jsonl").read_text(encoding="utf-8").splitlines()]
    return [row for row in rows if which == "all" or row["set"] == which]


@dataclass
class Prediction:
    start: int
    end: int
    fields: dict


@dataclass
class Score:
    expected: int = 0
    detected: int = 0
    exact: int = 0
    valued: int = 0
    false_alarms: int = 0
    empty_rows: int = 0
    failures: list[str] = field(default_factory=list)

    def rate(self, name: str) -> float:
        return getattr(self, name) / self.expected if self.expected else 0.0


def locate(text: str, expected: list, key) -> list[tuple[int, int, object]]:
    """Each expected entity with its offsets: the first occurrence of its text after the previous one."""
    located, position = [], 0
    for item in expected:
        span = key(item)
        start = text.find(span, position)
        located.append((start, start + len(span), item))
        position = start + len(span)
    return located


def score(rows, predict, expected_of, value_ok) -> Score:
    result = Score()
    for row in rows:
        predictions = predict(row)
        expected = expected_of(row)
        if not expected:
            result.empty_rows += 1
            result.false_alarms += len(predictions)
            continue
        for start, end, item in expected:
            result.expected += 1
            overlapping = [p for p in predictions if p.start < end and start < p.end]
            if not overlapping:
                result.failures.append(f"missed {row['text']!r}")
                continue
            result.detected += 1
            best = min(overlapping, key=lambda p: abs(p.start - start) + abs(p.end - end))
            result.exact += best.start == start and best.end == end
            result.valued += value_ok(best, item, row)
    return result


# --- money -----------------------------------------------------------------------------------


def money_expected(row):
    return locate(row["text"], [e for e in row["expect"] if e["label"] == "MONEY"], lambda e: e["text"])


def same_number(got, expected) -> bool:
    if got is None or expected is None:
        return got is None and expected is None
    return abs(Decimal(str(got)) - Decimal(str(expected))) <= Decimal("1e-9") * max(1, abs(Decimal(str(expected))))


def money_value_ok(prediction: Prediction, expected: dict, row) -> bool:
    got = prediction.fields
    return (
        same_number(got.get("value"), expected["value"])
        and same_number(got.get("min"), expected["min"])
        and same_number(got.get("max"), expected["max"])
        and got.get("currency") == expected["currency"]
    )


def fr_money_predictor():
    import spacy

    import pipeline.components  # noqa: F401  (registers fr_money without the installed entry points)

    nlp = spacy.blank("fr")
    nlp.add_pipe("fr_money")

    def predict(row):
        doc = nlp(row["text"])
        return [Prediction(e.start_char, e.end_char, dict(e._.norm)) for e in doc.ents if e.label_ == "MONEY"]

    return predict


def recognizers_predictor():
    try:
        from recognizers_number_with_unit import NumberWithUnitRecognizer
        from recognizers_text import Culture
    except ImportError:
        return None
    model = NumberWithUnitRecognizer(Culture.French).get_currency_model()

    def predict(row):
        found = []
        for result in model.parse(row["text"]):
            resolution = result.resolution or {}
            code, factor = RECOGNIZERS_UNITS.get(resolution.get("unit"), (None, Decimal(1)))
            try:
                number = Decimal(str(resolution.get("value"))) * factor
            except ArithmeticError:
                number = None  # a unit without a number ("gbp" alone)
            found.append(Prediction(result.start, result.end + 1, {"value": number, "currency": code}))
        return found

    return predict


# --- dates -----------------------------------------------------------------------------------


def dates_expected(row):
    return locate(row["text"], row["expect"], lambda e: e[0])


def fr_dates_predictor():
    import spacy

    import pipeline.components  # noqa: F401  (registers fr_dates)

    nlp = spacy.blank("fr")
    nlp.add_pipe("fr_dates")

    def predict(row):
        doc = nlp.make_doc(row["text"])
        doc._.published = row["published"]
        doc = nlp.get_pipe("fr_dates")(doc)
        return [Prediction(e.start_char, e.end_char, {"value": e._.norm["value"]}) for e in doc.ents]

    return predict


def dates_value_ok(prediction: Prediction, expected: list, row) -> bool:
    value = prediction.fields["value"]
    if isinstance(value, str):
        return value == expected[1]
    # a datetime from dateparser: right at the precision the expected value has, if it is a plain date
    timex = expected[1]
    for precision, length in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        if len(timex) == length and timex[:4].isdigit() and "X" not in timex and "W" not in timex:
            try:
                datetime.strptime(timex, precision)
            except ValueError:
                continue
            return value.strftime(precision) == timex
    return False


def dateparser_predictor():
    from dateparser.search import search_dates

    def predict(row):
        settings = {"PREFER_DATES_FROM": "current_period"}
        if row["published"]:
            parts = [int(p) for p in row["published"].split("-")] + [1, 1]
            settings["RELATIVE_BASE"] = datetime(parts[0], parts[1], parts[2])
        found, position = [], 0
        for substring, moment in search_dates(row["text"], languages=["fr"], settings=settings) or []:
            start = row["text"].find(substring, position)
            if start < 0:
                start = row["text"].find(substring)
            if start < 0:
                continue
            found.append(Prediction(start, start + len(substring), {"value": moment}))
            position = start + len(substring)
        return found

    return predict


# --- report ----------------------------------------------------------------------------------


def report(title: str, ours: tuple[str, Score], theirs: tuple[str, Score] | None, note: str | None) -> None:
    print(f"\n{title}")
    names = [ours[0]] + ([theirs[0]] if theirs else [])
    header = f"{'':28}" + "".join(f"{name:>26}" for name in names) + (f"{'ratio':>9}" if theirs else "")
    print(header)
    rows = [("detection (overlap)", "detected"), ("exact span", "exact"), ("value", "valued")]
    for label, name in rows:
        line = f"{label:28}{ours[1].rate(name):>26.3f}"
        if theirs:
            other = theirs[1].rate(name)
            line += f"{other:>26.3f}" + (f"{ours[1].rate(name) / other:>9.2f}" if other else f"{'inf':>9}")
        print(line)
    alarms = f"{'false alarms (empty rows)':28}{ours[1].false_alarms:>26}"
    if theirs:
        alarms += f"{theirs[1].false_alarms:>26}"
    print(alarms)
    print(f"{ours[1].expected} expected entities, {ours[1].empty_rows} rows that expect none")
    if note:
        print(note)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=["all", "dev", "heldout"], default="all", help="which rows of the tables")
    parser.add_argument("--failures", action="store_true", help="list what fr_money / fr_dates missed")
    args = parser.parse_args(argv)

    money_rows = load("money", args.set)
    ours = score(money_rows, fr_money_predictor(), money_expected, money_value_ok)
    other = recognizers_predictor()
    theirs = ("Recognizers-Text", score(money_rows, other, money_expected, money_value_ok)) if other else None
    note = None if other else f"Recognizers-Text is not installed: {RECOGNIZERS_INSTALL}"
    report(f"MONEY, {len(money_rows)} rows ({args.set})", ("fr_money", ours), theirs, note)
    if args.failures:
        print("\n".join(ours.failures))

    date_rows = load("dates", args.set)
    ours = score(date_rows, fr_dates_predictor(), dates_expected, dates_value_ok)
    theirs = ("dateparser search_dates", score(date_rows, dateparser_predictor(), dates_expected, dates_value_ok))
    report(f"DATE, {len(date_rows)} rows ({args.set})", ("fr_dates", ours), theirs, None)
    if args.failures:
        print("\n".join(ours.failures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
