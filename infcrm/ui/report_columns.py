"""How wide each column of the printed campaign report is, and where its words may break.

Qt's own table layout shares a page's width badly when the text is wider than the page: it
gave every column nearly the same width and then cut words anywhere ("Engagem|ents",
"€1,555.0|0", a handle in six pieces). Here each column gets at least its widest unbreakable
word (a figure is one word), and the rest of the width goes to the columns whose text is
longer than that, in proportion to how much longer. Handles may break only after a dot,
underscore, hyphen or slash, and a very long one is cut short with "…" (the screen shows it
whole).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

HANDLE_MAX = 32  # characters of an account shown on paper
PIECE_MAX = 16  # a handle without a dot or underscore for this long breaks every 16 characters
_BREAK_AFTER = re.compile(r"[^._\-/]*[._\-/]+|[^._\-/]+$")
# Where a line of words may break: spaces, and after a hyphen that follows a letter.
_WORDS = re.compile(r"\s+|(?<=[^\W\d_]-)")

Measure = Callable[[str, bool], float]


def shortened_handle(text: str, limit: int = HANDLE_MAX) -> str:
    """`text` cut to `limit` characters with "…" (and no dot or underscore before it)."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip("._-/") + "…"


def handle_pieces(text: str) -> list[str]:
    """The pieces a handle may break between: "@mia.bakes_daily" → "@mia.", "bakes_", "daily";
    a run longer than PIECE_MAX with none of them is cut every PIECE_MAX characters."""
    return [
        piece[start : start + PIECE_MAX]
        for piece in _BREAK_AFTER.findall(text) or [text]
        for start in range(0, len(piece), PIECE_MAX)
    ]


def handle_html(text: str) -> str:
    """A handle as HTML with a zero-width space at each point it may break."""
    return "&#8203;".join(html.escape(piece) for piece in handle_pieces(shortened_handle(text)))


def _unbreakable(line: str, is_handle: bool, is_figure: bool) -> list[str]:
    if is_figure:
        return [line]
    if is_handle:
        return handle_pieces(line)
    return [word for word in _WORDS.split(line) if word]


def column_widths(
    cells: Sequence[Sequence[tuple[Sequence[str], bool]]],
    kinds: Sequence[str],
    measure: Measure,
    available: float,
) -> list[float]:
    """Each column's share of `available` (fractions adding up to 1).

    `cells[column]` holds that column's cells, each (its lines as text, whether it is bold);
    `kinds[column]` is "figure" (never breaks), "handle" or "text"; `measure(text, bold)` is
    its width, padding included, in the unit of `available`.
    """
    least, most = [], []
    for column, kind in zip(cells, kinds, strict=True):
        lines = [(line, bold) for cell, bold in column for line in cell] or [("", False)]
        least.append(
            max(
                measure(piece, bold)
                for line, bold in lines
                for piece in _unbreakable(line, kind == "handle", kind == "figure") or [""]
            )
        )
        most.append(max(least[-1], max(measure(line, bold) for line, bold in lines)))
    if sum(most) <= available or sum(least) >= available:
        chosen = most if sum(most) <= available else least
    else:
        spare = available - sum(least)
        stretch = sum(m - n for m, n in zip(most, least, strict=True))
        chosen = [n + spare * (m - n) / stretch for m, n in zip(most, least, strict=True)]
    total = sum(chosen) or 1.0
    return [width / total for width in chosen]


__all__ = ["HANDLE_MAX", "column_widths", "handle_html", "handle_pieces", "shortened_handle"]
