"""Reading one stream out of a Microsoft compound file (the container of an old .xls).

An Excel 97-2003 workbook keeps its cells in the “Workbook” stream of a compound file
([MS-CFB]): sectors chained by a table (the FAT), small streams in 64-byte mini sectors chained
by their own table. Only what finding one stream by name needs is read here; a damaged file
gives nothing rather than an error, as the reader that imports it says what is wrong.
"""

from __future__ import annotations

import struct
from pathlib import Path

_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = 0xFFFFFFFE  # ENDOFCHAIN
_LAST_REAL = 0xFFFFFFFA  # any sector number above this marks no sector


def compound_stream(path: Path, names: tuple[str, ...]) -> bytes | None:
    """The first stream of the file called one of `names` (case-insensitive), or None when the
    file is no compound file, holds none of them or is damaged."""
    try:
        data = path.read_bytes()
        return _stream(data, {n.casefold() for n in names}) if data.startswith(_MAGIC) else None
    except (OSError, struct.error, IndexError, ValueError):
        return None


def _stream(data: bytes, wanted: set[str]) -> bytes | None:
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    size, mini_size = 1 << shift, 1 << mini_shift
    (fat_count, first_dir, _, cutoff, first_minifat, minifat_count, first_difat, difat_count) = (
        struct.unpack_from("<IIIIIIII", data, 0x2C)
    )

    def sector(number: int) -> bytes:
        start = (number + 1) * size
        return data[start : start + size]

    fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
    at = first_difat
    for _ in range(min(difat_count, len(data) // size)):  # more FAT sectors, listed in DIFAT
        if at > _LAST_REAL:
            break
        listed = struct.unpack(f"<{size // 4}I", sector(at))
        fat_sectors += listed[:-1]
        at = listed[-1]
    fat: list[int] = []
    for number in fat_sectors[:fat_count]:
        fat += struct.unpack(f"<{size // 4}I", sector(number))

    def chain(first: int, table: list[int]) -> list[int]:
        found, at = [], first
        while at <= _LAST_REAL and len(found) <= len(table):  # a loop is damage: stop
            found.append(at)
            at = table[at]
        return found

    directory = b"".join(sector(n) for n in chain(first_dir, fat))
    entries = [directory[i : i + 128] for i in range(0, len(directory) - 127, 128)]
    root = entries[0]
    for entry in entries:
        length, kind = struct.unpack_from("<HB", entry, 64)
        name = entry[: max(length - 2, 0)].decode("utf-16-le", "replace").casefold()
        if kind != 2 or name not in wanted:
            continue
        start, stream_size = struct.unpack_from("<IQ", entry, 116)
        if stream_size >= cutoff:
            body = b"".join(sector(n) for n in chain(start, fat))
            return body[:stream_size]
        minifat: list[int] = []
        for number in chain(first_minifat, fat)[:minifat_count]:
            minifat += struct.unpack(f"<{size // 4}I", sector(number))
        root_start = struct.unpack_from("<I", root, 116)[0]
        mini = b"".join(sector(n) for n in chain(root_start, fat))
        body = b"".join(mini[n * mini_size : (n + 1) * mini_size] for n in chain(start, minifat))
        return body[:stream_size]
    return None


__all__ = ["compound_stream"]
