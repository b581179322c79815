"""The `fr_dates` spaCy component: DATE spans in doc.ents, valued against doc._.published."""

from __future__ import annotations

import pipeline.components  # noqa: F401  (registers the factories and the Doc/Span extensions)

TEXT = (
    "Le jeudi 6 mars, Valérie Pécresse a présenté un plan de 350 millions d'euros sur TF1. "
    "Le congrès se déroule à Lyon les 10 et 11 mars. Mardi, la présidente a promis d'aller vite."
)


def run(nlp, text: str, published: str | None = None):
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)


def dates_of(doc) -> list[tuple[str, str]]:
    return [(span.text, span._.norm["value"]) for span in doc.ents if span.label_ == "DATE"]


def test_published_set_before_the_component_resolves_values(dates_blank):
    doc = run(dates_blank, TEXT, published="2025-03")
    assert dates_of(doc) == [
        ("jeudi 6 mars", "2025-03-06"),
        ("10 et 11 mars", "2025-03-10/2025-03-11"),
        ("Mardi", "2025-03-11"),
    ]


def test_published_not_set_leaves_placeholders(dates_blank):
    doc = dates_blank("Le congrès se déroule à Lyon les 10 et 11 mars. Mardi, la présidente a parlé.")
    assert dates_of(doc) == [("10 et 11 mars", "XXXX-03-10/XXXX-03-11"), ("Mardi", "XXXX-WXX-2")]


def test_relative_dates_follow_the_published_day(dates_blank):
    doc = run(dates_blank, "Hier, le ministre a démissionné. L'accord a été signé l'année dernière.", "2025-02-12")
    assert dates_of(doc) == [("Hier", "2025-02-11"), ("année dernière", "2024")]


def test_each_span_carries_its_norm_and_the_date_label(dates_blank):
    doc = run(dates_blank, "Le traité a été signé en octobre 2019 à Lisbonne.")
    assert [(span.text, span.label_, span._.norm) for span in doc.ents] == [
        ("octobre 2019", "DATE", {"value": "2019-10"})
    ]


def test_nlp_pipe_reads_each_document_published_date(dates_blank):
    docs = [dates_blank.make_doc("Dimanche, il a parlé."), dates_blank.make_doc("Dimanche, il a parlé.")]
    docs[0]._.published = "2025-02-12"
    docs[1]._.published = "2025-03-05"
    assert [dates_of(doc) for doc in dates_blank.pipe(docs)] == [
        [("Dimanche", "2025-02-09")],
        [("Dimanche", "2025-03-02")],
    ]


def test_with_the_model_dates_win_and_names_stay(dates_model):
    doc = run(dates_model, TEXT, published="2025-03")
    assert dates_of(doc) == [
        ("jeudi 6 mars", "2025-03-06"),
        ("10 et 11 mars", "2025-03-10/2025-03-11"),
        ("Mardi", "2025-03-11"),
    ]
    names = {(span.text, span.label_) for span in doc.ents if span.label_ != "DATE"}
    assert ("Valérie Pécresse", "PER") in names
    assert ("Lyon", "LOC") in names
    dates = [span for span in doc.ents if span.label_ == "DATE"]
    for span in doc.ents:
        if span.label_ != "DATE":
            assert not any(span.start < date.end and date.start < span.end for date in dates)


def test_with_the_model_unpublished_dates_keep_placeholders(dates_model):
    doc = dates_model("Le forum de l'emploi se tient ce jeudi 13 mars à Rouen.")
    assert dates_of(doc) == [("jeudi 13 mars", "XXXX-03-13")]
