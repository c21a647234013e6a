"""Texts joined into one field (other names, notes): never longer than the field holds.

An import joins a person's other names with a file's, and the notes of a person's rows; what
would make the field longer than its form accepts is left out and told, never stored.
"""

from __future__ import annotations

from collections.abc import Iterable


def fitting(
    parts: Iterable[str], separator: str, limit: int, kept: Iterable[str] = ()
) -> tuple[list[str], list[str]]:
    """`kept` (all of them, whatever their length: what a field holds already is never
    dropped) and the `parts` after them, in order, that keep the text joined by `separator`
    within `limit` characters: a part that would make it longer is left out, a shorter one
    after it may still fit. The parts joined, and those left out, in order."""
    joined = list(kept)
    size = len(separator.join(joined))
    left: list[str] = []
    for part in parts:
        grown = size + len(part) + (len(separator) if joined else 0)
        if grown > limit:
            left.append(part)
        else:
            joined.append(part)
            size = grown
    return joined, left


def shown(parts: list[str], separator: str, noun: str, width: int = 80) -> str:
    """Parts left out as a message quotes them: “…” when one, “3 names (“…”)” when more, cut
    to about `width` characters."""
    text = separator.join(" ".join(part.split()) for part in parts)
    if len(text) > width:
        text = text[: width - 1].rstrip() + "…"
    return f"{len(parts)} {noun}s (“{text}”)" if len(parts) > 1 else f"“{text}”"


__all__ = ["fitting", "shown"]
