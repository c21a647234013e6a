"""Handles: typed names and pasted links become one stored form; profile links come back out."""

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from infcrm.domain.enums import Platform
from infcrm.domain.handles import handle_in_link, loose_handle, normalise_handle, profile_url
from infcrm.domain.platform_links import NamedChannel, detect_platform, named_channel

P = Platform


@pytest.mark.parametrize(
    ("platform", "text", "handle"),
    [
        (P.INSTAGRAM, "anna.bakes", "anna.bakes"),
        (P.INSTAGRAM, "  @Anna.Bakes ", "anna.bakes"),
        (P.INSTAGRAM, "https://www.instagram.com/Anna.Bakes/?igshid=abc123", "anna.bakes"),
        (P.INSTAGRAM, "instagram.com/anna_b", "anna_b"),
        (P.INSTAGRAM, "http://m.instagram.com/anna_b/", "anna_b"),
        (P.INSTAGRAM, "www.instagram.com/anna_b/reels/", "anna_b"),
        (P.INSTAGRAM, "https://www.instagram.com/stories/anna_b/3141592/", "anna_b"),
        (P.TIKTOK, "https://www.tiktok.com/@Anna.Bakes/video/123?lang=en", "anna.bakes"),
        (P.TIKTOK, "tiktok.com/@anna_b", "anna_b"),
        (P.YOUTUBE, "https://www.youtube.com/@AnnaBakes", "annabakes"),
        (P.YOUTUBE, "m.youtube.com/@anna-bakes/videos", "anna-bakes"),
        (
            P.YOUTUBE,
            "https://www.youtube.com/channel/UCa1B2c3D4e5F6g7H8i9J0kL",
            "UCa1B2c3D4e5F6g7H8i9J0kL",  # channel ids are case-sensitive and kept as given
        ),
        (P.YOUTUBE, "UCa1B2c3D4e5F6g7H8i9J0kL", "UCa1B2c3D4e5F6g7H8i9J0kL"),
        (P.X, "https://twitter.com/AnnaBakes/status/1", "annabakes"),
        (P.X, "x.com/anna_b?s=20", "anna_b"),
        (P.X, "mobile.twitter.com/Anna", "anna"),
        (P.TWITCH, "https://www.twitch.tv/AnnaBakes", "annabakes"),
        (P.PINTEREST, "pinterest.com/AnnaBakes/", "annabakes"),
        (P.PINTEREST, "https://www.pinterest.co.uk/anna_b/boards/", "anna_b"),
        (P.FACEBOOK, "https://m.facebook.com/Anna.Bakes", "anna.bakes"),
        (P.FACEBOOK, "facebook.com/profile.php?id=100012345", "100012345"),
        (P.THREADS, "https://www.threads.net/@Anna.Bakes", "anna.bakes"),
        (P.THREADS, "threads.com/@anna_b", "anna_b"),
        (P.LINKEDIN, "https://uk.linkedin.com/in/Anna-Bakes-123/", "anna-bakes-123"),
        (P.SNAPCHAT, "snapchat.com/add/Anna.B", "anna.b"),
        (P.SNAPCHAT, "https://www.snapchat.com/@anna_b", "anna_b"),
        (P.OTHER, "  https://annabakes.blog/About ", "https://annabakes.blog/About"),
        (P.OTHER, "@AnnaBakes", "AnnaBakes"),
    ],
)
def test_normalise_handle(platform: Platform, text: str, handle: str) -> None:
    assert normalise_handle(platform, text) == handle


@pytest.mark.parametrize(
    ("platform", "text", "message"),
    [
        (P.INSTAGRAM, "", "The handle is empty"),
        (P.INSTAGRAM, " @ ", "The handle is empty"),
        (P.OTHER, "  ", "The handle is empty"),
        (P.INSTAGRAM, "anna bakes", "A handle cannot contain spaces: “anna bakes”."),
        (P.OTHER, "My Blog", "A handle cannot contain spaces: “My Blog”."),
        (P.INSTAGRAM, "tiktok.com/@anna", "That is a TikTok link, but the platform chosen is"),
        (P.TIKTOK, "https://www.instagram.com/anna", "That is an Instagram link"),
        (P.INSTAGRAM, "example.com/anna", "“example.com/anna” is not an Instagram link"),
        (P.INSTAGRAM, "anna!", "An Instagram handle cannot contain “!”: “anna!”."),
        (P.X, "@anna.bakes", "An X (Twitter) handle cannot contain “.”"),
        (
            P.X,
            "a" * 16,
            "An X (Twitter) handle has at most 15 characters; “aaaaaaaaaaaaaaaa” has 16.",
        ),
        (P.INSTAGRAM, "a" * 31, "at most 30 characters"),
        (P.TIKTOK, "a" * 25, "at most 24 characters"),
        (P.TWITCH, "ab", "A Twitch handle has at least 3 characters"),
        (P.INSTAGRAM, "instagram.com/p/CxYz123/", "does not point to a profile"),
        (P.INSTAGRAM, "explore", "“explore” is an Instagram page, not someone’s handle."),
        (P.TIKTOK, "tiktok.com/anna", "does not point to a profile"),
        (P.TIKTOK, "https://vm.tiktok.com/ZMabc/", "A short link cannot be read here"),
        (P.YOUTUBE, "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "does not point to a profile"),
        (P.YOUTUBE, "https://youtu.be/dQw4w9WgXcQ", "short link"),
        (P.LINKEDIN, "linkedin.com/company/acme", "does not point to a profile"),
        (P.INSTAGRAM, "@@anna", "cannot contain “@”"),
        # A channel's old custom name is not its @handle, which may be someone else's.
        (P.YOUTUBE, "youtube.com/c/AnnaBakes", "old YouTube link"),
        (P.YOUTUBE, "https://www.youtube.com/user/AnnaBakes/", "old YouTube link"),
    ],
)
def test_normalise_handle_rejects_with_a_sentence(
    platform: Platform, text: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        normalise_handle(platform, text)


@pytest.mark.parametrize(
    ("platform", "handle", "url"),
    [
        (P.INSTAGRAM, "anna.bakes", "https://www.instagram.com/anna.bakes/"),
        (P.TIKTOK, "anna.bakes", "https://www.tiktok.com/@anna.bakes"),
        (P.YOUTUBE, "annabakes", "https://www.youtube.com/@annabakes"),
        (
            P.YOUTUBE,
            "UCa1B2c3D4e5F6g7H8i9J0kL",
            "https://www.youtube.com/channel/UCa1B2c3D4e5F6g7H8i9J0kL",
        ),
        (P.X, "anna_b", "https://x.com/anna_b"),
        (P.TWITCH, "annabakes", "https://www.twitch.tv/annabakes"),
        (P.PINTEREST, "annabakes", "https://www.pinterest.com/annabakes/"),
        (P.FACEBOOK, "anna.bakes", "https://www.facebook.com/anna.bakes"),
        (P.THREADS, "anna.bakes", "https://www.threads.com/@anna.bakes"),
        (P.LINKEDIN, "anna-bakes", "https://www.linkedin.com/in/anna-bakes"),
        (P.SNAPCHAT, "anna.b", "https://www.snapchat.com/add/anna.b"),
        (P.INSTAGRAM, "@Anna.Bakes", "https://www.instagram.com/anna.bakes/"),
        (P.INSTAGRAM, "not valid!", None),
        (P.OTHER, "https://annabakes.blog/about", "https://annabakes.blog/about"),
        (P.OTHER, "annabakes.blog", "https://annabakes.blog"),
        (P.OTHER, "AnnaBakes", None),
    ],
)
def test_profile_url(platform: Platform, handle: str, url: str | None) -> None:
    assert profile_url(platform, handle) == url


@pytest.mark.parametrize(
    ("url", "platform"),
    [
        ("https://www.instagram.com/anna", P.INSTAGRAM),
        ("instagram.com/anna", P.INSTAGRAM),
        ("https://vm.tiktok.com/ZMabc/", P.TIKTOK),
        ("https://youtu.be/abc", P.YOUTUBE),
        ("https://twitter.com/anna", P.X),
        ("x.com/anna", P.X),
        ("https://www.twitch.tv/anna", P.TWITCH),
        ("https://de.pinterest.com/anna", P.PINTEREST),
        ("pinterest.co.uk/anna", P.PINTEREST),
        ("https://web.facebook.com/anna", P.FACEBOOK),
        ("threads.net/@anna", P.THREADS),
        ("https://uk.linkedin.com/in/anna", P.LINKEDIN),
        ("snapchat.com/add/anna", P.SNAPCHAT),
        ("https://annabakes.blog", None),
        ("https://box.com/anna", None),  # ends in “x.com” but is another site
        ("anna", None),
        ("http://[::1", None),
    ],
)
def test_detect_platform(url: str, platform: Platform | None) -> None:
    assert detect_platform(url) is platform


# Handles drawn from each platform's own alphabet, in mixed case and sometimes with an “@”.
_ALPHABETS = {
    P.INSTAGRAM: r"[A-Za-z0-9._]{1,30}",
    P.TIKTOK: r"[A-Za-z0-9._]{2,24}",
    P.YOUTUBE: r"[A-Za-z0-9._-]{3,30}|UC[A-Za-z0-9_-]{22}",
    P.X: r"[A-Za-z0-9_]{1,15}",
    P.TWITCH: r"[A-Za-z0-9_]{3,25}",
    P.PINTEREST: r"[A-Za-z0-9_]{3,30}",
    P.FACEBOOK: r"[A-Za-z0-9.-]{5,50}",
    P.THREADS: r"[A-Za-z0-9._]{1,30}",
    P.LINKEDIN: r"[A-Za-z0-9_-]{3,100}",
    P.SNAPCHAT: r"[A-Za-z0-9._-]{3,15}",
    P.OTHER: r"[A-Za-z0-9._~:/?#=&%-]{1,60}",
}


@st.composite
def typed_handles(draw: st.DrawFn) -> tuple[Platform, str]:
    platform = draw(st.sampled_from(list(_ALPHABETS)))
    handle = draw(st.from_regex(_ALPHABETS[platform], fullmatch=True))
    prefix = draw(st.sampled_from(["", "@", " ", " @"]))
    return platform, prefix + handle


# Drawing from a regex is slow on a loaded machine; that is no failure of the code tested.
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(typed_handles())
def test_normalising_is_idempotent(case: tuple[Platform, str]) -> None:
    platform, text = case
    try:
        handle = normalise_handle(platform, text)
    except ValueError:
        assume(False)  # reserved words and look-alike links are refused, which is fine
    assert normalise_handle(platform, handle) == handle


@given(typed_handles())
def test_a_handle_and_its_profile_link_normalise_alike(case: tuple[Platform, str]) -> None:
    platform, text = case
    assume(platform is not P.OTHER)
    try:
        handle = normalise_handle(platform, text)
    except ValueError:
        assume(False)
    url = profile_url(platform, handle)
    assert url is not None and url.startswith("https://")
    assert detect_platform(url) is platform
    assert normalise_handle(platform, url) == handle
    assert normalise_handle(platform, url.removeprefix("https://")) == handle


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(typed_handles())
def test_a_handle_as_typed_and_as_a_link_have_the_loose_handle_it_is_stored_as(
    case: tuple[Platform, str],
) -> None:
    # A sheet of posts groups its rows by loose handle before reading them: every way of
    # writing one account must land in one group.
    platform, text = case
    assume(platform is not P.OTHER)
    try:
        handle = normalise_handle(platform, text)
    except ValueError:
        assume(False)
    url = profile_url(platform, handle)
    assert url is not None
    # In lower case, a YouTube channel id too (which is stored as written).
    for written in (text, text.upper(), url, url.removeprefix("https://")):
        assert loose_handle(written) == handle.lower()


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        (
            "youtube.com/c/AnnaBakes",
            NamedChannel("AnnaBakes", "https://www.youtube.com/c/AnnaBakes"),
        ),
        (
            " https://m.youtube.com/user/AnnaBakes/videos?view=0 ",
            NamedChannel("AnnaBakes", "https://www.youtube.com/user/AnnaBakes"),
        ),
        (
            "www.youtube.com/C/Anna.Bakes/",
            NamedChannel("Anna.Bakes", "https://www.youtube.com/c/Anna.Bakes"),
        ),
        (
            "https://www.youtube.com/c/%D0%90%D0%BD%D0%BD%D0%B0",
            NamedChannel("Анна", "https://www.youtube.com/c/%D0%90%D0%BD%D0%BD%D0%B0"),
        ),
        ("youtube.com/@AnnaBakes", None),
        ("https://www.youtube.com/channel/UCa1B2c3D4e5F6g7H8i9J0kL", None),
        ("youtube.com/c/", None),
        ("instagram.com/c/anna", None),
        ("AnnaBakes", None),
    ],
)
def test_an_old_youtube_link_names_a_channel_not_a_handle(
    text: str, channel: NamedChannel | None
) -> None:
    assert named_channel(text) == channel


def test_a_pasted_old_youtube_link_is_searched_by_the_channel_name() -> None:
    assert handle_in_link("https://www.youtube.com/c/AnnaBakes") == "AnnaBakes"
    assert handle_in_link("https://www.youtube.com/@AnnaBakes") == "annabakes"


def test_one_channel_by_its_old_link_written_two_ways_has_one_loose_handle() -> None:
    # Rows of one person are grouped by it before they are read.
    written = ("youtube.com/c/AnnaBakes", "https://m.youtube.com/c/annabakes/videos")
    assert len({loose_handle(text) for text in written}) == 1
    assert loose_handle("youtube.com/c/AnnaBakes") != loose_handle("youtube.com/@annabakes")
