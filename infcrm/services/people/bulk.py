"""Bulk edits of many people at once: stage, owner, rating, do-not-contact, tags and niches.

Each action is one transaction of a few Core statements over a temporary table of the chosen
ids (100,000 people cost the same handful of statements as 10, and no ORM objects). Before
writing, it keeps a restore point of every row it will touch, so Undo puts each back exactly.
When some people break a rule the action raises `BulkRefused` naming them and changes nobody;
with `skip_problems=True` it changes the others. `progress` (any object with
`.report(done, total, text)` that may raise to cancel) hears between statements; raising rolls
the whole action back.

One module per job — bulk_stage, bulk_fields, bulk_tags, and bulk_common for what they
share; this one names them all in one place for the screens and the other services.
"""

from __future__ import annotations

from infcrm.services.people.bulk_common import (
    Reporter,
    chosen,
    columns_point,
    keep_or_refuse,
    live_by_id,
    live_ids,
    live_rows,
    moved_on,
    next_row_id,
    problem,
    report,
    skipped_note,
    still_chosen,
    told,
    update_people,
    update_where,
    versions_of,
    with_new_rows,
    written_alike,
)
from infcrm.services.people.bulk_fields import (
    change_niches,
    set_do_not_contact,
    set_owner,
    set_rating,
)
from infcrm.services.people.bulk_stage import set_stage
from infcrm.services.people.bulk_tags import TAG_MAX, change_tags
from infcrm.services.people.bulk_types import BulkRefused, BulkResult

__all__ = [
    "TAG_MAX",
    "BulkRefused",
    "BulkResult",
    "Reporter",
    "change_niches",
    "change_tags",
    "chosen",
    "columns_point",
    "keep_or_refuse",
    "live_by_id",
    "live_ids",
    "live_rows",
    "moved_on",
    "next_row_id",
    "problem",
    "report",
    "set_do_not_contact",
    "set_owner",
    "set_rating",
    "set_stage",
    "skipped_note",
    "still_chosen",
    "told",
    "update_people",
    "update_where",
    "versions_of",
    "with_new_rows",
    "written_alike",
]
