"""The demo's agreement emails: versions in every state, written from the shipped template.

A sent version carries its send time and the SHA-256 of its exact text (subject, an empty line,
then the body), just as the agreement service writes it; an amended agreement keeps its first,
confirmed version as "superseded" beside a newer draft or sent one.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from infcrm.db.campaign_models import Deliverable, Incentive
from infcrm.domain.agreement_template import AgreementFacts, render
from infcrm.domain.campaign_enums import AgreementStatus, CampaignStatus, Disclosure
from infcrm.domain.enums import Platform
from infcrm.paths import resource_path
from infcrm.services.campaigns.deal_rows import deliverable_terms, incentive_terms

SENDER = "Sam at Fern & Crumb"
MENTIONS = "@fernandcrumb"
TEMPLATE_FILE = "agreement_template.txt"
REPLIES = (
    "Yes, sounds good! Looking forward to it.",
    "All good on my side, thank you! Can't wait to try everything.",
    "Yes, sounds good. I'll send the links as soon as the posts are live.",
    "Perfect, confirmed. Thanks for making it so easy!",
)
# Where a deal's agreement stands; "amended_*" is a superseded first version plus a newer one.
NONE, DRAFT, SENT, CONFIRMED = "none", "draft", "sent", "confirmed"
AMENDED_DRAFT, AMENDED_SENT = "amended_draft", "amended_sent"


def shipped_template() -> tuple[str, str]:
    """The shipped agreement template as (subject, body): "Subject: …", a blank line, the body."""
    text = resource_path(TEMPLATE_FILE).read_text(encoding="utf-8").replace("\r\n", "\n")
    first, _, rest = text.partition("\n")
    return first.removeprefix("Subject:").strip(), rest.strip("\n")


def text_sha256(subject: str, body: str) -> str:
    """The fingerprint of a sent agreement: SHA-256 of subject, an empty line and the body."""
    return hashlib.sha256(f"{subject}\n\n{body}".encode()).hexdigest()


def agreement_states(status: CampaignStatus, n: int, rng: random.Random) -> list[str]:
    """Where each of a campaign's `n` deals stands with its agreement, fitting the campaign."""
    if status is CampaignStatus.ACTIVE:
        fixed, rest = [AMENDED_SENT, SENT], [CONFIRMED] * n
    elif status is CampaignStatus.PLANNED:
        fixed = [DRAFT, SENT, AMENDED_DRAFT, CONFIRMED]
        rest = [rng.choice((DRAFT, SENT, CONFIRMED, NONE)) for _ in range(n)]
    elif status is CampaignStatus.COMPLETED:
        fixed, rest = [], [CONFIRMED] * n
    else:
        fixed, rest = [SENT], [rng.choice((DRAFT, NONE)) for _ in range(n)]
    return (fixed + rest)[:n]


def agreement_facts(
    *,
    campaign: str,
    brand: str,
    hashtags: str,
    person: Any,
    incentives: Sequence[dict],
    deliverables: Sequence[dict],
    deal: dict,
    start: date,
    end: date,
    shift_days: int = 0,
) -> AgreementFacts:
    """What the email says, read from the stored rows through the app's own mapping.

    `shift_days` moves every due date, for the earlier terms of an amended agreement.
    """
    terms = [deliverable_terms(Deliverable(**row)) for row in deliverables]
    if shift_days:
        terms = [replace(t, due=t.due + timedelta(days=shift_days)) if t.due else t for t in terms]
    return AgreementFacts(
        influencer_name=person.display_name,
        real_name=person.real_name,
        campaign=campaign,
        handle=f"@{person.main_handle}" if person.main_handle else None,
        platform=Platform(person.main_platform).label if person.main_platform else None,
        brand=brand,
        start=start,
        end=end,
        hashtags=hashtags,
        mentions=MENTIONS,
        incentives=tuple(incentive_terms(Incentive(**row)) for row in incentives),
        deliverables=tuple(terms),
        disclosure=Disclosure(deal["disclosure"]) if deal["disclosure"] else None,
        usage_rights=deal["usage_rights"],
        sender_name=SENDER,
    )


def agreement_rows(
    rng: random.Random,
    template: tuple[str, str],
    deal_id: int,
    state: str,
    facts: AgreementFacts,
    earlier: AgreementFacts,
    reply_from: str,
    agreed: datetime,
    now: datetime,
) -> list[dict]:
    """The stored versions of one deal's agreement email (none for NONE).

    `agreed` is when the first version was written; `earlier` holds the terms an amended
    agreement first said.
    """
    if state == NONE:
        return []

    def version(number: int, status: str, terms: AgreementFacts, written: datetime) -> dict:
        subject, body = render(template[0], terms), render(template[1], terms)
        row: dict[str, object] = {
            "deal_id": deal_id,
            "version": number,
            "status": status,
            "subject": subject,
            "body": body,
            "created_at": written,
            "sent_at": None,
            "text_sha256": None,
            "confirmed_at": None,
            "reply_sender": None,
            "reply_date": None,
            "reply_subject": None,
            "reply_body": None,
            "reply_eml": None,
        }
        if status != AgreementStatus.DRAFT.value:
            sent = min(written + timedelta(hours=rng.uniform(1, 30)), now)
            row.update(sent_at=sent, text_sha256=text_sha256(subject, body))
            if status in (AgreementStatus.CONFIRMED.value, AgreementStatus.SUPERSEDED.value):
                replied = min(sent + timedelta(hours=rng.uniform(3, 60)), now)
                row.update(
                    confirmed_at=min(replied + timedelta(minutes=rng.randint(5, 240)), now),
                    reply_sender=reply_from,
                    reply_date=replied,
                    reply_subject=f"Re: {subject}",
                    reply_body=rng.choice(REPLIES),
                )
        return row

    first = min(agreed, now - timedelta(days=9))
    if state in (AMENDED_DRAFT, AMENDED_SENT):
        second = min(first + timedelta(days=rng.randint(4, 7)), now - timedelta(days=1))
        newer = AgreementStatus.SENT.value if state == AMENDED_SENT else AgreementStatus.DRAFT.value
        return [
            version(1, AgreementStatus.SUPERSEDED.value, earlier, first),
            version(2, newer, facts, second),
        ]
    return [version(1, state, facts, first)]


__all__ = [
    "SENDER",
    "agreement_facts",
    "agreement_rows",
    "agreement_states",
    "shipped_template",
    "text_sha256",
]
