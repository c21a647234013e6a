"""The tables infcrm keeps, in SQLAlchemy 2.0 typed style."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from infcrm.db.authors import LONGEST, column_default
from infcrm.db.base import Base, utcnow
from infcrm.db.record_versions import version_column


class Stage(Base):
    """A pipeline stage; stages are data so users can rename, reorder, add and archive them."""

    __tablename__ = "stage"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    position: Mapped[int] = mapped_column(Integer)
    is_closed: Mapped[bool] = mapped_column(Boolean, default=False)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class Influencer(Base):
    """A person (or a duo or brand account) the user works with."""

    __tablename__ = "influencer"
    __table_args__ = (
        CheckConstraint("rating IS NULL OR (rating BETWEEN 0 AND 5)", name="rating_range"),
        Index("ix_influencer_name_nocase", text("display_name COLLATE NOCASE")),
        Index("ix_influencer_email_nocase", text("email COLLATE NOCASE")),
        # The trash only: SQLite took an index of everyone's deleted_at for a narrow lookup
        # of the living and sorted them all (migration 0025, which also adds the list's
        # partial indexes of the living people, in each backend's own terms).
        Index(
            "ix_influencer_deleted_at",
            "deleted_at",
            sqlite_where=text("deleted_at IS NOT NULL"),
            postgresql_where=text("deleted_at IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200))
    real_name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    other_emails: Mapped[str | None] = mapped_column(Text)  # comma-separated, for search/export
    # The names of the records merged into this one, “; ”-separated (migration 0035): an
    # import finds the person by them as by their name.
    other_names: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(50))
    # Not indexed (migration 0032): the filter compares countries without regard to case.
    country: Mapped[str | None] = mapped_column(String(100))
    city: Mapped[str | None] = mapped_column(String(100))
    language: Mapped[str | None] = mapped_column(String(50))
    niches: Mapped[str | None] = mapped_column(Text)  # comma-separated
    notes: Mapped[str | None] = mapped_column(Text)
    found_via: Mapped[str] = mapped_column(String(30), default="other")
    found_detail: Mapped[str | None] = mapped_column(String(200))
    # Indexed by ix_influencer_stage_updated (stage_id first), see migration 0015.
    stage_id: Mapped[int | None] = mapped_column(ForeignKey("stage.id"))
    owner: Mapped[str | None] = mapped_column(String(100))
    brand_fit: Mapped[str | None] = mapped_column(Text)
    rating: Mapped[int | None] = mapped_column(Integer)
    do_not_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # Set when the influencer is in the trash; NULL for everyone the lists show.
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The main account's figures, copied here by database triggers on social_account (see
    # migration 0001) so that sorting and filtering 100,000 people is one indexed table scan
    # instead of a join. Never written by the application itself.
    main_platform: Mapped[str | None] = mapped_column(String(20))
    main_handle: Mapped[str | None] = mapped_column(String(200))
    # Read from the living people's indexes (migrations 0025, 0028; 0032 dropped its own).
    main_followers: Mapped[int | None] = mapped_column(BigInteger)
    main_avg_likes: Mapped[int | None] = mapped_column(BigInteger)
    main_avg_comments: Mapped[int | None] = mapped_column(BigInteger)
    # Who created and last changed the row (migration 0019; db/authors.py): NULL before then.
    created_by: Mapped[str | None] = mapped_column(String(LONGEST), default=column_default)
    changed_by: Mapped[str | None] = mapped_column(
        String(LONGEST), default=column_default, onupdate=column_default
    )
    # Raised by every write (migration 0020): the ORM's own updates check and raise it, the
    # Core updates through its `onupdate`, raw ones by hand (db/record_versions.py).
    version: Mapped[int] = version_column("influencer")
    __mapper_args__: ClassVar[dict] = {"version_id_col": version}

    accounts: Mapped[list[SocialAccount]] = relationship(
        back_populates="influencer", cascade="all, delete-orphan", passive_deletes=True
    )
    tags: Mapped[list[InfluencerTag]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class InfluencerTag(Base):
    """One tag on one influencer: a table, not a text list, so the tag filter is exact and fast."""

    __tablename__ = "influencer_tag"

    influencer_id: Mapped[int] = mapped_column(
        ForeignKey("influencer.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(60, collation="NOCASE"), primary_key=True, index=True)


class Tag(Base):
    """What belongs to a tag itself (its colour); which people carry it is `influencer_tag`."""

    __tablename__ = "tag"

    name: Mapped[str] = mapped_column(String(60, collation="NOCASE"), primary_key=True)
    colour: Mapped[str | None] = mapped_column(String(7))  # “#rrggbb”


class SocialAccount(Base):
    """One of an influencer's accounts on a platform, with its latest figures."""

    __tablename__ = "social_account"
    __table_args__ = (
        UniqueConstraint("platform", "handle", name="uq_social_account_platform_handle"),
        CheckConstraint("followers IS NULL OR followers >= 0", name="followers_not_negative"),
        # An account known only by its name (“Like Nastya”) has a label and no handle.
        CheckConstraint("handle IS NOT NULL OR label IS NOT NULL", name="handle_or_label"),
        CheckConstraint(
            "authenticity IS NULL OR (authenticity BETWEEN 0 AND 100)", name="authenticity_range"
        ),
        # At most one main account per influencer: the list shows its figures.
        Index(
            "uq_social_account_primary",
            "influencer_id",
            unique=True,
            sqlite_where=text("is_primary = 1"),
            postgresql_where=text("is_primary"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    influencer_id: Mapped[int] = mapped_column(
        ForeignKey("influencer.id", ondelete="CASCADE"), index=True
    )
    platform: Mapped[str] = mapped_column(String(20))
    # NULL when only the account's name is known; NULLs never clash in (platform, handle).
    handle: Mapped[str | None] = mapped_column(String(200))
    label: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(500))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    followers: Mapped[int | None] = mapped_column(BigInteger)
    avg_likes: Mapped[int | None] = mapped_column(BigInteger)
    avg_comments: Mapped[int | None] = mapped_column(BigInteger)
    avg_views: Mapped[int | None] = mapped_column(BigInteger)
    posts_per_week: Mapped[float | None] = mapped_column(Float)
    audience_countries: Mapped[str | None] = mapped_column(String(200))
    audience_gender: Mapped[str | None] = mapped_column(String(100))
    audience_age: Mapped[str | None] = mapped_column(String(100))
    audience_notes: Mapped[str | None] = mapped_column(Text)
    authenticity: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    influencer: Mapped[Influencer] = relationship(back_populates="accounts")


class MetricSnapshot(Base):
    """A dated copy of an account's figures, written whenever they change, to chart growth."""

    __tablename__ = "metric_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("social_account.id", ondelete="CASCADE"), index=True
    )
    taken_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    followers: Mapped[int | None] = mapped_column(BigInteger)
    avg_likes: Mapped[int | None] = mapped_column(BigInteger)
    avg_comments: Mapped[int | None] = mapped_column(BigInteger)
    avg_views: Mapped[int | None] = mapped_column(BigInteger)


class Setting(Base):
    """A user setting stored in the database (JSON text), so it travels with the data."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


import infcrm.db.campaign_models  # noqa: E402  (registers the campaign tables)
import infcrm.db.duplicate_models  # noqa: E402  (registers the not-a-duplicate pairs)
import infcrm.db.import_models  # noqa: E402  (registers the import history tables)
import infcrm.db.order_models  # noqa: E402  (registers the shop orders)
import infcrm.db.outreach_template_models  # noqa: E402  (registers outreach templates)
import infcrm.db.photo_models  # noqa: E402, F401  (registers people's photos)
from infcrm.db import (  # noqa: E402
    outreach_models,  # noqa: F401  (registers the outreach tables)
    view_models,  # noqa: F401  (registers saved views)
)
