"""Logging interactions on a real, migrated SQLite file: timeline, automatic stage move, emails."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from email.message import EmailMessage

import pytest
from sqlalchemy import func, select

from infcrm.db.engine import Database
from infcrm.db.outreach_models import FollowUp, Interaction
from infcrm.domain.enums import Channel, Direction
from infcrm.domain.validation import InvalidInput
from infcrm.files import email_log
from infcrm.files.eml_reader import EmailRejected, parse_email
from infcrm.services.maintenance import settings
from infcrm.services.outreach import follow_up_lists, followups, history, interactions, pipeline
from infcrm.services.outreach.outreach_types import (
    AUTO_ADVANCE_SETTING,
    ENTRY_FOLLOW_UP_DONE,
    ENTRY_FOLLOW_UP_SET,
    ENTRY_MESSAGE,
    ENTRY_STAGE_CHANGE,
    InteractionInput,
)
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import InfluencerInput


def _person(db: Database, name: str = "Mia Bakes", **fields: object) -> int:
    return influencers.create(db, InfluencerInput(display_name=name, **fields))


def _stage(db: Database, name: str) -> int:
    return next(s.id for s in influencers.stages(db) if s.name == name)


def _count(db: Database, model: type) -> int:
    with db.reader() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_logged_interaction_comes_back_in_the_timeline_with_its_full_text(db: Database) -> None:
    person = _person(db)
    when = datetime(2026, 3, 5, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    new_id = interactions.log_interaction(
        db,
        InteractionInput(
            influencer_id=person,
            channel="Instagram DM",
            direction=Direction.INBOUND,
            occurred_at=when,
            subject="Loved the cookies",
            summary="She posted a story.\r\nAsked about the vegan range.",
            outcome="Happy",
        ),
    )
    [entry] = history.timeline(db, person)
    assert entry.kind == ENTRY_MESSAGE
    assert entry.interaction_id == new_id
    assert entry.when == datetime(2026, 3, 5, 7, 30, tzinfo=UTC)  # stored and shown as UTC
    assert entry.title == "Instagram DM from them: Loved the cookies"
    assert entry.text == "She posted a story. Asked about the vegan range."
    assert "Outcome: Happy" in entry.full_text
    detail = history.interaction_detail(db, new_id)
    assert detail.summary == "She posted a story.\nAsked about the vegan range."
    assert detail.channel == Channel.INSTAGRAM_DM and detail.influencer_name == "Mia Bakes"


def test_bad_input_names_each_field_and_saves_nothing(db: Database) -> None:
    person = _person(db)
    with pytest.raises(InvalidInput) as caught:
        interactions.log_interaction(
            db,
            InteractionInput(
                influencer_id=person,
                channel="carrier pigeon",
                direction="",
                occurred_at=datetime.now(UTC) + timedelta(days=30),
                subject="two\nlines",
                follow_up_note="Call back",
            ),
        )
    errors = caught.value.errors
    assert set(errors) == {"channel", "direction", "occurred_at", "subject", "follow_up_due"}
    assert "carrier pigeon" in errors["channel"] and "Email" in errors["channel"]
    assert "future" in errors["occurred_at"]
    assert _count(db, Interaction) == 0 and _count(db, FollowUp) == 0
    assert influencers.get(db, person).stage_name == "Prospect"


def test_outbound_to_a_prospect_moves_them_to_contacted_and_records_it(db: Database) -> None:
    db.sign_as("Ana")
    person = _person(db)
    interactions.log_interaction(
        db, InteractionInput(influencer_id=person, channel="email", direction="outbound")
    )
    assert influencers.get(db, person).stage_name == "Contacted"
    db.sign_as("Ben")  # a teammate reads it: names tell who did what
    newest, older = history.timeline(db, person)
    assert (
        newest.kind == ENTRY_STAGE_CHANGE
        and newest.title == "Ana moved Mia Bakes from Prospect to Contacted"
    )
    assert older.kind == ENTRY_MESSAGE and older.title == "Email to them"


def test_inbound_or_later_stages_or_the_setting_off_do_not_move_anyone(db: Database) -> None:
    inbound = _person(db, "Inbound Ines")
    talking = _person(db, "Talking Theo", stage_id=_stage(db, "In talks"))
    interactions.log_interaction(
        db, InteractionInput(influencer_id=inbound, channel="phone", direction="inbound")
    )
    interactions.log_interaction(
        db, InteractionInput(influencer_id=talking, channel="phone", direction="outbound")
    )
    assert influencers.get(db, inbound).stage_name == "Prospect"
    assert influencers.get(db, talking).stage_name == "In talks"

    interactions.set_auto_advance(db, False)
    assert settings.get(db, AUTO_ADVANCE_SETTING) is False
    interactions.log_interaction(
        db, InteractionInput(influencer_id=inbound, channel="email", direction="outbound")
    )
    assert influencers.get(db, inbound).stage_name == "Prospect"
    assert all(e.kind == ENTRY_MESSAGE for e in history.timeline(db, inbound))


def test_a_follow_up_set_with_the_interaction_is_saved_with_it(db: Database) -> None:
    person = _person(db)
    new_id = interactions.log_interaction(
        db,
        InteractionInput(
            influencer_id=person,
            channel="email",
            direction="outbound",
            follow_up_due=date(2026, 12, 1),
            follow_up_note="Did the parcel arrive?",
        ),
    )
    [row] = follow_up_lists.follow_ups_of(db, person)
    assert row.due_date == date(2026, 12, 1) and row.note == "Did the parcel arrive?"
    with db.reader() as session:
        assert session.execute(select(FollowUp.interaction_id)).scalar_one() == new_id
    followups.mark_done(db, row.id)
    kinds = [e.kind for e in history.timeline(db, person)]
    assert kinds[0] == ENTRY_FOLLOW_UP_DONE
    assert ENTRY_FOLLOW_UP_SET in kinds and ENTRY_STAGE_CHANGE in kinds
    set_entry = next(e for e in history.timeline(db, person) if e.kind == ENTRY_FOLLOW_UP_SET)
    assert set_entry.title == "Follow-up set for Tue 1 Dec 2026"


def test_a_bad_follow_up_date_refuses_the_whole_interaction(db: Database) -> None:
    person = _person(db)
    with pytest.raises(InvalidInput) as caught:
        interactions.log_interaction(
            db,
            InteractionInput(
                influencer_id=person,
                channel="email",
                direction="outbound",
                follow_up_due="next week",  # type: ignore[arg-type]
            ),
        )
    assert "follow_up_due" in caught.value.errors
    assert _count(db, Interaction) == 0
    assert influencers.get(db, person).stage_name == "Prospect"


def test_timeline_is_newest_first(db: Database) -> None:
    db.sign_as(None)  # rows without an author read as they always did
    person = _person(db, stage_id=_stage(db, "In talks"))
    for day, subject in ((3, "third"), (1, "first"), (2, "second")):
        interactions.log_interaction(
            db,
            InteractionInput(
                influencer_id=person,
                channel="email",
                direction="inbound",
                occurred_at=datetime(2026, 5, day, 12, tzinfo=UTC),
                subject=subject,
            ),
        )
    pipeline.move_to_stage(db, person, _stage(db, "Agreed"), note="Signed the terms")
    entries = history.timeline(db, person)
    assert [e.title for e in entries] == [
        "Moved from In talks to Agreed",
        "Email from them: third",
        "Email from them: second",
        "Email from them: first",
    ]
    assert entries[0].full_text == "Signed the terms"


def _email(sender: str, to: str, subject: str = "Our collab") -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = "Tue, 03 Nov 2026 10:15:00 +0100"
    message.set_content("Hi!\nThe parcel arrived, thank you.\n")
    return bytes(message)


def test_a_dropped_email_is_logged_and_kept_byte_for_byte(db: Database) -> None:
    person = _person(db, email="mia@example.com", stage_id=_stage(db, "Contacted"))
    raw = _email("Mia <MIA@example.com>", "shop@ourbrand.example")
    new_id = email_log.log_email(db, person, raw)
    detail = history.interaction_detail(db, new_id)
    assert detail.direction == Direction.INBOUND  # she wrote to us
    assert detail.channel == Channel.EMAIL and detail.subject == "Our collab"
    assert detail.occurred_at == datetime(2026, 11, 3, 9, 15, tzinfo=UTC)
    assert "The parcel arrived" in (detail.summary or "")
    assert detail.has_email and history.source_email(db, new_id) == raw


def test_an_email_we_sent_to_a_prospect_counts_as_outreach(db: Database) -> None:
    person = _person(db, email="kofi@example.com")
    email_log.log_email(db, person, _email("shop@ourbrand.example", "kofi@example.com"))
    assert influencers.get(db, person).stage_name == "Contacted"


def test_a_malformed_email_logs_nothing(db: Database) -> None:
    person = _person(db)
    with pytest.raises(EmailRejected, match="no sender"):
        email_log.log_email(db, person, b"just some text\nwith no headers at all\n")
    assert _count(db, Interaction) == 0


def test_match_finds_people_by_any_of_their_addresses_sender_first(db: Database) -> None:
    sender = _person(db, "Mia", email="mia@example.com")
    recipient = _person(db, "Anna", other_emails="work@anna.example, ANNA@Example.org")
    _person(db, "Joanna", email="joanna@example.org")  # contains "anna@example.org", not it
    trashed = _person(db, "Gone", email="gone@example.com")
    influencers.trash(db, [trashed])
    parsed = parse_email(
        _email("Mia <mia@EXAMPLE.com>", "anna@example.org, gone@example.com, x@y.example")
    )
    assert email_log.match_influencers(db, parsed) == [sender, recipient]


def test_forgetting_a_person_erases_their_history_and_follow_ups(db: Database) -> None:
    person = _person(db)
    kept = _person(db, "Kept")
    for who in (person, kept):
        interactions.log_interaction(
            db,
            InteractionInput(
                influencer_id=who,
                channel="email",
                direction="outbound",
                follow_up_due=date(2026, 12, 1),
            ),
        )
    email_log.log_email(db, person, _email("a@b.example", "c@d.example"))
    influencers.forget(db, [person])
    with db.reader() as session:
        left = set(session.execute(select(Interaction.influencer_id)).scalars())
        left |= set(session.execute(select(FollowUp.influencer_id)).scalars())
    assert left == {kept}
    with pytest.raises(influencers.NotFound):
        history.timeline(db, person)


def test_the_history_writes_dates_as_every_other_screen_does(db: Database) -> None:
    from datetime import time

    person = _person(db)
    done = followups.add_follow_up(db, person, date(2026, 3, 3), "Chase the draft")
    followups.add_follow_up(db, person, date(2026, 3, 4), due_time=time(9, 30))
    followups.mark_done(db, done)
    titles = sorted(e.title for e in history.timeline(db, person))
    assert titles == [
        "Follow-up done (was due Tue 3 Mar 2026)",
        "Follow-up set for Tue 3 Mar 2026",
        "Follow-up set for Wed 4 Mar 2026, 09:30",
    ]
