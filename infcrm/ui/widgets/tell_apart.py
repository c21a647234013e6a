"""Cutting a text to a width without losing what tells it from its neighbours: the pickers of
Find duplicates and the values to choose between hold texts alike but for a few characters
(“@vera.runs5552…”, “elif.diallo505@…” and “elif.diallo10463@…”), which a cut at the end or
in the middle would make read the same."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

# Entries are parts joined by this (“Name · @handle · email · country”).
SEPARATOR = " · "
ELLIPSIS = "…"


def _common_start(one: str, other: str) -> int:
    for index, (a, b) in enumerate(zip(one, other, strict=False)):
        if a != b:
            return index
    return min(len(one), len(other))


def tell_apart(text: str, others: list[str], metrics: QFontMetrics, width: int) -> str:
    """`text` cut to `width`, keeping whole the part where it first differs from `others`
    (and all before it); what is cut is what comes after, from its middle."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    differs = max((_common_start(text, o) for o in others if o != text), default=0)
    end = text.find(SEPARATOR, differs)
    end = len(text) if end < 0 else end
    head, rest = text[:end], text[end:]
    room = width - metrics.horizontalAdvance(head)
    if rest and room > metrics.horizontalAdvance(ELLIPSIS):
        # "…" plus as much of the end as fits: the country or email still shows.
        return head + metrics.elidedText(rest, Qt.TextElideMode.ElideLeft, room)
    if room >= 0:
        return head
    # Narrower still: the start goes, the difference stays…
    cut = metrics.elidedText(head, Qt.TextElideMode.ElideLeft, width)
    if len(head) - (len(cut) - len(ELLIPSIS)) <= differs:
        return cut
    # …unless the difference is early: then the text from it on, cut at its end.
    if differs == 0:
        return metrics.elidedText(head, Qt.TextElideMode.ElideRight, width)
    room = width - metrics.horizontalAdvance(ELLIPSIS)
    return ELLIPSIS + metrics.elidedText(head[differs:], Qt.TextElideMode.ElideRight, room)


__all__ = ["tell_apart"]
