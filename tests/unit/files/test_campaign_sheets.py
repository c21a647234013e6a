"""The Campaigns, Deals and Content sheets of an "all sheets" export, read back with openpyxl."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import func, insert, select, update

from infcrm.db.campaign_models import Campaign, Content, Deal
from infcrm.db.engine import Database
from infcrm.db.models import Influencer
from infcrm.files.campaign_sheets import CAMPAIGN_COLUMNS, CONTENT_COLUMNS, DEAL_COLUMNS
from infcrm.files.currency_columns import spread
from infcrm.files.xlsx_export import export_xlsx, money_format
from infcrm.services.exchange import campaign_export_rows
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import ListQuery

MONEY = ("EUR", "USD")  # the demo's currencies
INJECTION = '=HYPERLINK("http://example.com","Click me")'


def _rows(sheet: Worksheet) -> list[dict[str, Cell]]:
    headers = [cell.value for cell in sheet[1]]
    return [dict(zip(headers, row, strict=True)) for row in sheet.iter_rows(min_row=2)]


@pytest.fixture
def book(demo_db: Database, tmp_path: Path):
    """The demo exported with every sheet, plus a campaign whose name is a formula."""
    with demo_db.transaction() as session:
        session.execute(
            insert(Campaign).values(
                name=INJECTION, brand="+1 brand", currency="EUR", status="planned"
            )
        )
    target = tmp_path / "all.xlsx"
    result = export_xlsx(demo_db, target, all_sheets=True)
    assert {"Campaigns", "Deals", "Content"} <= set(result.sheets)
    return load_workbook(target)


def test_the_three_campaign_sheets_follow_the_others(book) -> None:
    names = book.sheetnames
    assert names[0] == "Influencers" and "Social accounts" in names
    campaigns = names.index("Campaigns")
    assert names[campaigns : campaigns + 2] == ["Campaigns", "Deals"]
    assert names.index("Content") > campaigns
    assert [c.value for c in book["Deals"][1]] == [c.header for c in spread(DEAL_COLUMNS, MONEY)]
    assert book["Deals"].freeze_panes == "A2"


def test_every_campaign_is_listed_with_its_totals(book, demo_db: Database) -> None:
    rows = _rows(book["Campaigns"])
    with demo_db.reader() as session:
        assert len(rows) == session.execute(select(func.count(Campaign.id))).scalar_one()
    live = next(r for r in rows if r["Status"].value == "Active")
    assert live["Posts"].value > 0 and live["Engagements"].value > 0
    assert isinstance(live["Starts"].value, datetime)  # a real date, not text
    assert live["Starts"].number_format == "yyyy-mm-dd"
    assert live["Budget"].value == 6000 and live["Budget"].number_format == '#,##0.00 "EUR"'
    assert live["ROI"].data_type == "n" and live["ROI"].number_format == "0.0%"


def _amounts(row: dict[str, Cell], title: str) -> dict[str, Cell]:
    """The cells of one amount's per-currency columns that hold something, by currency."""
    cells = {code: row[f"{title} ({code})"] for code in MONEY}
    return {code: cell for code, cell in cells.items() if cell.value is not None}


def test_amounts_are_numbers_with_one_column_per_currency(book) -> None:
    deals = _rows(book["Deals"])
    assert "Cost" not in deals[0] and {"Cost (EUR)", "Cost (USD)"} <= set(deals[0])
    for row in deals:
        for title in ("Cost", "Fees", "Paid", "Owed", "Revenue"):
            for code, cell in _amounts(row, title).items():
                assert cell.data_type == "n", (title, code, cell.value)
                assert cell.number_format == f'#,##0.00 "{code}"'
    # The creator paid in dollars: the fee is a USD number, and the cost (dollars plus the
    # products' euros) is two numbers, one in each currency's column — never words.
    dollars = [r for r in deals if _amounts(r, "Fees").keys() == {"USD"}]
    assert len(dollars) == 1
    assert _amounts(dollars[0], "Cost").keys() == {"EUR", "USD"}
    campaigns = _rows(book["Campaigns"])
    mixed = [r for r in campaigns if len(_amounts(r, "Cost")) == 2]
    assert mixed, "the demo has a campaign paid in two currencies"
    for row in campaigns:
        assert all(isinstance(c.value, int | float) for c in _amounts(row, "Cost").values())
        assert all(isinstance(c.value, int | float) for c in _amounts(row, "Revenue").values())
    revenue = [r["Revenue"] for r in _rows(book["Content"]) if r["Revenue"].value]
    assert revenue and all(c.data_type == "n" for c in revenue)
    assert all(c.number_format == '#,##0.00 "EUR"' for c in revenue)


def test_fees_paid_and_owed_add_up(book) -> None:
    for row in _rows(book["Deals"]):
        fees, paid, owed = (row[f"{h} (EUR)"].value for h in ("Fees", "Paid", "Owed"))
        if isinstance(fees, int | float):
            assert (paid or 0) + (owed or 0) == pytest.approx(fees)
    assert any(r["Owed (EUR)"].value for r in _rows(book["Deals"]))


def test_user_text_that_looks_like_a_formula_is_a_string_cell(book) -> None:
    row = next(r for r in _rows(book["Campaigns"]) if r["Campaign"].value == INJECTION)
    assert row["Campaign"].data_type == "s"
    assert row["Brand or product"].value == "+1 brand"
    assert row["Brand or product"].data_type == "s"


def test_content_rows_carry_dates_links_and_engagements(book, demo_db: Database) -> None:
    rows = _rows(book["Content"])
    with demo_db.reader() as session:
        assert len(rows) == session.execute(select(func.count(Content.id))).scalar_one()
    post = rows[0]
    assert isinstance(post["Posted"].value, datetime)
    figures = [post[h].value or 0 for h in ("Likes", "Comments", "Shares", "Saves")]
    assert post["Engagements"].value == sum(figures)
    linked = [r["Link"] for r in rows if r["Link"].value]
    assert linked and all(c.hyperlink is not None for c in linked)


def test_deals_and_posts_follow_the_exported_people(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.reader() as session:
        person = session.execute(select(Deal.influencer_id).order_by(Deal.id)).scalars().first()
        name = session.get(Influencer, person).display_name
    ids = [person]
    deals = list(campaign_export_rows.deal_values(demo_db, ids))
    at = campaign_export_rows.DEAL_KEYS.index("influencer")
    assert deals and {row[at] for row in deals} == {name}
    assert campaign_export_rows.deal_count(demo_db, ids) == len(deals)
    posts = list(campaign_export_rows.content_values(demo_db, ids))
    assert campaign_export_rows.content_count(demo_db, ids) == len(posts)
    # A filtered export (one stage) holds only those people's deals, but every campaign.
    stage = influencers.stages(demo_db)[0]
    target = tmp_path / "prospects.xlsx"
    export_xlsx(demo_db, target, ListQuery(stage_id=stage.id), all_sheets=True)
    book = load_workbook(target)
    people = {r["Name"].value for r in _rows(book["Influencers"])}
    assert {r["Influencer"].value for r in _rows(book["Deals"])} <= people
    assert len(_rows(book["Campaigns"])) == 4


def _everyone(db: Database) -> list[int]:
    with db.reader() as session:
        return list(session.execute(select(Influencer.id)).scalars())


def test_people_in_the_trash_are_left_out(demo_db: Database) -> None:
    everyone = _everyone(demo_db)
    before = campaign_export_rows.deal_count(demo_db, everyone)
    with demo_db.transaction() as session:
        person = session.execute(select(Deal.influencer_id).order_by(Deal.id)).scalars().first()
        deals = session.execute(
            select(func.count()).where(Deal.influencer_id == person)
        ).scalar_one()
        session.execute(
            update(Influencer)
            .where(Influencer.id == person)
            .values(deleted_at=datetime(2026, 1, 1))
        )
    assert campaign_export_rows.deal_count(demo_db, everyone) == before - deals
    at = campaign_export_rows.DEAL_KEYS.index("influencer")
    names = {row[at] for row in campaign_export_rows.deal_values(demo_db, everyone)}
    with demo_db.reader() as session:
        assert session.get(Influencer, person).display_name not in names


def test_the_sheets_columns_match_the_rows_they_are_given() -> None:
    assert tuple(c.key for c in CAMPAIGN_COLUMNS) == campaign_export_rows.CAMPAIGN_KEYS
    assert tuple(c.key for c in DEAL_COLUMNS) == campaign_export_rows.DEAL_KEYS
    assert tuple(c.key for c in CONTENT_COLUMNS) == campaign_export_rows.CONTENT_KEYS


@pytest.mark.parametrize(
    ("currency", "expected"),
    [("EUR", '#,##0.00 "EUR"'), ("JPY", '#,##0 "JPY"'), ("KWD", '#,##0.000 "KWD"')],
)
def test_each_currency_has_its_own_number_format(currency: str, expected: str) -> None:
    assert money_format(currency) == expected


def test_campaign_dates_are_plain_dates_in_the_rows(demo_db: Database) -> None:
    row = next(campaign_export_rows.campaign_values(demo_db, []))
    starts = row[campaign_export_rows.CAMPAIGN_KEYS.index("starts_on")]
    assert isinstance(starts, date) and not isinstance(starts, datetime)
