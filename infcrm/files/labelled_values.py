"""Values that say what they are: “Email: x@y.com | Instagram: @ana” in one contact cell.

A column of such values is read value by value: each goes to the field its label names.
"""

from __future__ import annotations

import re

from infcrm.files.header_platforms import platform_in_header
from infcrm.files.import_mapping import platform_part

_LABELLED = re.compile(r"^\s*([A-Za-zÀ-ÿ][\w .\-/()]{0,24}?)\s*:\s*(\S.*)$", re.DOTALL)
_LABEL_TARGETS: dict[str, str] = {
    "email": "email", "e mail": "email", "mail": "email", "correo": "email",
    "phone": "phone", "tel": "phone", "mobile": "phone", "whatsapp": "phone",
    "telephone": "phone", "phone number": "phone", "cell": "phone", "movil": "phone",
    "handy": "phone", "telefono": "phone", "telefone": "phone", "telefon": "phone",
    "celular": "phone", "portable": "phone", "cellulare": "phone", "wa": "phone",
    "móvil": "phone", "teléfono": "phone", "téléphone": "phone", "telefone celular": "phone",
    "website": "other_handle", "web": "other_handle", "site": "other_handle",
    "blog": "other_handle", "url": "url", "link": "url",
}  # fmt: skip


def labelled_values(text: str) -> list[tuple[str, str]]:
    """The (field, value) pairs of “Email: x@y.com | Instagram: @name”, else []."""
    pairs = []
    for part in re.split(r"\s*(?:\n|;|\||,(?=\s*[A-Za-z ]{2,20}:))\s*", text):
        pair = labelled_pair(part)
        if pair:
            pairs.append(pair)
    return pairs


def labelled_pair(part: str) -> tuple[str, str] | None:
    """(field, value) of one “Email: x@y.com” whose label names a field, else None."""
    match = _LABELLED.match(part)
    if not match:
        return None
    target = label_target(match[1])
    return (target, match[2].strip()) if target else None


def label_target(label: str) -> str | None:
    """The field a value's label points to: “E-mail” → email, “Instagram” → instagram_handle."""
    words = " ".join(re.findall(r"[^\W_]+", label.casefold()))
    if words in _LABEL_TARGETS:
        return _LABEL_TARGETS[words]
    found = platform_in_header(label)
    # “Instagram: @ana”, “Compte TikTok: @ana”; “Instagram name: Ana Bakes” is not a handle.
    if found and found[1] != "name" and platform_part(found[1]) == "handle":
        return f"{found[0]}_handle"
    return None


__all__ = ["label_target", "labelled_pair", "labelled_values"]
