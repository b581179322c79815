"""scripts/bench_boilerplate_real.py on a tiny evaluation set written for the test (trafilatura's format)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import bench_boilerplate_real as bench  # noqa: E402

ARTICLE = (
    "Le conseil départemental de la Manche a voté vendredi une enveloppe de 18 millions d'euros pour rénover "
    "les collèges les plus anciens du territoire, dont certains n'ont pas connu de travaux depuis longtemps."
)
PAGE = f"""<html lang="fr"><body><nav><a href="/">Accueil</a> <a href="/s">Sports</a></nav>
<h1>Collèges : 18 millions pour les travaux</h1><p>{ARTICLE}</p><footer>Mentions légales</footer></body></html>"""


def test_snippets_are_counted_as_trafilaturas_evaluation_counts_them():
    item = {"with": ["18 millions  d'euros", "absent"], "without": ["Mentions légales", "Sports"]}
    assert bench.count_item(item, "… 18 millions\nd'euros … Sports") == (1, 1, 1, 1)
    assert bench.count_item(item, None) == (0, 0, 2, 2)
    assert bench.scores(1, 1, 1, 1) == (0.5, 0.5, 0.5, 0.5)


def test_the_bench_reads_a_checkout_selects_french_pages_and_prints_the_table(tmp_path, capsys):
    (tmp_path / "tests" / "cache").mkdir(parents=True)
    (tmp_path / "tests" / "cache" / "fr.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "tests" / "cache" / "en.html").write_text('<html lang="en"><p>Hello</p></html>', encoding="utf-8")
    evaldata = {
        "https://exemple.fr/colleges": {"file": "fr.html", "with": ["18 millions"], "without": ["Mentions légales"]},
        "https://example.com/hello": {"file": "en.html", "with": ["Hello"], "without": ["Bye"]},
    }
    (tmp_path / "tests" / "evaldata.json").write_text(json.dumps(evaldata), encoding="utf-8")
    assert bench.main(["--trafilatura", str(tmp_path), "--systems", "fr-extract (text)", "keep-all (text)"]) == 0
    out = capsys.readouterr().out
    assert "1 French pages" in out
    assert "| fr-extract (text) | 1.000 | 1.000 | 1.000 | 1.000 |" in out
    assert "| keep-all (text) | 0.500 | 1.000 | 0.500 | 0.667 |" in out


def test_errors_list_the_snippets_missed_and_the_snippets_kept_wrongly_worst_page_first(tmp_path, capsys):
    item = {"with": ["18 millions  d'euros", "absent"], "without": ["Mentions légales", "Sports"]}
    assert bench.snippet_errors(item, "… 18 millions\nd'euros … Sports") == ["  missed: absent", "  kept:   Sports"]
    assert bench.snippet_errors(item, None) == ["  missed: 18 millions  d'euros", "  missed: absent"]
    (tmp_path / "tests" / "cache").mkdir(parents=True)
    (tmp_path / "tests" / "cache" / "fr.html").write_text(PAGE, encoding="utf-8")
    evaldata = {"https://exemple.fr/c": {"file": "fr.html", "with": ["18 millions"], "without": ["Mentions légales"]}}
    (tmp_path / "tests" / "evaldata.json").write_text(json.dumps(evaldata), encoding="utf-8")
    assert bench.main(["--trafilatura", str(tmp_path), "--systems", "keep-all (text)", "--errors"]) == 0
    out = capsys.readouterr().out
    assert "keep-all (text): https://exemple.fr/c\n  kept:   Mentions légales" in out
