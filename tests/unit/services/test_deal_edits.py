"""A deal's terms and an agreement draft, each one step of Undo: every field comes back
exactly (fee, code, deliverables and the posts linked to them, the agreement's versions), and
Redo writes the edit again exactly."""

from __future__ import annotations

from datetime import date

from infcrm.db.engine import Database
from infcrm.services import restore_points
from infcrm.services.campaigns import agreements, deal_edits, deal_results, deals
from infcrm.services.campaigns.campaign_types import (
    ContentInput,
    DealTermsInput,
    DeliverableInput,
    IncentiveInput,
)
from infcrm.services.campaigns.deal_tracking import TrackingInput, get_tracking
from tests.order_setup import bake_off
from tests.table_dump import everything


def test_an_edit_of_a_deals_terms_is_undone_and_redone_exactly(db: Database) -> None:
    setup = bake_off(db)
    deal = setup.lena
    deals.save_terms(
        db,
        deal,
        DealTermsInput(
            incentives=(IncentiveInput("fee", value="100"),),
            deliverables=(
                DeliverableInput("instagram", "reel", due_date=date(2026, 4, 20)),
                DeliverableInput("instagram", "story", count=3),
            ),
            usage_rights="Repost for 1 month",
        ),
    )
    story = deals.get_deal(db, deal).deliverables[1].id
    deal_results.record_content(
        db, deal, ContentInput("instagram", date(2026, 4, 22), deliverable_id=story)
    )
    sent = agreements.compose(db, deal)
    agreements.mark_sent(db, sent.id)
    before = everything(db)

    done = deal_edits.edit_terms(
        db,
        deal,
        DealTermsInput(
            incentives=(IncentiveInput("fee", value="250"),),
            deliverables=(DeliverableInput("tiktok", "video"),),  # the story line goes
            usage_rights="Repost for 3 months",
        ),
        TrackingInput("LENA20", "shop.example.com/oats"),
    )

    assert done.value is True  # the sent agreement is superseded by a new draft
    after = everything(db)
    assert get_tracking(db, deal).promo_code == "LENA20"
    assert sorted(v.status for v in agreements.versions(db, deal)) == ["draft", "superseded"]

    redo = restore_points.restore(db, done.undo)

    assert everything(db) == before  # fee, code, lines, the post's link, agreement status
    info = deals.get_deal(db, deal)
    assert [str(i.value) for i in info.incentives] == ["€100.00"]
    assert get_tracking(db, deal).promo_code == "LENABAKES10"
    assert [v.status for v in agreements.versions(db, deal)] == ["sent"]
    restore_points.restore(db, redo)
    assert everything(db) == after


def test_saving_an_agreement_draft_is_undone_and_redone_exactly(db: Database) -> None:
    setup = bake_off(db)
    draft = agreements.compose(db, setup.mia)
    before = everything(db)

    done = deal_edits.edit_draft(db, draft.id, "Our deal, Mia", "Hi Mia,\n\nNew text.")

    assert (done.value.subject, done.value.body) == ("Our deal, Mia", "Hi Mia,\n\nNew text.")
    after = everything(db)
    redo = restore_points.restore(db, done.undo)
    assert everything(db) == before
    assert agreements.version(db, draft.id).subject == draft.subject
    restore_points.restore(db, redo)
    assert everything(db) == after
