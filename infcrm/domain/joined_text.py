"""Texts joined into one field (other names, other emails, niches, notes): never longer than
the field holds.

An import joins a person's other names and other emails with a file's, and the other names,
other emails, niches and notes of a person's rows; what would make the field longer than its
form accepts is left out and told, never stored.
"""

from __future__ import annotations

from collections.abc import Iterable

from infcrm.domain.validation import split_list

LIST_SEPARATOR = ", "  # between other emails, and between niches


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


def list_that_fits(
    held: object, added: Iterable[object], limit: int
) -> tuple[str | None, list[str]]:
    """A list field (“a, b”: other emails, niches) holding all of `held` and the items of
    `added` it lacks (whatever their case), as far as `limit` characters allow: the field and
    the items left out, in order."""
    kept = split_list(str(held or ""))
    have = {item.casefold() for item in kept}
    new = [
        item
        for item in split_list(", ".join(str(text) for text in added if text))
        if item.casefold() not in have
    ]
    joined, left = fitting(new, LIST_SEPARATOR, limit, kept)
    return LIST_SEPARATOR.join(joined) or None, left


def shown(
    parts: list[str], separator: str, noun: str, width: int = 80, nouns: str | None = None
) -> str:
    """Parts left out as a message quotes them: “…” when one, “3 names (“…”)” when more
    (`nouns` when the plural is not `noun` + s), cut to about `width` characters."""
    text = separator.join(" ".join(part.split()) for part in parts)
    if len(text) > width:
        text = text[: width - 1].rstrip() + "…"
    many = nouns or f"{noun}s"
    return f"{len(parts)} {many} (“{text}”)" if len(parts) > 1 else f"“{text}”"


__all__ = ["LIST_SEPARATOR", "fitting", "list_that_fits", "shown"]
