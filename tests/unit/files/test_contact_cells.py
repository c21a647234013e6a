"""A contact cell's emails, phones and links each go to their field, by label or by look."""

from __future__ import annotations

import pytest

from infcrm.files.contact_cells import contact_values
from infcrm.files.import_mapping import LABELLED, suggest_field


@pytest.mark.parametrize(
    ("text", "pairs", "unplaced"),
    [
        ("ana@x.com", [("email", "ana@x.com")], []),
        ("mailto:ana@x.com", [("email", "ana@x.com")], []),
        ("+34 600 111 222", [("phone", "+34 600 111 222")], []),
        (
            "Email: ana@x.com / Tel: +34 600 111 222",
            [("email", "ana@x.com"), ("phone", "+34 600 111 222")],
            [],
        ),
        ("ana@x.com; @ana_ig", [("email", "ana@x.com")], ["@ana_ig"]),
        ("WhatsApp +49 151 23456789", [("phone", "+49 151 23456789")], []),
        ("Móvil: (600) 111-222", [("phone", "(600) 111-222")], []),
        (
            "https://www.instagram.com/ana.bakes, www.anabakes.com",
            [
                ("instagram_handle", "https://www.instagram.com/ana.bakes"),
                ("other_handle", "www.anabakes.com"),
            ],
            [],
        ),
        ("Agency: Bright Talent\nana.bakes", [], ["Agency: Bright Talent", "ana.bakes"]),
        ("Fax 12", [], ["Fax 12"]),  # too few digits, and not a phone's label
    ],
)
def test_each_part_goes_where_it_looks_like_it_belongs(
    text: str, pairs: list[tuple[str, str]], unplaced: list[str]
) -> None:
    assert contact_values(text) == (pairs, unplaced)


@pytest.mark.parametrize(
    "header",
    ["Contact", "Contact info", "Contacto", "Kontakt", "Contato", "Contatto", "Contact details"],
)
def test_contact_columns_are_read_as_contact_details(header: str) -> None:
    assert suggest_field(header) == LABELLED


def test_contact_columns_that_say_what_they_hold_keep_their_field() -> None:
    assert suggest_field("Contact email") == "email"
    assert suggest_field("Contact No") == "phone"
    assert suggest_field("Contact name") == "real_name"
