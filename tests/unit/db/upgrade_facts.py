"""What later schema revisions change on purpose, for the tests that upgrade released files.

An upgrade must keep every row the user made. The search tables are not such rows: they are an
index of the people, rebuilt whenever a revision changes what is searched (0015 moved tags into
an index of their own), so upgrade tests compare the people and check that search still finds
them, instead of comparing index rows."""

from __future__ import annotations

SEARCH_INDEX_TABLES = ("influencer_search", "influencer_part_search", "tag_search")

# Indexes a later revision drops on purpose: 0015 dropped ix_influencer_stage_id because
# ix_influencer_stage_updated already starts with the same column; 0032 three no query reads.
DROPPED_INDEXES = frozenset(
    {
        "ix_influencer_stage_id",
        "ix_influencer_main_followers",
        "ix_influencer_country",
        "ix_social_account_followers",
    }
)


# Triggers a later revision adds: 0017 clears a follow-up's link to a deleted interaction.
ADDED_TRIGGERS = frozenset({"follow_up_unlinked_before_interaction_deleted"})


def is_search_index(table: str) -> bool:
    """True for a search index table or one of SQLite's shadow tables behind it."""
    return table.startswith(SEARCH_INDEX_TABLES)


def triggers_after(before: set[str]) -> set[str]:
    """The triggers an older file has once upgraded: its own and those added since."""
    return set(before) | ADDED_TRIGGERS


def kept_indexes(before: set[str]) -> set[str]:
    """The indexes of an older file that its upgrade must still have."""
    return before - DROPPED_INDEXES
