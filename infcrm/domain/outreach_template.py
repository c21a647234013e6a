"""Outreach messages from templates: the placeholders an email or DM may use, and filling them.

The syntax and the checks are the agreement templates' (`agreement_template.fill`): `{name}`
placeholders, `{{`/`}}` for braces, an unknown name refused naming it. Only the set of names
differs: a first message knows the person and, when one is chosen, the campaign.
"""

from __future__ import annotations

from dataclasses import dataclass

from infcrm.domain.agreement_template import TemplateError, check_template, fill, tag_words

EMAIL = "email"
DM = "dm"
KINDS = {EMAIL: "Email", DM: "Direct message"}

PLACEHOLDERS: dict[str, str] = {
    "first_name": "The person's first name (or their display name)",
    "influencer_name": "The person's display name",
    "handle": "Their main handle, e.g. @anna.bakes",
    "platform": "The platform of their main account",
    "product": "The brand or product of the chosen campaign",
    "campaign": "The chosen campaign's name",
    "hashtags": "The chosen campaign's branded hashtags",
    "signature": "Your signature, as set in Outreach templates",
}
# Placeholders only a campaign can fill: a message using one needs a campaign chosen.
# ({hashtags} is optional instead: its line is left out when there are none.)
CAMPAIGN_PLACEHOLDERS = ("product", "campaign")
# A line needing one of these is left out when the person or campaign lacks it.
OPTIONAL = frozenset({"handle", "platform", "hashtags", "signature"})


@dataclass(frozen=True)
class OutreachFacts:
    """What one message may mention about its person, the campaign and the sender."""

    influencer_name: str
    real_name: str | None = None
    handle: str | None = None
    platform: str | None = None  # the platform's label, e.g. "Instagram"
    campaign: str | None = None
    product: str | None = None
    hashtags: str | None = None
    signature: str | None = None

    def values(self) -> dict[str, str]:
        """The text each placeholder becomes."""
        name = (self.real_name or self.influencer_name or "").split()
        return {
            "first_name": name[0] if name else "there",
            "influencer_name": self.influencer_name,
            "handle": self.handle or "",
            "platform": self.platform or "",
            "product": self.product or self.campaign or "",
            "campaign": self.campaign or "",
            "hashtags": tag_words(self.hashtags, "#"),
            "signature": (self.signature or "").strip(),
        }


def check_outreach(text: str) -> list[str]:
    """The placeholders an outreach text uses, in order; TemplateError names unknown ones."""
    return check_template(text, PLACEHOLDERS)


def needs_campaign(*texts: str) -> list[str]:
    """The campaign placeholders these texts use (they cannot be filled without a campaign)."""
    used = [name for text in texts for name in check_outreach(text)]
    return [name for name in CAMPAIGN_PLACEHOLDERS if name in used]


def render_outreach(text: str, facts: OutreachFacts) -> str:
    """`text` filled for one person; TemplateError for an unknown placeholder."""
    return fill(text, facts.values(), PLACEHOLDERS, OPTIONAL)


__all__ = [
    "CAMPAIGN_PLACEHOLDERS",
    "DM",
    "EMAIL",
    "KINDS",
    "PLACEHOLDERS",
    "OutreachFacts",
    "TemplateError",
    "check_outreach",
    "needs_campaign",
    "render_outreach",
]
