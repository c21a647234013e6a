"""Long lists of whole numbers packed into a few bytes: the people of one bulk move.

A bulk stage change of 100,000 people is kept as one record rather than one timeline row per
person (services/outreach/bulk_moves.py). Its people are ascending ids, stored as the
differences between neighbours (mostly 1 for a whole list) and its stages as they are, each
as 8-byte little-endian integers compressed with zlib: a few kilobytes for 100,000 people.
"""

from __future__ import annotations

import sys
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from itertools import accumulate


def _pack(values: Sequence[int]) -> bytes:
    numbers = array("q", values)
    if sys.byteorder == "big":
        numbers.byteswap()
    return zlib.compress(numbers.tobytes(), 1)


def _unpack(data: bytes) -> list[int]:
    numbers = array("q")
    numbers.frombytes(zlib.decompress(data))
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers.tolist()


def pack_ids(ids: Sequence[int]) -> bytes:
    """Ascending ids, packed."""
    return _pack([b - a for a, b in zip((0, *ids[:-1]), ids, strict=True)])


def unpack_ids(data: bytes) -> list[int]:
    """The ascending ids `pack_ids` packed."""
    return list(accumulate(_unpack(data)))


def pack_values(values: Sequence[int | None]) -> bytes:
    """Ids in any order, None kept as 0 (no row has id 0), packed."""
    return _pack([value or 0 for value in values])


def unpack_values(data: bytes) -> list[int | None]:
    """The ids `pack_values` packed, 0 back to None."""
    return [value or None for value in _unpack(data)]


def position(ids: Sequence[int], wanted: int) -> int | None:
    """Where `wanted` is in ascending `ids` (None when it is not there)."""
    at = bisect_left(ids, wanted)
    return at if at < len(ids) and ids[at] == wanted else None


__all__ = ["pack_ids", "pack_values", "position", "unpack_ids", "unpack_values"]
