"""The deal form's side of an edit conflict: where the user's terms and the newer saved ones
disagree, in the words the form shows (see edit_conflict_dialog), and taking the chosen
parts of the saved terms into the form."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from infcrm.domain.campaign_enums import ContentFormat, Disclosure, IncentiveKind, ShippingStatus
from infcrm.domain.dates import day_text
from infcrm.domain.enums import Platform
from infcrm.services.campaigns.campaign_types import (
    Deal,
    DealTermsInput,
    DeliverableInput,
    IncentiveInput,
)
from infcrm.services.campaigns.deal_tracking import DealTracking, TrackingInput
from infcrm.ui.dialogs.edit_conflict_dialog import (
    Difference,
    heading,
    taken_from_theirs,
    their_version,
)
from infcrm.ui.widgets.terms_editor import DeliverableLine, IncentiveLine

# Every part the terms tab saves, in the tab's order, with its caption there.
FIELDS = (
    ("incentives", "What they get"),
    ("deliverables", "What they deliver"),
    ("disclosure", "Disclosure"),
    ("usage_rights", "Usage rights"),
    ("notes", "Notes"),
    ("promo_code", "Promo code"),
    ("landing_url", "Landing page"),
)


@dataclass(frozen=True)
class TermsForm:
    """The terms tab as typed: the terms and the code with its landing page."""

    terms: DealTermsInput
    tracking: TrackingInput


def saved_as_typed(deal: Deal, tracking: DealTracking, currency: str) -> TermsForm:
    """A saved deal's terms as the form's lines would hold them (so amounts compare as the
    form writes them: “300.00”, not 300)."""
    return TermsForm(
        DealTermsInput(
            incentives=tuple(IncentiveLine(currency, i).value_input() for i in deal.incentives),
            deliverables=tuple(DeliverableLine(d).value_input() for d in deal.deliverables),
            usage_rights=deal.usage_rights or "",
            disclosure=deal.disclosure,
            notes=deal.notes or "",
            version=deal.version,
        ),
        TrackingInput(tracking.promo_code or "", tracking.landing_url or ""),
    )


def _texts(form: TermsForm) -> dict[str, str]:
    terms, tracking = form.terms, form.tracking
    return {
        "incentives": "; ".join(_incentive(i) for i in terms.incentives),
        "deliverables": "; ".join(_deliverable(d) for d in terms.deliverables),
        "disclosure": Disclosure(terms.disclosure).label
        if terms.disclosure
        else "No ad label required",
        "usage_rights": (terms.usage_rights or "").strip(),
        "notes": (terms.notes or "").strip(),
        "promo_code": (tracking.promo_code or "").strip(),
        "landing_url": (tracking.landing_url or "").strip(),
    }


def differences(mine: TermsForm, loaded: TermsForm, theirs: TermsForm) -> Iterator[Difference]:
    """The parts where the form (`mine`, opened as `loaded`) and the saved terms disagree."""
    now, before, saved = _texts(mine), _texts(loaded), _texts(theirs)
    for key, label in FIELDS:
        if now[key] != saved[key]:
            mine_text, theirs_text = _differing_first(key, now[key], saved[key])
            yield Difference(key, label, mine_text, theirs_text, now[key] != before[key])


def _differing_first(key: str, mine: str, theirs: str) -> tuple[str, str]:
    """A list's lines on each side, the ones the other side lacks first: the comparison shows
    the start of a long value, and lines both sides share would hide what differs."""
    if key not in ("incentives", "deliverables"):
        return mine, theirs
    ours, others = mine.split("; "), theirs.split("; ")

    def ordered(lines: list[str], other: list[str]) -> str:
        return "; ".join(sorted(lines, key=lambda line: line in other) if lines != [""] else [])

    return ordered(ours, others), ordered(others, ours)


def _incentive(item: IncentiveInput) -> str:
    """“Fee 300.00 EUR”, “Product × 2 Linen apron, 25.00 EUR each, shipped (DHL)”."""
    kind = IncentiveKind(item.kind)
    words = [kind.label]
    if kind is IncentiveKind.PRODUCT and str(item.quantity) != "1":
        words.append(f"× {item.quantity}")
    if item.description:
        words.append(item.description.strip())
    text = " ".join(words)
    if kind is IncentiveKind.COMMISSION:
        if item.commission_percent:
            text += f" {item.commission_percent}%"
        if item.promo_code:
            text += f", code {item.promo_code}"
    elif item.value:
        each = " each" if kind is IncentiveKind.PRODUCT else ""
        text += f", {item.value} {item.currency}{each}"
    if kind is IncentiveKind.PRODUCT and item.shipping_status:
        text += f", {ShippingStatus(item.shipping_status).label.lower()}"
        sent_with = " ".join(t for t in (item.carrier, item.tracking_number) if t)
        text += f" ({sent_with})" if sent_with else ""
    return text


def _deliverable(item: DeliverableInput) -> str:
    """“2 × Instagram reel, due 20 Apr 2026”."""
    text = f"{item.count} × {Platform(item.platform).label} "
    text += ContentFormat(item.format).label.lower()
    return f"{text}, due {day_text(item.due_date)}" if item.due_date else text


def choose(
    form: QWidget,
    mine: TermsForm,
    loaded: TermsForm,
    theirs: Deal,
    saved: TermsForm,
    me: str | None,
    put_back: str | None = None,
) -> list[str] | None:
    """Compare the form with the newer saved terms, named after whoever saved them (“Ana's
    version”; `me` is the user at the form; `put_back` the user's own Undo or Redo that
    wrote them); the keys to take from the saved ones, or None when the comparison was
    closed unsaved."""
    name = f"the deal of “{theirs.influencer_name}” in “{theirs.campaign_name}”"
    found = list(differences(mine, loaded, saved))
    title = heading(name, theirs.changed_by, me, put_back)
    return taken_from_theirs(form, title, their_version(theirs.changed_by, me, put_back), found)


__all__ = ["FIELDS", "TermsForm", "choose", "differences", "saved_as_typed"]
