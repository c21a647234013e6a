"""Saved views: the influencer list's search, filters, sort and columns kept under a name."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from infcrm.db.base import Base, utcnow

NAME_MAX = 80


class SavedView(Base):
    """One named view of the influencer list, listed in the sidebar in `position` order.

    Its id is AUTOINCREMENT (migration 0013), as every table's: never given out twice.
    """

    __tablename__ = "saved_view"

    id: Mapped[int] = mapped_column(primary_key=True)
    # NOCASE: “Food in Germany” and “food in germany” are one name to the user.
    name: Mapped[str] = mapped_column(String(NAME_MAX, collation="NOCASE"), unique=True)
    position: Mapped[int] = mapped_column(Integer)
    # JSON: the list query's fields (search, filters, sort) and the visible column keys.
    query: Mapped[str] = mapped_column(Text)
    columns: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
