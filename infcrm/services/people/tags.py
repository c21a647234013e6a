"""The tag manager: every tag with how many people carry it; rename, merge, colour, delete.

Each change is one transaction that keeps a restore point (services/restore_points.py) of
every row in its reach — the tag's rows on people, its colour, and the saved views a rename or
merge points at the new name — so Undo puts them back exactly. Tags compare without regard
to case, as the filter and the form do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, literal, select, update
from sqlalchemy.orm import Session, aliased

from infcrm.db import search_index
from infcrm.db.engine import Database
from infcrm.db.models import Influencer, InfluencerTag, Tag
from infcrm.domain.validation import InvalidInput, split_list
from infcrm.services.people import saved_views
from infcrm.services.people.bulk import TAG_MAX
from infcrm.services.people.bulk_types import BulkResult, people_count
from infcrm.services.restore_points import RestorePoint, Rows, capture

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class TagInfo:
    """One tag as the manager lists it."""

    name: str
    people: int
    colour: str | None


def tag_list(db: Database) -> list[TagInfo]:
    """Every tag in use, by name (ignoring case), with how many people in the list carry it."""
    # A tag spelt two ways ("VIP", "vip") is one group; which spelling a group shows must not
    # depend on the order the backend happened to read the rows in: the first person's.
    same = aliased(InfluencerTag)
    spelling = (
        select(same.name)
        .where(same.name == InfluencerTag.name)
        .order_by(same.influencer_id, same.name)
        .limit(1)
        .scalar_subquery()
    )
    with db.reader() as session:
        counts = session.execute(
            select(spelling, func.count())
            .select_from(InfluencerTag)
            .join(Influencer, Influencer.id == InfluencerTag.influencer_id)
            .where(Influencer.deleted_at.is_(None))
            .group_by(InfluencerTag.name)
        ).all()
        colours = {
            name.casefold(): colour
            for name, colour in session.execute(select(Tag.name, Tag.colour)).all()
        }
    return sorted(
        (TagInfo(name, count, colours.get(name.casefold())) for name, count in counts),
        key=lambda t: t.name.casefold(),
    )


def _carriers(session: Session, *names: str) -> list[int]:
    query = select(InfluencerTag.influencer_id).where(InfluencerTag.name.in_(names)).distinct()
    return list(session.execute(query).scalars())


def _exists(session: Session, name: str) -> bool:
    query = select(InfluencerTag.name).where(InfluencerTag.name == name).limit(1)
    return session.execute(query).first() is not None


def _point(
    session: Session, names: tuple[str, ...], views: tuple[int, ...] = ()
) -> tuple[RestorePoint, tuple[int, ...]]:
    """A restore point of the tags `names` (their rows on people and their colours, and the
    saved views `views` that filter by one), and who carries them. No one's search entry
    changes: tags have an index of their own."""
    parts = [Rows("influencer_tag", "name", names), Rows("tag", "name", names)]
    if views:
        parts.append(Rows("saved_view", "id", views))
    return capture(session, parts), tuple(_carriers(session, *names))


def _clean_name(text: str) -> str:
    names = split_list(text)
    if len(names) != 1:
        raise InvalidInput({"name": "Write one tag name (without commas)."})
    if len(names[0]) > TAG_MAX:
        raise InvalidInput({"name": f"Keep tags under {TAG_MAX} characters."})
    return names[0]


def _known(session: Session, name: str) -> None:
    if not _exists(session, name):
        raise InvalidInput(
            {
                "name": f"There is no tag “{name}” any more: someone renamed, merged or "
                "deleted it meanwhile, so nothing was changed. The list now shows the tags as "
                "they are; choose the tag again there."
            }
        )


def rename_tag(db: Database, old: str, new: str) -> BulkResult:
    """Give a tag another name on everyone who carries it (a change of case is fine)."""
    name = _clean_name(new)
    with db.transaction() as session:
        _known(session, old)
        if name.casefold() != old.casefold() and _exists(session, name):
            raise InvalidInput(
                {"name": f"There is already a tag “{name}”; merge the two to join them."}
            )
        # Both names are in the point: undo must find the rows under the new one.
        views = saved_views.filtering_by_tag(session, old)
        point, carriers = _point(session, (old, name), views)
        for table in (InfluencerTag.__table__, Tag.__table__):
            session.execute(update(table).where(table.c.name == old).values(name=name))
        saved_views.retag(session, views, name)  # a view of the tag keeps showing its people
        search_index.refresh_tags(session)
        count = len(carriers)
        return BulkResult(
            f"Renamed “{old}” to “{name}” on {people_count(count)}.",
            f"rename of tag “{old}” to “{name}”",
            carriers,
            0,
            0,
            point,
        )


def merge_tags(db: Database, source: str, target: str) -> BulkResult:
    """Everyone tagged `source` gets `target` instead; `source` is gone (its colour too)."""
    with db.transaction() as session:
        _known(session, source)
        _known(session, target)
        if source.casefold() == target.casefold():
            raise InvalidInput({"name": "Choose two different tags to merge."})
        views = saved_views.filtering_by_tag(session, source)
        point, carriers = _point(session, (source, target), views)
        saved_views.retag(session, views, target)
        already = select(InfluencerTag.influencer_id).where(InfluencerTag.name == target)
        moving = (
            select(InfluencerTag.influencer_id, literal(target))
            .where(InfluencerTag.name == source)
            .where(InfluencerTag.influencer_id.not_in(already))
        )
        table = InfluencerTag.__table__
        session.execute(insert(table).from_select(["influencer_id", "name"], moving))
        session.execute(delete(table).where(table.c.name == source))
        session.execute(delete(Tag.__table__).where(Tag.__table__.c.name == source))
        search_index.refresh_tags(session)
        return BulkResult(
            f"Merged “{source}” into “{target}”: {people_count(len(carriers))} carry it now.",
            f"merge of tag “{source}” into “{target}”",
            carriers,
            0,
            0,
            point,
        )


def set_tag_colour(db: Database, name: str, colour: str | None) -> BulkResult:
    """Give a tag a colour (“#rrggbb”), or none."""
    if colour is not None and not COLOUR.match(colour):
        raise InvalidInput({"colour": "Choose a colour such as #3a7bd5."})
    with db.transaction() as session:
        _known(session, name)
        point = capture(session, [Rows("tag", "name", (name,))])
        table = Tag.__table__
        session.execute(delete(table).where(table.c.name == name))
        if colour is not None:
            session.execute(insert(table).values(name=name, colour=colour.lower()))
        what = f"colour of tag “{name}”"
        return BulkResult(
            f"{'Coloured' if colour else 'Took the colour off'} “{name}”.", what, (), 0, 0, point
        )


def delete_tag(db: Database, name: str) -> BulkResult:
    """Take a tag off everyone (the people stay)."""
    with db.transaction() as session:
        _known(session, name)
        point, carriers = _point(session, (name,))
        table = InfluencerTag.__table__
        session.execute(delete(table).where(table.c.name == name))
        session.execute(delete(Tag.__table__).where(Tag.__table__.c.name == name))
        search_index.refresh_tags(session)
        return BulkResult(
            f"Deleted the tag “{name}” from {people_count(len(carriers))}.",
            f"deletion of tag “{name}”",
            carriers,
            0,
            0,
            point,
        )


__all__ = ["TagInfo", "delete_tag", "merge_tags", "rename_tag", "set_tag_colour", "tag_list"]
