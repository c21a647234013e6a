"""The agreement saved as an .eml file opens in any mail program with the text intact."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from infcrm.files.agreement_eml import confirm_with_eml_file, write_agreement_eml
from infcrm.files.eml_reader import EmailRejected, parse_email

BODY = (
    "Hi Anna,\n\nWhat you get:\n- 2 × Linen apron (worth €45.00 each)\n\n"
    "Please add #ad at the start of the caption. " + "A long line that keeps going. " * 10 +
    "\n\nThanks!\nLena"
)  # fmt: skip


def _read(path: Path):
    return BytesParser(policy=policy.default).parsebytes(path.read_bytes())


def test_written_eml_reads_back_with_the_exact_text(tmp_path: Path) -> None:
    path = write_agreement_eml(
        tmp_path / "agreement.eml",
        "anna@example.com",
        "Crumb & Co x Anna Müller: what we agreed",
        BODY,
        sender="Lena Schmidt <lena@crumb.example>",
    )
    message = _read(path)
    assert message["To"] == "anna@example.com"
    assert message["From"] == "Lena Schmidt <lena@crumb.example>"
    assert message["Subject"] == "Crumb & Co x Anna Müller: what we agreed"
    assert message["X-Unsent"] == "1"  # opens as a draft ready to send
    assert message.get_body(("plain",)).get_content().replace("\r\n", "\n").rstrip("\n") == BODY
    assert max(len(line) for line in path.read_bytes().split(b"\r\n")) <= 78  # mail-safe lines
    assert parse_email(path.read_bytes()).body == BODY  # and the app's own reader agrees
    assert list(tmp_path.iterdir()) == [path]  # no half-written file left behind


def test_a_sender_name_without_address_leaves_from_to_the_mail_program(tmp_path: Path) -> None:
    path = write_agreement_eml(tmp_path / "a.eml", None, "Hello", "Text", sender="Lena")
    message = _read(path)
    assert message["From"] is None and message["To"] is None
    assert message.get_body(("plain",)).get_content().strip() == "Text"


def test_a_missing_reply_file_is_refused_in_plain_words(tmp_path: Path) -> None:
    with pytest.raises(EmailRejected, match="could not be opened"):
        confirm_with_eml_file(None, 1, tmp_path / "gone.eml")  # type: ignore[arg-type]


def test_a_reply_with_raw_8bit_bytes_in_from_confirms(db) -> None:
    from sqlalchemy import text

    from infcrm.files.agreement_eml import confirm_with_eml
    from infcrm.services.campaigns import agreements, campaigns
    from infcrm.services.campaigns.campaign_types import CampaignInput
    from infcrm.services.people import influencers
    from infcrm.services.people.influencer_types import InfluencerInput

    person = influencers.create(db, InfluencerInput(display_name="Zoë", email="zoe@example.com"))
    campaign = campaigns.create_campaign(db, CampaignInput(name="Box"))
    campaigns.add_influencers(db, campaign, [person])
    with db.reader() as session:
        deal = session.execute(text("SELECT id FROM deal")).scalar_one()
    sent = agreements.mark_sent(db, agreements.compose(db, deal).id)
    raw = (
        b"From: Zo\xc3\xab M\xfcller <zoe@example.com>\r\nSubject: Re: Box \xe9\r\n"
        b"Date: Mon, 02 Mar 2026 10:00:00 +0000\r\n\r\nJa, einverstanden \xfc\r\n"
    )
    confirmed = confirm_with_eml(db, sent.id, raw)
    assert confirmed.status == "confirmed"
    assert agreements.reply_eml(db, sent.id) == raw
    assert confirmed.reply_subject.startswith("Re: Box")
