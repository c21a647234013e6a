"""Reading a CSV, TSV or TXT file someone already has: its encoding, its delimiter, its rows.

CSV files arrive from every tool and locale. The encoding is taken from a byte-order mark, else
UTF-8 when the bytes are UTF-8 (also when a few bytes are broken: those characters become �
and the rows are named), else Windows-1252 (what Excel writes) unless charset-normalizer
finds it reads clearly worse than another encoding (Shift-JIS, Cyrillic, UTF-16 without a
mark…). The delimiter is the one that splits the first lines into
the same number of cells, counted outside quotes, so an apostrophe in front of a value does
not fool it.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

DELIMITERS = "\t;|,"  # on a tie the rarer character in ordinary text wins
MAX_FIELD = 1_000_000  # characters in one cell; csv's default (131,072) refuses long notes
_SAMPLE_LINES = 30
# How much more garbled (charset-normalizer's share of odd characters) Windows-1252 may read
# than the best-fitting code page and still be chosen: typed text with € and quotes is within.
_CP1252_MARGIN = 0.1
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A UTF-8 sequence of two to four bytes: evidence that the file was written as UTF-8.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


class CsvError(ValueError):
    """The file cannot be read as a CSV file; the message says why."""


@dataclass
class DecodedText:
    """A file's text, the encoding it was read with, and what could not be read."""

    text: str
    encoding: str
    broken: bool = False  # some bytes were not valid in the encoding and became �
    warnings: list[str] = field(default_factory=list)


def decode_text(data: bytes, name: str) -> DecodedText:
    """The text of a CSV file in whichever encoding it was saved."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"), encoding, name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(data.decode(utf16, errors="replace"), utf16, name)
    try:
        return _checked(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        # UTF-8 with a few damaged bytes: reading it all in another code page would garble
        # every accented letter to fix a handful of characters.
        decoded = _checked(data.decode("utf-8", errors="replace"), "utf-8", name)
        decoded.broken = True
        return decoded
    encoding = _detected(data)
    return _checked(data.decode(encoding, errors="replace"), encoding, name)


def _utf16_without_bom(data: bytes) -> str | None:
    """“utf-16-le”/“-be” when every other byte of the start is NUL, as in UTF-16 Latin text."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > len(odd) * 0.6 and even.count(0) < len(even) * 0.1:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.6 and odd.count(0) < len(odd) * 0.1:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> bool:
    """Whether the non-ASCII bytes are mostly well-formed UTF-8 sequences."""
    good = len(_UTF8_MULTIBYTE.findall(data))
    if not good:
        return False
    broken = data.decode("utf-8", errors="replace").count("\ufffd")
    return good >= broken


def _detected(data: bytes) -> str:
    """The encoding charset-normalizer finds most likely, unless Windows-1252 reads as well.

    Windows-1252 is what Excel and most Western tools write. A short file often fits a rare
    DOS, Baltic or Mac code page a little better by charset-normalizer's measure of odd
    characters (“5€” and curly quotes count against Windows-1252), and reading it so turns
    “Jürgen” into “J³rgen”. So Windows-1252 is kept whenever it decodes every byte and reads
    no more than `_CP1252_MARGIN` worse; Cyrillic, Greek or Shift-JIS read in it are far worse.
    """
    from charset_normalizer import from_bytes

    matches = from_bytes(data[:262_144])
    best = matches.best()
    if best is None:
        return "cp1252"
    for match in matches:  # only encodings that decode every byte are among the matches
        if "cp1252" in match.could_be_from_charset:
            return "cp1252" if match.chaos <= best.chaos + _CP1252_MARGIN else best.encoding
    return best.encoding


def _checked(text: str, encoding: str, name: str) -> DecodedText:
    warnings = []
    nuls = text.count("\x00")
    if nuls and nuls <= max(8, len(text) // 1000) and not _looks_binary(text.replace("\x00", "")):
        # A few NUL characters in a text file are a damaged save, not a binary file: removed,
        # and the lines they were on named so the user can check them.
        lines = _lines_of_nuls(text, 11)
        listed = ", ".join(map(str, lines[:10])) + (" …" if len(lines) > 10 else "")
        where = "line" if len(lines) == 1 else "lines"
        what = "a NUL character" if nuls == 1 else f"{nuls:,} NUL characters"
        warnings.append(
            f"“{name}” held {what} (a sign of a damaged save) on {where} {listed}; "
            "they were removed. Check those rows."
        )
        text = text.replace("\x00", "")
    if _looks_binary(text):
        raise CsvError(
            f"“{name}” is not a spreadsheet: it holds binary data rather than text. Choose an "
            ".xlsx, .ods or .csv file."
        )
    return DecodedText(text, encoding, warnings=warnings)


_NUL = re.compile("\x00")


def _lines_of_nuls(text: str, most: int) -> list[int]:
    """The first `most` lines holding a NUL, counted as the text is read once."""
    lines: list[int] = []
    line, start = 1, 0
    for match in _NUL.finditer(text):
        line += text.count("\n", start, match.start())
        start = match.start()
        if not lines or lines[-1] != line:
            lines.append(line)
            if len(lines) == most:
                break
    return lines


def _looks_binary(text: str) -> bool:
    """Whether decoded text is really binary junk (NULs, many control characters)."""
    sample = text[:65536]
    if "\x00" in sample:
        return True
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t\x0c")
    broken = sample.count("\ufffd")
    return controls > max(2, len(sample) // 100) or broken > max(8, len(sample) // 20)


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines most consistently into several cells."""
    lines = text[:65536].splitlines()[:_SAMPLE_LINES]
    sample = "\n".join(lines)
    best, best_score = ",", (0, 0)  # a file of one column has no delimiter: any will do
    for delimiter in DELIMITERS:
        widths = [
            len(row)
            for row in csv.reader(io.StringIO(sample), delimiter=delimiter, strict=False)
            if any(cell.strip() for cell in row)
        ]
        common = Counter(w for w in widths if w > 1).most_common(1)
        if not common:
            continue
        width, lines_agreeing = common[0]
        score = (lines_agreeing, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def csv_rows(decoded: DecodedText, name: str, *, delimiter: str | None = None) -> Iterator[tuple]:
    """Every row of the text as a tuple of cells (text, or None for a blank cell), streamed.

    Raises CsvError while iterating, at the first line that cannot be read.
    """
    for row in csv_lines(decoded, name, delimiter=delimiter):
        yield tuple([cell or None for cell in row])


def csv_lines(decoded: DecodedText, name: str, *, delimiter: str | None = None) -> Iterator[list]:
    """Every row of the text as the csv module reads it (a list, "" for a blank cell), streamed.

    Raises CsvError while iterating, at the first line that cannot be read.
    """
    text = decoded.text
    delimiter = delimiter or sniff_delimiter(text)
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        yield from reader
    except csv.Error as exc:
        raise CsvError(f"“{name}” is not a readable CSV file: {exc}.") from exc


__all__ = [
    "DELIMITERS",
    "CsvError",
    "DecodedText",
    "csv_lines",
    "csv_rows",
    "decode_text",
    "sniff_delimiter",
]
