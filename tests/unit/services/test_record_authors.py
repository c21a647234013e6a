"""Each person, follow-up, interaction, campaign, deal and agreement keeps who created it and
who changed it last: what a user does is signed with their name, whichever way the change is
made (a form, a bulk edit, an import), and undo puts back who had changed it last, as it puts
back the content."""

from __future__ import annotations

from datetime import date

from infcrm.db.engine import Database
from infcrm.services import restore_points
from infcrm.services.campaigns import agreements, campaign_edits, campaigns, deal_edits
from infcrm.services.campaigns.campaign_types import CampaignInput, DealTermsInput
from infcrm.services.exchange.import_matching import ImportRow
from infcrm.services.exchange.people_import import write_import
from infcrm.services.outreach import bulk_outreach, followups, interactions
from infcrm.services.outreach.outreach_types import InteractionInput
from infcrm.services.people import bulk, influencers
from infcrm.services.people.influencer_types import InfluencerInput
from tests.table_dump import rows_of


def _signed(db: Database, table: str) -> list[tuple]:
    return rows_of(db, f"SELECT id, created_by, changed_by FROM {table} ORDER BY id")


def _lena(db: Database) -> int:
    return influencers.create(db, InfluencerInput(display_name="Lena Berg"))


def test_what_each_user_does_is_signed_with_their_name(db: Database) -> None:
    db.sign_as("Ana")
    lena = _lena(db)
    follow_up = followups.add_follow_up(db, lena, date(2026, 12, 1), "Send the spring box")
    interactions.log_interaction(db, InteractionInput(lena, "email", "outbound", summary="Hi"))

    db.sign_as("Sam")
    influencers.update(db, lena, InfluencerInput(display_name="Lena Berg", city="Lyon"))
    followups.mark_done(db, follow_up)

    assert _signed(db, "influencer") == [(lena, "Ana", "Sam")]
    assert _signed(db, "follow_up") == [(follow_up, "Ana", "Sam")]
    # The message, and the move to the next stage it made.
    assert {row[1:] for row in _signed(db, "interaction")} == {("Ana", "Ana")}


def test_undo_puts_back_who_had_changed_it_last(db: Database) -> None:
    db.sign_as("Ana")
    lena = _lena(db)
    db.sign_as("Sam")
    edit = influencers.update(db, lena, InfluencerInput(display_name="Lena Berg", city="Lyon"))

    db.sign_as("Mo")  # whoever undoes it
    redo = restore_points.restore(db, edit.undo)
    assert _signed(db, "influencer") == [(lena, "Ana", "Ana")]
    restore_points.restore(db, redo)
    assert _signed(db, "influencer") == [(lena, "Ana", "Sam")]


def test_campaigns_and_deals_are_signed_and_undo_puts_back_who_had_changed_them(
    db: Database,
) -> None:
    db.sign_as("Ana")
    lena, mia = _lena(db), _lena(db)
    spring = campaigns.create_campaign(db, CampaignInput("Spring box"))
    campaigns.add_influencers(db, spring, [lena])
    bulk_outreach.add_to_campaign(db, [mia], spring)  # one statement for the whole selection
    [(lenas_deal, *_), (mias_deal, *_)] = _signed(db, "deal")

    db.sign_as("Sam")
    edit = campaign_edits.edit(db, spring, CampaignInput("Spring box", brief="Oat lattes"))
    terms = deal_edits.edit_terms(db, lenas_deal, DealTermsInput(notes="Ships in May"))

    assert _signed(db, "campaign") == [(spring, "Ana", "Sam")]
    assert _signed(db, "deal") == [(lenas_deal, "Ana", "Sam"), (mias_deal, "Ana", "Ana")]
    db.sign_as("Mo")  # whoever undoes them
    restore_points.restore(db, terms.undo)
    restore_points.restore(db, edit.undo)
    assert _signed(db, "campaign") == [(spring, "Ana", "Ana")]
    assert _signed(db, "deal") == [(lenas_deal, "Ana", "Ana"), (mias_deal, "Ana", "Ana")]


def test_agreement_drafts_are_signed_and_undo_puts_back_who_had_changed_them(
    db: Database,
) -> None:
    db.sign_as("Ana")
    spring = campaigns.create_campaign(db, CampaignInput("Spring box"))
    campaigns.add_influencers(db, spring, [_lena(db)])
    [(deal, *_)] = _signed(db, "deal")
    draft = deal_edits.write_agreement(db, deal).value

    db.sign_as("Sam")
    edit = deal_edits.edit_draft(db, draft.id, draft.subject, "Hi Lena, Sam here.")
    assert _signed(db, "agreement") == [(draft.id, "Ana", "Sam")]
    assert agreements.version(db, draft.id).changed_by == "Sam", "the draft says who saved it"

    db.sign_as("Mo")  # whoever undoes it
    restore_points.restore(db, edit.undo)
    assert _signed(db, "agreement") == [(draft.id, "Ana", "Ana")]
    assert agreements.version(db, draft.id).body == draft.body


def test_a_bulk_stage_change_signs_the_people_and_their_timeline(db: Database) -> None:
    db.sign_as("Ana")
    people = [_lena(db) for _ in range(3)]
    stage = influencers.stages(db)[1].id
    db.sign_as("Sam")

    moved = bulk.set_stage(db, people, stage)

    assert [row[1:] for row in _signed(db, "influencer")] == [("Ana", "Sam")] * 3
    assert _move_signers(db) == ["Sam"]  # the move is one record (bulk_move), signed
    db.sign_as("Mo")
    redo = restore_points.restore(db, moved.undo)
    assert [row[1:] for row in _signed(db, "influencer")] == [("Ana", "Ana")] * 3
    assert _move_signers(db) == []
    restore_points.restore(db, redo)  # the same record, signed as it was
    assert _move_signers(db) == ["Sam"]


def _move_signers(db: Database) -> list[str | None]:
    with db.reader() as session:
        sql = "SELECT created_by FROM bulk_move ORDER BY id"
        return [row[0] for row in session.connection().exec_driver_sql(sql)]


def test_imported_people_are_signed_by_whoever_imported_them(db: Database) -> None:
    db.sign_as("Ana")
    rows = [
        ImportRow(n + 2, person={"display_name": f"Mia {n}"}, tags=[], accounts=[])
        for n in range(4)
    ]

    write_import(db, rows, file_name="a.csv", sheet=None, on_duplicate="create")

    assert [row[1:] for row in _signed(db, "influencer")] == [("Ana", "Ana")] * 4


def test_a_name_is_cut_to_what_is_kept_and_a_blank_one_is_nobody(db: Database) -> None:
    db.sign_as("  " + "A" * 100 + "  ")
    first = _lena(db)
    db.sign_as("   ")
    second = _lena(db)

    assert _signed(db, "influencer") == [(first, "A" * 80, "A" * 80), (second, None, None)]
