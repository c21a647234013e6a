"""The influencer table model: SQL order, lazy bounded rows, formatted cells and tooltips."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon

from infcrm.db.engine import Database
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery
from infcrm.ui.models import influencer_table_model as table_model
from infcrm.ui.models.influencer_table_model import (
    COLUMNS,
    ID_ROLE,
    RAW_ROLE,
    InfluencerTableModel,
)

DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole


def _add(db: Database, name: str, **fields) -> int:
    account = AccountInput(
        platform=fields.pop("platform", "instagram"),
        handle=fields.pop("handle", name.lower().replace(" ", ".")),
        followers=fields.pop("followers", 25_000),
        avg_likes=fields.pop("avg_likes", 900),
        avg_comments=fields.pop("avg_comments", 50),
        is_primary=True,
    )
    return influencers.create(db, InfluencerInput(display_name=name, accounts=(account,), **fields))


def _cell(model: InfluencerTableModel, row: int, key: str, role: int = DISPLAY) -> object:
    return model.data(model.index(row, model.column_of(key)), role)


def test_model_passes_qt_model_checks(qtmodeltester, demo_db: Database) -> None:
    model = InfluencerTableModel(demo_db)
    qtmodeltester.check(model)
    assert model.rowCount() == 60


def test_trash_model_passes_qt_model_checks_and_shows_when_deleted(
    qtmodeltester, demo_db: Database
) -> None:
    ids = influencer_list.list_ids(demo_db, ListQuery())[:3]
    influencers.trash(demo_db, ids)
    model = InfluencerTableModel(demo_db, ListQuery(trash=True))
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "Deleted" in headers
    assert _cell(model, 0, "deleted")  # a date the user can read


def test_rows_follow_the_sql_order_and_columns_are_the_list_columns(demo_db: Database) -> None:
    model = InfluencerTableModel(demo_db)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [c.header for c in COLUMNS]
    assert headers[:4] == ["Name", "Account", "Followers", "Tier"]
    names = [_cell(model, r, "name", RAW_ROLE) for r in range(model.rowCount())]
    assert names == sorted(names, key=str.casefold)
    assert model.ids == influencer_list.list_ids(demo_db, ListQuery())


def test_followers_are_compact_and_the_raw_count_is_kept(db: Database) -> None:
    person = _add(db, "Mia Stone", followers=12_345)
    model = InfluencerTableModel(db)
    row = model.row_of(person)
    assert row is not None
    assert _cell(model, row, "followers") == "12.3k"
    assert _cell(model, row, "followers", RAW_ROLE) == 12_345
    assert _cell(model, row, "name", ID_ROLE) == person
    assert _cell(model, row, "followers", Qt.ItemDataRole.TextAlignmentRole) & (
        Qt.AlignmentFlag.AlignRight
    )


def test_engagement_shows_rate_band_and_an_explanation(db: Database) -> None:
    # (900 + 50) / 25,000 = 3.8% on a micro Instagram account: high (typical 1–3%).
    _add(db, "Mia Stone", followers=25_000, avg_likes=900, avg_comments=50)
    model = InfluencerTableModel(db)
    assert _cell(model, 0, "engagement") == "3.8% · High"
    assert _cell(model, 0, "engagement", TOOLTIP) == (
        "High for a micro Instagram account (typical 1–3%)"
    )
    assert _cell(model, 0, "engagement", RAW_ROLE) == pytest.approx(0.038)
    assert _cell(model, 0, "engagement", Qt.ItemDataRole.ForegroundRole) is not None


def test_do_not_contact_is_marked_with_a_tooltip(db: Database) -> None:
    _add(db, "Quiet Person", do_not_contact=True)
    _add(db, "Open Person", handle="open.person")
    model = InfluencerTableModel(db)
    quiet = model.row_of(influencer_list.list_ids(db, ListQuery(search="quiet"))[0])
    open_ = model.row_of(influencer_list.list_ids(db, ListQuery(search="open"))[0])
    decoration = Qt.ItemDataRole.DecorationRole
    assert _cell(model, quiet, "name") == "Quiet Person"
    sign = _cell(model, quiet, "name", decoration)
    assert isinstance(sign, QIcon) and not sign.isNull()
    assert "Do not contact" in _cell(model, quiet, "name", TOOLTIP)
    assert _cell(model, open_, "name") == "Open Person"
    assert _cell(model, open_, "name", decoration) is None
    assert _cell(model, open_, "name", TOOLTIP) is None
    # Only the name carries the sign.
    assert _cell(model, quiet, "email", decoration) is None


def test_rating_and_labels_read_like_words(db: Database) -> None:
    _add(db, "Mia Stone", rating=4, found_via="follows_us", platform="x", handle="mia_stone")
    model = InfluencerTableModel(db)
    assert _cell(model, 0, "rating") == "★★★★☆"
    assert _cell(model, 0, "found_via") == "Follows us"
    assert _cell(model, 0, "platform") == "X (Twitter)"
    assert _cell(model, 0, "tier") == "Micro"
    assert _cell(model, 0, "accounts") == "1"


def test_sort_by_followers_descending_is_done_in_sql(demo_db: Database) -> None:
    model = InfluencerTableModel(demo_db)
    column = model.column_of("followers")
    with_reset = []
    model.modelReset.connect(lambda: with_reset.append(True))
    model.sort(column, Qt.SortOrder.DescendingOrder)
    assert with_reset and model.query.sort == "followers" and model.query.descending
    counts = [_cell(model, r, "followers", RAW_ROLE) for r in range(model.rowCount())]
    known = [c for c in counts if c is not None]
    assert known == sorted(known, reverse=True)
    assert counts[0] == max(known)


def test_sorting_a_column_without_an_order_changes_nothing(demo_db: Database) -> None:
    model = InfluencerTableModel(demo_db)
    before = list(model.ids)
    model.sort(model.column_of("tags"), Qt.SortOrder.DescendingOrder)
    assert list(model.ids) == before
    assert model.query.sort == "name"


def test_set_query_narrows_and_resets(demo_db: Database) -> None:
    model = InfluencerTableModel(demo_db)
    everyone = model.rowCount()
    first_name = str(_cell(model, 0, "name")).removeprefix("⛔ ").split()[0]
    model.set_query(replace(model.query, search=first_name))
    assert 0 < model.rowCount() < everyone
    texts = [
        " ".join(str(_cell(model, r, c.key)) for c in COLUMNS) for r in range(model.rowCount())
    ]
    assert all(first_name.casefold() in t.casefold() for t in texts[:5])


def test_the_row_cache_stays_bounded(monkeypatch, demo_db: Database) -> None:
    monkeypatch.setattr(table_model, "BLOCK_SIZE", 10)
    monkeypatch.setattr(table_model, "MAX_BLOCKS", 2)
    model = InfluencerTableModel(demo_db)
    names = [_cell(model, r, "name") for r in range(model.rowCount())]
    assert all(names)
    assert model.cached_rows() <= 20
    # A row fetched again after its block was dropped reads the same.
    assert _cell(model, 0, "name") == names[0]


def test_a_person_deleted_behind_the_models_back_shows_blank_not_a_crash(
    demo_db: Database,
) -> None:
    model = InfluencerTableModel(demo_db)
    influencers.forget(demo_db, [model.id_at(0)])
    assert _cell(model, 0, "name") is None
    assert _cell(model, 1, "name")
