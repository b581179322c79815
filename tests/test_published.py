"""The publication date a page states: datelines, bylines, scraper headers; ISO at the precision stated."""

from __future__ import annotations

from pipeline.published import find_published, iso_date

BODY = (
    "La région Occitanie a présenté mardi 4 mars un plan de soutien de 250 millions d'euros destiné aux "
    "entreprises du secteur aéronautique, qui doit être voté le 20 mars 2024 par l'assemblée régionale. "
    "Les premières aides seront versées en juin 2024, a précisé la présidente de la région."
)


def page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def test_an_english_dateline_on_the_first_line():
    assert find_published(page("7 March 2024", "Temps de lecture : 4 min", BODY)) == "2024-03-07"


def test_a_french_dateline_with_a_weekday():
    assert find_published(page("Mercredi 12 février 2025", BODY)) == "2025-02-12"


def test_a_byline_with_the_date_glued_to_the_authors_name():
    text = page("Le titre de l'article", "Sophie MartinPar Sophie Martin4 mars 2024", BODY)
    assert find_published(text) == "2024-03-04"


def test_a_scraper_header_gives_the_month():
    assert find_published(" date 2024-09 La métropole lance un plan vélo\n\n" + BODY) == "2024-09"


def test_a_scraper_header_with_a_day_gives_the_day():
    assert find_published("date 2024-11-05 Un titre\n" + BODY) == "2024-11-05"


def test_the_publication_line_wins_over_the_update():
    text = page("Un titre", "Publié le 3 mars 2024 à 08h15, mis à jour le 4 mars 2024 à 10h02", BODY)
    assert find_published(text) == "2024-03-03"


def test_an_update_line_alone_is_taken_when_nothing_else_is_stated():
    assert find_published(page("Un titre", "Mis à jour le 4 mars 2024", BODY)) == "2024-03-04"


def test_an_english_posted_on_line_of_a_blog():
    assert find_published(page("Une randonnée", "Posted on 12 juillet 2023 by Marie", BODY)) == "2023-07-12"


def test_an_update_line_after_the_sources_name():
    assert find_published(page("Un titre", "Ouest-Info Modifié le 08/03/2024 à 18h05", BODY)) == "2024-03-08"


def test_a_numeric_publication_date_is_read_day_first():
    assert find_published(page("Un titre", "Publié le 12/02/2025", BODY)) == "2025-02-12"


def test_a_month_alone_gives_the_month():
    assert find_published(page("Un titre", "février 2025", BODY)) == "2025-02"


def test_the_page_clock_is_not_a_publication_date():
    assert find_published(page("jeudi 14 mars - 9 h 05 min", "Accueil", "Un titre", BODY)) is None


def test_the_clock_is_skipped_and_the_byline_date_taken():
    text = page("jeudi 14 mars - 9 h 05 min", "Un titre", "Par Hugo Lefort - 5 mars 2024", BODY)
    assert find_published(text) == "2024-03-05"


def test_a_dateline_under_a_long_standfirst():
    standfirst = BODY.replace("La région", "Selon nos informations, la région")
    assert find_published(page("Un titre", standfirst, "Publié le 5 mars 2024 à 10h00", BODY)) == "2024-03-05"


def test_a_sentence_about_a_publication_is_not_the_pages_date():
    assert find_published(page("Un titre", "Le rapport a été publié le 12 mars 2024.", BODY)) is None


def test_dates_in_the_body_are_not_a_publication_date():
    assert find_published(page("Un titre", BODY)) is None


def test_dates_in_a_list_of_other_articles_are_not_a_publication_date():
    text = page("Un titre", BODY, "Derniers articles", "Le prix de l'électricité baisse", "26 août 2025")
    assert find_published(text) is None


def test_an_empty_page_states_no_date():
    assert find_published("") is None


def test_iso_date_keeps_the_precision_stated():
    assert iso_date("1er février 2025") == "2025-02-01"
    assert iso_date("février 2025") == "2025-02"
    assert iso_date("26 août") is None


def test_an_agency_dateline_with_a_year_gives_the_date():
    assert find_published(page("Un titre", "Caen, 12 fév. 2025 (AFP) - " + BODY)) == "2025-02-12"


def test_an_agency_dateline_without_a_year_states_no_date():
    assert find_published(page("Un titre", "CAEN (Reuters) - " + BODY)) is None


def test_a_dateline_with_its_place():
    assert find_published(page("Communiqué de presse", "Genève, le 23 juillet 2025", BODY)) == "2025-07-23"


def test_an_update_stamp_in_brackets():
    assert find_published(page("Un titre", "[Mis à jour le 19 janvier 2022 à 10h]", BODY)) == "2022-01-19"


def test_a_numeric_dateline_with_its_weekday():
    assert find_published(page("vendredi 15/12/2023", BODY)) == "2023-12-15"
    assert find_published(page("Lundi, 03.02.2025 - 08:15", BODY)) == "2025-02-03"


def test_a_bracketed_update_stamp_gives_the_day():
    assert find_published(page("[Mis à jour le 19 janvier 2022 à 10h]", BODY)) == "2022-01-19"


def test_date_strings_in_every_form_a_dateline_writes():
    assert iso_date("vendredi 15/12/2023") == "2023-12-15"
    assert iso_date("15-12-2023") == "2023-12-15"
    assert iso_date("05/05/89") == "1989-05-05"
    assert iso_date("1er janv. 2024") == "2024-01-01"
    assert iso_date("mer. 12 févr. 2025") == "2025-02-12"
    assert iso_date("Friday, December 15, 2023") == "2023-12-15"
    assert iso_date("Sept. 3, 2024") == "2024-09-03"
    assert iso_date("3rd February 2025") == "2025-02-03"


def test_an_author_line_with_the_date_and_hour_but_no_par():
    text = page("Un titre", "Claire Vasseur | 14 octobre 2024 à 17:40 | Lecture : 3 min", BODY)
    assert find_published(text) == "2024-10-14"


def test_a_wire_header_stamping_the_day_and_hour():
    text = page("Actualités", "3 juin 2024 18:00 heure de Paris | Source : Groupe Ardent", BODY)
    assert find_published(text) == "2024-06-03"


def test_an_author_dash_date_dash_comment_count():
    assert (
        find_published(page("Un titre", "Marc Olivier - 7 janvier 2025 à 11h20 - 12 commentaires", BODY))
        == "2025-01-07"
    )


def test_a_stamped_line_is_a_byline_for_the_boilerplate():
    from pipeline.published import is_byline

    assert is_byline("Claire Vasseur | 14 octobre 2024 à 17:40 | Lecture : 3 min")
    assert not is_byline("Claire Vasseur | Lecture : 3 min")  # no date
    assert not is_byline("Le concert débutera le 14 octobre 2024 à 20 h.")  # a sentence


def test_a_page_flattened_to_one_line_gives_its_publication_stamp():
    header = "Accueil › Économie › Un titre sur le budget Par Ana Ruiz Publié le 04/06/2024 à 07h10 Modifié le 05/06 "
    assert find_published(header + BODY) == "2024-06-04"


def test_a_flattened_page_with_only_an_update_stamp():
    assert find_published("Accueil › Sport › Un titre Mis à jour le 9 mai 2023 à 22h05 " + BODY) == "2023-05-09"


def test_a_capitalised_publication_word_opening_a_sentence_is_not_a_stamp():
    sentence = "Publié le 12 mars 2024, le rapport de la Cour des comptes pointe un dérapage des dépenses. "
    assert find_published(sentence + BODY) is None


def test_a_publication_in_the_middle_of_the_first_sentence_is_not_a_stamp():
    sentence = "Le rapport publié le 12 mars 2024 par la Cour des comptes pointe un dérapage des dépenses locales. "
    assert find_published(sentence + BODY) is None


def test_the_evaluation_compares_the_publication_date_per_document():
    from pipeline.model import Document
    from pipeline.scoring import evaluate_documents

    gold = [Document(id="a", published="2024-03-05"), Document(id="b", published=None), Document(id="c")]
    pred = [Document(id="a", published="2024-03"), Document(id="b", published=None), Document(id="c")]
    published = evaluate_documents(gold, pred)["published"]
    assert published["all"] == {"correct": 2, "total": 3, "accuracy": 0.6667}
    assert published["stated"] == {"correct": 0, "total": 1, "accuracy": 0.0}
    assert published["errors"] == [{"document": "a", "gold": "2024-03-05", "pred": "2024-03"}]


def test_a_publication_stamp_under_the_article():
    text = page("Un titre", BODY, BODY, "Publié le 18/09/2024 à 16h45", "Partager sur Facebook")
    assert find_published(text) == "2024-09-18"


def test_under_the_article_the_publication_stamp_wins_over_the_update():
    text = page("Un titre", BODY, BODY, "Mis à jour le 19/09/2024", "Publié le 18/09/2024 à 16h45")
    assert find_published(text) == "2024-09-18"


def test_a_sentence_under_the_article_is_not_a_stamp():
    text = page("Un titre", BODY, BODY, "Le décret a été publié le 18 septembre 2024 au Journal officiel.")
    assert find_published(text) is None


def test_a_flattened_page_with_a_byline_stamped_with_the_hour():
    header = "Accueil › Régions › Un titre sur la métropole Par Ana Ruiz 4 juin 2024 à 07h10 "
    assert find_published(header + BODY) == "2024-06-04"


def test_a_date_and_hour_opening_a_first_sentence_below_a_header_is_not_a_byline():
    sentence = "Le 4 juin 2024 à 7 h 10, un incendie s'est déclaré dans un entrepôt de la zone portuaire de Brest. "
    assert find_published(page("Faits divers", sentence + BODY)) is None


def test_an_english_dateline_with_its_weekday_before_the_month():
    assert find_published(page("Un titre", "Thursday, March 6, 2025", BODY)) == "2025-03-06"


def test_a_name_then_a_separator_then_the_date_is_a_byline():
    assert find_published(page("Un titre", "Lucie Ferrand · 21 novembre 2024", BODY)) == "2024-11-21"
    assert find_published(page("Un titre", "La Rédaction | 03.10.2024", BODY)) == "2024-10-03"


def test_a_title_with_a_number_before_a_date_is_no_byline():
    from pipeline.published import is_byline

    assert not is_byline("Budget 2026 - 12 février 2025")
    assert not is_byline("Le conseil municipal - 12 février 2025")


def test_the_date_of_a_print_edition():
    assert find_published(page("Un titre", "Édition du 8 avril 2024", BODY)) == "2024-04-08"


def test_a_stamp_line_ending_with_a_full_stop():
    assert find_published(page("Un titre", "Publié le 2 juillet 2024 Lecture : 4 minutes.", BODY)) == "2024-07-02"
    assert find_published(page("Un titre", "Par Inès Morel. Mis en ligne le 2 juillet 2024.", BODY)) == "2024-07-02"


def test_a_short_sentence_opening_with_a_publication_word_is_no_stamp():
    assert find_published(page("Un titre", "Publié le 2 juillet 2024, l'avis du Conseil a surpris.", BODY)) is None


def test_a_date_right_under_a_long_standfirst():
    standfirst = BODY.replace("La région", "Selon nos informations, la région")
    assert find_published(page("Un titre", standfirst, "", "17 octobre 2024", BODY)) == "2024-10-17"


def test_a_date_under_a_teasers_title_after_a_paragraph_is_not_the_pages():
    text = page("Un titre", BODY, "Le prix de l'électricité baisse", "17 octobre 2024", "Un autre titre")
    assert find_published(text) is None


def test_a_stamp_in_a_header_line_too_long_for_a_byline():
    line = (
        "Par Claire Vasseur, envoyée spéciale à Bruxelles, avec Marc Olivier et le service économie de la rédaction "
        "Publié le 05/03/2024 à 09h10 Mis à jour le 06/03/2024 à 11h00"
    )
    assert len(line) > 160
    assert find_published(page("Un titre", line, BODY)) == "2024-03-05"


def test_a_long_header_line_opening_with_an_update_stamp():
    line = (
        "Mis à jour le 06/03/2024 à 11h00 | Par Claire Vasseur, envoyée spéciale à Bruxelles, avec Marc Olivier "
        "et le service économie de la rédaction"
    )
    assert find_published(page("Un titre", line, BODY)) == "2024-03-06"
