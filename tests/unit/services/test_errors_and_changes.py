"""One family of errors, and services that say what they changed."""

from __future__ import annotations

from datetime import date

import pytest

from infcrm.db.engine import Database
from infcrm.services import errors
from infcrm.services.campaigns import campaigns, deal_results, deals, result_edits
from infcrm.services.campaigns.campaign_types import CampaignInput, PaymentInput
from infcrm.services.campaigns.deal_rows import CampaignNotFound
from infcrm.services.changes import EVERYTHING, NOTHING, Changes
from infcrm.services.people import influencers, merge
from infcrm.services.people.influencer_types import InfluencerInput


def test_every_not_found_is_one_family_and_old_names_still_import() -> None:
    assert influencers.NotFound is errors.NotFound
    assert issubclass(CampaignNotFound, errors.NotFound)
    assert issubclass(merge.MergeRefused, errors.Refused)
    assert issubclass(errors.AgreementStateError, ValueError), "callers catching ValueError"


def _deal(db: Database) -> tuple[int, int]:
    person = influencers.create(db, InfluencerInput(display_name="Mia"))
    campaign = campaigns.create_campaign(db, CampaignInput(name="May", starts_on=date(2026, 5, 1)))
    campaigns.add_influencers(db, campaign, [person])
    [deal] = deals.deal_summaries(db, campaign, date(2026, 5, 2))
    return campaign, deal.id


def test_deleting_a_payment_twice_says_it_is_gone(db: Database) -> None:
    _campaign, deal_id = _deal(db)
    payment = deal_results.record_payment(db, deal_id, PaymentInput(date(2026, 5, 3), "20"))
    assert result_edits.delete_payment(db, payment) == Changes(deals=(deal_id,))
    with pytest.raises(errors.NotFound, match="payment no longer exists"):
        result_edits.delete_payment(db, payment)


def test_removing_people_reports_their_campaign_and_skips_those_gone(db: Database) -> None:
    campaign, deal_id = _deal(db)
    assert campaigns.remove_deals(db, [deal_id, 999]) == Changes(
        campaigns=(campaign,), deals=(deal_id, 999)
    )
    with pytest.raises(errors.NotFound):
        campaigns.remove_deals(db, [deal_id])


def test_changes_combine_and_know_when_they_are_empty() -> None:
    assert not NOTHING and EVERYTHING
    both = Changes(people=(1, 2)) | Changes.of(people=[2, 3], follow_ups=True)
    assert both == Changes(people=(1, 2, 3), follow_ups=True)
    assert (Changes(deals=(4,)) | Changes(deals=())).deals == (), "some unlisted: reload all"
