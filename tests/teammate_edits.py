"""What the tests of undo and redo over a teammate's changes share: a run of people to edit
in bulk, a stage by its name, one person's edit as a form saves it, and where people stand."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from infcrm.db.engine import Database
from infcrm.db.models import Stage
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput


def stage_named(db: Database, name: str) -> int:
    with db.reader() as session:
        return session.execute(select(Stage.id).where(Stage.name == name)).scalar_one()


def bulk_people(db: Database, count: int) -> list[int]:
    """`count` people named “Bulk 0”, “Bulk 1”… living in Rome."""
    return [
        influencers.create(db, InfluencerInput(display_name=f"Bulk {n}", city="Rome"))
        for n in range(count)
    ]


def edit(db: Database, person: int, **fields: object) -> None:
    """Save `fields` on `person` as the form would, over the values it read just before."""
    seen = influencers.get(db, person)
    influencers.update(db, person, replace(seen.to_input(), **fields))


def stages_of(db: Database, people: list[int]) -> list[int | None]:
    return [influencers.get(db, person).stage_id for person in people]
