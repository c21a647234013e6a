"""Gathering one row's cells into fields: several columns into one, labelled values, platforms.

The mapping gives each column a field; a row still needs routing: Category_1 and Category_2
both feed Niches, a “Contact” cell of “Email: x@y.com | Instagram: @ana” feeds Email and the
Instagram handle, and in a file with one column per network and one Followers column, the
followers belong to whichever network's handle the row has.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from infcrm.files.contact_cells import contact_values
from infcrm.files.import_mapping import FIELDS_BY_KEY, IGNORE, LABELLED, LAST_NAME, LIST_FIELDS
from infcrm.files.row_values import cell_text

_LIST_SPLIT = re.compile(r"\s*(?:[|;,/\n]|\s-\s)\s*")
_LABEL_KEYS = ("email", "other_emails", "phone", "url", "other_handle")
_MAIN_FIGURES = ("followers",)
_SPLIT_CACHE = 10_000  # distinct list values remembered per import
# A row's values from contact cells that have no field of their own: (column, label in Notes
# — None for the column's name, value, why it was not placed — None for a second phone).
LEFTOVERS = "contact_leftovers"


def split_values(text: str) -> list[str]:
    """“food | travel; DIY/crafts” → food, travel, DIY, crafts (repeats dropped)."""
    seen: dict[str, str] = {}
    for part in _LIST_SPLIT.split(text):
        item = " ".join(part.split())
        if item:
            seen.setdefault(item.casefold(), item)
    return list(seen.values())


class RowRouter:
    """Turns a row's cells into {field: value} following a column mapping."""

    def __init__(self, mapping: Sequence[str]) -> None:
        self.single: dict[str, int] = {}
        self.multi: dict[str, list[int]] = {}
        self.labelled: list[int] = []
        for index, key in enumerate(mapping):
            if key == IGNORE:
                continue
            if key == LABELLED:
                self.labelled.append(index)
            elif key in LIST_FIELDS:
                self.multi.setdefault(key, []).append(index)
            else:
                self.single.setdefault(key, index)
        # Where each field comes from, so a problem names the column to look at.
        self.columns: dict[str, int] = dict(self.single)
        for key, indexes in self.multi.items():
            self.columns[key] = indexes[0]
        if self.labelled:
            platform_handles = [k for k in FIELDS_BY_KEY if k.endswith("_handle")]
            for key in (*_LABEL_KEYS, *platform_handles):
                self.columns.setdefault(key, self.labelled[0])
        self.platform_handles = [
            (FIELDS_BY_KEY[k].platform, k) for k in self.columns if k.endswith("_handle")
        ]
        # One column per network and no handle column: each row's main account is the first
        # network it has a handle on, and the row's followers, likes and views are that one's.
        self.handle_per_row = bool(self.platform_handles) and not (
            {"handle", "url"} & self.single.keys()
        )
        self.name_from_handle = "handle" in self.single and not (
            {"display_name", "real_name"} & self.columns.keys()
        )
        if self.name_from_handle:
            self.columns.setdefault("display_name", self.single["handle"])
        # A social network before a website, then in the file's column order.
        self.handle_order = sorted(
            self.platform_handles, key=lambda p: (p[0] == "other", self.columns[p[1]])
        )
        # Lists of a big file repeat a few values (“food, travel”): each is split once.
        self._split: dict[str, str | None] = {}
        if self.handle_per_row:
            first = min(self.columns[k] for _p, k in self.platform_handles)
            self.columns.setdefault("handle", first)
            self.columns.setdefault("platform", first)

    def cells(self, row: Sequence[object]) -> dict[str, object]:
        """The row's value for each field (None where it has none)."""
        out: dict[str, object] = {key: row[index] for key, index in self.single.items()}
        for key, indexes in self.multi.items():
            if len(indexes) == 1:
                out[key] = self._joined(row[indexes[0]])
                continue
            values: list[str] = []
            for index in indexes:
                if row[index] is not None:
                    values.extend(split_values(cell_text(row[index])))
            out[key] = _join(values)
        for index in self.labelled:
            if row[index] is not None:
                self._labelled(index, cell_text(row[index]), out)
        if self.handle_per_row:
            self._main_from_platform_columns(out)
        if LAST_NAME in out:
            _add_last_name(out)
        if self.name_from_handle:
            handle = out.get("handle")
            if isinstance(handle, str) and " " in handle.strip() and "://" not in handle:
                # “5-Minute Crafts GIRLY” in a handle column of a list with no name column is
                # who the row is, not a handle.
                out["display_name"], out["handle"] = handle, None
        return out

    def _joined(self, value: object) -> str | None:
        """One list cell as “a, b, c” without repeats, None when empty."""
        if value is None:
            return None
        text = cell_text(value)
        joined = self._split.get(text, False)
        if joined is False:
            joined = _join(split_values(text))
            if len(self._split) < _SPLIT_CACHE:
                self._split[text] = joined
        return joined  # type: ignore[return-value]

    def _labelled(self, index: int, text: str, out: dict[str, object]) -> None:
        """A contact cell's values into their fields; a second email into Other emails, and
        what has no place left over for Notes, never dropped."""
        pairs, unplaced = contact_values(text)
        leftovers: list[tuple[int, str | None, str, str | None]] = []
        for key, value in pairs:
            current = out.get(key)
            if current is None:
                out[key] = value
            elif cell_text(current).casefold() == value.casefold():
                continue  # the same value twice
            elif key == "email":
                others = cell_text(out.get("other_emails"))
                out["other_emails"] = ", ".join(x for x in (others, value) if x)
            elif key == "phone":  # infcrm keeps one phone number
                leftovers.append((index, "Other phone", value, None))
            else:
                label = FIELDS_BY_KEY[key].label
                why = f"“{value[:60]}” is a second {label} in this row; kept in Notes."
                leftovers.append((index, label, value, why))
        for part in unplaced:
            why = (
                f"“{part[:60]}” is not an email address, phone number or profile link; "
                "kept in Notes."
            )
            leftovers.append((index, None, part, why))
        if leftovers:
            out.setdefault(LEFTOVERS, []).extend(leftovers)  # type: ignore[attr-defined]

    def _main_from_platform_columns(self, out: dict[str, object]) -> None:
        if out.get("handle") is not None:
            return
        for platform, key in self.handle_order:
            value = out.get(key)
            if value is None:
                continue
            out["handle"] = value
            if out.get("platform") is None:
                out["platform"] = platform
            out[key] = None
            followers_key = f"{platform}_followers"
            if out.get("followers") is None and out.get(followers_key) is not None:
                out["followers"] = out[followers_key]
            out[followers_key] = None
            return


def _add_last_name(out: dict[str, object]) -> None:
    """“John” and “Adams” in two columns are the name “John Adams”; a last name alone is it."""
    last = out.pop(LAST_NAME)
    if last is None:
        return
    last = cell_text(last).strip()
    name = out.get("display_name")
    first = cell_text(name).strip() if name is not None else ""
    if not first:
        out["display_name"] = last
    elif not first.casefold().endswith(last.casefold()):  # a full name in the first column
        out["display_name"] = f"{first} {last}"


def _join(values: list[str]) -> str | None:
    """Values as “a, b, c”, repeats (whatever their case) dropped, None when there are none."""
    unique: dict[str, str] = {}
    for value in values:
        unique.setdefault(value.casefold(), value)
    return ", ".join(unique.values()) or None


__all__ = ["LEFTOVERS", "RowRouter", "split_values"]
