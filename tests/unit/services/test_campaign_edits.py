"""Creating, editing and deleting a campaign, and adding people to it or taking them out, are
each one step of Undo: every row comes back exactly — deals with their terms, sent agreements,
posts and payments, the shop orders that counted for them, the interactions logged for the
campaign — and Redo does the change again exactly."""

from __future__ import annotations

from datetime import date

from infcrm.db.engine import Database
from infcrm.files.orders.order_reader import read_orders
from infcrm.services.campaigns import agreements, campaign_edits, campaigns, deal_results, deals
from infcrm.services.campaigns.campaign_types import (
    CampaignInput,
    ContentInput,
    DealTermsInput,
    IncentiveInput,
    PaymentInput,
)
from infcrm.services.exchange.orders_import import import_orders
from infcrm.services.outreach import interactions
from infcrm.services.outreach.outreach_types import InteractionInput
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput
from tests.order_setup import SHOPIFY, bake_off
from tests.table_dump import everything, undone_and_redone


def _full_deal(db: Database) -> tuple:
    """The bake-off with Lena's deal holding a fee, a sent agreement, a post, a payment and a
    matched shop order, and a message logged for the campaign."""
    setup = bake_off(db)
    deals.save_terms(
        db, setup.lena, DealTermsInput(incentives=(IncentiveInput("fee", value="300"),))
    )
    sent = agreements.compose(db, setup.lena)
    agreements.mark_sent(db, sent.id)
    deal_results.record_content(db, setup.lena, ContentInput("instagram", date(2026, 4, 22)))
    deal_results.record_payment(db, setup.lena, PaymentInput(date(2026, 4, 25), "100", "EUR"))
    read = read_orders(SHOPIFY)
    import_orders(db, read.name, (read.shop.key, read.shop.label), read.orders, read.lines)
    lena = deals.get_deal(db, setup.lena).influencer_id
    interactions.log_interaction(
        db,
        InteractionInput(
            influencer_id=lena, channel="email", direction="outbound",
            subject="Your kit", campaign_id=setup.campaign,
        ),
    )  # fmt: skip
    return setup, lena


def test_a_deleted_campaign_comes_back_whole(db: Database) -> None:
    setup, _lena = _full_deal(db)
    before = everything(db)
    assert deals.get_deal(db, setup.lena).payments
    assert any(setup.lena in row for row in before["shop_order"])  # an order counted for Lena

    done = undone_and_redone(db, lambda: campaign_edits.delete(db, setup.campaign))

    assert done.changes.campaigns == (setup.campaign,)
    assert everything(db) == before
    assert [v.status for v in agreements.versions(db, setup.lena)] == ["sent"]


def test_people_taken_out_of_a_campaign_come_back_with_their_deal(db: Database) -> None:
    setup, _lena = _full_deal(db)

    undone_and_redone(db, lambda: campaign_edits.take_out(db, [setup.lena, setup.mia]))

    assert len(deals.get_deal(db, setup.lena).payments) == 1


def test_creating_editing_and_adding_people_are_undone_and_redone(db: Database) -> None:
    setup = bake_off(db)
    undone_and_redone(
        db, lambda: campaign_edits.create(db, CampaignInput(name="Autumn", currency="EUR"))
    )
    assert [c.name for c in campaigns.list_campaigns(db)] == ["Spring Bake-Off"]
    edited = CampaignInput(name="Spring Bake-Off 2026", currency="EUR", starts_on=date(2026, 4, 1))
    undone_and_redone(db, lambda: campaign_edits.edit(db, setup.campaign, edited))
    assert campaigns.get_campaign(db, setup.campaign).name == "Spring Bake-Off"

    ana = influencers.create(db, InfluencerInput(display_name="Ana Ruiz"))
    added = undone_and_redone(db, lambda: campaign_edits.add_people(db, setup.campaign, [ana]))
    assert (added.value.added, added.value.already_in) == (1, 0)
