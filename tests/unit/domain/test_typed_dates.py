"""Typed dates: day first, with or without a year; due dates roll into next year."""

from __future__ import annotations

from datetime import date

import pytest

from infcrm.domain.typed_dates import could_become_date, parse_typed_date

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("15/03/2027", date(2027, 3, 15)),
        ("15.3.27", date(2027, 3, 15)),
        ("15-03-2027", date(2027, 3, 15)),
        ("2027-03-15", date(2027, 3, 15)),
        ("15 Mar 2027", date(2027, 3, 15)),
        ("15 march 2027", date(2027, 3, 15)),
        ("March 15, 2027", date(2027, 3, 15)),
        ("Sun 15 Mar 2026", date(2026, 3, 15)),
        ("31/02/2027", None),
        ("next week", None),
        ("", None),
    ],
)
def test_what_people_type_is_read_day_first(typed: str, meant: date | None) -> None:
    assert parse_typed_date(typed, TODAY) == meant


def test_a_due_date_without_a_year_that_has_passed_means_next_year() -> None:
    assert parse_typed_date("15/03", TODAY, due=True) == date(2027, 3, 15)
    assert parse_typed_date("15 Mar", TODAY, due=True) == date(2027, 3, 15)
    assert parse_typed_date("20/12", TODAY, due=True) == date(2026, 12, 20)
    assert parse_typed_date("30/11", TODAY, due=True) == TODAY, "today stays today"


def test_a_past_date_without_a_year_stays_in_this_year_when_not_due() -> None:
    assert parse_typed_date("15/03", TODAY) == date(2026, 3, 15)


def test_half_typed_dates_may_go_on_but_other_text_may_not() -> None:
    assert could_become_date("15/0")
    assert could_become_date("15 Ma")
    assert not could_become_date("15/03=")
