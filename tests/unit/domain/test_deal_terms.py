"""What a deal costs and returns: incentive costs, CPE, ROI, and money that never mixes silently."""

from __future__ import annotations

from decimal import Decimal

import pytest

from infcrm.domain.campaign_enums import IncentiveKind
from infcrm.domain.deal_terms import (
    ContentFigures,
    IncentiveTerms,
    cost_per_engagement,
    deal_cost,
    return_on_investment,
)
from infcrm.domain.money import (
    MixedCurrencies,
    Money,
    MoneyError,
    check_currency,
    describe_totals,
    parse_amount,
    totals_by_currency,
)


def eur(minor: int) -> Money:
    return Money(minor, "EUR")


@pytest.mark.parametrize(
    ("kind", "quantity", "value", "cost"),
    [
        (IncentiveKind.PRODUCT, 1, eur(4500), eur(4500)),
        (IncentiveKind.PRODUCT, 3, eur(4500), eur(13500)),  # retail value × quantity
        (IncentiveKind.SERVICE, 2, eur(12000), eur(12000)),  # a service is valued as a whole
        (IncentiveKind.EXPERIENCE, 1, eur(25000), eur(25000)),
        (IncentiveKind.FEE, 1, eur(30000), eur(30000)),
        (IncentiveKind.COMMISSION, 1, eur(1000), None),  # paid on sales later, not up front
        (IncentiveKind.PRODUCT, 2, None, None),  # no value entered: no cost to count
    ],
)
def test_the_cost_of_each_kind_of_incentive(
    kind: IncentiveKind, quantity: int, value: Money | None, cost: Money | None
) -> None:
    assert IncentiveTerms(kind, quantity=quantity, value=value).cost == cost


def test_a_commission_has_no_up_front_cost_even_with_a_percentage() -> None:
    terms = IncentiveTerms(
        IncentiveKind.COMMISSION, promo_code="MIA10", commission_percent=Decimal("10")
    )
    assert terms.cost is None
    assert deal_cost([terms]) == {}


def test_a_deal_costs_its_fees_plus_the_value_of_what_is_given() -> None:
    incentives = [
        IncentiveTerms(IncentiveKind.PRODUCT, "Linen apron", quantity=2, value=eur(4500)),
        IncentiveTerms(IncentiveKind.FEE, value=eur(15000)),
        IncentiveTerms(IncentiveKind.COMMISSION, commission_percent=Decimal("12.5")),
    ]
    assert deal_cost(incentives) == {"EUR": eur(24000)}


def test_a_deal_in_two_currencies_costs_one_sum_per_currency() -> None:
    incentives = [
        IncentiveTerms(IncentiveKind.FEE, value=eur(10000)),
        IncentiveTerms(IncentiveKind.EXPERIENCE, value=Money(4000, "USD")),
    ]
    sums = deal_cost(incentives)
    assert sums == {"EUR": eur(10000), "USD": Money(4000, "USD")}
    assert describe_totals(sums) == "€100.00 + $40.00"


def test_engagements_and_the_rate_per_post() -> None:
    figures = ContentFigures(posts=2, likes=800, comments=50, shares=30, saves=120)
    assert figures.engagements == 1000
    assert figures.engagement_rate_per_post(20_000) == Decimal("0.025")
    assert figures.engagement_rate_per_post(None) is None
    assert ContentFigures().engagement_rate_per_post(20_000) is None


@pytest.mark.parametrize(
    ("cost", "engagements", "expected"),
    [
        (eur(24000), 1500, eur(16)),
        (eur(25000), 350, eur(71)),  # 71.43 cents rounds down
        (eur(5), 2, eur(3)),  # 2.5 cents rounds half up
        (eur(7), 2, eur(4)),  # 3.5 too
        (Money(1000, "JPY"), 3, Money(333, "JPY")),  # yen have no minor unit to round to
    ],
)
def test_cost_per_engagement_rounds_half_up(cost: Money, engagements: int, expected: Money) -> None:
    assert cost_per_engagement(cost, engagements) == expected


def test_no_cost_per_engagement_without_engagements() -> None:
    assert cost_per_engagement(eur(1000), 0) is None


@pytest.mark.parametrize(
    ("cost", "revenue", "roi"),
    [
        (eur(24000), eur(54000), Decimal("1.25")),
        (eur(25000), eur(9000), Decimal("-0.64")),
        (eur(49000), eur(63000), Decimal("0.2857")),
        (eur(10000), eur(10000), Decimal("0")),
    ],
)
def test_return_on_investment(cost: Money, revenue: Money, roi: Decimal) -> None:
    assert return_on_investment(cost, revenue) == roi


def test_no_roi_when_nothing_was_spent() -> None:
    assert return_on_investment(eur(0), eur(5000)) is None


def test_roi_refuses_mixed_currencies_instead_of_converting() -> None:
    with pytest.raises(MixedCurrencies, match="does not convert"):
        return_on_investment(eur(10000), Money(12000, "USD"))


def test_adding_two_currencies_is_refused_but_totals_per_currency_are_kept() -> None:
    with pytest.raises(MixedCurrencies):
        eur(100) + Money(100, "USD")
    sums = totals_by_currency([eur(100), Money(4000, "USD"), eur(11900)])
    assert sums == {"EUR": eur(12000), "USD": Money(4000, "USD")}
    assert describe_totals(sums) == "€120.00 + $40.00"
    assert describe_totals({}) == "—"


@pytest.mark.parametrize(
    ("text", "currency", "minor"),
    [
        ("12.50", "EUR", 1250),
        ("1,200", "EUR", 120000),  # a thousands separator
        ("€30", "EUR", 3000),
        ("30 EUR", "EUR", 3000),
        ("12,50", "EUR", 1250),  # a decimal comma
        ("1 500", "EUR", 150000),
        ("1200", "JPY", 1200),
        ("$40", "USD", 4000),
        # Written the European way: dots group thousands, the comma is the decimal mark.
        # “1.500,00” was read as €1.50, a budget or payment a thousand times too small.
        ("1.500,00", "EUR", 150000),
        ("1.234.567,89", "EUR", 123456789),
        ("1.500.000", "EUR", 150000000),
        ("1,500.50", "EUR", 150050),
        ("€ 2.500,-", "EUR", 250000),
        ("1.500", "KWD", 1500),  # dinars have three decimals: one and a half
    ],
)
def test_money_typed_the_way_people_write_it(text: str, currency: str, minor: int) -> None:
    assert parse_amount(text, currency) == minor


@pytest.mark.parametrize(
    ("text", "currency", "message"),
    [
        ("-5", "EUR", "cannot be negative"),
        ("12.5", "JPY", "too many decimals"),
        ("12.345", "EUR", "too many decimals"),
        # €1,500 or €1.50? Not read as €1.50 any more: the message says how to type either.
        ("1.500", "EUR", "type 1500 or 1,500"),
        ("$30", "EUR", "is in USD"),
        ("twelve", "EUR", "must be a number"),
    ],
)
def test_money_that_is_refused_says_why(text: str, currency: str, message: str) -> None:
    with pytest.raises(MoneyError, match=message):
        parse_amount(text, currency)


@pytest.mark.parametrize("code", ["EUD", "euro", "", "12"])
def test_an_unknown_currency_is_refused(code: str) -> None:
    with pytest.raises(MoneyError):
        check_currency(code)
    with pytest.raises(MoneyError):
        parse_amount("10", code)


def test_known_currencies_and_symbols_are_accepted() -> None:
    assert check_currency("eur") == "EUR"
    assert check_currency("€") == "EUR"
    assert str(Money(120000, "JPY")) == "¥120,000"
    assert str(Money(3000, "CHF")) == "CHF 30.00"
