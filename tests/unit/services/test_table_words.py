"""`infcrm check` names what a database holds in words: every table of the schema has some."""

from __future__ import annotations

from sqlalchemy import inspect

from infcrm.db.engine import Database
from infcrm.services.maintenance.table_words import WORDS, in_words, word_for


def test_every_table_a_user_keeps_data_in_has_its_words(db: Database) -> None:
    tables = set(inspect(db.engine).get_table_names())
    kept = {t for t in tables if "search" not in t and t not in ("alembic_version", "influencer")}
    assert kept <= set(WORDS), f"name these tables for `infcrm check`: {kept - set(WORDS)}"


def test_a_table_a_newer_version_added_still_reads_as_words() -> None:
    assert word_for("gift_card") == "Gift card"
    counts = {"social_account": 3, "influencer": 5, "gift_card": 1, "follow_up": 2}
    assert list(in_words(counts)) == [("Social accounts", 3), ("Follow-ups", 2), ("Gift card", 1)]
