"""HTML input: the page converted to text by html-text, the structure of its lines, and the records."""

from __future__ import annotations

import json

from pipeline.boilerplate import content_ranges
from pipeline.cli import main
from pipeline.html import CAPTION, COMMENTS, HEADING, NAVIGATION, html_to_text

PARAGRAPHS = [
    "Le conseil départemental de la Manche a voté vendredi une enveloppe de 18 millions d'euros pour rénover "
    "les collèges les plus anciens du territoire, dont certains n'ont pas connu de travaux depuis longtemps.",
    "Les premiers chantiers débuteront à Saint-Lô et à Coutances dès les vacances de printemps, a précisé le "
    "vice-président chargé de l'éducation, qui promet que les élèves ne seront pas déplacés.",
]

PAGE = f"""<!doctype html><html lang="fr"><head><title>Collèges : 18 millions | La Voix du Bocage</title>
<script>var x = "<p>pas du texte</p>";</script></head><body>
<header><a href="/">La Voix du Bocage</a></header>
<nav><ul><li><a href="/a">Actualité</a></li><li><a href="/b">Sports</a></li><li><a href="/c">Culture</a></li></ul></nav>
<article><h1>Collèges : 18 millions pour les travaux</h1>
<p>{PARAGRAPHS[0]}</p>
<figure><img src="x.jpg"><figcaption>Le collège Jean-Monnet, à Saint-Lô, en février.</figcaption></figure>
<h2>Une rentrée sans déménagement</h2>
<p>{PARAGRAPHS[1]}</p></article>
<aside><p>Les plus lus</p><ul><li><a href="/d">Granville : le port de plaisance s'agrandit cet été</a></li></ul></aside>
<div id="comments"><p>Enfin des travaux, il était temps que le département se réveille et agisse.</p>
<p>Dix-huit millions, c'est bien, mais les collèges du sud attendront encore, comme d'habitude, leur tour.</p></div>
<footer><p>Mentions légales</p></footer></body></html>"""


def test_the_page_becomes_text_one_block_per_line_with_its_structure():
    converted = html_to_text(PAGE)
    lines = {converted.text[line.start : line.end]: line for line in converted.lines}
    assert "var x" not in converted.text
    assert HEADING in lines["Collèges : 18 millions pour les travaux"].kinds
    assert CAPTION in lines["Le collège Jean-Monnet, à Saint-Lô, en février."].kinds
    assert NAVIGATION in lines["Actualité"].kinds
    assert COMMENTS in lines[next(k for k in lines if k.startswith("Enfin des travaux"))].kinds
    assert lines["Actualité"].link_density == 1.0
    assert lines[PARAGRAPHS[0]].link_density == 0.0


def test_the_structure_decides_what_the_text_alone_cannot():
    converted = html_to_text(PAGE)
    ranges = content_ranges(converted.text, structure=converted.lines)
    kept = "\n".join(converted.text[s:e] for s, e in ranges)
    for text in ("Collèges : 18 millions pour les travaux", "Une rentrée sans déménagement", *PARAGRAPHS):
        assert text in kept
    for text in ("Actualité", "Jean-Monnet", "Granville", "Enfin des travaux", "Mentions légales", "Bocage"):
        assert text not in kept


def test_run_reads_html_files_and_writes_the_converted_text_with_the_record(tmp_path, capsys):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["run", str(tmp_path), "-o", str(out), "--with-text", "-q"]) == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["format"] == "html"
    text = record["text"]
    for start, _end in record["content"]:
        assert not text[start].isspace()
    for entity in record["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]
    assert any(PARAGRAPHS[0][:40] in text[s:e] for s, e in record["content"])


def test_bad_boilerplate_settings_are_a_usage_error(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(PARAGRAPHS[0], encoding="utf-8")
    assert main(["run", str(tmp_path), "-o", str(tmp_path / "o.jsonl"), "--boilerplate", "nope=1", "-q"]) == 2


def test_the_library_takes_html(extractor):
    document = extractor.extract(html=PAGE, doc_id="page")
    record = document.to_dict()
    assert record["format"] == "html"
    assert any(PARAGRAPHS[1][:40] in document.text[s:e] for s, e in document.content)
    for entity in document.entities:
        assert document.text[entity.start : entity.end] == entity.text


def test_a_live_reports_commentary_blocks_are_not_a_reader_thread():
    posts = "".join(
        f'<div class="live-match-comment"><span class="live-match-comment-time">{minute}\'</span>'
        f'<p class="live-match-comment-body">{text}</p></div>'
        for minute, text in (
            (90, "C'est fini à Caen ! Les Normands tiennent le nul face au leader au terme d'un match très disputé."),
            (67, "Égalisation de Caen ! Une tête au premier poteau sur un corner tiré de la droite, rien à faire."),
            (12, "Premier tir du match, trop enlevé, mais les visiteurs ont pris le contrôle du ballon d'entrée."),
        )
    )
    title = "<h1>Caen - Rouen (1-1) en direct</h1>"
    page = f"<html lang='fr'><body><nav><a href='/'>Accueil</a></nav>{title}{posts}</body></html>"
    converted = html_to_text(page)
    lines = {converted.text[line.start : line.end]: line for line in converted.lines}
    assert all(COMMENTS not in line.kinds for line in lines.values())
    kept = "\n".join(converted.text[s:e] for s, e in content_ranges(converted.text, structure=converted.lines))
    assert "Égalisation de Caen" in kept and "Premier tir du match" in kept


def test_an_email_link_in_the_article_is_not_navigation():
    address = "temoignages.colleges@example.org"
    page = (
        "<html lang='fr'><body><nav><a href='/'>Accueil</a> <a href='/b'>Sports</a></nav><article>"
        f"<h1>Collèges : 18 millions</h1><p>{PARAGRAPHS[0]}</p><p><a href='mailto:{address}'>{address}</a></p>"
        f"<p>{PARAGRAPHS[1]}</p></article><footer><p>Mentions légales</p></footer></body></html>"
    )
    converted = html_to_text(page)
    lines = {converted.text[line.start : line.end]: line for line in converted.lines}
    assert lines[address].link_density == 0.0 and lines["Accueil Sports"].link_density == 1.0
    kept = "\n".join(converted.text[s:e] for s, e in content_ranges(converted.text, structure=converted.lines))
    assert address in kept


def test_inline_elements_add_no_space_of_their_own_as_a_browser_renders_them():
    page = (
        "<html lang='fr'><body><p><span class='lettrine'>L</span>a maire a reçu l’<a href='/x'>Union des "
        "commerçants</a> le 1<sup>er</sup> avril, avec M<sup>me</sup> Roussel, pour parler du XIX<sup>e</sup> "
        "siècle et du <b>pavé</b>.</p></body></html>"
    )
    text = html_to_text(page).text
    assert text == (
        "La maire a reçu l’Union des commerçants le 1er avril, avec Mme Roussel, pour parler du XIXe siècle et du pavé."
    )


def test_white_space_comes_from_the_source_and_table_cells_stay_apart():
    page = "<p>Un  <em>marché</em>\n couvert</p><table><tr><td>Loyer</td><td>12&nbsp;€</td></tr></table>"
    text = html_to_text(page).text
    assert text.split("\n\n") == ["Un marché couvert", "Loyer 12\u00a0€"]


def test_inline_items_that_touch_between_a_word_and_a_capital_are_set_apart():
    page = "<div><span>12 mars 2024</span><span>Par Odile Marchand</span></div><div><a>Facebook</a><a>Bluesky</a></div>"
    assert html_to_text(page).text == "12 mars 2024 Par Odile Marchand\nFacebook Bluesky"


def test_soft_hyphens_and_zero_width_characters_are_not_text():
    page = "<p>Une ren\u00adcon\u00adtre entre élus\u200b et habi\u00adtants a eu lieu hier soir à la mairie.</p>"
    assert html_to_text(page).text == "Une rencontre entre élus et habitants a eu lieu hier soir à la mairie."


def _kept(page: str) -> str:
    converted = html_to_text(page)
    return "\n".join(converted.text[s:e] for s, e in content_ranges(converted.text, structure=converted.lines))


REPORT = [
    "La communauté de communes du Val d'Orge a publié mardi son rapport annuel sur la qualité de l'eau distribuée "
    "dans les vingt-deux villages du territoire, après une année marquée par deux épisodes de sécheresse.",
    "Le document détaille les analyses menées par le laboratoire départemental et les travaux engagés sur les "
    "captages les plus anciens, dont celui de la source du Moulin, fermé pendant trois semaines en août.",
    "Les habitants peuvent aussi consulter les résultats commune par commune sur le site de l'intercommunalité, "
    "où un formulaire permet de signaler une eau trouble ou un goût inhabituel au robinet.",
]
SIDEBAR = "".join(f"<li><a href='/n{i}'>Brève numéro {i} de la rubrique voisine du journal</a></li>" for i in range(8))


def test_lone_links_inside_the_article_do_not_cut_it_in_two():
    documents = "".join(
        f"<p>{label}</p><p><a href='/{i}.pdf'>Télécharger</a></p>"
        for i, label in enumerate(("Le rapport complet", "La synthèse pour les élus", "La carte des captages"))
    )
    page = (
        "<html lang='fr'><body><nav><a href='/'>Accueil</a></nav><article><h1>L'eau du Val d'Orge passée au crible</h1>"
        f"<p>{REPORT[0]}</p><p>{REPORT[1]}</p><h2>Les documents</h2>{documents}<p>{REPORT[2]}</p></article>"
        f"<aside><ul>{SIDEBAR}</ul></aside><footer><p>Mentions légales</p></footer></body></html>"
    )
    kept = _kept(page)
    assert all(paragraph in kept for paragraph in REPORT) and "La synthèse pour les élus" in kept
    assert "Télécharger" not in kept and "Brève numéro" not in kept


def test_a_list_of_press_cuttings_inside_the_article_is_judged_by_the_text_around_it():
    cuttings = "".join(
        f"<li>{day} mars 2024 : <a href='/c{day}'>Reportage de la radio locale sur les captages</a></li>"
        for day in (3, 9, 14, 21, 28)
    )
    page = (
        "<html lang='fr'><body><nav><a href='/'>Accueil</a></nav><article>"
        f"<p>{REPORT[0]}</p><p>{REPORT[1]}</p><h2>On en parle</h2><ul>{cuttings}</ul><p>{REPORT[2]}</p></article>"
        f"<aside><ul>{SIDEBAR}</ul></aside></body></html>"
    )
    kept = _kept(page)
    assert "14 mars 2024 : Reportage de la radio locale" in kept and REPORT[2] in kept
    assert "Brève numéro" not in kept


def test_an_illustration_caption_is_furniture():
    page = (
        f"<html lang='fr'><body><article><p>{REPORT[0]}</p><p>{REPORT[1]}</p>"
        "<p>Image illustrative : un robinet dans une cuisine de Brétigny, par Jeanne Morel</p>"
        f"<p>{REPORT[2]}</p></article></body></html>"
    )
    assert "Image illustrative" not in _kept(page)
