"""The import history: each import, and what it created or changed, so it can be undone."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from infcrm.db.base import Base, utcnow


class ImportBatch(Base):
    """One import of a spreadsheet, with its counts."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(260))
    sheet: Mapped[str | None] = mapped_column(String(100))
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    created_count: Mapped[int] = mapped_column(Integer, default=0)
    updated_count: Mapped[int] = mapped_column(Integer, default=0)
    skipped_count: Mapped[int] = mapped_column(Integer, default=0)
    # The first id messages, follow-ups and deals got after the import, as JSON (migration
    # 0034): the rows added to its people since are told by id, not by two computers' clocks.
    # NULL on imports made before, judged by `imported_at`.
    next_ids: Mapped[str | None] = mapped_column(Text)


class ImportBatchItem(Base):
    """People an import created, or one person it updated; `previous` holds what to restore
    (JSON).

    A "created" item stands for the run of ids from `influencer_id` to `last_influencer_id`
    (migration 0016): a bulk import hands its new people consecutive ids, so 100,000 of them
    are one row, not 100,000. `last_influencer_id` is NULL for an item of one person (every
    item written before 0016, and every "updated" one). Read and write runs through
    `services/exchange/import_items.py`.
    """

    __tablename__ = "import_batch_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batch.id", ondelete="CASCADE"), index=True
    )
    # No foreign key: a person forgotten since keeps the history row, and undo skips them.
    influencer_id: Mapped[int] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(10))  # "created" or "updated"
    last_influencer_id: Mapped[int | None] = mapped_column(Integer)
    previous: Mapped[str | None] = mapped_column(Text)
    # An "updated" item's person's version right after the import (migration 0034): a higher
    # one means someone saved them since. NULL on items written before, judged by the clocks.
    version_after: Mapped[int | None] = mapped_column(Integer)
