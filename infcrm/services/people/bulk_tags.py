"""Bulk tags: add tags to everyone or take them away, one statement per tag; undo and redo
need not read the new tag rows (see bulk_remade.Tagged)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from sqlalchemy import Select, and_, insert, literal, or_, select
from sqlalchemy.orm import Session

from infcrm.db import search_index
from infcrm.db.base import utcnow
from infcrm.db.engine import Database
from infcrm.db.models import Influencer, InfluencerTag
from infcrm.domain.validation import split_list
from infcrm.services.people.bulk_common import (
    Reporter,
    columns_point,
    live_by_id,
    live_ids,
    moved_on,
    problem,
    report,
    still_chosen,
    told,
    update_where,
    written_alike,
)
from infcrm.services.people.bulk_remade import Tagged
from infcrm.services.people.bulk_types import BulkRefused, BulkResult, Problem, people_count
from infcrm.services.restore_points import Rows, capture

TAG_MAX = 60


def too_long(tags: Sequence[str]) -> str | None:
    """Why these tags cannot be written (the first over the length limit), or None; the
    dialog says it while the tags are typed, the edit refuses them if they get this far."""
    long = [t for t in tags if len(t) > TAG_MAX]
    if long:
        return f"The tag “{long[0][:20]}…” is too long; keep tags to {TAG_MAX} characters"
    return None


def clean_tags(session: Session, text: str | Sequence[str], ids: list[int]) -> list[str]:
    """The tags of `text`; a tag over the length limit refuses the edit for everyone."""
    tags = split_list(text if isinstance(text, str) else ", ".join(text))
    reason = too_long(tags)
    if reason:
        raise BulkRefused((problem(session, reason, ids),), len(ids))
    return tags


def _carrying(tag: str) -> Select:
    """A select of the people carrying `tag`."""
    return select(InfluencerTag.influencer_id).where(InfluencerTag.name == tag)


def change_tags(
    db: Database,
    ids: Sequence[int],
    tags: str | Sequence[str],
    *,
    remove: bool = False,
    progress: Reporter | None = None,
    seen: Mapping[int, int] | None = None,
) -> BulkResult:
    """Add these tags to everyone (or take them away with `remove`)."""
    with db.transaction() as session:
        rows = live_by_id(session, ids, ("updated_at",))
        moved = moved_on(session, seen)
        try:
            wanted = clean_tags(session, tags, [row[0] for row in rows])
        except BulkRefused:  # names the first few people in the order given
            wanted = clean_tags(session, tags, live_ids(session, ids))
        if not wanted:
            raise BulkRefused((Problem("Write at least one tag", (), ()),), len(rows))
        live = and_(Influencer.id.in_(still_chosen()), Influencer.deleted_at.is_(None))
        holders = [
            set(
                session.execute(
                    _carrying(tag).where(InfluencerTag.influencer_id.in_(still_chosen()))
                ).scalars()
            )
            for tag in wanted
        ]
        # Adding touches whoever lacks one of the tags; removing, whoever has one.
        having = set().union(*holders)
        if remove:
            saved = tuple(row for row in rows if row[0] in having)
        else:
            complete = set.intersection(*holders)
            saved = tuple(row for row in rows if row[0] not in complete)
        times, touched = columns_point(("updated_at",), saved)
        # The tag rows of the people touched, as they are: only those holding one of the tags
        # have any to read (a new tag on 100,000 people reads none).
        # (Once added, everyone touched has every tag: undo and redo need not read them.)
        names = (("name", tuple(wanted)),)
        tag_rows = (Rows if remove else Tagged)(
            "influencer_tag", "influencer_id", touched, also=names
        )
        holding = tuple(i for i in touched if i in having)
        before = capture(session, [Rows("influencer_tag", "influencer_id", holding, also=names)])
        # The update time first, while who will change can still be told by the tags they have.
        if remove:
            changing = or_(*(Influencer.id.in_(_carrying(tag)) for tag in wanted))
        else:
            changing = or_(*(Influencer.id.not_in(_carrying(tag)) for tag in wanted))
        update_where(session, and_(live, changing), updated_at=utcnow())
        times = written_alike(session, times)
        # No search entry changes: tags have their own index.
        point = replace(times, parts=(tag_rows, *times.parts), saved=(*before.saved, *times.saved))
        table = InfluencerTag.__table__
        for n, tag in enumerate(wanted):
            if remove:
                session.execute(
                    table.delete().where(
                        table.c.influencer_id.in_(select(Influencer.id).where(live)),
                        table.c.name == tag,
                    )
                )
            else:
                lacking = select(Influencer.id, literal(tag)).where(
                    live, Influencer.id.not_in(_carrying(tag))
                )
                session.execute(insert(table).from_select(["influencer_id", "name"], lacking))
            report(progress, n + 1, len(wanted) + 1, "Saving tags…")
        search_index.refresh_tags(session, wanted)
        named = ", ".join(f"“{t}”" for t in wanted)
        if remove:
            summary = f"Took {named} off {people_count(len(touched))}."
            title = f"removal of {named} from {people_count(len(touched))}"
        else:
            summary = f"Tagged {people_count(len(touched))} {named}."
            title = f"tag {named} on {people_count(len(touched))}"
        unchanged = len(rows) - len(touched)
        if unchanged:
            have = "had none of them" if remove else "had them already"
            summary = summary[:-1] + f"; {unchanged:,} {have}."
        return told(session, BulkResult(summary, title, touched, unchanged, 0, point), moved)


__all__ = ["TAG_MAX", "change_tags", "clean_tags"]
