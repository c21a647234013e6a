"""Merging two records of one person keeps everything of both, and undo restores both exactly."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import insert, select, text

from infcrm.db import search_index
from infcrm.db.engine import Database
from infcrm.db.models import SocialAccount
from infcrm.services.campaigns import agreements, campaigns, deals
from infcrm.services.campaigns.campaign_types import (
    CampaignInput,
    ContentInput,
    DealTermsInput,
    DeliverableInput,
    IncentiveInput,
    PaymentInput,
)
from infcrm.services.campaigns.deal_results import record_content, record_payment
from infcrm.services.outreach import follow_up_lists, followups, history, interactions
from infcrm.services.outreach.outreach_types import InteractionInput
from infcrm.services.people import duplicates, influencer_list, influencers, merge
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery
from tests.table_dump import compared

DAY = date(2026, 3, 1)
# Every table that can hold something of a person, and how to find their rows in it.
_DUMP = {
    "influencer": "id IN ({ids})",
    "social_account": "influencer_id IN ({ids})",
    "metric_snapshot": "account_id IN (SELECT id FROM social_account "
    "WHERE influencer_id IN ({ids})) OR account_id IN ({accounts})",
    "influencer_tag": "influencer_id IN ({ids})",
    "interaction": "influencer_id IN ({ids})",
    "follow_up": "influencer_id IN ({ids})",
    "deal": "influencer_id IN ({ids})",
    "incentive": "deal_id IN ({deals})",
    "deliverable": "deal_id IN ({deals})",
    "content": "deal_id IN ({deals})",
    "payment": "deal_id IN ({deals})",
    "agreement": "deal_id IN ({deals})",
    "not_duplicate": "influencer_id IN ({ids}) OR other_id IN ({ids})",
    "influencer_search": "rowid IN ({ids})",
    "influencer_part_search": "rowid IN ({ids})",
}


def dump(db: Database, ids: tuple[int, ...]) -> dict[str, list[tuple]]:
    """Every row about these people, in every table, ordered: a full picture to compare."""
    with db.reader() as session:
        deal_ids = session.execute(
            text(f"SELECT id FROM deal WHERE influencer_id IN ({','.join(map(str, ids))})")
        ).scalars()
        account_ids = session.execute(
            text(
                f"SELECT id FROM social_account WHERE influencer_id IN ({','.join(map(str, ids))})"
            )
        ).scalars()
        marks = {
            "ids": ",".join(map(str, ids)),
            "deals": ",".join(map(str, deal_ids)) or "NULL",
            "accounts": ",".join(map(str, account_ids)) or "NULL",
        }
        return {
            # A search index row is found by its rowid, the influencer's id; other rows by value.
            table: sorted(
                (
                    tuple(row)
                    for row in session.execute(
                        text(
                            f"SELECT {'rowid, *' if 'search' in table else compared(table)} "
                            f"FROM {table} "
                            f"WHERE {where.format(**marks)}"
                        )
                    )
                ),
                key=repr,
            )
            for table, where in _DUMP.items()
        }


def _account(platform: str, handle: str, **figures: object) -> AccountInput:
    return AccountInput(platform=platform, handle=handle, **figures)  # type: ignore[arg-type]


@pytest.fixture
def two_anas(db: Database) -> tuple[int, int, int, int]:
    """Ana twice, each with accounts, tags, outreach, follow-ups and deals; plus a third person."""
    keep = influencers.create(
        db,
        InfluencerInput(
            display_name="Ana Ruiz",
            email="ana@example.com",
            country="Spain",
            niches="food, travel",
            tags="vip, local",
            notes="Met at the fair.",
            rating=4,
            found_via="imported",
            accounts=(_account("instagram", "ana.ruiz", followers="12k", is_primary=True),),
        ),
    )
    other = influencers.create(
        db,
        InfluencerInput(
            display_name="Ana Ruíz",
            email="ana.work@example.com",
            country="Portugal",
            city="Lisbon",
            niches="travel, yoga",
            tags="VIP, yoga",
            notes="Prefers DMs.",
            rating=5,
            do_not_contact=True,
            found_via="our_hashtag",
            accounts=(_account("tiktok", "ana.cooks", followers="30k", is_primary=True),),
        ),
    )
    third = influencers.create(db, InfluencerInput(display_name="Carla"))
    with db.transaction() as session:  # the same Instagram account, written differently
        session.execute(
            insert(SocialAccount).values(
                influencer_id=other, platform="instagram", handle="Ana.Ruiz", followers=15_000
            )
        )
        search_index.reindex(session, [other])
    spring = campaigns.create_campaign(db, CampaignInput(name="Spring", currency="EUR"))
    autumn = campaigns.create_campaign(db, CampaignInput(name="Autumn", currency="EUR"))
    campaigns.add_influencers(db, spring, [keep, other])
    campaigns.add_influencers(db, autumn, [other])
    for person in (keep, other):
        interactions.log_interaction(
            db,
            InteractionInput(
                person, "email", "outbound", subject=f"Hello {person}", follow_up_due=DAY
            ),
        )
        followups.add_follow_up(db, person, DAY, f"Call {person}")
        deal_id = next(
            c.deal_id for c in campaigns.campaigns_of(db, person) if c.campaign_id == spring
        )
        deals.save_terms(
            db,
            deal_id,
            DealTermsInput(
                incentives=(IncentiveInput("fee", f"Fee {person}", value="100"),),
                deliverables=(DeliverableInput("instagram", "reel", count=1, due_date=DAY),),
            ),
        )
        version = agreements.compose(db, deal_id)
        if person == other:  # the other's deal holds a sent agreement, the kept one a draft
            agreements.mark_sent(db, version.id)
        record_content(db, deal_id, ContentInput(platform="instagram", posted_on=DAY, likes=10))
        record_payment(db, deal_id, PaymentInput(paid_on=DAY, amount="100"))
    duplicates.mark_not_duplicate(db, other, third)
    return keep, other, third, spring


def test_merge_keeps_everything_of_both_people(db: Database, two_anas) -> None:
    keep, other, third, spring = two_anas
    result = merge.merge(db, keep, other, {"country": "other", "rating": "keep"})
    person = influencers.get(db, keep)
    assert person.display_name == "Ana Ruiz" and person.country == "Portugal"
    assert person.rating == 4 and person.city == "Lisbon", "an empty field takes the other's"
    assert person.other_emails == "ana.work@example.com"
    assert person.niches == "food, travel, yoga"
    assert person.tags == ("local", "vip", "yoga")
    assert person.notes == "Met at the fair.\n\nPrefers DMs."
    assert person.do_not_contact, "a do-not-contact is never lost"
    assert person.found_via == "our_hashtag", "how they were really found beats 'imported'"
    assert sorted((a.platform, a.handle) for a in person.accounts) == [
        ("instagram", "ana.ruiz"),
        ("tiktok", "ana.cooks"),
    ]
    assert result.combined_accounts == 1
    assert [a.is_primary for a in person.accounts] == [True, False]
    titles = [entry.title for entry in history.timeline(db, keep)]
    assert sum("Hello" in t for t in titles) == 2
    notes = [f.note for f in follow_up_lists.follow_ups_of(db, keep)]
    assert len(notes) == 4 and sorted(n for n in notes if n) == [f"Call {keep}", f"Call {other}"]
    assert sorted(c.campaign_id for c in campaigns.campaigns_of(db, keep)) == [spring, spring + 1]
    spring_deal = next(
        c.deal_id for c in campaigns.campaigns_of(db, keep) if c.campaign_id == spring
    )
    versions = sorted(
        (v.version, v.sent_at is not None) for v in agreements.versions(db, spring_deal)
    )
    assert versions == [(1, True), (2, False)], "the sent agreement kept its deal; the draft joined"
    with db.reader() as session:
        counts = {
            t: session.execute(
                text(f"SELECT count(*) FROM {t} WHERE deal_id = {spring_deal}")
            ).scalar()
            for t in ("incentive", "deliverable", "content", "payment")
        }
        gone = session.execute(text(f"SELECT count(*) FROM influencer WHERE id = {other}")).scalar()
        pairs = session.execute(text("SELECT count(*) FROM not_duplicate")).scalar()
    assert counts == dict.fromkeys(counts, 2)
    assert gone == 0 and pairs == 0
    assert influencer_list.list_ids(db, ListQuery(search="cooks")) == [keep], "search refreshed"
    assert influencer_list.list_ids(db, ListQuery(search="Lisbon")) == [keep]
    assert third


def test_combined_account_keeps_the_newer_figures_and_every_snapshot(
    db: Database, two_anas
) -> None:
    keep, other, _third, _spring = two_anas
    with db.reader() as session:
        snapshots_before = session.execute(text("SELECT count(*) FROM metric_snapshot")).scalar()
    merge.merge(db, keep, other)
    instagram = next(a for a in influencers.get(db, keep).accounts if a.platform == "instagram")
    assert instagram.followers == 15_000, "the other's figures were written later"
    with db.reader() as session:
        snapshots_after = session.execute(text("SELECT count(*) FROM metric_snapshot")).scalar()
    assert snapshots_after == snapshots_before


def test_undo_restores_both_people_exactly(db: Database, two_anas) -> None:
    keep, other, third, _spring = two_anas
    before = dump(db, (keep, other, third))
    result = merge.merge(db, keep, other, {"display_name": "other", "email": "other"})
    assert dump(db, (keep, other, third)) != before
    merge.undo_merge(db, result.undo)
    after = dump(db, (keep, other, third))
    for table in before:
        assert after[table] == before[table], table
    assert [g.ids for g in duplicates.find_groups(db)] == [(keep, other)]


@pytest.fixture
def anas_by_ana(db: Database, request: pytest.FixtureRequest) -> tuple[int, int, int, int]:
    """`two_anas`, everything of theirs added and last changed by Ana."""
    db.sign_as("Ana")
    return request.getfixturevalue("two_anas")


# The records a merge changes that keep who changed them last (db/authors.STAMPED), found by
# the people they belong to.
_SIGNED = {
    "influencer": "id IN ({ids})",
    **dict.fromkeys(("interaction", "follow_up", "deal"), "influencer_id IN ({ids})"),
    **dict.fromkeys(
        ("agreement", "payment", "content"),
        "deal_id IN (SELECT id FROM deal WHERE influencer_id IN ({ids}))",
    ),
}


def _last_changed_by(db: Database, ids: tuple[int, ...]) -> dict[str, set]:
    """Who changed each kind of record of these people last."""
    marks = ",".join(map(str, ids))
    with db.reader() as session:
        return {
            table: set(
                session.execute(
                    text(f"SELECT changed_by FROM {table} WHERE {where.format(ids=marks)}")
                ).scalars()
            )
            for table, where in _SIGNED.items()
        }


def test_undoing_a_merge_puts_back_who_had_changed_each_record(db: Database, anas_by_ana) -> None:
    keep, other, third, _spring = anas_by_ana
    before = dump(db, (keep, other, third))
    assert _last_changed_by(db, (keep, other)) == {table: {"Ana"} for table in _SIGNED}
    db.sign_as("Mo")
    result = merge.merge(db, keep, other, {"display_name": "other"})
    assert influencers.get(db, keep).changed_by == "Mo", "the merge is Mo's"

    merge.undo_merge(db, result.undo)  # Mo presses Undo

    assert influencers.get(db, keep).changed_by == "Ana", "“last changed by Ana”, as before"
    assert _last_changed_by(db, (keep, other)) == {table: {"Ana"} for table in _SIGNED}
    after = dump(db, (keep, other, third))
    for table in before:
        assert after[table] == before[table], table


def test_differences_lists_the_fields_both_have_and_disagree_on(db: Database, two_anas) -> None:
    keep, other, _third, _spring = two_anas
    fields = {c.field: (c.keep_value, c.other_value) for c in merge.differences(db, keep, other)}
    assert fields == {
        "display_name": ("Ana Ruiz", "Ana Ruíz"),
        "email": ("ana@example.com", "ana.work@example.com"),
        "country": ("Spain", "Portugal"),
        "rating": ("4", "5"),
        "found_via": ("Imported", "Used our hashtag"),
        "do_not_contact": ("No", "Yes"),
    }


def test_merge_refuses_the_same_person_a_missing_one_or_one_in_the_trash(
    db: Database, two_anas
) -> None:
    keep, other, third, _spring = two_anas
    with pytest.raises(merge.MergeRefused, match="two different people"):
        merge.merge(db, keep, keep)
    with pytest.raises(merge.MergeRefused, match="no longer exists"):
        merge.merge(db, keep, 999)
    influencers.trash(db, [third])
    with pytest.raises(merge.MergeRefused, match="in the trash"):
        merge.merge(db, keep, third)
    with db.reader() as session:
        people = session.execute(select(text("count(*)")).select_from(text("influencer"))).scalar()
    assert people == 3 and other


def test_two_sent_agreements_in_one_campaign_refuse_the_merge_and_change_nothing(
    db: Database, two_anas
) -> None:
    keep, other, third, spring = two_anas
    kept_deal = next(c.deal_id for c in campaigns.campaigns_of(db, keep) if c.campaign_id == spring)
    (draft,) = agreements.versions(db, kept_deal)
    agreements.mark_sent(db, draft.id)
    before = dump(db, (keep, other, third))
    with pytest.raises(merge.MergeRefused, match="each have a sent agreement in the campaign"):
        merge.merge(db, keep, other)
    assert dump(db, (keep, other, third)) == before


def test_a_name_phone_or_brand_fit_not_chosen_is_kept_in_the_notes(db: Database) -> None:
    # Emails not chosen become other emails; a phone or a brand fit not chosen was dropped
    # for good once the undo was out of reach. They are written into the notes instead.
    keep = influencers.create(
        db,
        InfluencerInput(
            display_name="Lena Berg",
            phone="+49 30 1111111",
            brand_fit="Warm, natural aesthetic.",
            notes="Met at the fair.",
        ),
    )
    other = influencers.create(
        db,
        InfluencerInput(
            display_name="Lena Bakes",
            phone="+49 30 2222222",
            brand_fit="Great for vegan recipes.",
            country="Germany",
        ),
    )
    before = dump(db, (keep, other))
    done = merge.merge(db, keep, other, {"phone": "other"})
    person = influencers.get(db, keep)
    assert (person.display_name, person.phone) == ("Lena Berg", "+49 30 2222222")
    assert person.brand_fit == "Warm, natural aesthetic."
    assert person.country == "Germany"  # one side empty: nothing to choose, nothing set aside
    assert person.notes == (
        "Met at the fair.\n\n"
        "Not chosen when merging “Lena Bakes” into “Lena Berg”:\n"
        "Name: Lena Bakes\n"
        "Phone: +49 30 1111111\n"
        "Brand fit: Great for vegan recipes."
    )
    merge.undo_merge(db, done.undo)
    assert dump(db, (keep, other)) == before


def test_values_alike_but_for_accents_or_spacing_are_not_set_aside(db: Database) -> None:
    keep = influencers.create(db, InfluencerInput(display_name="Ana Ruiz", phone="+34 600 111"))
    other = influencers.create(db, InfluencerInput(display_name="Ana Ruíz", phone="+34600111"))
    merge.merge(db, keep, other)
    assert influencers.get(db, keep).notes is None
