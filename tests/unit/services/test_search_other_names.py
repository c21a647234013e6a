"""The list's search finds a person by their other names: the names of the records merged
into them, those typed in the form and those an imported file gives. Undoing the merge, or
clearing the name, leaves nobody found by it; the health check stays clean."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from infcrm.db.engine import Database
from infcrm.files.import_apply import import_file
from infcrm.services.maintenance import maintenance, server_check
from infcrm.services.people import influencer_list, influencers, merge
from infcrm.services.people.influencer_types import InfluencerInput, ListQuery


def _found(db: Database, text: str) -> list[str]:
    ids = influencer_list.list_ids(db, ListQuery(search=text))
    assert influencer_list.count_matching(db, ListQuery(search=text)) == len(ids), text
    return sorted(influencers.get(db, i).display_name for i in ids)


def _healthy(db: Database) -> bool:
    if db.is_file:
        return maintenance.check_file(db.path, full=True).ok
    return server_check.check(db.engine.url.render_as_string(hide_password=False)).ok


def test_a_merged_away_name_finds_the_person_it_was_merged_into(db: Database) -> None:
    lena = influencers.create(db, InfluencerInput(display_name="Lena Vogel"))
    lena_v = influencers.create(db, InfluencerInput(display_name="Lena V. Krumm"))
    influencers.create(db, InfluencerInput(display_name="Lena Stein"))
    assert _found(db, "krumm") == ["Lena V. Krumm"]

    done = merge.merge(db, lena, lena_v)
    # The merge also notes the name not chosen; tidied away, the other name still finds her.
    data = influencers.get(db, lena).to_input()
    assert "Lena V. Krumm" in (data.notes or "")
    influencers.update(db, lena, replace(data, notes=None))

    assert influencers.get(db, lena).other_names == "Lena V. Krumm"
    assert _found(db, "Lena V") == ["Lena Vogel"]  # “V” of the merged-away name, or of Vogel
    assert _found(db, "krumm") == ["Lena Vogel"]  # a word only in the other name
    assert _found(db, "lena krumm") == ["Lena Vogel"]
    assert _found(db, "lena") == ["Lena Stein", "Lena Vogel"]
    assert _healthy(db)

    merge.undo_merge(db, done.undo)

    assert _found(db, "krumm") == ["Lena V. Krumm"]  # found by her own name again, only
    assert _healthy(db)


def test_other_names_typed_in_the_form_or_given_by_a_file_are_searched(
    db: Database, tmp_path: Path
) -> None:
    mia = influencers.create(db, InfluencerInput(display_name="Mia Bakes"))
    data = influencers.get(db, mia).to_input()
    influencers.update(db, mia, replace(data, other_names="Sugar Mia; Mía Bäckerei"))
    assert _found(db, "sugar") == ["Mia Bakes"]
    assert _found(db, "backerei") == ["Mia Bakes"]  # accents folded, as in every word

    source = tmp_path / "people.csv"
    source.write_text("Name,Other names\nKofi Mensah,Kwame the Baker\n", encoding="utf-8")
    import_file(db, source)
    assert _found(db, "kwame") == ["Kofi Mensah"]
    assert _found(db, "baker") == ["Kofi Mensah"]  # a word start: not Bakes nor Bäckerei

    data = influencers.get(db, mia).to_input()
    influencers.update(db, mia, replace(data, other_names=None))
    assert _found(db, "sugar") == []
    assert _healthy(db)
