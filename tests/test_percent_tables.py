"""PERCENT in tables (GUIDELINES D111): the numbers of a "(%)" column or row, as written with their sign."""

from __future__ import annotations

from pipeline.money import find_money


def percents(text: str) -> list[tuple[str, float]]:
    return [(e.text, e.norm["value"]) for e in find_money(text) if e.label == "PERCENT"]


def test_the_cells_of_a_percent_column():
    text = "Canton | Taux (%) | Habitants\nVaud | 4,2 | 822 000\nValais | -0,3 | 353 000\n"
    assert percents(text) == [("4,2", 4.2), ("-0,3", -0.3)]


def test_the_cells_of_a_percent_row():
    assert percents("Indicateur\t2023\t2024\nTaux d'épargne (en %)\t17,5\t18,2\n") == [("17,5", 17.5), ("18,2", 18.2)]


def test_years_beside_a_percent_row_head_are_no_percentages():
    assert percents("Évolution (%) | 2023 | 2024\n") == []


def test_a_row_of_another_shape_ends_the_table():
    text = "Ville | Hausse (%)\nNantes | 2,5\nSource : Insee | 2024 | chiffres provisoires\n"
    assert percents(text) == [("2,5", 2.5)]
