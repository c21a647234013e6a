"""A whole column is called plain only when each of its cells would be kept exactly as it is."""

from __future__ import annotations

import pytest

from infcrm.domain.enums import Platform
from infcrm.domain.handles import link_for, normalise_handle, plain_handles, profile_format
from infcrm.domain.names import is_placeholder_email, may_hold_placeholder
from infcrm.domain.validation import FieldChecker, plain_addresses


def test_stored_handles_are_plain_and_their_links_are_the_profile_link() -> None:
    handles = ["ana_bakes", "bo", "creator_99"]
    assert plain_handles(Platform.INSTAGRAM, handles)
    for handle in handles:
        assert normalise_handle(Platform.INSTAGRAM, handle) == handle
        assert profile_format(Platform.INSTAGRAM).format(handle) == link_for(
            Platform.INSTAGRAM, handle
        )


@pytest.mark.parametrize("odd", ["@ana", "Ana", "ana.bakes", "reel", "ana bakes", "x" * 31])
def test_one_handle_with_something_to_look_into_makes_the_column_not_plain(odd: str) -> None:
    assert not plain_handles(Platform.INSTAGRAM, ["ana_bakes", odd])


def test_youtube_handles_are_never_taken_whole() -> None:
    assert not plain_handles(Platform.YOUTUBE, ["likenastya"])  # channel ids need a look


def test_lower_case_plain_addresses_are_plain() -> None:
    addresses = ["ana@mail.test", "bo.lifts@example.co.uk"]
    assert plain_addresses(addresses)
    assert [FieldChecker().email("email", a) for a in addresses] == addresses


@pytest.mark.parametrize(
    "odd", ["Ana@mail.test", "ana@MAIL.test", "not an email", "a@b", "x" * 60 + "@mail.test"]
)
def test_one_address_that_would_change_or_be_refused_makes_the_column_not_plain(
    odd: str,
) -> None:
    assert not plain_addresses(["ana@mail.test", odd])


def test_a_column_that_may_hold_a_stand_in_address_is_looked_at_address_by_address() -> None:
    assert may_hold_placeholder(["ana@mail.test", "Test@test.com"])
    assert is_placeholder_email("Test@test.com")
    assert not may_hold_placeholder(["tester@mail.test", "ana@test.com"])
