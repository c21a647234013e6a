"""The pipeline on a real SQLite file: moves are recorded, the board is bounded, stage rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event

from infcrm.db.engine import Database
from infcrm.domain.validation import InvalidInput
from infcrm.services.outreach import followups, history, interactions, pipeline
from infcrm.services.outreach.outreach_types import ENTRY_STAGE_CHANGE, BoardQuery, InteractionInput
from infcrm.services.people import influencers, trash
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput


def _stage(db: Database, name: str) -> int:
    return next(s.id for s in influencers.stages(db, include_archived=True) if s.name == name)


def _person(db: Database, name: str, stage: str = "Prospect", **fields: object) -> int:
    return influencers.create(
        db, InfluencerInput(display_name=name, stage_id=_stage(db, stage), **fields)
    )


def _column(columns, name: str):
    return next(c for c in columns if c.stage.name == name)


def test_moving_a_card_changes_the_stage_and_lands_in_the_timeline(db: Database) -> None:
    db.sign_as("Ana")
    person = _person(db, "Mia")
    pipeline.move_to_stage(db, person, _stage(db, "Agreed"), note="Said yes on the phone")
    assert influencers.get(db, person).stage_name == "Agreed"
    db.sign_as("Ben")  # a teammate reads it: names tell who did what
    [entry] = history.timeline(db, person)
    assert entry.kind == ENTRY_STAGE_CHANGE
    assert entry.title == "Ana moved Mia from Prospect to Agreed"
    assert entry.full_text == "Said yes on the phone"
    pipeline.move_to_stage(db, person, _stage(db, "Agreed"))  # dropped on its own column
    assert len(history.timeline(db, person)) == 1


def test_board_counts_everyone_but_shows_at_most_per_column_cards(db: Database) -> None:
    for i in range(7):
        _person(db, f"Prospect {i}")
    _person(db, "Talker", "In talks")
    columns = pipeline.board(db, BoardQuery(), per_column=3)
    assert [c.stage.name for c in columns][:3] == ["Prospect", "Contacted", "In talks"]
    prospects = _column(columns, "Prospect")
    assert prospects.total == 7 and len(prospects.cards) == 3
    assert [c.name for c in prospects.cards] == ["Prospect 6", "Prospect 5", "Prospect 4"]
    assert _column(columns, "Contacted").total == 0
    assert [c.name for c in _column(columns, "In talks").cards] == ["Talker"]
    rest = pipeline.column_cards(db, prospects.stage.id, BoardQuery(), offset=3, limit=10)
    assert [c.name for c in rest] == ["Prospect 3", "Prospect 2", "Prospect 1", "Prospect 0"]


def test_the_trash_is_neither_counted_nor_shown_on_the_board(db: Database) -> None:
    kept = _person(db, "Kept", tags="vip")
    gone = [_person(db, "Gone", tags="vip"), _person(db, "Left", "Agreed", tags="vip")]
    trash.trash(db, gone)
    for query in (BoardQuery(), BoardQuery(tag="vip")):  # the board as it opens, and filtered
        columns = pipeline.board(db, query)
        prospects, agreed = _column(columns, "Prospect"), _column(columns, "Agreed")
        assert (prospects.total, [c.id for c in prospects.cards]) == (1, [kept])
        assert (agreed.total, agreed.cards) == (0, ())
    trash.restore(db, gone)
    assert _column(pipeline.board(db, BoardQuery()), "Agreed").total == 1


def _statements(db: Database, action) -> int:
    seen: list[str] = []

    def count(*args: object) -> None:
        seen.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(seen)


def test_board_queries_do_not_grow_with_the_number_of_cards(db: Database) -> None:
    for i in range(3):
        _person(db, f"Few {i}", "Contacted")
    few = _statements(db, lambda: pipeline.board(db, BoardQuery()))
    for i in range(40):
        _person(db, f"Many {i}", "Contacted")
        _person(db, f"Agreed {i}", "Agreed")
    many = _statements(db, lambda: pipeline.board(db, BoardQuery()))
    assert many <= few + 1  # one more column with cards, not one query per card


def test_cards_show_account_tier_next_follow_up_and_waiting(db: Database) -> None:
    person = _person(
        db,
        "Mia Bakes",
        "Contacted",
        accounts=(AccountInput(platform="tiktok", handle="mia.bakes", followers="25k"),),
    )
    now = datetime(2026, 11, 20, 9, tzinfo=UTC)
    interactions.log_interaction(
        db,
        InteractionInput(
            influencer_id=person,
            channel="email",
            direction="outbound",
            occurred_at=now - timedelta(days=10),
        ),
    )
    followups.add_follow_up(db, person, date(2026, 12, 3))
    followups.add_follow_up(db, person, date(2026, 11, 25))
    [card] = _column(pipeline.board(db, BoardQuery(), now=now), "Contacted").cards
    assert (card.handle, card.platform, card.followers, card.tier) == (
        "mia.bakes",
        "tiktok",
        25_000,
        "micro",
    )
    assert card.next_follow_up == date(2026, 11, 25)
    assert card.waiting


def test_board_filters_by_search_tag_owner_and_platform(db: Database) -> None:
    _person(db, "Mia Bakes", tags="vip", owner="Sam",
            accounts=(AccountInput(platform="instagram", handle="mia.bakes"),))  # fmt: skip
    _person(db, "Kofi Runs", owner="Alex",
            accounts=(AccountInput(platform="tiktok", handle="kofi.runs"),))  # fmt: skip

    def names(query: BoardQuery) -> list[str]:
        return [c.name for c in _column(pipeline.board(db, query), "Prospect").cards]

    assert names(BoardQuery(search="kofi")) == ["Kofi Runs"]
    assert names(BoardQuery(tag="VIP")) == ["Mia Bakes"]
    assert names(BoardQuery(owner="Alex")) == ["Kofi Runs"]
    assert names(BoardQuery(platform="instagram")) == ["Mia Bakes"]
    assert _column(pipeline.board(db, BoardQuery(search="nobody")), "Prospect").total == 0


def test_stage_names_are_unique_ignoring_case(db: Database) -> None:
    with pytest.raises(InvalidInput, match="already a stage called “Agreed”"):
        pipeline.rename_stage(db, _stage(db, "In talks"), "agreed")
    with pytest.raises(InvalidInput, match="required"):
        pipeline.add_stage(db, "   ")
    pipeline.rename_stage(db, _stage(db, "In talks"), "Negotiating")
    assert "Negotiating" in [s.name for s in influencers.stages(db)]


def test_added_open_stage_goes_before_the_closed_ones(db: Database) -> None:
    new_id = pipeline.add_stage(db, "Shipped")
    names = [s.name for s in influencers.stages(db)]
    assert names.index("Shipped") == names.index("Completed") + 1
    assert names[-2:] == ["Declined", "Not a fit"]
    pipeline.add_stage(db, "Ghosted", closed=True)
    assert influencers.stages(db)[-1].name == "Ghosted"
    assert next(s for s in influencers.stages(db) if s.id == new_id).is_closed is False


def test_reorder_needs_every_active_stage_once(db: Database) -> None:
    ids = [s.id for s in influencers.stages(db)]
    reordered = [ids[1], ids[0], *ids[2:]]
    pipeline.reorder_stages(db, reordered)
    assert [s.id for s in influencers.stages(db)] == reordered
    with pytest.raises(InvalidInput):
        pipeline.reorder_stages(db, ids[:-1])
    assert [s.id for s in influencers.stages(db)] == reordered


def test_archiving_a_stage_with_people_needs_a_target_and_records_each_move(
    db: Database,
) -> None:
    talks = _stage(db, "In talks")
    people = [_person(db, f"P{i}", "In talks") for i in range(3)]
    with pytest.raises(InvalidInput, match="still holds 3 people") as caught:
        pipeline.archive_stage(db, talks)
    assert "move_to" in caught.value.errors
    assert _stage(db, "In talks") in [s.id for s in influencers.stages(db)]
    with pytest.raises(InvalidInput, match="other than"):
        pipeline.archive_stage(db, talks, move_to=talks)

    assert pipeline.archive_stage(db, talks, move_to=_stage(db, "Contacted")) == 3
    assert "In talks" not in [s.name for s in influencers.stages(db)]
    assert "In talks" not in [c.stage.name for c in pipeline.board(db, BoardQuery())]
    for person in people:
        assert influencers.get(db, person).stage_name == "Contacted"
        assert history.timeline(db, person)[0].title.endswith(" from In talks to Contacted")
    with pytest.raises(InvalidInput, match="no longer exists"):
        pipeline.move_to_stage(db, people[0], talks)
    pipeline.restore_stage(db, talks)
    assert influencers.stages(db)[-1].name == "In talks"


def test_an_empty_stage_archives_without_a_target(db: Database) -> None:
    assert pipeline.archive_stage(db, _stage(db, "Not a fit")) == 0
    assert "Not a fit" not in [s.name for s in influencers.stages(db)]
