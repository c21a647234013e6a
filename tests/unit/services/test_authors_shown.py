"""Who did what, as the screens read it: the author of each history entry, who added and last
changed a person, "Owned by me" in the list and "Mine only" on the follow-ups, for two
teammates sharing one database."""

from __future__ import annotations

from datetime import date, datetime

from infcrm.db.engine import Database
from infcrm.domain.authorship import by_line, record_sentence
from infcrm.services.outreach import follow_up_lists, followups, history, interactions, pipeline
from infcrm.services.outreach.outreach_types import (
    ENTRY_FOLLOW_UP_DONE,
    ENTRY_FOLLOW_UP_SET,
    ENTRY_MESSAGE,
    ENTRY_STAGE_CHANGE,
    InteractionInput,
)
from infcrm.services.people import influencer_list, influencers, saved_views
from infcrm.services.people.influencer_types import InfluencerInput, ListQuery

DAY = date(2026, 11, 20)


def _person(db: Database, name: str, owner: str | None = None) -> int:
    return influencers.create(db, InfluencerInput(display_name=name, owner=owner))


def _stage(db: Database, name: str) -> int:
    return next(s.id for s in influencers.stages(db) if s.name == name)


def test_the_history_says_who_logged_moved_set_and_ticked_off(db: Database) -> None:
    db.sign_as("Ana")
    lena = _person(db, "Lena")
    interactions.log_interaction(
        db, InteractionInput(lena, "email", "inbound", occurred_at=datetime(2026, 11, 2, 9))
    )
    follow_up = followups.add_follow_up(db, lena, DAY, "Send the box")
    db.sign_as("Ben")
    pipeline.move_to_stage(db, lena, _stage(db, "Agreed"))
    followups.mark_done(db, follow_up)

    entries = {e.kind: e for e in history.timeline(db, lena)}
    assert entries[ENTRY_STAGE_CHANGE].title == "Ben moved Lena from Prospect to Agreed"
    assert entries[ENTRY_MESSAGE].author == "Ana"
    assert entries[ENTRY_FOLLOW_UP_SET].author == "Ana"
    assert entries[ENTRY_FOLLOW_UP_DONE].author == "Ben"
    message = next(e for e in history.timeline(db, lena) if e.kind == ENTRY_MESSAGE)
    assert history.interaction_detail(db, message.interaction_id).created_by == "Ana"


def test_rows_without_an_author_read_as_before(db: Database) -> None:
    db.sign_as(None)  # as rows written before names were kept
    lena = _person(db, "Lena")
    pipeline.move_to_stage(db, lena, _stage(db, "Agreed"))
    [entry] = history.timeline(db, lena)
    assert entry.title == "Moved from Prospect to Agreed" and entry.author is None
    detail = influencers.get(db, lena)
    assert (detail.created_by, detail.changed_by) == (None, None)
    assert by_line(None) == "" and by_line("  ") == ""


def test_a_person_says_who_added_them_and_who_changed_them_last(db: Database) -> None:
    db.sign_as("Ana")
    lena = _person(db, "Lena")
    db.sign_as("Ben")
    influencers.update(db, lena, InfluencerInput(display_name="Lena", city="Lyon"))
    detail = influencers.get(db, lena)
    assert (detail.created_by, detail.changed_by) == ("Ana", "Ben")


def test_the_sentence_about_a_record_names_only_who_is_known() -> None:
    added, changed = date(2026, 11, 3), date(2026, 11, 5)
    sentence = record_sentence("Ana", added, "Ben", changed, changed_since=True, today=DAY)
    assert sentence == "Added by Ana on 3 Nov, last changed by Ben on 5 Nov"
    assert record_sentence("Ana", added, "Ana", added, changed_since=False, today=DAY) == (
        "Added by Ana on 3 Nov"
    )
    assert record_sentence(None, added, "Ben", changed, changed_since=True, today=DAY) == (
        "Last changed by Ben on 5 Nov"
    )
    assert record_sentence(None, added, None, changed, changed_since=True, today=DAY) == ""


def test_owned_by_me_shows_each_teammate_their_own_people(db: Database) -> None:
    ana_people = {_person(db, "Lena", owner="Ana"), _person(db, "Mia", owner="ana")}
    ben_people = {_person(db, "Kofi", owner="Ben")}
    _person(db, "Nobody's")
    mine = ListQuery(owned_by_me=True)

    db.sign_as("Ana")
    assert set(influencer_list.list_ids(db, mine)) == ana_people
    assert influencer_list.count_matching(db, mine) == 2
    db.sign_as("Ben")
    assert set(influencer_list.list_ids(db, mine)) == ben_people
    db.sign_as(None)  # no name known: nobody is "mine"
    assert influencer_list.list_ids(db, mine) == []
    assert len(influencer_list.list_ids(db, ListQuery())) == 4


def test_a_saved_view_keeps_owned_by_me_for_whoever_opens_it(db: Database) -> None:
    _person(db, "Lena", owner="Ana")
    _person(db, "Kofi", owner="Ben")
    made = saved_views.create(db, "My people", ListQuery(owned_by_me=True))
    view = saved_views.get(db, made.value)
    assert view.query.owned_by_me
    assert saved_views.describe(db, view.query).startswith("Owned by me")
    db.sign_as("Ana")
    assert saved_views.count(db, view) == 1
    db.sign_as("Ben")
    assert saved_views.count(db, view) == 1


def test_mine_only_is_what_i_set_and_what_is_on_my_people(db: Database) -> None:
    lena, kofi = _person(db, "Lena", owner="Ana"), _person(db, "Kofi", owner="Ben")
    db.sign_as("Ben")
    on_lena_by_ben = followups.add_follow_up(db, lena, DAY)
    on_kofi_by_ben = followups.add_follow_up(db, kofi, DAY)
    db.sign_as("Ana")
    on_kofi_by_ana = followups.add_follow_up(db, kofi, DAY)
    now = datetime(2026, 11, 20, 12).astimezone()

    def later(only_mine: bool) -> set[int]:
        found = follow_up_lists.buckets(db, date(2026, 11, 1), now=now, only_mine=only_mine)
        rows = follow_up_lists.bucket_rows(
            db, "later", date(2026, 11, 1), now=now, only_mine=only_mine
        )
        assert found.later.total == len(rows)
        return {r.id for r in rows}

    # Ana: the one she set, and the one Ben set on her person Lena.
    assert later(True) == {on_kofi_by_ana, on_lena_by_ben}
    assert later(False) == {on_lena_by_ben, on_kofi_by_ben, on_kofi_by_ana}
    db.sign_as("Ben")
    assert later(True) == {on_lena_by_ben, on_kofi_by_ben, on_kofi_by_ana}
    rows = follow_up_lists.bucket_rows(db, "later", date(2026, 11, 1), now=now)
    assert {r.id: r.set_by for r in rows}[on_kofi_by_ana] == "Ana"


def test_names_tell_on_a_server_and_in_a_file_once_someone_else_signed(db: Database) -> None:
    db.sign_as("Ana")
    _person(db, "Lena")
    assert db.names_tell is not db.is_file  # Ana alone in a file: nothing to tell apart
    db.sign_as("Ben")  # Ben opens it: Lena was added by someone else
    assert db.names_tell
    db.sign_as("Ana")
    _person(db, "Mia")
    assert db.names_tell is not db.is_file  # still Ana's alone
