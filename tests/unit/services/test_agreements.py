"""A deal's agreement email on a real, migrated SQLite file: compose, send, confirm, amend."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime

import pytest
from sqlalchemy import exc, func, select, text, update

from infcrm.db.campaign_models import Agreement, AgreementTemplate, Campaign, Deal, Deliverable
from infcrm.db.campaign_models import Incentive as IncentiveRow
from infcrm.db.engine import Database
from infcrm.domain.validation import InvalidInput
from infcrm.files.agreement_eml import confirm_with_eml
from infcrm.files.email_log import email_fields
from infcrm.files.eml_reader import EmailRejected, parse_email
from infcrm.services.campaigns import agreement_confirming, agreement_templates, agreements
from infcrm.services.campaigns.agreement_types import AgreementStateError
from infcrm.services.outreach.outreach_types import EmailFields
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import AccountInput, InfluencerInput

SENT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _deal(db: Database, name: str = "Anna Bakes", email: str = "anna@example.com") -> int:
    """An influencer in a campaign with a product, a fee and two deliverables; the deal id."""
    person = influencers.create(
        db,
        InfluencerInput(
            display_name=name,
            real_name=f"{name.split()[0]} Müller",
            email=email,
            accounts=(AccountInput("instagram", name.lower().replace(" ", "."), is_primary=True),),
        ),
    )
    with db.transaction() as session:
        campaign = session.execute(select(Campaign).where(Campaign.name == "Spring Bake-Off"))
        campaign = campaign.scalar_one_or_none()
        if campaign is None:
            campaign = Campaign(
                name="Spring Bake-Off",
                brand="Crumb & Co",
                starts_on=date(2026, 3, 1),
                ends_on=date(2026, 4, 30),
                hashtags="crumbspring",
                mentions="crumbandco",
            )
            session.add(campaign)
            session.flush()
        deal = Deal(
            campaign_id=campaign.id,
            influencer_id=person,
            disclosure="ad_hashtag",
            usage_rights="we may repost your reel on our account for 6 months",
        )
        session.add(deal)
        session.flush()
        session.add_all(
            [
                IncentiveRow(
                    deal_id=deal.id, position=0, kind="product", description="Linen apron",
                    quantity=1, value_minor=4500, currency="EUR",
                ),
                IncentiveRow(
                    deal_id=deal.id, position=1, kind="fee", value_minor=15000, currency="EUR"
                ),
                Deliverable(
                    deal_id=deal.id, position=0, platform="instagram", format="reel", count=2,
                    due_date=date(2026, 3, 14),
                ),
            ]
        )  # fmt: skip
        return deal.id


@pytest.fixture
def deal_id(db: Database) -> int:
    agreements.set_sender_name(db, "Lena")
    return _deal(db)


def _reply_eml(body: str, charset: str = "iso-8859-1") -> bytes:
    message = EmailMessage()
    message["From"] = "Anna Müller <Anna@Example.com>"
    message["To"] = "lena@crumb.example"
    message["Subject"] = "Re: Crumb & Co x Anna Bakes: what we agreed"
    message["Date"] = format_datetime(
        datetime(2026, 3, 3, 10, 15, tzinfo=timezone(timedelta(hours=1)))
    )
    message.set_content(body, charset=charset)
    return message.as_bytes()


def _raw_row(db: Database, agreement_id: int) -> tuple:
    with db.reader() as session:
        return tuple(
            session.execute(
                text("SELECT subject, body, sent_at, text_sha256 FROM agreement WHERE id = :i"),
                {"i": agreement_id},
            ).one()
        )


def test_compose_writes_a_friendly_email_with_the_deal_terms(db: Database, deal_id: int) -> None:
    draft = agreements.compose(db, deal_id)
    assert (draft.version, draft.status, draft.sent_at) == (1, "draft", None)
    assert draft.subject == "Crumb & Co x Anna Bakes: what we agreed"
    assert draft.body.startswith("Hi Anna,\n\nThank you so much for saying yes to Spring Bake-Off")
    assert "- Linen apron (worth €45.00)\n- a fee of €150.00" in draft.body
    assert "- 2 Instagram reels by 14 March 2026" in draft.body
    assert "- Please tag @crumbandco.\n- Please use #crumbspring" in draft.body
    assert "please add #ad at the start of the caption" in draft.body
    assert draft.body.endswith("Lena")
    # Writing again from the template rewrites the draft instead of piling up versions.
    again = agreements.compose(db, deal_id)
    assert again.id == draft.id and len(agreements.versions(db, deal_id)) == 1


def test_life_cycle_draft_sent_confirmed_freezes_the_text(db: Database, deal_id: int) -> None:
    draft = agreements.compose(db, deal_id)
    edited = agreements.update_draft(
        db, draft.id, draft.subject, draft.body + "\n\nP.S. Ship to the studio, please."
    )
    assert edited.body.endswith("P.S. Ship to the studio, please.")

    sent = agreements.mark_sent(db, draft.id, when=SENT)
    assert sent.status == "sent" and sent.sent_at == SENT
    expected = hashlib.sha256(f"{edited.subject}\n\n{edited.body}".encode()).hexdigest()
    assert sent.text_sha256 == expected == agreements.text_hash(sent.subject, sent.body)
    assert sent.sent_line().endswith(f"SHA-256 {expected}")

    with pytest.raises(AgreementStateError, match="can no longer change"):
        agreements.update_draft(db, sent.id, "New subject", "New text")
    with pytest.raises(AgreementStateError, match="already marked as sent"):
        agreements.mark_sent(db, sent.id)
    assert agreements.version(db, sent.id).body == edited.body

    pasted = (
        "From: Anna Müller <anna@example.com>\n"
        "Date: Tue, 03 Mar 2026 13:15:00 +0100\n"
        "Subject: Re: Crumb & Co x Anna Bakes: what we agreed\n\n"
        "Yes, sounds good! Can't wait.\n"
    )
    confirmed = agreement_confirming.confirm_with_text(db, sent.id, pasted)
    assert confirmed.status == "confirmed" and confirmed.confirmed_at is not None
    assert confirmed.reply_sender == "anna@example.com"
    assert confirmed.reply_date == datetime(2026, 3, 3, 12, 15, tzinfo=UTC)
    assert confirmed.reply_subject == "Re: Crumb & Co x Anna Bakes: what we agreed"
    assert "Yes, sounds good!" in (confirmed.reply_body or "")
    assert not confirmed.has_reply_eml
    assert confirmed.status_sentence() == "Confirmed by anna@example.com on 3 March 2026"
    assert (confirmed.subject, confirmed.body, confirmed.text_sha256) == (
        sent.subject,
        sent.body,
        sent.text_sha256,
    )
    with pytest.raises(AgreementStateError, match="already confirmed"):
        agreement_confirming.confirm_with_text(db, sent.id, "Yes again")


def test_a_draft_cannot_be_confirmed(db: Database, deal_id: int) -> None:
    draft = agreements.compose(db, deal_id)
    with pytest.raises(AgreementStateError, match="has not been sent yet"):
        agreement_confirming.confirm_with_text(db, draft.id, "Yes!", sender="anna@example.com")
    assert agreements.version(db, draft.id).status == "draft"


def test_pasted_reply_needs_text_and_a_real_sender_address(db: Database, deal_id: int) -> None:
    sent = agreements.mark_sent(db, agreements.compose(db, deal_id).id)
    with pytest.raises(InvalidInput) as caught:
        agreement_confirming.confirm_with_text(db, sent.id, "   ", sender="anna at example")
    assert set(caught.value.errors) == {"reply", "sender"}
    assert agreements.version(db, sent.id).status == "sent"
    ok = agreement_confirming.confirm_with_text(db, sent.id, "Deal!", sender="Anna@Example.com")
    assert ok.reply_sender == "anna@example.com" and ok.reply_date is None


def test_confirm_with_a_reply_eml_in_latin_1_keeps_the_file(db: Database, deal_id: int) -> None:
    sent = agreements.mark_sent(db, agreements.compose(db, deal_id).id, when=SENT)
    raw = _reply_eml("Ja, das passt für mich. Grüße, Anna")
    assert b'charset="iso-8859-1"' in raw
    confirmed = confirm_with_eml(db, sent.id, raw)
    assert confirmed.status == "confirmed" and confirmed.has_reply_eml
    assert confirmed.reply_sender == "anna@example.com"
    assert confirmed.reply_date == datetime(2026, 3, 3, 9, 15, tzinfo=UTC)
    assert confirmed.reply_body == "Ja, das passt für mich. Grüße, Anna"
    assert agreements.reply_eml(db, sent.id) == raw  # the evidence, byte for byte


def test_a_file_that_is_not_an_email_changes_nothing(db: Database, deal_id: int) -> None:
    sent = agreements.mark_sent(db, agreements.compose(db, deal_id).id)
    with pytest.raises(EmailRejected, match="not look like an email"):
        confirm_with_eml(db, sent.id, b"Just some notes\nabout the deal\n")
    with pytest.raises(EmailRejected, match="binary data"):
        confirm_with_eml(db, sent.id, b"%PDF-1.7\x00\x01\x02")
    after = agreements.version(db, sent.id)
    assert after.status == "sent" and after.reply_body is None and not after.has_reply_eml


def test_editing_the_deal_after_confirmation_makes_a_new_version_and_keeps_the_old_one(
    db: Database, deal_id: int
) -> None:
    v1 = agreements.mark_sent(db, agreements.compose(db, deal_id).id, when=SENT)
    raw = _reply_eml("Yes!")
    agreement_confirming.confirm_with_email(db, v1.id, _fields_from(raw), raw)
    frozen = _raw_row(db, v1.id)

    with db.transaction() as session:  # what the deal service does when terms are saved
        session.execute(
            update(IncentiveRow)
            .where(IncentiveRow.deal_id == deal_id, IncentiveRow.kind == "fee")
            .values(value_minor=20000)
        )
        new_id = agreements.on_terms_changed(session, deal_id)

    assert new_id is not None
    v2, old = agreements.versions(db, deal_id)
    assert (v2.id, v2.version, v2.status) == (new_id, 2, "draft")
    assert "a fee of €200.00" in v2.body and "a fee of €150.00" not in v2.body
    assert old.status == "superseded" and old.reply_sender == "anna@example.com"
    assert _raw_row(db, v1.id) == frozen  # subject, body, sent time and hash untouched
    assert agreements.text_hash(old.subject, old.body) == old.text_sha256 == v1.text_sha256
    with db.reader() as session:
        assert agreements.latest_status(session, [deal_id]) == {deal_id: "draft"}

    # The new version goes through the same steps and needs confirming again.
    v2_sent = agreements.mark_sent(db, v2.id)
    assert v2_sent.text_sha256 != v1.text_sha256
    assert (
        agreement_confirming.confirm_with_text(db, v2.id, "Yes", sender="anna@example.com").version
        == 2
    )


def _fields_from(raw: bytes) -> EmailFields:
    return email_fields(parse_email(raw))


def test_terms_change_leaves_a_draft_alone_and_adds_nothing_without_an_agreement(
    db: Database, deal_id: int
) -> None:
    with db.transaction() as session:
        assert agreements.on_terms_changed(session, deal_id) is None
    assert agreements.versions(db, deal_id) == []
    draft = agreements.update_draft(
        db, agreements.compose(db, deal_id).id, "My own subject", "My own words."
    )
    with db.transaction() as session:
        assert agreements.on_terms_changed(session, deal_id) is None
    assert agreements.versions(db, deal_id) == [draft]


def test_the_database_itself_refuses_to_change_a_sent_text(db: Database, deal_id: int) -> None:
    sent = agreements.mark_sent(db, agreements.compose(db, deal_id).id)
    with pytest.raises(exc.DatabaseError, match="frozen once sent"), db.transaction() as session:
        session.execute(text("UPDATE agreement SET body = 'We never said that' WHERE id = :i"),
                        {"i": sent.id})  # fmt: skip
    assert agreements.version(db, sent.id).body == sent.body
    with db.transaction() as session:  # the status alone may still move on
        session.execute(update(Agreement).where(Agreement.id == sent.id).values(status="confirmed"))


def test_sending_a_new_version_supersedes_the_older_one(db: Database, deal_id: int) -> None:
    v1 = agreements.mark_sent(db, agreements.compose(db, deal_id).id)
    v2 = agreements.compose(db, deal_id)
    assert v2.version == 2 and agreements.version(db, v1.id).status == "sent"
    agreements.mark_sent(db, v2.id)
    assert [v.status for v in agreements.versions(db, deal_id)] == ["sent", "superseded"]


def test_latest_status_per_deal(db: Database, deal_id: int) -> None:
    other = _deal(db, "Ben Brews", "ben@example.com")
    third = _deal(db, "Cleo Cakes", "cleo@example.com")
    agreements.mark_sent(db, agreements.compose(db, deal_id).id)
    agreements.compose(db, other)
    with db.reader() as session:
        found = agreements.latest_status(session, [deal_id, other, third])
    assert found == {deal_id: "sent", other: "draft"}


def _template_count(db: Database) -> int:
    with db.reader() as session:
        return session.execute(select(func.count()).select_from(AgreementTemplate)).scalar_one()


def test_templates_seed_the_friendly_default_and_refuse_unknown_placeholders(
    db: Database,
) -> None:
    [default] = agreement_templates.list_templates(db)
    assert default.name == "Friendly (default)" and default.is_default
    assert default.subject == "{brand} x {influencer_name}: what we agreed"
    assert default.body.startswith("Hi {first_name},")

    with pytest.raises(InvalidInput) as caught:
        agreement_templates.save_template(db, "Short", "Hi {first_name}", "You get {fee}.")
    assert "{fee}" in caught.value.errors["body"]
    with pytest.raises(InvalidInput) as caught:
        agreement_templates.save_template(db, "Short", "Deal for {handle", "Thanks!")
    assert "lone" in caught.value.errors["subject"]
    with pytest.raises(InvalidInput) as caught:
        agreement_templates.save_template(db, "friendly (DEFAULT)", "Hi", "Thanks!")
    assert "exists already" in caught.value.errors["name"]
    assert _template_count(db) == 1

    agreement_templates.save_template(
        db, "Short", "{campaign}: deal", "Hi {first_name}, {{curly}} {incentive}."
    )
    assert _template_count(db) == 2


def test_a_chosen_template_writes_the_draft(db: Database, deal_id: int) -> None:
    short = agreement_templates.save_template(
        db, "Short", "{campaign}: deal", "Hi {first_name}, {{curly}} {incentive}."
    ).value
    draft = agreements.compose(db, deal_id, short)
    assert draft.subject == "Spring Bake-Off: deal"
    assert draft.body == "Hi Anna, {curly} Linen apron (worth €45.00) and a fee of €150.00."


def test_the_last_template_cannot_be_deleted_and_the_default_can_be_reset(db: Database) -> None:
    [default] = agreement_templates.list_templates(db)
    with pytest.raises(InvalidInput, match="only template"):
        agreement_templates.delete_template(db, default.id)
    agreement_templates.save_template(db, default.name, "Changed", "Changed", default.id)
    other = agreement_templates.save_template(db, "Other", "Hi", "Hello {first_name}").value
    agreement_templates.delete_template(db, default.id)
    [left] = agreement_templates.list_templates(db)
    assert left.id == other and left.is_default  # the default passes on
    restored = agreement_templates.reset_default(db).value
    templates = agreement_templates.list_templates(db)
    assert templates[0].id == restored and templates[0].is_default
    assert templates[0].body.startswith("Hi {first_name},") and len(templates) == 2
