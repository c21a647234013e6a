"""Every change that returns a restore point is taken back exactly, and redone exactly:
a person's form (accounts, figures and tags), a new person, and each follow-up change."""

from __future__ import annotations

from datetime import date

import pytest
from bulk_people import everything

from infcrm.db.engine import Database
from infcrm.services import restore_points
from infcrm.services.outreach import followups
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput

TABLES = ("social_account", "metric_snapshot")


def _all(db: Database) -> dict[str, list[tuple]]:
    """The bulk tables plus accounts and figures, as stored."""
    rows = everything(db)
    with db.reader() as session:
        for name in TABLES:
            rows[name] = [
                tuple(r)
                for r in session.connection().exec_driver_sql(f"SELECT * FROM {name} ORDER BY id")
            ]
    return rows


def _undone_and_redone(db: Database, change) -> object:
    before = _all(db)
    point = change()
    after = _all(db)
    assert after != before
    redo = restore_points.restore(db, point)
    assert _all(db) == before
    restore_points.restore(db, redo)
    assert _all(db) == after
    return point


@pytest.fixture
def ana(db: Database) -> int:
    return influencers.create(
        db,
        InfluencerInput(
            display_name="Ana Ruiz",
            tags="vip",
            accounts=(AccountInput(platform="instagram", handle="ana.bakes", followers="12k"),),
        ),
    )


def test_a_form_save_with_new_accounts_figures_and_tags_is_undone_exactly(db, ana) -> None:
    detail = influencers.get(db, ana)
    edited = InfluencerInput(
        display_name="Ana Ruiz-Soto",
        tags="vip, fair",
        owner="Sam",
        accounts=(
            AccountInput(
                id=detail.accounts[0].id, platform="instagram", handle="ana.bakes", followers="15k"
            ),
            AccountInput(platform="tiktok", handle="anabakes", followers="40k", is_primary=True),
        ),
    )
    _undone_and_redone(db, lambda: influencers.update(db, ana, edited).undo)
    assert influencers.get(db, ana).display_name == "Ana Ruiz-Soto"


def test_adding_a_person_is_undone_and_redone_with_the_same_id(db) -> None:
    new_id, point = None, None

    def add():
        nonlocal new_id, point
        added = influencers.create_undoable(
            db,
            InfluencerInput(
                display_name="Ben",
                tags="fair",
                accounts=(AccountInput(platform="youtube", handle="benbakes", followers="2k"),),
            ),
        )
        new_id, point = added.value, added.undo
        return point

    _undone_and_redone(db, add)
    assert influencers.get(db, new_id).display_name == "Ben"


@pytest.mark.parametrize(
    "change",
    [
        lambda db, f: followups.mark_done(db, f),
        lambda db, f: followups.snooze(db, f, date(2031, 2, 3)),
        lambda db, f: followups.update_follow_up(db, f, date(2031, 3, 4), "New note"),
        lambda db, f: followups.delete_follow_up(db, f),
    ],
    ids=["done", "snooze", "edit", "delete"],
)
def test_each_follow_up_change_is_undone_exactly(db, ana, change) -> None:
    follow_up = followups.add_follow_up(db, ana, date(2031, 1, 2), "Chase")
    _undone_and_redone(db, lambda: change(db, follow_up))


def test_reopening_is_undone_exactly(db, ana) -> None:
    follow_up = followups.add_follow_up(db, ana, date(2031, 1, 2), "Chase")
    followups.mark_done(db, follow_up)
    _undone_and_redone(db, lambda: followups.reopen(db, follow_up))


def test_logging_an_outbound_email_with_a_follow_up_is_undone_exactly(db, ana) -> None:
    from infcrm.services.outreach import interactions
    from infcrm.services.outreach.outreach_types import InteractionInput

    data = InteractionInput(
        influencer_id=ana,
        channel="email",
        direction="outbound",
        subject="Hello",
        follow_up_due=date(2031, 1, 9),
    )
    logged = _undone_and_redone(db, lambda: interactions.log_interaction_undoable(db, data).undo)
    assert logged.row_count == 1  # only the stage before: the rest did not exist
    assert influencers.get(db, ana).stage_name == "Contacted"  # the move is redone too
