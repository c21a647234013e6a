"""Bulk edits of 10,000 people: one transaction each, undo restores every row exactly, redo
does it again, and rule breaks change nobody unless the user skips those people."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from bulk_people import PEOPLE, Commits, build, copy_of, everything

from infcrm.db.engine import Database
from infcrm.services import restore_points
from infcrm.services.campaigns import campaigns
from infcrm.services.campaigns.campaign_types import CampaignInput
from infcrm.services.outreach import bulk_outreach, history, pipeline
from infcrm.services.outreach.outreach_types import InteractionInput
from infcrm.services.people import bulk, influencer_list, influencers, trash
from infcrm.services.people.bulk_types import BulkRefused
from infcrm.services.people.influencer_types import ListQuery
from tests.table_dump import compared

ALL = list(range(1, PEOPLE + 1))
FIVES = len([n for n in ALL if n % 5 and n % 6 == 5])  # rated 5 ★ already


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bulk") / "people.sqlite"
    build(path)
    return path


@pytest.fixture
def many(template: Path, tmp_path: Path):
    database = copy_of(template, tmp_path / "many.sqlite")
    yield database
    database.close()


def _stage(db: Database, name: str) -> int:
    return next(s.id for s in influencers.stages(db, include_archived=True) if s.name == name)


def _campaign(db: Database, name: str = "Summer") -> int:
    return campaigns.create_campaign(db, CampaignInput(name=name))


def _undo_redo(db: Database, action) -> object:
    """Run `action` in one transaction, undo it (every row back exactly), redo it (every row as
    the action left it), and return its result."""
    before = everything(db)
    with Commits(db) as commits:
        result = action()
    assert commits.count == 1
    after = everything(db)
    assert after != before
    redo = restore_points.restore(db, result.undo)
    assert everything(db) == before
    restore_points.restore(db, redo)
    assert everything(db) == after
    return result


def _searched(db: Database, text: str) -> int:
    return len(influencer_list.list_ids(db, ListQuery(search=text)))


def test_bulk_stage_change_moves_everyone_records_each_move_and_undoes_exactly(many) -> None:
    contacted = _stage(many, "Contacted")
    many.sign_as("Ana")
    result = _undo_redo(many, lambda: bulk.set_stage(many, ALL, contacted))
    already = len([n for n in ALL if n % 3 == 1])  # they were in Contacted
    assert (
        result.summary
        == f"Moved {PEOPLE - already:,} to Contacted; {already:,} were already there."
    )
    assert result.title == f"move of {PEOPLE - already:,} people to Contacted"
    # One record for the whole move; each person's history still says where they came from.
    assert [e.title for e in history.timeline(many, 3)] == [
        f"Ana moved Person 00003 from Prospect to Contacted (bulk, with {PEOPLE - already - 1:,} "
        "others)"
    ]
    assert history.timeline(many, 1) == []  # already in Contacted


def test_bulk_stage_to_an_archived_stage_is_refused_and_changes_nobody(many) -> None:
    closed = pipeline.add_stage(many, "Old", closed=True)
    pipeline.archive_stage(many, closed)
    before = everything(many)
    with pytest.raises(BulkRefused) as refused:
        bulk.set_stage(many, ALL[:31], closed)
    assert "no longer exists" in str(refused.value)
    assert refused.value.affected == 31 and not refused.value.can_skip
    assert "Person 00001" in str(refused.value) and "and 26 more" in str(refused.value)
    assert everything(many) == before


@pytest.mark.parametrize(
    ("action", "summary"),
    [
        (lambda db: bulk.set_owner(db, ALL, "Sam"), "Set the owner of 10,000 people to “Sam”."),
        (
            lambda db: bulk.set_owner(db, ALL, "Ana"),
            "Set the owner of 7,500 people to “Ana”; 2,500 already had it.",
        ),
        (
            lambda db: bulk.set_rating(db, ALL, 5),
            f"Rated {PEOPLE - FIVES:,} people 5 ★; {FIVES:,} already had it.",
        ),
        (
            lambda db: bulk.set_do_not_contact(db, ALL, True),
            "Marked 9,900 people “Do not contact”; 100 were already.",
        ),
        (
            lambda db: bulk.change_niches(db, ALL, "Baking"),
            "Added “Baking” to the niches of 10,000 people.",
        ),
        (
            lambda db: bulk.change_niches(db, ALL, "travel", remove=True),
            "Took “travel” out of the niches of 5,000 people; 5,000 unchanged.",
        ),
    ],
    ids=["owner", "owner-some-had-it", "rating", "do-not-contact", "niche", "niche-removed"],
)
def test_each_field_edit_is_one_transaction_and_undoes_exactly(many, action, summary) -> None:
    result = _undo_redo(many, lambda: action(many))
    assert result.summary == summary


def test_bulk_tag_reaches_the_search_and_undo_takes_it_back_out(many) -> None:
    assert _searched(many, "fair") == 0
    result = _undo_redo(many, lambda: bulk.change_tags(many, ALL, "fair 2026, vip"))
    assert result.summary == "Tagged 10,000 people “fair 2026”, “vip”."
    assert _searched(many, "fair 2026") == PEOPLE
    restore_points.restore(many, result.undo)
    assert _searched(many, "fair") == 0
    assert _searched(many, "vip") == PEOPLE // 10


def test_a_search_may_need_a_word_of_the_name_and_one_of_a_tag(many) -> None:
    """Tags are searched apart from the rest of the record, yet still together with it."""
    assert _searched(many, "vip person 0001") == 1  # Person 00010 only: 00011… carry no tag
    assert _searched(many, "pers-vip") == PEOPLE // 10  # both words of one term
    bulk.change_tags(many, [11], "Fête d'été")
    assert influencer_list.list_ids(many, ListQuery(search="fete 0001")) == [11]
    assert _searched(many, "fete vip") == 0


def test_removing_a_tag_says_who_had_none(many) -> None:
    result = _undo_redo(many, lambda: bulk.change_tags(many, ALL, "VIP", remove=True))
    assert result.summary == "Took “VIP” off 1,000 people; 9,000 had none of them."
    assert _searched(many, "vip") == 0


def test_a_tag_over_the_length_limit_changes_nobody(many) -> None:
    before = everything(many)
    with pytest.raises(BulkRefused) as refused:
        bulk.change_tags(many, ALL[:5], "x" * 61)
    assert "too long" in str(refused.value) and refused.value.affected == 5
    assert everything(many) == before


def test_campaign_refuses_do_not_contact_people_unless_skipped(many) -> None:
    summer = _campaign(many)
    before = everything(many)
    with pytest.raises(BulkRefused) as refused:
        bulk_outreach.add_to_campaign(many, ALL, summer)
    [problem] = refused.value.problems
    assert problem.reason == "Marked “Do not contact”" and len(problem.ids) == 100
    assert refused.value.can_skip
    assert everything(many) == before
    result = _undo_redo(
        many, lambda: bulk_outreach.add_to_campaign(many, ALL, summer, skip_problems=True)
    )
    assert result.summary == ("Added 9,900 to “Summer”. Skipped 100 who could not be changed.")
    assert campaigns.get_campaign(many, summer).name == "Summer"


def test_bulk_interaction_with_follow_up_moves_prospects_and_undoes_exactly(many) -> None:
    data = InteractionInput(
        influencer_id=0,
        channel="email",
        direction="outbound",
        subject="Spring mail-out",
        follow_up_due=date(2031, 5, 1),
        follow_up_note="Chase",
    )
    result = _undo_redo(
        many,
        lambda: bulk_outreach.log_interaction(many, ALL, data, skip_problems=True),
    )
    prospects = len([n for n in ALL if n % 3 == 1 and n % 100])
    assert result.summary == (
        f"Logged the email with 9,900 people, with a follow-up on 1 May 2031. "
        f"{prospects:,} moved to the next stage. Skipped 100 who could not be changed."
    )


def test_bulk_follow_up_undoes_exactly(many) -> None:
    result = _undo_redo(many, lambda: bulk_outreach.add_follow_up(many, ALL, date(2031, 1, 2)))
    assert result.summary == "Set a follow-up on 2 Jan 2031 with 10,000 people."


class _CancelAt:
    def __init__(self, step: int) -> None:
        self.step = step

    def report(self, done: int, total: int, text: str = "") -> None:
        if done >= self.step:
            raise KeyboardInterrupt  # any exception: the transaction rolls back


def test_cancelling_half_way_leaves_everyone_as_they_were(many) -> None:
    before = everything(many)
    with pytest.raises(KeyboardInterrupt):
        bulk.set_stage(many, ALL, _stage(many, "Agreed"), progress=_CancelAt(2))
    assert everything(many) == before


def test_people_in_the_trash_or_gone_are_left_out(many) -> None:
    influencers.trash(many, [1, 2])
    result = bulk.set_owner(many, [1, 2, 3, 99_999], "Sam")
    assert result.changed == (3,)


def _rows(db: Database, table: str, column: str, leaving: int) -> list[tuple]:
    """Every row of `table` as stored, but those whose `column` is `leaving`."""
    with db.reader() as session:
        sql = f'SELECT {compared(table)} FROM "{table}" WHERE "{column}" IS NOT ? ORDER BY 1'
        return list(session.connection().exec_driver_sql(sql, (leaving,)))


def test_a_move_is_one_record_kept_as_its_statement_and_redone_with_the_same_id(
    many,
) -> None:
    """The move is one record, not 6,667 timeline entries: undo keeps that record and the
    stage and update time everyone got as a statement; redo writes them again (same id,
    same times)."""
    contacted = _stage(many, "Contacted")
    before = everything(many)
    result = bulk.set_stage(many, ALL, contacted)
    after = everything(many)
    redo = restore_points.restore(many, result.undo)
    assert everything(many) == before
    assert redo.row_count == 1, "only the move's one record"
    again = restore_points.restore(many, redo)
    assert everything(many) == after
    # Undoing the redo keeps each mover's stage and time before: the entries did not exist.
    assert again.row_count == len(result.changed)
    restore_points.restore(many, again)
    assert everything(many) == before


def test_a_move_whose_record_was_deleted_since_undoes_and_redoes_exactly(many) -> None:
    contacted = _stage(many, "Contacted")
    before = everything(many)
    result = bulk.set_stage(many, ALL, contacted)
    with many.transaction() as session:  # as another program might
        session.connection().exec_driver_sql("DELETE FROM bulk_move")
    changed_since = everything(many)
    redo = restore_points.restore(many, result.undo)
    assert everything(many) == before
    restore_points.restore(many, redo)
    assert everything(many) == changed_since  # the deleted record does not come back


def test_a_redone_move_leaves_out_people_forgotten_since(many) -> None:
    contacted = _stage(many, "Contacted")
    result = bulk.set_stage(many, ALL, contacted)
    others = (_rows(many, "influencer", "id", 3), _rows(many, "interaction", "influencer_id", 3))
    redo = restore_points.restore(many, result.undo)
    trash.forget(many, [3])
    restore_points.restore(many, redo)
    # Everyone else exactly as the move left them, their timeline entries with the same ids.
    assert _rows(many, "influencer", "id", 3) == others[0]
    assert _rows(many, "interaction", "influencer_id", 3) == others[1]
    assert _rows(many, "interaction", "id", None) == others[1]  # none of theirs came back


def test_an_edit_undone_after_someone_changed_since_undoes_and_redoes_exactly(many) -> None:
    before = everything(many)
    result = bulk.set_owner(many, ALL, "Sam")
    with many.transaction() as session:  # as another program might
        session.connection().exec_driver_sql("UPDATE influencer SET owner = 'Kim' WHERE id = 7")
    changed_since = everything(many)
    redo = restore_points.restore(many, result.undo)
    assert everything(many) == before
    restore_points.restore(many, redo)
    assert everything(many) == changed_since  # Kim stays Kim


def test_tagging_people_who_carry_a_tag_spelled_otherwise_undoes_and_redoes_exactly(
    many,
) -> None:
    """Every tenth person carries “vip”: tagging everyone “VIP” leaves theirs as spelled, and
    redo must bring back both spellings as they were, not “VIP” for all."""
    result = _undo_redo(many, lambda: bulk.change_tags(many, ALL, "fair 2026, VIP"))
    assert result.summary == "Tagged 10,000 people “fair 2026”, “VIP”."
    redo = restore_points.restore(many, result.undo)
    restore_points.restore(many, redo)
    assert _searched(many, "vip") == PEOPLE


@pytest.mark.parametrize(
    "edit",
    [
        "UPDATE bulk_move SET created_by = 'Kim'",
        "UPDATE bulk_move SET occurred_at = '2020-01-02 03:04:05.000000'",
    ],
    ids=["signed", "dated"],
)
def test_a_move_whose_record_changed_since_undoes_and_redoes_exactly(many, edit: str) -> None:
    """The record is there, but not as the move wrote it: undo reads it and redo puts it
    back as it was edited."""
    contacted = _stage(many, "Contacted")
    before = everything(many)
    result = bulk.set_stage(many, ALL, contacted)
    with many.transaction() as session:  # as another program might
        session.connection().exec_driver_sql(edit)
    changed_since = everything(many)
    redo = restore_points.restore(many, result.undo)
    assert everything(many) == before
    restore_points.restore(many, redo)
    assert everything(many) == changed_since
