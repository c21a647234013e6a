"""What each table of a database holds, in the words a user knows (`infcrm check`'s counts)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# In the order a user reads them: people's parts first, then outreach, campaigns, and the
# app's own. The influencers themselves are counted on a line of their own, trash apart.
WORDS = {
    "social_account": "Social accounts",
    "metric_snapshot": "Follower snapshots (growth over time)",
    "influencer_photo": "Photos",
    "tag": "Tag colours",
    "influencer_tag": "Tags given to people",
    "interaction": "History entries (messages, calls, stage moves)",
    "follow_up": "Follow-ups",
    "stage": "Pipeline stages",
    "campaign": "Campaigns",
    "deal": "Deals (people in campaigns)",
    "incentive": "Incentives offered",
    "deliverable": "Deliverables asked for",
    "agreement": "Agreement versions",
    "payment": "Payments",
    "content": "Posts delivered",
    "shop_order": "Shop order lines",
    "outreach_template": "Message templates",
    "agreement_template": "Agreement templates",
    "saved_view": "Saved views",
    "not_duplicate": "Pairs marked “not a duplicate”",
    "import_batch": "Imports that can be undone",
    "import_batch_item": "Import changes kept for undo",
    "bulk_move": "Bulk stage changes kept for undo",
    "setting": "Settings",
}


def word_for(table: str) -> str:
    """A table's count as a user reads it; a table this version does not name (one a newer
    version added) still reads as words."""
    return WORDS.get(table) or table.replace("_", " ").capitalize()


def in_words(counts: Mapping[str, int]) -> Iterable[tuple[str, int]]:
    """(words, rows) for every table counted but the influencers', the known ones in
    `WORDS`' order."""
    known = [table for table in WORDS if table in counts]
    others = sorted(table for table in counts if table not in WORDS and table != "influencer")
    return [(word_for(table), counts[table]) for table in (*known, *others)]


__all__ = ["WORDS", "in_words", "word_for"]
