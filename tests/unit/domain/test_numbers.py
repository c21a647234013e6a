"""Parsing and formatting counts and percentages as people write them."""

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infcrm.domain.numbers import (
    MAX_COUNT,
    NegativeCountError,
    format_count,
    format_percent,
    parse_average,
    parse_count,
    parse_percent,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (12345, 12345),
        (0, 0),
        (12345.0, 12345),
        ("12345", 12345),
        ("12,345", 12345),
        ("12 345", 12345),
        ("12\u00a0345", 12345),
        ("12\u202f345", 12345),
        ("12'345", 12345),
        ("12.3k", 12300),
        ("12.3 K", 12300),
        ("1.2M", 1_200_000),
        ("3.3b", 3_300_000_000),
        ("3.3B", 3_300_000_000),
        ("1,2k", 1200),
        ("0.5k", 500),
        ("1.2345k", 1235),  # rounded to the nearest follower
        ("12.345.678", 12_345_678),
        ("12.345", 12345),  # a dot before three digits is a thousands separator
        ("12,345.00", 12345),
        ("12.345,00", 12345),
        ("1.2E+06", 1_200_000),
        ("  7 ", 7),
        ("+5", 5),
        ("", None),
        ("   ", None),
        (None, None),
        ("-", None),
        ("n/a", None),
        ("N/A", None),
    ],
)
def test_parse_count(value: object, expected: int | None) -> None:
    assert parse_count(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # Japanese and Chinese lists count in 万 (ten thousand) and 億/亿 (a hundred million),
        # Korean ones in 만 and 억; full-width digits are what a Japanese keyboard types.
        ("120万", 1_200_000),
        ("1.5万", 15_000),
        ("3億", 300_000_000),
        ("2.3亿", 230_000_000),
        ("45.6萬", 456_000),
        ("12만", 120_000),
        ("1억", 100_000_000),
        ("1億2000万", 120_000_000),
        ("1억 2천만", 120_000_000),
        ("3万5千", 35_000),
        ("120万人", 1_200_000),
        ("１２０万", 1_200_000),
        ("12,000人", 12_000),
        ("1,200万", 12_000_000),  # a comma before three digits groups thousands, as in 1,200
        ("3千万", 30_000_000),
        ("5百万", 5_000_000),
    ],
)
def test_parse_count_reads_east_asian_units(value: str, expected: int) -> None:
    assert parse_count(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # Spanish and Portuguese write thousands as “mil” and millions as “mi”/“mill.”, with
        # a decimal comma: “1,2 mil” is 1,200, “3,4 mi” 3.4 million.
        ("1,2 mil", 1_200),
        ("12,5mil", 12_500),
        ("3,4 mi", 3_400_000),
        ("2 mi", 2_000_000),
        ("1,5 mill.", 1_500_000),
        ("2,3 mill", 2_300_000),
        # German: “Tsd.” thousand, “Mio.” million, “Mrd.” billion.
        ("12,3 Tsd.", 12_300),
        ("4,5 Mio.", 4_500_000),
        ("1 Mrd.", 1_000_000_000),
    ],
)
def test_parse_count_reads_thousands_and_millions_in_other_languages(
    value: str, expected: int
) -> None:
    assert parse_count(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("١٢٣٤٥", 12_345),  # Arabic-Indic digits
        ("٢٫٥K", 2_500),  # with Arabic's own decimal separator
        ("١٢٬٣٤٥", 12_345),  # and its own thousands separator
        ("۱۲۳۴", 1_234),  # Persian digits
    ],
)
def test_parse_count_reads_arabic_digits_and_separators(value: str, expected: int) -> None:
    assert parse_count(value) == expected


@pytest.mark.parametrize("value", ["120 mil", "1.2 mil"])
def test_mil_that_could_be_thousands_or_millions_is_refused_saying_so(value: str) -> None:
    # “mil” is a thousand in Spanish and Portuguese but a million in English slang; only a
    # decimal comma tells, so these are refused rather than guessed 1,000 times wrong.
    with pytest.raises(ValueError, match=r"could be thousands .* or millions"):
        parse_count(value)


@pytest.mark.parametrize("value", ["万", "1万1億", "1.5万3.5", "12人人"])
def test_east_asian_units_out_of_order_are_refused(value: str) -> None:
    with pytest.raises(ValueError, match="is not a number of followers"):
        parse_count(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "“abc” is not a number of followers. Write it like 12,345 or 12.3k."),
        ("1.5", "“1.5” is not a whole number of followers"),
        ("12,34", "“12,34” is not a whole number"),
        (12.5, "“12.5” is not a whole number"),
        ("1e400", "“1e400” is too large"),
        (float("inf"), "too large"),
        (MAX_COUNT + 1, "too large"),
        (float("nan"), "no number of followers"),
        ("1.234.5", "not a number"),
        ("k", "not a number"),
        (True, "not a number"),
    ],
)
def test_parse_count_rejects_with_a_sentence(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_count(value)


@pytest.mark.parametrize("value", [-5, "-5", "-1.2k", "−300"])
def test_parse_count_rejects_negative(value: object) -> None:
    with pytest.raises(NegativeCountError, match="cannot be negative"):
        parse_count(value)


def test_parse_count_names_what_is_counted() -> None:
    with pytest.raises(ValueError, match="not a number of likes"):
        parse_count("lots", what="likes")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4.5%", 0.045),
        ("4,5 %", 0.045),
        ("4.5 %", 0.045),
        ("0.5%", 0.005),
        ("100%", 1.0),
        (4.5, 0.045),
        (0.045, 0.045),
        ("0.045", 0.045),
        ("4.5", 0.045),
        (1, 1.0),
        (100, 1.0),
        ("NaN%", None),
        ("nan", None),
        (float("nan"), None),
        ("", None),
        (None, None),
    ],
)
def test_parse_percent(value: object, expected: float | None) -> None:
    result = parse_percent(value)
    if expected is None:
        assert result is None
    else:
        assert result == pytest.approx(expected)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-3%", "cannot be negative"),
        (-0.1, "cannot be negative"),
        ("150%", "more than 100%"),
        (101, "more than 100%"),
        ("abc", "“abc” is not a percentage"),
        ("1.2.3%", "is not a percentage"),
    ],
)
def test_parse_percent_rejects(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_percent(value)


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (None, ""),
        (0, "0"),
        (950, "950"),
        (999, "999"),
        (1000, "1k"),
        (1050, "1.1k"),
        (12_000, "12k"),
        (12_345, "12.3k"),
        (999_949, "999.9k"),
        (999_950, "1M"),  # rounds up into the next unit instead of “1000k”
        (1_200_000, "1.2M"),
        (3_300_000_000, "3.3B"),
    ],
)
def test_format_count(n: int | None, text: str) -> None:
    assert format_count(n) == text


def test_format_percent() -> None:
    assert format_percent(0.0456) == "4.6%"
    assert format_percent(0.0456, digits=2) == "4.56%"
    assert format_percent(1.0, digits=0) == "100%"
    assert format_percent(None) == ""
    assert format_percent(math.nan) == ""


counts = st.integers(min_value=0, max_value=MAX_COUNT)


@given(counts)
def test_format_count_round_trips_within_rounding(n: int) -> None:
    back = parse_count(format_count(n))
    assert back is not None
    unit = 1 if n < 1_000 else 1_000 if n < 999_950 else 1_000_000 if n < 999_950_000 else 10**9
    assert abs(back - n) <= unit // 20  # half of the one decimal shown


@given(counts, st.sampled_from([",", ".", " ", "\u00a0", "\u202f", "'"]))
def test_thousands_separators_parse_back_exactly(n: int, separator: str) -> None:
    written = f"{n:,}".replace(",", separator)
    assert parse_count(written) == n


@given(st.integers(min_value=0, max_value=MAX_COUNT))
def test_plain_integers_parse_back_exactly(n: int) -> None:
    assert parse_count(str(n)) == n
    assert parse_count(n) == n
    assert parse_count(float(n)) == n  # MAX_COUNT is well inside the exact range of a float


@given(st.decimals(min_value=0, max_value=100, places=2))
def test_percent_sign_divides_by_a_hundred(number: object) -> None:
    result = parse_percent(f"{number}%")
    assert result is not None
    assert result == pytest.approx(float(number) / 100)  # type: ignore[arg-type]
    assert 0 <= result <= 1


@given(st.floats(min_value=0, max_value=100, allow_nan=False))
def test_percent_numbers_are_fractions_up_to_one_then_percent(number: float) -> None:
    result = parse_percent(number)
    assert result == pytest.approx(number if number <= 1 else number / 100)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("859.2", 859), ("6818.8", 6819), ("1,234.5", 1235), (98416.6, 98417), ("12.3k", 12_300),
     ("4.0", 4), (" 0.4 ", 0), ("", None), (None, None)],
)  # fmt: skip
def test_an_average_may_be_fractional_and_is_rounded(value: object, expected: int | None) -> None:
    assert parse_average(value, what="views") == expected


@pytest.mark.parametrize("value", ["lots", "-3.5", "1.2.3", "nan"])
def test_an_average_that_is_no_number_is_still_refused(value: str) -> None:
    with pytest.raises(ValueError, match="views"):
        parse_average(value, what="views")
