"""The influencer services on a real, migrated SQLite file: what a user saves is what comes back."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from infcrm.db.engine import Database
from infcrm.db.models import InfluencerTag, MetricSnapshot, SocialAccount
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput, ListQuery
from infcrm.services.people.influencers import InvalidInput, NotFound


def _anna(**changes: object) -> InfluencerInput:
    base = InfluencerInput(
        display_name="Anna Bakes",
        real_name="Anna Schmidt",
        email="Anna@Example.COM",
        other_emails="anna.work@example.com; Anna Smith <a.s@example.org>",
        phone="+49 30 1234567",
        country="Germany",
        city="Köln",
        language="German",
        niches="baking, vegan food",
        tags="vip, local, VIP",
        notes="Loves sourdough.\r\nReplied within a day.",
        found_via="Used our hashtag",
        found_detail="#bakewithus",
        owner="Sam",
        brand_fit="Warm, natural aesthetic.",
        rating="4",
        accounts=(
            AccountInput(
                platform="instagram",
                handle="@Anna.Bakes",
                followers="12.5k",
                avg_likes="400",
                avg_comments="25",
                posts_per_week="3,5",
                authenticity="88",
            ),
            AccountInput(platform="TikTok", handle="https://www.tiktok.com/@anna.bakes/video/1"),
        ),
    )
    return base if not changes else InfluencerInput(**{**base.__dict__, **changes})


def _ids(db: Database, text: str) -> list[int]:
    return influencer_list.list_ids(db, ListQuery(search=text))


def test_create_then_get_returns_what_was_typed_cleaned(db: Database) -> None:
    new_id = influencers.create(db, _anna())
    person = influencers.get(db, new_id)
    assert person.display_name == "Anna Bakes"
    assert person.email == "Anna@example.com"  # the domain is case-insensitive, the name is not
    assert person.other_emails == "anna.work@example.com, a.s@example.org"
    assert person.tags == ("local", "vip")  # repeats differing by case collapse
    assert person.notes == "Loves sourdough.\nReplied within a day."
    assert person.found_via == "our_hashtag"
    assert person.rating == 4
    assert person.stage_name == "Prospect"  # a new person starts in the first stage
    instagram, tiktok = person.accounts
    assert (instagram.platform, instagram.handle, instagram.is_primary) == (
        "instagram",
        "anna.bakes",
        True,
    )
    assert instagram.url == "https://www.instagram.com/anna.bakes/"
    assert instagram.followers == 12_500
    assert instagram.posts_per_week == 3.5
    assert instagram.tier == "micro"
    assert instagram.engagement_rate == pytest.approx(425 / 12_500)
    assert instagram.band == "high"  # 3.4% is above Instagram micro's typical 1–3%
    assert (tiktok.handle, tiktok.url) == ("anna.bakes", "https://www.tiktok.com/@anna.bakes")
    assert influencer_list.count(db) == 1


def test_update_changes_fields_and_replaces_tags(db: Database) -> None:
    new_id = influencers.create(db, _anna())
    edited = influencers.get(db, new_id).to_input()
    influencers.update(
        db,
        new_id,
        InfluencerInput(**{**edited.__dict__, "city": "Bonn", "tags": "eco, vip", "rating": None}),
    )
    person = influencers.get(db, new_id)
    assert (person.city, person.tags, person.rating) == ("Bonn", ("eco", "vip"), None)
    assert _ids(db, "bonn") == [new_id]
    assert _ids(db, "köln") == []


def test_saving_unchanged_figures_adds_no_snapshot_but_a_change_does(db: Database) -> None:
    new_id = influencers.create(db, _anna())
    person = influencers.get(db, new_id)
    account_id = person.accounts[0].id
    assert [s.followers for s in influencers.snapshots(db, account_id)] == [12_500]
    influencers.update(db, new_id, person.to_input())
    assert len(influencers.snapshots(db, account_id)) == 1
    data = influencers.get(db, new_id).to_input()  # as saved now (its version moved on)
    grown = (AccountInput(**{**data.accounts[0].__dict__, "followers": "13k"}), data.accounts[1])
    influencers.update(db, new_id, InfluencerInput(**{**data.__dict__, "accounts": grown}))
    assert [s.followers for s in influencers.snapshots(db, account_id)] == [12_500, 13_000]


def test_invalid_input_names_each_field_and_writes_nothing(db: Database) -> None:
    bad = _anna(
        display_name="  ",
        email="anna(at)example.com",
        rating=9,
        accounts=(
            AccountInput(platform="instagram", handle="anna bakes", followers="-5"),
            AccountInput(platform="instagram", handle="ok_name", followers="many"),
        ),
    )
    with pytest.raises(InvalidInput) as caught:
        influencers.create(db, bad)
    errors = caught.value.errors
    assert errors["display_name"] == "Name is required; please fill it in."
    assert "not an email address" in errors["email"]
    assert "between 0 and 5" in errors["rating"]
    assert "cannot contain spaces" in errors["accounts.0.handle"]
    assert errors["accounts.0.followers"] == "Followers cannot be negative."
    assert "not a number of followers" in errors["accounts.1.followers"]
    assert influencer_list.count(db) == 0


def test_a_very_long_name_is_refused_with_the_limit(db: Database) -> None:
    with pytest.raises(InvalidInput) as caught:
        influencers.create(db, _anna(display_name="A" * 10_000))
    assert caught.value.errors["display_name"] == (
        "Name is 10,000 characters long; keep it under 200."
    )


def test_an_account_without_a_platform_is_refused_not_dropped(db: Database) -> None:
    data = _anna(accounts=(AccountInput(platform="", handle="anna.bakes"),))
    with pytest.raises(InvalidInput) as caught:
        influencers.create(db, data)
    assert caught.value.errors["accounts.0.platform"] == "Platform is required; please fill it in."
    assert influencer_list.count(db) == 0


def test_duplicate_handle_message_names_the_owner(db: Database) -> None:
    influencers.create(db, _anna())
    other = InfluencerInput(
        display_name="Ben",
        accounts=(AccountInput(platform="ig", handle="instagram.com/ANNA.BAKES"),),
    )
    with pytest.raises(InvalidInput) as caught:
        influencers.create(db, other)
    assert caught.value.errors["accounts.0.handle"] == (
        "Instagram @anna.bakes already belongs to Anna Bakes. "
        "Open that person instead, or check the handle."
    )
    twice = InfluencerInput(
        display_name="Cleo",
        accounts=(
            AccountInput(platform="x", handle="cleo"),
            AccountInput(platform="x", handle="@Cleo"),
        ),
    )
    with pytest.raises(InvalidInput) as caught:
        influencers.create(db, twice)
    assert caught.value.errors == {"accounts.1.handle": "This account is listed twice."}


def test_primary_account_rules(db: Database) -> None:
    none_marked = InfluencerInput(
        display_name="Dana",
        accounts=(
            AccountInput(platform="youtube", handle="danacooks"),
            AccountInput(platform="tiktok", handle="danacooks"),
        ),
    )
    person = influencers.get(db, influencers.create(db, none_marked))
    assert [a.is_primary for a in person.accounts] == [True, False]
    assert person.accounts[0].platform == "youtube"  # the first becomes the main account

    data = person.to_input()
    swapped = (
        AccountInput(**{**data.accounts[0].__dict__, "is_primary": False}),
        AccountInput(**{**data.accounts[1].__dict__, "is_primary": True}),
    )
    influencers.update(db, person.id, InfluencerInput(**{**data.__dict__, "accounts": swapped}))
    person = influencers.get(db, person.id)
    assert [(a.platform, a.is_primary) for a in person.accounts] == [
        ("tiktok", True),  # the main account is listed first
        ("youtube", False),
    ]

    data = influencers.get(db, person.id).to_input()  # as saved now (its version moved on)
    both = tuple(AccountInput(**{**a.__dict__, "is_primary": True}) for a in data.accounts)
    influencers.update(db, person.id, InfluencerInput(**{**data.__dict__, "accounts": both}))
    assert sum(a.is_primary for a in influencers.get(db, person.id).accounts) == 1


def test_removing_an_account_on_update_deletes_it_and_its_snapshots(db: Database) -> None:
    new_id = influencers.create(db, _anna())
    data = influencers.get(db, new_id).to_input()
    gone_id = data.accounts[0].id
    influencers.update(
        db, new_id, InfluencerInput(**{**data.__dict__, "accounts": data.accounts[1:]})
    )
    person = influencers.get(db, new_id)
    assert [a.platform for a in person.accounts] == ["tiktok"]
    assert person.accounts[0].is_primary
    assert influencers.snapshots(db, gone_id) == []
    assert _ids(db, "anna.bakes") == [new_id]  # the TikTok handle is still searchable


def test_trash_and_restore(db: Database) -> None:
    new_id = influencers.create(db, _anna())
    assert influencers.trash(db, [new_id]) == 1
    assert influencers.trash(db, [new_id]) == 0  # already there
    assert influencer_list.count(db) == 0
    assert influencer_list.count(db, trash=True) == 1
    assert influencers.get(db, new_id).deleted_at is not None
    assert _ids(db, "anna") == []
    assert influencer_list.list_ids(db, ListQuery(search="anna", trash=True)) == [new_id]
    assert influencers.restore(db, [new_id]) == 1
    assert influencers.get(db, new_id).deleted_at is None
    assert _ids(db, "anna") == [new_id]


def test_forget_erases_person_accounts_snapshots_tags_and_search_row(db: Database) -> None:
    new_id = influencers.create(db, _anna())
    keep_id = influencers.create(db, InfluencerInput(display_name="Keep Me", tags="vip"))
    assert influencers.forget(db, [new_id]) == 1
    with pytest.raises(NotFound):
        influencers.get(db, new_id)
    with db.reader() as session:
        assert session.execute(select(func.count()).select_from(SocialAccount)).scalar() == 0
        assert session.execute(select(func.count()).select_from(MetricSnapshot)).scalar() == 0
        tags = session.execute(select(InfluencerTag.influencer_id)).scalars().all()
    assert tags == [keep_id]
    for text in ("anna", "anna.bakes", "sourdough", "Köln", "bakewithus", "example"):
        assert _ids(db, text) == [], text
    assert _ids(db, "keep") == [keep_id]


def test_forgotten_handle_can_be_used_again(db: Database) -> None:
    influencers.forget(db, [influencers.create(db, _anna())])
    again = influencers.create(db, _anna(display_name="Anna again"))
    assert influencers.get(db, again).accounts[0].handle == "anna.bakes"


@pytest.mark.parametrize(
    "text",
    ["anna.bakes", "@anna", "anna.work@example.com", "example", "vip", "köln", "koln", "KOLN",
     "sourdough", "vegan", "aesthetic", "schmidt"],
)  # fmt: skip
def test_search_finds_by_handle_email_tag_city_and_note_words(db: Database, text: str) -> None:
    new_id = influencers.create(db, _anna())
    influencers.create(db, InfluencerInput(display_name="Somebody Else", city="Lyon"))
    assert _ids(db, text) == [new_id]


def test_search_ignores_diacritics_both_ways(db: Database) -> None:
    cafe = influencers.create(db, InfluencerInput(display_name="Café Crème", notes="Zoë’s pick"))
    assert _ids(db, "cafe") == [cafe]
    assert _ids(db, "CAFÉ creme") == [cafe]
    assert _ids(db, "zoe") == [cafe]


def test_emoji_and_right_to_left_text_round_trip(db: Database) -> None:
    name = "ليلى 🌸 Lina"
    notes = "שלום! 👋🏽 family: 👨‍👩‍👧"
    new_id = influencers.create(db, InfluencerInput(display_name=name, notes=notes))
    person = influencers.get(db, new_id)
    assert (person.display_name, person.notes) == (name, notes)
    assert _ids(db, "ليلى") == [new_id]


def test_update_of_a_forgotten_person_says_so(db: Database) -> None:
    new_id = influencers.create(db, _anna())
    influencers.forget(db, [new_id])
    with pytest.raises(NotFound, match="no longer exists"):
        influencers.update(db, new_id, _anna())


def test_stages_in_board_order(db: Database) -> None:
    names = [s.name for s in influencers.stages(db)]
    assert names[:3] == ["Prospect", "Contacted", "In talks"]
    assert {"Declined", "Not a fit"} <= set(names)


def test_the_form_stores_usa_as_the_same_country_the_import_does(db: Database) -> None:
    usa = influencers.create(db, _anna(country="U.S.A.", accounts=()))
    peru = influencers.create(
        db, _anna(display_name="Pia", email=None, country="Peru", accounts=())
    )

    assert influencers.get(db, usa).country == "United States"
    assert influencers.get(db, peru).country == "Peru"
