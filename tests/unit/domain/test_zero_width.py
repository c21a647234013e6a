"""Invisible characters pasted with a name, handle or email never reach what is stored."""

from __future__ import annotations

import pytest

from infcrm.domain.enums import Platform
from infcrm.domain.handles import normalise_handle
from infcrm.domain.validation import FieldChecker

ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")


@pytest.mark.parametrize("mark", ZERO_WIDTH)
def test_a_handle_pasted_with_a_zero_width_character_is_the_plain_handle(mark: str) -> None:
    assert normalise_handle(Platform.INSTAGRAM, f"mia{mark}") == "mia"
    assert normalise_handle(Platform.TIKTOK, f"{mark}@mia.b{mark}") == "mia.b"
    assert normalise_handle(Platform.INSTAGRAM, f"https://instagram.com/mia{mark}/") == "mia"


@pytest.mark.parametrize("mark", ZERO_WIDTH)
def test_an_email_and_a_name_pasted_with_one_are_stored_without_it(mark: str) -> None:
    check = FieldChecker()
    assert check.email("email", f"mia@example.com{mark}") == "mia@example.com"
    assert check.email("email", f"mia{mark}@example.com") == "mia@example.com"
    assert check.text("name", f"{mark}Mia Rossi{mark}", label="Name") == "Mia Rossi"
    assert check.text("name", f"Mia{mark} Rossi", label="Name") == "Mia Rossi"
    assert check.errors == {}


def test_a_name_of_nothing_but_invisible_characters_is_blank() -> None:
    check = FieldChecker()
    assert check.text("name", "\u200b\ufeff", label="Name", required=True) is None
    assert "name" in check.errors


def test_joiners_that_join_letters_or_emoji_are_kept() -> None:
    check = FieldChecker()
    cook = "Mia 👩\u200d🍳"  # the woman cook emoji is two emoji joined
    persian = "می\u200cخواهم"  # Persian writes a non-joiner inside words
    assert check.text("name", cook, label="Name") == cook
    assert check.text("name", persian, label="Name") == persian
