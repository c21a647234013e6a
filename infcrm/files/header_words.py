"""Column names that are not a catalogue field's own: a name split in two, a column of every
way to reach someone, and the names one well-known scraper gives its columns.
"""

from __future__ import annotations

LABELLED = "labelled"  # a column of “Email: x@y.com”, “Instagram: @name” values
LAST_NAME = "last_name"  # joined after the name: “first_name” + “last_name” → “John Adams”

EXTRA_SYNONYMS: dict[str, str] = {}
# Contact lists split a name in two (CRM and mailing-list exports, sign-up sheets): the first
# part is the name, the last part is added after it.
EXTRA_SYNONYMS.update(
    dict.fromkeys(
        ("first name", "firstname", "given name", "forename", "prenom", "vorname", "nombre",
         "primeiro nome", "nome"),
        "display_name",
    )
    | dict.fromkeys(
        ("last name", "lastname", "surname", "family name", "nachname", "nom de famille",
         "apellido", "apellidos", "sobrenome"),
        LAST_NAME,
    )
    # One column for every way to reach someone: each email, phone and link goes where it
    # belongs by how it looks (“ana@x.com / +34 600 111 222”).
    | dict.fromkeys(
        ("contact", "contacts", "contact info", "contact information", "contact details",
         "contact data", "contacto", "contactos", "datos de contacto", "kontakt",
         "kontaktdaten", "contato", "contatos", "contatto", "contatti", "coordonnees",
         "연락처", "連絡先", "联系方式"),
        LABELLED,
    )
)  # fmt: skip
# A TikTok scraper's export: the author's fields under “authorMeta/…”, TikTok's own names for
# likes (“digg”) and views (“play”).
EXTRA_SYNONYMS.update(
    {"author meta name": "handle", "author meta nick name": "display_name",
     "author meta profile url": "url", "digg count": "avg_likes", "play count": "avg_views"}
)  # fmt: skip

__all__ = ["EXTRA_SYNONYMS", "LABELLED", "LAST_NAME"]
