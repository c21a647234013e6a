"""Outreach templates: reusable first messages (email or DM) with {placeholders}."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from infcrm.db.base import Base, utcnow


class OutreachTemplate(Base):
    """An email or direct message the user sends to many people, filled in for each."""

    __tablename__ = "outreach_template"
    __table_args__: ClassVar[dict] = {"sqlite_autoincrement": True}  # ids are never reused

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100, collation="NOCASE"), unique=True)
    kind: Mapped[str] = mapped_column(String(10))  # "email" or "dm" (domain.outreach_template)
    subject: Mapped[str | None] = mapped_column(String(300))  # emails only
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
