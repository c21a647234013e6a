"""A column whose name says nothing but whose values are handles is the handle column."""

from __future__ import annotations

import pytest

from infcrm.files.column_inference import infer_mapping
from infcrm.files.handle_columns import handle_column_notes
from infcrm.files.import_mapping import IGNORE

ROWS = [
    ("Ana Ruiz", "@ana.bakes", "12k"),
    ("Ben Ode", "@ben_cooks", "8k"),
    ("Cy Lane", None, "3k"),
    ("Di Moss", "@dimoss", "1k"),
]


@pytest.mark.parametrize("header", ["Unnamed: 2", "Column B", "Who", "Creator"])
def test_a_column_of_at_handles_is_the_handle_whatever_it_is_called(header: str) -> None:
    mapping = infer_mapping(["Name", header, "Followers"], ROWS)

    assert mapping.fields == ["display_name", "handle", "followers"]
    (choice,) = [c for c in mapping.choices if c.index == 1]
    assert choice.by_content


def test_a_column_of_one_network_s_links_is_that_network_s_profile_column() -> None:
    rows = [("Ana", "https://www.instagram.com/ana.bakes/"), ("Ben", "instagram.com/ben_cooks")]

    mapping = infer_mapping(["Name", "Unnamed: 1"], rows)

    assert mapping.fields == ["display_name", "url"]
    assert mapping.platform == "instagram"


@pytest.mark.parametrize(
    "values",
    [
        ["ana@example.com", "ben@example.com", "cy@example.com"],  # emails
        [12000, 8000, 3000],  # numbers
        ["Ana Ruiz", "Ben Ode", "Cy Lane"],  # names with spaces
        ["food", "travel", "@ana.bakes"],  # a few handles among other words
        ["@ 5pm", "@home", "@ the office"],  # where, not who
    ],
)
def test_a_column_that_is_clearly_something_else_is_not_taken_for_handles(
    values: list[object],
) -> None:
    rows = [("x", value) for value in values]

    mapping = infer_mapping(["Name", "Unnamed: 1"], rows)

    assert mapping.fields[1] not in ("handle", "url")
    assert mapping.fields[1] == IGNORE or mapping.fields[1] == "email"


def test_the_note_names_the_column_its_network_and_what_was_done() -> None:
    headers = ["Name", "Column B", "Unnamed: 2", "Followers"]
    rows = [
        ("Ana", "@ana.bakes", "https://www.tiktok.com/@ana.b", 1),
        ("Ben", "@ben_cooks", "tiktok.com/@ben", 2),
    ]

    mapping = infer_mapping(headers, rows)

    assert handle_column_notes(mapping, "instagram") == [
        "Column B looks like Instagram handles (@…); imported as handles.",
        "Column C (Unnamed: 2) looks like TikTok profile links; imported as handles.",
    ]
    # A column named as a handle needs no note; one taken for names says nothing either.
    named = infer_mapping(["Name", "Instagram"], [("Ana", "@ana.bakes")])
    assert handle_column_notes(named, None) == []


def test_handles_under_no_useful_name_beside_a_named_handle_column_are_left_out() -> None:
    # Which network these are on cannot be told, and the named column already says who it is.
    rows = [("Ana", "@ana.bakes", "@ana.tt"), ("Ben", "@ben_cooks", "@ben.tt")]

    mapping = infer_mapping(["Name", "Instagram", "Unnamed: 2"], rows)

    assert mapping.fields == ["display_name", "instagram_handle", IGNORE]
    assert mapping.choices[2].reason == (
        "its values look like handles, but the handles come from Instagram"
    )
    assert handle_column_notes(mapping, None) == []
