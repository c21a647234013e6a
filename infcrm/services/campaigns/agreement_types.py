"""Plain values the agreement services hand out: templates, versions and who a deal is with.

Instants are aware UTC datetimes; the sentences that show them use the computer's local time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from infcrm.domain.campaign_enums import AgreementStatus
from infcrm.domain.deal_terms import long_date
from infcrm.services.changes import Changes
from infcrm.services.errors import AgreementStateError

DEFAULT_TEMPLATE_NAME = "Friendly (default)"
SENDER_NAME_SETTING = "sender_name"


@dataclass(frozen=True)
class TemplateInfo:
    """An agreement email template with {placeholders}."""

    id: int
    name: str
    subject: str
    body: str
    is_default: bool


@dataclass(frozen=True)
class AgreementHeading:
    """Who and what a deal's agreement is about, for titles, the To: line and file names."""

    deal_id: int
    campaign: str
    influencer_name: str
    email: str | None  # the influencer's main address, None when unknown

    @property
    def title(self) -> str:
        """E.g. "Spring Bake-Off · Anna Bakes"."""
        return f"{self.campaign} · {self.influencer_name}"


def when_text(moment: datetime) -> str:
    """E.g. "3 March 2026 at 14:05" in the computer's local time."""
    local = moment.astimezone()
    return f"{long_date(local.date())} at {local:%H:%M}"


@dataclass(frozen=True)
class AgreementVersion:
    """One version of a deal's agreement email and, once confirmed, the reply that confirmed it.

    `text_sha256` is the SHA-256 of `subject + "\\n\\n" + body` (UTF-8), set when it was sent.
    """

    id: int
    deal_id: int
    version: int
    status: str  # an AgreementStatus value
    subject: str
    body: str
    created_at: datetime
    sent_at: datetime | None
    text_sha256: str | None
    confirmed_at: datetime | None
    reply_sender: str | None
    reply_date: datetime | None
    reply_subject: str | None
    reply_body: str | None
    has_reply_eml: bool
    edit_version: int = 1  # raised by every save of the row (db/record_versions.py)
    changed_by: str | None = None  # who saved it last (None before migration 0027)

    @property
    def changes(self) -> Changes:
        """Writing a version changes its deal (the list's agreement column, the History)."""
        return Changes(deals=(self.deal_id,))

    @property
    def is_draft(self) -> bool:
        """Whether the text may still be edited."""
        return self.status == AgreementStatus.DRAFT.value

    @property
    def text(self) -> str:
        """The exact text the hash covers: subject, an empty line, then the body."""
        return f"{self.subject}\n\n{self.body}"

    @property
    def status_label(self) -> str:
        """E.g. "Draft", "Sent, awaiting reply", "Confirmed"…"""
        try:
            return AgreementStatus(self.status).label
        except ValueError:
            return self.status

    def sent_line(self) -> str:
        """E.g. "Sent on 3 March 2026 at 14:05 · SHA-256 9f86…" ("" for a draft)."""
        if self.sent_at is None:
            return ""
        return f"Sent on {when_text(self.sent_at)} · SHA-256 {self.text_sha256}"

    def _confirmation(self) -> str:
        when = self.reply_date or self.confirmed_at
        day = f" on {long_date(when.astimezone().date())}" if when else ""
        return f"Confirmed by {self.reply_sender}{day}" if self.reply_sender else f"Confirmed{day}"

    def status_sentence(self) -> str:
        """Where this version stands, in plain words."""
        if self.status == AgreementStatus.CONFIRMED.value:
            return self._confirmation()
        if self.status == AgreementStatus.SUPERSEDED.value:
            confirmed = self._confirmation()
            had = (
                f"; it had been c{confirmed[1:]}" if self.confirmed_at else ", kept for the record"
            )
            return f"Replaced by a newer version{had}"
        if self.status == AgreementStatus.SENT.value and self.sent_at is not None:
            return f"Sent on {when_text(self.sent_at)}, waiting for their reply"
        return "Draft, not sent yet: edit it freely, then send it and mark it as sent"


__all__ = [
    "DEFAULT_TEMPLATE_NAME",
    "SENDER_NAME_SETTING",
    "AgreementHeading",
    "AgreementStateError",
    "AgreementVersion",
    "TemplateInfo",
    "when_text",
]
