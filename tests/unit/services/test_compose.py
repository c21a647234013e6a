"""Outreach templates and Compose: saved and checked like agreement templates, filled for each
person, and the messages sent logged in one transaction that one undo takes back."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from bulk_people import Commits
from sqlalchemy import text

from infcrm.db.engine import Database
from infcrm.domain.validation import InvalidInput
from infcrm.services import restore_points
from infcrm.services.campaigns import campaigns
from infcrm.services.campaigns.campaign_types import CampaignInput
from infcrm.services.errors import NotFound
from infcrm.services.outreach import compose, outreach_templates
from infcrm.services.people import influencers
from infcrm.services.people.bulk_types import BulkRefused
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput
from tests.table_dump import undone_and_redone

TODAY = date(2026, 11, 30)


def _person(db: Database, name: str, **extra) -> int:
    return influencers.create(db, InfluencerInput(display_name=name, **extra))


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    return {
        "mia": _person(
            db,
            "Mia Bakes",
            real_name="Mia Schulz",
            email="mia@example.com",
            accounts=(AccountInput("instagram", "mia.bakes", followers=12_000),),
        ),
        "kofi": _person(
            db, "Kofi Runs", accounts=(AccountInput("tiktok", "kofi.runs", followers=40_000),)
        ),
        "ana": _person(db, "Ana Ruiz", email="ana@example.com", do_not_contact=True),
    }


def _rows(db: Database, sql: str) -> list[tuple]:
    with db.reader() as session:
        return [tuple(r) for r in session.execute(text(sql))]


def test_the_starter_templates_come_with_a_new_database(db: Database) -> None:
    names = {(t.name, t.kind) for t in outreach_templates.list_templates(db)}
    assert names == {("First email", "email"), ("First DM", "dm")}


def test_templates_are_added_edited_and_deleted(db: Database) -> None:
    new = outreach_templates.save_template(
        db, "Fair follow-up", "email", "Hi", "Hi {first_name}"
    ).value
    outreach_templates.save_template(
        db, "Fair thanks", "email", "Thanks {first_name}", "Lovely to meet you.", new
    )
    assert outreach_templates.get_template(db, new).subject == "Thanks {first_name}"
    outreach_templates.delete_template(db, new)
    with pytest.raises(NotFound):
        outreach_templates.get_template(db, new)


def test_a_template_with_an_unknown_placeholder_or_a_taken_name_is_not_saved(
    db: Database,
) -> None:
    with pytest.raises(InvalidInput) as refused:
        outreach_templates.save_template(db, "first DM", "email", "", "Use {code}")
    assert set(refused.value.errors) == {"name", "subject", "body"}
    assert "{code}" in refused.value.errors["body"]
    assert "exists already" in refused.value.errors["name"]
    assert len(outreach_templates.list_templates(db)) == 2


def test_every_placeholder_is_filled_for_each_person(db: Database, people) -> None:
    summer = campaigns.create_campaign(
        db, CampaignInput(name="Summer Box", brand="Crumb granola", hashtags="crumbsummer")
    )
    outreach_templates.set_signature(db, "Lena\nCrumb & Co")
    body = (
        "{first_name}|{influencer_name}|{handle}|{platform}|{product}|{campaign}|{hashtags}\n"
        "{signature}"
    )
    mia, kofi = compose.compose(
        db, [people["mia"], people["kofi"]], "email", "{product} for {first_name}", body, summer
    )
    assert mia.subject == "Crumb granola for Mia"
    assert mia.body == (
        "Mia|Mia Bakes|@mia.bakes|Instagram|Crumb granola|Summer Box|#crumbsummer\nLena\nCrumb & Co"
    )
    assert kofi.body.startswith("Kofi|Kofi Runs|@kofi.runs|TikTok|")
    assert kofi.warnings == ("Kofi Runs has no email address: the email goes out without one.",)


def test_unknown_placeholders_and_a_missing_campaign_are_refused_before_sending(
    db: Database, people
) -> None:
    with pytest.raises(InvalidInput) as refused:
        compose.compose(db, [people["mia"]], "email", "Hi {nickname}", "{code} {first_name}")
    assert "{nickname}" in refused.value.errors["subject"]
    assert "{code}" in refused.value.errors["body"]
    with pytest.raises(InvalidInput) as refused:
        compose.compose(db, [people["mia"]], "dm", None, "Try our {product}!")
    assert "{product}" in refused.value.errors["campaign"]


def test_direct_messages_are_logged_on_each_persons_network(db: Database, people) -> None:
    messages = compose.compose(db, [people["mia"], people["kofi"]], "dm", None, "Hi {first_name}")
    assert [m.channel for m in messages] == ["instagram_dm", "tiktok_dm"]
    assert [m.subject for m in messages] == [None, None]


def test_sent_messages_are_logged_in_one_transaction_with_follow_ups_and_undone_at_once(
    db: Database, people
) -> None:
    messages = compose.compose(
        db, [people["mia"], people["kofi"]], "email", "Hello {first_name}", "Dear {first_name}"
    )
    with Commits(db) as commits:
        result = compose.log_sent(
            db, messages, follow_up_days=5, follow_up_note="Reply to our email?", today=TODAY
        )
    assert commits.count == 1
    assert result.changed == (people["mia"], people["kofi"])
    logged = _rows(
        db,
        "SELECT influencer_id, channel, direction, subject, summary FROM interaction "
        "WHERE kind = 'message' ORDER BY influencer_id",
    )
    assert logged == [
        (people["mia"], "email", "outbound", "Hello Mia", "Dear Mia"),
        (people["kofi"], "email", "outbound", "Hello Kofi", "Dear Kofi"),
    ]
    due = (TODAY + timedelta(days=5)).isoformat()  # a date stored as text or as a date
    follow_ups = _rows(db, "SELECT influencer_id, due_date, note FROM follow_up ORDER BY id")
    assert [(person, str(day), note) for person, day, note in follow_ups] == [
        (people["mia"], due, "Reply to our email?"),
        (people["kofi"], due, "Reply to our email?"),
    ]
    restore_points.restore(db, result.undo)
    assert _rows(db, "SELECT count(*) FROM interaction WHERE kind = 'message'") == [(0,)]
    assert _rows(db, "SELECT count(*) FROM follow_up") == [(0,)]


def test_a_do_not_contact_person_refuses_the_log_unless_skipped(db: Database, people) -> None:
    messages = compose.compose(db, [people["mia"], people["ana"]], "email", "Hi", "Hello")
    assert messages[1].do_not_contact and messages[1].warnings
    with pytest.raises(BulkRefused):
        compose.log_sent(db, messages)
    assert _rows(db, "SELECT count(*) FROM interaction WHERE kind = 'message'") == [(0,)]
    result = compose.log_sent(db, messages, skip_problems=True)
    assert result.changed == (people["mia"],) and result.skipped == 1


def test_undoing_the_sent_messages_restores_every_row_exactly_and_redo_logs_them_again(
    db: Database, people
) -> None:
    # The messages, their follow-ups and any stage move a message makes, all taken back.
    messages = compose.compose(db, [people["mia"], people["kofi"]], "email", "Hi", "Hello")

    undone_and_redone(
        db, lambda: compose.log_sent(db, messages, follow_up_days=3, follow_up_note="Reply?")
    )
