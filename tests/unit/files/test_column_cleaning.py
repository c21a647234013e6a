"""A sheet tidied a column at a time gives exactly what tidying each cell gives."""

from __future__ import annotations

import math
from datetime import datetime

import pytest

from infcrm.files.column_cleaning import clean_cell, clean_column, cleaned_rows

HOSTILE_TEXTS = [
    "Ana", "  Ana  ", "", " ", "N/A", "n/a", " NaN ", "none", "None", "NULL", "-", "—", "–",
    "?", "#N/A", "#VALOR!", "#¡valor!", "#div/0!", "Not Found", "UNKNOWN", "n.a.", "nan nan",
    "#hashtag", "line\nbreak", "N/A\nmore", "\tTabbed\t", "ſ", "Straße", "\u00a0Ana\u00a0",
    "12", "12.0", "'=1+2", "café", "null\n", "\nnull",
]  # fmt: skip
OTHER_CELLS = [None, 12.0, 12.5, -3.0, 2.0**60, math.nan, 7, True, datetime(2024, 3, 5), ""]


def _each(cells: list[object]) -> list[object]:
    return [clean_cell(c) for c in cells]


@pytest.mark.parametrize("value", HOSTILE_TEXTS)
def test_a_text_column_holding_one_hostile_value_is_tidied_as_each_cell_would_be(
    value: str,
) -> None:
    column = ("Ana Bakes", value, "Bo Lifts", value.upper(), "food, travel")
    assert list(clean_column(column)) == _each(list(column))


def test_a_column_of_plain_text_is_only_stripped() -> None:
    column = ("Ana Bakes ", " Bo", "creator_1")
    assert clean_column(column) == ["Ana Bakes", "Bo", "creator_1"]


@pytest.mark.parametrize("value", OTHER_CELLS, ids=repr)
def test_a_mixed_column_is_tidied_as_each_cell_would_be(value: object) -> None:
    for column in ((value, 3.0, 4.0), (value, "x", None), (value, 1, 2), (3.0, value)):
        cleaned = list(clean_column(column))
        expected = _each(list(column))
        assert [repr(c) for c in cleaned] == [repr(c) for c in expected]  # nan == nan, 1 vs 1.0


def test_whole_floats_become_whole_numbers_and_others_stay_floats() -> None:
    assert clean_column((1.0, 250000.0)) == [1, 250000]
    assert all(type(c) is int for c in clean_column((1.0, 250000.0)))
    assert clean_column((1.0, 2.5)) == [1, 2.5]


def test_rows_of_different_lengths_are_padded_with_blanks() -> None:
    rows = [["Ana", " 12 ", "n/a"], ["Bo"], [], ["Cy", "", "x", "extra"]]
    assert cleaned_rows(rows) == [
        ("Ana", "12", None, None),
        ("Bo", None, None, None),
        (None, None, None, None),
        ("Cy", None, "x", "extra"),
    ]
