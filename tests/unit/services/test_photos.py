"""People's photos: kept small, replaced, removed, refused when not a picture, erased by Forget."""

from __future__ import annotations

import pytest

from infcrm.db.engine import Database
from infcrm.domain.validation import InvalidInput
from infcrm.services.people import influencers, photos
from infcrm.services.people.influencer_types import InfluencerInput
from tests.table_dump import undone_and_redone

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def _person(db: Database, name: str = "Mia Rossi") -> int:
    return influencers.create(db, InfluencerInput(display_name=name))


def test_a_photo_is_kept_replaced_and_removed(db: Database) -> None:
    mia, kofi = _person(db), _person(db, "Kofi")
    assert photos.photo(db, mia) is None
    photos.set_photo(db, mia, PNG)
    assert photos.photo(db, mia) == PNG
    photos.set_photo(db, mia, JPEG)  # a second photo replaces the first
    assert photos.photos(db, [mia, kofi]) == {mia: JPEG}
    assert photos.remove_photo(db, mia).value is True
    assert photos.photo(db, mia) is None
    assert photos.remove_photo(db, mia).value is False


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"GIF89a" + b"\x00" * 10, "PNG or JPEG"),
        (PNG + b"\x00" * photos.MAX_PHOTO_BYTES, "too big"),
    ],
)
def test_what_is_not_a_small_picture_is_refused_and_nothing_changes(
    db: Database, data: bytes, says: str
) -> None:
    mia = _person(db)
    photos.set_photo(db, mia, PNG)
    with pytest.raises(InvalidInput) as refused:
        photos.set_photo(db, mia, data)
    assert says in refused.value.errors["photo"]
    assert photos.photo(db, mia) == PNG


def test_forget_erases_the_photo(db: Database) -> None:
    mia = _person(db)
    photos.set_photo(db, mia, PNG)
    influencers.forget(db, [mia])
    assert photos.photos(db, [mia]) == {}


def test_a_new_photo_and_a_removed_one_are_undone_and_redone_exactly(db: Database) -> None:
    mia = _person(db)
    photos.set_photo(db, mia, PNG)

    undone_and_redone(db, lambda: photos.set_photo(db, mia, JPEG))
    assert photos.photo(db, mia) == PNG
    undone_and_redone(db, lambda: photos.remove_photo(db, mia))
    assert photos.photo(db, mia) == PNG
