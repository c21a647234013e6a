"""Agreement emails from templates: the placeholders, checking a template, and rendering it.

A template is plain text with `{placeholder}` names; `{{` and `}}` stand for literal braces. An
unknown name is refused when the template is saved, not discovered when an email goes out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from infcrm.domain.campaign_enums import Disclosure
from infcrm.domain.deal_terms import DeliverableTerms, IncentiveTerms, listing, long_date

# Every placeholder a template may use, with what it becomes (shown in the template editor).
PLACEHOLDERS: dict[str, str] = {
    "first_name": "The influencer's first name (or their display name)",
    "influencer_name": "The influencer's display name",
    "handle": "Their main handle, e.g. @anna.bakes",
    "platform": "The platform of their main account",
    "campaign": "The campaign's name",
    "brand": "The brand or product of the campaign",
    "incentive": "Everything they get, as a sentence",
    "incentive_list": "Everything they get, one item per line",
    "deliverables": "The content they promise, as a sentence",
    "deliverable_list": "The content they promise, one item per line",
    "due_date": "The earliest due date of the content",
    "start_date": "The campaign's start date",
    "end_date": "The campaign's end date",
    "hashtags": "The campaign's branded hashtags",
    "mentions": "The accounts to mention",
    "disclosure": "How to mark the content as an ad",
    "usage_rights": "How we may reuse their content",
    "promo_code": "Their own promo code, e.g. LENABAKES10",
    "tracking_link": "Their tracking link to the product page",
    "sender_name": "Your name, as set in Edit › Settings",
}
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


class TemplateError(ValueError):
    """A template was refused; the message names the placeholder or brace at fault."""


def check_template(text: str, placeholders: Mapping[str, str] = PLACEHOLDERS) -> list[str]:
    """The placeholders `text` uses, in order; raises TemplateError for unknown ones.

    `placeholders` is the set a kind of template knows (agreements by default; outreach
    messages have their own, see outreach_template.py).
    """
    used: list[str] = []
    unknown: list[str] = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        name = match.group(1)
        if name is None:
            line = text.count("\n", 0, match.start()) + 1
            raise TemplateError(
                f"Line {line} has a lone “{token}”. Placeholders look like {{first_name}}; "
                f"write {token}{token} for a brace in the text."
            )
        name = name.strip()
        if name not in placeholders:
            unknown.append(name)
        elif name not in used:
            used.append(name)
    if unknown:
        names = ", ".join(f"{{{n}}}" for n in dict.fromkeys(unknown))
        known = ", ".join(f"{{{n}}}" for n in placeholders)
        raise TemplateError(f"The template uses {names}, which infcrm does not know. Use: {known}.")
    return used


@dataclass(frozen=True)
class AgreementFacts:
    """Everything an agreement email may mention, gathered from the deal by the services."""

    influencer_name: str
    campaign: str
    real_name: str | None = None
    handle: str | None = None
    platform: str | None = None
    brand: str | None = None
    start: date | None = None
    end: date | None = None
    hashtags: str | None = None
    mentions: str | None = None
    incentives: Sequence[IncentiveTerms] = field(default_factory=tuple)
    deliverables: Sequence[DeliverableTerms] = field(default_factory=tuple)
    disclosure: Disclosure | None = None
    usage_rights: str | None = None
    sender_name: str | None = None
    promo_code: str | None = None
    tracking_link: str | None = None

    def values(self) -> dict[str, str]:
        """The text each placeholder becomes; something readable even when a fact is missing."""
        first = (self.real_name or self.influencer_name).split()[0] if self.influencer_name else ""
        dues = [d.due for d in self.deliverables if d.due]
        offers = [i.sentence() for i in self.incentives]
        promises = [d.sentence() for d in self.deliverables]
        return {
            "first_name": first or "there",
            "influencer_name": self.influencer_name,
            "handle": self.handle or "",
            "platform": self.platform or "",
            "campaign": self.campaign,
            "brand": self.brand or self.campaign,
            "incentive": listing(offers) or "our thanks",
            "incentive_list": "\n".join(f"- {o}" for o in offers) or "- (to be agreed)",
            "deliverables": listing(promises) or "content of your choice",
            "deliverable_list": "\n".join(f"- {p}" for p in promises) or "- (to be agreed)",
            "due_date": long_date(min(dues)) if dues else "a date that suits you",
            "start_date": long_date(self.start) if self.start else "",
            "end_date": long_date(self.end) if self.end else "",
            "hashtags": tag_words(self.hashtags, "#"),
            "mentions": tag_words(self.mentions, "@"),
            # Facts the user left empty stay empty: the line that needs them is left out
            # (see render), never filled with a promise the user did not make.
            "disclosure": self.disclosure.sentence() if self.disclosure else "",
            # The template ends the sentence itself: "Usage: {usage_rights}."
            "usage_rights": (self.usage_rights or "").strip().rstrip("."),
            "sender_name": self.sender_name or "",
            "promo_code": self.promo_code or "",
            "tracking_link": self.tracking_link or "",
        }


def tag_words(text: str | None, mark: str) -> str:
    """E.g. "vegan, #bakeoff" → "#vegan #bakeoff"."""
    words = [w.strip().lstrip(mark) for w in re.split(r"[,\s]+", text or "") if w.strip()]
    return " ".join(f"{mark}{w}" for w in words if w)


def render(template: str, facts: AgreementFacts) -> str:
    """The template with every placeholder replaced; raises TemplateError for unknown ones.

    A line that needs a fact the deal does not have (an empty mention list, no usage rights)
    is left out whole, so no sentence reads "Please tag  and use #x"; a heading ending in ":"
    left with nothing under it goes too.
    """
    return fill(template, facts.values(), PLACEHOLDERS, OPTIONAL)


def fill(
    template: str,
    values: Mapping[str, str],
    placeholders: Mapping[str, str],
    optional: frozenset[str],
) -> str:
    """`template` with each placeholder replaced by its value (see render).

    Raises TemplateError for a name not in `placeholders`; a line needing an `optional`
    name whose value is empty is left out whole.
    """
    check_template(template, placeholders)

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        return values[match.group(1).strip()]

    lines = template.split("\n")
    dropped = [_needs_missing_fact(line, values, optional) for line in lines]
    kept: list[str] = []
    for index, line in enumerate(lines):
        if dropped[index] or _emptied_heading(lines, dropped, index):
            continue
        if not line.strip() and kept and not kept[-1].strip():
            continue  # what was left out leaves no double gap behind
        kept.append(_TOKEN.sub(replace, line))
    return "\n".join(kept)


def _needs_missing_fact(line: str, values: Mapping[str, str], optional: frozenset[str]) -> bool:
    names = [m.group(1).strip() for m in _TOKEN.finditer(line) if m.group(1) is not None]
    return any(not values[name].strip() for name in names if name in optional)


def _emptied_heading(lines: list[str], dropped: list[bool], index: int) -> bool:
    """A "Heading:" line whose list items below it were all left out."""
    line = lines[index].strip()
    if not line.endswith(":") or line.startswith("-"):
        return False
    items: list[int] = []
    for below in range(index + 1, len(lines)):
        text = lines[below].strip()
        if not text and not items:
            continue
        if not text.startswith("-"):
            break
        items.append(below)
    return bool(items) and all(dropped[i] for i in items)


# Facts a deal may well lack; a line needing one of them is left out when it is empty.
OPTIONAL = frozenset(
    {"handle", "platform", "start_date", "end_date", "hashtags", "mentions", "disclosure",
     "usage_rights", "promo_code", "tracking_link"}
)  # fmt: skip
