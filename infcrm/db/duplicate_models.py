"""Pairs of people the user said are not the same person, so the finder stops offering them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from infcrm.db.base import Base, utcnow


class NotDuplicate(Base):
    """Two influencers marked “not a duplicate”; the lower id always comes first."""

    __tablename__ = "not_duplicate"
    __table_args__ = (CheckConstraint("influencer_id < other_id", name="ordered_pair"),)

    influencer_id: Mapped[int] = mapped_column(
        ForeignKey("influencer.id", ondelete="CASCADE"), primary_key=True
    )
    other_id: Mapped[int] = mapped_column(
        ForeignKey("influencer.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    marked_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
