"""Saved views: names checked, kept across a restart, counted, reordered, each change undone
exactly — and a view whose stage or tag is gone still opens, saying what it dropped."""

from __future__ import annotations

import pytest

from infcrm.db.engine import Database, open_database
from infcrm.domain.validation import InvalidInput
from infcrm.services import restore_points
from infcrm.services.errors import NotFound
from infcrm.services.outreach import pipeline
from infcrm.services.people import influencer_list, influencers, saved_views, tags
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery

FOOD_DE = "Micro food creators in Germany, not contacted"


def _stage(db: Database, name: str) -> int:
    return next(s.id for s in influencers.stages(db) if s.name == name)


@pytest.fixture
def people(db: Database) -> Database:
    prospect = _stage(db, "Prospect")
    contacted = _stage(db, "Contacted")
    for name, country, stage, followers, tag in (
        ("Anna Backt", "Germany", prospect, 20_000, "food"),
        ("Bernd Kocht", "Germany", prospect, 45_000, "food"),
        ("Clara Isst", "Germany", contacted, 30_000, "food"),
        ("Dora Eats", "France", prospect, 25_000, "food"),
        ("Emil Big", "Germany", prospect, 900_000, "food"),
        ("Fritz Fit", "Germany", prospect, 15_000, "sport"),
    ):
        influencers.create(
            db,
            InfluencerInput(
                display_name=name,
                country=country,
                stage_id=stage,
                tags=tag,
                accounts=(AccountInput("instagram", name.split()[0].lower(), followers=followers),),
            ),
        )
    return db


def _food_de(db: Database) -> ListQuery:
    return ListQuery(
        country="Germany",
        tier="micro",
        tag="food",
        stage_id=_stage(db, "Prospect"),
        sort="followers",
    )


def _table(db: Database) -> list[tuple]:
    with db.reader() as session:
        return [
            tuple(r)
            for r in session.connection().exec_driver_sql("SELECT * FROM saved_view ORDER BY id")
        ]


def test_a_view_keeps_search_filters_sort_and_columns(people: Database) -> None:
    query = _food_de(people)
    new_id = saved_views.create(people, FOOD_DE, query, ("name", "followers", "stage")).value
    (view,) = saved_views.views(people)
    assert (view.id, view.name, view.query, view.columns) == (
        new_id,
        FOOD_DE,
        query,
        ("name", "followers", "stage"),
    )
    shown = influencer_list.list_ids(people, saved_views.check(people, view).query)
    names = [influencers.get(people, i).display_name for i in shown]
    assert names == ["Anna Backt", "Bernd Kocht"]  # micro, food, Germany, Prospect; by followers
    assert saved_views.count(people, view) == 2


def test_a_view_survives_closing_and_reopening_the_file(people: Database) -> None:
    saved_views.create(people, FOOD_DE, _food_de(people), ("name", "followers"))
    saved_views.create(people, "Everyone by name", ListQuery(search="kocht"))
    people.close()
    reopened = open_database(people.url)
    try:
        names = [v.name for v in saved_views.views(reopened)]
        assert names == [FOOD_DE, "Everyone by name"]
        assert saved_views.find(reopened, "  everyone   BY name ").query.search == "kocht"
    finally:
        reopened.close()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Give the view a name"),
        ("   \t ", "Give the view a name"),
        ("x" * 81, "under 80 characters (this one has 81)"),
        ("micro FOOD creators in germany,   not contacted", "already a view called"),
    ],
)
def test_bad_names_are_refused_and_nothing_changes(
    people: Database, name: str, message: str
) -> None:
    saved_views.create(people, FOOD_DE, ListQuery())
    before = _table(people)
    with pytest.raises(InvalidInput) as refused:
        saved_views.create(people, name, ListQuery(country="France"))
    assert message in refused.value.errors["name"]
    assert _table(people) == before


def test_a_name_that_differs_only_in_accented_capitals_is_taken(db: Database) -> None:
    saved_views.create(db, "Über-Fans", ListQuery())
    with pytest.raises(InvalidInput):
        saved_views.create(db, "über-fans", ListQuery())


def test_renaming_checks_the_name_but_a_view_may_keep_its_own(people: Database) -> None:
    first = saved_views.create(people, "One", ListQuery()).value
    saved_views.create(people, "Two", ListQuery())
    with pytest.raises(InvalidInput, match="already"):
        saved_views.rename(people, first, "two")
    saved_views.rename(people, first, "ONE")  # a change of case only
    assert [v.name for v in saved_views.views(people)] == ["ONE", "Two"]
    with pytest.raises(NotFound):
        saved_views.rename(people, 999, "Three")


def test_every_change_is_undone_and_redone_exactly(people: Database) -> None:
    steps = [
        lambda: saved_views.create(people, "A", ListQuery(country="Germany")),
        lambda: saved_views.create(people, "B", ListQuery(tag="food")),
        lambda: saved_views.create(people, "C", ListQuery(search="anna")),
        lambda: saved_views.rename(people, saved_views.find(people, "B").id, "Bee"),
        lambda: saved_views.move(people, saved_views.find(people, "C").id, 0),
        lambda: saved_views.update_view(
            people, saved_views.find(people, "A").id, ListQuery(country="France"), ("name",)
        ),
        lambda: saved_views.delete_view(people, saved_views.find(people, "Bee").id),
    ]
    for step in steps:
        before = _table(people)
        done = step()
        after = _table(people)
        assert after != before
        assert done.changes.views
        redo = restore_points.restore(people, done.undo)
        assert _table(people) == before
        restore_points.restore(people, redo)
        assert _table(people) == after
    assert [v.name for v in saved_views.views(people)] == ["C", "A"]
    assert saved_views.find(people, "A").query == ListQuery(country="France")


def test_move_puts_a_view_where_it_is_dropped(db: Database) -> None:
    ids = [saved_views.create(db, name, ListQuery()).value for name in "ABCD"]
    saved_views.move(db, ids[3], 1)
    assert [v.name for v in saved_views.views(db)] == ["A", "D", "B", "C"]
    saved_views.move(db, ids[0], 99)  # past the end: last
    assert [v.name for v in saved_views.views(db)] == ["D", "B", "C", "A"]


def test_a_view_of_an_archived_stage_opens_without_it_and_says_so(people: Database) -> None:
    prospect = _stage(people, "Prospect")
    view_id = saved_views.create(people, FOOD_DE, _food_de(people)).value
    pipeline.archive_stage(people, prospect, move_to=_stage(people, "In talks"))
    view = saved_views.get(people, view_id)
    checked = saved_views.check(people, view)
    assert checked.dropped == ("the stage “Prospect”, which was archived",)
    assert checked.query.stage_id is None and checked.query.tag == "food"
    assert "It opens without that filter" in checked.sentence()
    assert saved_views.count(people, view) == 3  # Anna, Bernd, Clara: micro food in Germany
    # Fixing it saves the view without the dropped part.
    saved_views.update_view(people, view_id, checked.query)
    assert saved_views.check(people, saved_views.get(people, view_id)).complete


def test_a_view_of_a_deleted_tag_and_stage_names_both(people: Database) -> None:
    view_id = saved_views.create(people, FOOD_DE, _food_de(people)).value
    tags.delete_tag(people, "food")
    with people.transaction() as session:  # a stage gone from the file altogether
        session.connection().exec_driver_sql("UPDATE influencer SET stage_id = NULL")
        session.connection().exec_driver_sql(
            f"DELETE FROM stage WHERE id = {_stage(people, 'Prospect')}"
        )
    checked = saved_views.check(people, saved_views.get(people, view_id))
    assert checked.dropped == ("a stage that was deleted",)
    assert "It opens without that filter" in checked.sentence()
    # The tag is gone: the view shows no one for it (not everyone) and says so.
    assert checked.gone_tag == "food" and checked.query.tag == "food"
    assert "The tag “food” this view filters by no longer exists" in checked.sentence()
    assert "so it shows no one" in checked.sentence()
    assert saved_views.count(people, saved_views.get(people, view_id)) == 0
    # Fixing it keeps the view without the stage and without the tag: micro in Germany.
    saved_views.update_view(people, view_id, checked.fixed)
    fixed = saved_views.get(people, view_id)
    assert saved_views.check(people, fixed).complete
    assert saved_views.count(people, fixed) == 4


def test_a_damaged_stored_query_opens_as_much_as_it_can(db: Database) -> None:
    view_id = saved_views.create(db, "Odd", ListQuery(country="Germany")).value
    with db.transaction() as session:
        session.connection().exec_driver_sql(
            'UPDATE saved_view SET query = \'{"country": "Spain", "min_followers": "lots",'
            " \"future_filter\": 1}', columns = 'not json'"
        )
    view = saved_views.get(db, view_id)
    assert view.query == ListQuery(country="Spain")
    assert view.columns == ()
