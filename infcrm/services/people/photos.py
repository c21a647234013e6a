"""People's photos: add one from a picture the app has already made small, remove it, read them.

The window turns the chosen file into a small PNG or JPEG (it has the image library); this
module checks what it is given and stores it, so a photo is never a whole camera file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from infcrm.db import dialect
from infcrm.db.base import utcnow
from infcrm.db.engine import Database
from infcrm.db.models import Influencer
from infcrm.db.photo_models import InfluencerPhoto
from infcrm.domain.validation import InvalidInput
from infcrm.services.changes import Changes
from infcrm.services.errors import PersonGone
from infcrm.services.restore_points import Rows, Undoable, step

MAX_PHOTO_BYTES = 512 * 1024  # a 256 px picture is a few tens of kilobytes
PHOTO_SIDE = 256  # the longest side, in pixels, the window scales a photo to before saving
_KINDS = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def media_type(data: bytes) -> str | None:
    """ "image/png" or "image/jpeg" from the file's first bytes; None for anything else."""
    for magic, kind in _KINDS.items():
        if data.startswith(magic):
            return kind
    return None


def set_photo(db: Database, influencer_id: int, data: bytes) -> Undoable:
    """Keep `data` (a small PNG or JPEG) as the person's photo, replacing any before it; one
    step of Edit › Undo (the photo before comes back)."""
    kind = media_type(data)
    if kind is None:
        raise InvalidInput({"photo": "Choose a PNG or JPEG picture for the photo."})
    if len(data) > MAX_PHOTO_BYTES:
        raise InvalidInput(
            {"photo": f"The photo is too big to keep ({len(data) // 1024:,} KB); "
                      f"choose a picture of at most {MAX_PHOTO_BYTES // 1024} KB."}
        )  # fmt: skip

    def write(session: Session) -> None:
        if session.get(Influencer, influencer_id) is None:
            raise PersonGone(influencer_id)
        values = {"image": data, "media_type": kind, "updated_at": utcnow()}
        session.execute(
            dialect.upsert(session, InfluencerPhoto)
            .values(influencer_id=influencer_id, **values)
            .on_conflict_do_update(index_elements=["influencer_id"], set_=values)
        )

    return _step(db, influencer_id, write)


def remove_photo(db: Database, influencer_id: int) -> Undoable:
    """Remove the person's photo (their initials show again); one step of Edit › Undo. Its
    value says whether there was one."""

    def write(session: Session) -> bool:
        result = session.execute(
            delete(InfluencerPhoto).where(InfluencerPhoto.influencer_id == influencer_id)
        )
        return bool(result.rowcount)

    return _step(db, influencer_id, write)


def _step(db: Database, influencer_id: int, write: Callable[[Session], object]) -> Undoable:
    return step(
        db,
        lambda _session: [Rows("influencer_photo", "influencer_id", (influencer_id,))],
        write,
        Changes(people=(influencer_id,)),
    )


def photo(db: Database, influencer_id: int) -> bytes | None:
    """The person's photo, or None."""
    with db.reader() as session:
        return session.execute(
            select(InfluencerPhoto.image).where(InfluencerPhoto.influencer_id == influencer_id)
        ).scalar_one_or_none()


def photos(db: Database, influencer_ids: Iterable[int]) -> dict[int, bytes]:
    """The photos of those of these people who have one (a list's block of rows)."""
    ids = list(influencer_ids)
    if not ids:
        return {}
    with db.reader() as session:
        rows = session.execute(
            select(InfluencerPhoto.influencer_id, InfluencerPhoto.image).where(
                InfluencerPhoto.influencer_id.in_(ids)
            )
        ).all()
    return {person: image for person, image in rows}


__all__ = [
    "MAX_PHOTO_BYTES",
    "PHOTO_SIDE",
    "media_type",
    "photo",
    "photos",
    "remove_photo",
    "set_photo",
]
