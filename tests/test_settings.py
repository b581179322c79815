"""Settings are injected, as jusText takes its stoplist and thresholds: a changed setting changes the output."""

from __future__ import annotations

import json

from pipeline.boilerplate import BoilerplateSettings
from pipeline.cli import main

PARAGRAPHS = [
    "La région Occitanie a présenté mardi un plan de soutien de 250 millions d'euros destiné aux entreprises "
    "du secteur aéronautique, durement touchées par le ralentissement des commandes depuis le début de l'année.",
    "Selon la présidente de la région, ce dispositif doit permettre de préserver plusieurs milliers d'emplois "
    "chez les sous-traitants, qui représentent l'essentiel du tissu industriel autour de Toulouse et de Tarbes.",
    "Les syndicats saluent un effort important, mais ils estiment que les aides devront être conditionnées au "
    "maintien des effectifs et à des engagements précis sur la formation des salariés les plus exposés.",
]
PAGE = "\n".join(["Menu", *PARAGRAPHS]) + "\n"
# Prose only from a stop-word density that the second paragraph alone reaches.
STRICT = {"stopwords_low": 0.9, "stopwords_high": 0.95}


def content_of(record: dict, text: str) -> str:
    return "\n".join(text[start:end] for start, end in record["content"])


def test_the_extractor_takes_the_boilerplate_thresholds(extractor):
    from pipeline.extractor import Extractor

    default = extractor.extract(PAGE, doc_id="page")
    strict = Extractor(nlp=extractor.nlp, boilerplate=BoilerplateSettings(**STRICT)).extract(PAGE, doc_id="page")
    assert content_of(default.to_dict(), PAGE) == "\n".join(PARAGRAPHS)
    assert content_of(strict.to_dict(), PAGE) == PARAGRAPHS[1]
    # The amount of the first paragraph is left out with it.
    assert "250 millions d'euros" in [e.text for e in default.entities]
    assert "250 millions d'euros" not in [e.text for e in strict.entities]


def test_the_command_line_takes_the_boilerplate_thresholds(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.txt").write_text(PAGE, encoding="utf-8")
    outputs = {}
    for name, options in (("default", []), ("strict", [f"--boilerplate={k}={v}" for k, v in STRICT.items()])):
        output = tmp_path / f"{name}.jsonl"
        assert main(["run", str(tmp_path / "in"), "-o", str(output), "-q", *options]) == 0
        outputs[name] = json.loads(output.read_text(encoding="utf-8"))
    assert content_of(outputs["default"], PAGE) == "\n".join(PARAGRAPHS)
    assert content_of(outputs["strict"], PAGE) == PARAGRAPHS[1]
