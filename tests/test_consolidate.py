"""Consolidation of facts across documents, and `fr-extract facts`, on records written for these tests."""

from __future__ import annotations

import csv
import json

from pipeline.cli import main
from pipeline.consolidate import actor_key, consolidate, money_interval
from pipeline.model import Argument, Document, Entity, Fact

MONEY = {"min": None, "max": None, "currency_inferred": False, "qualifier": None, "vague": False}


def record(doc_id: str, text: str, facts: list[tuple], published: str = "2026-01-10") -> Document:
    """A record whose facts are (amount text, actor or None, kind, norm fields of the amount)."""
    entities, found = [], []
    for amount, actor, kind, norm in facts:
        start = text.index(amount)
        money = Entity(start, start + len(amount), "MONEY", amount, "rules", {**MONEY, "currency": "EUR", **norm})
        entities.append(money)
        who = None
        if actor is not None:
            at = text.index(actor)
            entities.append(Entity(at, at + len(actor), "ORG", actor, "model"))
            who = Argument(at, at + len(actor), actor, label="ORG")
        found.append(
            Fact(
                money=Argument(money.start, money.end, amount),
                kind=kind,
                actor=who,
                date="published",
                sentence=Argument(0, len(text), text),
                rule="test",
            )
        )
    entities.sort(key=lambda e: e.start)
    return Document(id=doc_id, published=published, content=[(0, len(text))], entities=entities, facts=found)


A = "Le groupe Talvis investira 300 millions d'euros dans ses usines."
B = "Talvis SA confirme un plan de 300 millions d'euros pour ses usines."
C = "Selon la presse, Talvis mettrait entre 250 et 300 millions d'euros."
D = "Un plan de 300 millions d'euros a été présenté aux syndicats."
E = "Le groupe Orbec investira 300 millions d'euros dans le port."


def test_names_are_folded_and_aliases_resolved():
    assert actor_key("l'Union européenne") == actor_key("UE") == actor_key("Bruxelles")
    assert actor_key("Talvis SA") == actor_key("TALVIS") == "talvis"
    assert actor_key("les Émirats arabes unis") == actor_key("Emirats arabes unis")


def test_amount_intervals():
    entity = Entity(0, 1, "MONEY", "x", "rules", {**MONEY, "value": 100.0, "qualifier": "approx"})
    assert money_interval(entity, "x") == (95.0, 105.0)
    vague = Entity(0, 1, "MONEY", "x", "rules", {**MONEY, "value": None, "vague": True})
    assert money_interval(vague, "plusieurs milliards d'euros") == (2e9, 1e10)


def test_the_same_commitment_in_three_pages_is_one_row_with_a_conflict():
    rows = consolidate(
        [
            record("a", A, [("300 millions d'euros", "Talvis", "investment", {"value": 3e8})]),
            record("b", B, [("300 millions d'euros", "Talvis SA", "investment", {"value": 3e8})]),
            record("c", C, [("entre 250 et 300 millions d'euros", "Talvis", "investment", {"min": 2.5e8, "max": 3e8})]),
        ]
    ).rows
    assert len(rows) == 1
    (row,) = rows
    assert (row["actor"], row["kind"], row["amount"], row["currency"], row["sources"]) == (
        "Talvis",
        "investment",
        3e8,
        "EUR",
        3,
    )
    assert "amount" in row["conflicts"] and len(row["conflicts"]["amount"]) == 2
    assert {s["id"] for s in row["evidence"]} == {"a", "b", "c"}


def test_a_fact_without_actor_joins_the_one_compatible_row():
    talvis = record("a", A, [("300 millions d'euros", "Talvis", "investment", {"value": 3e8})])
    anonymous = record("d", D, [("300 millions d'euros", None, "investment", {"value": 3e8})])
    orbec = record("e", E, [("300 millions d'euros", "Orbec", "investment", {"value": 3e8})])
    rows = consolidate([talvis, anonymous]).rows
    assert [(r["actor"], r["sources"]) for r in rows] == [("Talvis", 2)]
    # Two parties with the same amount: the fact without actor could be either, so it stays apart.
    rows = consolidate([talvis, anonymous, orbec]).rows
    assert sorted((r["actor"] or "", r["sources"]) for r in rows) == [("", 1), ("Orbec", 1), ("Talvis", 1)]


def test_different_kinds_or_amounts_are_different_rows():
    rows = consolidate(
        [
            record("a", A, [("300 millions d'euros", "Talvis", "investment", {"value": 3e8})]),
            record("b", B, [("300 millions d'euros", "Talvis SA", "revenue", {"value": 3e8})]),
            record("e", E.replace("300", "30"), [("30 millions d'euros", "Orbec", "investment", {"value": 3e7})]),
        ]
    ).rows
    assert len(rows) == 3


def test_bad_records_are_reported_and_skipped():
    good = record("a", A, [("300 millions d'euros", "Talvis", "investment", {"value": 3e8})])
    error = Document.failed("x", "x.txt", "ReadError", "binary file")
    bare = Document(id="n", content=[(0, 5)], entities=[])
    no_facts = Document(id="f", content=[(0, len(A))], entities=good.entities)
    result = consolidate([good.to_dict(), error.to_dict(), {"no": "id"}, bare.to_dict(), no_facts.to_dict()])
    assert len(result.rows) == 1 and result.documents == 1
    reasons = [why for _, why in result.skipped]
    assert len(reasons) == 4
    assert any("error record" in r for r in reasons) and any("not a fr-extract record" in r for r in reasons)
    assert any("without entities" in r for r in reasons) and any("--facts" in r for r in reasons)


def test_the_facts_command_writes_csv_jsonl_and_html_and_reports_bad_lines(tmp_path, capsys):
    records = tmp_path / "out.jsonl"
    lines = [
        record("a", A, [("300 millions d'euros", "Talvis", "investment", {"value": 3e8})]).to_json(),
        "{not json",
        json.dumps(Document.failed("x", "x.txt", "ReadError", "binary").to_dict()),
        record("b", B, [("300 millions d'euros", "Talvis SA", "investment", {"value": 3e8})]).to_json(),
    ]
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = tmp_path / "facts.csv"
    assert main(["facts", str(records), "-o", str(output)]) == 1
    err = capsys.readouterr().err
    assert f"{records}:2: not JSON" in err and f"{records}:3: x: an error record" in err
    rows = list(csv.DictReader(output.open(encoding="utf-8")))
    assert len(rows) == 1 and rows[0]["actor"] == "Talvis" and rows[0]["sources"] == "2"
    twin = [json.loads(line) for line in output.with_suffix(".jsonl").read_text(encoding="utf-8").splitlines()]
    assert twin[0]["documents"] == ["a", "b"]
    page = output.with_suffix(".html").read_text(encoding="utf-8")
    assert 'href="#r1-1"' in page and 'id="r1-2"' in page and "<mark>300 millions d&#x27;euros</mark>" in page


def test_the_facts_command_wants_a_csv_and_existing_records(tmp_path, capsys):
    assert main(["facts", str(tmp_path / "none.jsonl"), "-o", str(tmp_path / "f.csv")]) == 2
    (tmp_path / "r.jsonl").write_text("", encoding="utf-8")
    assert main(["facts", str(tmp_path / "r.jsonl"), "-o", str(tmp_path / "f.txt")]) == 2
    assert "should be a .csv" in capsys.readouterr().err


def test_the_seeds_gold_facts_consolidate_into_their_commitments():
    """The target of the consolidation on the seeds, with the facts as the gold gives them."""
    import sys

    from conftest import ROOT

    sys.path.insert(0, str(ROOT / "scripts"))
    import facts_gold

    figures = facts_gold.commitments(None)
    assert figures["exact"] == figures["commitments"] == 22
    assert figures["link_precision"] == figures["link_recall"] == 1.0
