"""Two people already in infcrm, and a list in which Ana's rows match both of them: row 2 is
Ana's (her email and Instagram); row 5, Ana's too by that email, gives Bea's TikTok.

Shared by the tests of that list through the import command and through `import_file`."""

from __future__ import annotations

from infcrm.db.engine import Database
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput

FILE = (
    "Name,Email,Platform,Handle\n"
    "Ana Ruiz,ana@ruiz.studio,Instagram,ana.ruiz\n"
    "Cara Icing,cara@icing.test,Instagram,cara.icing\n"
    "Dan Park,dan@park.test,Instagram,dan.park\n"
    "Ana Ruiz,ana@ruiz.studio,TikTok,bea.tok\n"
)
# What rows 2 and 5 are told, word for word.
SAID = (
    "This row matches 2 people already in infcrm (Ana Ruiz and Bea Lopez): row 5 (the same "
    "person in this file) matches Bea Lopez by the TikTok account @bea.tok; correct one of the "
    "rows so they name one person."
)


def add_ana_and_bea(db: Database) -> None:
    """Ana Ruiz (email and Instagram) and Bea Lopez (a TikTok account only)."""
    influencers.create(
        db,
        InfluencerInput(
            display_name="Ana Ruiz",
            email="ana@ruiz.studio",
            accounts=(AccountInput("instagram", "ana.ruiz"),),
        ),
    )
    influencers.create(
        db, InfluencerInput(display_name="Bea Lopez", accounts=(AccountInput("tiktok", "bea.tok"),))
    )
