"""Enum labels and lenient parsing from text."""

import pickle
import subprocess
import sys

import pytest

from infcrm.domain.enums import (
    Channel,
    Direction,
    EngagementBand,
    FoundVia,
    Platform,
    Tier,
)


def test_values_are_the_stored_strings() -> None:
    assert [p.value for p in Platform] == [
        "instagram",
        "tiktok",
        "youtube",
        "x",
        "twitch",
        "pinterest",
        "facebook",
        "threads",
        "linkedin",
        "snapchat",
        "other",
    ]
    assert Platform("tiktok") is Platform.TIKTOK
    assert str(Tier.MICRO) == "micro"
    assert f"{Channel.IN_PERSON}" == "in_person"


@pytest.mark.parametrize(
    ("member", "label"),
    [
        (Platform.TIKTOK, "TikTok"),
        (Platform.YOUTUBE, "YouTube"),
        (Platform.X, "X (Twitter)"),
        (Platform.OTHER, "Blog / other"),
        (FoundVia.FOLLOWS_US, "Follows us"),
        (FoundVia.OUR_HASHTAG, "Used our hashtag"),
        (EngagementBand.SUSPICIOUS, "Suspiciously high"),
        (Channel.INSTAGRAM_DM, "Instagram DM"),
        (Direction.OUTBOUND, "We contacted them"),
        (Direction.INBOUND, "They contacted us"),
        (Tier.MEGA, "Mega"),
    ],
)
def test_labels(member: Platform, label: str) -> None:
    assert member.label == label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("instagram", Platform.INSTAGRAM),
        ("  TIKTOK ", Platform.TIKTOK),
        ("X (twitter)", Platform.X),
        ("twitter", Platform.X),
        ("Twitter", Platform.X),
        ("ig", Platform.INSTAGRAM),
        ("YT", Platform.YOUTUBE),
        ("tt", Platform.TIKTOK),
        ("blog / other", Platform.OTHER),
    ],
)
def test_platform_from_text(text: str, expected: Platform) -> None:
    assert Platform.from_text(text) is expected


def test_from_text_accepts_value_or_label_with_any_separator() -> None:
    assert FoundVia.from_text("follows_us") is FoundVia.FOLLOWS_US
    assert FoundVia.from_text("Used our hashtag") is FoundVia.OUR_HASHTAG
    assert FoundVia.from_text("niche-hashtag") is FoundVia.NICHE_HASHTAG
    assert Channel.from_text("in person") is Channel.IN_PERSON
    assert Direction.from_text("they contacted us") is Direction.INBOUND
    assert EngagementBand.from_text("suspiciously high") is EngagementBand.SUSPICIOUS
    assert Tier.from_text("Micro") is Tier.MICRO


def test_from_text_rejects_unknown_text_listing_the_choices() -> None:
    with pytest.raises(ValueError, match="“myspace” is not a platform") as info:
        Platform.from_text("myspace")
    assert "Instagram, TikTok, YouTube, X (Twitter)" in str(info.value)
    with pytest.raises(ValueError, match="Nano, Micro, Macro, Mega"):
        Tier.from_text("giga")


def test_domain_imports_only_the_standard_library() -> None:
    code = (
        "import sys, infcrm.domain.enums, infcrm.domain.numbers, infcrm.domain.handles, "
        "infcrm.domain.metrics, infcrm.domain.validation\n"
        "bad = [m for m in ('PySide6', 'sqlalchemy', 'openpyxl', 'alembic') if m in sys.modules]\n"
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_members_survive_pickling() -> None:
    assert pickle.loads(pickle.dumps(Platform.X)) is Platform.X
    assert pickle.loads(pickle.dumps(FoundVia.OUR_HASHTAG)) is FoundVia.OUR_HASHTAG
