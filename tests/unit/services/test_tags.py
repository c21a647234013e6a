"""The tag manager: counts, rename, merge, colour and delete — each undone exactly."""

from __future__ import annotations

import pytest
from bulk_people import Commits, everything

from infcrm.db.engine import Database
from infcrm.domain.validation import InvalidInput
from infcrm.services import restore_points
from infcrm.services.people import influencer_list, influencers, saved_views, tags
from infcrm.services.people.influencer_types import InfluencerInput, ListQuery


@pytest.fixture
def tagged(db: Database) -> Database:
    for name, labels in (
        ("Ana", "vip, Fair 2026"),
        ("Ben", "VIP"),
        ("Caro", "fair 2026, vegan"),
        ("Dan", "vegan"),
    ):
        influencers.create(db, InfluencerInput(display_name=name, tags=labels))
    trashed = influencers.create(db, InfluencerInput(display_name="Eve", tags="vip"))
    influencers.trash(db, [trashed])
    return db


def _listing(db: Database) -> list[tuple[str, int, str | None]]:
    return [(t.name, t.people, t.colour) for t in tags.tag_list(db)]


def _names_with(db: Database, tag: str) -> list[str]:
    ids = influencer_list.list_ids(db, ListQuery(tag=tag))
    return sorted(influencers.get(db, i).display_name for i in ids)


def _undone_exactly(db: Database, change) -> object:
    before = everything(db)
    with Commits(db) as commits:
        result = change()
    assert commits.count == 1
    after = everything(db)
    redo = restore_points.restore(db, result.undo)
    assert everything(db) == before
    restore_points.restore(db, redo)
    assert everything(db) == after
    return result


def test_every_tag_with_its_count_of_people_in_the_list(tagged) -> None:
    assert _listing(tagged) == [("Fair 2026", 2, None), ("vegan", 2, None), ("vip", 2, None)]


def test_rename_reaches_everyone_and_the_search_and_undoes(tagged) -> None:
    result = _undone_exactly(tagged, lambda: tags.rename_tag(tagged, "vegan", "plant-based"))
    assert result.summary == "Renamed “vegan” to “plant-based” on 2 people."
    assert result.title == "rename of tag “vegan” to “plant-based”"
    assert _names_with(tagged, "plant-based") == ["Caro", "Dan"]
    assert len(influencer_list.list_ids(tagged, ListQuery(search="plant"))) == 2


def test_rename_onto_another_tag_is_refused_with_the_way_out(tagged) -> None:
    with pytest.raises(InvalidInput) as refused:
        tags.rename_tag(tagged, "vegan", "VIP")
    assert (
        refused.value.errors["name"] == "There is already a tag “VIP”; merge the two to join them."
    )
    with pytest.raises(InvalidInput):
        tags.rename_tag(tagged, "vegan", "a, b")


def test_merge_joins_two_tags_once_per_person_and_undoes(tagged) -> None:
    tags.set_tag_colour(tagged, "fair 2026", "#FF8800")
    result = _undone_exactly(tagged, lambda: tags.merge_tags(tagged, "Fair 2026", "vegan"))
    assert result.summary == "Merged “Fair 2026” into “vegan”: 3 people carry it now."
    assert _listing(tagged) == [("vegan", 3, None), ("vip", 2, None)]


def test_colour_is_kept_and_undone(tagged) -> None:
    _undone_exactly(tagged, lambda: tags.set_tag_colour(tagged, "VIP", "#3A7BD5"))
    assert _listing(tagged)[2] == ("vip", 2, "#3a7bd5")
    with pytest.raises(InvalidInput):
        tags.set_tag_colour(tagged, "vip", "blue")


def test_delete_takes_the_tag_off_everyone_and_undo_puts_it_back(tagged) -> None:
    result = _undone_exactly(tagged, lambda: tags.delete_tag(tagged, "vip"))
    assert result.summary == "Deleted the tag “vip” from 3 people."  # the trashed one too
    assert [name for name, _n, _c in _listing(tagged)] == ["Fair 2026", "vegan"]
    with pytest.raises(InvalidInput):
        tags.delete_tag(tagged, "vip")


def _view_tags(db: Database) -> dict[str, str | None]:
    return {view.name: view.query.tag for view in saved_views.views(db)}


def test_a_saved_view_follows_its_tag_renamed_or_merged_and_undo_puts_it_back(tagged) -> None:
    saved_views.create(tagged, "VIPs", ListQuery(tag="vip"))
    saved_views.create(tagged, "Vegans", ListQuery(tag="Vegan"))  # typed in another case
    vips = saved_views.find(tagged, "VIPs")
    assert saved_views.count(tagged, vips) == 2

    renamed = tags.rename_tag(tagged, "vip", "VIP star")

    # Still the same two people, not everyone (the filter was not dropped).
    assert _view_tags(tagged) == {"VIPs": "VIP star", "Vegans": "Vegan"}
    vips = saved_views.find(tagged, "VIPs")
    assert saved_views.check(tagged, vips).complete
    assert saved_views.count(tagged, vips) == 2

    merged = tags.merge_tags(tagged, "vegan", "Fair 2026")
    assert _view_tags(tagged) == {"VIPs": "VIP star", "Vegans": "Fair 2026"}
    assert saved_views.count(tagged, saved_views.find(tagged, "Vegans")) == 3

    restore_points.restore(tagged, merged.undo)
    restore_points.restore(tagged, renamed.undo)
    assert _view_tags(tagged) == {"VIPs": "vip", "Vegans": "Vegan"}
