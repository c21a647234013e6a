"""What the outreach templates and Compose hand to the interface: plain frozen values."""

from __future__ import annotations

from dataclasses import dataclass

from infcrm.domain.outreach_template import EMAIL, OutreachFacts

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
        return _warnings(self.name, self.do_not_contact, self.channel == EMAIL and not self.email)


def _warnings(name: str, do_not_contact: bool, no_address: bool) -> tuple[str, ...]:
    found = []
    if do_not_contact:
        found.append(f"{name} is marked “Do not contact”: they are left out when sending.")
    if no_address:
        found.append(f"{name} has no email address: the email goes out without one.")
    return tuple(found)


@dataclass(frozen=True)
class Recipient:
    """One person Compose writes to, with everything their message may mention: read once,
    then filled again from each edit of the text without reading the database."""

    influencer_id: int
    name: str
    email: str | None
    channel_if_dm: str  # the Channel value a direct message to them is logged under
    facts: OutreachFacts
    do_not_contact: bool

    def warnings(self, kind: str) -> tuple[str, ...]:
        """What `ComposedMessage.warnings` will say, before any text is filled in."""
        return _warnings(self.name, self.do_not_contact, kind == EMAIL and not self.email)
