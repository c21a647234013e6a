"""Compose: one outreach template filled in for each chosen person, and the messages sent logged.

Filling is checked whole before anything can be sent: an unknown {placeholder}, or a campaign
placeholder without a campaign chosen, is refused naming it. Logging every message sent is one
bulk log (bulk_outreach.log_interaction with each person's own text): one transaction, one
restore point, so Edit › Undo takes back all the messages and their follow-ups at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from infcrm.db.campaign_models import Campaign
from infcrm.db.engine import Database
from infcrm.domain.accounts import shown_account
from infcrm.domain.enums import Channel, Direction, Platform, label_of
from infcrm.domain.outreach_template import EMAIL, OutreachFacts, needs_campaign, render_outreach
from infcrm.domain.validation import FieldChecker
from infcrm.services.errors import NotFound
from infcrm.services.outreach import bulk_outreach
from infcrm.services.outreach.compose_types import ComposedMessage, Recipient
from infcrm.services.outreach.outreach_templates import check_texts, signature
from infcrm.services.outreach.outreach_types import InteractionInput
from infcrm.services.people.bulk import live_rows
from infcrm.services.people.bulk_types import BulkResult

# Direct messages are logged on the channel of the person's main network.
_DM_CHANNELS = {
    Platform.INSTAGRAM.value: Channel.INSTAGRAM_DM,
    Platform.TIKTOK.value: Channel.TIKTOK_DM,
}
_PERSON = ("display_name", "real_name", "email", "main_platform", "main_handle", "do_not_contact")


def dm_channel(platform: str | None) -> Channel:
    """The channel a direct message to someone on `platform` is logged under."""
    return _DM_CHANNELS.get(platform or "", Channel.OTHER_DM)


def checked_text(
    kind: str, subject: str | None, body: str, campaign_id: int | None
) -> tuple[str | None, str]:
    """(subject, body) cleaned, ready for `fill`; no database read, so it can run on every
    pause in typing.

    Raises InvalidInput naming "subject", "body" or "campaign" — an unknown placeholder, a lone
    brace, an empty text, or {product}/{campaign} with no campaign chosen — before any message
    exists, so nothing can be sent half-filled.
    """
    check = FieldChecker()
    clean_subject, clean_body = check_texts(check, kind, subject, body)
    check.raise_if_errors()
    assert clean_body is not None
    missing = [] if campaign_id else needs_campaign(clean_subject or "", clean_body)
    if missing:
        names = ", ".join(f"{{{n}}}" for n in missing)
        check.add("campaign", f"The text uses {names}: choose a campaign, or take them out.")
        check.raise_if_errors()
    return clean_subject, clean_body


def recipients(db: Database, ids: Sequence[int], campaign_id: int | None) -> list[Recipient]:
    """Everything the messages to `ids` may mention (in that order; people in the trash left
    out), read once; NotFound when the campaign was deleted meanwhile."""
    sign = signature(db)
    with db.reader() as session:
        campaign = session.get(Campaign, campaign_id) if campaign_id else None
        if campaign_id and campaign is None:
            raise NotFound("This campaign no longer exists; choose another one.")
        people = live_rows(session, ids, _PERSON)
    found = []
    for person_id, (_id, name, real, email, platform, handle, dnc) in people.items():
        facts = OutreachFacts(
            influencer_name=name,
            real_name=real,
            handle=shown_account(platform, handle) or None,
            platform=label_of(Platform, platform) if platform else None,
            campaign=campaign.name if campaign else None,
            product=campaign.brand if campaign else None,
            hashtags=campaign.hashtags if campaign else None,
            signature=sign,
        )
        found.append(
            Recipient(person_id, name, email, dm_channel(platform).value, facts, bool(dnc))
        )
    return found


def fill(person: Recipient, kind: str, subject: str | None, body: str) -> ComposedMessage:
    """One person's message from a text `checked_text` cleaned."""
    facts = person.facts
    return ComposedMessage(
        influencer_id=person.influencer_id,
        name=person.name,
        email=person.email,
        channel=Channel.EMAIL.value if kind == EMAIL else person.channel_if_dm,
        # A subject is one line, however the values it took in were written.
        subject=" ".join(render_outreach(subject, facts).split()) if subject else None,
        body=render_outreach(body, facts),
        do_not_contact=person.do_not_contact,
    )


def compose(
    db: Database,
    ids: Sequence[int],
    kind: str,
    subject: str | None,
    body: str,
    campaign_id: int | None = None,
) -> list[ComposedMessage]:
    """The template filled in for each of `ids` (in that order; people in the trash left out).
    Refused as `checked_text` says, before any message exists."""
    clean_subject, clean_body = checked_text(kind, subject, body, campaign_id)
    people = recipients(db, ids, campaign_id)
    return [fill(person, kind, clean_subject, clean_body) for person in people]


def log_sent(
    db: Database,
    messages: Sequence[ComposedMessage],
    *,
    campaign_id: int | None = None,
    follow_up_days: int | None = None,
    follow_up_note: str | None = None,
    today: date | None = None,
    skip_problems: bool = False,
) -> BulkResult:
    """Log each message sent as an outbound interaction (with a follow-up in N days if asked).

    One transaction for all; the result's restore point takes them all back. People marked
    "Do not contact" refuse the whole log (BulkRefused) unless `skip_problems`.
    """
    if not messages:
        raise NotFound("No message was sent, so there is nothing to log.")
    due = None
    if follow_up_days is not None:
        due = (today or date.today()) + timedelta(days=follow_up_days)
    first = messages[0]
    data = InteractionInput(
        influencer_id=first.influencer_id,
        channel=first.channel,
        direction=Direction.OUTBOUND,
        subject=first.subject,
        summary=first.body,
        campaign_id=campaign_id,
        follow_up_due=due,
        follow_up_note=follow_up_note if due else None,
    )
    own = {
        m.influencer_id: {"channel": m.channel, "subject": m.subject, "summary": m.body}
        for m in messages
    }
    return bulk_outreach.log_interaction(
        db, [m.influencer_id for m in messages], data, skip_problems=skip_problems, messages=own
    )


__all__ = ["checked_text", "compose", "dm_channel", "fill", "log_sent", "recipients"]
