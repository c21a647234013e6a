"""A payment's and a post's side of an edit conflict: the fields where the form as typed and
the newer saved row disagree, in the words the form shows (see edit_conflict_dialog).

Values are compared as the service would store them ("1.2k" likes and 1200 are the same, so
are "250" and "250.00" euros), and shown as the user typed them and as the row holds them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from PySide6.QtWidgets import QWidget

from infcrm.domain.campaign_enums import ContentFormat
from infcrm.domain.dates import day_text
from infcrm.domain.enums import Platform
from infcrm.domain.money import Money, MoneyError, parse_amount
from infcrm.domain.numbers import parse_count
from infcrm.services.campaigns.campaign_types import (
    ContentInput,
    ContentItem,
    PaymentInput,
    PaymentItem,
)
from infcrm.services.campaigns.result_edits import described
from infcrm.ui.dialogs.edit_conflict_dialog import (
    Difference,
    heading,
    taken_from_theirs,
    their_version,
)

PAYMENT_FIELDS = (
    ("paid_on", "Paid on"),
    ("amount", "Amount"),
    ("method", "Method"),
    ("reference", "Reference"),
)
RESULTS = ("likes", "comments", "shares", "saves", "views", "reach", "clicks", "conversions")
POST_FIELDS = (
    ("deliverable_id", "Delivers"),
    ("platform", "Platform"),
    ("format", "Format"),
    ("posted_on", "Posted on"),
    ("url", "Link"),
    *((name, name.capitalize()) for name in RESULTS),
    ("revenue", "Revenue"),
)


def payment_as_typed(item: PaymentItem) -> PaymentInput:
    """A saved payment as the payment form holds it."""
    return PaymentInput(
        paid_on=item.paid_on,
        amount=item.amount.plain(),
        currency=item.amount.currency,
        method=item.method or "",
        reference=item.reference or "",
    )


def post_as_typed(item: ContentItem, currency: str) -> ContentInput:
    """A saved post as the post form holds it (counts as plain numbers)."""
    return ContentInput(
        platform=item.platform,
        posted_on=item.posted_on,
        url=item.url or "",
        format=item.format,
        deliverable_id=item.deliverable_id,
        revenue=item.revenue.plain() if item.revenue else "",
        currency=item.revenue.currency if item.revenue else currency,
        **{name: _plain(getattr(item, name)) for name in RESULTS},
    )


def _plain(count: int | None) -> str:
    return "" if count is None else str(count)


def _amount(text: object, currency: str) -> object:
    """What the service would store for `text` (the text itself when it is no amount)."""
    try:
        return parse_amount(text, currency) if str(text or "").strip() else None
    except MoneyError:
        return str(text)


def _count(text: object) -> object:
    try:
        return parse_count(text)
    except ValueError:
        return str(text)


def _stored(key: str, value: object, currency: str) -> object:
    if key in ("amount", "revenue"):
        return _amount(value, currency)
    if key in RESULTS:
        return _count(value)
    if isinstance(value, str):
        return " ".join(value.split())
    return value


def _differences(
    fields: tuple[tuple[str, str], ...],
    mine: object,
    loaded: object,
    theirs: object,
    currency: str,
    words: Callable[[str, object, str], str],
) -> Iterator[Difference]:
    for key, label in fields:
        now, before, saved = (getattr(form, key) for form in (mine, loaded, theirs))
        stored = _stored(key, now, currency)
        if stored != _stored(key, saved, currency):
            yield Difference(
                key, label, words(key, now, currency), words(key, saved, currency),
                stored != _stored(key, before, currency),
            )  # fmt: skip


def _words(key: str, value: object, currency: str) -> str:
    """A field's value as the comparison shows it: money with its symbol, plain counts with
    thousands separators (“18,000”), anything else typed differently as it was typed."""
    text = str(value).strip() if isinstance(value, str) else value
    if key in ("amount", "revenue") and text:
        stored = _amount(text, currency)
        return str(Money(stored, currency)) if isinstance(stored, int) else str(text)
    if key in RESULTS and isinstance(text, str) and text.isdigit():
        return f"{int(text):,}"
    if isinstance(value, date):
        return day_text(value)
    if key == "platform" and value:
        return Platform(value).label
    if key == "format" and value:
        return ContentFormat(value).label
    return "" if value is None else str(value)


def payment_differences(
    mine: PaymentInput, loaded: PaymentInput, theirs: PaymentItem
) -> Iterator[Difference]:
    """The fields where the payment as typed (`mine`, opened as `loaded`) and the saved one
    disagree; each says whether the user changed it."""
    saved = payment_as_typed(theirs)
    return _differences(PAYMENT_FIELDS, mine, loaded, saved, saved.currency, _words)


def post_differences(
    mine: ContentInput, loaded: ContentInput, theirs: ContentItem, delivers: dict
) -> Iterator[Difference]:
    """The fields where the post as typed (`mine`, opened as `loaded`) and the saved one
    disagree; `delivers` names each promised piece by id, as the form's list does."""

    def words(key: str, value: object, currency: str) -> str:
        if key == "deliverable_id":
            return delivers.get(value, "Not one of the promised pieces")
        return _words(key, value, currency)

    saved = post_as_typed(theirs, mine.currency)
    return _differences(POST_FIELDS, mine, loaded, saved, mine.currency, words)


def choose(
    form: QWidget,
    theirs: PaymentItem | ContentItem,
    differences: Iterator[Difference],
    changed_by: str | None,
    me: str | None,
    put_back: str | None = None,
) -> list[str] | None:
    """Compare the form with the newer saved payment or post (written by the user's own
    Undo or Redo: `put_back`); the keys to take from the saved one ([] when they agree), or
    None when the comparison was closed unsaved."""
    title = heading(described(theirs), changed_by, me, put_back)
    theirs_name = their_version(changed_by, me, put_back)
    return taken_from_theirs(form, title, theirs_name, list(differences))


__all__ = [
    "PAYMENT_FIELDS",
    "POST_FIELDS",
    "choose",
    "payment_as_typed",
    "payment_differences",
    "post_as_typed",
    "post_differences",
]
