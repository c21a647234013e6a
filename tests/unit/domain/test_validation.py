"""Field checks give one plain sentence per field and hand back cleaned values."""

import pytest

from infcrm.domain.enums import FoundVia, Platform
from infcrm.domain.validation import FieldChecker, InvalidInput, split_list


def test_text_is_trimmed_and_keeps_emoji_and_right_to_left_text() -> None:
    check = FieldChecker()
    assert check.text("name", "  Anna 🍰 ", label="Name") == "Anna 🍰"
    assert check.text("family", "👩‍👩‍👧", label="Family") == "👩‍👩‍👧"
    assert check.text("city", "תל אביב", label="City") == "תל אביב"
    assert check.text("city2", "مرحبا\u200f", label="City") == "مرحبا\u200f"
    assert check.text("blank", "   ", label="Notes") is None
    assert check.text("none", None, label="Notes") is None
    assert check.ok
    check.raise_if_errors()


def test_required_text() -> None:
    check = FieldChecker()
    assert check.text("display_name", " ", label="Name", required=True) is None
    assert check.errors == {"display_name": "Name is required; please fill it in."}


def test_too_long_text_says_the_limit_and_the_length() -> None:
    check = FieldChecker()
    assert check.text("name", "x" * 10_000, label="Name") is None
    assert check.errors["name"] == "Name is 10,000 characters long; keep it under 200."
    assert check.text("ok", "x" * 200, label="Name") == "x" * 200


def test_control_characters() -> None:
    check = FieldChecker()
    assert check.text("a", "ab\x07c", label="Name") is None
    assert "U+0007" in check.errors["a"] and "remove it" in check.errors["a"]
    assert check.text("b", "line one\nline two", label="Name") is None
    assert check.errors["b"] == "Name must fit on one line; remove the line break."
    notes = check.text("c", "line one\r\nline two\tend", label="Notes", multiline=True)
    assert notes == "line one\nline two\tend"
    assert check.text("d", "bad\x00byte", label="Notes", multiline=True) is None
    assert set(check.errors) == {"a", "b", "d"}


def test_email() -> None:
    check = FieldChecker()
    assert check.email("email", " Anna.Bakes+pr@Example.COM ") == "Anna.Bakes+pr@example.com"
    assert check.email("named", "Anna Bakes <anna@example.com>") == "anna@example.com"
    assert check.email("blank", "") is None
    assert check.ok


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("anna", "“anna” is not an email address. Write it like name@example.com."),
        ("anna@example", "“anna@example” is not an email address."),
        ("anna@@example.com", "is not an email address."),
        ("anna..b@example.com", "is not an email address."),
        (".anna@example.com", "is not an email address."),
        ("anna@-example.com", "is not an email address."),
        ("anna@exam_ple.com", "is not an email address."),
        ("anna @example.com", "“anna @example.com” is not an email address: it contains a space."),
        ("a" * 250 + "@example.com", "An email address has at most 254 characters; this one has"),
    ],
)
def test_invalid_email(value: str, message: str) -> None:
    check = FieldChecker()
    assert check.email("email", value) is None
    assert message in check.errors["email"]


def test_required_email() -> None:
    check = FieldChecker()
    assert check.email("email", None, required=True) is None
    assert check.errors == {"email": "Email is required; please fill it in."}


def test_emails_split_and_deduplicate() -> None:
    check = FieldChecker()
    found = check.emails(
        "other_emails", "a@x.com, b@y.org;c@z.io  A@X.COM\nAnna <d@w.net>", label="Other emails"
    )
    assert found == ["a@x.com", "b@y.org", "c@z.io", "d@w.net"]
    assert check.ok
    assert check.emails("none", None) == []


def test_emails_report_the_bad_one() -> None:
    check = FieldChecker()
    assert check.emails("other_emails", "a@x.com, nope", label="Other emails") == ["a@x.com"]
    assert check.errors["other_emails"].startswith("Other emails: “nope” is not an email address")


def test_int_range() -> None:
    check = FieldChecker()
    assert check.int_range("rating", "4", label="Rating", maximum=5) == 4
    assert check.int_range("rating2", 3.0, label="Rating", maximum=5) == 3
    assert check.int_range("rating3", "", label="Rating", maximum=5) is None
    assert check.int_range("big", "1,000", label="Budget") == 1000
    assert check.ok
    assert check.int_range("r4", 7, label="Rating", maximum=5) is None
    assert check.int_range("r5", "3.5", label="Rating", maximum=5) is None
    assert check.int_range("a", -1, label="Authenticity", maximum=100) is None
    assert check.int_range("p", -2, label="Posts") is None
    assert check.int_range("req", None, label="Rating", required=True) is None
    assert check.errors == {
        "r4": "Rating must be between 0 and 5; you entered 7.",
        "r5": "Rating must be a whole number between 0 and 5.",
        "a": "Authenticity must be between 0 and 100; you entered -1.",
        "p": "Posts must be at least 0; you entered -2.",
        "req": "Rating is required; please fill it in.",
    }


def test_count() -> None:
    check = FieldChecker()
    assert check.count("followers", "12.3k", label="Followers") == 12_300
    assert check.count("likes", "", label="Average likes") is None
    assert check.ok
    assert check.count("followers2", "-5", label="Followers") is None
    assert check.count("likes2", "lots", label="Average likes") is None
    assert check.errors["followers2"] == "Followers cannot be negative."
    assert check.errors["likes2"] == (
        "“lots” is not a number of average likes. Write it like 12,345 or 12.3k."
    )


def test_choice() -> None:
    check = FieldChecker()
    assert check.choice("platform", "Twitter", Platform, label="Platform") is Platform.X
    assert check.choice("platform2", Platform.TIKTOK, Platform, label="Platform") is Platform.TIKTOK
    assert check.choice("found", "Used our hashtag", FoundVia, label="Found via") is (
        FoundVia.OUR_HASHTAG
    )
    assert check.choice("blank", "", Platform, label="Platform") is None
    assert check.ok
    assert check.choice("bad", "myspace", Platform, label="Platform") is None
    assert check.choice("req", None, Platform, label="Platform", required=True) is None
    assert check.errors["bad"].startswith("“myspace” is not a platform. Use one of: Instagram")
    assert check.errors["req"] == "Platform is required; please fill it in."


def test_raise_if_errors_carries_every_field() -> None:
    check = FieldChecker()
    check.text("display_name", "", label="Name", required=True)
    check.email("email", "nope")
    check.add("email", "A second problem is not recorded over the first.")
    with pytest.raises(InvalidInput) as info:
        check.raise_if_errors()
    error = info.value
    assert isinstance(error, ValueError)
    assert set(error.errors) == {"display_name", "email"}
    assert str(error) == (
        "Name is required; please fill it in. "
        "“nope” is not an email address. Write it like name@example.com."
    )


def test_split_list() -> None:
    assert split_list("vegan, baking;  travel") == ["vegan", "baking", "travel"]
    assert split_list("Vegan, vegan, VEGAN,, baking") == ["Vegan", "baking"]
    assert split_list("home   decor\nslow living") == ["home decor", "slow living"]
    assert split_list("") == []
    assert split_list(None) == []


def test_a_count_of_a_platform_keeps_the_platform_s_name_as_written() -> None:
    check = FieldChecker()
    check.count("a", "x", label="Instagram followers")
    check.count("b", "lots", label="YouTube followers")
    check.count("c", "many", label="TikTok followers")
    assert check.errors == {
        "a": "“x” is not a number of Instagram followers. Write it like 12,345 or 12.3k.",
        "b": "“lots” is not a number of YouTube followers. Write it like 12,345 or 12.3k.",
        "c": "“many” is not a number of TikTok followers. Write it like 12,345 or 12.3k.",
    }
