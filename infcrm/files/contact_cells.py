"""Reading a “Contact” cell: each email, phone number and profile link in it, by how it looks.

Lists put everything about reaching someone in one column: “ana@x.com”, “+34 600 111 222”,
“Email: ana@x.com / Tel: +34 600 111 222”, “WhatsApp +49 151 …”, “ana@x.com; @ana_ig”. A cell
is split on line breaks, “;”, “|”, “,” and “ / ”; a part with a label (“Tel: …”) goes where its
label says, a plain part where it looks like it belongs. What fits nowhere is returned too, so
the importer keeps it and says so instead of dropping it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from infcrm.domain.platform_links import detect_platform
from infcrm.files.column_profile import looks_like_link
from infcrm.files.labelled_values import label_target, labelled_pair
from infcrm.files.row_problems import RowProblem
from infcrm.files.spreadsheet_reader import column_letter

_PARTS = re.compile(r"\s*(?:\n|;|\||,|\s/\s)\s*")
_EMAIL = re.compile(r"(?:mailto:)?([^@\s:<>]+@[^@\s<>]+\.[^@\s<>]+)", re.IGNORECASE)
# A phone number, perhaps after the word that says which kind (“WhatsApp +49 151 …”, “Tel.”).
_PHONE = re.compile(r"(?:([^\W\d_]+)\.?:?\s*)?(\+?\(?\d[\d\s().\-/]*\d)")
_DIGITS = re.compile(r"\d")
_SHORTEST_PHONE, _LONGEST_PHONE = 6, 15  # digits: a local number up to the E.164 maximum


def contact_values(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """The (field, value) pairs a contact cell holds, in its order, and the parts that fit none.

    Fields are email, phone, other_handle (a website) and a network's handle (“instagram_handle”).
    """
    pairs: list[tuple[str, str]] = []
    unplaced: list[str] = []
    for part in _PARTS.split(text.strip()):
        part = part.strip()
        if not part:
            continue
        found = _placed(part)
        if found is None:
            unplaced.append(part)
        else:
            pairs.append(found)
    return pairs, unplaced


def _placed(part: str) -> tuple[str, str] | None:
    if match := _EMAIL.fullmatch(part):
        return "email", match[1]
    if pair := labelled_pair(part):
        return pair
    if (match := _PHONE.fullmatch(part)) and (
        match[1] is None or label_target(match[1]) == "phone"
    ):
        digits = len(_DIGITS.findall(match[2]))
        if _SHORTEST_PHONE <= digits <= _LONGEST_PHONE:
            return "phone", match[2]
    if looks_like_link(part):
        platform = detect_platform(part)
        return (f"{platform.value}_handle" if platform else "other_handle"), part
    return None


def keep_in_notes(
    cells: dict[str, object],
    leftovers: Sequence[tuple[int, str | None, str, str | None]] | None,
    headers: Sequence[str],
    row_number: int,
) -> list[RowProblem]:
    """Contact values with no field of their own added to the row's notes, each under its label
    (the column's name for a value that fits no field); what the user should be told of them.

    `leftovers`: (column index, label or None, value, why it has no place or None).
    """
    if not leftovers:
        return []
    lines: dict[str, list[str]] = {}
    said = []
    for index, label, value, why in leftovers:
        lines.setdefault(label or headers[index], []).append(value)
        if why:
            column = f"{column_letter(index)} ({headers[index]})"
            said.append(RowProblem(row_number, column, why, cell_only=True, kept=True))
    added = "\n".join(f"{label}: {' / '.join(values)}" for label, values in lines.items())
    notes = cells.get("notes")
    notes = "" if notes is None else str(notes).strip()
    cells["notes"] = f"{notes}\n{added}" if notes else added
    return said


__all__ = ["contact_values", "keep_in_notes"]
