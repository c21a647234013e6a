"""The demo database: believable, and valid by the app's own rules."""

from __future__ import annotations

from sqlalchemy import select

from infcrm.db.models import SocialAccount
from infcrm.domain.enums import Platform
from infcrm.domain.handles import normalise_handle, profile_url
from infcrm.services.people import influencer_list
from infcrm.services.people.influencer_types import ListQuery


def test_every_demo_handle_passes_the_handle_rules_unchanged(demo_db) -> None:
    with demo_db.reader() as session:
        accounts = session.execute(
            select(SocialAccount.platform, SocialAccount.handle, SocialAccount.url)
        ).all()
    assert len(accounts) > 100
    for platform, handle, url in accounts:
        assert normalise_handle(Platform(platform), handle) == handle, (platform, handle)
        assert url == profile_url(Platform(platform), handle)


def test_every_demo_email_is_stored_as_the_form_stores_it(db) -> None:
    # Else importing the demo's own export again “updates” the person whose address
    # differs only by the form's spelling of it.
    from infcrm.db.models import Influencer
    from infcrm.demo import generate as demo
    from infcrm.domain.validation import FieldChecker

    demo.populate(db, influencers=120, seed=42)  # enough people for the near-duplicates

    with db.reader() as session:
        emails = session.scalars(select(Influencer.email).where(Influencer.email.is_not(None)))
        emails = list(emails)
    assert any(e != e.lower() for e in emails)  # the duplicate typed in capitals is there
    checker = FieldChecker()
    assert [checker.email("email", e) for e in emails] == emails


def test_the_demo_covers_every_tier_and_band_and_most_stages(demo_db) -> None:
    rows = influencer_list.rows(demo_db, influencer_list.list_ids(demo_db, ListQuery())).values()
    assert {r.tier for r in rows} >= {"nano", "micro", "macro"}
    assert {r.band for r in rows} >= {"low", "typical", "high"}
    assert len({r.stage for r in rows}) >= 5
    assert sum(r.account_count for r in rows) / len(rows) > 2


def test_the_demo_says_how_many_accounts_it_holds(db) -> None:
    from sqlalchemy import func

    from infcrm.demo import generate as demo

    summary = demo.populate(db, influencers=300, seed=42)

    with db.reader() as session:
        held = session.execute(select(func.count()).select_from(SocialAccount)).scalar_one()
    # The people added twice on purpose lose an account each: the sentence counts what is left.
    assert summary.accounts == held


def test_each_demo_view_that_names_nothing_missing_shows_people(db) -> None:
    """A newcomer clicking a demo view sees what views are for, not an empty list."""
    from infcrm.demo import generate as demo
    from infcrm.services.people import saved_views

    demo.populate(db, shop_orders=False)  # the people of `infcrm demo`

    opened = {v.name: saved_views.check(db, v).query for v in saved_views.views(db)}
    shown = {name: len(influencer_list.list_ids(db, query)) for name, query in opened.items()}
    assert shown.pop("Met at Food Fair 2025") == 0  # its tag is gone: no one, and it says so
    assert shown and min(shown.values()) > 0, shown


def test_demo_strangers_never_share_a_handle_so_find_duplicates_shows_only_real_cases(db) -> None:
    from infcrm.demo import generate as demo
    from infcrm.services.people import duplicates
    from infcrm.services.people.duplicate_types import MatchKind

    demo.populate(db, influencers=2000, seed=3, shop_orders=False)
    kinds = {r.kind for g in duplicates.find_groups(db) for r in g.reasons}
    assert MatchKind.SHARED_HANDLE not in kinds
