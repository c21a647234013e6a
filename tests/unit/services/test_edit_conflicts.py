"""No silent overwrites: two users (two `Database` objects on one file or server) edit the
same person; the second save is refused with both versions, nothing of the first is lost,
and the second user can take theirs, keep their own or merge field by field."""

from __future__ import annotations

import dataclasses
import threading

import pytest
from sqlalchemy import event, update

from infcrm.db.engine import Database
from infcrm.db.models import Influencer
from infcrm.services.campaigns import agreements, campaign_edits, campaigns, deal_edits, deals
from infcrm.services.campaigns.campaign_types import CampaignInput, DealTermsInput, IncentiveInput
from infcrm.services.errors import AgreementStateError, ChangedSinceCompared, EditConflict
from infcrm.services.people import bulk, influencers, merge
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput
from infcrm.services.restore_points import restore
from tests.deal_forms import terms_form
from tests.order_setup import bake_off


def _lena(db: Database) -> int:
    return influencers.create(
        db,
        InfluencerInput(
            display_name="Lena Vogel",
            city="Berlin",
            notes="Loves sourdough",
            accounts=(AccountInput("instagram", "lena.bakes", followers="12k"),),
        ),
    )


def test_the_second_save_of_one_person_is_refused_and_overwrites_nothing(
    ana: Database, db: Database
) -> None:
    lena = _lena(ana)
    anas_form = influencers.get(ana, lena).to_input()
    sams_form = influencers.get(db, lena).to_input()

    influencers.update(ana, lena, dataclasses.replace(anas_form, city="Hamburg"))
    with pytest.raises(EditConflict) as refused:
        influencers.update(db, lena, dataclasses.replace(sams_form, notes="Vegan only"))

    conflict = refused.value
    assert "Ana changed Lena Vogel while you were editing" in str(conflict)
    assert (conflict.seen, conflict.current) == (1, 2)
    assert conflict.theirs.city == "Hamburg"
    now = influencers.get(ana, lena)
    assert (now.city, now.notes, now.version) == ("Hamburg", "Loves sourdough", 2)


def test_a_merge_field_by_field_saves_the_chosen_fields(ana: Database, db: Database) -> None:
    lena = _lena(ana)
    sams_form = influencers.get(db, lena).to_input()
    anas = dataclasses.replace(influencers.get(ana, lena).to_input(), city="Hamburg", notes="Ana")
    influencers.update(ana, lena, anas)
    mine = dataclasses.replace(sams_form, city="Munich", notes="Vegan only")
    with pytest.raises(EditConflict) as refused:
        influencers.update(db, lena, mine)

    theirs = refused.value.theirs.to_input()
    # Sam keeps his notes and takes Ana's city, from the version he has now seen.
    merged = dataclasses.replace(mine, city=theirs.city, version=refused.value.current)
    influencers.update(db, lena, merged)

    now = influencers.get(ana, lena)
    assert (now.city, now.notes, now.changed_by, now.version) == ("Hamburg", "Vegan only", "Sam", 3)


def test_a_save_without_a_version_saves_whatever_is_there(ana: Database, db: Database) -> None:
    lena = _lena(ana)
    influencers.update(ana, lena, InfluencerInput(display_name="Lena Vogel", city="Hamburg"))
    influencers.update(db, lena, InfluencerInput(display_name="Lena Vogel", city="Munich"))
    assert influencers.get(ana, lena).city == "Munich"


def test_an_undo_is_a_change_too(ana: Database, db: Database) -> None:
    lena = _lena(ana)
    saved = influencers.update(
        ana, lena, dataclasses.replace(influencers.get(ana, lena).to_input(), city="Hamburg")
    )
    sams_form = influencers.get(db, lena).to_input()  # Hamburg, version 2
    restore(ana, saved.undo)  # Ana takes her edit back: Berlin again

    assert influencers.get(ana, lena).version == 3, "never back to an older version"
    with pytest.raises(EditConflict):
        influencers.update(db, lena, dataclasses.replace(sams_form, notes="Vegan only"))
    assert influencers.get(ana, lena).city == "Berlin"


def test_a_bulk_edit_moves_the_people_it_changes_on(ana: Database, db: Database) -> None:
    lena = _lena(ana)
    sams_form = influencers.get(db, lena).to_input()
    bulk.set_owner(ana, [lena], "Ana")
    bulk.change_tags(ana, [lena], "vegan")

    assert influencers.get(ana, lena).version == 3
    with pytest.raises(EditConflict) as refused:
        influencers.update(db, lena, dataclasses.replace(sams_form, notes="Vegan only"))
    assert refused.value.theirs.tags == ("vegan",)
    assert influencers.get(ana, lena).tags == ("vegan",), "Sam's save did not drop Ana's tag"


def test_a_bulk_edit_names_the_people_changed_since_they_were_chosen(
    ana: Database, db: Database
) -> None:
    lena = _lena(ana)
    ben = influencers.create(ana, InfluencerInput(display_name="Ben Okafor"))
    seen = bulk.versions_of(ana, [lena, ben])  # Ana chooses both and opens the bulk edit
    sams_form = influencers.get(db, lena).to_input()
    influencers.update(db, lena, dataclasses.replace(sams_form, owner="Sam", city="Munich"))

    result = bulk.set_owner(ana, [lena, ben], "Ana", seen=seen)

    assert result.moved_on == (lena,)
    assert (
        "1 person had been changed elsewhere since you chose them (Lena Vogel): your change "
        "was made on top, and the rest of what was changed is kept." in result.summary
    )
    now = influencers.get(ana, lena)
    assert (now.owner, now.city) == ("Ana", "Munich"), "Sam's other change is kept"


def test_a_bulk_edit_with_nothing_changed_meanwhile_says_nothing_more(db: Database) -> None:
    lena = _lena(db)
    result = bulk.change_tags(db, [lena], "vegan", seen=bulk.versions_of(db, [lena]))
    assert result.moved_on == () and "elsewhere" not in result.summary


def test_a_save_racing_another_between_its_read_and_its_write_is_a_conflict(
    ana: Database, db: Database
) -> None:
    """Sam's save commits after Ana's save has read Lena and before it writes (run from
    Ana's own flush): Ana's write must not land over it."""
    lena = _lena(ana)
    anas_form = influencers.get(ana, lena).to_input()
    sams_form = influencers.get(db, lena).to_input()
    raced: list[bool] = []

    def sam_saves_first(_session, _context, _instances) -> None:
        if not raced:
            raced.append(True)
            influencers.update(db, lena, dataclasses.replace(sams_form, notes="Vegan only"))

    event.listen(ana.sessions, "before_flush", sam_saves_first)
    try:
        with pytest.raises(EditConflict) as refused:
            influencers.update(ana, lena, dataclasses.replace(anas_form, city="Hamburg"))
    finally:
        event.remove(ana.sessions, "before_flush", sam_saves_first)

    assert raced
    assert (refused.value.changed_by, refused.value.theirs.notes) == ("Sam", "Vegan only")
    now = influencers.get(ana, lena)
    assert (now.city, now.notes) == ("Berlin", "Vegan only"), "Sam's save stands whole"


def test_the_second_save_of_one_campaign_is_refused_with_both_versions(
    ana: Database, db: Database
) -> None:
    summer = campaigns.create_campaign(ana, CampaignInput("Summer launch", brief="Sunny"))
    sams_form = _as_form(campaigns.get_campaign(db, summer))
    campaign_edits.edit(
        ana,
        summer,
        dataclasses.replace(_as_form(campaigns.get_campaign(ana, summer)), brand="Oat & Honey"),
    )

    with pytest.raises(EditConflict) as refused:
        campaign_edits.edit(db, summer, dataclasses.replace(sams_form, brief="Rainy"))

    assert "Ana changed the campaign “Summer launch” while you were editing" in str(refused.value)
    assert refused.value.changed_by == "Ana", "the comparison names her version"
    assert refused.value.theirs.brand == "Oat & Honey"
    now = campaigns.get_campaign(ana, summer)
    assert (now.brand, now.brief, now.version) == ("Oat & Honey", "Sunny", 2)
    merged = dataclasses.replace(sams_form, brief="Rainy", brand="Oat & Honey", version=2)
    campaign_edits.edit(db, summer, merged)
    assert campaigns.get_campaign(ana, summer).brief == "Rainy"


def _as_form(info) -> CampaignInput:
    return CampaignInput(
        info.name,
        brand=info.brand,
        brief=info.brief,
        currency=info.currency,
        status=info.status,
        version=info.version,
    )


def test_the_second_save_of_one_deals_terms_is_refused_and_overwrites_nothing(
    ana: Database, db: Database
) -> None:
    lena = bake_off(db).lena
    deals.save_terms(db, lena, DealTermsInput(incentives=(IncentiveInput("fee", value="300"),)))
    sams_terms = terms_form(deals.get_deal(db, lena))
    anas_terms = terms_form(deals.get_deal(ana, lena))
    deal_edits.edit_terms(
        ana, lena, dataclasses.replace(anas_terms, usage_rights="Repost 3 months")
    )

    with pytest.raises(EditConflict) as refused:
        deal_edits.edit_terms(db, lena, dataclasses.replace(sams_terms, notes="Ships in May"))

    assert "Ana changed the deal of “Lena Bakes” in “Spring Bake-Off” while you were " in str(
        refused.value
    )
    assert refused.value.changed_by == "Ana", "the comparison names her version"
    assert refused.value.theirs.usage_rights == "Repost 3 months"
    now = deals.get_deal(db, lena)
    assert (now.usage_rights, now.notes) == ("Repost 3 months", None), "Ana's terms stand"
    assert [i.value.plain() for i in now.incentives] == ["300.00"], "the fee was not replaced"
    # Sam keeps his note on top of the version he has now seen.
    merged = dataclasses.replace(
        sams_terms, notes="Ships in May", usage_rights="Repost 3 months", version=now.version
    )
    deal_edits.edit_terms(db, lena, merged)
    assert (deals.get_deal(ana, lena).notes, deals.get_deal(ana, lena).usage_rights) == (
        "Ships in May",
        "Repost 3 months",
    )


def test_the_second_save_of_one_agreement_draft_is_refused_and_overwrites_nothing(
    ana: Database, db: Database
) -> None:
    lena = bake_off(db).lena
    draft = agreements.compose(db, lena)
    sams_copy = agreements.versions(db, lena)[0]
    deal_edits.edit_draft(ana, draft.id, draft.subject, "Hi Lena, Ana here.", seen=1)

    with pytest.raises(EditConflict) as refused:
        deal_edits.edit_draft(db, draft.id, "Our bake-off", sams_copy.body, seen=1)

    assert "Ana changed the draft of agreement version 1 while you were editing" in str(
        refused.value
    )
    assert refused.value.changed_by == "Ana", "the comparison names her version"
    assert (refused.value.seen, refused.value.current) == (1, 2)
    now = agreements.versions(ana, lena)[0]
    assert (now.subject, now.body, now.version) == (draft.subject, "Hi Lena, Ana here.", 1)
    # Sam keeps his subject and takes Ana's text, over the version he has now seen.
    deal_edits.edit_draft(db, draft.id, "Our bake-off", refused.value.theirs.body, seen=2)
    now = agreements.versions(ana, lena)[0]
    assert (now.subject, now.body, now.edit_version) == ("Our bake-off", "Hi Lena, Ana here.", 3)


def test_a_draft_sent_meanwhile_is_refused_as_sent(ana: Database, db: Database) -> None:
    lena = bake_off(db).lena
    draft = agreements.compose(db, lena)
    agreements.mark_sent(ana, draft.id)

    with pytest.raises(AgreementStateError, match="can no longer change"):
        deal_edits.edit_draft(db, draft.id, "Our bake-off", draft.body, seen=draft.edit_version)


def test_a_merge_over_a_person_changed_since_the_comparison_is_refused(
    ana: Database, db: Database
) -> None:
    lena = _lena(db)
    twin = influencers.create(db, InfluencerInput(display_name="Lena V.", city="Bonn"))
    seen = merge.versions(db, lena, twin)  # Sam opens the comparison
    influencers.update(
        ana, twin, dataclasses.replace(influencers.get(ana, twin).to_input(), city="Köln")
    )

    with pytest.raises(ChangedSinceCompared, match=r"Lena V\. was changed by Ana after you opened"):
        merge.merge(db, lena, twin, {"city": "other"}, seen)

    assert influencers.get(db, twin).city == "Köln" and influencers.get(db, lena).city == "Berlin"
    merge.merge(db, lena, twin, {"city": "other"}, merge.versions(db, lena, twin))
    assert influencers.get(db, lena).city == "Köln"


def test_a_merge_waits_for_a_save_in_flight_and_then_refuses_it(
    ana: Database, db: Database
) -> None:
    """Ana's save has written the row but not yet committed when Sam's merge reads it: the
    merge must read what her save leaves, not the row as it was, or it would write its stale
    values over hers once her save commits."""
    lena = _lena(db)
    twin = influencers.create(db, InfluencerInput(display_name="Lena V.", city="Bonn"))
    seen = merge.versions(db, lena, twin)
    written, go_on = threading.Event(), threading.Event()

    def anas_slow_save() -> None:
        with ana.transaction() as session:
            session.execute(update(Influencer).where(Influencer.id == twin).values(city="Köln"))
            written.set()
            go_on.wait(10)

    saving = threading.Thread(target=anas_slow_save)
    saving.start()
    assert written.wait(10)
    threading.Timer(1.0, go_on.set).start()  # her save commits while the merge waits
    try:
        with pytest.raises(ChangedSinceCompared, match=r"Lena V\. was changed"):
            merge.merge(db, lena, twin, {"city": "keep"}, seen)
    finally:
        go_on.set()
        saving.join(10)
    assert influencers.get(db, twin).city == "Köln", "her save stands"


def test_marking_a_draft_changed_meanwhile_as_sent_is_refused(ana: Database, db: Database) -> None:
    """Sam sent the text on his screen; Ana changed the draft meanwhile. Freezing hers as what
    was sent would be untrue."""
    lena = bake_off(db).lena
    draft = agreements.compose(db, lena)  # Sam's screen shows this
    deal_edits.edit_draft(ana, draft.id, draft.subject, "Hi Lena, Ana here.", seen=1)

    with pytest.raises(AgreementStateError, match="changed elsewhere after you opened it"):
        agreements.mark_sent(db, draft.id, seen=draft.edit_version)

    now = agreements.versions(db, lena)[0]
    assert (now.status, now.sent_at, now.body) == ("draft", None, "Hi Lena, Ana here.")
    assert agreements.mark_sent(db, draft.id, seen=now.edit_version).status == "sent"


def test_saving_a_person_merged_into_another_meanwhile_says_it_may_have_been_a_merge(
    ana: Database, db: Database
) -> None:
    from infcrm.services.errors import PersonGone

    keep = influencers.create(db, InfluencerInput(display_name="Mia Bakes", email="m@x.io"))
    other = influencers.create(ana, InfluencerInput(display_name="Mia B.", email="m@x.io"))
    form = influencers.get(ana, other)  # Ana's form is open on the one about to go
    merge.merge(db, keep, other)

    with pytest.raises(PersonGone) as gone:
        influencers.update(ana, other, dataclasses.replace(form.to_input(), notes="Ana's notes"))

    said = str(gone.value)
    assert "merged into another person" in said
    assert "search" in said  # where to look for them now
