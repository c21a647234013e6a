"""The demo's campaigns show every feature: incentives, agreements, shipping, posts and fees."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from infcrm.db.campaign_models import Agreement, Campaign, Content, Deal, Incentive, Payment
from infcrm.db.engine import Database, open_database
from infcrm.db.outreach_models import Interaction
from infcrm.demo import generate as demo
from infcrm.domain.campaign_enums import (
    AgreementStatus,
    CampaignStatus,
    IncentiveKind,
    ShippingStatus,
)
from infcrm.services.campaigns.campaign_report import campaign_report


def test_the_demo_has_a_campaign_in_every_status_with_deals(demo_db: Database) -> None:
    with demo_db.reader() as session:
        rows = session.execute(
            select(Campaign.status, func.count(Deal.id))
            .join(Deal, Deal.campaign_id == Campaign.id)
            .group_by(Campaign.id)
        ).all()
    assert {status for status, _ in rows} == {s.value for s in CampaignStatus}
    assert all(6 <= deals <= 20 for _, deals in rows)


def test_deals_offer_every_kind_of_incentive(demo_db: Database) -> None:
    with demo_db.reader() as session:
        kinds = set(session.execute(select(Incentive.kind).distinct()).scalars())
    assert kinds == {k.value for k in IncentiveKind}


def test_products_are_shipped_delivered_and_waiting(demo_db: Database) -> None:
    with demo_db.reader() as session:
        products = session.execute(
            select(Incentive.shipping_status, Incentive.shipped_on, Incentive.delivered_on).where(
                Incentive.kind == IncentiveKind.PRODUCT.value
            )
        ).all()
    statuses = {p.shipping_status for p in products}
    assert statuses == {s.value for s in ShippingStatus}
    for status, shipped_on, delivered_on in products:
        assert (shipped_on is not None) == (status != ShippingStatus.TO_SHIP.value)
        assert (delivered_on is not None) == (status == ShippingStatus.DELIVERED.value)
        if delivered_on is not None:
            assert shipped_on < delivered_on <= date.today()


def test_agreements_are_in_every_state_including_amended(demo_db: Database) -> None:
    with demo_db.reader() as session:
        versions = session.execute(
            select(Agreement.deal_id, Agreement.version, Agreement.status).order_by(
                Agreement.deal_id, Agreement.version
            )
        ).all()
    assert {v.status for v in versions} == {s.value for s in AgreementStatus}
    by_deal: dict[int, list[str]] = defaultdict(list)
    for deal_id, _version, status in versions:
        by_deal[deal_id].append(status)
    amended = [s for s in by_deal.values() if s[0] == AgreementStatus.SUPERSEDED.value]
    assert amended, "an amended agreement: a superseded first version and a newer one"
    newer = {s[1] for s in amended}
    assert newer == {AgreementStatus.SENT.value, AgreementStatus.DRAFT.value}
    for statuses in by_deal.values():  # only the newest version may be live
        assert all(s == AgreementStatus.SUPERSEDED.value for s in statuses[:-1])


def test_every_sent_agreement_is_frozen_with_a_matching_hash(demo_db: Database) -> None:
    with demo_db.reader() as session:
        rows = session.execute(select(Agreement)).scalars().all()
        sent = [a for a in rows if a.sent_at is not None]
        assert len(sent) >= 5
        for agreement in sent:
            text = f"{agreement.subject}\n\n{agreement.body}"
            assert agreement.text_sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
        for agreement in rows:
            assert (agreement.sent_at is None) == (agreement.status == "draft")
            assert "{" not in agreement.body and "Hi " in agreement.body
            replied = agreement.status in ("confirmed", "superseded")
            assert (agreement.reply_body is not None) == replied
            if replied:
                assert agreement.confirmed_at >= agreement.sent_at
                assert agreement.reply_subject == f"Re: {agreement.subject}"


def test_posts_carry_results(demo_db: Database) -> None:
    with demo_db.reader() as session:
        posts = session.execute(select(Content)).scalars().all()
    assert len(posts) >= 10
    assert all(p.reach and p.reach > 0 for p in posts)
    assert sum(p.clicks or 0 for p in posts) > 0
    assert any(p.revenue_minor for p in posts)
    assert all(p.posted_on < date.today() for p in posts)


def test_some_fees_are_paid_and_some_still_owed(demo_db: Database) -> None:
    with demo_db.reader() as session:
        fees = dict(
            session.execute(
                select(Incentive.deal_id, func.sum(Incentive.value_minor))
                .where(Incentive.kind == IncentiveKind.FEE.value)
                .group_by(Incentive.deal_id)
            ).all()
        )
        paid = dict(
            session.execute(
                select(Payment.deal_id, func.sum(Payment.amount_minor)).group_by(Payment.deal_id)
            ).all()
        )
    assert any(paid.get(deal, 0) == fee for deal, fee in fees.items()), "fees paid in full"
    assert any(paid.get(deal, 0) < fee for deal, fee in fees.items()), "fees still owed"
    assert all(paid.get(deal, 0) <= fee for deal, fee in fees.items())


def test_a_campaign_mixes_currencies_and_its_report_says_so(demo_db: Database) -> None:
    with demo_db.reader() as session:
        finished = session.execute(
            select(Campaign.id).where(Campaign.status == CampaignStatus.COMPLETED.value)
        ).scalar_one()
        live = session.execute(
            select(Campaign.id).where(Campaign.status == CampaignStatus.ACTIVE.value)
        ).scalar_one()
    report = campaign_report(demo_db, finished, date.today())
    assert set(report.total.cost) == {"EUR", "USD"} and report.total.roi is None
    assert any("does not convert currencies" in note for note in report.notes)
    running = campaign_report(demo_db, live, date.today())
    assert running.total.posts > 0 and running.total.roi is not None
    assert running.total.deliverables_late > 0


def test_messages_of_people_in_campaigns_are_linked_to_them(demo_db: Database) -> None:
    with demo_db.reader() as session:
        linked = session.execute(
            select(Interaction.influencer_id, Interaction.campaign_id).where(
                Interaction.campaign_id.is_not(None)
            )
        ).all()
        deals = {tuple(r) for r in session.execute(select(Deal.influencer_id, Deal.campaign_id))}
    assert linked
    assert all((person, campaign) in deals for person, campaign in linked)


def _fingerprint(db: Database) -> list[tuple]:
    with db.reader() as session:
        return [
            *session.execute(select(Deal.campaign_id, Deal.influencer_id).order_by(Deal.id)),
            *session.execute(select(Agreement.text_sha256).order_by(Agreement.id)),
            *session.execute(select(Content.likes, Content.reach).order_by(Content.id)),
        ]


def test_the_same_seed_gives_the_same_campaigns(demo_db: Database, tmp_path: Path) -> None:
    other = open_database(tmp_path / "again.sqlite")
    try:
        demo.populate(other, influencers=60, seed=3)
        assert _fingerprint(other) == _fingerprint(demo_db)
    finally:
        other.close()
