"""A person's photo, added by the user from a file: one small picture per influencer."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from infcrm.db.base import Base, utcnow


class InfluencerPhoto(Base):
    """The picture shown as their avatar (already made small by the app), erased with them."""

    __tablename__ = "influencer_photo"

    influencer_id: Mapped[int] = mapped_column(
        ForeignKey("influencer.id", ondelete="CASCADE"), primary_key=True
    )
    image: Mapped[bytes] = mapped_column(LargeBinary)
    media_type: Mapped[str] = mapped_column(String(40))  # "image/png", "image/jpeg"
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
