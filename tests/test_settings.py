"""Settings are injected, as jusText takes its stoplist and thresholds: a changed setting changes the output."""

from __future__ import annotations

import json
import re

import pytest

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


# A markers file as the shipped one, with one more page-furniture pattern: the second paragraph becomes furniture.
def markers_file(tmp_path, extra_furniture: str):
    from pipeline.resources import load_pattern

    data = json.loads(json.dumps(load_pattern("boilerplate_markers.json")))
    data["page_furniture"]["patterns"].append(extra_furniture)
    path = tmp_path / "markers.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_extractor_takes_a_stoplist_and_markers_as_jusText_takes_its_stoplist(extractor, tmp_path):
    from pipeline.extractor import Extractor

    stoplist = tmp_path / "stoplist.txt"
    stoplist.write_text("# no French stop word\nzzz\n", encoding="utf-8")
    default = content_of(extractor.extract(PAGE, doc_id="page").to_dict(), PAGE)
    # No paragraph reads as prose without its stop words: only the longest is kept.
    for given in (stoplist, str(stoplist), ["zzz"]):
        record = Extractor(nlp=extractor.nlp, stoplist=given).extract(PAGE, doc_id="page").to_dict()
        assert content_of(record, PAGE) == PARAGRAPHS[1] != default
    markers = markers_file(tmp_path, "selon la présidente.*")
    record = Extractor(nlp=extractor.nlp, markers=markers).extract(PAGE, doc_id="page").to_dict()
    assert content_of(record, PAGE) == "\n".join([PARAGRAPHS[0], PARAGRAPHS[2]])


def test_the_command_line_takes_a_stoplist_and_markers(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "stoplist.txt").write_text("zzz\n", encoding="utf-8")
    markers = markers_file(tmp_path, "selon la présidente.*")
    outputs = {}
    for name, options in (
        ("default", []),
        ("stoplist", ["--stoplist", str(tmp_path / "stoplist.txt")]),
        ("markers", ["--markers", str(markers)]),
    ):
        output = tmp_path / f"{name}.jsonl"
        assert main(["run", str(tmp_path / "in"), "-o", str(output), "-q", *options]) == 0
        outputs[name] = content_of(json.loads(output.read_text(encoding="utf-8")), PAGE)
    assert outputs["default"] == "\n".join(PARAGRAPHS)
    assert outputs["stoplist"] == PARAGRAPHS[1]
    assert outputs["markers"] == "\n".join([PARAGRAPHS[0], PARAGRAPHS[2]])


@pytest.mark.parametrize(
    ("option", "content", "message"),
    [
        ("--stoplist", "le\nLa Poste\n", "line 2: 'La Poste' is not one lower-case word"),
        ("--stoplist", "# nothing\n\n", "no stop word"),
        ("--markers", "{not json", "cannot be read as JSON"),
        ("--markers", '{"end_of_article": {"patterns": ["tags"]}}', "missing sections"),
        ("--markers", "EMPTY_LIST", "section promotion: patterns is a non-empty list"),
        ("--markers", "BAD_PATTERN", "is not a regular expression"),
        ("--markers", "TYPO_SECTION", "unknown sections ['end_of_articel']"),
    ],
)
def test_a_bad_stoplist_or_markers_file_is_a_clear_error_naming_it(tmp_path, capsys, option, content, message):
    from pipeline.extractor import Extractor
    from pipeline.resources import load_pattern
    from pipeline.rulefiles import RuleFileError

    data = json.loads(json.dumps(load_pattern("boilerplate_markers.json")))
    if content == "BAD_PATTERN":
        data["page_furniture"]["patterns"].append("(unclosed")
        content = json.dumps(data)
    elif content == "EMPTY_LIST":
        data["promotion"]["patterns"] = []
        content = json.dumps(data)
    elif content == "TYPO_SECTION":
        data["end_of_articel"] = data["end_of_article"]
        content = json.dumps(data)
    bad = tmp_path / "bad-file"
    bad.write_text(content, encoding="utf-8")
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    assert main(["run", str(tmp_path / "page.txt"), "-o", str(tmp_path / "out.jsonl"), "-q", option, str(bad)]) == 2
    error = capsys.readouterr().err
    assert str(bad) in error and message in error
    assert not (tmp_path / "out.jsonl").exists()
    with pytest.raises(RuleFileError, match=re.escape(message)):
        Extractor(nlp=object(), **{option.lstrip("-"): bad})
