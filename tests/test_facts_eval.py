"""The facts gold (compiled, valid) and the scoring of facts: pairs, tuples, arguments, the report section."""

from __future__ import annotations

import json
import sys

from conftest import ROOT, in_background

from pipeline.evaluate import evaluate_files
from pipeline.facts_eval import purposes_match, score_facts
from pipeline.facts_gold import GoldFact, facts_gold_problems, read_facts_gold, write_facts_gold
from pipeline.model import Argument, Document, Entity, Fact, write_jsonl

# Started as the module is collected, so that it runs beside the other tests.
FACTS_GOLD_CHECK = in_background(sys.executable, str(ROOT / "scripts" / "facts_gold.py"), "check")

TEXT = "La société Kelvor investit 5 millions d'euros dans une usine à Nantes, selon Arno Diallo."


def span(fragment: str, label: str | None = None, text: str = TEXT) -> Argument:
    start = text.index(fragment)
    return Argument(start, start + len(fragment), fragment, label=label)


def entities(text: str = TEXT) -> list[Entity]:
    def make(fragment, label, **norm):
        start = text.index(fragment)
        return Entity(start, start + len(fragment), label, fragment, "rules", norm)

    money = {"value": 5e6, "min": None, "max": None, "currency": "EUR", "currency_inferred": False}
    return [
        make("Kelvor", "ORG"),
        make("5 millions d'euros", "MONEY", **money, qualifier=None, vague=False),
        make("Nantes", "LOC"),
        make("Arno Diallo", "PER"),
    ]


def fact(actor: str | None, kind: str = "investment", purpose: str | None = "une usine") -> Fact:
    return Fact(
        money=span("5 millions d'euros"),
        kind=kind,
        actor=span(actor, "ORG") if actor else None,
        purpose=span(purpose) if purpose else None,
        place=span("Nantes", "LOC"),
        date="published",
    )


def document(facts: list[Fact] | None) -> Document:
    return Document(
        id="k", published="2026-02-01", content=[(0, len(TEXT))], entities=entities(), facts=facts, text=TEXT
    )


def test_the_facts_gold_is_up_to_date_with_its_sources_and_valid():
    _, stderr = FACTS_GOLD_CHECK.communicate(timeout=300)
    assert FACTS_GOLD_CHECK.returncode == 0, stderr


def test_every_gold_money_entity_of_seeds_and_dev_has_a_fact():
    for split, gold in (("seeds", "gold/gold.jsonl"), ("dev", "gold/dev/gold.jsonl")):
        facts = read_facts_gold(ROOT / "gold" / "facts" / f"{split}.jsonl")
        records = [json.loads(line) for line in (ROOT / gold).read_text(encoding="utf-8").splitlines()]
        money = sum(1 for r in records for e in r["entities"] if e["label"] == "MONEY")
        assert sum(len(f) for f in facts.values()) == money


def test_the_validator_finds_wrong_offsets_labels_and_missing_facts():
    gold = [document(None)]
    money = span("5 millions d'euros")
    good = GoldFact(money=(money.start, money.end), kind="investment", actor=(11, 17), date="published")
    assert facts_gold_problems({"k": [good]}, gold, {"k": TEXT}) == []
    wrong_actor = GoldFact(money=(money.start, money.end), kind="investment", actor=(0, 2))
    assert any("not a PER/ORG/LOC entity" in p for p in facts_gold_problems({"k": [wrong_actor]}, gold, {"k": TEXT}))
    not_money = GoldFact(money=(11, 17), kind="investment")
    problems = facts_gold_problems({"k": [not_money]}, gold, {"k": TEXT})
    assert any("is not a MONEY entity" in p for p in problems) and any("has no fact" in p for p in problems)
    bad_kind = GoldFact(money=(money.start, money.end), kind="gift", place=(200, 210))
    problems = facts_gold_problems({"k": [bad_kind]}, gold, {"k": TEXT})
    assert any("kind 'gift'" in p for p in problems) and any("outside the text" in p for p in problems)


def test_gold_files_round_trip(tmp_path):
    money = span("5 millions d'euros")
    facts = {"k": [GoldFact(money=(money.start, money.end), kind="price", purpose=(28, 45), date=None)]}
    path = tmp_path / "facts.jsonl"
    path.write_text(write_facts_gold(facts, ["k"]), encoding="utf-8")
    assert read_facts_gold(path) == facts


def test_purposes_match_when_they_overlap_by_half_their_union():
    assert purposes_match(None, None)
    assert not purposes_match(span("une usine"), None)
    assert purposes_match(span("une usine"), span("une usine à Nantes"))  # 9 of 18 characters
    assert not purposes_match(span("usine"), span("une usine à Nantes"))


def test_pairs_and_tuples_are_counted_by_amount_and_actor_name():
    gold = [document(None)]
    right = score_facts(gold, {"k": [fact("Kelvor")]}, [document([fact("Kelvor")])])
    assert right["pairs"]["f1"] == right["tuples"]["f1"] == 1.0
    wrong_kind = score_facts(gold, {"k": [fact("Kelvor")]}, [document([fact("Kelvor", kind="price")])])
    assert wrong_kind["pairs"]["f1"] == 1.0 and wrong_kind["tuples"]["f1"] == 0.0
    assert wrong_kind["kinds"]["investment"] == {"price": 1}
    no_actor = score_facts(gold, {"k": [fact(None)]}, [document([fact("Kelvor")])])
    assert (no_actor["pairs"]["tp"], no_actor["pairs"]["fp"], no_actor["pairs"]["fn"]) == (0, 1, 0)
    missing = score_facts(gold, {"k": [fact("Kelvor")]}, [document(None)])
    assert missing["summary"]["predictions_without_facts"] == ["k"] and missing["tuples"]["recall"] == 0.0


def test_evaluate_adds_the_facts_section_when_the_split_has_a_facts_gold(tmp_path):
    (tmp_path / "page.txt").write_text(TEXT, encoding="utf-8")
    gold_doc = document(None)
    gold_doc.path = "page.txt"
    from pipeline.reader import sha256_of

    gold_doc.sha256 = sha256_of(TEXT.encode("utf-8"))
    write_jsonl([gold_doc], tmp_path / "gold.jsonl")
    money = span("5 millions d'euros")
    gold_facts = {"k": [GoldFact(money=(money.start, money.end), kind="investment", actor=(11, 17))]}
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "mine.jsonl").write_text(write_facts_gold(gold_facts, ["k"]), encoding="utf-8")
    prediction = document([fact("Kelvor")])
    prediction.path, prediction.sha256 = gold_doc.path, gold_doc.sha256
    write_jsonl([prediction], tmp_path / "pred.jsonl")
    report = evaluate_files(tmp_path / "gold.jsonl", tmp_path / "pred.jsonl", tmp_path / "report", True, False)
    assert report["facts"]["pairs"]["f1"] == 1.0
    assert "Money facts" in (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "Money facts" in (tmp_path / "report.html").read_text(encoding="utf-8")
    (tmp_path / "facts" / "mine.jsonl").unlink()
    assert "facts" not in evaluate_files(tmp_path / "gold.jsonl", tmp_path / "pred.jsonl", tmp_path / "r2", True, False)


def test_an_acronym_the_document_defines_is_the_same_party_on_both_sides():
    from pipeline.facts_eval import document_aliases

    text = "L'Office régional des ports (ORP) investit 5 millions d'euros. Selon Jeanne Roux (PS), c'est peu."
    long_form, short = span("Office régional des ports", "ORG", text), span("ORP", "ORG", text)
    money = span("5 millions d'euros", None, text)
    doc = Document(
        id="o",
        content=[(0, len(text))],
        entities=[
            Entity(long_form.start, long_form.end, "ORG", long_form.text, "rules", {}),
            Entity(short.start, short.end, "ORG", short.text, "rules", {}),
            Entity(money.start, money.end, "MONEY", money.text, "rules", {"value": 5e6}),
            Entity(text.index("Jeanne Roux"), text.index("Jeanne Roux") + 11, "PER", "Jeanne Roux", "rules", {}),
        ],
    )
    assert document_aliases(text, doc.entities) == {"orp": "office regional des ports"}  # never `PS` of a person

    def said(actor: Argument) -> Fact:
        return Fact(money=money, kind="investment", actor=actor)

    for gold_actor, pred_actor in ((long_form, short), (short, long_form)):
        with_text = score_facts(
            [doc], {"o": [said(gold_actor)]}, [Document(id="o", facts=[said(pred_actor)])], {"o": text}
        )
        assert with_text["pairs"]["f1"] == 1.0
        without = score_facts([doc], {"o": [said(gold_actor)]}, [Document(id="o", facts=[said(pred_actor)])])
        assert without["pairs"]["f1"] == 0.0
