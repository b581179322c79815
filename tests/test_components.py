"""Every spaCy component of fr-extract is registered in one module and found through the package's entry points.

One fresh process checks them all (it replaces the two entry-point tests that test_names_document.py
and test_dates_component.py each ran in a process of their own).
"""

from conftest import in_a_clean_python

FACTORIES = ("fr_line_breaks", "fr_names_ruler", "fr_place_names", "fr_name_contexts", "fr_money", "fr_dates")
ENTRY_POINTS = {
    "fr_line_breaks": "mark_line_breaks",
    "fr_names_ruler": "make_names_ruler",
    "fr_place_names": "make_place_names",
    "fr_name_contexts": "make_name_contexts",
    "fr_money": "make_money_component",
    "fr_dates": "make_dates_component",
}


def test_every_factory_has_an_entry_point_into_pipeline_components():
    from importlib.metadata import entry_points

    from spacy.language import Language

    import pipeline.components

    found = {point.name: point.value for point in entry_points(group="spacy_factories") if point.name.startswith("fr_")}
    assert found == {name: f"pipeline.components:{point}" for name, point in ENTRY_POINTS.items()}
    for name, point in ENTRY_POINTS.items():
        assert Language.has_factory(name) and callable(getattr(pipeline.components, point))


CONFIG_PIPELINE = f"""
import sys
from spacy.lang.fr import French

names = {list(FACTORIES)!r}
config = {{"nlp": {{"lang": "fr", "pipeline": names}}, "components": {{n: {{"factory": n}} for n in names}}}}
assert not [m for m in sys.modules if m.startswith("pipeline")], "nothing of fr-extract imported before"
nlp = French.from_config(config)
doc = nlp("La start-up Qarnot a levé 35 millions d'euros\\nen 2018 à Paris.")
print(",".join(nlp.pipe_names))
print([(e.text, e.label_) for e in doc.ents])
print([(e.text, e._.norm["value"]) for e in doc.ents if e.label_ == "DATE"])
"""
# A fresh process (started as the module is collected: it runs beside the other tests).
FROM_CONFIG = in_a_clean_python(CONFIG_PIPELINE)


def test_a_pipeline_built_from_a_config_finds_every_factory_through_the_entry_points_in_a_fresh_process():
    stdout, stderr = FROM_CONFIG.communicate(timeout=300)
    assert FROM_CONFIG.returncode == 0, stderr
    pipe_names, entities, dates = stdout.strip().splitlines()
    assert pipe_names == ",".join(FACTORIES)
    assert entities == str([("Qarnot", "ORG"), ("35 millions d'euros", "MONEY"), ("2018", "DATE"), ("Paris", "LOC")])
    assert dates == "[('2018', '2018')]"
