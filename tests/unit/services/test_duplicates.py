"""The duplicate finder on a real file: who it groups, why, and who it leaves alone."""

from __future__ import annotations

from sqlalchemy import insert, update

from infcrm.db.engine import Database
from infcrm.db.models import Influencer, SocialAccount
from infcrm.services.exchange import import_duplicates
from infcrm.services.people import duplicates, influencers, trash
from infcrm.services.people.duplicate_types import MatchKind
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput


def _person(db: Database, name: str, *accounts: tuple[str, str], **fields: object) -> int:
    return influencers.create(
        db,
        InfluencerInput(
            display_name=name,
            accounts=tuple(AccountInput(platform=p, handle=h) for p, h in accounts),
            **fields,  # type: ignore[arg-type]
        ),
    )


def _groups(db: Database) -> list[tuple[tuple[int, ...], set[MatchKind]]]:
    return [(g.ids, {r.kind for r in g.reasons}) for g in duplicates.find_groups(db)]


def test_same_email_whatever_its_case_is_one_group_with_the_reason(db: Database) -> None:
    ana = _person(db, "Ana Ruiz", email="ana@example.com")
    other = _person(db, "ana  RUIZ", email="ANA@Example.com")  # the same name, typed otherwise
    _person(db, "Ben Stone", email="ben@example.com")
    (group,) = duplicates.find_groups(db)
    assert group.ids == (ana, other)
    assert group.certain and group.label == "Likely the same person"
    assert [r.text for r in group.reasons] == ["Same email: ana@example.com"]


def test_an_other_email_matches_someone_elses_main_email(db: Database) -> None:
    ana = _person(db, "Ana Ruiz", email="ana@work.com", other_emails="ana@home.com")
    home = _person(db, "Ana Ruiz", email="ana@home.com")
    assert _groups(db) == [((ana, home), {MatchKind.EMAIL})]


def test_same_name_with_the_same_handle_on_another_network(db: Database) -> None:
    insta = _person(db, "Zoë Müller", ("instagram", "zoe.bakes"))
    tiktok = _person(db, "zoe muller", ("tiktok", "zoe.bakes"))
    _person(db, "Ben Stone", ("youtube", "ben.stone"))
    assert _groups(db) == [((insta, tiktok), {MatchKind.NAME_AND_HANDLE})]


def test_same_account_or_profile_link_written_differently(db: Database) -> None:
    # Rows written by older imports or other programs: the handle's case and the link differ.
    first = _person(db, "Maya Lens")
    second = _person(db, "Maya L")
    third = _person(db, "Maya Blog")
    fourth = _person(db, "Maya's site")
    with db.transaction() as session:
        session.execute(
            insert(SocialAccount),
            [
                {"influencer_id": first, "platform": "instagram", "handle": "maya.lens"},
                {"influencer_id": second, "platform": "instagram", "handle": "Maya.Lens"},
                {
                    "influencer_id": third,
                    "platform": "other",
                    "handle": "maya-blog",
                    "url": "https://www.mayalens.blog/",
                },
                {
                    "influencer_id": fourth,
                    "platform": "other",
                    "handle": "mayalens",
                    "url": "http://MayaLens.blog",
                },
            ],
        )
    assert _groups(db) == [  # in the order of the first member's name
        ((third, fourth), {MatchKind.PROFILE_LINK}),
        ((first, second), {MatchKind.HANDLE}),
    ]


def test_same_name_alone_is_possible(db: Database) -> None:
    ana = _person(db, "Ana Ruíz", ("instagram", "ana.ruiz"), email="ana@example.com")
    plain = _person(db, "ana ruiz")  # nothing else known: possibly her
    (group,) = duplicates.find_groups(db)
    assert group.ids == (ana, plain)
    assert not group.certain and group.label == "Possibly the same person"
    assert [r.text for r in group.reasons] == [
        "Same name, nothing that tells them apart (possible)"
    ]


def test_same_name_is_not_offered_when_emails_or_accounts_disagree(db: Database) -> None:
    _person(db, "Ana Ruiz", ("instagram", "ana.ruiz"), email="ana@example.com")
    _person(db, "ANA RUIZ", ("instagram", "another.ana"))  # another Instagram: not her
    # Another e-mail than the first, another Instagram than the second: neither of them.
    _person(db, "Ana  Ruiz", ("instagram", "third.ana"), email="someone@example.com")
    assert duplicates.find_groups(db) == []


def test_same_name_on_different_networks_is_still_possible(db: Database) -> None:
    ana = _person(db, "Ana Ruiz", ("instagram", "ana.ruiz"))
    tiktok = _person(db, "Ana Ruiz", ("tiktok", "anita.cooks"))
    assert _groups(db) == [((ana, tiktok), {MatchKind.NAME})]


def test_likely_groups_come_before_possible_ones(db: Database) -> None:
    _person(db, "Zed Possible")
    _person(db, "zed possible")
    _person(db, "Amy Likely", email="amy@example.com")
    _person(db, "amy likely", email="amy@example.com")
    labels = [g.label for g in duplicates.find_groups(db)]
    assert labels == ["Likely the same person", "Possibly the same person"]


def test_people_in_the_trash_are_left_out(db: Database) -> None:
    ana = _person(db, "Ana", email="ana@example.com")
    _person(db, "Ana 2", email="ana@example.com")
    influencers.trash(db, [ana])
    assert duplicates.find_groups(db) == []


def test_not_a_duplicate_is_remembered_and_can_be_taken_back(db: Database) -> None:
    ana = _person(db, "Ana", email="ana@example.com")
    other = _person(db, "Ana 2", email="ana@example.com")
    assert duplicates.mark_not_duplicate(db, other, ana) is True
    assert duplicates.mark_not_duplicate(db, ana, other) is False
    assert duplicates.find_groups(db) == []
    assert duplicates.unmark_not_duplicate(db, ana, other) is True
    assert [g.ids for g in duplicates.find_groups(db)] == [(ana, other)]


def test_not_a_duplicate_splits_only_that_pair(db: Database) -> None:
    a = _person(db, "Kim", email="kim@example.com")
    b = _person(db, "Kim B", email="kim@example.com")
    c = _person(db, "Kim C", email="kim@example.com")
    duplicates.mark_not_duplicate(db, a, b)
    (group,) = duplicates.find_groups(db)
    assert group.ids == (a, b, c), "b and c still share the e-mail with each other"


def test_a_very_common_name_alone_suggests_nothing(db: Database) -> None:
    for _ in range(duplicates.COMMON_NAME_LIMIT + 1):
        _person(db, "Maria Garcia")
    assert duplicates.find_groups(db) == []


def test_possible_duplicates_among_counts_new_people_like_existing_ones(db: Database) -> None:
    old = _person(db, "Lena Fox")
    new_match = _person(db, "lena fox")
    new_alone = _person(db, "Brand New")
    assert old and import_duplicates.possible_duplicates_among(db, [new_match, new_alone]) == 1
    assert import_duplicates.possible_duplicates_among(db, []) == 0


def test_possible_duplicates_among_sees_people_on_either_side_of_the_new_ones(
    db: Database,
) -> None:
    new = [_person(db, "Lena Fox"), _person(db, "Ola Berg")]
    assert import_duplicates.possible_duplicates_among(db, new) == 0, "nobody else is there"
    trashed = _person(db, "Ola Berg")
    trash.trash(db, [trashed])
    assert import_duplicates.possible_duplicates_among(db, new) == 0, "the trash does not count"
    _person(db, "LENA FOX")  # added after them, with a higher id
    assert import_duplicates.possible_duplicates_among(db, new) == 1


def test_same_name_and_handle_with_different_emails_is_only_possible(db: Database) -> None:
    insta = _person(db, "Freya Yilmaz", ("instagram", "freya.runs"), email="f@one.com")
    tiktok = _person(db, "Freya Yilmaz", ("tiktok", "freya.runs"), email="f@two.com")
    (group,) = duplicates.find_groups(db)
    assert group.ids == (insta, tiktok) and not group.certain
    assert group.reasons[0].text.endswith("but different emails (possible)")


def test_agency_people_sharing_an_email_are_not_likely_one_person(db: Database) -> None:
    # The import keeps these apart (tests/unit/files/test_shared_email.py): the finder
    # follows the same rule, so it offers them as possible only, saying what disagrees.
    ana = _person(db, "Ana Ruiz", ("instagram", "ana.bakes"), email="hello@agency.example")
    bea = _person(db, "Bea Lopez", ("instagram", "bea.cooks"), email="hello@agency.example")
    (group,) = duplicates.find_groups(db)
    assert group.ids == (ana, bea)
    assert not group.certain and group.label == "Possibly the same person"
    assert [r.text for r in group.reasons] == [
        "Same email: hello@agency.example, but different names and Instagram accounts (possible)"
    ]


def test_one_email_with_another_account_on_one_network_is_only_possible(db: Database) -> None:
    ana = _person(db, "Ana Ruiz", ("instagram", "ana.bakes"), email="ana@example.com")
    two = _person(db, "ana ruiz", ("instagram", "ana.travels"), email="ANA@example.com")
    (group,) = duplicates.find_groups(db)
    assert group.ids == (ana, two) and not group.certain
    assert [r.text for r in group.reasons] == [
        "Same email: ana@example.com, but different Instagram accounts (possible)"
    ]


def test_one_email_with_the_same_account_in_other_capitals_is_still_likely(db: Database) -> None:
    first = _person(db, "Ana Ruiz", ("instagram", "ana.bakes"), email="ana@example.com")
    second = _person(db, "Ana  Ruiz", ("tiktok", "ana.bakes"), email="ana@example.com")
    with db.transaction() as session:
        session.execute(
            insert(SocialAccount),
            [{"influencer_id": second, "platform": "instagram", "handle": "Ana.Bakes"}],
        )
    (group,) = duplicates.find_groups(db)
    assert group.ids == (first, second) and group.certain


def test_one_handle_on_two_networks_under_two_names_is_possible(db: Database) -> None:
    vogel = _person(db, "Lena Vogel", ("instagram", "lenabakes"))
    bakes = _person(db, "Lena Bakes", ("tiktok", "lenabakes"))
    _person(db, "Ben Stone", ("tiktok", "ben.stone"))
    (group,) = duplicates.find_groups(db)
    assert group.ids == (vogel, bakes)
    assert not group.certain and group.label == "Possibly the same person"
    assert [r.text for r in group.reasons] == [
        "Same handle @lenabakes on Instagram and TikTok (possible)"
    ]


def test_one_handle_is_found_whether_typed_with_at_in_capitals_or_as_a_link(db: Database) -> None:
    vogel = _person(db, "Lena Vogel", ("instagram", "@LenaBakes"))
    bakes = _person(db, "Lena Bakes", ("tiktok", "https://www.tiktok.com/@lenabakes"))
    tube = _person(db, "LB Kitchen", ("youtube", "https://www.youtube.com/@LenaBakes"))
    (group,) = duplicates.find_groups(db)
    assert group.ids == (vogel, bakes, tube)
    assert [r.text for r in group.reasons] == [
        "Same handle @lenabakes on Instagram, TikTok and YouTube (possible)"
    ]


def test_one_handle_stored_by_older_versions_with_at_and_capitals_is_found(db: Database) -> None:
    vogel = _person(db, "Lena Vogel")
    bakes = _person(db, "Lena Bakes")
    with db.transaction() as session:
        session.execute(
            insert(SocialAccount),
            [
                {"influencer_id": vogel, "platform": "instagram", "handle": "@LenaBakes"},
                {"influencer_id": bakes, "platform": "tiktok", "handle": "lenabakes"},
            ],
        )
    assert _groups(db) == [((vogel, bakes), {MatchKind.SHARED_HANDLE})]


def test_short_or_all_digit_handles_on_two_networks_suggest_nothing(db: Database) -> None:
    _person(db, "Ana Ruiz", ("instagram", "anar"))  # four characters: many people's
    _person(db, "Anna Roth", ("tiktok", "anar"))
    _person(db, "Kim Lee", ("instagram", "12345678"))
    _person(db, "Kai Lund", ("tiktok", "12345678"))
    assert duplicates.find_groups(db) == []


def test_one_handle_on_two_networks_is_not_offered_when_a_network_disagrees(
    db: Database,
) -> None:
    # Lena Vogel's own TikTok is another: whoever is @lenabakes on TikTok is someone else.
    _person(db, "Lena Vogel", ("instagram", "lenabakes"), ("tiktok", "lena.vogel"))
    _person(db, "Lena Bakes", ("tiktok", "lenabakes"))
    assert duplicates.find_groups(db) == []


def test_one_name_and_one_handle_stays_likely_not_merely_a_shared_handle(db: Database) -> None:
    insta = _person(db, "Lena Vogel", ("instagram", "lenabakes"))
    tiktok = _person(db, "Lena Vogel", ("tiktok", "lenabakes"))
    assert _groups(db) == [((insta, tiktok), {MatchKind.NAME_AND_HANDLE})]


def test_possible_duplicates_among_counts_a_new_person_with_a_known_handle(db: Database) -> None:
    _person(db, "Lena Vogel", ("instagram", "lenabakes"))
    new = [_person(db, "Lena Bakes", ("tiktok", "lenabakes")), _person(db, "Ola Berg")]
    assert import_duplicates.possible_duplicates_among(db, new) == 1


def test_possible_duplicates_among_reads_only_the_new_peoples_handles(db: Database) -> None:
    """Two people already there sharing a handle are not the import's doing; a new person's
    handle matches however it was stored (“@LenaBakes” from an older version)."""
    _person(db, "Zoe Ash", ("instagram", "zoe.bakes"))
    _person(db, "Zoe Birch", ("tiktok", "zoe.bakes"))
    _person(db, "Lena Vogel", ("instagram", "@LenaBakes"))
    new = [_person(db, "Lena Bakes", ("tiktok", "lenabakes")), _person(db, "Ola Berg")]
    assert import_duplicates.possible_duplicates_among(db, new) == 1
    assert import_duplicates.possible_duplicates_among(db, new[1:]) == 0


def test_one_name_split_into_two_groups_gives_each_group_its_reason(db: Database) -> None:
    # Four people of one name: the first two agree, the last two agree, but each of the
    # first two disagrees with each of the last two (another email or another account on a
    # network). Found in a demo file of 100,000 people: the second group came without a
    # reason, and the duplicates window stayed on “Looking…” for good.
    a = _person(db, "Noah Bakes", ("instagram", "noah.one"), email="noah@one.com")
    b = _person(db, "Noah Bakes", ("tiktok", "noah.two"), ("youtube", "noah.three"))
    c = _person(db, "Noah Bakes", ("tiktok", "noah.four"), email="noah@four.com")
    d = _person(db, "Noah Bakes", ("instagram", "noah.five"), ("youtube", "noah.six"))
    groups = duplicates.find_groups(db)
    assert [g.ids for g in groups] == [(a, b), (c, d)]
    for group in groups:
        (reason,) = group.reasons
        assert reason.text == "Same name, nothing that tells them apart (possible)"
        assert reason.influencer_ids == group.ids


def test_one_handle_on_two_networks_with_different_emails_is_possible(db: Database) -> None:
    """A person imported from two lists, once with a work email: the handle they share is
    still worth a look, and the reason says what differs."""
    vogel = _person(db, "Lena Vogel", ("instagram", "lenabakes"), email="lena@gmail.com")
    bakes = _person(db, "Lena Bakes", ("tiktok", "lenabakes"), email="lena@bakery.example")
    (group,) = duplicates.find_groups(db)
    assert group.ids == (vogel, bakes) and not group.certain
    assert [r.text for r in group.reasons] == [
        "Same handle @lenabakes on Instagram and TikTok, but different emails (possible)"
    ]
    assert import_duplicates.possible_duplicates_among(db, [bakes]) == 1


def test_same_name_and_handle_with_different_emails_is_counted_after_an_import(
    db: Database,
) -> None:
    _person(db, "Freya Yilmaz", ("instagram", "freya.runs"), email="f@one.com")
    new = _person(db, "Freya Yilmaz", ("tiktok", "freya.runs"), email="f@two.com")
    assert import_duplicates.possible_duplicates_among(db, [new]) == 1


def test_one_handle_on_one_network_stored_with_and_without_at_is_one_account(
    db: Database,
) -> None:
    vogel = _person(db, "Lena Vogel", email="lena@gmail.com")
    bakes = _person(db, "Lena Bakes", email="lena@bakery.example")
    with db.transaction() as session:  # an older version kept the typed “@”
        session.execute(
            insert(SocialAccount),
            [
                {"influencer_id": vogel, "platform": "instagram", "handle": "@lenabakes"},
                {"influencer_id": bakes, "platform": "instagram", "handle": "lenabakes"},
            ],
        )
    (group,) = duplicates.find_groups(db)
    assert group.ids == (vogel, bakes) and group.certain
    assert [r.text for r in group.reasons] == ["Same Instagram account: @lenabakes"]


def _many(db: Database, names: list[str], first_id: int) -> list[int]:
    """People added straight to the table (an import's way: one run of ids), fast enough for
    the thousands the count treats otherwise than a few."""
    from infcrm.db.base import utcnow
    from infcrm.db.models import Influencer

    now = utcnow()
    rows = [
        {
            "id": first_id + n,
            "display_name": name,
            "found_via": "other",
            "created_at": now,
            "updated_at": now,
        }
        for n, name in enumerate(names)
    ]
    with db.transaction() as session:
        session.execute(insert(Influencer), rows)
    return [row["id"] for row in rows]


def test_possible_duplicates_among_thousands_of_new_people(db: Database) -> None:
    """An import of 1,500 people into a file of 3,100, 2 of them named like someone there
    and 1 with a handle someone has on another network, counts those 3 — also when the new
    people's ids are scattered (not one import's run), or they are most of the file."""
    _many(db, [f"Earlier {n}" for n in range(3_100)], 100)
    _person(db, "Lena Fox")
    _person(db, "Zoë Müller")
    _person(db, "Lena Vogel", ("instagram", "lenabakes"))
    _person(db, "Maria Garcia")  # a name too common to count once 12 more are new
    names = [f"Stranger {n}" for n in range(1_500)]
    names[10], names[700] = "lena fox", "Zoe Muller"
    names[100:113] = ["Maria Garcia"] * 13
    new = _many(db, names, 5_000)
    with db.transaction() as session:
        session.execute(
            insert(SocialAccount),
            [{"influencer_id": new[1_400], "platform": "tiktok", "handle": "lenabakes"}],
        )
    assert import_duplicates.possible_duplicates_among(db, new) == 3
    scattered = [*new[1::2], new[1_400], new[10]]  # every other one: 750 runs of one id
    assert import_duplicates.possible_duplicates_among(db, scattered) == 2
    _many(db, [f"Later {n}" for n in range(2_000)], 8_000)  # now most of the file is new
    assert import_duplicates.possible_duplicates_among(db, new + list(range(8_000, 10_000))) == 3


def _known_as(db: Database, person: int, names: str) -> None:
    """Give `person` other names, as merging records of those names into them does."""
    with db.transaction() as session:
        session.execute(update(Influencer).where(Influencer.id == person).values(other_names=names))


def test_an_other_name_counts_as_the_name(db: Database) -> None:
    ana = _person(db, "Ana Ruiz", email="ana@ruiz.studio")
    _known_as(db, ana, "Ana R.; Annie")
    later = _person(db, "ANA R.")  # the merged-away record's list, imported again
    _person(db, "Ben Stone")
    assert _groups(db) == [((ana, later), {MatchKind.NAME})]
    assert import_duplicates.possible_duplicates_among(db, [later]) == 1


def test_an_other_name_is_not_offered_when_emails_disagree(db: Database) -> None:
    ana = _person(db, "Ana Ruiz", email="ana@ruiz.studio")
    _known_as(db, ana, "Ana R.")
    _person(db, "Ana R.", email="someone@else.test")
    assert _groups(db) == []


def test_one_youtube_channel_by_its_old_link_on_two_people_is_likely(db: Database) -> None:
    # As two lists, or an older version, could leave them: each name alone would differ.
    anna = _person(db, "Anna Bakes")
    other = _person(db, "A. B.")
    with db.transaction() as session:
        session.execute(
            insert(SocialAccount),
            [
                {"influencer_id": person, "platform": "youtube", "label": label, "url": url}
                for person, label, url in (
                    (anna, "AnnaBakes", "https://www.youtube.com/c/AnnaBakes"),
                    (other, "annabakes", "https://www.youtube.com/c/annabakes"),
                )
            ],
        )
    assert _groups(db) == [((anna, other), {MatchKind.PROFILE_LINK})]
