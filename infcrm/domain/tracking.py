"""A deal's promo code and tracking link: suggesting a code, comparing codes, building the link.

Shops compare discount codes without case, and people type them with stray spaces, so two codes
are the same code when their `code_key`s are equal. The link carries the UTM parameters a shop
records with each order (utm_source = the network, utm_medium = influencer, utm_campaign = the
campaign's slug, utm_content = the handle), which is how an order without a code finds its deal.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

CODE_MAX = 60
UTM_MEDIUM = "influencer"
_NOT_CODE = re.compile(r"[^A-Z0-9]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


class TrackingError(ValueError):
    """A code or link infcrm cannot use; the message says what to type instead."""


def code_key(code: str | None) -> str:
    """The form two codes are compared in: capitals, no spaces ("lena bakes10" → "LENABAKES10")."""
    return re.sub(r"\s+", "", code or "").upper()


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if not unicodedata.combining(c))


def suggest_code(handle: str | None, name: str, percent: int | None = 10) -> str:
    """A code people can read aloud: the handle (else the name) in capitals plus the discount.

    "@lena.bakes" → "LENABAKES10"; "Zoë Martin" → "ZOEMARTIN10".
    """
    words = _NOT_CODE.sub("", _ascii(handle or name or "").upper())
    # Digits in a handle ("hugo.coffee.6305") make a code nobody can say aloud.
    base = re.sub(r"\d+", "", words) or words or "CREATOR"
    suffix = str(percent) if percent else ""
    return base[: CODE_MAX - len(suffix)] + suffix


def slug(name: str) -> str:
    """A campaign's name as it appears in links: "Spring Bake-Off 2026" → "spring-bake-off-2026"."""
    return _NOT_SLUG.sub("-", _ascii(name).lower()).strip("-") or "campaign"


def check_landing_url(url: str | None) -> str | None:
    """A landing page address with its scheme, or None when blank; TrackingError otherwise."""
    text = (url or "").strip()
    if not text:
        return None
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or "." not in parts.netloc or " " in text:
        raise TrackingError(
            f"“{url}” is not a web address. Paste the page's address, e.g. https://shop.com/cake-tin."
        )
    return text


def tracking_link(landing_url: str, network: str, campaign: str, handle: str) -> str:
    """The landing page with infcrm's UTM parameters (any others the page had are kept)."""
    parts = urlsplit(landing_url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.startswith("utm_")]  # fmt: skip
    query += [
        ("utm_source", network.lower()),
        ("utm_medium", UTM_MEDIUM),
        ("utm_campaign", slug(campaign)),
        ("utm_content", handle.lstrip("@").lower()),
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))
