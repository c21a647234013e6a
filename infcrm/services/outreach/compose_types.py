"""What the outreach templates and Compose hand to the interface: plain frozen values."""

from __future__ import annotations

from dataclasses import dataclass

SIGNATURE_SETTING = "outreach_signature"  # str: what {signature} becomes


@dataclass(frozen=True)
class OutreachTemplateInfo:
    """One saved outreach template."""

    id: int
    name: str
    kind: str  # "email" or "dm"
    subject: str | None
    body: str


@dataclass(frozen=True)
class ComposedMessage:
    """One person's message, filled in, with what the user should know before sending it."""

    influencer_id: int
    name: str
    email: str | None
    channel: str  # a Channel value: email, or the DM channel of their main platform
    subject: str | None
    body: str
    do_not_contact: bool

    @property
    def warnings(self) -> tuple[str, ...]:
        """Sentences shown beside the person: why sending to them may be wrong."""
        found = []
        if self.do_not_contact:
            found.append(f"{self.name} is marked “Do not contact”: they are left out when sending.")
        if self.channel == "email" and not self.email:
            found.append(f"{self.name} has no email address: the email goes out without one.")
        return tuple(found)
